"""Imports run here, off the GUI thread, on their own connection to the library.

A large import (more than CHILD_ABOVE bytes of files) runs in a niced child
process, `readinglist window-import` (cli_window_import.py): parsing holds the
interpreter lock, and as a thread of the window it doubled the time the table
took to answer a keystroke. This thread then only relays the child's progress
and result. A small import runs in this thread, with no process to start.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import tempfile
from pathlib import Path

from PySide6.QtCore import QThread, Signal

from readinglist.cli_window_import import COMMAND, decode_report
from readinglist.core.importing import digest_files
from readinglist.core.library import ImportCancelled, Library, LibraryError
from readinglist.gui.background_process import NICE, cli_command
from readinglist.gui.error_policy import problem_text

CHILD_ABOVE = 8 * 1024 * 1024  # bytes to import; a child process starts in about 0.5 s


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
        self._child: subprocess.Popen | None = None
        self.in_child = False  # set by run(): where the import ran

    def cancel(self) -> None:
        self._cancel_requested = True
        self._tell_child_to_cancel()

    def run(self) -> None:
        try:
            self.in_child = _input_bytes(self.paths) > CHILD_ABOVE
            if self.in_child:
                self._run_in_child()
            else:
                self._run_here()
        except Exception as exc:  # noqa: BLE001 - the window must report, not die silently
            self.failed.emit(problem_text(exc, "the import", self.library_path))

    def _run_here(self) -> None:
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
        else:
            self.succeeded.emit(report)

    def _run_in_child(self) -> None:
        environment = {**os.environ, "READINGLIST_NICE": str(NICE)}
        command = [*cli_command(), COMMAND, "--db", str(self.library_path), "--", *self.paths]
        with tempfile.TemporaryFile() as errors:
            self._child = subprocess.Popen(
                command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                env=environment,
                text=True,
                encoding="utf-8",
            )
            if self._cancel_requested:
                self._tell_child_to_cancel()
            outcome: dict = {}
            assert self._child.stdout is not None
            for line in self._child.stdout:
                message = json.loads(line)
                if "progress" in message:
                    self.progressed.emit(*message["progress"])
                else:
                    outcome = message
            code = self._child.wait()
            with contextlib.suppress(OSError):
                self._child.stdin.close()  # type: ignore[union-attr]
            errors.seek(0)
            said = errors.read().decode("utf-8", "replace").strip()
        if "report" in outcome:
            self.succeeded.emit(decode_report(outcome["report"]))
        elif "cancelled" in outcome:
            self.cancelled.emit()
        elif "failed" in outcome:
            self.failed.emit(outcome["failed"])
        else:  # it could not open the library, or it was killed
            said = said.removeprefix("readinglist: ")
            self.failed.emit(said or f"the import stopped unexpectedly (exit code {code})")

    def _tell_child_to_cancel(self) -> None:
        child = self._child
        if child is None or child.stdin is None:
            return
        with contextlib.suppress(OSError, ValueError):  # it has ended already
            child.stdin.write("cancel\n")
            child.stdin.flush()


def _input_bytes(paths: list[str]) -> int:
    """The size of what an import of these paths reads (special files count 0)."""
    total = 0
    for path in digest_files(paths):
        with contextlib.suppress(OSError):
            if path.is_file():
                total += path.stat().st_size
    return total
