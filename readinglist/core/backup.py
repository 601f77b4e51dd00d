"""Online backups of the library (SQLite's backup API) and restoring one.

Backups go to a ``backups/`` folder beside the library, named by time and
reason; the newest ``keep`` are kept. They are taken before every migration,
once a day of use, on request, and before a restore replaces the library.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from readinglist.core import clock
from readinglist.core.atomic import fsync_file
from readinglist.core.read_only import connect_read_only
from readinglist.core.schema import SCHEMA_VERSION

DEFAULT_KEEP = 10
DAY = dt.timedelta(days=1)


class BackupError(Exception):
    pass


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: dt.datetime
    reason: str

    def describe(self) -> str:
        size = self.path.stat().st_size / 1e6
        return f"{self.taken:%Y-%m-%d %H:%M:%S} ({self.reason}, {size:.1f} MB)"


def backup_folder(library: Path) -> Path:
    return library.parent / "backups"


def list_backups(library: Path) -> list[Backup]:
    """The library's backups, newest first."""
    found = []
    for path in backup_folder(library).glob(f"{library.stem}-*.sqlite"):
        parts = path.stem[len(library.stem) + 1 :].split("-", 2)
        try:
            taken = dt.datetime.strptime(f"{parts[0]}-{parts[1]}", "%Y%m%d-%H%M%S%f")
        except (ValueError, IndexError):
            continue
        found.append(Backup(path, taken, parts[2] if len(parts) > 2 else "manual"))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def take_backup(
    conn: sqlite3.Connection, library: Path, reason: str, keep: int = DEFAULT_KEEP
) -> Backup:
    """Copy the open library into backups/ while it stays in use; prune to ``keep``."""
    folder = backup_folder(library)
    folder.mkdir(parents=True, exist_ok=True)
    now = clock.now()
    name = f"{library.stem}-{now:%Y%m%d-%H%M%S%f}-{reason}.sqlite"
    # Written under a name list_backups ignores and renamed once whole: a full disk
    # leaves no cut-off file that would pass for the newest backup.
    partial = folder / f".{name}.partial"
    try:
        target = sqlite3.connect(partial)
        try:
            conn.backup(target)
        finally:
            target.close()
        fsync_file(partial)
        os.replace(partial, folder / name)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    for old in list_backups(library)[max(1, keep) :]:
        old.path.unlink(missing_ok=True)
    return Backup(folder / name, now, reason)


def due(library: Path) -> bool:
    """No backup in the last day."""
    backups = list_backups(library)
    return not backups or clock.now() - backups[0].taken > DAY


def check_backup(path: Path) -> int:
    """Raise BackupError unless path is a whole readinglist library; return its schema."""
    if not path.is_file():
        raise BackupError(f"{path}: no such backup")
    try:
        conn = connect_read_only(path)
        try:
            if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError(f"{path}: the backup is damaged")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path}: not a readinglist backup ({exc})") from exc
    if "papers" not in tables:
        raise BackupError(f"{path}: not a readinglist backup (no papers table)")
    if version > SCHEMA_VERSION:
        raise BackupError(f"{path}: made by a newer readinglist (schema {version})")
    return version


def restore_into(backup: Path, target: sqlite3.Connection) -> None:
    """Replace the open library's content with the backup's, in one step."""
    check_backup(backup)
    source = connect_read_only(backup)
    try:
        source.backup(target)
    finally:
        source.close()
