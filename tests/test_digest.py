import datetime as dt

import pytest
from conftest import COMPACT_SAMPLE, FIXTURES, SECOND_SPACED_SAMPLE, SPACED_SAMPLE

from readinglist.core.digest import COMPACT, SPACED, DigestError, parse_digest, read_digest

TODAY = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("path", "count", "layout", "date"),
    [
        (SPACED_SAMPLE, 32, SPACED, "2026-05-05"),
        (COMPACT_SAMPLE, 232, COMPACT, None),
        (SECOND_SPACED_SAMPLE, 67, SPACED, "2026-03-11"),
    ],
)
def test_sample_dumps_give_every_paper(samples, path, count, layout, date):
    digest = read_digest(path, today=TODAY)
    assert len(digest.entries) == count
    assert digest.layout == layout
    assert digest.date == date
    assert digest.warnings == []
    assert all(e.title and len(e.abstract) > 200 for e in digest.entries)


def test_compact_first_title_loses_the_glued_subscribe(samples):
    digest = read_digest(COMPACT_SAMPLE)
    assert digest.entries[0].title == "Proper losses for discrete generative models"
    assert digest.entries[0].line == 3


def test_title_lines_point_at_the_file(samples):
    digest = read_digest(SPACED_SAMPLE)
    lines = SPACED_SAMPLE.read_text(encoding="utf-8").splitlines()
    for entry in digest.entries:
        assert lines[entry.line - 1] == entry.title


def test_crlf_bom_trailing_and_nonbreaking_spaces_without_date():
    digest = read_digest(FIXTURES / "crlf_bom_nodate.txt")
    assert [e.title for e in digest.entries] == [
        "Learning Order Matters",
        "Sparse Attention at Scale",
    ]
    assert digest.date is None
    assert not digest.entries[0].abstract.endswith(" ")
    assert digest.warnings == []


def test_cp1252_file_is_read_with_a_warning():
    digest = read_digest(FIXTURES / "cp1252.txt", today=TODAY)
    assert digest.entries[0].title == "Café “Transformers” for Tabular Data"
    assert digest.encoding == "cp1252"
    assert "not UTF-8" in str(digest.warnings[0])
    assert digest.date == "2026-05-07"


def test_compact_resynchronises_and_reports_each_oddity_with_its_line():
    digest = read_digest(FIXTURES / "compact_odd.txt")
    titles = [e.title for e in digest.entries]
    assert titles == [
        "Learning Order Matters",
        "A Title Without Any Abstract",
        "Sparse Attention at Scale",
        "A Benchmark of Everything",
    ]
    assert "continues the abstract above" in digest.entries[0].abstract
    assert digest.entries[1].abstract == ""
    messages = [str(w) for w in digest.warnings]
    assert any(
        m.endswith(
            "compact_odd.txt:4: joined to the abstract of 'Learning Order Matters'"
            " (line 2) as a wrapped abstract"
        )
        for m in messages
    )
    assert any(":5: title without abstract" in m for m in messages)


def test_spaced_hard_wrapped_abstract_and_missing_blank_line():
    digest = read_digest(FIXTURES / "spaced_wrapped.txt")
    assert [e.title for e in digest.entries] == [
        "Sparse Attention at Scale",
        "A Benchmark of Everything",
    ]
    assert digest.entries[0].abstract.startswith("This paper proposes")
    assert digest.entries[0].abstract.endswith("at inference time.")
    assert any("lines 7-9 joined" in str(w) for w in digest.warnings)


def test_year_is_inferred_as_the_latest_past_date():
    text = b"new\n\nDec 30\n\nA Title\n\n" + b"An abstract sentence that is long enough. " * 3
    assert parse_digest(text, "x.txt", today=TODAY).date == "2025-12-30"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\r\n\t\n", "the file is empty"),
        (b"PK\x03\x04\x00\x00binary zip", "x.txt:1: not a text file"),
        (bytes(range(128, 256)) * 40, "not a text file"),
    ],
)
def test_unreadable_files_are_errors_naming_the_file(data, message):
    with pytest.raises(DigestError) as error:
        parse_digest(data, "x.txt")
    assert message in str(error.value)
    assert str(error.value).startswith("x.txt")


def test_file_with_no_paper_is_an_error():
    with pytest.raises(DigestError, match="no paper found"):
        read_digest(FIXTURES / "titles_only.txt")


def test_unicode_titles_survive(samples):
    titles = {e.title for path in samples.glob("*.txt") for e in read_digest(path).entries}
    assert any("μ" in t for t in titles) or any("^" in t for t in titles)
