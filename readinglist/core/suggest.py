"""Typo tolerance: "difusion modle" -> "diffusion model", from the index vocabulary.

The candidates are the distinct terms of the FTS5 index (fts5vocab), read once
and cached until the library changes; rapidfuzz compares a word against that
vocabulary only, never against every abstract.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
import unicodedata
from dataclasses import dataclass

from readinglist.core.query import TEXT_FIELDS, QueryError, parse

MIN_WORD = 3
_WORD = re.compile(r"^\w+$")
# Where a plain word or a text field's word starts: not inside a word, nor the value
# of another field (tag:, digest:, ...), whose words were never looked up.
_START_OF_WORD = r"(?:(?<![\w:])|" + "|".join(rf"(?<=(?i:\b{f}:))" for f in TEXT_FIELDS) + ")"


@dataclass(frozen=True)
class Suggestion:
    text: str  # the query with misspelt words replaced
    replacements: dict[str, str]

    def describe(self) -> str:
        return ", ".join(f"{old} → {new}" for old, new in self.replacements.items())


class Vocabulary:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._key: tuple[int, int] | None = None
        self._terms: list[str] = []
        self._docs: dict[str, int] = {}

    def _load(self) -> None:
        key = (self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes)
        if key == self._key:
            return
        rows = self.conn.execute(
            "SELECT term, doc FROM papers_vocab WHERE length(term) >= ? ORDER BY term", (MIN_WORD,)
        ).fetchall()
        self._docs = dict(rows)
        # Words of tags and notes (their own index, schema _ANNOTATIONS_FTS) count too.
        extra = self.conn.execute(
            "SELECT term, doc FROM annotations_vocab WHERE length(term) >= ?", (MIN_WORD,)
        ).fetchall()
        for term, doc in extra:
            self._docs[term] = self._docs.get(term, 0) + doc
        self._terms = sorted(self._docs) if extra else [term for term, _ in rows]
        self._key = key

    def knows(self, word: str, prefix: bool = False) -> bool:
        self._load()
        word = fold(word)
        if not prefix:
            return word in self._docs
        at = bisect.bisect_left(self._terms, word)
        return at < len(self._terms) and self._terms[at].startswith(word)

    def correct(self, word: str) -> str | None:
        """The likeliest indexed word for a misspelt one.

        Fewest edits first (a swap of two letters counts as one edit, as in
        "modle"), then the word found in most papers, as spell checkers do.
        """
        from rapidfuzz import process  # imported when first needed: keeps start-up quick
        from rapidfuzz.distance import OSA

        self._load()
        word = fold(word)
        most_edits = 1 if len(word) <= 4 else 2
        matches = process.extract(
            word, self._terms, scorer=OSA.distance, score_cutoff=most_edits, limit=50
        )
        if not matches:
            return None
        return min(matches, key=lambda m: (m[1], -self._docs[m[0]]))[0]


def fold(word: str) -> str:
    """As FTS5's unicode61 tokenizer with remove_diacritics sees a word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def suggest(vocabulary: Vocabulary, text: str) -> Suggestion | None:
    """A corrected query when some of its plain words are not in the index."""
    try:
        words = parse(text).words
    except QueryError:
        return None
    stripped = text.rstrip()
    replacements: dict[str, str] = {}
    for word in words:
        if not _WORD.match(word) or len(word) < MIN_WORD or word.isdigit():
            continue
        typing_it = stripped.endswith(word) and not text[-1:].isspace()
        if vocabulary.knows(word, prefix=typing_it):
            continue
        correction = vocabulary.correct(word)
        if typing_it and correction and len(correction) < len(word):
            continue  # a word still being typed is not cut short ("difus" is not "diff")
        if correction and correction != fold(word):
            replacements[word] = correction
    if not replacements:
        return None
    corrected = text
    for old, new in replacements.items():
        corrected = re.sub(_START_OF_WORD + re.escape(old) + r"(?!\w)", new, corrected)
    return Suggestion(corrected.strip(), replacements)
