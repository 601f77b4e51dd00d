"""Rating stars and reading status for the paper in the preview."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QToolButton, QWidget

from readinglist.core.schema import STATUSES
from readinglist.core.wording import EMPTY, FILLED
from readinglist.gui.theme import star_colour


class RatingControl(QWidget):
    """Five star buttons; clicking the current rating's star clears it."""

    rating_chosen = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("ratingControl")
        self.rating = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.buttons = []
        for star in range(1, 6):
            button = QToolButton(self, autoRaise=True)
            button.setObjectName(f"star{star}")
            button.setToolTip(f"Rate {star} (key {star}); click again to clear")
            button.clicked.connect(lambda _=False, s=star: self._clicked(s))
            layout.addWidget(button)
            self.buttons.append(button)
        self.set_rating(0)

    def set_rating(self, rating: int) -> None:
        self.rating = rating
        for star, button in enumerate(self.buttons, 1):
            button.setText(FILLED if star <= rating else EMPTY)
            filled = star_colour(self.palette()).name()
            button.setStyleSheet(f"color: {filled}" if star <= rating else "")

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:  # light/dark switched: recolour
            self.set_rating(self.rating)

    def _clicked(self, star: int) -> None:
        self.rating_chosen.emit(0 if star == self.rating else star)


class AnnotationBar(QWidget):
    rating_chosen = Signal(int)
    status_chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 2, 8, 2)
        self.rating = RatingControl(self)
        self.rating.rating_chosen.connect(self.rating_chosen)
        self.status = QComboBox(self, objectName="statusControl")
        self.status.addItems(STATUSES)
        self.status.setToolTip("Reading status (key S cycles it in the table)")
        self.status.activated.connect(lambda i: self.status_chosen.emit(STATUSES[i]))
        layout.addWidget(QLabel("Rating:"))
        layout.addWidget(self.rating)
        layout.addStretch(1)
        layout.addWidget(QLabel("Status:"))
        layout.addWidget(self.status)

        for button in self.rating.buttons:  # hidden stars keep their room: no jump
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            button.setSizePolicy(policy)

    def show_values(self, rating: int, status: str) -> None:
        self.setEnabled(True)
        for button in self.rating.buttons:
            button.show()
        self.rating.set_rating(rating)
        self.status.setCurrentIndex(STATUSES.index(status))

    def clear(self) -> None:
        """No paper: no stars at all (empty ones read as "unrated") and no status."""
        self.rating.set_rating(0)
        for button in self.rating.buttons:
            button.hide()
        self.status.setCurrentIndex(-1)
        self.setEnabled(False)
