"""The cache beside the library: ``<library>.discover/``.

Each build writes a new generation folder (``g<N>/``) and then replaces
``current.json`` atomically, so a reader always sees one whole generation.
Files a build did not change are hard links into the previous generation.
Arrays are ``.npy`` files that readers map read-only: a window that asks for
related papers touches only the pages of the terms involved.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from pathlib import Path
from typing import Any

CURRENT = "current.json"
LOCK = "build.lock"
FEATURE_FILES = (
    "ids.npy",
    "csr_indptr.npy",
    "csr_indices.npy",
    "csr_data.npy",
    "csc_indptr.npy",
    "csc_indices.npy",
    "csc_data.npy",
    "terms.json",
    "vectorizer.pkl",
)


def cache_dir(library_path: Path) -> Path:
    return library_path.with_name(library_path.name + ".discover")


def read_current(folder: Path) -> dict | None:
    """The meta of the current generation, or None when there is none (or it is unreadable)."""
    try:
        meta = json.loads((folder / CURRENT).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or not (folder / str(meta.get("generation"))).is_dir():
        return None
    return meta


def new_generation(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    numbers = [int(p.name[1:]) for p in folder.glob("g*") if p.name[1:].isdigit()]
    path = folder / f"g{max(numbers, default=0) + 1}"
    path.mkdir()
    return path


def link_from(previous: Path, target: Path, names: tuple[str, ...]) -> None:
    for name in names:
        source = previous / name
        if source.exists():
            try:
                os.link(source, target / name)
            except OSError:  # a file system without hard links
                shutil.copy2(source, target / name)


def publish(folder: Path, generation: Path, meta: dict) -> None:
    """Make a generation current (atomic rename) and remove the older ones."""
    meta = {**meta, "generation": generation.name}
    temporary = folder / (CURRENT + ".tmp")
    temporary.write_text(json.dumps(meta, indent=1), encoding="utf-8")
    os.replace(temporary, folder / CURRENT)
    for old in folder.glob("g*"):
        if old.is_dir() and old.name != generation.name:
            shutil.rmtree(old, ignore_errors=True)  # open maps stay valid on POSIX


def save_array(generation: Path, name: str, array: Any) -> None:
    import numpy as np

    np.save(generation / name, np.ascontiguousarray(array), allow_pickle=False)


def load_array(generation: Path, name: str) -> Any:
    import numpy as np

    return np.load(generation / name, mmap_mode="r", allow_pickle=False)


@contextlib.contextmanager
def build_lock(folder: Path):
    """One build at a time per library; yields False when another holds the lock."""
    folder.mkdir(parents=True, exist_ok=True)
    handle = (folder / LOCK).open("a")
    try:
        try:
            import fcntl

            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # Windows: no flock; builds are rare enough to share
            pass
        except OSError:
            yield False
            return
        yield True
    finally:
        handle.close()
