"""Copy the canonical files in resources/ into the package (readinglist/resources/).

    python packaging/sync_resources.py          # copy what changed
    python packaging/sync_resources.py --check  # exit 1 if a copy is missing or stale

resources/ is where packagers and validators look; the copies are what `pip install .`
ships, because only the readinglist package gets installed. Standard library only, so it
runs before anything is installed.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "resources"
PACKAGE = ROOT / "readinglist" / "resources"
APP_ID = "io.github.readinglist.ReadingList"
FILES = ("readinglist.svg", f"{APP_ID}.desktop", f"{APP_ID}.metainfo.xml")


def stale() -> list[str]:
    """Names whose package copy is missing or differs from resources/."""
    return [
        name
        for name in FILES
        if not (PACKAGE / name).is_file()
        or not filecmp.cmp(SOURCE / name, PACKAGE / name, shallow=False)
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only report stale copies")
    args = parser.parse_args(argv)
    names = stale()
    if args.check:
        for name in names:
            print(f"stale: readinglist/resources/{name} (run python packaging/sync_resources.py)")
        return 1 if names else 0
    for name in names:
        shutil.copyfile(SOURCE / name, PACKAGE / name)
        print(f"copied resources/{name} -> readinglist/resources/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
