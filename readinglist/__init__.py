"""readinglist: a reading-list manager for research papers from paper digests."""

# The one place the version is written: pyproject.toml reads it from here
# (importlib.metadata would cost 50 ms at every start).
__version__ = "0.1.0"
