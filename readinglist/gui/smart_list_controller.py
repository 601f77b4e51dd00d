"""Smart lists (saved searches): save the current search, rename, delete, keep the sidebar true.

Writes go through Operations (undoable: Ctrl+Z brings a deleted list back);
running one is the search's business (the panel's ``search_chosen``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog, QWidget

from readinglist.core.library import Library
from readinglist.gui.operations import Operations
from readinglist.gui.plain_text import get_text
from readinglist.gui.smart_lists import SmartListPanel


class SmartListController(QObject):
    message = Signal(str, int)  # status bar text, milliseconds

    def __init__(
        self,
        library: Library,
        operations: Operations,
        panel: SmartListPanel,
        search_text: Callable[[], str],
        window: QWidget,
    ) -> None:
        super().__init__(window)
        self.library = library
        self.operations = operations
        self.panel = panel
        self.search_text = search_text
        self.window = window  # the dialogs' parent
        operations.smart_lists_changed = self.refresh
        panel.rename_requested.connect(self.ask_rename)
        panel.delete_requested.connect(self.delete)

    def refresh(self) -> None:
        self.panel.set_searches(self.library.saved_searches())

    def ask_save(self) -> None:
        text = self.search_text()
        name, ok = get_text(self.window, "Save Smart List", f"Name for the search “{text}”:")
        if ok and name.strip():
            self.save(name.strip())

    def save(self, name: str) -> None:
        if self.operations.save_search(name, self.search_text()):
            self.message.emit(f"Saved smart list “{name}”", 5000)

    def ask_rename(self, name: str) -> None:
        new, ok = QInputDialog.getText(self.window, "Rename Smart List", "New name:", text=name)
        if ok and new.strip():
            self.rename(name, new.strip())

    def rename(self, old: str, new: str) -> None:
        self.operations.rename_search(old, new)

    def delete(self, name: str) -> None:
        self.operations.delete_search(name)
