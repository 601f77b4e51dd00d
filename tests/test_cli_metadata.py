"""links, lookup, search --json and citation export from the command line."""

import json
import socket

import bibtexparser
import fake_arxiv
import pytest
import rispy
from conftest import run_cli


@pytest.fixture
def server():
    with fake_arxiv.serving() as fake:
        yield fake


@pytest.fixture
def run(tmp_path, samples, server):
    """conftest's run on the samples, asking the fake arXiv."""

    def run(*args):
        return run_cli(
            tmp_path / "lib.sqlite", *args, cwd=tmp_path, READINGLIST_ARXIV_API=server.url
        )

    assert run("import", str(samples)).returncode == 0
    return run


def id_of(run, query):
    (paper,) = json.loads(run("search", "--json", query).stdout)
    return str(paper["id"])


def test_links_are_searches_until_the_paper_is_found(run, server):
    light = id_of(run, "light schrödinger bridge")
    before = json.loads(run("links", light, "--json").stdout)
    assert list(before) == ["arXiv", "Hugging Face Papers", "Semantic Scholar", "Google Scholar"]
    assert before["arXiv"] == (
        "https://arxiv.org/search/?query=Light+Schr%C3%B6dinger+Bridge&searchtype=title"
    )
    assert server.requests == []  # links never ask anything

    looked = run("lookup", light)
    assert looked.returncode == 0, looked.stderr
    assert "arXiv:2310.01174" in looked.stdout
    assert "1 found" in looked.stderr
    after = json.loads(run("links", light, "--json").stdout)
    assert after["arXiv"] == "https://arxiv.org/abs/2310.01174"
    assert after["Hugging Face Papers"] == "https://huggingface.co/papers/2310.01174"
    assert after["Semantic Scholar"] == "https://www.semanticscholar.org/arxiv/2310.01174"
    assert after["Google Scholar"].startswith("https://scholar.google.com/scholar?q=%22Light")


def test_lookup_fills_search_json_and_says_why_siblings_differ(run):
    unsup = id_of(run, 'title:"picture of unsupervised learning"')
    sup = id_of(run, 'title:"picture of supervised learning"')
    policy = id_of(run, 'title:"Policy-Guided Diffusion"')
    looked = run("lookup", unsup, sup, policy, "--json")
    outcomes = {str(row["id"]): row for row in json.loads(looked.stdout)}
    assert outcomes[unsup]["arxiv_id"] == "2211.14067"
    assert outcomes[sup]["arxiv_id"] == "2212.00606"
    assert outcomes[policy]["found"] is False

    (paper,) = json.loads(run("search", "--json", "author:Agliari", "unsupervised").stdout)
    assert paper["arxiv_id"] == "2211.14067"
    assert paper["authors"][:2] == ["Elena Agliari", "Linda Albanese"]
    assert paper["published"] == "2022-11-25"
    assert paper["url"] == "https://arxiv.org/abs/2211.14067"
    assert paper["pdf_url"] == "https://arxiv.org/pdf/2211.14067"
    (unknown,) = json.loads(run("search", "--json", 'title:"Policy-Guided Diffusion"').stdout)
    assert [unknown[k] for k in ("arxiv_id", "published", "url", "pdf_url")] == [None] * 4
    assert unknown["authors"] == []

    again = run("lookup", unsup, sup)
    assert "Nothing to look up" in again.stderr


def test_offline_lookup_is_one_line_and_exit_1(run, tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/api/query"
    result = run_cli(tmp_path / "lib.sqlite", "lookup", "1", "2", READINGLIST_ARXIV_API=closed)
    assert result.returncode == 1
    progress, summary = result.stderr.strip().splitlines()
    assert progress.startswith("[0/2] asking arXiv… Enhancing a Convolutional Autoencoder")
    assert summary == (
        f"Looked up none of 2 papers on arXiv. arXiv could not be reached "
        f"(connection refused; {closed}); nothing was lost, the 2 left are looked up next time."
    )
    assert "Traceback" not in result.stderr


def test_lookup_needs_ids_or_all(run):
    result = run("lookup")
    assert result.returncode == 2
    assert "lookup needs paper ids or --all" in result.stderr


def test_export_chooses_the_citation_format_by_extension(run, tmp_path):
    light = id_of(run, "light schrödinger bridge")
    run("lookup", light)
    run("tag", light, "to read")
    written = run("export", "--query", 'tag:"to read"', "-o", "list.bib")
    assert written.returncode == 0, written.stderr
    assert "1 papers written to list.bib as bibtex (1 with arXiv metadata)" in written.stderr
    (entry,) = bibtexparser.parse_file(str(tmp_path / "list.bib")).entries
    assert entry["eprint"] == "2310.01174"
    run("export", "--all", "-o", "all.ris")
    assert len(rispy.load(tmp_path / "all.ris")) == 314
    run("export", "--all", "-o", "all.json")
    assert len(json.loads((tmp_path / "all.json").read_text(encoding="utf-8"))) == 314
    forced = run("export", "--all", "--format", "csl-json")
    assert json.loads(forced.stdout)[0]["type"] == "article"
    markdown = run("export", "--all", "-o", "all.md")  # Markdown as before
    assert (tmp_path / "all.md").read_text(encoding="utf-8").startswith("#")
    assert markdown.returncode == 0
