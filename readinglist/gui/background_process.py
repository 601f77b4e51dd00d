"""Child processes of the window's command line, at a lower CPU priority.

Background work (the near-duplicate scan, the daily backup) runs as
`readinglist ...` in a child process: its own interpreter lock and memory,
and READINGLIST_NICE asks the child to lower its priority (cli.main), so the
window's typing and painting win the CPU whenever both want it.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QProcess, QProcessEnvironment

NICE = 10  # added to the child's niceness; 19 is the lowest priority


def cli_command() -> list[str]:
    """How to run this program's command line (from a checkout, a venv or a bundle)."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "readinglist"]


def low_priority_process(parent, arguments: list[str]) -> QProcess:
    """A QProcess set to run `readinglist ARGUMENTS` niced; start() runs it."""
    process = QProcess(parent)
    environment = QProcessEnvironment.systemEnvironment()
    environment.insert("READINGLIST_NICE", str(NICE))
    process.setProcessEnvironment(environment)
    command = cli_command()
    process.setProgram(command[0])
    process.setArguments([*command[1:], *arguments])
    return process
