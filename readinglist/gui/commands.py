"""Undo commands: each wraps one core Library call (QUndoStack over core operations).

Annotation edits snapshot the papers they touch before each redo and restore
that snapshot on undo, so one bulk edit is one undo step whatever it changed.
The core's result (the ids it changed) tells the window what to refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtGui import QUndoCommand

from readinglist.core.library import Library, LibraryError
from readinglist.core.merging import MergeResult
from readinglist.core.models import DeletedPapers
from readinglist.core.wording import plural
from readinglist.gui.edit_worker import EditWorker
from readinglist.gui.error_policy import problem_text

NOTE_COMMAND_ID = 1


class View(Protocol):
    """What a command tells the window after it ran."""

    def papers_changed(self, ids: list[int]) -> None: ...
    def reload(self) -> None: ...
    def show_error(self, message: str) -> None: ...


class LibraryCommand(QUndoCommand):
    """A command whose failure (a busy library, say) is shown and leaves the stack clean."""

    def __init__(self, text: str, library: Library, view: View) -> None:
        super().__init__(text)
        self.library = library
        self.view = view

    def redo(self) -> None:
        try:
            self.do()
        except LibraryError as exc:
            self.setObsolete(True)
            self.view.show_error(f"{self.text()} failed: {exc}")
        except Exception as exc:  # noqa: BLE001 - disk full, read-only...: one sentence
            self.setObsolete(True)
            self.view.show_error(problem_text(exc, self.text(), self.library.path))

    def undo(self) -> None:
        try:
            self.undo_it()
        except LibraryError as exc:
            self.view.show_error(f"Undo {self.text()} failed: {exc}")
        except Exception as exc:  # noqa: BLE001
            self.view.show_error(problem_text(exc, f"Undo {self.text()}", self.library.path))

    def do(self) -> None:
        raise NotImplementedError

    def undo_it(self) -> None:
        raise NotImplementedError


class AnnotateCommand(LibraryCommand):
    """One edit of any number of papers; with ``edits``, it runs in that worker thread.

    The snapshot for undo is read by the same job, just before the edit, so
    an undo queued behind a running edit puts back exactly what it changed.
    """

    def __init__(
        self,
        text: str,
        library: Library,
        view: View,
        ids: Sequence[int],
        apply: Callable[[Library], list[int]],
        edits: EditWorker | None = None,
    ) -> None:
        super().__init__(text, library, view)
        self.ids = list(ids)
        self.apply = apply
        self.edits = edits
        self.snapshot: dict = {}

    def _edit(self, library: Library) -> list[int]:
        self.snapshot = library.annotations(self.ids)
        return self.apply(library)

    def do(self) -> None:
        if self.edits is not None:
            _status(self.view, f"{self.text()}…")
            self.edits.submit(self._edit, self._applied, self._failed)
            return
        self._applied(self._edit(self.library))

    def _applied(self, changed) -> None:
        if not changed:
            self.setObsolete(True)  # nothing happened: keep it off the stack
        if self.edits is not None:
            _status(self.view, f"{self.text()}: {len(changed)} changed")
        self.view.papers_changed(changed)

    def _failed(self, exc: Exception, doing: str = "") -> None:
        self.setObsolete(True)
        reason = str(exc) if isinstance(exc, LibraryError) else problem_text(exc, "the edit")
        self.view.show_error(f"{doing}{self.text()} failed: {reason}")

    def undo_it(self) -> None:
        if self.edits is not None:
            self.edits.submit(
                lambda library: library.restore_annotations(self.snapshot),
                self.view.papers_changed,
                lambda exc: self._failed(exc, "Undo "),
            )
            return
        self.view.papers_changed(self.library.restore_annotations(self.snapshot))


def _status(view: View, text: str) -> None:
    show = getattr(view, "show_status", None)  # the window has a status bar; tests may not
    if show is not None:
        show(text)


class NoteCommand(LibraryCommand):
    """One editing session of one paper's note; autosaves within it merge."""

    def __init__(
        self, library: Library, view: View, paper_id: int, old: str, new: str, session: int
    ) -> None:
        super().__init__("Edit Note", library, view)
        self.paper_id = paper_id
        self.old, self.new = old, new
        self.session = session

    def id(self) -> int:  # noqa: A003 (Qt's name)
        return NOTE_COMMAND_ID

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802
        if not isinstance(other, NoteCommand):
            return False
        if (other.paper_id, other.session) != (self.paper_id, self.session):
            return False
        self.new = other.new
        return True

    def do(self) -> None:
        self.library.set_note(self.paper_id, self.new)
        self.view.papers_changed([self.paper_id])

    def undo_it(self) -> None:
        self.library.set_note(self.paper_id, self.old)
        self.view.papers_changed([self.paper_id])


class DeleteCommand(LibraryCommand):
    def __init__(self, library: Library, view: View, ids: Sequence[int]) -> None:
        count = len(ids)
        super().__init__(f"Delete {plural(count, 'Paper')}", library, view)
        self.ids = list(ids)
        self.deleted: DeletedPapers | None = None

    def do(self) -> None:
        self.deleted = self.library.delete_papers(self.ids)
        self.view.reload()

    def undo_it(self) -> None:
        self.library.restore_papers(self.deleted)
        self.view.reload()


class MergeCommand(LibraryCommand):
    def __init__(
        self,
        library: Library,
        view: View,
        keep: int,
        other: int,
        title_from: int,
        abstract_from: int,
    ) -> None:
        super().__init__("Merge Duplicate Papers", library, view)
        self.args = (keep, other, title_from, abstract_from)
        self.result: MergeResult | None = None

    def do(self) -> None:
        self.result = self.library.merge_papers(*self.args)
        self.view.reload()

    def undo_it(self) -> None:
        self.library.unmerge(self.result)
        self.view.reload()
