"""The table's Authors, Year and arXiv cells, read from the library's arXiv metadata."""

from __future__ import annotations

import sqlite3

from readinglist.core.metadata import store


def metadata_cell(library, paper_id: int, which: int) -> str:
    """which: 0 authors, 1 year, 2 arXiv id; empty for a paper not (yet) found on arXiv."""
    try:
        record = store.record_of(library, paper_id)
    except sqlite3.Error:
        return ""
    if record is None:
        return ""
    if which == 0:
        names = record.authors
        return (
            names[0] + (" et al." if len(names) > 2 else f", {names[1]}" if len(names) == 2 else "")
            if names
            else ""
        )
    if which == 1:
        return record.year
    return record.arxiv_id
