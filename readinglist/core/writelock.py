"""One writer at a time for the long writes: import, backup and restore.

SQLite serialises transactions, but a restore is two steps (a safety backup,
then the copy over the library): an import committing between them would be
in neither. So these three take an advisory lock on ``LIBRARY.writelock``
(flock: released by the system if the process dies) for their whole run; a
second one waits up to ``wait`` seconds, then says who is busy. Where flock
is missing (Windows) or the folder is read-only, there is no lock and SQLite's
own locking is all there is.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from readinglist.core.models import LibraryError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

WAIT_SECONDS = 60.0
POLL_SECONDS = 0.05


class Busy(LibraryError):
    """Another import, backup or restore kept the library for longer than we waited."""


def lock_path(library: Path) -> Path:
    return library.with_name(library.name + ".writelock")


@contextmanager
def write_lock(
    library: Path,
    doing: str,
    wait: float = WAIT_SECONDS,
    cancelled: Callable[[], bool] | None = None,
) -> Iterator[None]:
    """Hold the library's write lock; raise Busy after ``wait`` seconds of waiting."""
    if fcntl is None:
        yield
        return
    try:
        fd = os.open(lock_path(library), os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    except OSError:
        yield  # a read-only folder: nothing can write the library anyway
        return
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if cancelled is not None and cancelled():
                    from readinglist.core.models import ImportCancelled

                    raise ImportCancelled() from None
                if time.monotonic() >= deadline:
                    raise Busy(
                        f"{library}: another readinglist is importing, backing up or "
                        f"restoring; waited {wait:.0f} s before {doing}. Try again when "
                        "it is done"
                    ) from None
                time.sleep(POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
