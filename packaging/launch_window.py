"""Entry point of the bundled window (Windows and macOS): `readinglist gui ARGS...`.

Start menus, Finder and Explorer pass only file names, so the subcommand is added here.
"""

import sys

from readinglist.cli import main

sys.exit(main(["gui", *sys.argv[1:]]))
