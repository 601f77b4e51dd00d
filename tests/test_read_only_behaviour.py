"""Read-only connections: they read, never write, never create, and wait a while for a lock."""

import sqlite3

import pytest

from readinglist.core import read_only


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "papers #1?x=%20" / "lib.sqlite"
    path.parent.mkdir()
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("INSERT INTO t VALUES (42)")
    conn.close()
    return path


def test_it_reads_a_library_whatever_its_folder_is_called(db):
    conn = read_only.connect_read_only(db)
    try:
        assert conn.execute("SELECT x FROM t").fetchall() == [(42,)]
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            conn.execute("INSERT INTO t VALUES (1)")
    finally:
        conn.close()


def test_it_never_creates_a_missing_library(tmp_path):
    missing = tmp_path / "none.sqlite"
    with pytest.raises(sqlite3.OperationalError, match="unable to open"):
        read_only.connect_read_only(missing)
    assert list(tmp_path.iterdir()) == []


def test_it_waits_five_seconds_for_a_writer_unless_told_otherwise(db, monkeypatch):
    seen = []
    real = sqlite3.connect

    def spy(*args, **kwargs):
        # Asked as a URI: a SQLite built without USE_URI (this one has it) would otherwise
        # create a file named "file:..." and write to it.
        assert kwargs["uri"] is True and args[0].startswith("file:")
        seen.append(kwargs["timeout"])
        return real(*args, **kwargs)

    monkeypatch.setattr(read_only.sqlite3, "connect", spy)
    read_only.connect_read_only(db).close()
    read_only.connect_read_only(db, timeout=0.5).close()
    assert seen == [5.0, 0.5]
