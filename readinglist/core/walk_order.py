"""Listing a search in a column's order by walking that column's index, not sorting it.

SQLite's own plan for ``... WHERE <search> ORDER BY first_seen DESC`` reads every
match's row and sorts them all, even for the 256 rows on screen: at a million
papers, 1.3 s for is:unread (every paper) and 0.95 s for ``diffusion OR quantum``
(443,000 matches). Walking the ``papers_first_seen`` index from its newest end and
keeping the rows that match stops after a page: about ``page * papers / matches``
index entries, under 1 ms and 70 ms for those two. A search with few matches goes
the other way: the walk would read the whole index to find them, so they are
sorted (7 matches: 0.1 ms sorted, 51 ms walked), and the sort is written so that
SQLite does not walk on its own (rating:>=3 by title: 4.8 s walked, row by row).

The first-seen index (the window's default order) carries rating, status and seen
(schema _FIRST_SEEN_ORDER), so a walk tests those filters without reading a
paper's row; the other columns' indexes test words and tags without it.
"""

from __future__ import annotations

import math
from typing import Any

from readinglist.core import word_match

# The columns with an index in their order (schema.py), ties by id as the index has them.
INDEXES = {
    "first_seen": "papers_first_seen",
    "title": "papers_title",
    "rating": "papers_rating",
    "status": "papers_status",
    "seen": "papers_seen",
    "added": "papers_added",
    "tags": "papers_tag_list",
}

# A walk step (an index entry) costs about 1/50 of a sorted match (a row read and
# a place in the sort): measured at a million papers for words, tags and fields.
_WALK_STEP_COST = 1 / 50


def walkable(sort: str | None) -> bool:
    return sort in INDEXES


def walk_pays(matches: int, papers: int, rows: int, reads_rows: bool = False) -> bool:
    """Walking the index to the first ``rows`` matches is cheaper than sorting them all.

    ``reads_rows``: the filter needs a column the index lacks (a rating when walking
    titles, a tag list), so each step reads the paper's row, as a sorted match does.
    """
    if not matches:
        return False
    steps = min(papers, rows * papers / matches)
    return steps * (1 if reads_rows else _WALK_STEP_COST) < matches


def break_even(papers: int, rows: int) -> int:
    """The fewest matches for which a walk pays (walk_pays, solved for matches)."""
    return max(1, math.ceil(math.sqrt(rows * papers * _WALK_STEP_COST)))


def walked(where: str, sort: str, order: str) -> str:
    """The ids matching ``where`` in ``order`` (the sort's ORDER BY), read along its index."""
    return f"SELECT id FROM papers INDEXED BY {INDEXES[sort]} WHERE {where} ORDER BY {order}"


def sorted_order(order: str) -> str:
    """``order`` written so that SQLite sorts the matches instead of walking the index."""
    return "+" + order


# How many of the newest papers the first rows of a left-out word are looked for
# among, before walking the whole index: -model keeps 12% of them.
FIRST_CANDIDATES = 16


def newest_without(node: Any, descending: bool, rows: int) -> tuple[str, list]:
    """The first ``rows`` papers in first-seen order not matching the words ``node``.

    The newest ``rows * FIRST_CANDIDATES`` papers, less the words' matches merged
    in id order (word_match.except_from), then put back in first-seen order: at a
    million papers -model's first rows took 320 ms with NOT IN, 175 ms this way.
    Fewer than ``rows`` means the candidates were too few: walk instead.
    """
    direction = "DESC" if descending else "ASC"
    order = f"first_seen {direction}, id {direction}"
    candidates = (
        f"SELECT id, first_seen FROM papers INDEXED BY {INDEXES['first_seen']}"
        f" ORDER BY {order} LIMIT {rows * FIRST_CANDIDATES:d}"
    )
    kept, params = word_match.except_from(f"SELECT id FROM ({candidates})", node)
    return (
        f"SELECT id FROM ({candidates}) WHERE id IN ({kept}) ORDER BY {order} LIMIT {rows:d}",
        params,
    )
