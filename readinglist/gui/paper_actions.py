"""The Paper menu and its keys on the table: tags, rating, status, note, delete.

Each acts on the selected papers through the Annotator (undoable); the same
actions fill the table's context menu and answer the stars in the table and
in the annotation bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from readinglist.core.export import ExportOptions, export_markdown
from readinglist.core.schema import STATUSES
from readinglist.core.wording import plural, stars
from readinglist.gui.actions import add_action

if TYPE_CHECKING:
    from readinglist.gui.main_window import MainWindow


class PaperActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.annotator = window.annotator
        table, reading = window.table, window.reading
        table.rating_requested.connect(self.rate)
        table.status_cycle_requested.connect(self.cycle_status)
        table.tags_requested.connect(self.ask_add_tags)
        table.delete_requested.connect(self.ask_delete)
        table.note_requested.connect(reading.note_editor.setFocus)
        table.customContextMenuRequested.connect(self._context_menu)
        reading.note_editor.escaped.connect(table.setFocus)
        window.stars.rating_clicked.connect(
            lambda row, rating: self.annotator.set_rating([window.model.paper_id(row)], rating)
        )
        reading.annotation_bar.rating_chosen.connect(self.rate)
        reading.annotation_bar.status_chosen.connect(self.set_status)
        reading.note_editor.save_requested.connect(self.annotator.save_note)
        reading.note_editor.session_ended.connect(self.annotator.end_note_session)
        window.tag_panel.rename_requested.connect(
            lambda name: self.annotator.ask_rename_tag(window, name)
        )
        window.tag_panel.delete_requested.connect(
            lambda name: self.annotator.ask_delete_tag(window, name)
        )

    def fill_menu(self, menu: QMenu) -> None:
        """Paper actions; the single-key ones (\t label) act when the table has focus."""
        add_action(self, menu, "Add &Tags…\tT", self.ask_add_tags, "Ctrl+T")
        add_action(self, menu, "&Remove Tags…", self.ask_remove_tags, "Ctrl+Shift+T")
        add_action(self, menu, "Edit &Note\tN", self.window.reading.note_editor.setFocus)
        rate = menu.addMenu("R&ate")
        for rating in range(5, -1, -1):
            label = stars(rating) if rating else "Clear rating"
            add_action(self, rate, f"{label}\t{rating}", lambda _=False, r=rating: self.rate(r))
        status = menu.addMenu("&Status")
        for name in STATUSES:
            add_action(
                self,
                status,
                f"Mark {name.capitalize()}",
                lambda _=False, n=name: self.set_status(n),
            )
        add_action(self, status, "Cycle Status\tS", self.cycle_status)
        menu.addSeparator()
        add_action(self, menu, "&Delete…\tDel", self.ask_delete)

    def rate(self, rating: int) -> None:
        self.annotator.set_rating(self.window.selected_ids(), rating)

    def set_status(self, status: str) -> None:
        self.annotator.set_status(self.window.selected_ids(), status)

    def cycle_status(self) -> None:
        self.annotator.cycle_status(self.window.selected_ids())

    def ask_add_tags(self):
        return self.annotator.ask_add_tags(self.window, self.window.selected_ids())

    def ask_remove_tags(self):
        return self.annotator.ask_remove_tags(self.window, self.window.selected_ids())

    def ask_delete(self) -> None:
        self.annotator.ask_delete_papers(self.window, self.window.selected_ids())

    def copy_markdown(self) -> None:
        """The selected papers as Markdown on the clipboard, to paste into a chat or notes."""
        ids = self.window.selected_ids()
        if not ids:
            return
        papers = self.window.library.papers(ids)
        text = export_markdown(papers, ExportOptions(), f"{len(ids)} selected")
        QGuiApplication.clipboard().setText(text)
        self.window.statusBar().showMessage(f"Copied {plural(len(ids), 'paper')} as Markdown", 5000)

    def _context_menu(self, position) -> None:
        if self.window.selected_ids():
            menu = QMenu(self.window)
            self.fill_menu(menu)
            self.window.paper_links.fill_menu(menu)
            menu.exec(self.window.table.viewport().mapToGlobal(position))
