"""The window's side of the error policy: a sentence in the window, never stderr."""

import errno
import sqlite3

from PySide6.QtWidgets import QMessageBox

from readinglist.core.library import Library
from readinglist.gui import error_policy


def test_a_search_sqlite_cannot_run_is_said_and_the_rows_stay(qtbot, window, monkeypatch):
    shown = window.model.rowCount()

    def too_complex(*_args, **_kwargs):
        raise sqlite3.OperationalError("Expression tree is too large (maximum depth 1000)")

    monkeypatch.setattr(window.library, "ids_plan", too_complex)
    window.search_field.setText("attention")
    window.apply_search()
    assert window.search_error.isVisible()
    assert "too complex" in window.search_error.text()
    assert window.model.rowCount() == shown


def test_an_exception_escaping_a_slot_is_shown_not_printed(qtbot, window, capsys):
    uninstall = error_policy.install(window, window.library.path)
    try:
        error_policy.sys.excepthook(
            OSError, OSError(errno.ENOSPC, "No space left on device", "/x/y.md"), None
        )
    finally:
        uninstall()
    box = window.findChild(QMessageBox, "errorMessage")
    assert box is not None
    assert box.text().startswith("The last action failed: the disk is full (writing /x/y.md)")
    assert "details in" in box.text()
    assert "Traceback" not in capsys.readouterr().err


def test_a_failed_daily_backup_is_told_in_the_status_bar(qtbot, window):
    # The backup runs in a child process: make it fail for real (no folder for backups).
    (window.library.path.parent / "backups").write_text("a file where the folder should be")
    window.backups.daily_backup()
    qtbot.waitUntil(lambda: "daily backup" in window.statusBar().currentMessage(), timeout=20000)
    message = window.statusBar().currentMessage()
    assert "backups" in message and "Your edits are saved" in message
    assert "Traceback" not in message


def test_a_failed_import_is_one_sentence(qtbot, window, monkeypatch, samples):
    def full(self, *_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(Library, "import_files", full)
    with qtbot.waitSignal(window.imports.finished, timeout=10000):
        window.import_paths([str(samples)])
    box = window.findChild(QMessageBox, "importFailed")
    assert box.text().startswith("The import failed: the disk is full")
    assert "damaged" not in box.text()
