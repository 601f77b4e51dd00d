"""Searches and sorts of a large library run here, off the GUI thread.

Only the newest request matters: a request that a newer one overtook is
skipped, and one already running in SQLite is interrupted, so typing never
queues work. The runner has its own connection to the library.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Signal, Slot

from readinglist.core.library import Library, LibraryError
from readinglist.core.query import Query
from readinglist.core.result_pages import ResultPages
from readinglist.core.side_count import SideCounter
from readinglist.gui.error_policy import problem_text
from readinglist.gui.library_thread import LibraryWorker, WorkerThread


class _Worker(LibraryWorker):
    done = Signal(int, object, int)  # generation, ResultPages, total
    failed = Signal(int, str)

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.latest = 0  # written by the GUI thread; a plain int swap
        self._total: tuple[int, int] | None = None  # (data_version, papers) last counted
        self.counter = SideCounter(path)  # counts beside a walk, on the other core

    @Slot(int, object, object, bool, object)
    def run(
        self, generation: int, query: Query, sort: str | None, descending: bool, keep: list[int]
    ) -> None:
        if generation != self.latest:
            return  # a newer request is already queued
        try:
            library = self.open_library()
            pages = ResultPages(
                library, query, sort=sort, descending=descending, counter=self.counter
            )
            # Here, not on the GUI thread; a newer request stops the pass.
            pages.find_rows(keep, stop=lambda: generation != self.latest)
            total = self._papers(library)
        except sqlite3.OperationalError as exc:
            if "interrupt" not in str(exc):
                self.failed.emit(generation, problem_text(exc, "the search", self.path))
            return
        except LibraryError as exc:
            self.failed.emit(generation, str(exc))
            return
        except Exception as exc:  # noqa: BLE001 - a sentence in the window, not stderr
            self.failed.emit(generation, problem_text(exc, "the search", self.path))
            return
        if generation == self.latest:
            self.done.emit(generation, pages, total)

    @Slot()
    def close(self) -> None:
        self.counter.close()
        super().close()

    def interrupt(self) -> None:
        """Stop the query under way, and its count (a newer request overtook them)."""
        if self.library is not None:
            self.library.conn.interrupt()
        self.counter.interrupt()

    def _papers(self, library: Library) -> int:
        """The library's size, counted again only after another connection committed
        (counting a million papers on every keystroke cost tens of milliseconds)."""
        version = library.data_version()
        if self._total is None or self._total[0] != version:
            self._total = (version, library.total())
        return self._total[1]

class QueryRunner(WorkerThread):
    finished = Signal(object, int)  # ResultPages, total: only for the newest request
    failed = Signal(str)
    _request = Signal(int, object, object, bool, object)

    def __init__(self, path: Path, parent=None) -> None:
        worker = _Worker(path)
        super().__init__(worker, parent)
        self.worker: _Worker = worker
        self._request.connect(worker.run)
        worker.done.connect(self._done)
        worker.failed.connect(lambda _, message: self.failed.emit(message))
        self.generation = 0

    def submit(
        self, query: Query, sort: str | None, descending: bool, keep: Sequence[int] = ()
    ) -> None:
        self.generation += 1
        self.worker.latest = self.generation
        self.worker.interrupt()  # stop a stale query mid-way
        self._request.emit(self.generation, query, sort, descending, list(keep))

    def _done(self, generation: int, pages: ResultPages, total: int) -> None:
        if generation == self.generation:
            self.finished.emit(pages, total)

    def stop(self) -> None:
        self.worker.latest = -1
        self.worker.interrupt()
        super().stop()
