"""Changes made by another process (a CLI import, say) show up without a restart.

SQLite's data_version moves when another connection commits; the watch looks
every couple of seconds and whenever the window comes to the front. While
this window imports, its own import's commits are not "outside" changes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from readinglist.core.library import Library

WATCH_MS = 2000


class LibraryWatch(QObject):
    changed = Signal()  # another process changed the library

    def __init__(self, library: Library, importing: Callable[[], bool], parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.importing = importing
        self.version = library.data_version()
        self.timer = QTimer(self, interval=WATCH_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> bool:
        """Say ``changed`` if another process committed since the last look."""
        version = self.library.data_version()
        if version == self.version or self.importing():
            return False
        self.version = version
        self.changed.emit()
        return True

    def forget_changes(self) -> None:
        """What changed so far is shown already (a restore reloaded everything)."""
        self.version = self.library.data_version()

    def stop(self) -> None:
        self.timer.stop()
