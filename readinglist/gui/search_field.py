"""The search field: Esc clears it (or hands focus to the table), Down moves to the table."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit


class SearchField(QLineEdit):
    escaped = Signal()
    leave_down = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("searchField")
        self.setPlaceholderText(
            "Search titles, abstracts, tags and notes   (e.g. graph neural tag:theory rating:>=3)"
        )
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape:
            self.escaped.emit()
        elif event.key() == Qt.Key.Key_Down:
            self.leave_down.emit()
        else:
            super().keyPressEvent(event)
