"""The near-duplicate scan, off the GUI thread on its own connection."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from readinglist.core.library import Library, LibraryError


class DuplicateScan(QThread):
    found = Signal(list)  # [Candidate]
    failed = Signal(str)

    def __init__(self, library_path: Path, parent=None) -> None:
        super().__init__(parent)
        self.library_path = library_path

    def run(self) -> None:
        try:
            with Library(self.library_path) as library:
                self.found.emit(library.find_duplicates())
        except LibraryError as exc:
            self.failed.emit(str(exc))
