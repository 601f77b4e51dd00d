"""The right of the window: the preview over the stars, status and note of one paper.

The preview follows the note as it is typed (rendered a moment after the
last key), and the note editor keeps what is being typed when the same paper
is shown again.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from readinglist.core.library import Library
from readinglist.gui.annotation_bar import AnnotationBar
from readinglist.gui.note_editor import NoteEditor
from readinglist.gui.preview import PreviewPane

DRAFT_PREVIEW_MS = 250


class ReadingPane(QSplitter):
    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.setObjectName("previewSplitter")
        self.library = library
        self.words: list[str] = []  # the search's words, marked in the preview
        self.preview = PreviewPane()
        self.annotation_bar = AnnotationBar()
        self.note_editor = NoteEditor()
        editor_box = QWidget()
        layout = QVBoxLayout(editor_box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.annotation_bar)
        layout.addWidget(self.note_editor)
        self.addWidget(self.preview)
        self.addWidget(editor_box)
        self.setSizes([560, 200])
        self.draft_timer = QTimer(self, singleShot=True, interval=DRAFT_PREVIEW_MS)
        self.draft_timer.timeout.connect(self._show_draft)
        self.note_editor.textChanged.connect(self.draft_timer.start)

    def show_paper(self, paper_id: int | None, words: list[str], empty_library: bool) -> None:
        """Show one paper (None: a hint, which says how to import into an empty library)."""
        self.words = words
        if paper_id is None:
            self.note_editor.load(None, "")
            self.annotation_bar.clear()  # no paper: no stars or status that read as its own
            self.preview.show_hint(empty_library=empty_library)
            return
        paper = self.library.paper(paper_id)
        self.preview.show_paper(paper, words)
        self.annotation_bar.show_values(paper.rating, paper.status)
        if not (self.note_editor.hasFocus() and self.note_editor.paper_id == paper.id):
            self.note_editor.load(paper.id, paper.note)

    def _show_draft(self) -> None:
        """The live rendered view: the preview shows the note as it is being typed."""
        paper = self.preview.paper
        if self.note_editor.too_long:
            return  # the editor does not hold this note: the preview keeps showing it
        if paper and paper.id == self.note_editor.paper_id:
            paper.note = self.note_editor.toPlainText()
            self.preview.show_paper(paper, self.words)
