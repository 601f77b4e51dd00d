"""The Markdown note editor: autosaves on a short idle and when it loses focus."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit

AUTOSAVE_IDLE_MS = 700


class NoteEditor(QPlainTextEdit):
    save_requested = Signal(int, str)  # paper id, text
    session_ended = Signal()
    escaped = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setPlaceholderText("Notes in Markdown: lists, tables, ```code``` … saved as you type.")
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.paper_id: int | None = None
        self.saved_text = ""
        self.idle = QTimer(self, singleShot=True, interval=AUTOSAVE_IDLE_MS)
        self.idle.timeout.connect(self.save)
        self.textChanged.connect(self._typed)
        self.setEnabled(False)

    def load(self, paper_id: int | None, text: str) -> None:
        """Show another paper's note (saving this one first)."""
        if paper_id != self.paper_id:
            self.save()
            self.session_ended.emit()
        self.paper_id = paper_id
        self.saved_text = text
        if self.toPlainText() != text:
            self.blockSignals(True)
            self.setPlainText(text)
            self.blockSignals(False)
        self.setEnabled(paper_id is not None)

    def _typed(self) -> None:
        self.idle.start()

    def save(self) -> None:
        self.idle.stop()
        if self.paper_id is not None and self.toPlainText() != self.saved_text:
            self.saved_text = self.toPlainText()
            self.save_requested.emit(self.paper_id, self.saved_text)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.key() == Qt.Key.Key_Escape:
            self.save()
            self.escaped.emit()  # back to the table, for keyboard-only triage
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        self.save()
        self.session_ended.emit()
        super().focusOutEvent(event)
