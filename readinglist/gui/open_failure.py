"""When the library cannot be opened: say why, and offer ways out. Nothing is overwritten."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from readinglist.core import clock
from readinglist.core.backup import check_backup, list_backups, restore_into
from readinglist.gui.plain_text import message_box


def ask_way_out(path: Path, message: str, parent: QWidget | None = None) -> Path | None:
    """Returns the library to open instead, or None to quit.

    Restoring a backup or starting afresh first moves the unreadable file
    aside (``NAME.unreadable-DATE``), so it can still be rescued by hand.
    """
    box = message_box(
        QMessageBox.Icon.Critical,
        "readinglist cannot open the library",
        message,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("openFailure")
    box.setInformativeText("The file was left as it is. What would you like to do?")
    backups = list_backups(path)
    restore = box.addButton("Restore a Backup…", QMessageBox.ButtonRole.AcceptRole)
    restore.setEnabled(bool(backups))
    other = box.addButton("Open Another Library…", QMessageBox.ButtonRole.AcceptRole)
    fresh = box.addButton("Start a New Library", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.exec()
    clicked = box.clickedButton()
    if clicked is other:
        chosen, _ = QFileDialog.getOpenFileName(
            parent, "Open a library", str(path.parent), "Libraries (*.sqlite);;All files (*)"
        )
        return Path(chosen) if chosen else None
    if clicked is fresh:
        move_aside(path)
        return path
    if clicked is restore:
        labels = [b.describe() for b in backups]
        label, ok = QInputDialog.getItem(parent, "Restore a backup", "Backup:", labels, 0, False)
        if ok:
            chosen = backups[labels.index(label)].path
            check_backup(chosen)
            move_aside(path)
            target = sqlite3.connect(path)
            try:
                restore_into(chosen, target)
            finally:
                target.close()
            return path
    return None


def move_aside(path: Path) -> Path | None:
    if not path.exists():
        return None
    aside = path.with_name(f"{path.name}.unreadable-{clock.now():%Y%m%d-%H%M%S}")
    path.rename(aside)
    for suffix in ("-wal", "-shm"):
        extra = path.with_name(path.name + suffix)
        if extra.exists():
            extra.rename(aside.with_name(aside.name + suffix))
    return aside
