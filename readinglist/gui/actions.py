"""Menu actions, made the same way by every part of the window."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu


def add_action(owner: QObject, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
    """An action in ``menu`` that calls ``slot``; a shortcut string or StandardKey."""
    action = QAction(text, owner)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    return action
