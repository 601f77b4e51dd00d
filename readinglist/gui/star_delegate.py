"""Stars in the rating column: painted, and clicked to rate (click the same star to clear)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate

from readinglist.core.wording import EMPTY, FILLED
from readinglist.gui.paper_model import RatingRole
from readinglist.gui.theme import star_colour


class StarDelegate(QStyledItemDelegate):
    rating_clicked = Signal(int, int)  # row, new rating

    def paint(self, painter, option, index: QModelIndex) -> None:
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rating = index.data(RatingRole) or 0
        painter.save()
        rect = option.rect.adjusted(4, 0, 0, 0)
        width = option.fontMetrics.horizontalAdvance(FILLED)
        muted = option.palette.color(QPalette.ColorRole.PlaceholderText)
        gold = star_colour(option.palette)  # a darker gold on light rows, brighter on dark
        for star in range(5):
            painter.setPen(gold if star < rating else muted)
            star_rect = rect.adjusted(star * width, 0, 0, 0)
            painter.drawText(
                star_rect, Qt.AlignmentFlag.AlignVCenter, FILLED if star < rating else EMPTY
            )
        painter.restore()

    def editorEvent(self, event, model, option, index: QModelIndex) -> bool:  # noqa: N802
        if event.type() != QEvent.Type.MouseButtonRelease:
            return False
        width = option.fontMetrics.horizontalAdvance(FILLED)
        star = int((event.position().x() - option.rect.x() - 4) // width) + 1
        if not 1 <= star <= 5:
            return False
        current = index.data(RatingRole) or 0
        self.rating_clicked.emit(index.row(), 0 if star == current else star)
        return True
