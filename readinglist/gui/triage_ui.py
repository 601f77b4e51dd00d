"""Inbox and triage in the window: the sidebar entry, the Triage menu and its keys,
score, why and related papers in the preview, and 'Suggested for TAG'.

Keys (on the table): Y keep, X skip, L later, U back to the inbox; keep and skip
move to the next paper. Every decision is one undoable command, on one paper
or a selection. The inbox's order is a snapshot taken when it is opened (or on
F5): rows never move while the user works through them.
"""

from __future__ import annotations

import html
import sqlite3
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QUrl
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QPushButton

from readinglist.core.discover import triage
from readinglist.core.library import Paper
from readinglist.core.query import Query
from readinglist.core.wording import plural
from readinglist.gui.actions import add_action
from readinglist.gui.discover_controller import DiscoverController
from readinglist.gui.operations import VERBS
from readinglist.gui.preview import EXTRA_BREAK
from readinglist.gui.suggestions_panel import SuggestionsPanel

if TYPE_CHECKING:
    from readinglist.gui.main_window import MainWindow

INBOX_QUERY = "is:inbox"
RELATED = 5
SUGGESTIONS = 20
DECISION_KEYS = (("keep", "&Keep", "Y"), ("skip", "&Skip", "X"), ("later", "&Later", "L"))


