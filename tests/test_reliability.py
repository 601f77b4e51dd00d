"""Never lose a library: damaged and foreign files, backups, crashes mid-write, two writers."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest

from readinglist.core import schema
from readinglist.core.library import Library, LibraryError


def integrity(path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


# -- damaged and foreign files -----------------------------------------------------------


def test_truncated_library_is_refused_with_a_message_and_left_alone(sample_library, tmp_path):
    sample_library.close()
    data = sample_library.path.read_bytes()
    broken = tmp_path / "broken.sqlite"
    broken.write_bytes(data[: len(data) // 3])
    with (
        pytest.raises(LibraryError, match="damaged|not a readinglist library"),
        Library(broken) as library,
    ):
        library.search("")
        library.count("attention")
    assert broken.read_bytes() == data[: len(data) // 3]


@pytest.mark.parametrize("content", [b"hello, these are my notes\n" * 200, bytes(range(256)) * 64])
def test_non_sqlite_file_is_refused_untouched(tmp_path, content):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    with pytest.raises(LibraryError, match="not a readinglist library, or the file is damaged"):
        Library(path)
    assert path.read_bytes() == content


def test_another_programs_database_is_not_taken_over(tmp_path):
    path = tmp_path / "zotero.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, title TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="another program's database \\(tables: items\\)"):
        Library(path)
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("items",)]


# -- backups ----------------------------------------------------------------------------


def test_backups_rotate_and_restore_brings_the_library_back(sample_library):
    lib = sample_library
    lib.set_note(1, "before the accident")
    first = lib.backup(keep=3)
    for _ in range(4):
        lib.backup(keep=3)
    assert len(lib.backups()) == 3 and first.path not in [b.path for b in lib.backups()]
    kept = lib.backups()[-1]
    lib.delete_papers(lib.ids(""))
    assert lib.total() == 0
    safety = lib.restore(kept.path, keep=3)
    assert lib.total() == 314 and lib.paper(1).note == "before the accident"
    assert safety.reason == "before-restore" and safety.path.exists()
    assert integrity(lib.path) == "ok"


def test_daily_backup_only_once_a_day(sample_library):
    assert sample_library.daily_backup() is not None
    assert sample_library.daily_backup() is None


def test_migration_is_preceded_by_a_backup(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    Library(path).close()
    monkeypatch.undo()
    with Library(path) as library:
        assert [b.reason for b in library.backups()] == [
            f"before-migration-to-{schema.SCHEMA_VERSION}"
        ]
        assert sqlite3.connect(library.backups()[0].path).execute(
            "PRAGMA user_version"
        ).fetchone() == (1,)


def test_restore_refuses_a_file_that_is_not_a_backup(sample_library, tmp_path):
    bogus = tmp_path / "bogus.sqlite"
    bogus.write_text("nope")
    with pytest.raises(LibraryError, match="not a readinglist backup"):
        sample_library.restore(bogus)
    assert sample_library.total() == 314


# -- crashes mid-write ----------------------------------------------------------------------

WRITER = textwrap.dedent("""
    import sys
    from readinglist.core.library import Library
    lib = Library(sys.argv[1])
    kind = sys.argv[2]
    if kind == "import":
        lib.import_files([sys.argv[3]])
    elif kind == "tag":
        lib.add_tags(lib.ids(""), ["bulk"])
    elif kind == "note":
        for i in range(1, 200):
            lib.set_note(i, "note %d " % i + "x" * 4000)
    print("done", flush=True)
""")


@pytest.mark.parametrize("kind", ["import", "tag", "note"])
def test_sigkill_at_random_moments_leaves_all_or_nothing(tmp_path, samples, kind):
    rng = random.Random(20261123)
    path = tmp_path / "lib.sqlite"
    with Library(path) as library:
        if kind != "import":
            library.import_files([samples])
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    survived = 0
    for _ in range(8):
        process = subprocess.Popen(
            [sys.executable, str(script), str(path), kind, str(samples)], stdout=subprocess.PIPE
        )
        time.sleep(rng.uniform(0.05, 1.2))
        process.send_signal(signal.SIGKILL)
        finished = process.wait() == 0
        assert integrity(path) == "ok"
        with Library(path) as library:
            papers = library.total()
            if kind == "import":
                assert papers in (0, 314)
                if papers:  # it landed: start again from nothing for the next kill
                    library.delete_papers(library.ids(""))
                    library.conn.execute("DELETE FROM digests")
            elif kind == "tag":
                tagged = library.count("tag:bulk")
                assert tagged in (0, 314)
                if tagged:
                    library.delete_tag("bulk")
            else:
                for paper_id, annotation in library.annotations(range(1, 200)).items():
                    assert annotation.note in ("", f"note {paper_id} " + "x" * 4000)
        survived += 1
        del finished
    assert survived == 8


# -- two processes on one library --------------------------------------------------------------


def test_a_writer_waits_then_says_the_library_is_busy(sample_library, monkeypatch):
    monkeypatch.setattr("readinglist.core.library.BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(sample_library.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Library(sample_library.path) as second:
            assert second.total() == 314  # WAL: reading goes on during the other write
            with pytest.raises(LibraryError, match="busy: another readinglist is writing"):
                second.add_tags([1], ["x"])
    finally:
        other.execute("ROLLBACK")


def test_changes_from_another_process_are_seen(sample_library, tmp_path):
    version = sample_library.data_version()
    env = {**os.environ, "READINGLIST_DB": str(sample_library.path)}
    subprocess.run(
        [sys.executable, "-m", "readinglist", "tag", "1", "from-cli"],
        env=env,
        check=True,
        capture_output=True,
    )
    assert sample_library.data_version() != version
    assert sample_library.paper(1).tags == ["from-cli"]
