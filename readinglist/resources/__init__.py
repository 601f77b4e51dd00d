"""Files the installed program needs at run time: icon, desktop entry, AppStream metadata.

The canonical files live in the repository's top-level ``resources/`` folder, where
packagers, the Flatpak manifest and the validators find them. ``pip install .`` installs
only the ``readinglist`` package, so byte-identical copies of the files the program
itself reads are kept here and shipped as package data (see ``pyproject.toml``).
``python packaging/sync_resources.py`` refreshes the copies after an edit, and
``tests/test_desktop_files.py`` fails when they drift apart.
"""

from __future__ import annotations

from pathlib import Path

APP_ID = "io.github.readinglist.ReadingList"
ICON = "readinglist.svg"
DESKTOP_ENTRY = f"{APP_ID}.desktop"
METAINFO = f"{APP_ID}.metainfo.xml"
SHIPPED = (ICON, DESKTOP_ENTRY, METAINFO)


def resource_path(name: str) -> Path:
    """The path of a shipped resource file (works installed, editable and frozen)."""
    return Path(__file__).with_name(name)
