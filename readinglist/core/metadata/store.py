"""The library's side of metadata: what is attached, what was looked up, what is left.

Functions over the library's store rather than methods on it, so the metadata feature
stays in its own package; each write is one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from readinglist.core import clock
from readinglist.core.metadata.records import ArxivRecord
from readinglist.core.paper_rows import chunks, existing
from readinglist.core.store import LibraryStore

_COLUMNS = (
    "arxiv_id, version, title, abstract, authors, published, updated, primary_category, doi,"
    " journal_ref"
)


def metadata_for(library: LibraryStore, ids: Sequence[int]) -> dict[int, ArxivRecord]:
    """The arXiv record of each given paper that has one."""
    found: dict[int, ArxivRecord] = {}
    names = ["paper_id", *[c.strip() for c in _COLUMNS.split(",")]]
    for chunk in chunks(list(ids), 500):
        marks = ",".join("?" * len(chunk))
        for row in library.conn.execute(
            f"SELECT paper_id, {_COLUMNS} FROM paper_metadata WHERE paper_id IN ({marks})", chunk
        ):
            values = dict(zip(names, row, strict=True))
            found[values.pop("paper_id")] = ArxivRecord.from_row(values)
    return found


def record_of(library: LibraryStore, paper_id: int) -> ArxivRecord | None:
    return metadata_for(library, [paper_id]).get(paper_id)


def still_to_look_up(
    library: LibraryStore, ids: Sequence[int] | None, again: bool = False
) -> list[int]:
    """The papers a look-up must ask about: all given ones with ``again``, else those
    never looked up (so a cancelled or failed run resumes where it stopped)."""
    if ids is None:
        sql = "SELECT id FROM papers"
        if not again:
            sql += " WHERE id NOT IN (SELECT paper_id FROM arxiv_lookups)"
        return [row[0] for row in library.conn.execute(sql + " ORDER BY id")]
    wanted = list(dict.fromkeys(ids))
    known = existing(library.conn, wanted)
    if not again:
        known -= checked(library, wanted)
    return [i for i in wanted if i in known]


def checked(library: LibraryStore, ids: Sequence[int]) -> set[int]:
    done: set[int] = set()
    for chunk in chunks(list(ids), 500):
        marks = ",".join("?" * len(chunk))
        done.update(
            row[0]
            for row in library.conn.execute(
                f"SELECT paper_id FROM arxiv_lookups WHERE paper_id IN ({marks})", chunk
            )
        )
    return done


def lookup_reasons(library: LibraryStore, ids: Sequence[int]) -> dict[int, tuple[bool, str]]:
    reasons: dict[int, tuple[bool, str]] = {}
    for chunk in chunks(list(ids), 500):
        marks = ",".join("?" * len(chunk))
        for paper_id, found, reason in library.conn.execute(
            f"SELECT paper_id, found, reason FROM arxiv_lookups WHERE paper_id IN ({marks})",
            chunk,
        ):
            reasons[paper_id] = (bool(found), reason)
    return reasons


def save_outcomes(
    library: LibraryStore, outcomes: Iterable[tuple[int, ArxivRecord | None, str]]
) -> None:
    """Attach found records and remember every paper as looked up, in one transaction.

    A paper looked up again that no longer matches keeps nothing stale: its
    record goes. Papers deleted meanwhile are skipped.
    """
    now = clock.utc_stamp()
    with library.transaction() as conn:
        for paper_id, record, reason in outcomes:
            if conn.execute("SELECT 1 FROM papers WHERE id = ?", (paper_id,)).fetchone() is None:
                continue
            conn.execute("DELETE FROM paper_metadata WHERE paper_id = ?", (paper_id,))
            if record is not None:
                row = record.to_row()
                names = [c.strip() for c in _COLUMNS.split(",")]
                conn.execute(
                    f"INSERT INTO paper_metadata (paper_id, {_COLUMNS})"
                    f" VALUES (?, {','.join('?' * len(names))})",
                    [paper_id, *(row[n] for n in names)],
                )
            conn.execute(
                "INSERT OR REPLACE INTO arxiv_lookups (paper_id, checked, found, reason)"
                " VALUES (?, ?, ?, ?)",
                (paper_id, now, int(record is not None), reason),
            )


def counts(library: LibraryStore) -> dict[str, int]:
    one = library.conn.execute
    return {
        "with_arxiv": one("SELECT count(*) FROM paper_metadata").fetchone()[0],
        "looked_up": one("SELECT count(*) FROM arxiv_lookups").fetchone()[0],
    }
