"""Entry point of the bundled `readinglist` program: the command line (gui by default)."""

import sys

from readinglist.cli import main

sys.exit(main())
