"""The search fields over arXiv metadata: author:, year:, arxiv: (has:arxiv is in query)."""

from __future__ import annotations

import re

from readinglist.core.query import _WORD_CHARS as WORD_CHARS
from readinglist.core.query import Condition, Node, QueryError
from readinglist.core.query import _comparison as comparison


def metadata_node(name: str, value: str, position: int) -> Node:
    """author:, year: and arxiv: filter on the arXiv metadata of looked-up papers."""
    in_metadata = "id IN (SELECT paper_id FROM paper_metadata WHERE {})"
    if name == "author":
        if not WORD_CHARS.search(value):
            raise QueryError(
                'author: needs a name, like author:Bengio or author:"Le Cun"', position
            )
        like = "%" + re.sub(r"([%_\\])", r"\\\1", value) + "%"
        return Condition(in_metadata.format("authors LIKE ? ESCAPE '\\'"), [like])
    if name == "year":
        operator, number = comparison(value, "year:2023 or year:>=2020", position)
        return Condition(
            in_metadata.format(
                f"published <> '' AND CAST(substr(published, 1, 4) AS INTEGER) {operator} ?"
            ),
            [number],
        )
    arxiv_id = re.sub(r"^(?:arxiv:)?(.+?)(?:v\d+)?$", r"\1", value.strip(), flags=re.IGNORECASE)
    if not arxiv_id:
        raise QueryError("arxiv: needs an id, like arxiv:2310.01174 or arxiv:2310", position)
    return Condition(
        in_metadata.format("arxiv_id = ? OR arxiv_id LIKE ?"), [arxiv_id, arxiv_id + ".%"]
    )
