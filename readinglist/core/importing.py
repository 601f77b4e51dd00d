"""Digest files -> papers and sightings, one transaction per import run."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from readinglist.core import clock
from readinglist.core.annotate import join_notes
from readinglist.core.digest import Digest, DigestError, DigestStream, ParseWarning
from readinglist.core.import_batch import DigestWriter, batches
from readinglist.core.markdown_import import ExportedPaper, looks_like_export, parse_export
from readinglist.core.models import FileReport, ImportCancelled, ImportReport
from readinglist.core.reading import Check, NotARegularFile, open_regular, refusal
from readinglist.core.store import LibraryStore
from readinglist.core.tag_names import attach_tags
from readinglist.core.titles import title_key
from readinglist.core.writelock import write_lock

Progress = Callable[[int, int, str], None]
BYTES_PER_ENTRY = 1200  # a digest entry's title and abstract, about
REBUILD_INDEXES_ABOVE = 20_000  # expected entries; see _drop_sort_indexes
Cancelled = Callable[[], bool]


def digest_files(paths: Iterable[str | Path]) -> list[Path]:
    """Expand folders into the digests (*.txt) and exports (*.md) inside; keep files as given."""
    return collect_files(paths)[0]


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[FileReport]]:
    """The files to import, and a report for each folder that could not be read.

    Special files inside folders (pipes, devices) are left out; named on
    their own they are kept so that the import refuses them with a message.
    """
    files: list[Path] = []
    problems: list[FileReport] = []

    def unreadable(error: OSError) -> None:
        problems.append(
            FileReport(
                str(error.filename),
                error=f"cannot read this folder ({error.strerror}); the files in it were "
                "not imported",
            )
        )

    for path in map(Path, paths):
        if not path.is_dir():
            files.append(path)
            continue
        found = []
        for folder, subfolders, names in os.walk(path, onerror=unreadable):
            subfolders.sort()
            for name in names:
                candidate = Path(folder) / name
                if candidate.suffix.lower() in (".txt", ".md") and not candidate.is_dir():
                    found.append(candidate)
        files.extend(sorted(found))
    return files, problems


@dataclass
class ExportFile:
    """A Markdown export of readinglist's, read back for its annotations."""

    file: str
    papers: list[ExportedPaper]
    warnings: list[ParseWarning]


