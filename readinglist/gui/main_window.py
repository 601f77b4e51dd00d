"""The main window: search field, paper table, preview, import by menu or drop."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QProcess,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from readinglist import __version__
from readinglist.core.export import ExportOptions, export_markdown
from readinglist.core.library import ImportReport, Library, LibraryError
from readinglist.core.query import QueryError, parse
from readinglist.core.schema import STATUSES
from readinglist.gui.annotation_bar import AnnotationBar
from readinglist.gui.annotator import Annotator
from readinglist.gui.background_process import low_priority_process
from readinglist.gui.command_palette import palette_action
from readinglist.gui.duplicate_scan import DuplicateScan
from readinglist.gui.duplicates_dialog import DuplicatesDialog
from readinglist.gui.error_policy import problem_text
from readinglist.gui.export_dialog import ExportDialog
from readinglist.gui.import_controller import ImportController, local_paths
from readinglist.gui.lookup import LookupController
from readinglist.gui.note_editor import NoteEditor
from readinglist.gui.paper_links import PaperLinks
from readinglist.gui.paper_model import (
    ADDED,
    COLUMNS,
    RATING,
    TITLE,
)
from readinglist.gui.paper_table import PaperTable
from readinglist.gui.plain_text import get_text, message_box
from readinglist.gui.preview import PreviewPane
from readinglist.gui.search_controller import NEW_IN_LAST_IMPORT, SearchController
from readinglist.gui.smart_lists import SmartListPanel
from readinglist.gui.star_delegate import StarDelegate
from readinglist.gui.table_columns import fit_tags, restore_sort, set_up_columns
from readinglist.gui.tag_panel import TagPanel
from readinglist.gui.theme import apply_action_icons
from readinglist.gui.triage_ui import DiscoverUI

RESTORE_WAIT_SECONDS = 5  # for another process's import; the window must not hang longer
WATCH_MS = 2000
DAILY_BACKUP_DELAY_MS = 5000
DUPLICATE_SCAN_DELAY_MS = 3000


class MainWindow(QMainWindow):
    import_finished = Signal(object)  # ImportReport, or None when cancelled or failed
    search_applied = Signal(str)
    duplicates_scanned = Signal(int)
    backup_failed = Signal(str)  # from the daily backup's thread

    def __init__(self, library: Library, settings: QSettings) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.duplicate_scan: DuplicateScan | None = None
        self._rescan = False
        self.duplicates: list = []
        self.setWindowTitle("readinglist")
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)

        self.search = SearchController(library, self, self)
        self.model = self.search.model
        self.imports = ImportController(library, self)
        self.undo_stack = QUndoStack(self)
        self.annotator = Annotator(library, self, self.undo_stack)
        self._build_widgets()
        self._build_menus()
        self._connect_annotations()
        self._restore_settings()
        self._refresh_smart_lists()
        self.discover = DiscoverUI(self)  # inbox, triage, ranking, related, suggestions
        self.paper_links = PaperLinks(self)  # Open On, O, Copy BibTeX, authors in the preview
        self.lookup = LookupController(self)  # Paper > Look Up on arXiv
        self.search.selected_tags = self.tag_panel.selected_tags
        self.search.ranked_ids = self.discover.ranked_ids
        self.search.listed.connect(self._listed)  # once every widget exists
        self.backup_failed.connect(lambda message: self.statusBar().showMessage(message, 30000))
        self.reload()
        # Not at once: the scan's process would compete with the window's first paint.
        self.scan_timer = QTimer(self, singleShot=True, interval=DUPLICATE_SCAN_DELAY_MS)
        self.scan_timer.timeout.connect(self.scan_duplicates)
        self.scan_timer.start()
        # Changes by another process (a CLI import, say) show up here without a restart.
        self._data_version = library.data_version()
        self.watch_timer = QTimer(self, interval=WATCH_MS)
        self.watch_timer.timeout.connect(self.check_external_changes)
        self.watch_timer.start()
        self.backup_timer = QTimer(self, singleShot=True, interval=DAILY_BACKUP_DELAY_MS)
        self.backup_timer.timeout.connect(self._daily_backup)
        self.backup_timer.start()
        self.discover.controller.library_changed()  # bring the ranking up to date, later

    # -- construction -----------------------------------------------------------

    def _build_widgets(self) -> None:
        self.search_field = self.search.field
        self.search_field.leave_down.connect(self._search_to_table)
        self.search.leave_to_table.connect(lambda: self.table.setFocus())
        self.search_error = self.search.error_label

        self.table = PaperTable()
        self.table.setModel(self.model)
        # Sorted newest first until the user picks a column (table_columns.restore_sort).
        self.table.horizontalHeader().setSortIndicatorShown(True)
        self.table.setSortingEnabled(True)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        set_up_columns(self.table)  # the title takes the free width; "Added" starts hidden
        header.setSectionHidden(ADDED, True)
        for column in range(ADDED + 1, len(COLUMNS)):  # Authors, Year, arXiv: header menu
            header.setSectionHidden(column, True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        self.table.selectionModel().selectionChanged.connect(self._show_current)
        self.stars = StarDelegate(self.table)
        self.table.setItemDelegateForColumn(RATING, self.stars)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)

        self.preview = PreviewPane()
        self.table.preview_requested.connect(self.preview.setFocus)
        self.annotation_bar = AnnotationBar()
        self.note_editor = NoteEditor()
        self.note_preview_timer = QTimer(self, singleShot=True, interval=250)
        self.note_preview_timer.timeout.connect(self._preview_draft_note)
        self.note_editor.textChanged.connect(self.note_preview_timer.start)
        self.tag_panel = TagPanel()
        self.smart_lists = SmartListPanel()
        self.duplicates_entry = QPushButton("Possible duplicates", objectName="duplicatesEntry")
        self.duplicates_entry.setFlat(True)
        self.duplicates_entry.setStyleSheet("text-align: left; padding: 4px")
        self.duplicates_entry.clicked.connect(self.open_duplicates)
        sidebar = QSplitter(Qt.Orientation.Vertical, objectName="sidebar")
        for title, panel in (("Smart lists", self.smart_lists), ("Tags", self.tag_panel)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(6, 6, 0, 0)
            box_layout.addWidget(QLabel(f"<b>{title}</b>"))
            box_layout.addWidget(panel)
            if panel is self.smart_lists:
                box_layout.addWidget(self.duplicates_entry)
            sidebar.addWidget(box)
        sidebar.setSizes([160, 600])

        center = QWidget()
        layout = QVBoxLayout(center)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addWidget(self.search_field)
        layout.addWidget(self.search_error)
        layout.addWidget(self.search.hint)
        layout.addWidget(self.table)
        editor_box = QWidget()
        editor_layout = QVBoxLayout(editor_box)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.annotation_bar)
        editor_layout.addWidget(self.note_editor)
        self.right_splitter = QSplitter(Qt.Orientation.Vertical, objectName="previewSplitter")
        self.right_splitter.addWidget(self.preview)
        self.right_splitter.addWidget(editor_box)
        self.right_splitter.setSizes([560, 200])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        self.splitter.addWidget(sidebar)
        self.splitter.addWidget(center)
        self.splitter.addWidget(self.right_splitter)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([150, 730, 400])  # the table's titles get the most room
        self.setCentralWidget(self.splitter)

        for widget in (self.imports.progress, self.imports.cancel_button, self.search.count_label):
            self.statusBar().addPermanentWidget(widget)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        imports = self.imports
        import_action = self._action(
            file_menu, "&Import Digests…", imports.choose_files, QKeySequence.StandardKey.Open
        )
        imports.running_changed.connect(lambda running: import_action.setEnabled(not running))
        self._action(file_menu, "Import &Folder…", imports.choose_folder)
        report_action = self._action(
            file_menu, "Last Import &Report…", imports.show_report, "Ctrl+I"
        )
        report_action.setEnabled(False)
        imports.report_ready.connect(lambda: report_action.setEnabled(True))
        imports.message.connect(self.statusBar().showMessage)
        imports.imported.connect(self._imported)
        self._action(file_menu, "&Export…", self.open_export, "Ctrl+E")
        file_menu.addSeparator()
        self._action(file_menu, "&Back Up Now", self.back_up_now)
        self._action(file_menu, "Restore &Backup…", self.ask_restore_backup)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts([QKeySequence.StandardKey.Undo, QKeySequence("Ctrl+Z")])
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        self._action(edit_menu, "&Copy as Markdown", self.copy_selection_markdown, "Ctrl+Shift+C")
        self._action(edit_menu, "&Find", self.search.focus, QKeySequence.StandardKey.Find)
        self._action(edit_menu, "&Save Search as Smart List…", self.ask_save_search, "Ctrl+Shift+S")
        self._action(
            edit_menu, "Select &All", self.table.selectAll, QKeySequence.StandardKey.SelectAll
        )

        self.paper_menu = self.menuBar().addMenu("&Paper")
        self._fill_paper_menu(self.paper_menu)

        tools_menu = self.menuBar().addMenu("&Tools")
        self._action(tools_menu, "Possible &Duplicates…", self.open_duplicates, "Ctrl+Shift+D")
        self._action(tools_menu, "&Insights…", self.open_insights, "Ctrl+Shift+I")

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(palette_action(self))  # Ctrl+K, Ctrl+Shift+P
        self._action(
            view_menu,
            "&New in Last Import",
            lambda: self.search_field.setText(NEW_IN_LAST_IMPORT),
            "Ctrl+Shift+N",
        )
        self._action(view_menu, "&All Papers", self.search_field.clear, "Ctrl+Shift+A")

        help_menu = self.menuBar().addMenu("&Help")
        self._action(help_menu, "&About readinglist", self.about)
        apply_action_icons(self, [a.menu() for a in self.menuBar().actions() if a.menu()])

    def _fill_paper_menu(self, menu: QMenu) -> None:
        """Paper actions; the single-key ones (\t label) act when the table has focus."""
        self._action(menu, "Add &Tags…\tT", self.ask_add_tags, "Ctrl+T")
        self._action(menu, "&Remove Tags…", self.ask_remove_tags, "Ctrl+Shift+T")
        self._action(menu, "Edit &Note\tN", self.note_editor.setFocus)
        rate = menu.addMenu("R&ate")
        for rating in range(5, -1, -1):
            label = "★" * rating + "☆" * (5 - rating) if rating else "Clear rating"
            self._action(
                rate, f"{label}\t{rating}", lambda _=False, r=rating: self.rate_selected(r)
            )
        status = menu.addMenu("&Status")
        for name in STATUSES:
            self._action(
                status,
                f"Mark {name.capitalize()}",
                lambda _=False, n=name: self.annotator.set_status(self.selected_ids(), n),
            )
        self._action(status, "Cycle Status\tS", self.cycle_status_selected)
        menu.addSeparator()
        self._action(menu, "&Delete…\tDel", self.ask_delete_selected)

    def _action(self, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _connect_annotations(self) -> None:
        self.table.rating_requested.connect(self.rate_selected)
        self.table.status_cycle_requested.connect(self.cycle_status_selected)
        self.table.tags_requested.connect(self.ask_add_tags)
        self.table.delete_requested.connect(self.ask_delete_selected)
        self.table.note_requested.connect(self.note_editor.setFocus)
        self.note_editor.escaped.connect(self.table.setFocus)
        self.stars.rating_clicked.connect(
            lambda row, rating: self.annotator.set_rating([self.model.paper_id(row)], rating)
        )
        self.annotation_bar.rating_chosen.connect(self.rate_selected)
        self.annotation_bar.status_chosen.connect(
            lambda status: self.annotator.set_status(self.selected_ids(), status)
        )
        self.note_editor.save_requested.connect(self.annotator.save_note)
        self.note_editor.session_ended.connect(self.annotator.end_note_session)
        self.tag_panel.tags_selected.connect(lambda _: self.apply_search())
        self.smart_lists.search_chosen.connect(self.run_search)
        self.smart_lists.rename_requested.connect(self.ask_rename_smart_list)
        self.smart_lists.delete_requested.connect(self.delete_smart_list)
        self.tag_panel.rename_requested.connect(
            lambda name: self.annotator.ask_rename_tag(self, name)
        )
        self.tag_panel.delete_requested.connect(
            lambda name: self.annotator.ask_delete_tag(self, name)
        )

    # -- annotation actions on the selection ---------------------------------------------

    def rate_selected(self, rating: int) -> None:
        self.annotator.set_rating(self.selected_ids(), rating)

    def cycle_status_selected(self) -> None:
        self.annotator.cycle_status(self.selected_ids())

    def ask_add_tags(self):
        return self.annotator.ask_add_tags(self, self.selected_ids())

    def ask_remove_tags(self):
        return self.annotator.ask_remove_tags(self, self.selected_ids())

    def ask_delete_selected(self) -> None:
        self.annotator.ask_delete_papers(self, self.selected_ids())

    def _table_menu(self, position) -> None:
        if self.selected_ids():
            menu = QMenu(self)
            self._fill_paper_menu(menu)
            self.paper_links.fill_menu(menu)
            menu.exec(self.table.viewport().mapToGlobal(position))

    # -- what commands tell the window (commands.View) ------------------------------------

    def papers_changed(self, ids: list[int]) -> None:
        self.discover.library_changed()
        self.model.refresh_papers(ids)
        self._refresh_tags()
        if set(ids) & set(self.selected_ids()[:1]):
            self._show_current()

    def reload(self) -> None:
        self.search.reload()

    def _listed(self) -> None:
        self._refresh_tags()
        self._show_current()

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        box = message_box(QMessageBox.Icon.Warning, "readinglist", message, parent=self)
        box.setObjectName("errorMessage")
        box.open()

    def _refresh_tags(self) -> None:
        tags = self.library.tags()
        self.tag_panel.set_tags(tags, self.library.total())
        fit_tags(self.table, [name for name, _ in tags])

    # -- other writers, backups ---------------------------------------------------------

    def check_external_changes(self) -> bool:
        version = self.library.data_version()
        if version == self._data_version or self.imports.running:
            return False
        self._data_version = version
        self.discover.library_changed()
        self.reload()
        self._refresh_smart_lists()
        self.statusBar().showMessage("Updated with changes made outside this window", 5000)
        return True

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.check_external_changes()
        super().changeEvent(event)

    def _daily_backup(self) -> None:
        """`readinglist backup --daily` in a niced child process: no CPU taken from typing."""
        process = low_priority_process(self, ["backup", "--daily", "--db", str(self.library.path)])

        def ended(code: int, status: QProcess.ExitStatus) -> None:
            if code != 0 or status != QProcess.ExitStatus.NormalExit:
                error = bytes(process.readAllStandardError()).decode("utf-8", "replace")
                text = error.strip().removeprefix("readinglist: ") or f"it stopped (code {code})"
                self.backup_failed.emit(f"The daily backup failed: {text}. Your edits are saved.")
            process.deleteLater()

        process.finished.connect(ended)
        process.start()
        self.daily_backup_process = process

    def back_up_now(self) -> None:
        try:
            made = self.library.backup()
        except Exception as exc:  # noqa: BLE001 - the policy: one sentence, the log
            self.show_error(problem_text(exc, "the backup", self.library.path))
            return
        self.statusBar().showMessage(f"Backed up to {made.path}", 10000)

    def ask_restore_backup(self) -> None:
        backups = self.library.backups()
        if not backups:
            self.show_error(f"No backups yet in {self.library.path.parent / 'backups'}.")
            return
        labels = [b.describe() for b in backups]
        label, ok = QInputDialog.getItem(
            self, "Restore Backup", "Replace the library with the backup of:", labels, 0, False
        )
        if ok:
            self.restore_backup(backups[labels.index(label)].path)

    def restore_backup(self, path: Path) -> None:
        """Replace the library with a backup; the current state is backed up first."""
        if self.imports.running:  # the restore would wait for it on the GUI thread
            self.show_error("An import is running: restore once it is done, or cancel it first.")
            return
        self.note_editor.save()
        try:
            safety = self.library.restore(path, wait=RESTORE_WAIT_SECONDS)
        except LibraryError as exc:
            self.show_error(str(exc))
            return
        except Exception as exc:  # noqa: BLE001
            self.show_error(problem_text(exc, "the restore", self.library.path))
            return
        self.undo_stack.clear()  # the undo history belongs to the replaced library
        self._data_version = self.library.data_version()
        self.reload()
        self._refresh_smart_lists()
        self.scan_duplicates()
        self.statusBar().showMessage(
            f"Restored {path.name}; the library as it was is in {safety.path}", 15000
        )

    # -- near-duplicates --------------------------------------------------------------------

    def scan_duplicates(self) -> None:
        """Count possible duplicates in the background for the sidebar entry."""
        if self.duplicate_scan is not None:
            self._rescan = True  # the library changed during this scan: run another after
            return
        self.duplicate_scan = DuplicateScan(self.library.path, self)
        self.duplicate_scan.found.connect(self._duplicates_found)
        self.duplicate_scan.failed.connect(self._duplicate_scan_failed)
        self.duplicate_scan.finished.connect(self._duplicate_scan_ended)
        self.duplicate_scan.start()

    def _duplicates_found(self, candidates: list) -> None:
        self.duplicates = candidates
        self.duplicates_entry.setText(f"Possible duplicates ({len(candidates)})")
        self.duplicates_scanned.emit(len(candidates))

    def _duplicate_scan_failed(self, message: str) -> None:
        reason = message.removeprefix("readinglist: ").removeprefix("dupes failed: ")
        self.statusBar().showMessage(f"Possible duplicates could not be counted: {reason}", 30000)

    def _duplicate_scan_ended(self) -> None:
        self.duplicate_scan.deleteLater()
        self.duplicate_scan = None
        if self._rescan:
            self._rescan = False
            self.scan_duplicates()

    def open_insights(self):
        from readinglist.gui.insights_view import open_insights  # QtCharts: not at start-up

        return open_insights(self)

    def open_duplicates(self) -> DuplicatesDialog:
        dialog = DuplicatesDialog(self.library, self.duplicates, self.annotator, self)
        dialog.finished.connect(lambda _: self.scan_duplicates())
        dialog.open()
        return dialog

    # -- export ---------------------------------------------------------------------------

    def open_export(self) -> ExportDialog:
        dialog = ExportDialog(
            self.library, self.selected_ids(), self.search.query or parse(""), self
        )
        dialog.open()
        return dialog

    def copy_selection_markdown(self) -> None:
        """The selected papers as Markdown on the clipboard, to paste into a chat or notes."""
        ids = self.selected_ids()
        if not ids:
            return
        text = export_markdown(self.library.papers(ids), ExportOptions(), f"{len(ids)} selected")
        QGuiApplication.clipboard().setText(text)
        self.statusBar().showMessage(f"Copied {len(ids)} paper(s) as Markdown", 5000)

    # -- smart lists -------------------------------------------------------------------

    def _refresh_smart_lists(self) -> None:
        self.smart_lists.set_searches(self.library.saved_searches())

    def run_search(self, text: str) -> None:
        self.search.run(text)

    def save_search(self, name: str) -> None:
        try:
            self.library.save_search(name, self.search_field.text())
        except (LibraryError, QueryError) as exc:
            self.show_error(f"Cannot save the search: {exc}")
            return
        self._refresh_smart_lists()
        self.statusBar().showMessage(f"Saved smart list “{name}”", 5000)

    def ask_save_search(self) -> None:
        name, ok = get_text(
            self, "Save Smart List", f"Name for the search “{self.search_field.text()}”:"
        )
        if ok and name.strip():
            self.save_search(name.strip())

    def ask_rename_smart_list(self, name: str) -> None:
        new, ok = QInputDialog.getText(self, "Rename Smart List", "New name:", text=name)
        if ok and new.strip():
            self.rename_smart_list(name, new.strip())

    def rename_smart_list(self, old: str, new: str) -> None:
        try:
            self.library.rename_saved_search(old, new)
        except LibraryError as exc:
            self.show_error(str(exc))
        self._refresh_smart_lists()

    def delete_smart_list(self, name: str) -> None:
        self.library.delete_saved_search(name)
        self._refresh_smart_lists()

    # -- search -------------------------------------------------------------------

    def apply_search(self) -> None:
        self.search.apply()

    def _search_to_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.select_rows([0])

    # -- selection and preview -------------------------------------------------------

    def selected_ids(self) -> list[int]:
        # By ranges, not by index: selecting 100,000 rows reads their ids in a few queries.
        ranges = self.table.selectionModel().selection()
        return self.model.ids_at(sorted({(r.top(), r.bottom()) for r in ranges}))

    def select_rows(self, rows: list[int]) -> None:
        selection = self.table.selectionModel()
        wanted = QItemSelection()
        for first, last in _runs(sorted(rows)):
            wanted.select(self.model.index(first, 0), self.model.index(last, 0))
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect
        selection.select(wanted, flags | QItemSelectionModel.SelectionFlag.Rows)
        if rows:
            selection.setCurrentIndex(
                self.model.index(rows[0], 0), QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.table.scrollTo(self.model.index(rows[0], 0))

    def select_ids(self, ids: list[int]) -> None:
        rows = [row for row in map(self.model.row_of, ids) if row is not None]
        self.select_rows(rows)

    def _show_current(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.note_editor.load(None, "")
            self.annotation_bar.clear()  # no paper: no stars or status that read as its own
            self.preview.show_hint(empty_library=self.model.total == 0)
            return
        paper = self.library.paper(ids[0])
        self.preview.show_paper(paper, self.model.query.words)
        self.annotation_bar.show_values(paper.rating, paper.status)
        if not (self.note_editor.hasFocus() and self.note_editor.paper_id == paper.id):
            self.note_editor.load(paper.id, paper.note)

    def _preview_draft_note(self) -> None:
        """The live rendered view: the preview shows the note as it is being typed."""
        paper = self.preview.paper
        if self.note_editor.too_long:
            return  # the editor does not hold this note: the preview keeps showing it
        if paper and paper.id == self.note_editor.paper_id:
            paper.note = self.note_editor.toPlainText()
            self.preview.show_paper(paper, self.model.query.words)

    # -- import --------------------------------------------------------------------

    def import_paths(self, paths: list[str]) -> None:
        self.imports.import_paths(paths)

    def _imported(self, report: ImportReport) -> None:
        if report.added:
            self.search.show_new_papers()
        else:
            self.reload()
        self.scan_duplicates()
        self.discover.library_changed()

    # -- drag and drop ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- columns, settings, about ------------------------------------------------------

    def _column_menu(self, position) -> None:
        header = self.table.horizontalHeader()
        menu = QMenu(self)
        for column, spec in enumerate(COLUMNS):
            if column == TITLE:
                continue
            action = menu.addAction(spec.title)
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(column))
            action.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
        menu.exec(header.mapToGlobal(position))

    def _restore_settings(self) -> None:
        for key, restore in (
            ("window/geometry", self.restoreGeometry),
            ("window/splitter", self.splitter.restoreState),
            ("table/header", self.table.horizontalHeader().restoreState),
        ):
            value = self.settings.value(key)
            if isinstance(value, QByteArray | bytes):
                restore(value)
        set_up_columns(self.table)  # a saved header state brings old widths and modes back
        restore_sort(self.table, self.model, self.settings)

    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.setValue("window/previewSplitter", self.right_splitter.saveState())
        self.settings.setValue("table/header", self.table.horizontalHeader().saveState())
        self.settings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802
        self.model.stop()
        self.annotator.stop()
        self.scan_timer.stop()
        self.watch_timer.stop()
        self.backup_timer.stop()
        self.discover.stop()
        self.lookup.stop()
        self.note_editor.save()
        if self.duplicate_scan:
            self.duplicate_scan.stop()
        self.imports.stop()
        self.save_settings()
        super().closeEvent(event)

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About readinglist",
            f"<h3>readinglist {__version__}</h3>"
            "<p>A reading-list manager for research papers from paper digests.</p>"
            f"<p>Library: {html.escape(str(self.library.path))}</p>",
        )


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, last) runs of consecutive rows."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and row <= runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], max(row, runs[-1][1]))
        else:
            runs.append((row, row))
    return runs
