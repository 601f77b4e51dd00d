"""The window's background work runs as a child process at a lower CPU priority."""

import os
import subprocess
import sys

import pytest

pytest.importorskip("PySide6")

from readinglist.gui.duplicate_scan import DuplicateScan  # noqa: E402


def niceness_of_cli_child(env_value: str | None) -> int:
    env = dict(os.environ)
    env.pop("READINGLIST_NICE", None)
    if env_value is not None:
        env["READINGLIST_NICE"] = env_value
    code = "import os; from readinglist import cli; cli._lower_priority(); print(os.nice(0))"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    return int(done.stdout)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_the_command_line_lowers_its_priority_when_the_window_asks():
    assert niceness_of_cli_child("7") == niceness_of_cli_child(None) + 7


def test_the_duplicate_scan_child_is_asked_to_run_niced(qtbot, sample_library):
    scan = DuplicateScan(sample_library.path)
    environment = scan.process.processEnvironment()
    assert int(environment.value("READINGLIST_NICE")) > 0
    with qtbot.waitSignal(scan.finished, timeout=60000):
        scan.start()
