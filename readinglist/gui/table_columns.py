"""The paper table's columns: widths that leave the title the room, and the remembered sort.

The title column takes whatever width the others leave; they are as wide as their content
(stars, a status, a count, a date) and their header, and Tags as wide as the longest tag
name, up to TAGS_MAX. So the default columns fit a 1280-pixel window without a horizontal scroll
bar. The table opens newest first (by First seen) until the user clicks another column;
that choice is kept in the settings by the column's sort key, so it survives column moves.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from readinglist.core.schema import STATUSES
from readinglist.gui.paper_model import (
    ADDED,
    COLUMNS,
    FIRST_SEEN,
    RATING,
    SEEN,
    STATUS,
    TAGS,
    TITLE,
    PaperModel,
)

SORT_KEY = "table/sort"
DEFAULT_SORT = (FIRST_SEEN, Qt.SortOrder.DescendingOrder)  # newest first
TAGS_MAX = 150  # pixels; longer tag lists are cut, the title needs the room more
PADDING = 14  # the cell's margins and a little air
# The widest thing each column can show.
SAMPLES = {
    RATING: "★★★★★",
    STATUS: max(STATUSES, key=len),
    SEEN: "999",
    FIRST_SEEN: "2026-12-31",
    ADDED: "2026-12-31",
}


def set_up_header(table: QTableView) -> None:
    """Sortable, movable columns; Added and the arXiv ones hidden until the header menu asks."""
    header = table.horizontalHeader()
    header.setSortIndicatorShown(True)  # newest first until a column is picked (restore_sort)
    table.setSortingEnabled(True)
    header.setSectionsMovable(True)
    set_up_columns(table)  # the title takes the free width
    for column in range(ADDED, len(COLUMNS)):  # Added, Authors, Year, arXiv
        header.setSectionHidden(column, True)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda position: _column_menu(table, position))


def _column_menu(table: QTableView, position) -> None:
    header = table.horizontalHeader()
    menu = QMenu(table)
    for column, spec in enumerate(COLUMNS):
        if column == TITLE:
            continue
        action = menu.addAction(spec.title)
        action.setCheckable(True)
        action.setChecked(not header.isSectionHidden(column))
        action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
    menu.exec(header.mapToGlobal(position))


def set_up_columns(table: QTableView) -> None:
    """Resize modes: the title stretches, the other columns fit (call after restoreState)."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(24)
    for column in range(len(COLUMNS)):
        mode = QHeaderView.ResizeMode.Stretch if column == TITLE else QHeaderView.ResizeMode.Fixed
        header.setSectionResizeMode(column, mode)
    fit_columns(table)
    fit_tags(table, [])


def fit_columns(table: QTableView) -> None:
    """Each fixed column as wide as its widest content or its label (with the sort arrow
    where the table is sorted by it)."""
    header = table.horizontalHeader()
    for column, sample in SAMPLES.items():
        header.resizeSection(column, max(_content(table, sample), _label(table, column)))


def fit_tags(table: QTableView, tags: list[str]) -> None:
    """Tags as wide as the longest tag name in the library, up to TAGS_MAX: wide enough
    for the first tag of most papers, and the same while scrolling."""
    widest = max((_content(table, tag) for tag in tags), default=0)
    table.horizontalHeader().resizeSection(TAGS, max(_label(table, TAGS), min(TAGS_MAX, widest)))


def _content(table: QTableView, text: str) -> int:
    return table.fontMetrics().horizontalAdvance(text) + PADDING


def _label(table: QTableView, column: int) -> int:
    header = table.horizontalHeader()
    width = header.fontMetrics().horizontalAdvance(COLUMNS[column].title) + PADDING
    if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
        width += header.style().pixelMetric(header.style().PixelMetric.PM_HeaderMarkSize) + 6
    return width


def restore_sort(table: QTableView, model: PaperModel, settings: QSettings) -> None:
    """Show the remembered sort (or newest first) and give it to the model before its query."""
    column, order = DEFAULT_SORT
    saved = str(settings.value(SORT_KEY, "") or "").split()
    keys = [spec.sort for spec in COLUMNS]
    if len(saved) == 2 and saved[0] in keys:
        column = keys.index(saved[0])
        descending = saved[1] == "desc"
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    header = table.horizontalHeader()
    header.blockSignals(True)  # the model is told directly: one query, not two
    header.setSortIndicator(column, order)
    header.blockSignals(False)
    model.sort_column, model.sort_order = column, order
    header.sortIndicatorChanged.connect(lambda c, o: remember_sort(settings, c, o))
    header.sortIndicatorChanged.connect(lambda *_: fit_columns(table))  # room for the arrow
    fit_columns(table)


def remember_sort(settings: QSettings, column: int, order: Qt.SortOrder) -> None:
    if 0 <= column < len(COLUMNS):
        direction = "desc" if order == Qt.SortOrder.DescendingOrder else "asc"
        settings.setValue(SORT_KEY, f"{COLUMNS[column].sort} {direction}")
