"""Backups as File > Restore Backup and `readinglist restore` show and check them."""

import datetime as dt
import shutil
import sqlite3

import pytest

from readinglist.core import clock
from readinglist.core.library import Library
from readinglist.core.models import LibraryError


@pytest.fixture
def lib(tmp_path):
    with Library(tmp_path / "lib.sqlite") as library:
        yield library


def test_restoring_a_missing_backup_says_so(lib, tmp_path):
    gone = tmp_path / "backups" / "lib-gone.sqlite"
    with pytest.raises(LibraryError) as error:
        lib.restore(gone)
    assert str(error.value) == f"{gone}: no such backup"


def test_a_backup_from_a_newer_readinglist_is_refused(lib, tmp_path):
    newer = tmp_path / "newer.sqlite"
    shutil.copy(lib.backup().path, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(LibraryError) as error:
        lib.restore(newer)
    assert str(error.value) == f"{newer}: made by a newer readinglist (schema 99)"


def test_backups_copied_in_by_hand_are_listed_and_odd_names_ignored(lib, tmp_path):
    taken = lib.backup()
    folder = taken.path.parent
    shutil.copy(taken.path, folder / "lib-20260101-120000000000.sqlite")
    shutil.copy(taken.path, folder / "lib-yesterday.sqlite")
    shutil.copy(taken.path, folder / "other-20260101-120000000000.sqlite")
    listed = [(b.path.name, b.reason) for b in lib.backups()]
    assert listed == [(taken.path.name, "manual"), ("lib-20260101-120000000000.sqlite", "manual")]


def test_a_backup_describes_itself_by_time_reason_and_size(lib):
    backup = lib.backup("before-restore")
    size = backup.path.stat().st_size / 1e6
    assert backup.describe() == f"{backup.taken:%Y-%m-%d %H:%M:%S} (before-restore, {size:.1f} MB)"


def test_a_daily_backup_is_due_again_after_a_day(sample_library, monkeypatch):
    first = sample_library.daily_backup()
    assert first is not None and sample_library.daily_backup() is None
    monkeypatch.setattr(clock, "_skew", clock._skew)  # the suite's pinned clock comes back
    clock.start_at(clock.now(dt.UTC) + dt.timedelta(days=1, minutes=1))
    assert sample_library.daily_backup() is not None
    assert len(sample_library.backups()) == 2


def test_an_empty_library_is_not_backed_up_daily(lib):
    assert lib.daily_backup() is None
    assert lib.backups() == []
