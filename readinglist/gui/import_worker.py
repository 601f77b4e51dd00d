"""Imports run here, off the GUI thread, on their own connection to the library."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from readinglist.core.library import ImportCancelled, Library, LibraryError
from readinglist.gui.error_policy import problem_text


class ImportWorker(QThread):
    progressed = Signal(int, int, str)  # done, total, current file
    succeeded = Signal(object)  # ImportReport
    cancelled = Signal()
    failed = Signal(str)

    def __init__(self, library_path: Path, paths: list[str], parent=None) -> None:
        super().__init__(parent)
        self.library_path = library_path
        self.paths = paths
        self._cancel_requested = False

    def cancel(self) -> None:
        self._cancel_requested = True

    def run(self) -> None:
        try:
            with Library(self.library_path) as library:
                report = library.import_files(
                    self.paths,
                    progress=self.progressed.emit,
                    cancelled=lambda: self._cancel_requested,
                )
                library.flag_possible_duplicates(report)
        except ImportCancelled:
            self.cancelled.emit()
        except LibraryError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # noqa: BLE001 - the window must report, not die silently
            self.failed.emit(problem_text(exc, "the import", self.library_path))
        else:
            self.succeeded.emit(report)
