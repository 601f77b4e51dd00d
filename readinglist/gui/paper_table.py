"""The paper table view: rows select whole, j/k move like arrows, Enter opens the preview."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView

_VIM_KEYS = {Qt.Key.Key_J: Qt.Key.Key_Down, Qt.Key.Key_K: Qt.Key.Key_Up}


_RATING_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(6)}


class PaperTable(QTableView):
    preview_requested = Signal()
    rating_requested = Signal(int)
    status_cycle_requested = Signal()
    delete_requested = Signal()
    tags_requested = Signal()
    note_requested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("paperTable")
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.doubleClicked.connect(self.preview_requested)

    # -- the selection, by paper id (the model is a PaperModel) --------------------------------

    def selected_ids(self) -> list[int]:
        # By ranges, not by index: selecting 100,000 rows reads their ids in a few queries.
        ranges = self.selectionModel().selection()
        return self.model().ids_at(sorted({(r.top(), r.bottom()) for r in ranges}))

    def select_rows(self, rows: list[int]) -> None:
        model = self.model()
        wanted = QItemSelection()
        for first, last in _runs(sorted(rows)):
            wanted.select(model.index(first, 0), model.index(last, 0))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        self.selectionModel().select(wanted, flags | QItemSelectionModel.SelectionFlag.Rows)
        if rows:
            self.selectionModel().setCurrentIndex(
                model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.scrollTo(model.index(rows[0], 0))

    def select_ids(self, ids: list[int]) -> None:
        self.select_rows([row for row in map(self.model().row_of, ids) if row is not None])

    # -- keys --------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        plain = event.modifiers() in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ShiftModifier,
        )
        if plain and event.key() in _VIM_KEYS:
            event = QKeyEvent(QEvent.Type.KeyPress, _VIM_KEYS[event.key()], event.modifiers())
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.preview_requested.emit()
            return
        elif event.modifiers() == Qt.KeyboardModifier.NoModifier and self._shortcut(event.key()):
            return
        super().keyPressEvent(event)

    def _shortcut(self, key: int) -> bool:
        """Single keys on the table: 0-5 rate, S status, T tags, N note, Delete deletes."""
        if key in _RATING_KEYS:
            self.rating_requested.emit(_RATING_KEYS[key])
        elif key == Qt.Key.Key_S:
            self.status_cycle_requested.emit()
        elif key == Qt.Key.Key_T:
            self.tags_requested.emit()
        elif key == Qt.Key.Key_N:
            self.note_requested.emit()
        elif key == Qt.Key.Key_Delete:
            self.delete_requested.emit()
        else:
            return False
        return True


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(row, runs[-1][1]))
        else:
            runs.append((row, row))
    return runs
