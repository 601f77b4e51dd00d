"""Opening libraries written by older and newer versions of readinglist."""

import sqlite3

import pytest

from readinglist.core import schema
from readinglist.core.library import Library
from readinglist.core.models import LibraryError


def test_a_library_from_a_newer_version_is_refused_with_both_versions(tmp_path):
    path = tmp_path / "lib.sqlite"
    Library(path).close()
    newer = schema.SCHEMA_VERSION + 3
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version = {newer}")
    with pytest.raises(LibraryError) as error:
        Library(path)
    assert str(error.value) == (
        f"{path}: written by a newer version of readinglist (schema {newer}, this version "
        f"knows up to {schema.SCHEMA_VERSION}); open it with a newer readinglist"
    )


def test_an_old_library_is_upgraded_keeping_its_papers(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    with Library(path) as old:
        assert schema.pending_migrations(old.conn) == []
        old.conn.execute(
            "INSERT INTO papers(title, title_key, added) VALUES ('Old Paper', 'oldpaper', '2026')"
        )
    monkeypatch.undo()
    with sqlite3.connect(path) as conn:
        assert schema.pending_migrations(conn) == list(range(2, schema.SCHEMA_VERSION + 1))
    with Library(path) as library:
        assert schema.schema_version(library.conn) == schema.SCHEMA_VERSION
        assert schema.pending_migrations(library.conn) == []
        assert [p.title for p in library.search("")] == ["Old Paper"]
        assert [b.reason for b in library.backups()] == [
            f"before-migration-to-{schema.SCHEMA_VERSION}"
        ]


def test_a_migration_script_runs_statement_by_statement_in_one_step(tmp_path):
    conn = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    script = """
    -- a comment line, then a trigger whose body holds semicolons
    CREATE TABLE a (x INTEGER);
    CREATE TABLE log (x INTEGER);
    CREATE TRIGGER a_log AFTER INSERT ON a BEGIN
        INSERT INTO log VALUES (NEW.x);
        INSERT INTO log VALUES (NEW.x + 1);
    END;
    INSERT INTO a VALUES (1)
    """
    monkey = pytest.MonkeyPatch()
    monkey.setattr(schema, "MIGRATIONS", [script])
    monkey.setattr(schema, "SCHEMA_VERSION", 1)
    try:
        assert schema.migrate(conn) == [1]
        assert schema.migrate(conn) == []
    finally:
        monkey.undo()
    assert conn.execute("SELECT x FROM log ORDER BY x").fetchall() == [(1,), (2,)]
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)


def test_a_failing_migration_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    conn = sqlite3.connect(tmp_path / "x.sqlite", isolation_level=None)
    monkeypatch.setattr(
        schema, "MIGRATIONS", ["CREATE TABLE a (x);", "CREATE TABLE b (x);\nBOGUS;"]
    )
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 2)
    with pytest.raises(sqlite3.OperationalError):
        schema.migrate(conn)
    assert conn.execute("PRAGMA user_version").fetchone() == (1,)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert tables == {"a"}


def test_a_migration_another_process_made_meanwhile_is_skipped_and_the_rest_applied(
    tmp_path, monkeypatch
):
    # Two programs open the same old library at once: the other one applies migration 1
    # between our look at the version and our BEGIN; we apply only 2 and 3.
    path = tmp_path / "x.sqlite"
    conn = sqlite3.connect(path, isolation_level=None)
    scripts = ["CREATE TABLE a (x);", "CREATE TABLE b (x);", "CREATE TABLE c (x);"]
    monkeypatch.setattr(schema, "MIGRATIONS", scripts)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    pending = schema.pending_migrations

    def racing(connection):
        versions = pending(connection)
        with sqlite3.connect(path) as other:
            other.execute(scripts[0])
            other.execute("PRAGMA user_version = 1")
        return versions

    monkeypatch.setattr(schema, "pending_migrations", racing)
    assert schema.migrate(conn) == [2, 3]
    assert conn.execute("PRAGMA user_version").fetchone() == (3,)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert tables == {"a", "b", "c"}
