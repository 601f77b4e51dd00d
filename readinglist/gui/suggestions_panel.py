"""'Suggested for TAG': papers without the tag that resemble those with it.

Shown under the table while one tag is selected in the sidebar. A (or Enter)
gives the current suggestion the tag and moves to the next one; a click shows
the paper in the preview.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

ID_ROLE = Qt.ItemDataRole.UserRole


class SuggestionList(QListWidget):
    accept_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt's name)
        if event.key() in (Qt.Key.Key_A, Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.accept_requested.emit()
            return
        super().keyPressEvent(event)


class SuggestionsPanel(QWidget):
    accept_requested = Signal(int)  # paper id
    paper_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionsPanel")
        self.tag = ""
        self.label = QLabel(objectName="suggestionsLabel")
        self.list = SuggestionList(objectName="suggestionsList")
        self.list.setMaximumHeight(150)
        self.list.accept_requested.connect(self._accept_current)
        self.list.currentItemChanged.connect(
            lambda item, _: item is not None and self.paper_chosen.emit(item.data(ID_ROLE))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.list)
        self.hide()

    def show_for(self, tag: str, items: list[tuple[int, str, list[str]]]) -> None:
        """items: (id, title, why words), best first."""
        self.tag = tag
        self.list.blockSignals(True)
        self.list.clear()
        for paper_id, title, why in items:
            text = title + (f"   — {', '.join(why)}" if why else "")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, paper_id)
            item.setToolTip(f"{title}\nwhy: {', '.join(why) or '-'}\nA or Enter: tag it {tag}")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.label.setText(
            f"<b>Suggested for {tag}</b> ({len(items)}; A or Enter adds the tag)"
            if items
            else f"<b>Suggested for {tag}</b>: nothing yet (tag two papers or more)"
        )
        self.show()

    def ids(self) -> list[int]:
        return [self.list.item(i).data(ID_ROLE) for i in range(self.list.count())]

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        paper_id = item.data(ID_ROLE)
        row = self.list.row(item)
        self.list.takeItem(row)
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self.accept_requested.emit(paper_id)
