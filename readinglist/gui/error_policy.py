"""The window's side of the error policy (core/errors.py): a sentence, never a traceback.

Window actions that expect a failure catch it and call ``show_problem``;
anything else that escapes a slot reaches ``sys.excepthook``, which Qt calls
for exceptions in slots: there it is logged and shown in a message box
instead of printed to stderr. Exceptions escaping a Python thread are logged.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Protocol

from readinglist.core.errors import explain, write_log


class ShowsErrors(Protocol):
    def show_error(self, message: str) -> None: ...


def problem_text(exc: BaseException, doing: str, library: Path | None = None) -> str:
    text = str(explain(exc, doing, library))
    return text[:1].upper() + text[1:]


def install(window: ShowsErrors, library: Path):
    """Route exceptions that escape slots and threads to the log and the window.

    Returns a function that puts the previous hooks back (tests use it).
    """
    previous = sys.excepthook, threading.excepthook

    def slot_hook(kind, exc, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        try:
            window.show_error(problem_text(exc.with_traceback(tb), "the last action", library))
        except Exception:  # noqa: BLE001 - never recurse into the hook
            write_log(exc, "showing an error")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            write_log(args.exc_value, f"thread {getattr(args.thread, 'name', '?')}")

    sys.excepthook = slot_hook
    threading.excepthook = thread_hook

    def uninstall() -> None:
        sys.excepthook, threading.excepthook = previous

    return uninstall
