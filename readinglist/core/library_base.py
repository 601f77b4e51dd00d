"""What the parts of Library share, declared once so that each part type-checks alone.

Library (library.py) is assembled from mixins, one concern each (importing,
annotating, saved searches, duplicates). They all write through the
connection and one transaction per edit, which Library provides.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from readinglist.core.models import Paper


class LibraryBase:
    path: Path
    conn: sqlite3.Connection

    if TYPE_CHECKING:  # defined by Library itself

        def _transaction(self) -> AbstractContextManager[sqlite3.Connection]: ...

        def papers(self, ids: Sequence[int], with_digests: bool = True) -> list[Paper]: ...
