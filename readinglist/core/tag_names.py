"""Tag spellings: one tag, whatever the case or Unicode form it is typed in.

A tag keeps the spelling it was first given ("Über"); ``tags.key`` holds the
spelling's full Unicode case folding (SQLite's NOCASE folds ASCII only), so
"über", "ÜBER" and a decomposed "Über" all find it.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable


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


# The one statement that puts a tag on papers; a tag a paper has already is left alone.
TAG_PAPERS = "INSERT OR IGNORE INTO paper_tags(paper_id, tag_id)"


def attach_tags(conn: sqlite3.Connection, pairs: Iterable[tuple[int, str]]) -> None:
    """Put each (paper id, tag name) on; tags new to the library are created with that spelling."""
    pairs = list(pairs)
    tag_ids = {name: ensure_tag(conn, name) for name in dict.fromkeys(name for _, name in pairs)}
    conn.executemany(
        f"{TAG_PAPERS} VALUES (?, ?)", ((paper_id, tag_ids[name]) for paper_id, name in pairs)
    )


def split_tags(tag_list: str) -> list[str]:
    """A paper's tags from its ``papers.tag_list`` column (kept by triggers, ", "-joined)."""
    return [t for t in tag_list.split(", ") if t] if tag_list else []
