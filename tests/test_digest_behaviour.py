"""Reading digest files: dates without a year, what is reported, what is kept."""

import datetime as dt

import pytest

from readinglist.core.digest import DigestError, parse_digest, read_digest

FILL = " We report experiments on several standard benchmarks and release all of our code."


def digest_text(date_line="May 5", papers=(("Graph Neural Networks", "Message passing."),)):
    return "new\n\n" + date_line + "\n\n" + "".join(f"{t}\n\n{a}{FILL}\n\n" for t, a in papers)


def test_a_date_without_a_year_is_the_latest_such_day_not_in_the_future(tmp_path):
    path = tmp_path / "may.txt"
    path.write_text(digest_text("Dec 30"))
    assert read_digest(path, today=dt.date(2031, 1, 2)).date == "2030-12-30"
    assert read_digest(path, today=dt.date(2031, 12, 30)).date == "2031-12-30"
    assert parse_digest(path.read_bytes(), "may.txt", today=dt.date(2031, 1, 2)).date == (
        "2030-12-30"
    )


def test_warnings_beyond_a_thousand_are_counted_not_listed():
    odd = "".join(f"Lonely title number {i}\n\n" for i in range(1005))
    text = "new\n\nMay 5\n\n" + odd + f"Graph Neural Networks\n\nMessage passing.{FILL}\n\n"
    digest = parse_digest(text.encode(), "odd.txt", today=dt.date(2026, 11, 23))
    assert len(digest.entries) == 1
    assert len(digest.warnings) == 1001
    assert digest.warnings[-1].message == "… and 5 more warnings"


def test_a_file_refused_as_a_whole_is_named_without_a_line():
    with pytest.raises(DigestError) as error:
        parse_digest(b"hello\nworld\n", "notes.txt")
    assert str(error.value).startswith("notes.txt: no paper found")
