"""Citation export read back by the parsers Zotero- and JabRef-style tools use."""

import json
import re

import bibtexparser
import fake_arxiv
import pytest
import rispy
from bibtexparser import middlewares
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from readinglist.core.metadata import store
from readinglist.core.metadata.arxiv import ArxivClient
from readinglist.core.metadata.citation import (
    Item,
    citation_keys,
    split_name,
    to_bibtex,
    to_csl_json,
    to_ris,
)
from readinglist.core.metadata.lookup import look_up
from readinglist.core.models import Paper

NASTY = r"50% of $x_i^2$ & {braces} #1 \ ~ Schrödinger μ^+ PFGM++"


def paper(paper_id, title, abstract="", tags=()):
    return Paper(paper_id, title, abstract, "2026-01-01", 0, "unread", "", list(tags), 1, None)


@pytest.fixture(scope="module")
def looked_up(tmp_path_factory, samples_dir=fake_arxiv.FIXTURES.parent / "digests"):
    from readinglist.core.library import Library

    library = Library(tmp_path_factory.mktemp("cite") / "library.sqlite")
    library.import_files([samples_dir])
    with fake_arxiv.serving() as server:
        look_up(library, None, ArxivClient(server.url, min_interval=0))
    papers = library.search("", with_digests=False)
    records = store.metadata_for(library, [p.id for p in papers])
    items = [Item(p, records.get(p.id)) for p in papers]
    yield items
    library.close()


def decoded(text):
    return bibtexparser.parse_string(
        text,
        append_middleware=[
            middlewares.LatexDecodingMiddleware(),
            middlewares.SeparateCoAuthors(),
            middlewares.SplitNameParts(),
        ],
    )


def test_bibtex_of_the_whole_sample_library_parses_whole(looked_up):
    text = to_bibtex(looked_up)
    parsed = decoded(text)
    assert parsed.failed_blocks == []
    assert len(parsed.entries) == len(looked_up)
    keys = [e.key for e in parsed.entries]
    assert len(set(keys)) == len(keys)
    # JabRef's key rules: no spaces or characters it would have to escape.
    assert all(re.fullmatch(r"[a-z0-9]+", key) for key in keys)
    by_title = {e["title"]: e for e in parsed.entries}
    light = by_title["Light Schrödinger Bridge"]  # UTF-8 kept, not \"o
    assert light.key == "korotin2023light"
    assert light["eprint"] == "2310.01174"
    assert light["archivePrefix"] == "arXiv"
    assert light["primaryClass"] == "cs.LG"
    assert light["year"] == "2023"
    assert [name.last for name in light["author"]] == [["Korotin"], ["Gushchin"], ["Burnaev"]]
    assert "Schrödinger" in text
    hebbian = by_title[
        "Dense Hebbian neural networks: a replica symmetric picture of supervised learning"
    ]
    assert hebbian["doi"] == "10.1016/j.physa.2023.129076"


def test_titles_with_tex_specials_survive_a_round_trip():
    text = to_bibtex([Item(paper(1, NASTY, abstract="100% & #2", tags=["to read", "a_b"]))])
    (entry,) = decoded(text).entries
    # pylatexenc prints \textasciicircum as the circumflex glyph U+02C6, as TeX would.
    assert entry["title"].replace("\u02c6", "^") == NASTY
    assert entry["abstract"] == "100% & #2"
    assert entry["keywords"] == "to read, a_b"
    assert "{PFGM++}" in text  # capitals kept from the style's lower-casing


def test_keys_are_author_year_word_unique_and_stable(looked_up):
    keys = citation_keys(looked_up)
    assert keys == citation_keys(list(reversed(looked_up)))  # order does not matter
    same = [Item(paper(7, "Dense networks")), Item(paper(3, "Dense networks"))]
    assert citation_keys(same) == {3: "anondense", 7: "anondenseb"}
    unsup = next(i for i in looked_up if "unsupervised learning" in i.paper.title)
    sup = next(i for i in looked_up if "of supervised learning" in i.paper.title)
    assert (keys[unsup.paper.id], keys[sup.paper.id]) == ("agliari2022dense", "agliari2022denseb")


def test_names_split_as_citation_managers_expect():
    assert split_name("Elena Agliari") == ("Agliari", "Elena")
    assert split_name("Jan van der Berg") == ("van der Berg", "Jan")
    assert split_name("Martin Luther King Jr.") == ("King Jr.", "Martin Luther")
    assert split_name("Plato") == ("Plato", "")


def test_csl_json_renders_with_citeproc(looked_up):
    data = json.loads(to_csl_json(looked_up))
    assert {item["type"] for item in data} == {"article"}
    light = next(item for item in data if item["title"] == "Light Schrödinger Bridge")
    assert light["author"][0] == {"family": "Korotin", "given": "Alexander"}
    assert light["issued"] == {"date-parts": [[2023, 10, 2]]}
    assert light["number"] == "arXiv:2310.01174"
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(data), formatter.plain)
    bibliography.register(Citation([CitationItem(light["id"])]))
    (rendered,) = [str(entry) for entry in bibliography.bibliography()]
    assert "Korotin" in rendered and "2023" in rendered and "Light Schrödinger Bridge" in rendered


def test_ris_reads_back_with_rispy(looked_up):
    entries = rispy.loads(to_ris(looked_up))
    assert len(entries) == len(looked_up)
    light = next(e for e in entries if e["title"] == "Light Schrödinger Bridge")
    assert light["type_of_reference"] == "UNPB"
    assert light["authors"] == ["Korotin, Alexander", "Gushchin, Nikita", "Burnaev, Evgeny"]
    assert light["year"] == "2023"
    assert light["urls"] == ["https://arxiv.org/abs/2310.01174"]
    plain = next(e for e in entries if e["title"] == "Policy-Guided Diffusion")
    assert plain["type_of_reference"] == "GEN"
    assert "authors" not in plain
