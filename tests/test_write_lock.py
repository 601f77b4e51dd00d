"""Restore, backup and import are serialised: a restore's safety backup holds every import."""

import sqlite3
import threading
import time

import pytest

from readinglist.core import writelock
from readinglist.core.library import Library

ABSTRACT = (
    "We study sparse attention. Results on three benchmarks show gains while "
    "halving memory, which matters for long inputs in practice."
)


def fresh_digest(path, count=5):
    papers = "\n\n".join(
        f"Fresh Paper Number {i} on Sparse Routing\n\n{ABSTRACT}" for i in range(count)
    )
    path.write_text(f"new\n\nMay 5\n\n{papers}\n", encoding="utf-8")
    return path


def titles_in(path) -> set[str]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT title FROM papers")}
    finally:
        conn.close()


def test_restore_waits_for_a_running_import_and_its_safety_backup_holds_it(
    sample_library, tmp_path
):
    old = sample_library.backup("manual")
    digest = fresh_digest(tmp_path / "fresh.txt")
    reading, release = threading.Event(), threading.Event()

    def cancelled():
        reading.set()
        release.wait(30)  # the import sits mid-transaction, holding the write lock
        return False

    def run_import():
        with Library(sample_library.path) as importer:
            importer.import_files([digest], cancelled=cancelled)

    importer = threading.Thread(target=run_import)
    importer.start()
    assert reading.wait(30)
    restored = {}
    restore_started = threading.Event()

    def run_restore():
        with Library(sample_library.path) as restorer:
            restore_started.set()
            restored["safety"] = restorer.restore(old.path, wait=30)

    restorer = threading.Thread(target=run_restore)
    restorer.start()
    assert restore_started.wait(30)
    time.sleep(0.3)  # let the restore reach the lock before the import commits
    release.set()
    importer.join(60)
    restorer.join(60)
    fresh = {f"Fresh Paper Number {i} on Sparse Routing" for i in range(5)}
    assert fresh <= titles_in(restored["safety"].path)  # the import is in the safety backup
    assert not fresh & titles_in(sample_library.path)  # and the library is the old backup


def test_restore_refuses_after_waiting_with_a_sentence(sample_library, tmp_path):
    old = sample_library.backup("manual")
    with (
        writelock.write_lock(sample_library.path, "importing"),
        Library(sample_library.path) as other,
        pytest.raises(writelock.Busy) as busy,
    ):
        other.restore(old.path, wait=0.2)
    assert "another readinglist is importing, backing up or restoring; waited 0 s" in str(
        busy.value
    )
    assert sample_library.total() == 314


def test_an_import_waits_for_a_backup_and_can_be_cancelled_while_waiting(sample_library, tmp_path):
    from readinglist.core.library import ImportCancelled

    digest = fresh_digest(tmp_path / "fresh.txt")
    with (
        writelock.write_lock(sample_library.path, "backing up"),
        Library(sample_library.path) as other,
        pytest.raises(ImportCancelled),
    ):
        other.import_files([digest], cancelled=lambda: True)
    assert sample_library.import_files([digest]).added == 5


def test_the_daily_backup_skips_a_busy_library(sample_library, monkeypatch):
    monkeypatch.setattr("readinglist.core.library.DAILY_BACKUP_WAIT", 0.1)
    with writelock.write_lock(sample_library.path, "importing"), Library(sample_library.path) as o:
        assert o.daily_backup() is None
