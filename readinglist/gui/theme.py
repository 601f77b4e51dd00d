"""Follow the system's light or dark appearance, or force one; standard icons on actions.

The choice: ``readinglist gui --dark`` / ``--light``, else ``READINGLIST_THEME``
(``dark``, ``light`` or ``system``), else the system. Qt 6.5+ reports the
system's scheme (``QStyleHints.colorScheme``); where the platform's own palette
does not follow it (Fusion on many Linux desktops), we set a dark palette
ourselves, and follow later changes of the system's setting while running.

Widgets that paint their own colours (stars, search marks, the preview's HTML)
ask this module for colours derived from the current palette, so they read on
either background.
"""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QWidget

THEME_ENV = "READINGLIST_THEME"
CHOICES = ("system", "dark", "light")

SP = QStyle.StandardPixmap
# Menu label (without & and …) -> freedesktop icon name, Qt's standard pixmap as fallback.
ACTION_ICONS = {
    "Import Digests": ("document-open", SP.SP_DialogOpenButton),
    "Import Folder": ("folder-open", SP.SP_DirOpenIcon),
    "Last Import Report": ("dialog-information", SP.SP_MessageBoxInformation),
    "Export": ("document-save-as", SP.SP_DialogSaveButton),
    "Back Up Now": ("document-save", SP.SP_DriveHDIcon),
    "Restore Backup": ("document-revert", SP.SP_BrowserReload),
    "Quit": ("application-exit", SP.SP_DialogCloseButton),
    "Undo": ("edit-undo", SP.SP_ArrowBack),
    "Redo": ("edit-redo", SP.SP_ArrowForward),
    "Copy as Markdown": ("edit-copy", SP.SP_FileIcon),
    "Find": ("edit-find", SP.SP_FileDialogContentsView),
    "Delete": ("edit-delete", SP.SP_TrashIcon),
    "Possible Duplicates": ("edit-find-replace", SP.SP_FileDialogDetailedView),
    "Insights": ("view-statistics", SP.SP_FileDialogInfoView),
    "About readinglist": ("help-about", SP.SP_MessageBoxQuestion),
}


def chosen_theme(dark: bool = False, light: bool = False) -> str:
    """The command line's choice, else the environment's, else 'system'."""
    if dark:
        return "dark"
    if light:
        return "light"
    value = os.environ.get(THEME_ENV, "system").strip().lower()
    return value if value in CHOICES else "system"


def system_is_dark(app: QApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def dark_palette() -> QPalette:
    """A dark palette for Fusion, in the greys of common desktop dark themes."""
    palette = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    colours = {
        role.Window: "#2b2b2b",
        role.WindowText: "#e6e6e6",
        role.Base: "#1f1f1f",
        role.AlternateBase: "#262626",
        role.ToolTipBase: "#3a3a3a",
        role.ToolTipText: "#e6e6e6",
        role.PlaceholderText: "#8c8c8c",
        role.Text: "#e6e6e6",
        role.Button: "#333333",
        role.ButtonText: "#e6e6e6",
        role.BrightText: "#ff6b6b",
        role.Light: "#4a4a4a",
        role.Midlight: "#3e3e3e",
        role.Mid: "#2f2f2f",
        role.Dark: "#191919",
        role.Shadow: "#000000",
        role.Highlight: "#2f65ca",
        role.HighlightedText: "#ffffff",
        role.Link: "#8ab4f8",
        role.LinkVisited: "#c58af9",
    }
    for colour_role, value in colours.items():
        palette.setColor(colour_role, QColor(value))
    for colour_role in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(group.Disabled, colour_role, QColor("#7a7a7a"))
    return palette


class Theme:
    """Keeps the application's palette in line with the choice, and the system."""

    def __init__(self, app: QApplication, choice: str = "system") -> None:
        self.app = app
        self.choice = choice
        self._native = app.palette()
        self._native_style = app.style().name()
        self.apply()
        if choice == "system":
            app.styleHints().colorSchemeChanged.connect(lambda _: self.apply())

    def wants_dark(self) -> bool:
        return self.choice == "dark" or (self.choice == "system" and system_is_dark(self.app))

    def apply(self) -> None:
        if self.wants_dark():
            if not is_dark(self.app.palette()) or self.choice == "dark":
                self.app.setStyle("Fusion")  # the one built-in style that honours any palette
                self.app.setPalette(dark_palette())
        elif self.choice == "light" or is_dark(self.app.palette()) != is_dark(self._native):
            self.app.setStyle("Fusion" if self.choice == "light" else self._native_style)
            light = self.app.style().standardPalette()
            self.app.setPalette(light if self.choice == "light" else self._native)


def mark_colours(palette: QPalette) -> tuple[str, str]:
    """Background and text of a search word's mark, readable on this palette."""
    if is_dark(palette):
        return "#7a5c00", palette.color(QPalette.ColorRole.Text).name()
    return "#ffe066", "#000000"


def difference_colours(palette: QPalette) -> str:
    """The CSS of a changed word in the duplicates dialog."""
    if is_dark(palette):
        return "background-color: #80501a; color: #ffffff"
    return "background-color: #ffd27a; color: black"


def star_colour(palette: QPalette) -> QColor:
    return QColor("#f0b400") if is_dark(palette) else QColor("#c88f00")


def error_colour(palette: QPalette) -> str:
    return "#ff7b72" if is_dark(palette) else "#c0392b"


def standard_icon(widget: QWidget, name: str, fallback: QStyle.StandardPixmap) -> QIcon:
    """The desktop theme's icon of that name, else the style's standard one."""
    return QIcon.fromTheme(name, widget.style().standardIcon(fallback))


def apply_action_icons(widget: QWidget, menus: list[QMenu]) -> list[QAction]:
    """Give the main actions their platform icons; returns the actions that got one."""
    done = []
    for menu in menus:
        for action in menu.actions():
            if action.menu() is not None:
                done += apply_action_icons(widget, [action.menu()])
                continue
            label = action.text().split("\t")[0].replace("&", "").rstrip("…").strip()
            if label in ACTION_ICONS:
                action.setIcon(standard_icon(widget, *ACTION_ICONS[label]))
                done.append(action)
    return done
