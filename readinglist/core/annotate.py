"""Tags, ratings, statuses, notes and deletion: every edit one transaction.

Each method returns the ids it really changed, so views refresh only those
and undo commands know what to put back.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence

from readinglist.core import paper_rows, schema
from readinglist.core.bulk_edit import indexed_once, load_ids
from readinglist.core.limits import clean_tag
from readinglist.core.models import Annotation, DeletedPapers, LibraryError
from readinglist.core.store import LibraryStore
from readinglist.core.tag_names import TAG_PAPERS, ensure_tag, find_tag, tag_key


class AnnotateMixin(LibraryStore):
    """Library methods that annotate papers."""

    def add_tags(self, ids: Sequence[int], tags: Iterable[str]) -> list[int]:
        """Tag the papers; returns the ids of papers that gained a tag."""
        names = _clean_tags(tags)
        with self.transaction() as conn:
            ids = self.check_ids(ids)
            changed: set[int] = set()
            with indexed_once(conn, ids):
                for name in names:
                    tag_id = ensure_tag(conn, name)
                    changed.update(
                        row[0]
                        for row in conn.execute(
                            f"{TAG_PAPERS} SELECT id, ? FROM temp.edit_ids RETURNING paper_id",
                            (tag_id,),
                        )
                    )
        return [i for i in ids if i in changed]

    def remove_tags(self, ids: Sequence[int], tags: Iterable[str]) -> list[int]:
        """Untag the papers; returns the ids of papers that lost a tag."""
        names = _clean_tags(tags, strict=False)
        with self.transaction() as conn:
            ids = self.check_ids(ids)
            changed: set[int] = set()
            with indexed_once(conn, ids):
                for name in names:
                    changed.update(
                        row[0]
                        for row in conn.execute(
                            "DELETE FROM paper_tags WHERE tag_id = (SELECT id FROM tags"
                            " WHERE key = ?) AND paper_id IN (SELECT id FROM temp.edit_ids)"
                            " RETURNING paper_id",
                            (tag_key(name),),
                        )
                    )
            paper_rows.forget_unused_tags(conn)
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
        with self.transaction() as conn:
            ids = self.check_ids(ids)
            load_ids(conn, ids)  # one statement for any number of papers
            changed = {
                row[0]
                for row in conn.execute(
                    f"UPDATE papers SET {column} = ? WHERE id IN (SELECT id FROM temp.edit_ids)"
                    f" AND {column} IS NOT ? RETURNING id",
                    (value, value),
                )
            }
        return [i for i in ids if i in changed]

    # -- whole-tag operations (the tag sidebar) ---------------------------------

    def rename_tag(self, old: str, new: str) -> list[int]:
        """Rename a tag; onto an existing tag (any case) this merges the two.

        Returns the ids of the papers that carried the old tag.
        """
        [new] = _clean_tags([new])
        with self.transaction() as conn:
            old_id = _tag_id(conn, old)
            ids = [
                r[0]
                for r in conn.execute("SELECT paper_id FROM paper_tags WHERE tag_id = ?", (old_id,))
            ]
            target = find_tag(conn, new)
            if target is None or target == old_id:
                conn.execute(
                    "UPDATE tags SET name = ?, key = ? WHERE id = ?", (new, tag_key(new), old_id)
                )
            else:
                conn.execute(
                    f"{TAG_PAPERS} SELECT paper_id, ? FROM paper_tags WHERE tag_id = ?",
                    (target, old_id),
                )
                conn.execute("DELETE FROM tags WHERE id = ?", (old_id,))
        return ids

    def delete_tag(self, name: str) -> list[int]:
        """Remove a tag from every paper; returns the ids of those papers."""
        with self.transaction() as conn:
            tag_id = _tag_id(conn, name)
            ids = [
                r[0]
                for r in conn.execute("SELECT paper_id FROM paper_tags WHERE tag_id = ?", (tag_id,))
            ]
            conn.execute("DELETE FROM tags WHERE id = ?", (tag_id,))
        return ids

    def tagged_ids(self, name: str) -> list[int]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT pt.paper_id FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id"
                " WHERE t.key = ? ORDER BY pt.paper_id",
                (tag_key(name),),
            )
        ]

    # -- undo ---------------------------------------------------------------------

    def restore_annotations(self, snapshot: dict[int, Annotation]) -> list[int]:
        """Put annotations back exactly as a snapshot holds them, in one transaction."""
        with self.transaction() as conn:
            return paper_rows.restore_annotations(conn, snapshot)

    # -- deletion ------------------------------------------------------------------

    def delete_papers(self, ids: Sequence[int]) -> DeletedPapers:
        """Delete papers; the result holds everything needed to restore them."""
        with self.transaction() as conn:
            return paper_rows.delete_rows(conn, self.check_ids(ids))

    def restore_papers(self, deleted: DeletedPapers) -> list[int]:
        """Undo delete_papers: the papers come back with their ids, sightings and notes."""
        with self.transaction() as conn:
            paper_rows.insert_deleted(conn, deleted)
        return deleted.ids


NOTE_SEPARATOR = "\n\n---\n\n"


def join_notes(mine: str, theirs: str) -> str:
    """Two notes of one paper (a merge, an imported export): theirs below mine, once."""
    if not theirs.strip() or theirs.strip() in mine:
        return mine
    if not mine.strip():
        return theirs
    return mine.rstrip() + NOTE_SEPARATOR + theirs.strip()


def _tag_id(conn: sqlite3.Connection, name: str) -> int:
    found = find_tag(conn, name)
    if found is None:
        raise LibraryError(f"no tag named {name!r}")
    return found


def _clean_tags(tags: Iterable[str], strict: bool = True) -> list[str]:
    """Tags by the rules of core/limits.py; to remove, any existing spelling is accepted."""
    names = [unicodedata.normalize("NFC", " ".join(t.split())) for t in tags]
    names = [n for n in names if n]
    if not names:
        raise LibraryError("no tag given")
    if strict:
        names = [clean_tag(n) for n in names]
    return list(dict.fromkeys(names))
