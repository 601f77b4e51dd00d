"""Every write the window makes to the library, one call each (Anki's aqt/operations).

Paper edits (tags, ratings, status, notes, deletes, merges) are the
Annotator's; triage decisions, smart lists, dismissed duplicate pairs,
backups and restores are here. Each is one core Library call: undoable ones
go on the undo stack as a command, the others (a backup, a restore, "not
duplicates") run at once. All of them fail the same way: a sentence in the
window, never a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

from PySide6.QtGui import QUndoStack

from readinglist.core.backup import Backup
from readinglist.core.discover import triage
from readinglist.core.library import Library, LibraryError
from readinglist.core.query import QueryError, parse
from readinglist.core.wording import plural
from readinglist.gui.annotator import Annotator
from readinglist.gui.commands import LibraryCommand, View
from readinglist.gui.error_policy import problem_text

T = TypeVar("T")
VERBS = {"keep": "Keep", "skip": "Skip", "later": "Later", None: "Back to Inbox"}
RESTORE_WAIT_SECONDS = 5  # for another process's import; the window must not hang longer


class TriageCommand(LibraryCommand):
    """Keep, skip, later or back to the inbox, for a selection; undo puts back each one's."""

    def __init__(self, library: Library, view: View, ids: Sequence[int], decision: str | None):
        super().__init__(f"{VERBS[decision]} {plural(len(ids), 'Paper')}", library, view)
        self.ids, self.decision = list(ids), decision
        self.previous: dict[int, str | None] = {}

    def do(self) -> None:
        self.previous = triage.set_triage(self.library, self.ids, self.decision)
        if not self.previous:
            self.setObsolete(True)  # already so: nothing to undo
        self.view.papers_changed(list(self.previous))  # rows, preview, a ranking build

    def undo_it(self) -> None:
        self.view.papers_changed(triage.restore_triage(self.library, self.previous))


class SmartListCommand(LibraryCommand):
    """One change of saved searches; undo puts the named ones back as they were."""

    def __init__(
        self,
        text: str,
        library: Library,
        view: View,
        names: list[str],
        apply: Callable[[Library], None],
        after: Callable[[], None],
    ) -> None:
        super().__init__(text, library, view)
        self.names, self.apply, self.after = names, apply, after
        self.before: dict[str, str | None] = {}
        self.done = False  # the first run succeeded (a failed one is dropped from the stack)

    def do(self) -> None:
        saved = dict(self.library.saved_searches())
        self.before = {name: saved.get(name) for name in self.names}
        try:
            self.apply(self.library)
            self.done = True
        finally:
            self.after()

    def undo_it(self) -> None:
        saved = dict(self.library.saved_searches())
        try:
            for name, query in self.before.items():
                if name in saved:
                    self.library.delete_saved_search(name)
                if query is not None:
                    self.library.save_search(name, query)
        finally:
            self.after()


class Operations:
    """The one layer the window writes through; ``annotate`` edits papers."""

    def __init__(self, library: Library, view: View, stack: QUndoStack) -> None:
        self.library = library
        self.view = view
        self.stack = stack
        self.annotate = Annotator(library, view, stack)
        self.smart_lists_changed: Callable[[], None] = lambda: None  # set by their controller

    def triage(self, ids: Sequence[int], decision: str | None) -> None:
        """Keep, skip, later, or None: back to the inbox (one undo step)."""
        self.stack.push(TriageCommand(self.library, self.view, ids, decision))

    def stop(self) -> None:
        self.annotate.stop()

    # -- smart lists (undoable) ------------------------------------------------------

    def save_search(self, name: str, text: str) -> bool:
        try:
            parse(text).clause()
        except QueryError as exc:
            self.view.show_error(f"Cannot save the search: {exc}")
            return False
        return self._lists(
            f"Save Smart List “{name}”", [name], lambda lib: lib.save_search(name, text)
        )

    def rename_search(self, old: str, new: str) -> bool:
        text = f"Rename Smart List “{old}” to “{new}”"
        return self._lists(text, [old, new], lambda lib: lib.rename_saved_search(old, new))

    def delete_search(self, name: str) -> bool:
        return self._lists(
            f"Delete Smart List “{name}”", [name], lambda lib: lib.delete_saved_search(name)
        )

    def _lists(self, text: str, names: list[str], apply: Callable[[Library], None]) -> bool:
        names = list(dict.fromkeys(" ".join(n.split()) for n in names))  # as the core keys them
        after = self.smart_lists_changed
        command = SmartListCommand(text, self.library, self.view, names, apply, after)
        self.stack.push(command)
        return command.done

    # -- not undoable: one call, the same failure policy ------------------------------

    def dismiss_duplicate(self, a: int, b: int) -> str | None:
        """Mark a pair as not duplicates; the reason it failed, or None."""
        try:
            self.library.dismiss_duplicate(a, b)
        except LibraryError as exc:
            return str(exc)
        return None

    def back_up(self) -> Backup | None:
        return self._once("the backup", lambda: self.library.backup())

    def restore(self, path: Path) -> Backup | None:
        """Replace the library with a backup (the current state is backed up first)."""
        safety = self._once(
            "the restore", lambda: self.library.restore(path, wait=RESTORE_WAIT_SECONDS)
        )
        if safety is not None:
            self.stack.clear()  # the undo history belongs to the replaced library
        return safety

    def _once(self, doing: str, call: Callable[[], T]) -> T | None:
        try:
            return call()
        except LibraryError as exc:
            self.view.show_error(str(exc))
        except Exception as exc:  # noqa: BLE001 - the policy: one sentence, the log
            self.view.show_error(problem_text(exc, doing, self.library.path))
        return None
