"""Papers' rows taken out and put back: annotation snapshots, deletion and its undo.

Annotating, merging and undo all need them, so they live here, over a
connection, rather than in any one part of the library. Every function that
writes expects to run inside the caller's transaction.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

from readinglist.core.bulk_edit import indexed_once
from readinglist.core.models import Annotation, DeletedPapers
from readinglist.core.tag_names import attach_tags, split_tags

PAPER_COLUMNS = "id, title, title_key, abstract, added, import_id, rating, status, note"
CHUNK = 500  # ids per statement, well under SQLite's limit on parameters


def chunks(items: Sequence[int], size: int = CHUNK) -> Iterator[list[int]]:
    items = list(items)
    for start in range(0, len(items), size):
        yield items[start : start + size]


def existing(conn: sqlite3.Connection, ids: Sequence[int]) -> set[int]:
    """Those of the ids that are papers' ids."""
    return {
        paper_id
        for chunk in chunks(ids)
        for (paper_id,) in conn.execute(
            f"SELECT id FROM papers WHERE id IN ({','.join('?' * len(chunk))})", chunk
        )
    }


def read_annotations(conn: sqlite3.Connection, ids: Sequence[int]) -> dict[int, Annotation]:
    """The tags, rating, status and note of each paper, to put back later."""
    found: dict[int, Annotation] = {}
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        for paper_id, rating, status, note, tag_list in conn.execute(
            f"SELECT id, rating, status, note, tag_list FROM papers WHERE id IN ({marks})",
            chunk,
        ):
            found[paper_id] = Annotation(tuple(split_tags(tag_list)), rating, status, note)
    return found


def restore_annotations(conn: sqlite3.Connection, snapshot: dict[int, Annotation]) -> list[int]:
    """Put annotations back exactly as a snapshot holds them; returns the ids that changed."""
    current = read_annotations(conn, list(snapshot))
    changed = [i for i, annotation in snapshot.items() if current.get(i) != annotation]
    retag = [i for i in changed if i not in current or current[i].tags != snapshot[i].tags]
    # Only papers whose tags or note change have their full-text entry rewritten.
    reindex = set(retag)
    reindex |= {i for i in changed if i in current and current[i].note != snapshot[i].note}
    with indexed_once(conn, [i for i in changed if i in reindex]):
        _put_back(conn, snapshot, changed, retag)
    forget_unused_tags(conn)
    return changed


def _put_back(
    conn: sqlite3.Connection, snapshot: dict[int, Annotation], changed: list[int], retag: list[int]
) -> None:
    """A few statements for any number of papers: undoing a 10,000-paper edit is one."""
    conn.executemany(
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
    if len(retag) <= CHUNK:
        conn.execute(f"DELETE FROM paper_tags WHERE paper_id IN ({marks})", retag)
    else:
        conn.executemany("DELETE FROM paper_tags WHERE paper_id = ?", ((i,) for i in retag))
    attach_tags(conn, [(i, name) for i in retag for name in snapshot[i].tags])


def delete_rows(conn: sqlite3.Connection, ids: list[int]) -> DeletedPapers:
    """Delete papers and return what restores them."""
    deleted = DeletedPapers(rows=[], sightings=[], annotations=read_annotations(conn, ids))
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        deleted.rows += conn.execute(
            f"SELECT {PAPER_COLUMNS} FROM papers WHERE id IN ({marks})", chunk
        ).fetchall()
        deleted.sightings += conn.execute(
            f"SELECT paper_id, digest_id, line FROM sightings WHERE paper_id IN ({marks})",
            chunk,
        ).fetchall()
        conn.execute(f"DELETE FROM papers WHERE id IN ({marks})", chunk)
    forget_unused_tags(conn)
    return deleted


def insert_deleted(conn: sqlite3.Connection, deleted: DeletedPapers) -> None:
    """Put deleted papers back with their ids, sightings and annotations."""
    marks = ",".join("?" * len(PAPER_COLUMNS.split(",")))
    conn.executemany(f"INSERT INTO papers({PAPER_COLUMNS}) VALUES ({marks})", deleted.rows)
    conn.executemany(
        "INSERT OR IGNORE INTO sightings(paper_id, digest_id, line) VALUES (?, ?, ?)",
        deleted.sightings,
    )
    restore_annotations(conn, deleted.annotations)


def forget_unused_tags(conn: sqlite3.Connection) -> None:
    """A tag no paper carries any more is gone, so its spelling is free again."""
    conn.execute("DELETE FROM tags WHERE id NOT IN (SELECT tag_id FROM paper_tags)")
