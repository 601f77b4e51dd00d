"""QApplication set-up, settings, and the entry point of the window."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

from readinglist import __version__
from readinglist.core.wording import plural

WINDOW_SIZE = (1280, 800)


def run(args: argparse.Namespace) -> int:
    screenshot = getattr(args, "screenshot", None)
    files = list(getattr(args, "files", None) or [])
    if screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from readinglist.core.library import default_path
    from readinglist.gui.icon import app_icon
    from readinglist.gui.main_window import MainWindow
    from readinglist.gui.plain_text import message_box
    from readinglist.gui.single_instance import HandOffError, SingleInstance
    from readinglist.gui.theme import Theme, chosen_theme
    from readinglist.resources import APP_ID

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("readinglist")
    app.setOrganizationName("readinglist")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_ID)  # Wayland and taskbars match the window to the .desktop
    app.setWindowIcon(app_icon())
    theme = Theme(app, chosen_theme(getattr(args, "dark", False), getattr(args, "light", False)))

    instance = None
    if not screenshot:  # a screenshot is a one-off render, never a second writer
        library_path = args.db or default_path()
        instance = SingleInstance(library_path)
        try:
            first = instance.start(files)
        except HandOffError as exc:
            message = f"{exc}; try again once it responds, or close it."
            print(f"readinglist: {message}", file=sys.stderr)
            text = message[0].upper() + message[1:]
            message_box(QMessageBox.Icon.Warning, "readinglist is busy", text).exec()
            return 1
        if not first:
            sent = f"sent it {plural(len(files), 'file')} to import"
            done = sent if files else "brought it to the front"
            print(
                f"readinglist: {library_path} is already open in a window; {done}",
                file=sys.stderr,
            )
            return 0

    library = _open_library(Path(args.db) if args.db else default_path(), screenshot)
    if library is None:
        if instance is not None:
            instance.close()
        return 1
    settings = QSettings()
    window = MainWindow(library, settings)
    window.theme = theme  # lives as long as the window: it follows the system while it runs
    if screenshot:
        return _screenshot(app, window, args)
    from readinglist.gui import error_policy

    error_policy.install(window, library.path)
    instance.forward_to(window)
    window.show()
    if files:
        window.import_paths(files)
    code = app.exec()
    instance.close()
    library.close()
    return code


def _open_library(path: Path, screenshot: bool):
    """The library, or after a failure the user's way out (never a silent overwrite)."""
    from readinglist.core.backup import BackupError
    from readinglist.core.library import Library, LibraryError
    from readinglist.gui.open_failure import ask_way_out

    while True:
        try:
            return Library(path)
        except LibraryError as exc:
            if screenshot:
                print(f"readinglist: {exc}", file=sys.stderr)
                return None
            try:
                chosen = ask_way_out(path, str(exc))
            except (BackupError, OSError) as failure:
                chosen, exc = path, failure
            if chosen is None:
                return None
            path = chosen


def _screenshot(app, window, args: argparse.Namespace) -> int:
    """Render the window at a fixed size to a PNG, without saving any settings."""
    window.duplicates.timer.stop()  # a picture needs no duplicate scan
    window.resize(*WINDOW_SIZE)
    window.show()
    _wait_for_rows(app, window)
    if args.search:
        window.search_field.setText(args.search)
        window.apply_search()
        _wait_for_rows(app, window)
    if args.select is not None:
        window.select_ids([args.select])
    elif window.model.rowCount():
        window.select_rows([0])
    app.processEvents()
    ok = window.grab().save(args.screenshot)
    if not ok:
        print(f"readinglist: could not write {args.screenshot}", file=sys.stderr)
    window.model.stop()  # a large library's query thread ends before the app does
    window.duplicates.stop()
    window.library.close()
    return 0 if ok else 1


def _wait_for_rows(app, window, seconds: float = 30) -> None:
    """A large library is queried in a thread: let the rows arrive before the picture."""
    deadline = time.monotonic() + seconds
    while window.search.reloading and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
