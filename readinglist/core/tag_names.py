"""Tag spellings: one tag, whatever the case or Unicode form it is typed in.

A tag keeps the spelling it was first given ("Über"); ``tags.key`` holds the
spelling's full Unicode case folding (SQLite's NOCASE folds ASCII only), so
"über", "ÜBER" and a decomposed "Über" all find it.
"""

from __future__ import annotations

import sqlite3
import unicodedata


def tag_key(name: str) -> str:
    """What every spelling of a tag shares: the case folding of its NFC form."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", name).casefold())


def ensure_tag(conn: sqlite3.Connection, name: str) -> int:
    """The id of the tag spelled ``name`` in any case, created with that spelling if new."""
    key = tag_key(name)
    conn.execute(
        "INSERT OR IGNORE INTO tags(name, key) VALUES (?, ?)",
        (unicodedata.normalize("NFC", name), key),
    )
    return conn.execute("SELECT id FROM tags WHERE key = ?", (key,)).fetchone()[0]


def find_tag(conn: sqlite3.Connection, name: str) -> int | None:
    """The id of the tag spelled ``name`` in any case, or None."""
    row = conn.execute("SELECT id FROM tags WHERE key = ?", (tag_key(name),)).fetchone()
    return row[0] if row else None
