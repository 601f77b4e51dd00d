"""Asking for tags: a comma-separated field that completes from the existing tags."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
)

from readinglist.gui.plain_text import plain_label


class TagLineEdit(QLineEdit):
    """Completion applies to the tag being typed after the last comma."""

    def __init__(self, names: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("tagEdit")
        self.completer_ = QCompleter(names, self)
        self.completer_.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer_.setFilterMode(Qt.MatchFlag.MatchContains)
        self.completer_.setWidget(self)
        self.completer_.activated.connect(self._complete)
        self.textEdited.connect(self._update_prefix)

    def _update_prefix(self, text: str) -> None:
        current = text.rsplit(",", 1)[-1].strip()
        if not current:
            self.completer_.popup().hide()
            return
        self.completer_.setCompletionPrefix(current)
        self.completer_.complete()

    def _complete(self, name: str) -> None:
        head = self.text().rsplit(",", 1)[0] + ", " if "," in self.text() else ""
        self.setText(head + name + ", ")

    def tags(self) -> list[str]:
        return [t.strip() for t in self.text().split(",") if t.strip()]


class TagDialog(QDialog):
    def __init__(self, title: str, prompt: str, names: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("tagDialog")
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(prompt))
        self.edit = TagLineEdit(names, self)
        layout.addWidget(self.edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(420, self.sizeHint().height())
