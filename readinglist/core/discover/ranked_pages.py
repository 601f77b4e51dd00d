"""The ranked inbox as a ResultPages: a fixed list of ids in the order given."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from readinglist.core.query import Query
from readinglist.core.result_pages import PAGE, ResultPages

if TYPE_CHECKING:
    from readinglist.core.library import Library


class RankedPages(ResultPages):
    """Every id in memory already (the ranking computed them all), in ranked order."""

    def __init__(self, library: Library, query: Query, ids: Sequence[int]) -> None:
        # Not ResultPages.__init__: there is no SQL to page through.
        self.query = query
        self.page = PAGE
        self._sql, self._params, self.ranked = "", [], True
        self.conn = library.conn
        self._backward = None
        self._no_rows_yet()
        self.count = len(ids)
        self._store_all(list(ids))
