"""Tags, ratings, statuses, notes and deletion: every edit one transaction.

Each method returns the ids it really changed, so views refresh only those
and undo commands know what to put back.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager

from readinglist.core import schema
from readinglist.core.models import LibraryError


class AnnotateMixin:
    """Library methods that annotate papers (see Library for conn and _transaction)."""

    conn: sqlite3.Connection
    _transaction: Callable[[], AbstractContextManager[sqlite3.Connection]]

    def _check_ids(self, ids: Sequence[int]) -> list[int]:
        ids = list(dict.fromkeys(int(i) for i in ids))
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


def chunks(items: Sequence[int], size: int = 500) -> Iterator[list[int]]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _clean_tags(tags: Iterable[str]) -> list[str]:
    names = [" ".join(t.split()) for t in tags]
    names = [n for n in names if n]
    if not names:
        raise LibraryError("no tag given")
    if any("," in n for n in names):
        raise LibraryError("a tag cannot contain a comma")
    return list(dict.fromkeys(names))
