"""The main window: the layout, the menus, and the wiring between the rooms.

Each concern lives in its own object with its own signals; the window builds
them, places their widgets and connects them:

- search: SearchController (field, debounce, spelling help, the PaperModel)
- imports: ImportController (choosers, drops, progress, Cancel, reports)
- duplicates: DuplicatesController (background count, review dialog)
- backups: BackupController (daily, Back Up Now, Restore)
- smart lists: SmartListController (save, rename, delete)
- paper_actions: PaperActions (the Paper menu and its keys on the selection)
- reading: ReadingPane (preview, stars, status, note editor)
- watch: LibraryWatch (changes committed by another process)
- every write: Operations (``ops``), undoable where an undo means something
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from readinglist import __version__
from readinglist.core.library import ImportReport, Library
from readinglist.core.query import everything
from readinglist.gui.actions import add_action
from readinglist.gui.backup_controller import BackupController
from readinglist.gui.command_palette import palette_action
from readinglist.gui.duplicates_controller import DuplicatesController
from readinglist.gui.export_dialog import ExportDialog
from readinglist.gui.import_controller import ImportController, local_paths
from readinglist.gui.library_watch import LibraryWatch
from readinglist.gui.lookup import LookupController
from readinglist.gui.operations import Operations
from readinglist.gui.paper_actions import PaperActions
from readinglist.gui.paper_links import PaperLinks
from readinglist.gui.paper_model import RATING
from readinglist.gui.paper_table import PaperTable
from readinglist.gui.plain_text import message_box
from readinglist.gui.reading_pane import ReadingPane
from readinglist.gui.search_controller import NEW_IN_LAST_IMPORT, SearchController
from readinglist.gui.smart_list_controller import SmartListController
from readinglist.gui.smart_lists import SmartListPanel
from readinglist.gui.star_delegate import StarDelegate
from readinglist.gui.table_columns import fit_tags, set_up_header
from readinglist.gui.tag_panel import TagPanel
from readinglist.gui.theme import apply_action_icons
from readinglist.gui.triage_ui import DiscoverUI
from readinglist.gui.window_layout import restore_layout, save_layout


class MainWindow(QMainWindow):
    def __init__(self, library: Library, settings: QSettings) -> None:
        super().__init__()
        self.library = library
        self.settings = settings
        self.setWindowTitle("readinglist")
        self.setObjectName("mainWindow")
        self.setAcceptDrops(True)

        self.undo_stack = QUndoStack(self)
        self.ops = Operations(library, self, self.undo_stack)
        self.annotator = self.ops.annotate
        self.search = SearchController(library, self, self)
        self.model = self.search.model
        self.imports = ImportController(library, self)
        self.duplicates = DuplicatesController(library, self.ops, self)
        self.backups = BackupController(library, self.ops, lambda: self.imports.running, self)
        self.watch = LibraryWatch(library, lambda: self.imports.running, self)
        self._build_widgets()
        self.smart_list_control = SmartListController(
            library, self.ops, self.smart_lists, self.search_field.text, self
        )
        self.paper_actions = PaperActions(self)  # tags, rating, status, note, delete
        self._build_menus()
        self._connect()
        restore_layout(settings, self, self.table, self.model, self._splitters())
        self.smart_list_control.refresh()
        self.discover = DiscoverUI(self)  # inbox, triage, ranking, related, suggestions
        self.paper_links = PaperLinks(self)  # Open On, O, Copy BibTeX, authors in the preview
        self.lookup = LookupController(self)  # Paper > Look Up on arXiv
        self.search.selected_tags = self.tag_panel.selected_tags
        self.search.ranked_ids = self.discover.ranked_ids
        self.search.listed.connect(self._listed)  # once every widget exists
        self.reload()
        self.discover.controller.library_changed()  # bring the ranking up to date, later

    # -- construction -----------------------------------------------------------

    def _build_widgets(self) -> None:
        self.search_field = self.search.field
        self.search_error = self.search.error_label
        self.table = PaperTable()
        self.table.setModel(self.model)
        set_up_header(self.table)  # sortable, movable; the title takes the free width
        self.stars = StarDelegate(self.table)
        self.table.setItemDelegateForColumn(RATING, self.stars)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reading = ReadingPane(self.library)  # the preview over stars, status and note
        self.preview = self.reading.preview
        self.annotation_bar = self.reading.annotation_bar
        self.note_editor = self.reading.note_editor
        self.tag_panel = TagPanel()
        self.smart_lists = SmartListPanel()

        sidebar = QSplitter(Qt.Orientation.Vertical, objectName="sidebar")
        for title, panel in (("Smart lists", self.smart_lists), ("Tags", self.tag_panel)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(6, 6, 0, 0)
            box_layout.addWidget(QLabel(f"<b>{title}</b>"))
            box_layout.addWidget(panel)
            if panel is self.smart_lists:
                box_layout.addWidget(self.duplicates.entry)
            sidebar.addWidget(box)
        sidebar.setSizes([160, 600])
        center = _column(self.search_field, self.search_error, self.search.hint, self.table)
        center.layout().setContentsMargins(0, 6, 0, 0)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, objectName="mainSplitter")
        for part in (sidebar, center, self.reading):
            self.splitter.addWidget(part)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setSizes([150, 730, 400])  # the table's titles get the most room
        self.setCentralWidget(self.splitter)
        for widget in (self.imports.progress, self.imports.cancel_button, self.search.count_label):
            self.statusBar().addPermanentWidget(widget)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        imports = self.imports
        import_action = add_action(
            self, file_menu, "&Import Digests…", imports.choose_files, QKeySequence.StandardKey.Open
        )
        imports.running_changed.connect(lambda running: import_action.setEnabled(not running))
        add_action(self, file_menu, "Import &Folder…", imports.choose_folder)
        report_action = add_action(
            self, file_menu, "Last Import &Report…", imports.show_report, "Ctrl+I"
        )
        report_action.setEnabled(False)
        imports.report_ready.connect(lambda: report_action.setEnabled(True))
        add_action(self, file_menu, "&Export…", self.open_export, "Ctrl+E")
        file_menu.addSeparator()
        add_action(self, file_menu, "&Back Up Now", self.backups.back_up_now)
        add_action(self, file_menu, "Restore &Backup…", self.backups.ask_restore)
        file_menu.addSeparator()
        add_action(self, file_menu, "&Quit", self.close, QKeySequence.StandardKey.Quit)

        edit_menu = self.menuBar().addMenu("&Edit")
        undo = self.undo_stack.createUndoAction(self, "&Undo")
        undo.setShortcuts([QKeySequence.StandardKey.Undo, QKeySequence("Ctrl+Z")])
        redo = self.undo_stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence.StandardKey.Redo])
        edit_menu.addActions([undo, redo])
        edit_menu.addSeparator()
        add_action(
            self, edit_menu, "&Copy as Markdown", self.paper_actions.copy_markdown, "Ctrl+Shift+C"
        )
        add_action(self, edit_menu, "&Find", self.search.focus, QKeySequence.StandardKey.Find)
        add_action(
            self,
            edit_menu,
            "&Save Search as Smart List…",
            self.smart_list_control.ask_save,
            "Ctrl+Shift+S",
        )
        add_action(
            self, edit_menu, "Select &All", self.table.selectAll, QKeySequence.StandardKey.SelectAll
        )

        self.paper_menu = self.menuBar().addMenu("&Paper")
        self.paper_actions.fill_menu(self.paper_menu)

        tools_menu = self.menuBar().addMenu("&Tools")
        add_action(
            self, tools_menu, "Possible &Duplicates…", self.duplicates.open_dialog, "Ctrl+Shift+D"
        )
        add_action(self, tools_menu, "&Insights…", self.open_insights, "Ctrl+Shift+I")

        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(palette_action(self))  # Ctrl+K, Ctrl+Shift+P
        add_action(
            self,
            view_menu,
            "&New in Last Import",
            lambda: self.search_field.setText(NEW_IN_LAST_IMPORT),
            "Ctrl+Shift+N",
        )
        add_action(self, view_menu, "&All Papers", self.search_field.clear, "Ctrl+Shift+A")

        help_menu = self.menuBar().addMenu("&Help")
        add_action(self, help_menu, "&About readinglist", self.about)
        apply_action_icons(self, [a.menu() for a in self.menuBar().actions() if a.menu()])

    def _connect(self) -> None:
        for room in (self.imports, self.duplicates, self.backups, self.smart_list_control):
            room.message.connect(self.statusBar().showMessage)
        self.imports.imported.connect(self._imported)
        # The import's commits come from its own connection: not news from outside.
        self.imports.running_changed.connect(lambda on: on or self.watch.forget_changes())
        self.watch.changed.connect(self._changed_outside)
        self.backups.about_to_restore.connect(self.note_editor.save)
        self.backups.restored.connect(self._restored)
        self.search_field.leave_down.connect(self._search_to_table)
        self.search.leave_to_table.connect(self.table.setFocus)
        self.table.selectionModel().selectionChanged.connect(self.show_current)
        self.table.preview_requested.connect(self.preview.setFocus)
        self.tag_panel.tags_selected.connect(lambda _: self.apply_search())
        self.smart_lists.search_chosen.connect(self.run_search)

    # -- what commands tell the window (commands.View) ------------------------------------

    def papers_changed(self, ids: list[int]) -> None:
        self.discover.library_changed()
        self.model.refresh_papers(ids)
        self._refresh_tags()
        if set(ids) & set(self.selected_ids()[:1]):
            self.show_current()

    def reload(self) -> None:
        self.search.reload()

    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)
        box = message_box(QMessageBox.Icon.Warning, "readinglist", message, parent=self)
        box.setObjectName("errorMessage")
        box.open()

    # -- what the rooms tell the window ---------------------------------------------------

    def _listed(self) -> None:
        self._refresh_tags()
        self.show_current()

    def _refresh_tags(self) -> None:
        tags = self.library.tags()
        self.tag_panel.set_tags(tags, self.library.total())
        fit_tags(self.table, [name for name, _ in tags])

    def _imported(self, report: ImportReport) -> None:
        if report.added:
            self.search.show_new_papers()
        else:
            self.reload()
        self.duplicates.start_scan()
        self.discover.library_changed()

    def _restored(self) -> None:
        self.watch.forget_changes()
        self.reload()
        self.smart_list_control.refresh()
        self.duplicates.start_scan()

    def _changed_outside(self) -> None:
        self.discover.library_changed()
        self.reload()
        self.smart_list_control.refresh()
        self.statusBar().showMessage("Updated with changes made outside this window", 5000)

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.watch.check()
        super().changeEvent(event)

    # -- the window's verbs, for the palette, the inbox, single-instance hand-off ------------

    def apply_search(self) -> None:
        self.search.apply()

    def run_search(self, text: str) -> None:
        self.search.run(text)

    def import_paths(self, paths: list[str]) -> None:
        self.imports.import_paths(paths)

    def selected_ids(self) -> list[int]:
        return self.table.selected_ids()

    def select_rows(self, rows: list[int]) -> None:
        self.table.select_rows(rows)

    def select_ids(self, ids: list[int], anywhere: bool = True) -> None:
        """Select papers wherever they are in the result, or only among the rows read."""
        if not anywhere:
            self.table.select_ids(ids)
            return
        rows = self.model.find_rows(ids)
        self.select_rows([rows[paper_id] for paper_id in ids if paper_id in rows])

    def _search_to_table(self) -> None:
        self.table.setFocus()
        if self.model.rowCount() and not self.table.selectionModel().hasSelection():
            self.select_rows([0])

    # -- preview ----------------------------------------------------------------------------

    def show_current(self) -> None:
        """The reading pane shows the first selected paper, or a hint."""
        ids = self.selected_ids()
        first = ids[0] if ids else None
        self.reading.show_paper(first, self.model.query.words, self.model.total == 0)

    # -- dialogs ----------------------------------------------------------------------------

    def open_insights(self):
        from readinglist.gui.insights_view import open_insights  # QtCharts: not at start-up

        return open_insights(self)

    def open_export(self) -> ExportDialog:
        query = self.search.query or everything()
        dialog = ExportDialog(self.library, self.selected_ids(), query, self)
        dialog.open()
        return dialog

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About readinglist",
            f"<h3>readinglist {__version__}</h3>"
            "<p>A reading-list manager for research papers from paper digests.</p>"
            f"<p>Library: {html.escape(str(self.library.path))}</p>",
        )

    # -- drag and drop, settings, closing ---------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt's name)
        if local_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = local_paths(event.mimeData())
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"window/splitter": self.splitter, "window/previewSplitter": self.reading}

    def closeEvent(self, event) -> None:  # noqa: N802
        self.model.stop()
        self.ops.stop()
        self.watch.stop()
        self.backups.stop()
        self.discover.stop()
        self.lookup.stop()
        self.note_editor.save()
        self.duplicates.stop()
        self.imports.stop()
        save_layout(self.settings, self, self.table, self._splitters())
        super().closeEvent(event)


def _column(*widgets: QWidget) -> QWidget:
    """Widgets stacked in a box with no margins."""
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    return box
