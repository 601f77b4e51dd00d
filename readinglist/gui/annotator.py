"""GUI annotation operations: each one core Library call in an undo command.

Like Anki's ``aqt/operations``: the window asks (dialogs, confirmations), this
module turns the answer into one command on the undo stack, and the core's
result tells the window which rows to refresh.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from readinglist.core.library import Library
from readinglist.core.schema import STATUSES
from readinglist.core.wording import plural
from readinglist.gui import plain_text
from readinglist.gui.commands import (
    AnnotateCommand,
    DeleteCommand,
    MergeCommand,
    NoteCommand,
    View,
)
from readinglist.gui.edit_worker import EditWorker
from readinglist.gui.tag_editor import TagDialog

BULK_ABOVE = 200  # papers; an edit of this many runs off the GUI thread


def _papers(ids: Sequence[int]) -> str:
    return plural(len(ids), "Paper")


class Annotator:
    def __init__(self, library: Library, view: View, stack: QUndoStack) -> None:
        self.library = library
        self.view = view
        self.stack = stack
        self.note_session = 0
        self.edits: EditWorker | None = None  # started by the first bulk edit

    # -- edits -------------------------------------------------------------------

    def add_tags(self, ids: Sequence[int], names: Sequence[str]) -> None:
        if ids and names:
            text = f"Tag {_papers(ids)} “{', '.join(names)}”"
            self._push(text, ids, lambda lib: lib.add_tags(ids, names))

    def remove_tags(self, ids: Sequence[int], names: Sequence[str]) -> None:
        if ids and names:
            text = f"Untag {_papers(ids)} “{', '.join(names)}”"
            self._push(text, ids, lambda lib: lib.remove_tags(ids, names))

    def set_rating(self, ids: Sequence[int], rating: int) -> None:
        if ids:
            text = f"Rate {_papers(ids)} {rating}" if rating else f"Clear Rating of {_papers(ids)}"
            self._push(text, ids, lambda lib: lib.set_rating(ids, rating))

    def set_status(self, ids: Sequence[int], status: str) -> None:
        if ids:
            text = f"Mark {_papers(ids)} {status.capitalize()}"
            self._push(text, ids, lambda lib: lib.set_status(ids, status))

    def cycle_status(self, ids: Sequence[int]) -> None:
        """unread -> reading -> read -> unread, from the first paper's status."""
        if ids:
            current = self.library.annotations(ids[:1])[ids[0]].status
            self.set_status(ids, STATUSES[(STATUSES.index(current) + 1) % len(STATUSES)])

    def save_note(self, paper_id: int, text: str) -> None:
        old = self.library.annotations([paper_id])[paper_id].note
        if old != text:
            self.stack.push(
                NoteCommand(self.library, self.view, paper_id, old, text, self.note_session)
            )

    def end_note_session(self) -> None:
        """The next note save starts a new undo step."""
        self.note_session += 1

    def rename_tag(self, old: str, new: str) -> None:
        ids = sorted(set(self.library.tagged_ids(old)) | set(self.library.tagged_ids(new)))
        self._push(f"Rename Tag “{old}” to “{new}”", ids, lambda lib: lib.rename_tag(old, new))

    def delete_tag(self, name: str) -> None:
        ids = self.library.tagged_ids(name)
        self._push(f"Delete Tag “{name}”", ids, lambda lib: lib.delete_tag(name))

    def delete_papers(self, ids: Sequence[int]) -> None:
        if ids:
            self.stack.push(DeleteCommand(self.library, self.view, ids))

    def merge(self, keep: int, other: int, title_from: int, abstract_from: int) -> None:
        self.stack.push(
            MergeCommand(self.library, self.view, keep, other, title_from, abstract_from)
        )

    def _push(self, text: str, ids: Sequence[int], apply) -> None:
        # Many papers: the edit runs in a thread, so typing stays fluid; so does any edit
        # queued behind one that runs, to keep their order.
        background = len(ids) >= BULK_ABOVE or (self.edits is not None and self.edits.busy)
        if background and self.edits is None:
            self.edits = EditWorker(self.library.path)
        edits = self.edits if background else None
        self.stack.push(AnnotateCommand(text, self.library, self.view, ids, apply, edits))

    def stop(self) -> None:
        """Let a running edit finish (it is one transaction) and end the thread."""
        if self.edits is not None:
            self.edits.stop()

    # -- asking the user first ---------------------------------------------------------

    def ask_add_tags(self, parent: QWidget, ids: Sequence[int]) -> TagDialog | None:
        if not ids:
            return None
        names = [name for name, _ in self.library.tags()]
        dialog = TagDialog(
            "Add Tags", f"Tags for {_papers(ids).lower()}, separated by commas:", names, parent
        )
        dialog.accepted.connect(lambda: self.add_tags(ids, dialog.edit.tags()))
        dialog.open()
        return dialog

    def ask_remove_tags(self, parent: QWidget, ids: Sequence[int]) -> TagDialog | None:
        if not ids:
            return None
        names = sorted(
            {t for a in self.library.annotations(ids).values() for t in a.tags}, key=str.casefold
        )
        dialog = TagDialog(
            "Remove Tags", f"Tags to remove from {_papers(ids).lower()}:", names, parent
        )
        dialog.edit.setText(", ".join(names))
        dialog.accepted.connect(lambda: self.remove_tags(ids, dialog.edit.tags()))
        dialog.open()
        return dialog

    def ask_rename_tag(self, parent: QWidget, name: str) -> None:
        new, ok = plain_text.get_text(
            parent,
            "Rename Tag",
            f"New name for “{name}” (an existing tag's name merges the two):",
            text=name,
        )
        if ok and new.strip() and new.strip() != name:
            self.rename_tag(name, new.strip())

    def ask_delete_tag(self, parent: QWidget, name: str) -> None:
        count = len(self.library.tagged_ids(name))
        if plain_text.ask(
            parent,
            "Delete Tag",
            f"Remove the tag “{name}” from {plural(count, 'paper')}? You can undo this (Ctrl+Z).",
        ):
            self.delete_tag(name)

    def ask_delete_papers(self, parent: QWidget, ids: Sequence[int]) -> None:
        if not ids:
            return
        answer = QMessageBox.question(
            parent,
            "Delete Papers",
            f"Delete {_papers(ids).lower()} with their tags and notes? "
            "You can undo this (Ctrl+Z) while the app is open.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.delete_papers(ids)
