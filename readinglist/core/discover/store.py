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
DELTA_FILES = ("delta_ids.npy", "delta_indptr.npy", "delta_indices.npy", "delta_data.npy")
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

    return np.load(generation / name, allow_pickle=False)


class ArrayFile:
    """Slices of a large .npy array read from the file on demand (pread).

    Not a memory map: the pages a map touches stay in the window's resident size,
    while these reads are copies the window drops when done.
    """

    def __init__(self, path: Path) -> None:
        import numpy as np

        with path.open("rb") as source:
            major, _ = np.lib.format.read_magic(source)
            read_header = (
                np.lib.format.read_array_header_1_0
                if major == 1
                else np.lib.format.read_array_header_2_0
            )
            shape, _, dtype = read_header(source)
            self.offset = source.tell()
        self.dtype, self.length = np.dtype(dtype), int(shape[0])
        self.file = path.open("rb")

    def __len__(self) -> int:
        return self.length

    def read(self, start: int, end: int) -> Any:
        import numpy as np

        size = self.dtype.itemsize
        count = max(0, min(end, self.length) - start)
        if hasattr(os, "pread"):
            data = os.pread(self.file.fileno(), count * size, self.offset + start * size)
        else:  # Windows
            self.file.seek(self.offset + start * size)
            data = self.file.read(count * size)
        return np.frombuffer(data, dtype=self.dtype)

    def close(self) -> None:
        self.file.close()


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
