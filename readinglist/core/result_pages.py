"""One query's result without reading every matching id: a count plus pages.

A search that matches 90,000 papers needs the number (for the scroll bar and
the status bar) and the 30 rows on screen, not 90,000 ids in a Python list.
``ResultPages`` runs a count and the first page when it is made (in a worker
thread, for a large library); later pages are read with LIMIT/OFFSET as the
view scrolls to them, each one short SQLite query. A result small enough to
hold whole (and every result in relevance order, which SQLite cannot page
cheaply) is read in one go. In a column's order the count also chooses between
walking the column's index and sorting (core/walk_order.py), and a page past the
middle of a walk is read from the other end.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, Future
from typing import TYPE_CHECKING

from readinglist.core import walk_order
from readinglist.core.metadata import sort_order
from readinglist.core.query import Query, left_out_words, parse

if TYPE_CHECKING:
    from readinglist.core.library import Library
    from readinglist.core.side_count import SideCounter

PAGE = 256  # rows per page: a few screens
WHOLE = 8 * PAGE  # a result this small is read whole at once


class ResultPages:
    """The ids of a query's result, row by row, fetched a page at a time."""

    def __init__(
        self,
        library: Library,
        query: str | Query = "",
        sort: str | None = None,
        descending: bool = False,
        page: int | None = None,
        whole: int | None = None,
        counter: SideCounter | None = None,
    ) -> None:
        page, whole = page or PAGE, whole or WHOLE
        self.query = parse(query) if isinstance(query, str) else query
        self.page = page
        whole = max(page, whole // page * page)  # whole pages
        # In a column's order the count chooses between walking its index and
        # sorting, so it comes first, unless the plan is sure anyway: then it runs
        # beside the rows (``counter``).
        walk: bool | None = None
        counting: Future[int] | None = None
        matches: int | None = None
        if walk_order.walkable(sort):
            assert sort is not None
            if counter and library.surely_walked(self.query, whole):
                walk, counting = True, counter.submit(self.query)
            else:
                matches = library.count(self.query)
                walk = library.walks(self.query, sort, whole, matches)
        self._sql, self._params, self.ranked = library.ids_plan(
            self.query, sort, descending, walk=walk
        )
        # A walk stops after the rows it needs, so a page near the end is read from
        # the other end (scrolling to the end of a million papers: 250 ms forwards,
        # a few ms backwards). So does a sort by an arXiv column
        # (core/metadata/sort_order.py): 130 ms forwards, 1 ms backwards.
        self._backward = (
            library.ids_plan(self.query, sort, not descending, walk=True)[:2]
            if walk or sort in sort_order.KEYS
            else None
        )
        self.conn: sqlite3.Connection = library.conn
        self._no_rows_yet()
        if self.ranked:  # at most RANK_LIMIT papers: scored once, all of them
            ids = [row[0] for row in self.conn.execute(self._sql, self._params)]
            self.count = len(ids)
        elif counting is not None:
            ids = self._first_rows(sort, descending, whole)
            try:
                self.count = counting.result()
            except CancelledError as exc:  # a newer search: as if SQLite were interrupted
                raise sqlite3.OperationalError("interrupted") from exc
        elif matches is not None:
            self.count = matches
            ids = self._read(0, min(matches, whole)) if matches else []
        else:
            ids = self._read(0, whole + 1, forwards=True)
            if len(ids) <= whole:
                self.count = len(ids)
            else:
                ids = ids[:whole]
                self.count = library.count(self.query)
        self._store_all(ids)

    def _no_rows_yet(self) -> None:
        self._pages: dict[int, list[int]] = {}
        self._row_of: dict[int, int] = {}
        self._found: dict[int, int] = {}  # rows found beyond the pages read (find_rows)
        self._absent: set[int] = set()  # papers find_rows looked for and did not find

    def use(self, library: Library) -> None:
        """Read later pages through this library's connection (the GUI thread's)."""
        self.conn = library.conn

    def __len__(self) -> int:
        return self.count

    @property
    def complete(self) -> bool:
        """Every id is in memory."""
        return len(self._row_of) >= self.count

    def id_at(self, row: int) -> int:
        if not 0 <= row < self.count:
            raise IndexError(row)
        number = row // self.page
        if number not in self._pages:
            start = number * self.page
            self._store(number, self._read(start, self.page))
        ids = self._pages[number]
        offset = row - number * self.page
        if offset >= len(ids):  # the library shrank under us: the next refresh fixes it
            raise IndexError(row)
        return ids[offset]

    def ids_in(self, first: int, last: int) -> list[int]:
        """The ids of rows first..last (inclusive), in one query for the pages missing."""
        first, last = max(0, first), min(last, self.count - 1)
        if first > last:
            return []
        missing = [
            n for n in range(first // self.page, last // self.page + 1) if n not in self._pages
        ]
        if missing:
            start = missing[0] * self.page
            ids = self._read(start, (missing[-1] + 1) * self.page - start)
            for n in missing:
                chunk = ids[(n - missing[0]) * self.page : (n - missing[0] + 1) * self.page]
                self._store(n, chunk)
        return [self.id_at(row) for row in range(first, last + 1)]

    def ids_at(self, ranges: Iterable[tuple[int, int]]) -> list[int]:
        """The ids of several row ranges (a selection), in row order."""
        ids: list[int] = []
        for first, last in sorted(ranges):
            ids.extend(self.ids_in(first, last))
        return ids

    def row_of(self, paper_id: int) -> int | None:
        """The row of a paper, when its page has been read (the rows on screen have)."""
        return self._row_of.get(paper_id)

    def find_row(self, paper_id: int) -> int | None:
        """The row of a paper anywhere in the result, its page read so the table can show it."""
        row = self.find_rows([paper_id]).get(paper_id)
        if row is not None:
            self.id_at(row)
        return row

    def find_rows(
        self, paper_ids: Iterable[int], stop: Callable[[], bool] | None = None
    ) -> dict[int, int]:
        """The rows of papers anywhere in the result; those not in it have none.

        For a selection kept across a new search (in the query thread) and for an
        explicit jump (the palette, --select), not for every repaint: papers not on
        the pages read cost one pass over the result, for all of them at once.
        Before, each cost its own pass: keeping 10,000 selected papers across a
        search of 100,000 took minutes. ``stop`` ends the pass early (a newer search
        made this one stale); what it did not find is then not known to be absent.
        """
        wanted = set(paper_ids)
        known = {i: self._row_of.get(i, self._found.get(i)) for i in wanted}
        rows = {i: row for i, row in known.items() if row is not None}
        missing = wanted - rows.keys() - self._absent
        if missing and not self.complete:
            cursor = self.conn.execute(self._sql, self._params)
            for offset, (found,) in enumerate(cursor):
                if found in missing:
                    rows[found] = self._found[found] = offset
                    missing.discard(found)
                    if not missing:
                        break
                if stop is not None and offset % 4096 == 0 and stop():
                    cursor.close()
                    return rows
            cursor.close()
        self._absent |= missing
        return rows

    def loaded_ids(self) -> list[int]:
        return list(self._row_of)

    def _first_rows(self, sort: str | None, descending: bool, rows: int) -> list[int]:
        """The first rows of a walk; a left-out word's by merging, not by a set of all matches."""
        left_out = left_out_words(self.query.root)
        if sort == "first_seen" and left_out:
            sql, params = walk_order.newest_without(left_out, descending, rows)
            ids = [row[0] for row in self.conn.execute(sql, params)]
            if len(ids) == rows:
                return ids
        return self._read(0, rows, forwards=True)

    def _read(self, offset: int, count: int, forwards: bool = False) -> list[int]:
        sql, params = self._sql, self._params
        if self._backward and not forwards and offset * 2 > self.count:
            sql, params = self._backward
            end = min(offset + count, self.count)
            count, offset = end - offset, self.count - end
        ids = [
            row[0]
            for row in self.conn.execute(sql + " LIMIT ? OFFSET ?", [*params, count, offset])
        ]
        return ids[::-1] if sql is not self._sql else ids

    def _store_all(self, ids: list[int]) -> None:
        for number in range(0, (len(ids) + self.page - 1) // self.page):
            self._store(number, ids[number * self.page : (number + 1) * self.page])

    def _store(self, number: int, ids: list[int]) -> None:
        self._pages[number] = ids
        start = number * self.page
        for offset, paper_id in enumerate(ids):
            self._row_of[paper_id] = start + offset
