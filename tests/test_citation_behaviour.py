"""Citation files line by line: keys past z, names with suffixes, RIS fields, braces in titles."""

import pytest

from readinglist.core.metadata.citation import (
    Item,
    bib_title,
    citation_keys,
    render,
    split_name,
)
from readinglist.core.metadata.records import ArxivRecord
from readinglist.core.models import Paper


def paper(paper_id, title, abstract="", tags=()):
    return Paper(paper_id, title, abstract, "2026-01-01", 0, "unread", "", list(tags), 1, None)


def test_keys_past_z_go_on_with_two_letters():
    items = [Item(paper(i, "Graphs")) for i in range(1, 30)]
    keys = citation_keys(items)
    assert [keys[i] for i in (1, 2, 3, 26)] == [
        "anongraphs",
        "anongraphsb",
        "anongraphsc",
        "anongraphsz",
    ]
    assert [keys[i] for i in (27, 28, 29)] == ["anongraphsaa", "anongraphsab", "anongraphsac"]


@pytest.mark.parametrize(
    ("name", "split"),
    [
        ("Smith Jr", ("Jr", "Smith")),  # two words: "Jr" is the family name, not a suffix
        ("John Smith Jr.", ("Smith Jr.", "John")),
        ("John Smith III", ("Smith III", "John")),
        ("Ludwig van Beethoven", ("van Beethoven", "Ludwig")),
        ("Van Morrison", ("Morrison", "Van")),  # a given name is never a particle
        ("Plato", ("Plato", "")),
        ("  Plato ", ("Plato", "")),
    ],
)
def test_names_split_into_family_and_given(name, split):
    assert split_name(name) == split


def test_bibtex_braces_only_words_whose_capitals_matter():
    assert bib_title("Transformers for GNNs and BERT-like iPhone xY-Net") == (
        "Transformers for {GNNs} and {BERT-like} {iPhone} {xY-Net}"
    )
    assert bib_title("A Study of 3D") == "A Study of 3D"
    assert bib_title("eX") == "{eX}"


RECORD = ArxivRecord(
    "2305.12345",
    "Light",
    authors=["Elena Agliari", "Jan van der Berg"],
    published="2023-05-09",
    primary_category="cs.LG",
    doi="10.1/x_y",
)


def test_ris_of_a_looked_up_paper_and_of_one_without_a_record():
    items = [
        Item(paper(2, "Light   Bridges", "About\nlight.", ["optics", "b"]), RECORD),
        Item(paper(5, "On Dark Matter")),
    ]
    assert render("ris", items) == (
        "TY  - UNPB\n"
        "ID  - agliari2023light\n"
        "TI  - Light Bridges\n"
        "AU  - Agliari, Elena\n"
        "AU  - van der Berg, Jan\n"
        "PY  - 2023\n"
        "DA  - 2023/05/09\n"
        "PB  - arXiv\n"
        "M1  - arXiv:2305.12345\n"
        "UR  - https://arxiv.org/abs/2305.12345\n"
        "L1  - https://arxiv.org/pdf/2305.12345\n"
        "DO  - 10.1/x_y\n"
        "AB  - About light.\n"
        "KW  - optics\n"
        "KW  - b\n"
        "ER  - \n"
        "TY  - GEN\n"
        "ID  - anondark\n"
        "TI  - On Dark Matter\n"
        "ER  - \n"
    )


def test_bibtex_of_a_looked_up_paper_field_by_field():
    item = Item(paper(2, "Light & GNNs", "50% done", ["x_y"]), RECORD)
    assert render("bibtex", [item]) == (
        "@misc{agliari2023light,\n"
        "  title = {Light \\& {GNNs}},\n"
        "  author = {Agliari, Elena and van der Berg, Jan},\n"
        "  year = {2023},\n"
        "  month = {5},\n"
        "  eprint = {2305.12345},\n"
        "  archivePrefix = {arXiv},\n"
        "  primaryClass = {cs.LG},\n"
        "  doi = {10.1/x\\_y},\n"
        "  url = {https://arxiv.org/abs/2305.12345},\n"
        "  abstract = {50\\% done},\n"
        "  keywords = {x\\_y}\n"
        "}\n"
    )


def test_csl_json_of_a_looked_up_paper():
    import json

    item = Item(
        paper(2, "Light", "About", ["a", "b"]),
        ArxivRecord(
            "2305.12345",
            "Light",
            authors=["Plato", "Ada Lovelace"],
            published="2023-05-09",
            doi="10.1/x",
        ),
    )
    text = render("csl-json", [item])
    assert text.endswith("]\n")
    assert json.loads(text) == [
        {
            "id": "plato2023light",
            "type": "article",
            "title": "Light",
            "abstract": "About",
            "author": [{"literal": "Plato"}, {"family": "Lovelace", "given": "Ada"}],
            "issued": {"date-parts": [[2023, 5, 9]]},
            "number": "arXiv:2305.12345",
            "publisher": "arXiv",
            "URL": "https://arxiv.org/abs/2305.12345",
            "DOI": "10.1/x",
            "keyword": "a, b",
        }
    ]


def test_an_unknown_format_names_the_known_ones():
    with pytest.raises(
        ValueError,
        match=r"^unknown citation format 'doc'; use one of bibtex, "
        r"csl-json, ris$",
    ):
        render("doc", [])
