"""Search: the field, its debounce, the paged model it fills, and spelling help.

The controller owns what a search is at any moment (the query shown, whether
it is an approximate one, which papers to select when the rows come in) so
the window only lays the widgets out. A large library answers in a thread
(PaperModel's QueryRunner): ``listed`` says when the new rows are in.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QLabel

from readinglist.core.discover.triage import hide_skipped
from readinglist.core.library import Library
from readinglist.core.query import Query, QueryError, everything, parse, restrict_to_tags
from readinglist.gui.paper_model import PaperModel
from readinglist.gui.plain_text import plain_label
from readinglist.gui.search_field import SearchField
from readinglist.gui.theme import error_colour

SEARCH_DELAY_MS = 40  # coalesces a burst of keys; each query runs in a thread anyway
WARM_VOCABULARY_MS = 3000  # after start-up, which it would slow down
FEW_RESULTS = 3  # below this many results, offer a spelling correction
NEW_IN_LAST_IMPORT = "new:"


class Selection(Protocol):
    """The table's selection, kept across a re-run of the query."""

    def selected_ids(self) -> list[int]: ...
    def select_ids(self, ids: list[int], anywhere: bool = True) -> None: ...


class SearchController(QObject):
    listed = Signal()  # a result is in and the kept selection is back
    leave_to_table = Signal()  # Esc in an empty field

    def __init__(self, library: Library, selection: Selection, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.selection = selection
        self.model = PaperModel(library, self)
        # Set by the window once the sidebar and the inbox exist.
        self.selected_tags: Callable[[], list[str]] = list
        self.ranked_ids: Callable[[Query], list[int] | None] = lambda _query: None

        self.query: Query | None = None  # None: every paper (the skipped ones hidden)
        self.approximate = False  # the rows are a corrected search's
        self._correct: str | None = None  # the text to offer a correction for, once listed
        self._keep: list[int] = []  # the ids to select once the rows are in
        # A re-run of the same search (after an edit, an import) finds the kept papers
        # anywhere in the result; a new search keeps them only among its first rows,
        # as a pass over a million rows per keystroke would stall typing (3.7 s).
        self._anywhere = True
        self._select_first = False
        self._pending = False  # a query was sent and has not answered yet

        self.field = SearchField()
        self.field.escaped.connect(self._escape)
        self.error_label = plain_label(object_name="searchError")
        self.error_label.setStyleSheet(f"color: {error_colour(self.error_label.palette())}")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.hint = QLabel(objectName="searchHint")
        self.hint.setWordWrap(True)
        self.hint.linkActivated.connect(self.field.setText)
        self.hint.hide()
        self.count_label = QLabel(objectName="countLabel")
        self.timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.timer.timeout.connect(self.apply)
        self.field.textChanged.connect(self.timer.start)
        self.model.refreshed.connect(self._listed)
        self.model.failed.connect(self._failed)
        # Spelling help needs every word of the index (seconds on a large library):
        # read them in a thread once the window is up, not on the first misspelt search.
        QTimer.singleShot(WARM_VOCABULARY_MS, self, lambda: library.vocabulary.warm(library.path))

    @property
    def reloading(self) -> bool:
        """A query is on its way (a large library answers from a thread)."""
        return self._pending

    def focus(self) -> None:
        self.field.setFocus()
        self.field.selectAll()

    def run(self, text: str) -> None:
        self.field.setText(text)
        self.apply()

    def show_new_papers(self) -> None:
        """List the last import's new papers and select the first once listed."""
        self.field.setText(NEW_IN_LAST_IMPORT)
        self._select_first = True
        self.apply()

    def keep_selection(self, ids: list[int]) -> None:
        """Select these papers when the pending result comes in."""
        self._keep = list(ids)

    def apply(self) -> None:
        """Run the field's query now; on a malformed query keep the last result."""
        self.timer.stop()
        text = self.field.text()
        try:
            query = restrict_to_tags(parse(text), self.selected_tags())
            query = hide_skipped(query)  # skipped papers: found by a search, not listed
            query.clause()
        except QueryError as exc:
            self.error_label.setText(f"{exc.message} (at character {exc.position + 1})")
            self.error_label.show()
            colour = error_colour(self.field.palette())
            self.field.setStyleSheet(f"QLineEdit {{ border: 1px solid {colour}; }}")
            return
        self.error_label.hide()
        self.field.setStyleSheet("")
        self.query = query
        self.approximate = False
        self._correct = text
        self.reload(anywhere=False)

    def reload(self, anywhere: bool = True) -> None:
        """Re-run the query: after imports and deletions, which change membership.

        The model may answer later (a large library is queried in a thread);
        ``_listed`` finishes the job when the rows are in.
        """
        if not self._pending:
            self._keep = self.selection.selected_ids()
        self._anywhere = anywhere
        self._pending = True
        query = self.query or hide_skipped(everything())
        ranked = self.ranked_ids(query)  # the inbox keeps its ranked order
        if ranked is None:
            self.model.set_query(query, keep=self._keep if anywhere else ())
        else:
            self.model.show_ids(query, ranked)

    def _escape(self) -> None:
        if self.field.text():
            self.field.clear()
            self.apply()
        else:
            self.leave_to_table.emit()

    def _listed(self) -> None:
        self._pending = False
        if self._select_first:
            self._keep = self.model.paper_ids(1)
            self._select_first = False
        self.selection.select_ids(self._keep, anywhere=self._anywhere)
        self._update_count()
        self.listed.emit()
        if self._correct is not None:
            text, self._correct = self._correct, None
            self._offer_correction(text)

    def _failed(self, message: str) -> None:
        """A query SQLite could not run (too complex, busy): say so; the rows shown stay."""
        self._pending = False
        self._correct = None
        self.error_label.setText(message)
        self.error_label.show()

    def _offer_correction(self, text: str) -> None:
        """Few or no results for the words typed: suggest a spelling the index knows.

        With no result at all the table shows the corrected search's papers,
        marked approximate; with a few, the suggestion is only offered.
        """
        self.hint.hide()
        shown = self.model.rowCount()
        if shown >= FEW_RESULTS or not self.model.query.has_words:
            return
        suggestion = self.library.suggest(text)
        if suggestion is None:
            return
        link = f"<a href='{html.escape(suggestion.text)}'>{html.escape(suggestion.text)}</a>"
        if shown == 0:
            self.query = restrict_to_tags(parse(suggestion.text), self.selected_tags())
            self.approximate = True
            self.hint.setText(
                f"No paper matches “{html.escape(text)}”. Showing approximate matches: "
                f"did you mean {link}?"
            )
            self.reload(anywhere=False)
        else:
            self.hint.setText(f"Did you mean {link}?")
        self.hint.show()

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total
        noun = "paper" if total == 1 else "papers"
        text = f"{total} {noun}" if shown == total else f"{shown} of {total} {noun}"
        self.count_label.setText(text + (" (approximate)" if self.approximate else ""))
