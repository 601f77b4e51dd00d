"""QApplication set-up, settings, and the entry point of the window."""

from __future__ import annotations

import argparse
import os
import sys

from readinglist import __version__

WINDOW_SIZE = (1280, 800)


def run(args: argparse.Namespace) -> int:
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a screenshot needs no screen

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    from readinglist.core.library import Library, LibraryError
    from readinglist.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("readinglist")
    app.setOrganizationName("readinglist")
    app.setApplicationVersion(__version__)
    try:
        library = Library(args.db)
    except LibraryError as exc:
        if args.screenshot:
            print(f"readinglist: {exc}", file=sys.stderr)
        else:
            QMessageBox.critical(None, "readinglist cannot open the library", str(exc))
        return 1
    settings = QSettings()
    window = MainWindow(library, settings)
    if args.screenshot:
        return _screenshot(app, window, args)
    window.show()
    if args.files:
        window.import_paths(args.files)
    code = app.exec()
    library.close()
    return code


def _screenshot(app, window, args: argparse.Namespace) -> int:
    """Render the window at a fixed size to a PNG, without saving any settings."""
    window.resize(*WINDOW_SIZE)
    window.show()
    if args.search:
        window.search_field.setText(args.search)
        window.apply_search()
    if args.select is not None:
        window.select_ids([args.select])
    elif window.model.rowCount():
        window.select_rows([0])
    app.processEvents()
    ok = window.grab().save(args.screenshot)
    if not ok:
        print(f"readinglist: could not write {args.screenshot}", file=sys.stderr)
    window.library.close()
    return 0 if ok else 1