class DiscoverUI(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.library = window.library
        self.controller = DiscoverController(window.library, self)
        self.controller.cache_updated.connect(self._cache_updated)
        self.controller.build_failed.connect(
            lambda message: window.statusBar().showMessage(f"Ranking not updated: {message}", 10000)
        )
        self.inbox_ids: list[int] | None = None  # the inbox's order while it is shown
        self.inbox_message = ""
        self._edits = 0  # counts changes, to know when the preview's extra part is stale
        self._preview_cache: tuple[object, str] = (None, "")

        self.inbox_entry = QPushButton(objectName="inboxEntry")
        self.inbox_entry.setFlat(True)
        self.inbox_entry.setStyleSheet("text-align: left; padding: 4px")
        self.inbox_entry.setToolTip("Papers not yet triaged, most interesting first (Ctrl+Shift+O)")
        self.inbox_entry.clicked.connect(self.open_inbox)
        sidebar_box = window.smart_lists.parentWidget().layout()
        sidebar_box.insertWidget(1, self.inbox_entry)  # under the "Smart lists" title

        self.suggestions = SuggestionsPanel()
        window.table.parentWidget().layout().addWidget(self.suggestions)
        self.suggestions.accept_requested.connect(self.accept_suggestion)
        self.suggestions.paper_chosen.connect(self.show_paper)
        window.tag_panel.tags_selected.connect(self._tags_selected)

        window.preview.extra_html = self.preview_html
        window.preview.anchorClicked.connect(self._link_clicked)
        self._build_menu()
        self.update_inbox_count()

    # -- menu and keys ---------------------------------------------------------------

    def _build_menu(self) -> None:
        window = self.window
        menu = window.menuBar().addMenu("T&riage")
        help_action = window.menuBar().actions()[-2]  # keep Help last
        window.menuBar().insertMenu(help_action, menu)
        self.actions: dict[str, QAction] = {}
        for decision, label, key in (*DECISION_KEYS, (None, "&Back to Inbox", "U")):
            action = QAction(label, window)
            action.setShortcut(QKeySequence(key))
            # One letter acts on the table only: typing in the search or a note stays typing.
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, d=decision: self.triage_selected(d))
            window.table.addAction(action)
            menu.addAction(action)
            self.actions[str(decision)] = action
        menu.addSeparator()
        accept = QAction("&Accept Suggestion for Tag", window)
        accept.setShortcut(QKeySequence("A"))
        accept.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        accept.triggered.connect(self.suggestions.list.accept_requested)
        self.suggestions.list.addAction(accept)
        menu.addAction(accept)
        menu.addSeparator()
        add_action(window, menu, "Open &Inbox", self.open_inbox, "Ctrl+Shift+O")
        add_action(window, menu, "&Refresh Ranking", self.refresh_ranking, "F5")

    # -- the inbox --------------------------------------------------------------------

    def is_inbox(self, query: Query) -> bool:
        return (
            query.text.strip().lower() == INBOX_QUERY and not self.window.tag_panel.selected_tags()
        )

    def ranked_ids(self, query: Query) -> list[int] | None:
        """The inbox's ids in ranked order when the query is the inbox; else None."""
        if not self.is_inbox(query):
            self.inbox_ids = None  # the next opening ranks afresh
            return None
        if self.inbox_ids is None:
            self.inbox_ids, self.inbox_message = self.controller.inbox_order()
            self.window.statusBar().showMessage(f"Inbox: {self.inbox_message}", 15000)
        return self.inbox_ids

    def open_inbox(self) -> None:
        self.window.tag_panel.clearSelection()
        self.inbox_ids = None
        self.window.search_field.setText(INBOX_QUERY)
        self.window.apply_search()
        self.window.table.setFocus()
        if self.window.model.rowCount() and not self.window.selected_ids():
            self.window.select_rows([0])

    def refresh_ranking(self) -> None:
        """F5: rank the inbox again with the newest model, and update the models."""
        self.inbox_ids = None
        self.controller.discovery.reload()
        self.window.reload()
        self._tags_selected(self.window.tag_panel.selected_tags())
        self.controller.start_build()

    def update_inbox_count(self) -> None:
        self.inbox_entry.setText(f"Inbox ({triage.inbox_count(self.library)})")

    def library_changed(self) -> None:
        self._edits += 1
        self.update_inbox_count()
        self.controller.library_changed()

    def _cache_updated(self) -> None:
        # New scores are in; the rows stay put until F5 or the next opening.
        if self.inbox_ids is not None:
            self.window.statusBar().showMessage("Ranking updated: F5 re-ranks the inbox", 8000)
        if self.window.preview.paper is not None:
            self.window.show_current()
        tags = self.window.tag_panel.selected_tags()
        if len(tags) == 1 and not self.suggestions.list.hasFocus():
            self._tags_selected(tags)

    # -- triage ----------------------------------------------------------------------

    def triage_selected(self, decision: str | None) -> None:
        window = self.window
        ids = window.selected_ids()
        if not ids:
            return
        rows = sorted(index.row() for index in window.table.selectionModel().selectedRows())
        window.ops.triage(ids, decision)
        if decision in ("keep", "skip") and rows[-1] + 1 < window.model.rowCount():
            window.select_rows([rows[-1] + 1])  # on to the next paper
        verb = VERBS[decision].lower() if decision else "back in the inbox"
        window.statusBar().showMessage(
            f"{plural(len(ids), 'paper')}: {verb} (Ctrl+Z undoes); "
            f"{triage.inbox_count(self.library)} in the inbox",
            8000,
        )

    # -- preview: score, why, related -------------------------------------------------

    def preview_html(self, paper: Paper, muted: str) -> str:
        """Triage state, interest and related papers; kept per paper while nothing changes
        (the preview re-renders on every pause in typing a note)."""
        key = (paper.id, self.controller.discovery.generation, self._edits, muted)
        if self._preview_cache[0] != key:
            try:
                self._preview_cache = (key, self._preview_html(paper, muted))
            except sqlite3.Error:  # the library closed under a late timer: nothing to add
                return ""
        return self._preview_cache[1]

    def _preview_html(self, paper: Paper, muted: str) -> str:
        parts = []
        decision = triage.decisions(self.library, [paper.id]).get(paper.id)
        state = {"keep": "kept", "skip": "skipped", "later": "later"}.get(decision, "in the inbox")
        explained = self.controller.explain(paper.id)
        if explained is not None:
            why = ", ".join(explained.why) or "-"
            parts.append(
                f"<p style='color: {muted}'>Triage: {state} · interest {explained.score:+.2f}"
                f" · why: {html.escape(why)}</p>"
            )
        else:
            parts.append(f"<p style='color: {muted}'>Triage: {state}</p>")
        related = self.controller.related(paper.id, RELATED)
        if related:
            titles = {
                p.id: p.title
                for p in self.library.papers([r.id for r in related], with_digests=False)
            }
            items = "".join(
                f"<li><a href='paper:{r.id}'>{html.escape(titles[r.id])}</a>"
                f" <span style='color: {muted}'>({r.score:.2f})</span></li>"
                for r in related
                if r.id in titles
            )
            parts.append(f"{EXTRA_BREAK}<h3>Related papers</h3><ul>{items}</ul>")
        return "\n".join(parts)

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() == "paper" and url.path().isdigit():
            self.go_to_paper(int(url.path()))

    def go_to_paper(self, paper_id: int) -> None:
        """Select a paper in the table, leaving a search or tag that hides it."""
        window = self.window
        if window.model.find_row(paper_id) is None:
            window.tag_panel.clearSelection()
            window.search_field.setText("")
            window.apply_search()
            window.search.keep_selection([paper_id])  # a large library answers later
        if window.model.find_row(paper_id) is not None:
            window.select_ids([paper_id])
        else:
            self.show_paper(paper_id)  # skipped: not in the default view, still shown

    def show_paper(self, paper_id: int) -> None:
        try:
            self.window.preview.show_paper(self.library.paper(paper_id))
        except Exception:  # noqa: BLE001 (deleted meanwhile: nothing to show)
            return

    # -- suggestions for a tag -----------------------------------------------------------

    def _tags_selected(self, names: list[str]) -> None:
        if len(names) != 1:
            self.suggestions.hide()
            return
        tag = names[0]
        found = self.controller.suggest(tag, SUGGESTIONS)
        titles = {
            p.id: p.title for p in self.library.papers([r.id for r in found], with_digests=False)
        }
        self.suggestions.show_for(
            tag, [(r.id, titles[r.id], r.why) for r in found if r.id in titles]
        )

    def accept_suggestion(self, paper_id: int) -> None:
        self.window.annotator.add_tags([paper_id], [self.suggestions.tag])
        self.window.statusBar().showMessage(
            f"Tagged {self.suggestions.tag}: {self.library.paper(paper_id).title} (Ctrl+Z undoes)",
            8000,
        )

    def stop(self) -> None:
        self.controller.stop()
