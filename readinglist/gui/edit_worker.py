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

from PySide6.QtCore import QObject, QThread, Signal, Slot

from readinglist.core.library import Library

Job = Callable[[Library], object]


class _Worker(QObject):
    done = Signal(int, object)
    failed = Signal(int, object)  # the exception

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.library: Library | None = None

    @Slot(int, object)
    def run(self, number: int, job: Job) -> None:
        try:
            if self.library is None:
                self.library = Library(self.path)
            result = job(self.library)
        except Exception as exc:  # noqa: BLE001 - handed to the GUI thread, which says it
            self.failed.emit(number, exc)
            return
        self.done.emit(number, result)

    @Slot()
    def close(self) -> None:
        if self.library is not None:
            self.library.close()
            self.library = None


class EditWorker(QObject):
    """Run ``job(library)`` off the GUI thread; ``busy`` while any job is queued or running."""

    idle = Signal()
    _run = Signal(int, object)
    _close = Signal()

    def __init__(self, path: Path, parent=None) -> None:
        super().__init__(parent)
        self.thread = QThread(self)
        self.worker = _Worker(path)
        self.worker.moveToThread(self.thread)
        self._run.connect(self.worker.run)
        self._close.connect(self.worker.close)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(self._failed)
        self._numbers = itertools.count(1)
        self._waiting: dict[int, tuple[Callable, Callable]] = {}
        self.thread.start()

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

    def stop(self) -> None:
        self._close.emit()
        self.thread.quit()
        self.thread.wait()
