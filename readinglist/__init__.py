"""readinglist: a reading-list manager for research papers from paper digests."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("readinglist")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+source"
