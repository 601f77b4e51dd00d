"""Precision at 10 of tag suggestions and of the inbox on the sample digests.

    python tests/perf/discover_quality.py

Each measurement starts from a fresh import of tests/fixtures/digests into a
temporary library; topics are the papers whose title holds the word. The same
measurements, with thresholds, run in tests/test_discover_quality.py.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS))

from discover_quality import inbox_precision, suggestion_precision  # noqa: E402

from readinglist.core.library import Library  # noqa: E402


def fresh_library(folder: str) -> Library:
    library = Library(Path(folder) / "library.sqlite")
    library.import_files([TESTS / "fixtures" / "digests"])
    return library


def main() -> int:
    for word in ("diffusion", "quantum"):
        with tempfile.TemporaryDirectory() as folder, fresh_library(folder) as library:
            result = suggestion_precision(library, word)
            print(result.line())
            for title in result.hits:
                print(f"    {title}")
    for liked, disliked in (("diffusion", "quantum"), ("quantum", "diffusion")):
        with tempfile.TemporaryDirectory() as folder, fresh_library(folder) as library:
            for result in inbox_precision(library, liked, disliked):
                print(result.line())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
