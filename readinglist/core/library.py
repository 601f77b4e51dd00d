"""The library: one SQLite file of papers, where they were seen, and annotations.

Every write is one transaction (BEGIN IMMEDIATE ... COMMIT) that rolls back
whole on any error, cancellation included. Methods that change papers return
what they changed so a view can refresh just that.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs
import sqlite_utils

from readinglist.core import schema
from readinglist.core.digest import Digest, DigestError, ParseWarning, read_digest
from readinglist.core.query import Query, parse
from readinglist.core.titles import title_key

DB_ENV = "READINGLIST_DB"
BUSY_TIMEOUT_MS = 5000

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
}

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


class LibraryError(Exception):
    """A problem with the library file or a request on it, worded for the user."""


class ImportCancelled(Exception):
    """The user cancelled an import; nothing of it was written."""


@dataclass(frozen=True)
class Sighting:
    file: str
    date: str | None
    imported: str


@dataclass
class Paper:
    id: int
    title: str
    abstract: str
    added: str
    rating: int
    status: str
    note: str
    tags: list[str]
    seen: int
    first_seen: str | None
    digests: list[Sighting] = field(default_factory=list)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "abstract": self.abstract,
            "tags": self.tags,
            "rating": self.rating,
            "status": self.status,
            "note": self.note,
            "seen": self.seen,
            "first_seen": self.first_seen,
            "added": self.added,
            "digests": [{"file": s.file, "date": s.date} for s in self.digests],
        }


@dataclass
class FileReport:
    file: str
    added: int = 0
    known: int = 0
    date: str | None = None
    warnings: list[ParseWarning] = field(default_factory=list)
    error: str | None = None  # why the file could not be imported at all
    error_line: int | None = None
    already_imported: str | None = None  # when this very digest was imported before

    def summary(self) -> str:
        if self.error:
            where = f"{self.file}:{self.error_line}" if self.error_line else self.file
            return f"{where}: error: {self.error}"
        parts = [f"{self.added} added", f"{self.known} already known"]
        if self.warnings:
            parts.append(f"{len(self.warnings)} warning(s)")
        line = f"{self.file}: " + ", ".join(parts)
        if self.already_imported:
            line += f" (this digest was already imported on {self.already_imported[:10]})"
        return line


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    added_ids: list[int] = field(default_factory=list)
    import_id: int | None = None

    @property
    def added(self) -> int:
        return sum(f.added for f in self.files)

    @property
    def known(self) -> int:
        return sum(f.known for f in self.files)

    @property
    def warnings(self) -> list[ParseWarning]:
        return [w for f in self.files for w in f.warnings]

    @property
    def errors(self) -> list[FileReport]:
        return [f for f in self.files if f.error]


def default_path() -> Path:
    """READINGLIST_DB if set, else library.sqlite in the user data folder."""
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV]).expanduser()
    return Path(platformdirs.user_data_dir("readinglist", appauthor=False)) / "library.sqlite"


def digest_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the *.txt files inside them (sorted); keep files as given."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*.txt") if p.is_file()))
        else:
            files.append(path)
    return files


def _now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


class Library:
    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path).expanduser() if path else default_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = self._connect()
        self.db = sqlite_utils.Database(self.conn)

    def _connect(self) -> sqlite3.Connection:
        name = self.path
        try:
            conn = sqlite3.connect(name, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}")
            conn.execute("PRAGMA foreign_keys = ON")
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            schema.migrate(conn)
        except schema.NewerSchemaError as exc:
            raise LibraryError(f"{name}: {exc}; open it with a newer readinglist") from exc
        except sqlite3.DatabaseError as exc:
            raise LibraryError(_database_message(name, exc)) from exc
        return conn

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

    # -- import -------------------------------------------------------------

    def import_files(
        self,
        paths: Iterable[str | Path],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Parse every file, then write all readable ones in one transaction.

        A file that cannot be read is reported with its error and skipped; the
        others still land. Cancelling rolls the whole run back.
        """
        digests: list[Digest] = []
        failed: list[FileReport] = []
        for path in digest_files(paths):
            try:
                digests.append(read_digest(path))
            except DigestError as exc:
                failed.append(FileReport(str(path), error=exc.message, error_line=exc.line))
            if cancelled and cancelled():
                raise ImportCancelled()
        report = self.import_digests(digests, progress, cancelled) if digests else ImportReport()
        report.files.extend(failed)
        return report

    def import_digests(
        self,
        digests: Sequence[Digest],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        total = sum(len(d.entries) for d in digests)
        done = 0
        report = ImportReport()
        now = _now()
        with self._transaction() as conn:
            report.import_id = conn.execute(
                "INSERT INTO imports(started) VALUES (?)", (now,)
            ).lastrowid
            for digest in digests:
                file_report = FileReport(
                    digest.file, date=digest.date, warnings=list(digest.warnings)
                )
                report.files.append(file_report)
                previous = conn.execute(
                    "SELECT imported FROM digests WHERE fingerprint = ?", (digest.fingerprint,)
                ).fetchone()
                if previous:
                    file_report.already_imported = previous[0]
                    file_report.known = len(digest.entries)
                    done += len(digest.entries)
                    self._report(progress, cancelled, done, total, digest.file)
                    continue
                digest_id = conn.execute(
                    "INSERT INTO digests(file, date, imported, fingerprint, import_id, layout,"
                    " encoding) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (
                        Path(digest.file).name,
                        digest.date,
                        now,
                        digest.fingerprint,
                        report.import_id,
                        digest.layout,
                        digest.encoding,
                    ),
                ).lastrowid
                for entry in digest.entries:
                    paper_id, added = self._upsert_paper(
                        entry.title, entry.abstract, now, report.import_id
                    )
                    if added:
                        file_report.added += 1
                        report.added_ids.append(paper_id)
                    else:
                        file_report.known += 1
                    inserted = conn.execute(
                        "INSERT OR IGNORE INTO sightings(paper_id, digest_id, line)"
                        " VALUES (?, ?, ?)",
                        (paper_id, digest_id, entry.line),
                    ).rowcount
                    if not inserted:
                        file_report.warnings.append(
                            ParseWarning(
                                digest.file,
                                entry.line,
                                f"the same paper appears earlier in this file: {entry.title!r}",
                            )
                        )
                    done += 1
                    if done % 200 == 0:
                        self._report(progress, cancelled, done, total, digest.file)
                self._report(progress, cancelled, done, total, digest.file)
        return report

    @staticmethod
    def _report(
        progress: Progress | None, cancelled: Cancelled | None, done: int, total: int, label: str
    ) -> None:
        if progress:
            progress(done, total, label)
        if cancelled and cancelled():
            raise ImportCancelled()

    def _upsert_paper(
        self, title: str, abstract: str, now: str, import_id: int
    ) -> tuple[int, bool]:
        key = title_key(title)
        row = self.conn.execute(
            "SELECT id, abstract FROM papers WHERE title_key = ?", (key,)
        ).fetchone()
        if row:
            if not row[1] and abstract:  # a later digest brings the missing abstract
                self.conn.execute("UPDATE papers SET abstract = ? WHERE id = ?", (abstract, row[0]))
            return row[0], False
        cursor = self.conn.execute(
            "INSERT INTO papers(title, title_key, abstract, added, import_id)"
            " VALUES (?, ?, ?, ?, ?)",
            (title, key, abstract, now, import_id),
        )
        return cursor.lastrowid, True

    # -- queries ------------------------------------------------------------

    def count(self, query: str | Query = "") -> int:
        where, params = _where(query)
        return self.conn.execute(f"SELECT count(*) FROM papers WHERE {where}", params).fetchone()[0]

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
        """Ids of the matching papers in order; the sort runs in SQLite."""
        where, params = _where(query)
        order = _order(sort, descending)
        sql = f"SELECT id FROM papers WHERE {where} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        return [row[0] for row in self.conn.execute(sql, params)]

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

    def papers(self, ids: Sequence[int], with_digests: bool = True) -> list[Paper]:
        """Papers by id, in the order given (ids that do not exist are left out)."""
        found: dict[int, Paper] = {}
        for chunk in _chunks(ids, 500):
            marks = ",".join("?" * len(chunk))
            for row in self.conn.execute(
                "SELECT id, title, abstract, added, rating, status, note, tag_list, seen,"
                f" first_seen FROM papers WHERE id IN ({marks})",
                chunk,
            ):
                found[row[0]] = Paper(*row[:7], _split_tags(row[7]), *row[8:])
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

    # -- annotations ----------------------------------------------------------

    def _check_ids(self, ids: Sequence[int]) -> list[int]:
        ids = list(dict.fromkeys(int(i) for i in ids))
        missing = set(ids) - {
            p
            for chunk in _chunks(ids, 500)
            for (p,) in self.conn.execute(
                f"SELECT id FROM papers WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
        }
        if missing:
            raise LibraryError("no paper with id " + ", ".join(map(str, sorted(missing))))
        return ids

    def add_tags(self, ids: Sequence[int], tags: Iterable[str]) -> list[int]:
        """Tag the papers; returns the ids of papers that gained a tag."""
        names = _clean_tags(tags)
        with self._transaction() as conn:
            ids = self._check_ids(ids)
            changed: set[int] = set()
            for name in names:
                conn.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", (name,))
                tag_id = conn.execute("SELECT id FROM tags WHERE name = ?", (name,)).fetchone()[0]
                for paper_id in ids:
                    if conn.execute(
                        "INSERT OR IGNORE INTO paper_tags(paper_id, tag_id) VALUES (?, ?)",
                        (paper_id, tag_id),
                    ).rowcount:
                        changed.add(paper_id)
        return [i for i in ids if i in changed]

    def remove_tags(self, ids: Sequence[int], tags: Iterable[str]) -> list[int]:
        """Untag the papers; returns the ids of papers that lost a tag."""
        names = _clean_tags(tags)
        with self._transaction() as conn:
            ids = self._check_ids(ids)
            changed: set[int] = set()
            for name in names:
                for paper_id in ids:
                    if conn.execute(
                        "DELETE FROM paper_tags WHERE paper_id = ? AND tag_id ="
                        " (SELECT id FROM tags WHERE name = ?)",
                        (paper_id, name),
                    ).rowcount:
                        changed.add(paper_id)
        return [i for i in ids if i in changed]

    def set_rating(self, ids: Sequence[int], rating: int) -> list[int]:
        if not 0 <= int(rating) <= 5:
            raise LibraryError(f"a rating goes from 0 (unrated) to 5, not {rating}")
        return self._set_column(ids, "rating", int(rating))

    def set_status(self, ids: Sequence[int], status: str) -> list[int]:
        if status not in schema.STATUSES:
            raise LibraryError(f"status is one of {', '.join(schema.STATUSES)}, not {status!r}")
        return self._set_column(ids, "status", status)

    def set_note(self, paper_id: int, text: str) -> bool:
        return bool(self._set_column([paper_id], "note", text))

    def _set_column(self, ids: Sequence[int], column: str, value: object) -> list[int]:
        assert column in ("rating", "status", "note")  # never user text in SQL
        with self._transaction() as conn:
            ids = self._check_ids(ids)
            changed = [
                paper_id
                for paper_id in ids
                if conn.execute(
                    f"UPDATE papers SET {column} = ? WHERE id = ? AND {column} IS NOT ?",
                    (value, paper_id, value),
                ).rowcount
            ]
        return changed


def _where(query: str | Query) -> tuple[str, list]:
    parsed = parse(query) if isinstance(query, str) else query
    return parsed.clause()


def _order(sort: str | None, descending: bool) -> str:
    if sort is None:
        sort = "id"
    if sort not in SORT_COLUMNS:
        raise LibraryError(f"cannot sort by {sort!r}; use one of {', '.join(SORT_COLUMNS)}")
    direction = "DESC" if descending else "ASC"
    return f"{SORT_COLUMNS[sort]} {direction}, id {direction}"


def _chunks(items: Sequence[int], size: int) -> Iterator[list[int]]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _split_tags(tag_list: str) -> list[str]:
    return [t for t in tag_list.split(", ") if t] if tag_list else []


def _clean_tags(tags: Iterable[str]) -> list[str]:
    names = [" ".join(t.split()) for t in tags]
    names = [n for n in names if n]
    if not names:
        raise LibraryError("no tag given")
    if any("," in n for n in names):
        raise LibraryError("a tag cannot contain a comma")
    return list(dict.fromkeys(names))


def _database_message(path: Path, exc: sqlite3.Error) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return (
            f"{path}: the library is busy: another readinglist is writing to it; "
            "try again when it is done"
        )
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return f"{path}: not a readinglist library, or the file is damaged ({text})"
    if "unable to open" in text or "readonly" in text:
        return f"{path}: cannot open or write the library ({text})"
    return f"{path}: {text}"
