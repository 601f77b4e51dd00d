"""Words of a search -> papers, over the two full-text tables.

Titles and abstracts are in ``papers_fts``; tags and notes in ``annotations_fts``
(schema _ANNOTATIONS_FTS), so that tagging never re-indexes an abstract. A word
still matches a paper when it is in any of the four, and ``graph gnn`` still finds
a paper with "graph" in its title and the tag gnn:

- a paper whose words are all in its title or abstract is found by one MATCH of
  the whole expression in ``papers_fts``, as before the split;
- any other match has at least one word in its tags or note, so it is among the
  (few) ``annotations_fts`` rows matching any of the words; only those rows are
  checked word by word, against both tables.

The nodes are core/query.py's Text, And and Or (pure text: no field, no NOT).
"""

from __future__ import annotations

from typing import Any

Clause = tuple[str, list]

MAIN = "papers_fts"
ANNOTATIONS = "annotations_fts"
_COLUMNS = {MAIN: (None, "title", "abstract"), ANNOTATIONS: (None, "note")}


def _parts(node: Any) -> tuple[str, list[Any]]:
    from readinglist.core.query import And, Or, Text

    if isinstance(node, Text):
        return "text", []
    if isinstance(node, And):
        return "and", node.children
    if isinstance(node, Or):
        return "or", node.children
    raise TypeError(f"not a text node: {node!r}")


def expression(node: Any, table: str) -> str | None:
    """The node as an FTS5 expression over ``table``; None when no row of it can match."""
    kind, children = _parts(node)
    if kind == "text":
        return node.fts() if node.column in _COLUMNS[table] else None
    parts = [expression(child, table) for child in children]
    if kind == "and":
        return None if None in parts else " AND ".join(p for p in parts if p)
    found = [p for p in parts if p]
    return "(" + " OR ".join(f"({p})" for p in found) + ")" if found else None


def texts(node: Any) -> list[Any]:
    kind, children = _parts(node)
    return [node] if kind == "text" else [t for child in children for t in texts(child)]


def _any_annotation(node: Any) -> str | None:
    found = [e for t in texts(node) if (e := expression(t, ANNOTATIONS))]
    return " OR ".join(found) if found else None


def _exact(node: Any) -> Clause:
    """A condition on ``rowid`` that holds exactly when the paper matches the node.

    ``+rowid``: an OR of conditions on the bare rowid would be planned as a union of
    rowid look-ups, leaving the outer MATCH no place ("unable to use function MATCH").
    """
    kind, children = _parts(node)
    if kind == "text":
        sides = [
            (f"+rowid IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)", [text])
            for table in (MAIN, ANNOTATIONS)
            if (text := expression(node, table))
        ]
    else:
        sides = [_exact(child) for child in children]
    operator = " AND " if kind == "and" else " OR "
    return (
        "(" + operator.join(sql for sql, _ in sides) + ")",
        [param for _, params in sides for param in params],
    )


def _arms(node: Any, disjoint: bool) -> list[Clause]:
    """SELECTs of matching ``rowid``s; with ``disjoint`` no paper is in two of them."""
    main = expression(node, MAIN)
    arms: list[Clause] = []
    if main:
        arms.append((f"SELECT rowid FROM {MAIN} WHERE {MAIN} MATCH ?", [main]))
    anywhere = _any_annotation(node)
    if anywhere:
        exact, params = _exact(node)
        sql = f"SELECT rowid FROM {ANNOTATIONS} WHERE {ANNOTATIONS} MATCH ? AND {exact}"
        params = [anywhere, *params]
        if disjoint and main:
            sql += f" AND rowid NOT IN (SELECT rowid FROM {MAIN} WHERE {MAIN} MATCH ?)"
            params.append(main)
        arms.append((sql, params))
    return arms or [("SELECT NULL AS rowid WHERE 0", [])]


def clause(node: Any) -> Clause:
    """``id IN (...)``: the papers matching the node."""
    arms = _arms(node, disjoint=False)
    return (
        "id IN (" + " UNION ALL ".join(sql for sql, _ in arms) + ")",
        [param for _, params in arms for param in params],
    )


def count(node: Any) -> Clause:
    """The number of matching papers, counted in the indexes without visiting papers."""
    arms = _arms(node, disjoint=True)
    return (
        "SELECT " + " + ".join(f"(SELECT count(*) FROM ({sql}))" for sql, _ in arms),
        [param for _, params in arms for param in params],
    )


def ordered_ids(node: Any, descending: bool) -> Clause:
    """The matching ids in library order, straight from the indexes."""
    arms = _arms(node, disjoint=True)
    direction = "DESC" if descending else "ASC"
    return (
        " UNION ALL ".join(sql for sql, _ in arms) + f" ORDER BY 1 {direction}",
        [param for _, params in arms for param in params],
    )


def rank_expression(nodes: list[Any]) -> str | None:
    """An FTS5 expression over titles and abstracts, to rank by bm25 (tags and notes unscored)."""
    found = [e for node in nodes if (e := expression(node, MAIN))]
    return " OR ".join(found) if found else None


def ranked_ids(node: Any) -> Clause:
    """The matching ids best first (bm25 over titles and abstracts), from the indexes alone.

    Papers matched only through their tags or note have no score: last, in library
    order, as in Library.ids_plan's general ranked listing.
    """
    arms = _arms(node, disjoint=True)
    main = expression(node, MAIN)
    scored = [f"SELECT rowid, rank AS score FROM {MAIN} WHERE {MAIN} MATCH ?"] if main else []
    rest = [f"SELECT rowid, NULL AS score FROM ({sql})" for sql, _ in arms[1 if main else 0 :]]
    return (
        "SELECT rowid FROM (" + " UNION ALL ".join(scored + rest) + ")"
        " ORDER BY score IS NULL, score, rowid",
        [param for _, params in arms for param in params],
    )


def ids_without(node: Any, descending: bool) -> Clause:
    """Every paper not matching the node (``-model``), in library order.

    EXCEPT over two lists in id order is merged a row at a time, so a page costs
    about its own length; ``NOT IN`` first built the set of every match (``model``:
    most of the library).
    """
    arms = _arms(node, disjoint=False)
    direction = "DESC" if descending else "ASC"
    return (
        "SELECT id FROM papers"
        + "".join(f" EXCEPT {sql}" for sql, _ in arms)
        + f" ORDER BY 1 {direction}",
        [param for _, params in arms for param in params],
    )


def except_from(candidates: str, node: Any) -> Clause:
    """The ids ``candidates`` lists that do not match the node, merged in id order.

    For the first rows of ``-model`` in first-seen order (core/walk_order.py): the
    walk's first papers, less the word's matches, without building the set of
    every match that ``NOT IN`` needs (880,000 ids at a million papers).
    """
    arms = _arms(node, disjoint=False)
    return (
        f"SELECT id FROM ({candidates})"
        + "".join(f" EXCEPT {sql}" for sql, _ in arms)
        + " ORDER BY 1",
        [param for _, params in arms for param in params],
    )
