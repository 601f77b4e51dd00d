"""Library edits of many papers, run in a thread with its own connection, in order.

Tagging 10,000 papers takes seconds of SQLite work; on the GUI thread that
would freeze typing. Jobs here run one after another on one worker thread
(so an undo queued behind its edit runs after it), and each job's result
or error comes back to the GUI thread through a signal.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal, Slot

from readinglist.core.library import Library
from readinglist.gui.library_thread import LibraryWorker, WorkerThread

Job = Callable[[Library], object]


class _Worker(LibraryWorker):
    done = Signal(int, object)
    failed = Signal(int, object)  # the exception

    @Slot(int, object)
    def run(self, number: int, job: Job) -> None:
        try:
            result = job(self.open_library())
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which says it
            self.failed.emit(number, exc)
            return
        self.done.emit(number, result)


class EditWorker(WorkerThread):
    """Run ``job(library)`` off the GUI thread; ``busy`` while any job is queued or running."""

    idle = Signal()
    _run = Signal(int, object)

    def __init__(self, path: Path, parent=None) -> None:
        worker = _Worker(path)
        super().__init__(worker, parent)
        self._run.connect(worker.run)
        worker.done.connect(self._done)
        worker.failed.connect(self._failed)
        self._numbers = itertools.count(1)
        self._waiting: dict[int, tuple[Callable, Callable]] = {}

    @property
    def busy(self) -> bool:
        return bool(self._waiting)

    def submit(
        self, job: Job, done: Callable[[object], None], failed: Callable[[Exception], None]
    ) -> None:
        number = next(self._numbers)
        self._waiting[number] = (done, failed)
        self._run.emit(number, job)

    def _done(self, number: int, result: object) -> None:
        done, _ = self._waiting.pop(number)
        done(result)
        if not self._waiting:
            self.idle.emit()

    def _failed(self, number: int, error: Exception) -> None:
        _, failed = self._waiting.pop(number)
        failed(error)
        if not self._waiting:
            self.idle.emit()
