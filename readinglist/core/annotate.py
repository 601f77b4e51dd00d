"""Tags, ratings, statuses, notes and deletion: every edit one transaction.

Each method returns the ids it really changed, so views refresh only those
and undo commands know what to put back.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable, Iterator, Sequence

from readinglist.core import schema
from readinglist.core.bulk_edit import indexed_once, load_ids
from readinglist.core.library_base import LibraryBase
from readinglist.core.limits import check_id, clean_tag
from readinglist.core.models import Annotation, DeletedPapers, LibraryError
from readinglist.core.tag_names import ensure_tag, find_tag, tag_key

_PAPER_COLUMNS = "id, title, title_key, abstract, added, import_id, rating, status, note"


class AnnotateMixin(LibraryBase):
    """Library methods that annotate papers (see Library for conn and _transaction)."""

    def _check_ids(self, ids: Sequence[int]) -> list[int]:
        ids = list(dict.fromkeys(check_id(int(i)) for i in ids))
        missing = set(ids) - {
            p
            for chunk in chunks(ids, 500)
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
            with indexed_once(conn, ids):
                for name in names:
                    tag_id = ensure_tag(conn, name)
                    changed.update(
                        row[0]
                        for row in conn.execute(
                            "INSERT OR IGNORE INTO paper_tags(paper_id, tag_id)"
                            " SELECT id, ? FROM temp.edit_ids RETURNING paper_id",
                            (tag_id,),
                        )
                    )
        return [i for i in ids if i in changed]

    def remove_tags(self, ids: Sequence[int], tags: Iterable[str]) -> list[int]:
        """Untag the papers; returns the ids of papers that lost a tag."""
        names = _clean_tags(tags, strict=False)
        with self._transaction() as conn:
            ids = self._check_ids(ids)
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
            _forget_unused_tags(conn)
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
        with self._transaction() as conn:
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
                    "INSERT OR IGNORE INTO paper_tags(paper_id, tag_id)"
                    " SELECT paper_id, ? FROM paper_tags WHERE tag_id = ?",
                    (target, old_id),
                )
                conn.execute("DELETE FROM tags WHERE id = ?", (old_id,))
        return ids

    def delete_tag(self, name: str) -> list[int]:
        """Remove a tag from every paper; returns the ids of those papers."""
        with self._transaction() as conn:
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

    # -- snapshots for undo ---------------------------------------------------------

    def annotations(self, ids: Sequence[int]) -> dict[int, Annotation]:
        """The tags, rating, status and note of each paper, to put back later."""
        found: dict[int, Annotation] = {}
        for chunk in chunks(ids):
            marks = ",".join("?" * len(chunk))
            for paper_id, rating, status, note, tag_list in self.conn.execute(
                f"SELECT id, rating, status, note, tag_list FROM papers WHERE id IN ({marks})",
                chunk,
            ):
                tags = tuple(t for t in tag_list.split(", ") if t)
                found[paper_id] = Annotation(tags, rating, status, note)
        return found

    def restore_annotations(self, snapshot: dict[int, Annotation]) -> list[int]:
        """Put annotations back exactly as a snapshot holds them, in one transaction."""
        with self._transaction():
            return self._restore_annotations(snapshot)

    def _restore_annotations(self, snapshot: dict[int, Annotation]) -> list[int]:
        current = self.annotations(list(snapshot))
        changed = [i for i, annotation in snapshot.items() if current.get(i) != annotation]
        retag = [i for i in changed if i not in current or current[i].tags != snapshot[i].tags]
        # Only papers whose tags or note change have their full-text entry rewritten.
        reindex = set(retag)
        reindex |= {i for i in changed if i in current and current[i].note != snapshot[i].note}
        with indexed_once(self.conn, [i for i in changed if i in reindex]):
            self._put_back(snapshot, changed, retag)
        _forget_unused_tags(self.conn)
        return changed

    def _put_back(
        self, snapshot: dict[int, Annotation], changed: list[int], retag: list[int]
    ) -> None:
        """A few statements for any number of papers: undoing a 10,000-paper edit is one."""
        self.conn.executemany(
            "UPDATE papers SET rating = ?, status = ?, note = ? WHERE id = ?"
            " AND (rating IS NOT ? OR status IS NOT ? OR note IS NOT ?)",
            (
                (a.rating, a.status, a.note, paper_id, a.rating, a.status, a.note)
                for paper_id in changed
                for a in (snapshot[paper_id],)
            ),
        )
        if not retag:
            return
        marks = ",".join("?" * len(retag))
        if len(retag) <= 500:
            self.conn.execute(f"DELETE FROM paper_tags WHERE paper_id IN ({marks})", retag)
        else:
            self.conn.executemany(
                "DELETE FROM paper_tags WHERE paper_id = ?", ((i,) for i in retag)
            )
        names = {name for paper_id in retag for name in snapshot[paper_id].tags}
        tag_ids = {name: ensure_tag(self.conn, name) for name in names}
        self.conn.executemany(
            "INSERT OR IGNORE INTO paper_tags(paper_id, tag_id) VALUES (?, ?)",
            ((i, tag_ids[name]) for i in retag for name in snapshot[i].tags),
        )

    # -- deletion ------------------------------------------------------------------

    def delete_papers(self, ids: Sequence[int]) -> DeletedPapers:
        """Delete papers; the result holds everything needed to restore them."""
        with self._transaction():
            return self._delete_rows(self._check_ids(ids))

    def restore_papers(self, deleted: DeletedPapers) -> list[int]:
        """Undo delete_papers: the papers come back with their ids, sightings and notes."""
        with self._transaction():
            self._insert_deleted(deleted)
        return deleted.ids

    def _delete_rows(self, ids: list[int]) -> DeletedPapers:
        """Inside a transaction: delete papers and return what restores them."""
        deleted = DeletedPapers(rows=[], sightings=[], annotations=self.annotations(ids))
        for chunk in chunks(ids):
            marks = ",".join("?" * len(chunk))
            deleted.rows += self.conn.execute(
                f"SELECT {_PAPER_COLUMNS} FROM papers WHERE id IN ({marks})", chunk
            ).fetchall()
            deleted.sightings += self.conn.execute(
                f"SELECT paper_id, digest_id, line FROM sightings WHERE paper_id IN ({marks})",
                chunk,
            ).fetchall()
            self.conn.execute(f"DELETE FROM papers WHERE id IN ({marks})", chunk)
        _forget_unused_tags(self.conn)
        return deleted

    def _insert_deleted(self, deleted: DeletedPapers) -> None:
        """Inside a transaction: put deleted papers back with their ids."""
        marks = ",".join("?" * len(_PAPER_COLUMNS.split(",")))
        self.conn.executemany(
            f"INSERT INTO papers({_PAPER_COLUMNS}) VALUES ({marks})", deleted.rows
        )
        self.conn.executemany(
            "INSERT OR IGNORE INTO sightings(paper_id, digest_id, line) VALUES (?, ?, ?)",
            deleted.sightings,
        )
        self._restore_annotations(deleted.annotations)


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


def _forget_unused_tags(conn: sqlite3.Connection) -> None:
    """A tag no paper carries any more is gone, so its spelling is free again."""
    conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM paper_tags)")


def chunks(items: Sequence[int], size: int = 500) -> Iterator[list[int]]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _clean_tags(tags: Iterable[str], strict: bool = True) -> list[str]:
    """Tags by the rules of core/limits.py; to remove, any existing spelling is accepted."""
    names = [unicodedata.normalize("NFC", " ".join(t.split())) for t in tags]
    names = [n for n in names if n]
    if not names:
        raise LibraryError("no tag given")
    if strict:
        names = [clean_tag(n) for n in names]
    return list(dict.fromkeys(names))
