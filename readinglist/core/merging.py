"""Library methods for near-duplicates: find candidates, dismiss a pair, merge, unmerge."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from readinglist.core import dedup, paper_rows
from readinglist.core.annotate import join_notes
from readinglist.core.digest import ParseWarning
from readinglist.core.models import Annotation, DeletedPapers, ImportReport, LibraryError
from readinglist.core.schema import STATUSES
from readinglist.core.store import LibraryStore
from readinglist.core.titles import title_key

FLAG_LIMIT = 50_000  # new papers checked for near-duplicates during an import


@dataclass
class MergeResult:
    """What a merge changed, so that it can be undone exactly."""

    keep: int
    other: int
    kept_title: str
    kept_abstract: str
    kept_annotation: Annotation
    kept_added: str
    moved_sightings: list[int]  # digest ids newly attached to the kept paper
    deleted: DeletedPapers


class DuplicatesMixin(LibraryStore):
    """Library methods for near-duplicates; merges and their undo go through paper_rows."""

    def find_duplicates(
        self, min_score: int = dedup.MIN_SCORE, among: set[int] | None = None
    ) -> list[dedup.Candidate]:
        """Candidate pairs, best first; dismissed pairs never come back."""
        return dedup.candidates(
            dedup.load_papers(self.conn),
            among=among,
            dismissed=dedup.dismissed_pairs(self.conn),
            min_score=min_score,
        )

    def flag_possible_duplicates(self, report: ImportReport) -> list[dedup.Candidate]:
        """After an import: warn about each new paper whose title is close to another's.

        The papers stay apart (the user decides, in Possible duplicates); the
        warning names the file and line where the new paper was read. A very
        large import is not checked here (it would take a full scan): the
        report says to run the scan instead.
        """
        if not report.added or report.import_id is None:
            return []
        if report.added > FLAG_LIMIT:
            report.notes.append(
                f"{report.added:,} new papers: too many to check for near-"
                "duplicates during the import; see Possible duplicates"
            )
            return []
        new = self._added_by(report)
        found = self.find_duplicates(among=set(new))
        titles = {
            p.id: p.title
            for p in self.papers([i for c in found for i in (c.a, c.b)], with_digests=False)
        }
        files = {Path(f.file).name: f for f in report.files}
        for candidate in found:
            paper, other = (
                (candidate.b, candidate.a) if candidate.b in new else (candidate.a, candidate.b)
            )
            file_name, line = new[paper]
            file_report = files.get(file_name) or report.files[0]
            file_report.warnings.append(
                ParseWarning(
                    file_report.file,
                    line or 1,
                    f"looks like paper {other} “{titles[other]}” ({candidate.score}: "
                    f"{candidate.reason}); kept as its own paper: see Possible duplicates "
                    "(readinglist dupes)",
                )
            )
        return found

    def _added_by(self, report: ImportReport) -> dict[int, tuple[str, int | None]]:
        """The papers an import added, with the file and line each was read from."""
        rows = self.conn.execute(
            "SELECT p.id, d.file, s.line FROM papers p"
            " LEFT JOIN sightings s ON s.paper_id = p.id"
            " LEFT JOIN digests d ON d.id = s.digest_id AND d.import_id = p.import_id"
            " WHERE p.import_id = ? ORDER BY p.id",
            (report.import_id,),
        )
        added: dict[int, tuple[str, int | None]] = {}
        for paper_id, file, line in rows:
            if file or paper_id not in added:
                added[paper_id] = (file or "", line)
        return added

    def dismiss_duplicate(self, a: int, b: int) -> None:
        with self.transaction() as conn:
            self.check_ids([a, b])
            conn.execute(
                "INSERT OR IGNORE INTO not_duplicates(a, b) VALUES (?, ?)", dedup.ordered(a, b)
            )

    def merge_papers(
        self, keep: int, other: int, title_from: int | None = None, abstract_from: int | None = None
    ) -> MergeResult:
        """Merge other into keep: tags join, the higher rating and the furthest status
        win, notes are joined under a rule, sightings combine; other is deleted."""
        if keep == other:
            raise LibraryError("a paper cannot be merged with itself")
        with self.transaction() as conn:
            self.check_ids([keep, other])
            rows = {
                pid: conn.execute(
                    "SELECT title, abstract, added FROM papers WHERE id = ?", (pid,)
                ).fetchone()
                for pid in (keep, other)
            }
            for chosen in (title_from, abstract_from):
                if chosen not in (None, keep, other):
                    raise LibraryError(f"choose the title and abstract of {keep} or {other}")
            notes = self.annotations([keep, other])
            mine, theirs = notes[keep], notes[other]
            before_digests = {
                d
                for (d,) in conn.execute(
                    "SELECT digest_id FROM sightings WHERE paper_id = ?", (keep,)
                )
            }
            other_sightings = conn.execute(
                "SELECT digest_id, line FROM sightings WHERE paper_id = ?", (other,)
            ).fetchall()
            deleted = paper_rows.delete_rows(conn, [other])
            title = rows[title_from or keep][0]
            abstract = rows[abstract_from or keep][1] or rows[other][1] or rows[keep][1]
            conn.execute(
                "UPDATE papers SET title = ?, title_key = ?, abstract = ?, added = ? WHERE id = ?",
                (title, title_key(title), abstract, min(rows[keep][2], rows[other][2]), keep),
            )
            conn.executemany(
                "INSERT OR IGNORE INTO sightings(paper_id, digest_id, line) VALUES (?, ?, ?)",
                [(keep, digest, line) for digest, line in other_sightings],
            )
            merged = Annotation(
                tags=tuple(dict.fromkeys(mine.tags + theirs.tags)),
                rating=max(mine.rating, theirs.rating),
                status=max(mine.status, theirs.status, key=STATUSES.index),
                note=join_notes(mine.note, theirs.note),
            )
            paper_rows.restore_annotations(conn, {keep: merged})
        return MergeResult(
            keep,
            other,
            rows[keep][0],
            rows[keep][1],
            mine,
            rows[keep][2],
            [d for d, _ in other_sightings if d not in before_digests],
            deleted,
        )

    def unmerge(self, result: MergeResult) -> None:
        """Undo merge_papers: both papers back as they were."""
        with self.transaction() as conn:
            conn.executemany(
                "DELETE FROM sightings WHERE paper_id = ? AND digest_id = ?",
                [(result.keep, d) for d in result.moved_sightings],
            )
            conn.execute(
                "UPDATE papers SET title = ?, title_key = ?, abstract = ?, added = ? WHERE id = ?",
                (
                    result.kept_title,
                    title_key(result.kept_title),
                    result.kept_abstract,
                    result.kept_added,
                    result.keep,
                ),
            )
            paper_rows.restore_annotations(conn, {result.keep: result.kept_annotation})
            paper_rows.insert_deleted(conn, result.deleted)
