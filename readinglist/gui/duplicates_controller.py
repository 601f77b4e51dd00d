"""Possible duplicates: the background count for the sidebar entry and the review dialog.

The scan runs as a child process (DuplicateScan) a little after start-up and
after every import, restore or review; a change during a scan asks for one
more scan after it. Merges and "not duplicates" go through Operations.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QPushButton, QWidget

from readinglist.core.dedup import Candidate
from readinglist.core.library import Library
from readinglist.gui.duplicate_scan import DuplicateScan
from readinglist.gui.duplicates_dialog import DuplicatesDialog
from readinglist.gui.operations import Operations

FIRST_SCAN_DELAY_MS = 3000  # not at once: the scan would compete with the first paint


class DuplicatesController(QObject):
    message = Signal(str, int)  # status bar text, milliseconds

    def __init__(self, library: Library, operations: Operations, window: QWidget) -> None:
        super().__init__(window)
        self.library = library
        self.operations = operations
        self.window = window  # the dialog's parent
        self.scan: DuplicateScan | None = None
        self.candidates: list[Candidate] = []
        self._again = False
        self.entry = QPushButton("Possible duplicates", objectName="duplicatesEntry")
        self.entry.setFlat(True)
        self.entry.setStyleSheet("text-align: left; padding: 4px")
        self.entry.clicked.connect(self.open_dialog)
        self.timer = QTimer(self, singleShot=True, interval=FIRST_SCAN_DELAY_MS)
        self.timer.timeout.connect(self.start_scan)
        self.timer.start()

    def start_scan(self) -> None:
        """Count possible duplicates in the background for the sidebar entry."""
        if self.scan is not None:
            self._again = True  # the library changed during this scan: run another after
            return
        self.scan = DuplicateScan(self.library.path, self)
        self.scan.found.connect(self._found)
        self.scan.failed.connect(self._failed)
        self.scan.finished.connect(self._ended)
        self.scan.start()

    def open_dialog(self) -> DuplicatesDialog:
        dialog = DuplicatesDialog(self.library, self.candidates, self.operations, self.window)
        dialog.finished.connect(lambda _: self.start_scan())
        dialog.open()
        return dialog

    def stop(self) -> None:
        self.timer.stop()
        if self.scan is not None:
            self.scan.stop()

    def _found(self, candidates: list[Candidate]) -> None:
        self.candidates = candidates
        self.entry.setText(f"Possible duplicates ({len(candidates)})")

    def _failed(self, text: str) -> None:
        reason = text.removeprefix("readinglist: ").removeprefix("dupes failed: ")
        self.message.emit(f"Possible duplicates could not be counted: {reason}", 30000)

    def _ended(self) -> None:
        assert self.scan is not None
        self.scan.deleteLater()
        self.scan = None
        if self._again:
            self._again = False
            self.start_scan()
