"""Triage of the inbox: keep, skip or later, one decision per paper.

A paper without a decision is in the inbox. Every change is one transaction
and returns the decisions it replaced, so an undo puts exactly those back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from readinglist.core import clock
from readinglist.core.models import LibraryError
from readinglist.core.paper_rows import chunks, existing
from readinglist.core.store import LibraryStore

if TYPE_CHECKING:
    from readinglist.core.query import Query  # noqa: F401 (the annotation below)

DECISIONS = ("keep", "skip", "later")
UNTRIAGE = "untriage"  # the CLI word that puts papers back in the inbox

# SQL conditions for the search language (is:inbox, is:kept, ...), over papers.
INBOX_SQL = "id NOT IN (SELECT paper_id FROM triage)"
DECIDED_SQL = "id IN (SELECT paper_id FROM triage WHERE decision = ?)"
IS_TERMS = {"inbox": None, "kept": "keep", "skipped": "skip", "later": "later"}


def set_triage(
    library: LibraryStore, ids: Sequence[int], decision: str | None
) -> dict[int, str | None]:
    """Record a decision (None: back to the inbox) for the papers.

    Returns {id: previous decision} of the papers that really changed.
    """
    if decision is not None and decision not in DECISIONS:
        raise LibraryError(f"triage is one of {', '.join(DECISIONS)}, not {decision!r}")
    now = clock.utc_stamp()
    with library.transaction() as conn:
        ids = library.check_ids(ids)
        before = _decisions(conn, ids)
        changed = {i: before.get(i) for i in ids if before.get(i) != decision}
        if decision is None:
            conn.executemany("DELETE FROM triage WHERE paper_id = ?", [(i,) for i in changed])
        else:
            conn.executemany(
                "INSERT INTO triage(paper_id, decision, decided) VALUES (?, ?, ?)"
                " ON CONFLICT(paper_id) DO UPDATE SET decision = excluded.decision,"
                " decided = excluded.decided",
                [(i, decision, now) for i in changed],
            )
    return changed


def restore_triage(library: LibraryStore, previous: dict[int, str | None]) -> list[int]:
    """Put decisions back as set_triage returned them (undo); papers gone are left out."""
    now = clock.utc_stamp()
    with library.transaction() as conn:
        present = existing(conn, list(previous))
        for paper_id, decision in previous.items():
            if paper_id not in present:
                continue
            if decision is None:
                conn.execute("DELETE FROM triage WHERE paper_id = ?", (paper_id,))
            else:
                conn.execute(
                    "INSERT OR REPLACE INTO triage(paper_id, decision, decided) VALUES (?, ?, ?)",
                    (paper_id, decision, now),
                )
    return [i for i in previous if i in present]


def decisions(library: LibraryStore, ids: Sequence[int]) -> dict[int, str]:
    """The decision of each paper that has one."""
    return _decisions(library.conn, list(ids))


def _decisions(conn, ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        found.update(
            conn.execute(
                f"SELECT paper_id, decision FROM triage WHERE paper_id IN ({marks})", chunk
            ).fetchall()
        )
    return found


def inbox_count(library: LibraryStore) -> int:
    return library.conn.execute(f"SELECT count(*) FROM papers WHERE {INBOX_SQL}").fetchone()[0]


def inbox_ids(library: LibraryStore) -> list[int]:
    """Untriaged papers, newest import first (then newest paper first)."""
    return [
        r[0]
        for r in library.conn.execute(
            f"SELECT id FROM papers WHERE {INBOX_SQL} ORDER BY import_id DESC, id DESC"
        )
    ]


def trending_ids(library: LibraryStore) -> list[int]:
    """Untriaged papers seen in the most digests first, then the newest."""
    return [
        r[0]
        for r in library.conn.execute(
            f"SELECT id FROM papers WHERE {INBOX_SQL} ORDER BY seen DESC, import_id DESC, id DESC"
        )
    ]


SKIPPED_SQL = "id NOT IN (SELECT paper_id FROM triage WHERE decision = 'skip')"


def hide_skipped(query: Query) -> Query:
    """The default view (no search typed) leaves skipped papers out; a search finds them."""
    from readinglist.core.query import And, Condition, Query  # query.py imports this module

    if query.text.strip():
        return query
    return Query(query.text, And([query.root, Condition(SKIPPED_SQL)]), query.words)
