"""A table model over a Library query: a count and pages of ids, rows fetched lazily.

The model never holds every matching id: a ResultPages (core) gives the
number of matches and the ids of the rows asked for, a page at a time, in
SQLite's order. Row contents are read in pages too as the view asks for
them, so a library of a million papers opens, searches and scrolls without
reading every id or abstract.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from readinglist.core.discover.ranked_pages import RankedPages
from readinglist.core.library import Library, Paper
from readinglist.core.query import Query, everything
from readinglist.core.result_pages import ResultPages
from readinglist.core.wording import stars
from readinglist.gui.error_policy import problem_text
from readinglist.gui.metadata_columns import metadata_cell
from readinglist.gui.query_runner import QueryRunner

PAGE = 200
ASYNC_ABOVE = 20_000  # papers; above this, queries run in a thread
IdRole = Qt.ItemDataRole.UserRole + 1
# Roles as plain ints: an enum member costs a lookup per use, and data() runs thousands
# of times per paint.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
RatingRole = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column:
    title: str
    sort: str  # the core's sort key, so sorting runs in SQLite


COLUMNS = [
    Column("Title", "title"),
    Column("Rating", "rating"),
    Column("Tags", "tags"),
    Column("Status", "status"),
    Column("Seen", "seen"),
    Column("First seen", "first_seen"),
    Column("Added", "added"),
]
TITLE, RATING, TAGS, STATUS, SEEN, FIRST_SEEN, ADDED = range(len(COLUMNS))
# arXiv metadata (Paper > Look Up on arXiv); hidden at first, shown from the header menu.
COLUMNS += [Column("Authors", "authors"), Column("Year", "year"), Column("arXiv", "arxiv")]
AUTHORS, YEAR, ARXIV = range(ADDED + 1, len(COLUMNS))


class PaperModel(QAbstractTableModel):
    """Rows of the current query; ``refreshed`` says when a new result is in.

    A library larger than ``async_above`` papers is queried in a QueryRunner
    thread, so a slow search never blocks typing; a smaller one synchronously.
    """

    refreshed = Signal()
    failed = Signal(str)  # the query could not run; the rows shown stay

    def __init__(self, library: Library, parent=None, async_above: int | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.query: Query = everything()
        self.sort_column: int | None = None
        self.sort_order = Qt.SortOrder.AscendingOrder
        self._pages: ResultPages | None = None  # None: nothing shown yet
        self._rows: dict[int, Paper] = {}  # filled page by page as the view asks
        self.total = library.total()
        self.async_above = ASYNC_ABOVE if async_above is None else async_above
        self.runner: QueryRunner | None = None
        self.keep: list[int] = []  # see set_query

    # -- what is shown --------------------------------------------------------

    def set_query(self, query: Query, keep: Sequence[int] = ()) -> None:
        """Show the query's result; ``keep``: papers whose rows to find on the way
        (a selection to keep), wherever they are in the result."""
        self.query = query
        self.keep = list(keep)
        self.refresh()

    def refresh(self) -> None:
        """Re-run the query (after an import or an edit that may change membership)."""
        sort = COLUMNS[self.sort_column].sort if self.sort_column is not None else None
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        if self.total > self.async_above:
            if self.runner is None:
                self.runner = QueryRunner(self.library.path, self)
                self.runner.finished.connect(self._show)
                self.runner.failed.connect(self.failed)
            self.runner.submit(self.query, sort, descending, self.keep)
            return
        try:
            pages = ResultPages(self.library, self.query, sort=sort, descending=descending)
            pages.find_rows(self.keep)
        except Exception as exc:  # noqa: BLE001 - too complex, busy...: said, old rows kept
            self.failed.emit(problem_text(exc, "the search", self.library.path))
            return
        self._show(pages, self.library.total())

    def show_ids(self, query: Query, ids: list[int]) -> None:
        """Show these papers in this order (the ranked inbox) instead of running the query."""
        self.query = query
        self._show(RankedPages(self.library, query, ids), self.library.total())

    def _show(self, pages: ResultPages, total: int) -> None:
        pages.use(self.library)  # later pages are read on this thread's connection
        self.beginResetModel()
        self._pages = pages
        self._rows.clear()
        self.total = total
        self.endResetModel()
        self.refreshed.emit()

    def stop(self) -> None:
        if self.runner is not None:
            self.runner.stop()

    def refresh_papers(self, ids: list[int]) -> None:
        """Re-read the given papers' rows in place (an edit that keeps the order)."""
        for paper_id in ids:
            self._rows.pop(paper_id, None)
        rows = [row for row in map(self.row_of, ids) if row is not None]
        if rows:
            self.dataChanged.emit(self.index(min(rows), 0), self.index(max(rows), len(COLUMNS) - 1))

    def paper_id(self, row: int) -> int:
        assert self._pages is not None
        return self._pages.id_at(row)

    def paper_ids(self, count: int) -> list[int]:
        """The ids of the first rows."""
        return self._pages.ids_in(0, count - 1) if self._pages else []

    def ids_at(self, ranges: list[tuple[int, int]]) -> list[int]:
        """The ids of row ranges (first, last), as a selection gives them."""
        return self._pages.ids_at(ranges) if self._pages else []

    def row_of(self, paper_id: int) -> int | None:
        """The row of a paper among the rows read so far (those shown and near them)."""
        return self._pages.row_of(paper_id) if self._pages else None

    def find_row(self, paper_id: int) -> int | None:
        """The row of a paper anywhere in the result (an explicit jump to it)."""
        return self._pages.find_row(paper_id) if self._pages else None

    def find_rows(self, ids: Sequence[int]) -> dict[int, int]:
        """The rows of papers anywhere in the result, in one pass for those not yet known."""
        return self._pages.find_rows(ids) if self._pages else {}

    # -- Qt model interface ---------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self._pages is None else self._pages.count

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY):
        # Called for every cell and role of each paint: plain ints, each column() once.
        if not index.isValid():
            return None
        if role == _DISPLAY:
            column = index.column()
            if column >= AUTHORS:
                return metadata_cell(self.library, self.paper_id(index.row()), column - AUTHORS)
            return _display(self._paper(index.row()), column)
        if role == IdRole:
            return self.paper_id(index.row())
        if role == RatingRole:
            return self._paper(index.row()).rating
        if role == _TOOLTIP:
            column = index.column()
            if column in (TITLE, TAGS):
                return _display(self._paper(index.row()), column) or None  # cut in view
            return None
        if role == _ALIGNMENT and index.column() == SEEN:
            return _RIGHT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sort_column = column if 0 <= column < len(COLUMNS) else None
        self.sort_order = order
        self.refresh()

    def _paper(self, row: int) -> Paper:
        paper_id = self.paper_id(row)
        if paper_id not in self._rows:
            start = (row // PAGE) * PAGE
            page = self._pages.ids_in(start, start + PAGE - 1)  # type: ignore[union-attr]
            self._rows.update((p.id, p) for p in self.library.papers(page, with_digests=False))
        return self._rows[paper_id]


def _display(paper: Paper, column: int) -> str:
    if column == TITLE:
        return paper.title
    if column == RATING:
        return stars(paper.rating) if paper.rating else ""
    if column == TAGS:
        return ", ".join(paper.tags)
    if column == STATUS:
        return paper.status
    if column == SEEN:
        return str(paper.seen)
    if column == FIRST_SEEN:
        return (paper.first_seen or "")[:10]
    return paper.added[:10]
