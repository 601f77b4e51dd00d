"""The command palette (Ctrl+K, Ctrl+Shift+P): every action, tag, smart list and paper.

Type to fuzzy-match (rapidfuzz) across the window's menu actions (with their
shortcuts), the tags, the smart lists and the papers' titles; Up/Down move,
Enter runs the highlighted entry, Esc closes. Paper titles come from the
full-text index (core.title_search), never from a full load of the library.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from readinglist.core.title_search import search_titles
from readinglist.core.wording import plural
from readinglist.gui.error_policy import problem_text

SHORTCUTS = ("Ctrl+K", "Ctrl+Shift+P")
SHOWN = 60  # entries listed at most
PAPERS = 20  # papers among them at most
TYPING_DELAY_MS = 60  # paper look-ups wait for a pause this long in typing
CUTOFF = 55  # rapidfuzz WRatio below this is not a match for actions, tags, lists
KINDS = ("Action", "Smart list", "Tag", "Paper")  # order among equal scores
EntryRole = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class Entry:
    kind: str  # one of KINDS
    label: str  # what is matched and shown
    hint: str  # a shortcut, a count, a query: shown muted on the right
    run: Callable[[], None]
    icon: QIcon | None = None

    @property
    def text(self) -> str:
        return f"{self.kind}: {self.label}" if self.kind != "Action" else self.label


def action_entries(menus: list[QMenu]) -> list[Entry]:
    """Every enabled action of these menus (submenus included) with its path and shortcut."""
    entries: list[Entry] = []

    def walk(menu: QMenu, path: list[str]) -> None:
        for action in menu.actions():
            if action.isSeparator() or not action.isVisible():
                continue
            label, _, key_hint = action.text().partition("\t")
            name = _plain(label)
            if action.menu() is not None:
                walk(action.menu(), [*path, name])
                continue
            if not action.isEnabled() or action.property("paletteHidden"):
                continue
            keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
            if key_hint and key_hint not in keys:
                keys.append(key_hint)
            entries.append(
                Entry(
                    "Action",
                    " › ".join([*path, name]),
                    ", ".join(keys),
                    action.trigger,
                    None if action.icon().isNull() else action.icon(),
                )
            )

    for menu in menus:
        walk(menu, [_plain(menu.title())])
    return entries


def _plain(label: str) -> str:
    """A menu label without its mnemonic ampersand and ellipsis."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def rank(text: str, entries: list[Entry], limit: int = SHOWN) -> list[tuple[Entry, float]]:
    """Entries matching text fuzzily, best first; all of them, in order, for no text."""
    if not text.strip():
        return [(entry, 100.0) for entry in entries[:limit]]
    from rapidfuzz import fuzz, process, utils  # imported when first used (start-up time)

    found = process.extract(
        text,
        [f"{e.label} {e.hint}" if e.kind == "Action" else e.label for e in entries],
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=CUTOFF,
        limit=limit,
    )
    return [(entries[index], score) for _, score, index in found]


