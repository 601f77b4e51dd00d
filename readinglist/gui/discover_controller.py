"""The window's side of discovery: the cache reader and its background build.

Builds (features, models) run as ``readinglist discover --low-priority`` in a
child process: scikit-learn's memory and CPU never touch the window, and the
window itself only maps the cache's arrays (numpy) to read scores, why and
related papers. A build starts a little after the library changed (edits come
in bursts while triaging); when it is done the window learns it through
``cache_updated`` but reorders nothing until the user refreshes (F5) or opens
the inbox again.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QProcess, QTimer, Signal

from readinglist.core.discover import triage
from readinglist.core.discover.engine import Discovery, Ranked
from readinglist.core.library import Library, LibraryError
from readinglist.gui.background_process import low_priority_process

BUILD_DELAY_MS = 3000  # after the last edit: triaging is a burst of them
READ_ERRORS = (OSError, ValueError, KeyError, IndexError)  # a cache half-written or damaged


class DiscoverController(QObject):
    cache_updated = Signal()
    build_failed = Signal(str)

    def __init__(self, library: Library, parent=None, delay_ms: int = BUILD_DELAY_MS) -> None:
        super().__init__(parent)
        self.library = library
        self.discovery = Discovery(library)
        self.process: QProcess | None = None
        self._again = False
        self.timer = QTimer(self, singleShot=True, interval=delay_ms)
        self.timer.timeout.connect(self.start_build)

    # -- the background build ------------------------------------------------------

    def library_changed(self) -> None:
        """Papers or signals changed: rebuild what is stale, soon."""
        self.timer.start()

    def start_build(self) -> None:
        if self.process is not None:
            self._again = True  # changed during this build: another one after it
            return
        # Niced (READINGLIST_NICE): typing in the window comes first.
        self.process = low_priority_process(self, ["discover", "--db", str(self.library.path)])
        self.process.finished.connect(self._finished)
        self.process.start()

    def stop(self) -> None:
        self.timer.stop()
        if self.process is not None:
            self.process.kill()
            self.process.waitForFinished(3000)

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        process, self.process = self.process, None
        if code != 0 or status != QProcess.ExitStatus.NormalExit:
            error = bytes(process.readAllStandardError()).decode("utf-8", "replace").strip()
            self.build_failed.emit(error or f"the ranking could not be updated (code {code})")
        elif self.discovery.reload():
            self.cache_updated.emit()
        process.deleteLater()
        if self._again:
            self._again = False
            self.start_build()

    # -- reading the cache (fast: mapped arrays) ---------------------------------------

    def inbox_order(self) -> tuple[list[int], str]:
        """The inbox's ids in ranked order and what the order means."""
        try:
            return self.discovery.inbox_order()
        except READ_ERRORS:
            self.discovery.generation = None  # read again from scratch next time
            message = "trending first: the ranking cache cannot be read; it is being rebuilt"
            self.start_build()
            return triage.trending_ids(self.library), message

    def explain(self, paper_id: int) -> Ranked | None:
        try:
            return self.discovery.explain(paper_id)
        except READ_ERRORS:
            return None

    def related(self, paper_id: int, limit: int = 5) -> list[Ranked]:
        try:
            return self.discovery.related(paper_id, limit)
        except READ_ERRORS:
            return []

    def suggest(self, tag: str, limit: int = 20) -> list[Ranked]:
        try:
            return self.discovery.suggest(tag, limit)
        except (LibraryError, *READ_ERRORS):
            return []  # a tag on one paper, or no build yet: nothing to suggest
