"""Papers by title for the command palette: candidates from the index, ranked fuzzily.

A library can hold a million papers, so titles are never all loaded: the
full-text index gives a bounded set of candidates (titles with words that start
like the typed ones, newest first), and rapidfuzz orders those by how well the
whole title matches what was typed, typos and word order included.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from readinglist.core.query import MIN_PREFIX
from readinglist.core.suggest import MIN_WORD, Vocabulary, fold

CANDIDATES = 400  # titles pulled from the index per keystroke, before fuzzy ranking
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class TitleMatch:
    id: int
    title: str
    score: float  # 0-100, rapidfuzz WRatio


def title_candidates(
    conn: sqlite3.Connection,
    text: str,
    vocabulary: Vocabulary | None = None,
    limit: int = CANDIDATES,
) -> list[tuple[int, str]]:
    """(id, title) of papers whose titles have words starting like the typed ones.

    Titles with every word come first, then titles with any of them. With the
    index's vocabulary, a misspelt word ("hebian") also stands for the indexed
    word it most likely means ("hebbian"). Newest papers first within each
    group; the LIMIT lets SQLite stop early, so a common prefix costs no more.
    """
    words = list(dict.fromkeys(fold(w) for w in _WORD.findall(text) if len(w) >= 2))
    if not words:
        return []
    alternatives = []
    for word in words:
        options = [word]
        if (
            vocabulary is not None
            and len(word) >= MIN_WORD
            and not vocabulary.knows(word, prefix=True)
        ):
            correction = vocabulary.correct(word)
            if correction:
                options.append(correction)
        # Quoted, so nothing typed can be read as FTS5 syntax.
        # As the search does: a word under MIN_PREFIX letters is matched whole (no index).
        alternatives.append(
            " OR ".join(_quoted(o) + ("*" if len(o) >= MIN_PREFIX else "") for o in options)
        )
    found: dict[int, str] = {}
    every = " AND ".join(f"({a})" for a in alternatives)
    anything = " OR ".join(f"({a})" for a in alternatives)
    for expression in dict.fromkeys([every, anything]):
        rows = conn.execute(
            "SELECT p.id, p.title FROM papers_fts JOIN papers p ON p.id = papers_fts.rowid"
            " WHERE papers_fts MATCH ? ORDER BY papers_fts.rowid DESC LIMIT ?",
            (f"title : ({expression})", limit),
        )
        for paper_id, title in rows:
            found.setdefault(paper_id, title)
        if len(found) >= limit:
            break
    return list(found.items())[:limit]


def search_titles(
    conn: sqlite3.Connection,
    text: str,
    vocabulary: Vocabulary | None = None,
    limit: int = 20,
    cutoff: float = 30,
) -> list[TitleMatch]:
    """The papers whose titles best match text, fuzzily (rapidfuzz WRatio), best first.

    The cutoff is low because a short text against a long title scores low in
    WRatio even when every word matches; the index has already filtered.
    """
    candidates = title_candidates(conn, text, vocabulary)
    if not candidates:
        return []
    from rapidfuzz import fuzz, process, utils  # imported when first used (start-up time)

    ranked = process.extract(
        text,
        dict(candidates),
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        score_cutoff=cutoff,
        limit=limit,
    )
    return [TitleMatch(paper_id, title, score) for title, score, paper_id in ranked]


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'
