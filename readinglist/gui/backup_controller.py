"""Backups from the window: the daily one in a child process, Back Up Now, Restore.

Backing up and restoring are one call each through Operations (not undoable:
a restore keeps the replaced library as a backup instead). ``restored`` tells
the window to show the library it now has.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, QTimer, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from readinglist.core.library import Library
from readinglist.gui.background_process import low_priority_process
from readinglist.gui.operations import Operations

DAILY_BACKUP_DELAY_MS = 5000


class BackupController(QObject):
    about_to_restore = Signal()  # save what is being typed: it belongs to the old library
    restored = Signal()
    message = Signal(str, int)  # status bar text, milliseconds

    def __init__(
        self,
        library: Library,
        operations: Operations,
        importing: Callable[[], bool],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.library = library
        self.operations = operations
        self.importing = importing
        self.window = window  # the dialogs' parent
        self.daily_process: QProcess | None = None
        self.timer = QTimer(self, singleShot=True, interval=DAILY_BACKUP_DELAY_MS)
        self.timer.timeout.connect(self.daily_backup)
        self.timer.start()

    def daily_backup(self) -> None:
        """`readinglist backup --daily` in a niced child process: no CPU taken from typing."""
        process = low_priority_process(self, ["backup", "--daily", "--db", str(self.library.path)])
        process.finished.connect(lambda code, status: self._daily_ended(process, code, status))
        process.start()
        self.daily_process = process

    def _daily_ended(self, process: QProcess, code: int, status: QProcess.ExitStatus) -> None:
        if code != 0 or status != QProcess.ExitStatus.NormalExit:
            error = bytes(process.readAllStandardError()).decode("utf-8", "replace")
            text = error.strip().removeprefix("readinglist: ") or f"it stopped (code {code})"
            self.message.emit(f"The daily backup failed: {text}. Your edits are saved.", 30000)
        process.deleteLater()
        if self.daily_process is process:
            self.daily_process = None

    def back_up_now(self) -> None:
        made = self.operations.back_up()
        if made is not None:
            self.message.emit(f"Backed up to {made.path}", 10000)

    def ask_restore(self) -> None:
        backups = self.library.backups()
        if not backups:
            self.operations.view.show_error(
                f"No backups yet in {self.library.path.parent / 'backups'}."
            )
            return
        labels = [b.describe() for b in backups]
        label, ok = QInputDialog.getItem(
            self.window,
            "Restore Backup",
            "Replace the library with the backup of:",
            labels,
            0,
            False,
        )
        if ok:
            self.restore(backups[labels.index(label)].path)

    def restore(self, path: Path) -> None:
        """Replace the library with a backup; the current state is backed up first."""
        if self.importing():  # the restore would wait for it on the GUI thread
            self.operations.view.show_error(
                "An import is running: restore once it is done, or cancel it first."
            )
            return
        self.about_to_restore.emit()
        safety = self.operations.restore(path)
        if safety is None:
            return
        self.restored.emit()
        self.message.emit(f"Restored {path.name}; the library as it was is in {safety.path}", 15000)

    def stop(self) -> None:
        self.timer.stop()
        if self.daily_process is not None:  # the window is closing: nobody to tell
            self.daily_process.finished.disconnect()
