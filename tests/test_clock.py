"""The clock every date comes from: pinned for the suite, so no test is a time bomb."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from conftest import PINNED_NOW

from readinglist.core import clock
from readinglist.core.library import Library

UNDATED_YEAR = b"new\n\nMay 5\n\nA Title\n\n" + b"An abstract sentence that is long enough. " * 3


@pytest.fixture
def clock_at():
    """Move the clock for one test; the pinned day comes back afterwards."""
    yield clock.start_at
    clock.start_at(PINNED_NOW)


def test_the_suite_runs_on_the_pinned_day():
    assert clock.today() == dt.date(2026, 11, 23)
    assert clock.now(dt.UTC) - PINNED_NOW < dt.timedelta(hours=1)


def test_the_pinned_clock_runs_on(clock_at):
    clock_at(dt.datetime(2030, 1, 15, 8, 0))  # naive means UTC
    first = clock.now(dt.UTC)
    assert first.date() == dt.date(2030, 1, 15) and first.hour == 8
    while clock.now(dt.UTC) == first:
        pass  # backups taken a moment apart must not get the same name


def test_programs_the_tests_start_see_the_pinned_day_too():
    shown = subprocess.run(
        [sys.executable, "-c", "from readinglist.core import clock; print(clock.today())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert os.environ[clock.ENV] and shown == "2026-11-23"


def test_a_bad_clock_setting_is_named(monkeypatch, clock_at):
    monkeypatch.setattr(clock, "_skew", None)
    monkeypatch.setenv(clock.ENV, "next tuesday")
    with pytest.raises(ValueError, match="READINGLIST_CLOCK='next tuesday' is not a date"):
        clock.now()


def test_without_a_setting_the_clock_is_the_system_clock(monkeypatch, clock_at):
    monkeypatch.setattr(clock, "_skew", None)
    monkeypatch.delenv(clock.ENV)
    assert abs(clock.now() - dt.datetime.now()) < dt.timedelta(minutes=1)


@pytest.mark.parametrize(
    ("today", "date"), [((2027, 6, 1), "2027-05-05"), ((2030, 3, 1), "2029-05-05")]
)
def test_a_digest_date_without_a_year_follows_the_clock(tmp_path, clock_at, today, date):
    clock_at(dt.datetime(*today, 12, 0, tzinfo=dt.UTC))
    (tmp_path / "digest.txt").write_bytes(UNDATED_YEAR)
    with Library(tmp_path / "library.sqlite") as library:
        report = library.import_files([tmp_path / "digest.txt"])
        assert report.files[0].date == date
        [paper] = library.search("")
        assert paper.added.startswith(f"{today[0]}-")
