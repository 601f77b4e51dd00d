"""The near-duplicate scan, in a child process (`readinglist dupes --json`).

The scan is pure Python for seconds on a large library: in a thread it would
hold the interpreter lock and make typing stutter, and its memory would count
against the window's. A child process has its own of both.
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import QObject, QProcess, Signal

from readinglist.core.dedup import Candidate
from readinglist.gui.background_process import cli_command, low_priority_process

__all__ = ["DuplicateScan", "cli_command"]  # cli_command: the discover controller's too


class DuplicateScan(QObject):
    found = Signal(list)  # [Candidate]
    failed = Signal(str)
    finished = Signal()

    def __init__(self, library_path: Path, parent=None) -> None:
        super().__init__(parent)
        # Niced: at 100,000 papers the scan takes half a minute of CPU; typing comes first.
        self.process = low_priority_process(self, ["dupes", "--json", "--db", str(library_path)])
        self.process.finished.connect(self._finished)

    def start(self) -> None:
        self.process.start()

    def stop(self) -> None:
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()
            self.process.waitForFinished(3000)

    def _finished(self, code: int, status: QProcess.ExitStatus) -> None:
        output = bytes(self.process.readAllStandardOutput()).decode("utf-8", "replace")
        if code == 0 and status == QProcess.ExitStatus.NormalExit:
            try:
                self.found.emit([Candidate(**item) for item in json.loads(output)])
            except (ValueError, TypeError) as exc:
                self.failed.emit(f"the duplicate scan gave no result ({exc})")
        else:
            error = bytes(self.process.readAllStandardError()).decode("utf-8", "replace")
            self.failed.emit(error.strip() or f"the duplicate scan stopped (code {code})")
        self.finished.emit()