def read_export(path: Path, check: Check | None = None) -> ExportFile | None:
    """The export in a .md file, or None when the file is not one of our exports."""
    if path.suffix.lower() not in (".md", ".markdown"):
        return None
    try:
        with open_regular(path, check) as source:
            text = source.read().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError, NotARegularFile):
        return None  # let the digest reader report what is wrong with it
    if not looks_like_export(text):
        return None
    papers, warnings = parse_export(text, str(path))
    if not papers:
        raise DigestError(str(path), None, "a readinglist export, but no paper could be read")
    return ExportFile(str(path), papers, warnings)


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT just wrote (typed Optional for statements that write none)."""
    assert cursor.lastrowid is not None
    return cursor.lastrowid


class _NothingImported(Exception):
    """Every file of a run was refused: roll back so that nothing at all is written."""


class ImportMixin(LibraryStore):
    """Library methods that import digests."""

    def import_files(
        self,
        paths: Iterable[str | Path],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Import digests (and our Markdown exports) in one transaction, streaming each file.

        Progress counts bytes read. A file that is not a digest is rolled back
        on its own (a savepoint) and reported; the others still land. Cancelling
        rolls the whole run back.
        """
        files, problems = collect_files(paths)
        # Files that can never be read (pipes, devices) are refused before the write
        # transaction starts; the others are opened without blocking inside it.
        refused = {path: why for path in files if (why := refusal(path))}
        files = [path for path in files if path not in refused]
        sizes = [_size(path) for path in files]
        run = _Run(self.conn, progress, cancelled, total=sum(sizes))
        run.expected_entries = sum(sizes) // BYTES_PER_ENTRY
        run.report.files.extend(problems)
        for path, why in refused.items():
            run.report.files.append(FileReport(str(path), error=why))
        try:
            with write_lock(self.path, "importing", cancelled=cancelled), self.transaction():
                run.start()
                for path, size in zip(files, sizes, strict=True):
                    self.conn.execute("SAVEPOINT import_file")
                    try:
                        export = read_export(path, run.check)
                        if export:
                            run.export(export)
                        else:
                            with DigestStream(path, check=run.check) as stream:
                                run.digest(stream, stream)
                        self.conn.execute("RELEASE import_file")
                    except DigestError as exc:
                        self.conn.execute("ROLLBACK TO import_file")
                        self.conn.execute("RELEASE import_file")
                        run.refused(str(path), exc)
                    run.done_bytes += size
                    run.tick(str(path))
                if not run.imported_any:
                    raise _NothingImported()
                run.finish()
        except _NothingImported:
            pass
        return run.report

    def import_digests(
        self,
        digests: Sequence[Digest],
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportReport:
        """Import digests already parsed in memory (progress counts papers)."""
        run = _Run(self.conn, progress, cancelled, total=sum(len(d.entries) for d in digests))
        run.expected_entries = run.total
        with write_lock(self.path, "importing", cancelled=cancelled), self.transaction():
            run.start()
            for digest in digests:
                run.digest(digest, digest.entries)
            run.finish()
        return run.report


class _Run:
    """One import run: its report, its progress, and the writing of each file."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        progress: Progress | None,
        cancelled: Cancelled | None,
        total: int,
    ) -> None:
        self.conn = conn
        self.progress = progress
        self.cancelled = cancelled
        self.total = total
        self.done_bytes = 0
        self.report = ImportReport()
        self.now = clock.utc_stamp()
        self.imported_any = False
        self.import_id = 0  # set by start()
        self.expected_entries = 0
        self.indexes_to_rebuild: list[str] = []

    def start(self) -> None:
        self.import_id = inserted_id(
            self.conn.execute("INSERT INTO imports(started) VALUES (?)", (self.now,))
        )
        self.report.import_id = self.import_id
        # New papers join the full-text index in one go at the end (see schema _V4).
        self.first_new_id = self.conn.execute(
            "SELECT coalesce(max(id), 0) + 1 FROM papers"
        ).fetchone()[0]
        self.conn.execute("UPDATE fts_control SET deferred_from = ?", (self.first_new_id,))
        papers = self.first_new_id - 1
        if self.expected_entries > max(REBUILD_INDEXES_ABOVE, papers):
            self.indexes_to_rebuild = _drop_sort_indexes(self.conn)

    def finish(self) -> None:
        for sql in self.indexes_to_rebuild:  # one sort each, not a b-tree insert per paper
            self.conn.execute(sql)
        self.conn.execute(
            "INSERT INTO papers_fts(rowid, title, abstract)"
            " SELECT id, title, abstract FROM papers WHERE id >= ?",
            (self.first_new_id,),
        )
        self.conn.execute(
            "INSERT INTO annotations_fts(rowid, tag_list, note) SELECT id, tag_list, note"
            " FROM papers WHERE id >= ? AND (tag_list <> '' OR note <> '')",
            (self.first_new_id,),
        )
        self.conn.execute("UPDATE fts_control SET deferred_from = NULL")

    def check(self) -> None:
        """Called between reads of 64 KB: Cancel stops the import within one read."""
        if self.cancelled and self.cancelled():
            raise ImportCancelled()

    def tick(self, label: str, done: int | None = None) -> None:
        """Report progress (bytes, or papers for parsed digests) and let Cancel stop the run."""
        if self.progress:
            self.progress(
                min(self.done_bytes if done is None else done, self.total), self.total, label
            )
        if self.cancelled and self.cancelled():
            raise ImportCancelled()

    def refused(self, file: str, error: DigestError) -> None:
        """Replace what the rolled-back file had put in the report with its error."""
        for report in [r for r in self.report.files if r.file == file]:
            self.report.files.remove(report)
        self.report.files.append(FileReport(file, error=error.message, error_line=error.line))

    def digest(self, digest: Digest | DigestStream, entries: Iterable) -> None:
        """Write one digest's papers and sightings; its fingerprint is checked at the end."""
        file_report = FileReport(digest.file)
        self.report.files.append(file_report)
        self.conn.execute("SAVEPOINT digest_write")
        digest_id = self.conn.execute(
            "INSERT INTO digests(file, imported, fingerprint, import_id) VALUES (?, ?, ?, ?)",
            (
                Path(digest.file).name,
                self.now,
                f"pending {self.report.import_id}",
                self.import_id,
            ),
        ).lastrowid
        assert digest_id is not None
        writer = DigestWriter(self.conn, digest.file, digest_id, self.now, self.import_id)
        dated = False
        for batch in batches(entries):
            if not dated:  # the header, read by now, may name the digest's date
                self.conn.execute(
                    "UPDATE digests SET date = ? WHERE id = ?", (digest.date, digest_id)
                )
                dated = True
            writer.write(batch, digest.date or self.now)
            if isinstance(digest, DigestStream):
                self.tick(digest.file, self.done_bytes + digest.bytes_read)
            else:
                self.done_bytes += len(batch)
                self.tick(digest.file)
        file_report.added, file_report.known = writer.added, writer.known
        digest.warnings.extend(writer.warnings)
        digest.warnings.sort(key=lambda warning: warning.line)
        file_report.date = digest.date
        file_report.warnings = list(digest.warnings)
        previous = self.conn.execute(
            "SELECT imported FROM digests WHERE fingerprint = ?", (digest.fingerprint,)
        ).fetchone()
        if previous:  # this very digest was imported before: keep none of it
            self.conn.execute("ROLLBACK TO digest_write")
            self.conn.execute("RELEASE digest_write")
            file_report.known += file_report.added
            file_report.added = 0
            file_report.already_imported = previous[0]
            return
        self.conn.execute(
            "UPDATE digests SET fingerprint = ?, layout = ?, encoding = ? WHERE id = ?",
            (digest.fingerprint, digest.layout, digest.encoding, digest_id),
        )
        self.conn.execute("RELEASE digest_write")
        self.imported_any = True

    def export(self, export: ExportFile) -> None:
        file_report = FileReport(export.file, warnings=list(export.warnings))
        self.report.files.append(file_report)
        for paper in export.papers:
            paper_id, added = _upsert_paper(
                self.conn, paper.title, paper.abstract, self.now, self.import_id
            )
            if added:
                file_report.added += 1
            else:
                file_report.known += 1
            file_report.restored += _restore_exported(self.conn, paper_id, paper)
        self.imported_any = True


def _upsert_paper(
    conn: sqlite3.Connection, title: str, abstract: str, now: str, import_id: int
) -> tuple[int, bool]:
    """The paper with this title (a missing abstract filled in), added if new: (id, added)."""
    key = title_key(title)
    row = conn.execute("SELECT id, abstract FROM papers WHERE title_key = ?", (key,)).fetchone()
    if row:
        if not row[1] and abstract:  # a later digest brings the missing abstract
            conn.execute("UPDATE papers SET abstract = ? WHERE id = ?", (abstract, row[0]))
        return row[0], False
    cursor = conn.execute(
        "INSERT INTO papers(title, title_key, abstract, added, import_id) VALUES (?, ?, ?, ?, ?)",
        (title, key, abstract, now, import_id),
    )
    return inserted_id(cursor), True


def _restore_exported(conn: sqlite3.Connection, paper_id: int, paper: ExportedPaper) -> bool:
    """Put an exported paper's annotations back; nothing the library has is removed.

    Tags are added to the paper's own; a rating or a status other than
    unread replaces the paper's; a note fills an empty one, and a
    different note is appended below the paper's under a rule.
    """
    before = conn.execute(
        "SELECT rating, status, note, tag_list FROM papers WHERE id = ?", (paper_id,)
    ).fetchone()
    attach_tags(conn, [(paper_id, name) for name in paper.tags])
    if paper.rating:
        conn.execute("UPDATE papers SET rating = ? WHERE id = ?", (paper.rating, paper_id))
    if paper.status != "unread":
        conn.execute("UPDATE papers SET status = ? WHERE id = ?", (paper.status, paper_id))
    if paper.note:
        note = join_notes(before[2], paper.note)
        conn.execute("UPDATE papers SET note = ? WHERE id = ?", (note, paper_id))
    after = conn.execute(
        "SELECT rating, status, note, tag_list FROM papers WHERE id = ?", (paper_id,)
    ).fetchone()
    return before != after


def _drop_sort_indexes(conn: sqlite3.Connection) -> list[str]:
    """Inside the import's transaction: drop the papers' plain indexes; their SQL, to rebuild.

    A large import into a smaller library builds them faster afterwards, by
    sorting, than by updating eight b-trees per paper. Unique indexes stay
    (they are constraints, and title keys are looked up during the import).
    """
    rows = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'papers'"
        " AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%'"
    ).fetchall()
    for name, _ in rows:
        conn.execute(f'DROP INDEX "{name}"')
    return [sql for _, sql in rows]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
