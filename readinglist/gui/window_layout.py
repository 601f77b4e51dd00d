"""The layout a user leaves is the layout they find: geometry, splitters, columns.

Each entry is a settings key and the widget state it holds; the sort order is
kept by table_columns (by the column's sort key, so it survives column moves).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter, QTableView

from readinglist.gui.paper_model import PaperModel
from readinglist.gui.table_columns import restore_sort, set_up_columns


def _states(window: QMainWindow, table: QTableView, splitters: dict[str, QSplitter]):
    """(settings key, save, restore) for every piece of layout that is kept."""
    header = table.horizontalHeader()
    pieces = [("window/geometry", window.saveGeometry, window.restoreGeometry)]
    pieces += [(key, s.saveState, s.restoreState) for key, s in splitters.items()]
    pieces.append(("table/header", header.saveState, header.restoreState))
    return pieces


def restore_layout(
    settings: QSettings,
    window: QMainWindow,
    table: QTableView,
    model: PaperModel,
    splitters: dict[str, QSplitter],
) -> None:
    for key, _, restore in _states(window, table, splitters):
        value = settings.value(key)
        if isinstance(value, QByteArray | bytes):
            restore(value)
    set_up_columns(table)  # a saved header state brings old widths and modes back
    restore_sort(table, model, settings)


def save_layout(
    settings: QSettings, window: QMainWindow, table: QTableView, splitters: dict[str, QSplitter]
) -> None:
    for key, save, _ in _states(window, table, splitters):
        settings.setValue(key, save())
    settings.sync()
