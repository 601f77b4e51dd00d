"""Digest files -> papers and sightings, one transaction per import run."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

from readinglist.core.digest import Digest, DigestError, ParseWarning, read_digest
from readinglist.core.markdown_import import ExportedPaper, looks_like_export, parse_export
from readinglist.core.models import FileReport, ImportCancelled, ImportReport
from readinglist.core.titles import title_key

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


def digest_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the digests (*.txt) and exports (*.md) inside; keep files as given."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in (".txt", ".md")
                )
            )
        else:
            files.append(path)
    return files


@dataclass
class ExportFile:
    """A Markdown export of readinglist's, read back for its annotations."""

    file: str
    papers: list[ExportedPaper]
    warnings: list[ParseWarning]


def read_export(path: Path) -> ExportFile | None:
    """The export in a .md file, or None when the file is not one of our exports."""
    if path.suffix.lower() not in (".md", ".markdown"):
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # let the digest reader report what is wrong with it
    if not looks_like_export(text):
        return None
    papers, warnings = parse_export(text, str(path))
    if not papers:
        raise DigestError(str(path), None, "a readinglist export, but no paper could be read")
    return ExportFile(str(path), papers, warnings)


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
        exports: list[ExportFile] = []
        failed: list[FileReport] = []
        for path in digest_files(paths):
            try:
                export = read_export(path)
                if export:
                    exports.append(export)
                else:
                    digests.append(read_digest(path))
            except DigestError as exc:
                failed.append(FileReport(str(path), error=exc.message, error_line=exc.line))
            if cancelled and cancelled():
                raise ImportCancelled()
        report = (
            self.import_digests(digests, progress, cancelled, exports)
            if digests or exports
            else ImportReport()
        )
        report.files.extend(failed)
        return report

    def import_digests(
        self,
        digests: Sequence[Digest],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
        exports: Sequence[ExportFile] = (),
    ) -> ImportReport:
        total = sum(len(d.entries) for d in digests) + sum(len(e.papers) for e in exports)
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
                        report.added_at[paper_id] = (file_report, entry.line)
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
            for export in exports:
                file_report = FileReport(export.file, warnings=list(export.warnings))
                report.files.append(file_report)
                for paper in export.papers:
                    paper_id, added = self._upsert_paper(
                        paper.title, paper.abstract, now, report.import_id
                    )
                    if added:
                        file_report.added += 1
                        report.added_ids.append(paper_id)
                        report.added_at[paper_id] = (file_report, paper.line)
                    else:
                        file_report.known += 1
                    file_report.restored += self._restore_exported(paper_id, paper)
                done += len(export.papers)
                self._report(progress, cancelled, done, total, export.file)
        return report

    def _restore_exported(self, paper_id: int, paper: ExportedPaper) -> bool:
        """Put an exported paper's annotations back; nothing the library has is removed.

        Tags are added to the paper's own; a rating or a status other than
        unread replaces the paper's; a note fills an empty one, and a
        different note is appended below the paper's under a rule.
        """
        conn = self.conn
        before = conn.execute(
            "SELECT rating, status, note, tag_list FROM papers WHERE id = ?", (paper_id,)
        ).fetchone()
        for name in paper.tags:
            conn.execute("INSERT OR IGNORE INTO tags(name) VALUES (?)", (name,))
            conn.execute(
                "INSERT OR IGNORE INTO paper_tags(paper_id, tag_id)"
                " SELECT ?, id FROM tags WHERE name = ?",
                (paper_id, name),
            )
        if paper.rating:
            conn.execute("UPDATE papers SET rating = ? WHERE id = ?", (paper.rating, paper_id))
        if paper.status != "unread":
            conn.execute("UPDATE papers SET status = ? WHERE id = ?", (paper.status, paper_id))
        note = before[2]
        if paper.note and paper.note not in note:
            note = f"{note}\n\n---\n\n{paper.note}" if note.strip() else paper.note
            conn.execute("UPDATE papers SET note = ? WHERE id = ?", (note, paper_id))
        after = conn.execute(
            "SELECT rating, status, note, tag_list FROM papers WHERE id = ?", (paper_id,)
        ).fetchone()
        return before != after

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
