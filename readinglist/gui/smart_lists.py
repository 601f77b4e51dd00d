"""Smart lists: saved searches in the sidebar; a click runs one (like calibre's)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu

QueryRole = Qt.ItemDataRole.UserRole + 1


class SmartListPanel(QListView):
    search_chosen = Signal(str)  # the saved query
    rename_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("smartLists")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.list_model = QStandardItemModel(self)
        self.setModel(self.list_model)
        self.clicked.connect(lambda index: self.search_chosen.emit(index.data(QueryRole)))
        self.activated.connect(lambda index: self.search_chosen.emit(index.data(QueryRole)))

    def set_searches(self, searches: list[tuple[str, str]]) -> None:
        self.list_model.clear()
        for name, query in searches:
            item = QStandardItem(name)
            item.setData(query, QueryRole)
            item.setToolTip(query)
            self.list_model.appendRow(item)

    def names(self) -> list[str]:
        return [self.list_model.item(r).text() for r in range(self.list_model.rowCount())]

    def _menu(self, position) -> None:
        index = self.indexAt(position)
        if not index.isValid():
            return
        name = index.data()
        menu = QMenu(self)
        menu.addAction(f"Rename “{name}”…", lambda: self.rename_requested.emit(name))
        menu.addAction(f"Delete “{name}”", lambda: self.delete_requested.emit(name))
        menu.exec(self.viewport().mapToGlobal(position))
