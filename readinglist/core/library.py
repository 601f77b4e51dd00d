"""The library: one SQLite file of papers, where they were seen, and annotations.

Every write is one transaction (BEGIN IMMEDIATE ... COMMIT) that rolls back
whole on any error, cancellation included. Methods that change papers return
what they changed so a view can refresh just that.
"""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from readinglist.core import backup as backups_store
from readinglist.core import schema, word_match, writelock
from readinglist.core.annotate import AnnotateMixin, chunks
from readinglist.core.errors import classify
from readinglist.core.importing import ImportMixin, digest_files
from readinglist.core.merging import DuplicatesMixin, MergeResult
from readinglist.core.models import (
    Annotation,
    FileReport,
    ImportCancelled,
    ImportReport,
    LibraryError,
    Paper,
    Sighting,
)
from readinglist.core.query import Not, Query, parse
from readinglist.core.saved import SavedSearchMixin
from readinglist.core.suggest import Suggestion, Vocabulary, suggest

__all__ = [
    "Annotation",
    "FileReport",
    "ImportCancelled",
    "ImportReport",
    "Library",
    "LibraryError",
    "MergeResult",
    "Paper",
    "Sighting",
    "default_path",
    "digest_files",
]

DB_ENV = "READINGLIST_DB"
DAILY_BACKUP_WAIT = 1.0  # seconds; a busy library is backed up by a later command
BUSY_TIMEOUT_MS = 5000
RANK_LIMIT = 5000  # results beyond this many are listed in library order, not by relevance

# Sort keys the views may ask for, each an SQL expression over papers.
SORT_COLUMNS = {
    "title": "title COLLATE NOCASE",
    "rating": "rating",
    "tags": "tag_list COLLATE NOCASE",
    "status": "status",
    "seen": "seen",
    "first_seen": "first_seen",
    "added": "added",
    "id": "id",
    # arXiv metadata (core/metadata): papers not looked up sort as empty
    "authors": "(SELECT authors FROM paper_metadata WHERE paper_id = papers.id)",
    "year": "(SELECT published FROM paper_metadata WHERE paper_id = papers.id)",
    "arxiv": "(SELECT arxiv_id FROM paper_metadata WHERE paper_id = papers.id)",
}


