"""Read-only SQLite connections to a file, whatever characters its path holds."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect_read_only(path: Path, timeout: float = 5.0) -> sqlite3.Connection:
    """Open the SQLite file at ``path`` for reading only.

    SQLite takes "read-only" only in a file: URI, where a '#', '?' or '%' of a
    plain path would read as URI syntax (a library in "papers #1/" would open
    "papers "); ``Path.as_uri`` escapes them.
    """
    uri = Path(path).absolute().as_uri() + "?mode=ro"
    return sqlite3.connect(uri, uri=True, timeout=timeout)
