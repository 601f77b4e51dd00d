"""Paper > Look Up on arXiv: asks arXiv in a worker thread, with progress and Cancel.

Opt-in: nothing is sent until the user chooses the action, and the first time a
dialog says what is sent where (the titles, to the arXiv API) before anything is.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QMessageBox, QProgressBar, QPushButton

from readinglist.core.library import Library
from readinglist.core.metadata.arxiv import ArxivClient, endpoint
from readinglist.core.metadata.lookup import look_up
from readinglist.gui.error_policy import problem_text

if TYPE_CHECKING:
    from readinglist.gui.main_window import MainWindow

CONSENT_SETTING = "arxiv/asked_before"
EXPLANATION = (
    "<p>Looking papers up sends their <b>titles</b> to the arXiv API ({url}) and nothing "
    "else; nothing was sent before you asked.</p>"
    "<p>arXiv asks for one request every three seconds, so ten titles go per request: "
    "about three seconds per ten papers. Only certain matches are kept (same title, or "
    "a near title with the same abstract); the rest stay as they are.</p>"
    "<p>Found: arXiv id, authors, date, category, PDF and DOI, kept in the library. "
    "You can cancel at any time; what was found is kept and the next look-up goes on.</p>"
)


class LookupWorker(QThread):
    progressed = Signal(int, int, str)
    ended = Signal(object)  # LookupReport
    failed = Signal(str)

    def __init__(self, library_path: Path, ids: list[int] | None, parent=None) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self.ids = ids
        self.client = ArxivClient()

    def cancel(self) -> None:
        self.client.stop.set()

    def run(self) -> None:
        try:
            with Library(self.library_path) as library:
                report = look_up(library, self.ids, self.client, progress=self.progressed.emit)
        except Exception as exc:  # noqa: BLE001 - the window reports it, never dies silently
            self.failed.emit(problem_text(exc, "the arXiv look-up", self.library_path))
        else:
            self.ended.emit(report)


class LookupController(QObject):
    finished = Signal(object)  # LookupReport, for tests and scripts

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.worker: LookupWorker | None = None
        menu = window.paper_menu
        menu.addSeparator()
        selected = menu.addAction("Look &Up on arXiv")
        selected.setObjectName("lookUpSelected")
        selected.triggered.connect(lambda: self.start(window.selected_ids()))
        everything = menu.addAction("Look Up Whole Library on arXiv…")
        everything.setObjectName("lookUpAll")
        everything.triggered.connect(lambda: self.start(None))
        self.progress = QProgressBar(objectName="lookupProgress", maximumWidth=200)
        self.cancel_button = QPushButton("Cancel Look-Up", objectName="cancelLookup")
        self.cancel_button.clicked.connect(self.cancel)
        window.statusBar().addPermanentWidget(self.progress)
        window.statusBar().addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def consented(self) -> bool:
        """The first look-up explains what is sent; later ones just run."""
        settings = self.window.settings
        if settings.value(CONSENT_SETTING, False, type=bool):
            return True
        box = QMessageBox(self.window)
        box.setObjectName("lookupExplanation")
        box.setWindowTitle("Look Up on arXiv")
        box.setText(EXPLANATION.format(url=endpoint()))
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText("Look Up")
        if box.exec() != QMessageBox.StandardButton.Ok:
            return False
        settings.setValue(CONSENT_SETTING, True)
        return True

    def start(self, ids: list[int] | None) -> None:
        if self.worker is not None or (ids is not None and not ids):
            return
        if not self.consented():
            return
        self.worker = LookupWorker(self.window.library.path, ids, self)
        self.worker.progressed.connect(self._progressed)
        self.worker.ended.connect(self._ended)
        self.worker.failed.connect(self._failed)
        self.worker.finished.connect(self.worker.deleteLater)  # parented: lives until then
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.window.statusBar().showMessage("Asking arXiv…")
        self.worker.start()

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.cancel()
            self.window.statusBar().showMessage("Cancelling the look-up…")

    def stop(self) -> None:
        """The window closes: cancel, and wait for the request in flight (30 s at most)."""
        if self.worker is not None:
            self.worker.cancel()
            self.worker.wait()

    def _progressed(self, done: int, total: int, label: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if label:
            self.window.statusBar().showMessage(f"Asking arXiv ({done} of {total})… {label[:60]}")

    def _ended(self, report) -> None:
        self._done()
        self.window.statusBar().showMessage(report.summary(), 30000)
        changed = list(report.outcomes)
        if changed:
            self.window.model.refresh_papers(changed)
            self.window.show_current()  # the preview shows the new authors
        self.finished.emit(report)

    def _failed(self, message: str) -> None:
        self._done()
        self.window.statusBar().showMessage(message, 30000)

    def _done(self) -> None:
        """The look-up's answer is in: a new one may start (this thread ends by itself)."""
        self.progress.hide()
        self.cancel_button.hide()
        self.worker = None
