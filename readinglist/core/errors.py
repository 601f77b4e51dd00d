"""Any exception -> one plain sentence naming its real cause and what to do.

Every entry point (CLI command, window action, worker thread) passes what it
catches to ``explain``: the sentence says what went wrong (disk full,
read-only, no permission, locked, too complex, damaged, ...) and what to do,
and the full traceback goes to a log file in the user's state folder
(``READINGLIST_LOG_DIR`` overrides it), whose path the sentence names.
"Damaged" is said only after SQLite's ``PRAGMA integrity_check`` fails.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import traceback
from dataclasses import dataclass
from pathlib import Path

from readinglist.core import clock
from readinglist.core.read_only import connect_read_only

LOG_ENV = "READINGLIST_LOG_DIR"
LOG_NAME = "readinglist.log"
MAX_LOG = 1 << 20  # the log is rotated once beyond 1 MiB, so it never fills a disk

# Error kinds; the sentence for each says what to do.
DISK_FULL = "disk full"
READ_ONLY = "read-only"
PERMISSION = "permission"
LOCKED = "locked"
TOO_COMPLEX = "too complex"
DAMAGED = "damaged"
NOT_FOUND = "not found"
NAME = "bad name"
MEMORY = "memory"
IO = "input/output"
INTERRUPTED = "interrupted"
UNEXPECTED = "unexpected"


@dataclass(frozen=True)
class Problem:
    kind: str
    doing: str  # what failed: "import", "the export", ...
    sentence: str  # the cause and what to do
    log: Path | None = None

    def __str__(self) -> str:
        text = f"{self.doing} failed: {self.sentence}"
        return text if self.log is None else f"{text} (details in {self.log})"


def log_dir() -> Path:
    if os.environ.get(LOG_ENV):
        return Path(os.environ[LOG_ENV]).expanduser()
    import platformdirs

    return Path(platformdirs.user_state_dir("readinglist", appauthor=False))


def write_log(exc: BaseException, doing: str) -> Path | None:
    """Append the traceback to the log; None when even that fails (a full disk, say)."""
    path = log_dir() / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG:
            os.replace(path, path.with_name(LOG_NAME + ".1"))
        text = "".join(traceback.format_exception(exc))
        with open(path, "a", encoding="utf-8", errors="backslashreplace") as log:
            log.write(f"--- {clock.now():%Y-%m-%d %H:%M:%S} while {doing}\n{text}\n")
        return path
    except OSError:
        return None


def explain(
    exc: BaseException, doing: str = "working", library: Path | None = None, log: bool = True
) -> Problem:
    """The problem behind exc, worded for the user; the traceback is logged."""
    kind, sentence = classify(exc, library)
    where = write_log(exc, doing) if log else None
    return Problem(kind, doing, sentence, where)


def classify(exc: BaseException, library: Path | None = None) -> tuple[str, str]:
    """(kind, sentence) by the real cause, looking through the chain of causes."""
    for cause in _chain(exc):
        found = _classify_one(cause, library)
        if found is not None:
            return found
    return UNEXPECTED, (
        f"an unexpected error ({type(exc).__name__}: {_short(exc)}); nothing was lost "
        "that had been saved. Please report it with the log"
    )


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _short(exc: BaseException, limit: int = 200) -> str:
    text = str(exc)
    return text if len(text) <= limit else text[:limit] + "…"


_ERRNO_KINDS = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EROFS: READ_ONLY,
    errno.EACCES: PERMISSION,
    errno.EPERM: PERMISSION,
    errno.ENAMETOOLONG: NAME,
    errno.ENOENT: NOT_FOUND,
    errno.ENOTDIR: NOT_FOUND,
    errno.EISDIR: NAME,
    errno.EEXIST: NAME,
    errno.ELOOP: NAME,
    errno.ENOMEM: MEMORY,
    errno.EIO: IO,
}


def _classify_one(exc: BaseException, library: Path | None) -> tuple[str, str] | None:
    if isinstance(exc, KeyboardInterrupt):
        return INTERRUPTED, "interrupted (Ctrl+C); what was not finished was rolled back"
    if isinstance(exc, sqlite3.Error):
        return _classify_sqlite(exc, library)
    if isinstance(exc, OSError) and exc.errno in _ERRNO_KINDS:
        return _classify_os(exc)
    if isinstance(exc, RecursionError):
        return TOO_COMPLEX, "the input is nested too deeply; simplify it and try again"
    if isinstance(exc, MemoryError):
        return MEMORY, "not enough memory; close other programs or work on less at once"
    if isinstance(exc, OverflowError):
        return TOO_COMPLEX, "a number is too large (at most 64 bits); use a smaller one"
    if isinstance(exc, UnicodeError):
        return NAME, (
            "the text holds bytes that are not valid text (is it a binary file?); "
            "give plain UTF-8 text"
        )
    return None


def _classify_os(exc: OSError) -> tuple[str, str]:
    name = exc.filename if exc.filename is not None else "a file"
    code = exc.errno or 0
    kind = _ERRNO_KINDS.get(code, IO)
    if kind == DISK_FULL:
        return kind, f"the disk is full (writing {name}); free some space and try again"
    if kind == READ_ONLY:
        return kind, f"{name} is on a read-only disk; choose a place you can write to"
    if kind == PERMISSION:
        return kind, f"no permission to use {name}; check its permissions or choose another"
    if code == errno.ENAMETOOLONG:
        return kind, f"the file name is too long ({name}); choose a shorter one"
    if code == errno.EISDIR:
        return kind, f"{name} is a folder, not a file; give a file name"
    if code == errno.EEXIST:
        return kind, f"{name} is a file where a folder is needed; choose another place"
    if code == errno.ELOOP:
        return kind, f"{name} is a symbolic link; links are not followed, choose another place"
    if code == errno.ENOTDIR:
        return kind, f"a part of {name} is a file, not a folder; choose another place"
    if kind == NOT_FOUND:
        return kind, f"{name}: no such file or folder; check the path"
    if kind == MEMORY:
        return kind, "not enough memory; close other programs or work on less at once"
    return kind, f"the disk could not be read or written ({name}); check the disk"


_TOO_COMPLEX_TEXTS = (
    "expression tree is too large",
    "too many sql variables",
    "parser stack overflow",
    "too many terms",
    "pattern too complex",
    "string or blob too big",
    "too many columns",
)


def _classify_sqlite(exc: sqlite3.Error, library: Path | None) -> tuple[str, str]:
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == 13 or "disk is full" in text or _no_space(library):  # SQLITE_FULL
        return DISK_FULL, (
            "the disk is full; nothing was changed by this step. Free some space and try again"
        )
    if primary == 8 or "readonly" in text or "read-only" in text or _read_only(library):
        return READ_ONLY, (
            f"the library {_named(library)}is read-only (the file or its folder); "
            "make both writable or open another library"
        )
    if primary in (5, 6) or "locked" in text or "busy" in text:  # BUSY, LOCKED
        return LOCKED, "the library is busy: another readinglist is writing to it; try again"
    if primary in (3, 23):  # PERM, AUTH
        where = f" {library}" if library is not None else ""  # no space before the ";"
        return PERMISSION, f"no permission to use the library{where}; check it"
    if primary == 14 or "unable to open" in text:  # CANTOPEN
        return PERMISSION, (
            f"the library {_named(library)}cannot be opened: its folder is missing, "
            "not writable, or the path is a folder; choose another path with --db"
        )
    if primary == 18 or any(t in text for t in _TOO_COMPLEX_TEXTS):  # TOOBIG
        return TOO_COMPLEX, (
            "the request is too complex (too many terms or too deeply nested); simplify it"
        )
    if primary == 7:  # NOMEM
        return MEMORY, "not enough memory; close other programs or work on less at once"
    if primary == 10 or "disk i/o" in text:  # IOERR
        return IO, "the disk could not be read or written; check the disk and try again"
    if primary in (11, 26) or "malformed" in text or "not a database" in text:
        if library is not None and not intact(library):
            return DAMAGED, (
                f"the library {_named(library)}is damaged (its integrity check fails); "
                "'readinglist restore' lists the backups to go back to"
            )
        return IO, f"the library could not be read ({_short(exc)}); try again"
    return (UNEXPECTED, f"a database error ({_short(exc)}); nothing was changed by this step")


def _read_only(library: Path | None) -> bool:
    """The library's disk is mounted read-only (SQLite then often says "cannot open")."""
    if library is None:
        return False
    try:
        return bool(os.statvfs(library.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _no_space(library: Path | None) -> bool:
    """A full disk shows up as an I/O error when SQLite cannot grow its shared memory."""
    if library is None:
        return False
    try:
        return shutil.disk_usage(library.parent).free < 64 * 1024
    except OSError:
        return False


def _named(library: Path | None) -> str:
    return f"{library} " if library is not None else ""


def intact(library: Path) -> bool:
    """SQLite's own integrity check, on a separate read-only connection."""
    try:
        conn = connect_read_only(library, timeout=5)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc) or "busy" in str(exc)  # in use, not known to be damaged
    except sqlite3.Error:
        return False
