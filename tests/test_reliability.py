"""Never lose a library: damaged and foreign files, backups, crashes mid-write, two writers."""

import os
import random
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap

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

# The writer counts the statements it runs inside a transaction (an SQLite trace
# callback) and at the Nth says "inside <paper>" and waits there to be killed, so
# every SIGKILL provably lands mid-write; with N = 0 it runs to the end and says
# how many statements that took. A tiny page cache makes SQLite spill uncommitted
# pages to the WAL file before the kill, as a large write would.
WRITER = textwrap.dedent("""
    import sys, time
    from readinglist.core.library import Library

    path, kind, samples, stop_at = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    lib = Library(path)
    lib.conn.execute("PRAGMA cache_size = 5")
    statements, current = 0, 0

    def trace(sql):
        global statements
        if lib.conn.in_transaction:
            statements += 1
            if statements == stop_at:
                print("inside", current, flush=True)
                time.sleep(600)

    lib.conn.set_trace_callback(trace)
    if kind == "import":
        lib.import_files([samples])
    elif kind == "tag":
        lib.add_tags(lib.ids(""), ["bulk"])
    else:
        for current in range(1, NOTES + 1):
            lib.set_note(current, "note %d " % current + "x" * 4000)
    print("done", statements, flush=True)
""").replace("NOTES", "40")
NOTES = 40


def _write(script, path, kind, samples, stop_at=0):
    """Run the writer; stopped inside its transaction, kill it. Returns (said, paper)."""
    process = subprocess.Popen(
        [sys.executable, str(script), str(path), kind, str(samples), str(stop_at)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 60)
        said, *rest = (process.stdout.readline().split() if ready else ["nothing"]) + ["0"]
        if said == "inside":
            process.send_signal(signal.SIGKILL)
            assert process.wait(30) == -signal.SIGKILL
        else:
            assert process.wait(30) == 0 and said == "done", said
        return said, int(rest[0])
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _state(path):
    """What the library holds: rows per table, notes, whether an index fill is pending."""
    with Library(path) as library:
        one = library.conn.execute
        rows = {t: one(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        notes = {i: a.note for i, a in library.annotations(range(1, NOTES + 1)).items()}
        rows["deferred"] = one("SELECT deferred_from FROM fts_control").fetchone()[0]
        return rows, notes


TABLES = ["papers", "digests", "imports", "sightings", "tags", "paper_tags"]


@pytest.mark.parametrize("kind", ["import", "tag", "note"])
def test_sigkill_inside_the_transaction_leaves_the_write_undone(tmp_path, samples, kind):
    path = tmp_path / "lib.sqlite"
    with Library(path) as library:
        if kind != "import":
            library.import_files([samples])
    before = _state(path)
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    rehearsal = tmp_path / "rehearsal.sqlite"  # a copy, to count the statements of the write
    shutil.copy(path, rehearsal)
    said, statements = _write(script, rehearsal, kind, samples)
    assert said == "done" and statements > 10
    rng = random.Random(20261123)
    stops = [1, statements, *rng.sample(range(2, statements), 2)]
    for stop_at in stops:
        said, paper = _write(script, path, kind, samples, stop_at)
        assert said == "inside", f"statement {stop_at} of {statements} was not inside"
        assert integrity(path) == "ok"
        rows, notes = _state(path)
        assert rows == before[0]  # nothing of the killed write, no index fill left pending
        if kind == "note":  # one transaction per note: the earlier ones landed whole
            assert notes == {i: f"note {i} " + "x" * 4000 if i < paper else "" for i in notes}
            with Library(path) as library:  # back to no notes for the next kill
                for i in range(1, paper):
                    library.set_note(i, "")
        else:
            assert notes == before[1]
    said, _ = _write(script, path, kind, samples)  # uninterrupted, the write lands whole
    rows, notes = _state(path)
    assert said == "done"
    landed = {"import": rows["papers"] == 314, "tag": rows["paper_tags"] == 314}
    assert landed.get(kind, all(notes.values()))


# -- two processes on one library --------------------------------------------------------------


def test_a_writer_waits_then_says_the_library_is_busy(sample_library, monkeypatch):
    monkeypatch.setattr("readinglist.core.store.BUSY_TIMEOUT_MS", 200)
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
