"""A large import from the window runs in a child process and reads as one in the thread did.

The size at which an import leaves the window's process is set to 0 here, so
that the sample digests go through the child: the report, the progress, Cancel
and a child that dies all reach the window as they would from the thread.
"""

import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from readinglist.core.library import Library
from readinglist.gui import import_worker


@pytest.fixture
def in_child(monkeypatch):
    monkeypatch.setattr(import_worker, "CHILD_ABOVE", 0)


def test_an_import_in_a_child_process_reports_progress_and_shows_its_papers(
    qtbot, make_window, library, samples, in_child
):
    window = make_window(library)
    progress = []
    with qtbot.waitSignal(window.imports.finished, timeout=60000) as finished:
        window.import_paths([str(samples)])
        worker = window.imports.worker
        worker.progressed.connect(lambda *a: progress.append(a[:2]))
    assert worker.in_child
    report = finished.args[0]
    assert (report.added, report.errors) == (314, [])  # some papers are in two digests
    size = sum(p.stat().st_size for p in samples.glob("*.txt"))
    assert progress[-1] == (size, size)
    assert Library(library.path).total() == 314
    qtbot.waitUntil(lambda: window.model.rowCount() == 314)
    assert "314 added" in window.statusBar().currentMessage()


def test_cancel_reaches_the_child_and_nothing_is_added(
    qtbot, make_window, library, samples, in_child
):
    window = make_window(library)
    with qtbot.waitSignal(window.imports.finished, timeout=60000) as finished:
        window.import_paths([str(samples)])
        window.imports.cancel()
    assert finished.args[0] is None
    assert Library(library.path).total() == 0
    assert "cancelled" in window.statusBar().currentMessage()


def test_a_child_that_dies_is_a_failed_import_in_one_sentence(
    qtbot, make_window, library, samples, in_child, monkeypatch
):
    crash = [sys.executable, "-c", "import sys; sys.exit(3)"]
    monkeypatch.setattr(import_worker, "cli_command", lambda: crash)
    window = make_window(library)
    with qtbot.waitSignal(window.imports.finished, timeout=60000) as finished:
        window.import_paths([str(samples)])
    assert finished.args[0] is None
    box = window.findChild(QMessageBox, "importFailed")
    assert "exit code 3" in box.text() and "Traceback" not in box.text()
    assert Library(library.path).total() == 0


def test_a_small_import_stays_in_the_window_process(qtbot, make_window, library, samples):
    window = make_window(library)
    with qtbot.waitSignal(window.imports.finished, timeout=60000):
        window.import_paths([str(samples)])
        worker = window.imports.worker
    assert not worker.in_child
