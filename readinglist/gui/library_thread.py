"""A worker object in its own QThread with its own connection to the library.

Searches of a large library (QueryRunner) and bulk edits (EditWorker) both
run like this: the worker opens the library on its thread at the first job
(a SQLite connection belongs to the thread that made it), and closing it is
queued to that thread before the thread ends.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal, Slot

from readinglist.core.library import Library


class LibraryWorker(QObject):
    """Lives in the thread; ``open_library`` on that thread, ``close`` queued to it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.library: Library | None = None

    def open_library(self) -> Library:
        if self.library is None:
            self.library = Library(self.path)
        return self.library

    @Slot()
    def close(self) -> None:
        if self.library is not None:
            self.library.close()
            self.library = None


class WorkerThread(QObject):
    """Owns the thread and its worker (on the GUI thread); ``stop`` ends both."""

    _close = Signal()

    def __init__(self, worker: LibraryWorker, parent=None) -> None:
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = worker
        worker.moveToThread(self.thread)
        self._close.connect(worker.close)
        self.thread.start()

    def stop(self) -> None:
        self._close.emit()
        self.thread.quit()
        self.thread.wait()
