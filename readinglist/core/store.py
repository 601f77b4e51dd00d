"""The store every part of the library stands on: the file, the connection, the transaction.

``Library`` (library.py) is this store plus one part per concern (importing,
annotating, saved searches, duplicates), each a class that inherits the store
and nothing else. What more than one part needs lives here, public: the
transaction, the papers and annotations read back, the id check. Rows that
undo puts back (snapshots, deleted papers) are in paper_rows.py.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Self

import platformdirs

from readinglist.core import backup as backups_store
from readinglist.core import paper_rows, schema
from readinglist.core.errors import classify
from readinglist.core.limits import check_id
from readinglist.core.models import Annotation, LibraryError, Paper, Sighting
from readinglist.core.tag_names import split_tags

DB_ENV = "READINGLIST_DB"
BUSY_TIMEOUT_MS = 5000


def default_path() -> Path:
    """READINGLIST_DB if set, else library.sqlite in the user data folder."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    return Path(platformdirs.user_data_dir("readinglist", appauthor=False)) / "library.sqlite"


class LibraryStore:
    """An open library file: migrated, in WAL mode, with one transaction per edit."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path).expanduser() if path else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # under a regular file, a read-only folder, ...
            raise LibraryError(f"{self.path}: {classify(exc)[1]}") from exc
        if self.path.is_dir():
            raise LibraryError(f"{self.path}: a folder, not a library file; give a file's path")
        self.conn = _connect(self.path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """BEGIN IMMEDIATE ... COMMIT; any error, cancellation included, rolls back whole."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise LibraryError(database_message(self.path, exc)) from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- reads every part shares ---------------------------------------------------

    def total(self) -> int:
        return self.conn.execute("SELECT count(*) FROM papers").fetchone()[0]

    def data_version(self) -> int:
        """Changes when another connection (the CLI, say) has committed a change."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def check_ids(self, ids: Sequence[int]) -> list[int]:
        """The ids once each, in order; raises LibraryError naming those with no paper."""
        ids = list(dict.fromkeys(check_id(int(i)) for i in ids))
        missing = set(ids) - paper_rows.existing(self.conn, ids)
        if missing:
            raise LibraryError("no paper with id " + ", ".join(map(str, sorted(missing))))
        return ids

    def papers(self, ids: Sequence[int], with_digests: bool = True) -> list[Paper]:
        """Papers by id, in the order given (ids that do not exist are left out)."""
        found: dict[int, Paper] = {}
        for chunk in paper_rows.chunks(ids):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT id, title, abstract, added, rating, status, note, tag_list, seen,"
                f" first_seen FROM papers WHERE id IN ({marks})",
                chunk,
            ):
                found[row[0]] = _paper(row)
            if with_digests:
                for paper_id, file, date, imported in self.conn.execute(
                    "SELECT s.paper_id, d.file, d.date, d.imported FROM sightings s"
                    f" JOIN digests d ON d.id = s.digest_id WHERE s.paper_id IN ({marks})"
                    " ORDER BY coalesce(d.date, d.imported), d.id",
                    chunk,
                ):
                    found[paper_id].digests.append(Sighting(file, date, imported))
        return [found[i] for i in ids if i in found]

    def paper(self, paper_id: int) -> Paper:
        papers = self.papers([paper_id])
        if not papers:
            raise LibraryError(f"no paper with id {paper_id}")
        return papers[0]

    def annotations(self, ids: Sequence[int]) -> dict[int, Annotation]:
        """The tags, rating, status and note of each paper, to put back later."""
        return paper_rows.read_annotations(self.conn, ids)


def _paper(row: tuple) -> Paper:
    """A paper from a row of the columns papers() selects, in that order."""
    paper_id, title, abstract, added, rating, status, note, tag_list, seen, first_seen = row
    return Paper(
        id=paper_id,
        title=title,
        abstract=abstract,
        added=added,
        rating=rating,
        status=status,
        note=note,
        tags=split_tags(tag_list),
        seen=seen,
        first_seen=first_seen,
    )


def _connect(path: Path) -> sqlite3.Connection:
    try:
        conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
        conn.execute("PRAGMA foreign_keys = ON")
        _refuse_foreign(conn, path)  # before WAL, which would change another's file
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        pending = schema.pending_migrations(conn)
        if pending and schema.schema_version(conn) > 0:
            backups_store.take_backup(conn, path, f"before-migration-to-{pending[-1]}")
        schema.migrate(conn)
    except schema.NewerSchemaError as exc:
        raise LibraryError(f"{path}: {exc}; open it with a newer readinglist") from exc
    except sqlite3.DatabaseError as exc:
        raise LibraryError(database_message(path, exc)) from exc
    return conn


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Never turn another program's database into a library by adding our tables to it."""
    if schema.schema_version(conn):
        return
    tables = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    if tables:
        shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
        raise LibraryError(
            f"{path}: not a readinglist library: it is another program's "
            f"database (tables: {shown}); choose another file"
        )


def database_message(path: Path, exc: sqlite3.Error) -> str:
    """One sentence for an SQLite error on the library file (busy, damaged, disk...)."""
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (
            f"{path}: the library is busy: another readinglist is writing to it; "
            "try again when it is done"
        )
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return f"{path}: not a readinglist library, or the file is damaged ({text})"
    return f"{path}: {classify(exc, path)[1]}"
