"""Imports from the window: file and folder choosers, drops, progress, Cancel, reports.

One import at a time runs in an ImportWorker (its own connection). The
controller owns the worker, the status bar's progress bar and Cancel button,
and the last report; the window lists the new papers when ``imported`` says so.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressBar, QPushButton, QWidget

from readinglist.core.library import ImportReport, Library
from readinglist.core.wording import plural
from readinglist.gui.import_report import ImportReportDialog
from readinglist.gui.import_worker import ImportWorker
from readinglist.gui.plain_text import message_box


class ImportController(QObject):
    running_changed = Signal(bool)
    imported = Signal(object)  # ImportReport: the window lists and scans what came in
    finished = Signal(object)  # ImportReport, or None when cancelled or failed; last of all
    report_ready = Signal()  # File > Last Import Report has something to show
    message = Signal(str, int)  # status bar text, milliseconds (0: until replaced)

    def __init__(self, library: Library, window: QWidget) -> None:
        super().__init__(window)
        self.library = library
        self.window = window  # the dialogs' parent
        self.worker: ImportWorker | None = None
        self.last_report: ImportReport | None = None
        self.progress = QProgressBar(objectName="importProgress", maximumWidth=240)
        self.cancel_button = QPushButton("Cancel", objectName="cancelImport")
        self.cancel_button.clicked.connect(self.cancel)
        self.progress.hide()
        self.cancel_button.hide()

    @property
    def running(self) -> bool:
        return self.worker is not None

    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self.window, "Import digests", str(Path.home()), "Digest dumps (*.txt);;All files (*)"
        )
        if files:
            self.import_paths(files)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Import a folder of digests")
        if folder:
            self.import_paths([folder])

    def import_paths(self, paths: list[str]) -> None:
        if self.worker is not None:
            self.message.emit("An import is already running; wait or cancel it.", 5000)
            return
        self.worker = ImportWorker(self.library.path, list(paths), self)
        self.worker.progressed.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.cancelled.connect(self._cancelled)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self._ended)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.running_changed.emit(True)
        self.message.emit(f"Importing {plural(len(paths), 'item')}…", 0)
        self.worker.start()

    def cancel(self) -> None:
        if self.worker:
            self.worker.cancel()
            self.message.emit("Cancelling the import…", 0)

    def stop(self) -> None:
        """Cancel a running import and wait for its thread (the window is closing)."""
        if self.worker:
            self.worker.cancel()
            self.worker.wait()

    def show_report(self) -> None:
        if self.last_report:
            ImportReportDialog(self.last_report, self.window).open()

    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        percent = 100 * done // max(total, 1)
        self.message.emit(f"Importing {Path(label).name}… {percent}%", 0)

    def _succeeded(self, report: ImportReport) -> None:
        self.last_report = report
        self.report_ready.emit()
        text = f"Import done: {report.added} added, {report.known} already known"
        if report.warnings:
            text += f", {plural(len(report.warnings), 'warning')}"
        if report.errors:
            text += f", {plural(len(report.errors), 'file')} refused"
        self.message.emit(text + "  (File > Last Import Report, Ctrl+I)", 15000)
        self.imported.emit(report)
        if report.errors:
            self.show_report()
        self.finished.emit(report)

    def _cancelled(self) -> None:
        self.message.emit("Import cancelled: nothing was added.", 10000)
        self.finished.emit(None)

    def _failed(self, text: str) -> None:
        self.message.emit("Import failed: nothing was added.", 10000)
        box = message_box(QMessageBox.Icon.Warning, "Import failed", text, parent=self.window)
        box.setObjectName("importFailed")
        box.open()
        self.finished.emit(None)

    def _ended(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        assert self.worker is not None
        self.worker.deleteLater()
        self.worker = None
        self.running_changed.emit(False)


def local_paths(mime: QMimeData) -> list[str]:
    """The local files and folders of a drop (links to web pages are not imported)."""
    if not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
