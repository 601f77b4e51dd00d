"""Saved searches ("smart lists"), stored in the library file like calibre's."""

from __future__ import annotations

from readinglist.core import clock
from readinglist.core.models import LibraryError
from readinglist.core.query import parse
from readinglist.core.store import LibraryStore


class SavedSearchMixin(LibraryStore):
    def saved_searches(self) -> list[tuple[str, str]]:
        return self.conn.execute(
            "SELECT name, query FROM saved_searches ORDER BY name COLLATE NOCASE"
        ).fetchall()

    def saved_search(self, name: str) -> str:
        row = self.conn.execute(
            "SELECT query FROM saved_searches WHERE name = ?", (name,)
        ).fetchone()
        if row is None:
            known = ", ".join(n for n, _ in self.saved_searches()) or "none yet"
            raise LibraryError(f"no saved search named {name!r} (saved: {known})")
        return row[0]

    def save_search(self, name: str, query: str) -> None:
        """Save or replace a search; a malformed query raises QueryError first."""
        name = " ".join(name.split())
        if not name:
            raise LibraryError("a saved search needs a name")
        parse(query).clause()
        now = clock.utc_stamp()
        with self.transaction() as conn:
            conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,))
            conn.execute(
                "INSERT INTO saved_searches(name, query, created) VALUES (?, ?, ?)",
                (name, query, now),
            )

    def rename_saved_search(self, old: str, new: str) -> None:
        new = " ".join(new.split())
        if not new:
            raise LibraryError("a saved search needs a name")
        with self.transaction() as conn:
            self.saved_search(old)
            clash = conn.execute(
                "SELECT name FROM saved_searches WHERE name = ?", (new,)
            ).fetchone()
            if clash and clash[0].casefold() != old.casefold():
                raise LibraryError(f"a saved search named {clash[0]!r} exists already")
            conn.execute("UPDATE saved_searches SET name = ? WHERE name = ?", (new, old))

    def delete_saved_search(self, name: str) -> None:
        with self.transaction() as conn:
            self.saved_search(name)
            conn.execute("DELETE FROM saved_searches WHERE name = ?", (name,))
