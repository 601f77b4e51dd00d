"""Set-based edits of many papers: the ids in a temporary table, the index rewritten once.

Tagging 10,000 papers one row at a time makes the full-text triggers rewrite
each paper's tags-and-note entry once per tag change, from Python, row by row.
Here the ids go into ``temp.edit_ids``; the edit is one SQL statement per tag
or column; the papers' entries in ``annotations_fts`` (tags and notes only,
never the abstracts: schema _ANNOTATIONS_FTS) are removed before it and
written back after it in one statement each, with the per-row triggers held
off (``fts_control.deferred_from = 0``, see schema _V4).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager


def load_ids(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Inside a transaction: temp.edit_ids holds exactly these ids."""
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS edit_ids (id INTEGER PRIMARY KEY)")
    conn.execute("DELETE FROM temp.edit_ids")
    conn.executemany("INSERT OR IGNORE INTO temp.edit_ids(id) VALUES (?)", ((i,) for i in ids))


@contextmanager
def indexed_once(conn: sqlite3.Connection, ids: Sequence[int]) -> Iterator[None]:
    """Inside a transaction: changes to these papers' tags and notes reach FTS5 once, at the end.

    Loads ``temp.edit_ids`` with the ids, for the edit's statements. Not nested.
    """
    deferred = conn.execute("SELECT deferred_from FROM fts_control").fetchone()[0]
    load_ids(conn, ids)
    if deferred is not None:  # inside an import, which indexes its papers itself
        yield
        return
    conn.execute("DELETE FROM annotations_fts WHERE rowid IN (SELECT id FROM temp.edit_ids)")
    conn.execute("UPDATE fts_control SET deferred_from = 0")  # the per-row triggers hold off
    yield
    conn.execute("UPDATE fts_control SET deferred_from = NULL")
    conn.execute(
        "INSERT INTO annotations_fts(rowid, tag_list, note) SELECT id, tag_list, note FROM papers"
        " WHERE id IN (SELECT id FROM temp.edit_ids) AND (tag_list <> '' OR note <> '')"
    )