class CommandPalette(QDialog):
    """A search box over a list; built on demand by the window, one at a time."""

    def __init__(self, window, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.window_ = window
        self.setObjectName("commandPalette")
        self.setWindowTitle("Command Palette")
        self.setWindowFlags(Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
        self.setModal(True)
        self.setStyleSheet("QDialog#commandPalette { border: 1px solid palette(dark); }")
        self.input = QLineEdit(objectName="paletteInput")
        self.input.setPlaceholderText("Type an action, a tag, a smart list or a paper's title…")
        self.input.setClearButtonEnabled(True)
        self.list = QListWidget(objectName="paletteList")
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the input
        self.list.setUniformItemSizes(True)
        self.list.setSpacing(1)
        self.list.itemActivated.connect(lambda _: self.run_current())
        self.list.itemClicked.connect(lambda _: self.run_current())
        self.footer = QLabel(
            "↑↓ move · Enter runs · Esc closes", objectName="paletteFooter", enabled=False
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 6)
        layout.addWidget(self.input)
        layout.addWidget(self.list)
        layout.addWidget(self.footer)
        self.static_entries = self._static_entries()
        self.paper_timer = QTimer(self, singleShot=True, interval=TYPING_DELAY_MS)
        self.paper_timer.timeout.connect(self.refresh)
        self.input.textChanged.connect(self._typed)
        self.input.installEventFilter(self)
        self._papers: list[tuple[Entry, float]] = []
        self.refresh()
        self.resize(max(560, window.width() // 2), 420)

    # -- what is offered --------------------------------------------------------------

    def _static_entries(self) -> list[Entry]:
        window = self.window_
        menus = [action.menu() for action in window.menuBar().actions() if action.menu()]
        entries = action_entries(menus)
        for name, query in window.library.saved_searches():
            entries.append(Entry("Smart list", name, query, lambda q=query: window.run_search(q)))
        for name, count in window.library.tags():
            entries.append(
                Entry(
                    "Tag",
                    name,
                    plural(count, "paper"),
                    lambda n=name: show_tag(window, n),
                )
            )
        return entries

    def paper_entries(self, text: str) -> list[tuple[Entry, float]]:
        library = self.window_.library
        return [
            (
                Entry(
                    "Paper",
                    match.title,
                    f"id {match.id}",
                    lambda i=match.id: reveal_paper(self.window_, i),
                ),
                match.score,
            )
            for match in search_titles(library.conn, text, library.vocabulary, limit=PAPERS)
        ]

    # -- typing and choosing ----------------------------------------------------------

    def _typed(self) -> None:
        self._show(self.input.text())  # actions, tags, lists at once
        self.paper_timer.start()  # papers once typing pauses

    def refresh(self) -> None:
        """Match now, papers included (the timer calls this once typing pauses)."""
        self.paper_timer.stop()
        text = self.input.text()
        try:
            self._papers = self.paper_entries(text) if text.strip() else []
        except Exception as exc:  # noqa: BLE001 - the policy: a sentence, the rest still works
            self._papers = []
            self.footer.setText(problem_text(exc, "looking up titles", self.window_.library.path))
        self._show(text)

    def _show(self, text: str) -> None:
        matches = rank(text, self.static_entries) + [p for p in self._papers if text.strip()]
        matches.sort(key=lambda m: (-m[1], KINDS.index(m[0].kind)))
        self.list.clear()
        for entry, _ in matches[:SHOWN]:
            item = QListWidgetItem(f"{entry.text}    {entry.hint}" if entry.hint else entry.text)
            item.setData(EntryRole, entry)
            if entry.icon is not None:
                item.setIcon(entry.icon)
            item.setToolTip(entry.label)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def run_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        entry: Entry = item.data(EntryRole)
        self.accept()
        entry.run()

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.input and event.type() == event.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
                self._move(key)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.paper_timer.isActive():
                    self.refresh()  # Enter right after typing: include the papers first
                self.run_current()
                return True
        return super().eventFilter(watched, event)

    def _move(self, key) -> None:
        count = self.list.count()
        if not count:
            return
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 10}.get(key, -10)
        row = min(max(self.list.currentRow() + step, 0), count - 1)
        self.list.setCurrentRow(row)

    def showEvent(self, event) -> None:  # noqa: N802
        parent = self.parentWidget()
        if parent is not None:  # at the top of the window, centred, like an editor's palette
            top = parent.mapToGlobal(parent.rect().topLeft())
            self.move(top.x() + (parent.width() - self.width()) // 2, top.y() + 60)
        super().showEvent(event)
        self.input.setFocus()


def show_tag(window, name: str) -> None:
    """Filter the table to one tag, as a click on it in the sidebar does."""
    if name not in window.tag_panel.counts():  # added since the sidebar was filled (the CLI)
        window.tag_panel.set_tags(window.library.tags(), window.library.total())
    window.tag_panel.select_tags([name])


def reveal_paper(window, paper_id: int) -> None:
    """Select a paper in the table; if the current search hides it, show all papers first."""
    if window.model.find_row(paper_id) is not None:
        window.select_ids([paper_id])
        window.table.setFocus()
        return

    def select_when_listed() -> None:
        window.model.refreshed.disconnect(select_when_listed)
        window.select_ids([paper_id])
        window.table.setFocus()

    window.model.refreshed.connect(select_when_listed)
    window.tag_panel.selectionModel().clearSelection()
    window.search_field.clear()
    window.apply_search()


def palette_action(window) -> QAction:
    """The window's action that opens the palette (both shortcuts)."""
    action = QAction("&Command Palette…", window)
    action.setShortcuts([QKeySequence(s) for s in SHORTCUTS])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setProperty("paletteHidden", True)  # the palette does not list itself
    action.triggered.connect(lambda: open_palette(window))
    return action


def open_palette(window) -> CommandPalette:
    """A fresh palette (tags, lists and actions as they are now) over the window."""
    palette = CommandPalette(window)
    palette.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    window.palette = palette
    palette.open()
    return palette
