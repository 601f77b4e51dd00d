"""Where the preview's "Open on" links go, for a paper with and without its arXiv id."""

from readinglist.core.metadata.links import DEFAULT_SITE, SITES, links
from readinglist.core.metadata.records import ArxivRecord, metadata_json

TITLE = 'Light Schr\\"odinger Bridge & "Friends"'


def test_without_an_arxiv_id_each_site_searches_the_plain_title():
    found = links(TITLE)
    assert list(found) == list(SITES) and DEFAULT_SITE == "arXiv"
    words = "Light+Schr%C3%B6dinger+Bridge+%26+%22Friends%22"
    assert found == {
        "arXiv": f"https://arxiv.org/search/?query={words}&searchtype=title",
        "Hugging Face Papers": f"https://huggingface.co/papers?q={words}",
        "Semantic Scholar": f"https://www.semanticscholar.org/search?q={words}",
        # Scholar searches the exact title: quoted, the title's own quotes dropped.
        "Google Scholar": "https://scholar.google.com/scholar?q="
        "%22Light+Schr%C3%B6dinger+Bridge+%26+Friends%22",
    }


def test_with_an_arxiv_id_each_site_opens_the_papers_own_page():
    record = ArxivRecord("2305.12345", 'Light Schr\\"odinger Bridge')
    found = links(TITLE, record)
    assert list(found) == list(SITES)
    assert found == {
        "arXiv": "https://arxiv.org/abs/2305.12345",
        "Hugging Face Papers": "https://huggingface.co/papers/2305.12345",
        "Semantic Scholar": "https://www.semanticscholar.org/arxiv/2305.12345",
        "Google Scholar": "https://scholar.google.com/scholar?q="
        "%22Light+Schr%C3%B6dinger+Bridge+%26+Friends%22",
    }


def test_a_record_survives_the_round_trip_through_its_table_row():
    record = ArxivRecord(
        "hep-th/9901001",
        "Strings",
        abstract="About strings.",
        authors=["Ana Müller", "Bo Li"],
        published="1999-01-04",
        updated="2001-02-03",
        version=3,
        primary_category="hep-th",
        doi="10.1/x",
        journal_ref="Nucl. Phys. B 1 (1999)",
    )
    row = record.to_row()
    assert row["authors"] == '["Ana Müller", "Bo Li"]'  # JSON, letters kept as they are
    assert ArxivRecord.from_row(row) == record
    assert (record.year, record.pdf_url) == ("1999", "https://arxiv.org/pdf/hep-th/9901001")


def test_a_row_with_empty_columns_reads_as_the_defaults():
    row = dict.fromkeys(
        [
            "arxiv_id",
            "title",
            "abstract",
            "authors",
            "published",
            "updated",
            "version",
            "primary_category",
            "doi",
            "journal_ref",
        ]
    )
    row.update(arxiv_id="2301.00001", title="T")
    assert ArxivRecord.from_row(row) == ArxivRecord("2301.00001", "T")
    assert ArxivRecord.from_row(row).version == 1


def test_search_json_fields_for_a_known_and_an_unknown_paper():
    assert metadata_json(None) == {
        "arxiv_id": None,
        "authors": [],
        "published": None,
        "url": None,
        "pdf_url": None,
        "doi": None,
        "primary_category": None,
    }
    record = ArxivRecord("2305.12345", "T", authors=["A B"], published="2023-05-19")
    assert metadata_json(record) == {
        "arxiv_id": "2305.12345",
        "authors": ["A B"],
        "published": "2023-05-19",
        "url": "https://arxiv.org/abs/2305.12345",
        "pdf_url": "https://arxiv.org/pdf/2305.12345",
        "doi": None,
        "primary_category": None,
    }
    full = ArxivRecord("2305.12345", "T", doi="10.1/x", primary_category="cs.LG")
    assert metadata_json(full)["doi"] == "10.1/x"
    assert metadata_json(full)["primary_category"] == "cs.LG"
    assert metadata_json(full)["published"] is None
