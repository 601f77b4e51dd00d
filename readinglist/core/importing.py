"""Digest files -> papers and sightings, one transaction per import run."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path

from readinglist.core.digest import Digest, DigestError, ParseWarning, read_digest
from readinglist.core.models import FileReport, ImportCancelled, ImportReport
from readinglist.core.titles import title_key

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


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


class ImportMixin:
    """Library methods that import digests (see Library for conn and _transaction)."""

    conn: sqlite3.Connection
    _transaction: Callable[[], AbstractContextManager[sqlite3.Connection]]

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
