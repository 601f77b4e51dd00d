"""Work the window runs in the background says so in the window when it fails (pytest-qt)."""

import sqlite3
import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402

from readinglist.gui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def threaded_window(qtbot, sample_library, tmp_path, monkeypatch):
    """A window that searches in its query thread, as it does for a large library."""
    monkeypatch.setattr("readinglist.gui.paper_model.ASYNC_ABOVE", 0)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(sample_library, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 314, timeout=10000)
    yield window
    window.close()


def test_a_search_failing_in_the_query_thread_is_said_and_the_rows_stay(
    qtbot, threaded_window, monkeypatch
):
    window = threaded_window
    assert window.model.runner is not None  # the search really runs in the thread

    def full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("readinglist.gui.query_runner.ResultPages", full)
    window.search_field.setText("attention")
    window.apply_search()
    qtbot.waitUntil(window.search_error.isVisible, timeout=10000)
    assert "the disk is full" in window.search_error.text()
    assert window.model.rowCount() == 314


def test_a_failed_duplicate_scan_is_told_in_the_status_bar(qtbot, window, monkeypatch):
    failing = [
        sys.executable,
        "-c",
        "import sys; sys.exit('readinglist: dupes failed: the library is busy; try again')",
    ]
    monkeypatch.setattr("readinglist.gui.background_process.cli_command", lambda: failing)
    window.duplicates.start_scan()
    qtbot.waitUntil(
        lambda: "duplicates" in window.statusBar().currentMessage().lower(), timeout=20000
    )
    message = window.statusBar().currentMessage()
    assert message == "Possible duplicates could not be counted: the library is busy; try again"
