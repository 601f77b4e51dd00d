"""Listing a search first seen, newest first (the window's default order) without sorting it.

SQLite's own plan for ``... WHERE <search> ORDER BY first_seen DESC`` reads every
match's row and sorts them all, even for the 256 rows on screen: at a million
papers, 1.3 s for is:unread (every paper) and 0.95 s for ``diffusion OR quantum``
(443,000 matches). Walking the ``papers_first_seen`` index from its newest end and
keeping the rows that match stops after a page: about ``page * papers / matches``
index entries, under 1 ms and 70 ms for those two. A search with few matches goes
the other way: the walk would read the whole index to find them, so they are
sorted (7 matches: 0.1 ms sorted, 51 ms walked).

The index carries rating, status and seen (schema _FIRST_SEEN_ORDER), so a walk
tests those filters without reading a paper's row.
"""

from __future__ import annotations

import math

INDEX = "papers_first_seen"
SORT = "first_seen"

# A walk step (an index entry) costs about 1/50 of a sorted match (a row read and
# a place in the sort): measured at a million papers for words, tags and fields.
_WALK_STEP_COST = 1 / 50


def walk_pays(matches: int, papers: int, rows: int, reads_rows: bool = False) -> bool:
    """Walking the index to the first ``rows`` matches is cheaper than sorting them all.

    ``reads_rows``: the filter needs a column the index lacks (tag_list, added), so
    each step reads the paper's row, as a sorted match does.
    """
    if not matches:
        return False
    steps = min(papers, rows * papers / matches)
    return steps * (1 if reads_rows else _WALK_STEP_COST) < matches


def break_even(papers: int, rows: int) -> int:
    """The fewest matches for which a walk pays (walk_pays, solved for matches)."""
    return max(1, math.ceil(math.sqrt(rows * papers * _WALK_STEP_COST)))


def walked(where: str, descending: bool) -> str:
    """The ids matching ``where`` in first-seen order, read along the index."""
    direction = "DESC" if descending else "ASC"
    return (
        f"SELECT id FROM papers INDEXED BY {INDEX} WHERE {where}"
        f" ORDER BY first_seen {direction}, id {direction}"
    )
