"""Opening files to import: regular files only, never blocking, always cancellable.

A named pipe, a device or a socket is refused with a sentence (reading one
would wait forever, inside the import's write transaction). Files are opened
non-blocking and checked with fstat on the open descriptor, so a pipe swapped
in after a check cannot block either. Reads go through a raw reader that
calls ``check`` every 64 KB, so Cancel stops an import within one read
even inside a 50 MB line.
"""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

CHUNK = 64 * 1024

Check = Callable[[], None]  # raises to stop (ImportCancelled)


class NotARegularFile(Exception):
    """A path that is not a regular file; the message says what it is."""


def kind_of(mode: int) -> str | None:
    """What a special file is, or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "a special file"


def refusal(path: Path) -> str | None:
    """Why path cannot be imported as a file, or None if it is a regular file (or missing)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return None  # the opening will say what is wrong
    kind = kind_of(mode)
    return f"{kind}, not a regular file: only files are imported" if kind else None


class _CancellableReader(io.RawIOBase):
    def __init__(self, fd: int, check: Check | None) -> None:
        self.fd = fd
        self.check = check

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.check is not None:
            self.check()
        view = memoryview(buffer)[:CHUNK]
        return os.readv(self.fd, [view])

    def fileno(self) -> int:
        return self.fd

    def close(self) -> None:
        if not self.closed:
            os.close(self.fd)
        super().close()


def open_regular(path: str | Path, check: Check | None = None) -> io.BufferedReader:
    """A buffered binary reader on a regular file; NotARegularFile for anything else."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind:
            raise NotARegularFile(f"{kind}, not a regular file: only files are imported")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return io.BufferedReader(_CancellableReader(fd, check), buffer_size=CHUNK)
