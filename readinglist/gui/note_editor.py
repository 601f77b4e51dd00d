"""The Markdown note editor: autosaves on a short idle and when it loses focus."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QPlainTextEdit

AUTOSAVE_IDLE_MS = 700
# Qt's editor needs seconds per megabyte of text: a longer note is shown in the preview
# (its start) and edited with `readinglist note`, so the window never freezes on it.
EDITOR_CHARS = 200_000
PLACEHOLDER = "Notes in Markdown: lists, tables, ```code``` … saved as you type."


class NoteEditor(QPlainTextEdit):
    save_requested = Signal(int, str)  # paper id, text
    session_ended = Signal()
    escaped = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("noteEditor")
        self.setPlaceholderText(PLACEHOLDER)
        self.too_long = False  # the note shown is beyond EDITOR_CHARS: never saved from here
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
        self.too_long = len(text) > EDITOR_CHARS
        shown = "" if self.too_long else text
        if self.toPlainText() != shown:
            self.blockSignals(True)
            self.setPlainText(shown)
            self.blockSignals(False)
        self.setReadOnly(self.too_long)
        self.setPlaceholderText(
            f"This note has {len(text):,} characters, too long to edit here without "
            f"freezing the window. The preview shows its start; change it with: "
            f"readinglist note {paper_id} < note.md"
            if self.too_long
            else PLACEHOLDER
        )
        self.setEnabled(paper_id is not None)

    def _typed(self) -> None:
        self.idle.start()

    def save(self) -> None:
        self.idle.stop()
        if self.too_long:
            return
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
