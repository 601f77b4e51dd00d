"""Opening a library file: where it is by default, and the sentence for each wrong file."""

import sqlite3

import pytest

from readinglist.core import store
from readinglist.core.models import LibraryError


def test_the_library_is_in_the_users_data_folder_unless_set(monkeypatch, tmp_path):
    monkeypatch.delenv(store.DB_ENV, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert store.default_path() == tmp_path / "data" / "readinglist" / "library.sqlite"
    monkeypatch.setenv(store.DB_ENV, "~/papers.sqlite")
    assert store.default_path() == store.Path("~/papers.sqlite").expanduser()


def test_a_new_library_is_made_with_its_folders_in_wal_mode(tmp_path):
    path = tmp_path / "a" / "b" / "lib.sqlite"
    with store.LibraryStore(path) as lib:
        assert lib.path == path and lib.total() == 0
        assert lib.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert lib.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000


def test_another_programs_database_is_named_by_its_first_tables(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    for name in ["a1", "b2", "c3", "d4", "e5", "f6"]:
        conn.execute(f"CREATE TABLE {name} (x)")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError) as caught:
        store.LibraryStore(path)
    assert str(caught.value) == (
        f"{path}: not a readinglist library: it is another program's database "
        "(tables: a1, b2, c3, d4, e5, …); choose another file"
    )
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_folder_a_file_in_the_way_and_a_damaged_file(tmp_path):
    with pytest.raises(LibraryError) as caught:
        store.LibraryStore(tmp_path)
    assert str(caught.value) == f"{tmp_path}: a folder, not a library file; give a file's path"
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(LibraryError) as caught:
        store.LibraryStore(blocker / "lib.sqlite")
    assert str(caught.value) == (
        f"{blocker / 'lib.sqlite'}: {blocker} is a file where a folder is needed; "
        "choose another place"
    )
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(LibraryError) as caught:
        store.LibraryStore(junk)
    assert str(caught.value) == (
        f"{junk}: not a readinglist library, or the file is damaged (file is not a database)"
    )


def test_busy_and_other_database_errors_are_sentences(tmp_path):
    path = tmp_path / "lib.sqlite"
    assert store.database_message(path, sqlite3.OperationalError("database is locked")) == (
        f"{path}: the library is busy: another readinglist is writing to it; "
        "try again when it is done"
    )
    assert store.database_message(path, sqlite3.OperationalError("the database is busy")) == (
        f"{path}: the library is busy: another readinglist is writing to it; "
        "try again when it is done"
    )
    assert store.database_message(path, sqlite3.DatabaseError("file is encrypted")) == (
        f"{path}: not a readinglist library, or the file is damaged (file is encrypted)"
    )
    assert store.database_message(path, sqlite3.DatabaseError("disk I/O error")) == (
        f"{path}: the disk could not be read or written; check the disk and try again"
    )
