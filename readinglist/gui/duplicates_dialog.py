"""Possible duplicates: one pair at a time, side by side with the differences marked."""

from __future__ import annotations

import difflib
import html
import re

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
)

from readinglist.core.dedup import Candidate
from readinglist.core.library import Library, Paper
from readinglist.core.wording import FILLED, plural
from readinglist.gui.operations import Operations
from readinglist.gui.theme import difference_colours

_WORDS = re.compile(r"\S+|\s+")


def marked_diff(mine: str, theirs: str) -> str:
    """HTML of mine with the words that differ from theirs marked."""
    a, b = _WORDS.findall(mine), _WORDS.findall(theirs)
    out = []
    mark = difference_colours(QGuiApplication.palette())  # readable in light and dark
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, _, _ in matcher.get_opcodes():
        chunk = html.escape("".join(a[i1:i2]))
        out.append(chunk if op == "equal" else f"<span style='{mark}'>{chunk}</span>")
    return "".join(out)


class DuplicatesDialog(QDialog):
    def __init__(
        self, library: Library, candidates: list[Candidate], operations: Operations, parent=None
    ):
        super().__init__(parent)
        self.setObjectName("duplicatesDialog")
        self.setWindowTitle("Possible duplicates")
        self.resize(1100, 640)
        self.library = library
        self.operations = operations  # merges (undoable) and "not duplicates"
        self.pending = list(candidates)
        self.index = 0

        self.info = QLabel(objectName="duplicateInfo")
        self.info.setWordWrap(True)
        self.left = QTextBrowser(objectName="duplicateLeft")
        self.right = QTextBrowser(objectName="duplicateRight")
        self.title_choice = self._choice("Keep the title of:")
        self.abstract_choice = self._choice("Keep the abstract of:")

        self.merge_button = QPushButton("Merge", objectName="duplicateMerge")
        self.dismiss_button = QPushButton("Not Duplicates", objectName="duplicateDismiss")
        self.skip_button = QPushButton("Skip", objectName="duplicateSkip")
        close = QPushButton("Close")
        self.merge_button.setDefault(True)
        self.merge_button.setToolTip(
            "Tags join, the higher rating and the furthest status win, "
            "notes are joined; undo with Ctrl+Z"
        )
        self.merge_button.clicked.connect(self.merge)
        self.dismiss_button.clicked.connect(self.dismiss)
        self.skip_button.clicked.connect(self.skip)
        close.clicked.connect(self.accept)

        grid = QGridLayout()
        grid.addWidget(self.left, 0, 0)
        grid.addWidget(self.right, 0, 1)
        choices = QHBoxLayout()
        for label, group in (self.title_choice, self.abstract_choice):
            choices.addWidget(label)
            for button in group.buttons():
                choices.addWidget(button)
            choices.addSpacing(24)
        choices.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.skip_button, self.dismiss_button, self.merge_button, close):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addLayout(grid, 1)
        layout.addLayout(choices)
        layout.addLayout(buttons)
        self.show_pair()

    def _choice(self, text: str) -> tuple[QLabel, QButtonGroup]:
        group = QButtonGroup(self)
        for side, label in enumerate(("left", "right")):
            button = QRadioButton(label)
            button.setChecked(side == 0)
            group.addButton(button, side)
        return QLabel(text), group

    def current(self) -> Candidate | None:
        return self.pending[self.index] if self.index < len(self.pending) else None

    def show_pair(self) -> None:
        candidate = self.current()
        for widget in (self.merge_button, self.dismiss_button, self.skip_button):
            widget.setEnabled(candidate is not None)
        if candidate is None:
            self.info.setText(
                "No more possible duplicates. Merged pairs can be undone with Edit > Undo."
            )
            self.left.clear()
            self.right.clear()
            return
        try:
            a, b = self.library.papers([candidate.a, candidate.b])
        except ValueError:  # one of them was merged or deleted meanwhile
            self.pending.pop(self.index)
            self.show_pair()
            return
        self.info.setText(
            f"<b>Pair {self.index + 1} of {len(self.pending)}</b> · score {candidate.score} · "
            f"{html.escape(candidate.reason)}"
        )
        self.left.setHtml(_paper_html(a, b))
        self.right.setHtml(_paper_html(b, a))

    def _advance(self, drop: bool) -> None:
        if drop:
            self.pending.pop(self.index)
        else:
            self.index += 1
        self.show_pair()

    def merge(self) -> None:
        candidate = self.current()
        keep, other = candidate.a, candidate.b
        title_from = keep if self.title_choice[1].checkedId() == 0 else other
        abstract_from = keep if self.abstract_choice[1].checkedId() == 0 else other
        self.operations.annotate.merge(keep, other, title_from, abstract_from)
        self._advance(drop=True)

    def dismiss(self) -> None:
        candidate = self.current()
        failure = self.operations.dismiss_duplicate(candidate.a, candidate.b)
        if failure is not None:
            self.info.setText(html.escape(failure))
            return
        self._advance(drop=True)

    def skip(self) -> None:
        self._advance(drop=False)


def _paper_html(paper: Paper, other: Paper) -> str:
    facts = [f"id {paper.id}", paper.status, f"seen in {plural(paper.seen, 'digest')}"]
    if paper.rating:
        facts.insert(1, FILLED * paper.rating)
    if paper.tags:
        facts.append("tags: " + ", ".join(paper.tags))
    note = f"<p><i>Note:</i> {html.escape(paper.note[:300])}</p>" if paper.note else ""
    return (
        f"<h3>{marked_diff(paper.title, other.title)}</h3>"
        f"<p style='color: gray'>{html.escape(' · '.join(facts))}</p>"
        f"<p>{marked_diff(paper.abstract, other.abstract)}</p>{note}"
    )
