"""The tag sidebar: every tag with its count; click filters, Ctrl-click adds tags."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QMenu

from readinglist.core.wording import plural

NameRole = Qt.ItemDataRole.UserRole + 1


class TagPanel(QListView):
    tags_selected = Signal(list)  # names; [] for all papers
    rename_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("tagPanel")
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.tag_model = QStandardItemModel(self)
        self.setModel(self.tag_model)
        self.selectionModel().selectionChanged.connect(self._selection_changed)

    def set_tags(self, tags: list[tuple[str, int]], total: int) -> None:
        """Refill the list, keeping the tags that were selected."""
        selected = set(self.selected_tags())
        self.blockSignals(True)
        self.selectionModel().blockSignals(True)
        self.tag_model.clear()
        everything = QStandardItem(f"All papers ({total})")
        everything.setData(None, NameRole)
        self.tag_model.appendRow(everything)
        for name, count in tags:
            item = QStandardItem(f"{name} ({count})")
            item.setData(name, NameRole)
            item.setToolTip(f"{plural(count, 'paper')} tagged {name}")
            self.tag_model.appendRow(item)
        for row in range(1, self.tag_model.rowCount()):
            if self.tag_model.item(row).data(NameRole) in selected:
                self.selectionModel().select(
                    self.tag_model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                )
        self.selectionModel().blockSignals(False)
        self.blockSignals(False)
        if selected != set(self.selected_tags()):
            self.tags_selected.emit(self.selected_tags())

    def selected_tags(self) -> list[str]:
        names = [index.data(NameRole) for index in self.selectionModel().selectedIndexes()]
        return sorted(n for n in names if n)

    def counts(self) -> dict[str, int]:
        """Tag -> count as shown (for tests and tooltips)."""
        shown = {}
        for row in range(1, self.tag_model.rowCount()):
            item = self.tag_model.item(row)
            shown[item.data(NameRole)] = int(item.text().rsplit("(", 1)[1].rstrip(")"))
        return shown

    def select_tags(self, names: list[str]) -> None:
        selection = self.selectionModel()
        selection.clearSelection()
        wanted = {n.casefold() for n in names}
        for row in range(1, self.tag_model.rowCount()):
            name = self.tag_model.item(row).data(NameRole)
            if name.casefold() in wanted:
                selection.select(
                    self.tag_model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                )

    def _selection_changed(self) -> None:
        everything = self.tag_model.index(0, 0)
        if self.selectionModel().isSelected(everything):
            self.selectionModel().blockSignals(True)
            self.selectionModel().clearSelection()
            self.selectionModel().blockSignals(False)
            self.viewport().update()
        self.tags_selected.emit(self.selected_tags())

    def _menu(self, position) -> None:
        index = self.indexAt(position)
        name = index.data(NameRole) if index.isValid() else None
        if not name:
            return
        menu = QMenu(self)
        menu.addAction(f"Rename or Merge “{name}”…", lambda: self.rename_requested.emit(name))
        menu.addAction(f"Delete “{name}”…", lambda: self.delete_requested.emit(name))
        menu.exec(self.viewport().mapToGlobal(position))