def default_path() -> Path:
    """READINGLIST_DB if set, else library.sqlite in the user data folder."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    return Path(platformdirs.user_data_dir("readinglist", appauthor=False)) / "library.sqlite"


# DuplicatesMixin builds on AnnotateMixin, so it comes first.
class Library(ImportMixin, SavedSearchMixin, DuplicatesMixin, AnnotateMixin):
    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path).expanduser() if path else default_path()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # under a regular file, a read-only folder, ...
            raise LibraryError(f"{self.path}: {classify(exc)[1]}") from exc
        if self.path.is_dir():
            raise LibraryError(f"{self.path}: a folder, not a library file; give a file's path")
        self.conn = self._connect()
        self.vocabulary = Vocabulary(self.conn)

    @functools.cached_property
    def db(self):  # -> sqlite_utils.Database, imported when first used (start-up time)
        import sqlite_utils

        return sqlite_utils.Database(self.conn)

    def _connect(self) -> sqlite3.Connection:
        name = self.path
        try:
            conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            conn.execute("PRAGMA foreign_keys = ON")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            _refuse_foreign(conn, name)
            pending = schema.pending_migrations(conn)
            if pending and schema.schema_version(conn) > 0:
                backups_store.take_backup(conn, name, f"before-migration-to-{pending[-1]}")
            schema.migrate(conn)
        except schema.NewerSchemaError as exc:
            raise LibraryError(f"{name}: {exc}; open it with a newer readinglist") from exc
        except sqlite3.DatabaseError as exc:
            raise LibraryError(_database_message(name, exc)) from exc
        return conn

    # -- backups ------------------------------------------------------------------

    def backup(
        self,
        reason: str = "manual",
        keep: int = backups_store.DEFAULT_KEEP,
        wait: float = writelock.WAIT_SECONDS,
    ) -> backups_store.Backup:
        with writelock.write_lock(self.path, "backing up", wait):
            return backups_store.take_backup(self.conn, self.path, reason, keep)

    def backups(self) -> list[backups_store.Backup]:
        return backups_store.list_backups(self.path)

    def daily_backup(self, keep: int = backups_store.DEFAULT_KEEP) -> backups_store.Backup | None:
        """A backup when the last is more than a day old (and there is something to keep)."""
        if self.total() and backups_store.due(self.path):
            try:  # an import or a restore is running: the next command backs up
                return self.backup("daily", keep, wait=DAILY_BACKUP_WAIT)
            except writelock.Busy:
                return None
        return None

    def restore(
        self,
        source: Path,
        keep: int = backups_store.DEFAULT_KEEP,
        wait: float = writelock.WAIT_SECONDS,
    ) -> backups_store.Backup:
        """Replace the library with a backup; the current state is backed up first.

        A running import is waited for (up to ``wait`` seconds), so the safety
        backup holds everything committed before the restore.
        """
        try:
            backups_store.check_backup(Path(source))
        except backups_store.BackupError as exc:
            raise LibraryError(str(exc)) from exc
        with writelock.write_lock(self.path, "restoring", wait):
            return self._restore(Path(source), keep)

    def _restore(self, source: Path, keep: int) -> backups_store.Backup:
        safety = backups_store.take_backup(self.conn, self.path, "before-restore", keep + 1)
        try:
            backups_store.restore_into(Path(source), self.conn)
            schema.migrate(self.conn)
        except (sqlite3.DatabaseError, backups_store.BackupError) as exc:
            raise LibraryError(
                f"restore failed ({exc}); the library was backed up first to {safety.path}"
            ) from exc
        self.vocabulary = Vocabulary(self.conn)
        return safety

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise LibraryError(_database_message(self.path, exc)) from exc
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    # -- queries ------------------------------------------------------------

    def count(self, query: str | Query = "") -> int:
        parsed = parse(query) if isinstance(query, str) else query
        if isinstance(parsed.root, Not):
            inner = Query(parsed.text, parsed.root.child, parsed.words)
            if inner.clause()[0].startswith("id IN ("):  # membership: never NULL
                return self.total() - self.count(inner)  # -model: the index counts "model"
        if parsed.root.fts():  # words only: counted in the indexes, without visiting papers
            sql, params = word_match.count(parsed.root)
        else:
            where, params = parsed.clause()
            sql = f"SELECT count(*) FROM papers WHERE {where}"
        return self.conn.execute(sql, params).fetchone()[0]

    def _matches_at_least(self, expression: str, count: int) -> bool:
        return (
            self.conn.execute(
                "SELECT count(*) FROM"
                " (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? LIMIT ?)",
                (expression, count),
            ).fetchone()[0]
            >= count
        )

    def data_version(self) -> int:
        """Changes when another connection (the CLI, say) has committed a change."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def total(self) -> int:
        return self.conn.execute("SELECT count(*) FROM papers").fetchone()[0]

    def ids(
        self,
        query: str | Query = "",
        sort: str | None = None,
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[int]:
        """Ids of the matching papers in order; the sort runs in SQLite.

        Without a sort column, a query with words comes best match first (bm25).
        """
        sql, params, _ = self.ids_plan(query, sort, descending)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        return [row[0] for row in self.conn.execute(sql, params)]

    def ids_plan(
        self, query: str | Query = "", sort: str | None = None, descending: bool = False
    ) -> tuple[str, list, bool]:
        """The SQL (and parameters) listing the matching ids in order; True when by relevance.

        Relevance order costs a bm25 score for every paper matching a wanted
        word, so it is used only while those are at most RANK_LIMIT.
        """
        parsed = parse(query) if isinstance(query, str) else query
        where, params = parsed.clause()
        rank = parsed.rank_expression() if sort is None else None
        if rank and self._matches_at_least(rank, RANK_LIMIT + 1):
            rank = None  # ranking every paper of a huge result is slow and tells little
        if not rank and parsed.root.fts() and sort in (None, "id"):
            # Words only, in library order: straight from the indexes, ten times faster
            # than testing every paper for membership.
            sql, params = word_match.ordered_ids(parsed.root, descending)
            return sql, params, False
        if rank:
            # A left join: papers that match through a field (an OR) have no score; last.
            sql = (
                "SELECT id FROM papers LEFT JOIN (SELECT rowid, rank FROM papers_fts"
                " WHERE papers_fts MATCH ?) AS ranked ON ranked.rowid = papers.id"
                f" WHERE {where} ORDER BY ranked.rank IS NULL, ranked.rank, id"
            )
            return sql, [rank, *params], True
        return (
            f"SELECT id FROM papers WHERE {where} ORDER BY {_order(sort, descending)}",
            params,
            False,
        )

    def search(
        self,
        query: str | Query = "",
        sort: str | None = None,
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
        with_digests: bool = True,
    ) -> list[Paper]:
        ids = self.ids(query, sort, descending, limit, offset)
        return self.papers(ids, with_digests=with_digests)

    def suggest(self, text: str) -> Suggestion | None:
        """A spelling-corrected version of a query whose words are not in the index."""
        return suggest(self.vocabulary, text)

    def papers(self, ids: Sequence[int], with_digests: bool = True) -> list[Paper]:
        """Papers by id, in the order given (ids that do not exist are left out)."""
        found: dict[int, Paper] = {}
        for chunk in chunks(ids, 500):
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

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with the number of papers carrying it, by name."""
        return self.conn.execute(
            "SELECT t.name, count(pt.paper_id) FROM tags t"
            " LEFT JOIN paper_tags pt ON pt.tag_id = t.id"
            " GROUP BY t.id HAVING count(pt.paper_id) > 0 ORDER BY t.name COLLATE NOCASE"
        ).fetchall()

    def stats(self) -> dict:
        one = self.conn.execute
        return {
            "papers": self.total(),
            "digests": one("SELECT count(*) FROM digests").fetchone()[0],
            "seen_more_than_once": one("SELECT count(*) FROM papers WHERE seen > 1").fetchone()[0],
            "tagged": one("SELECT count(*) FROM papers WHERE tag_list <> ''").fetchone()[0],
            "rated": one("SELECT count(*) FROM papers WHERE rating > 0").fetchone()[0],
            "with_note": one("SELECT count(*) FROM papers WHERE note <> ''").fetchone()[0],
            "by_status": dict(one("SELECT status, count(*) FROM papers GROUP BY status")),
            "tags": len(self.tags()),
            "path": str(self.path),
        }


def _order(sort: str | None, descending: bool) -> str:
    if sort is None:
        sort = "id"
    if sort not in SORT_COLUMNS:
        raise LibraryError(f"cannot sort by {sort!r}; use one of {', '.join(SORT_COLUMNS)}")
    direction = "DESC" if descending else "ASC"
    return f"{SORT_COLUMNS[sort]} {direction}, id {direction}"


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
        tags=_split_tags(tag_list),
        seen=seen,
        first_seen=first_seen,
    )


def _split_tags(tag_list: str) -> list[str]:
    return [t for t in tag_list.split(", ") if t] if tag_list else []


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


def _database_message(path: Path, exc: sqlite3.Error) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (
            f"{path}: the library is busy: another readinglist is writing to it; "
            "try again when it is done"
        )
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return f"{path}: not a readinglist library, or the file is damaged ({text})"
    return f"{path}: {classify(exc, path)[1]}"
