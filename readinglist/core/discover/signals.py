"""What the user told us: positive and negative signals, and fingerprints that
say when papers or signals changed (so the cache knows it is stale).

Positives: kept, rated 4-5, reading or read, tagged. Negatives: skipped, rated
1-2. A negative sign wins over a positive one (a tagged paper rated 1 is not
one the user wants more of).
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass, field

from readinglist.core.tag_names import split_tags

_SIGNAL_ROWS = """
SELECT p.id, p.rating, p.status, p.tag_list, coalesce(t.decision, '')
FROM papers p LEFT JOIN triage t ON t.paper_id = p.id
WHERE p.rating > 0 OR p.status <> 'unread' OR p.tag_list <> '' OR t.decision IS NOT NULL
ORDER BY p.id
"""


@dataclass
class Signals:
    positives: list[int] = field(default_factory=list)
    negatives: list[int] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)
    tagged: dict[str, list[int]] = field(default_factory=dict)  # tag -> ids
    fingerprint: str = ""


def read_signals(conn: sqlite3.Connection) -> Signals:
    signals = Signals()
    digest = hashlib.sha1()
    for paper_id, rating, status, tag_list, decision in conn.execute(_SIGNAL_ROWS):
        digest.update(f"{paper_id}|{rating}|{status}|{tag_list}|{decision}\n".encode())
        tags = split_tags(tag_list)
        for tag in tags:
            signals.tagged.setdefault(tag, []).append(paper_id)
        if decision == "skip":
            signals.skipped.append(paper_id)
        if decision == "skip" or rating in (1, 2):
            signals.negatives.append(paper_id)
        elif decision == "keep" or rating >= 4 or status != "unread" or tags:
            signals.positives.append(paper_id)
    signals.fingerprint = digest.hexdigest()
    return signals


def papers_fingerprint(conn: sqlite3.Connection, up_to_id: int | None = None) -> list[int]:
    """Count and sum of ids of the papers (up to an id), and how many times a title or an
    abstract was edited: changes when a paper is added, removed, merged or edited. Cheap:
    the primary key and one counter (a trigger keeps it), never the abstracts."""
    where, params = ("WHERE id <= ?", [up_to_id]) if up_to_id is not None else ("", [])
    count, total = conn.execute(
        f"SELECT count(*), coalesce(sum(id), 0) FROM papers {where}", params
    ).fetchone()
    edits = conn.execute("SELECT count FROM text_edits WHERE id = 1").fetchone()[0]
    return [int(count), int(total), int(edits)]


def max_paper_id(conn: sqlite3.Connection) -> int:
    return conn.execute("SELECT coalesce(max(id), 0) FROM papers").fetchone()[0]
