"""Typo tolerance: "difusion modle" -> "diffusion model", from the index vocabulary.

The candidates are the distinct terms of the FTS5 index (fts5vocab), read once
and cached until the library changes; rapidfuzz compares a word against that
vocabulary only, never against every abstract.
"""

from __future__ import annotations

import bisect
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass
from pathlib import Path

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
    """The index's words and how many papers hold each, cached.

    Listing the words of titles and abstracts walks the whole full-text index
    (seconds at 100,000 papers), so that list is read again only when papers
    come or go or a title or abstract is edited (``_text_key``), never after a
    tag or a rating; the small list of tag and note words after any change.
    ``warm()`` reads the big list in a thread with its own connection, ahead
    of the first misspelt search.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self._lock = threading.Lock()
        self._warming: threading.Thread | None = None
        self._text: tuple[tuple, dict[str, int]] | None = None  # key, term -> papers
        self._key: tuple | None = None
        self._terms: list[str] = []
        self._docs: dict[str, int] = {}

    def warm(self, path: Path) -> None:
        """Read the words of titles and abstracts in a thread now (the window, once open)."""
        if self._warming is None and self._text is None:
            self._warming = threading.Thread(target=self._warm, args=(path,), daemon=True)
            self._warming.start()

    def _warm(self, path: Path) -> None:
        from readinglist.core.read_only import connect_read_only

        try:
            conn = connect_read_only(path)
            try:
                text = _text_words(conn)
            finally:
                conn.close()
        except Exception:  # noqa: BLE001 - only a head start: the search reads them itself
            return
        with self._lock:
            if self._text is None:
                self._text = text

    def _load(self) -> None:
        if self._warming is not None:
            self._warming.join()  # started earlier: waiting is shorter than starting over
            self._warming = None
        version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        key = (version, self.conn.total_changes)  # free to read; nothing changed if equal
        if key == self._key:
            return
        text_key = _text_key(self.conn)
        with self._lock:
            if self._text is None or self._text[0] != text_key:
                self._text = _text_words(self.conn)
            docs = dict(self._text[1])
        # Words of tags and notes (their own index, schema _ANNOTATIONS_FTS) count too.
        extra = self.conn.execute(
            "SELECT term, doc FROM annotations_vocab WHERE length(term) >= ?", (MIN_WORD,)
        ).fetchall()
        for term, doc in extra:
            docs[term] = docs.get(term, 0) + doc
        self._docs = docs
        self._terms = sorted(docs)
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


def _text_key(conn: sqlite3.Connection) -> tuple:
    """Changes when the words of titles and abstracts may have: papers added or removed
    (their count and largest id), a title or abstract edited (text_edits)."""
    return conn.execute(
        "SELECT count(*), max(id), (SELECT count FROM text_edits WHERE id = 1) FROM papers"
    ).fetchone()


def _text_words(conn: sqlite3.Connection) -> tuple[tuple, dict[str, int]]:
    key = _text_key(conn)
    rows = conn.execute(
        "SELECT term, doc FROM papers_vocab WHERE length(term) >= ?", (MIN_WORD,)
    ).fetchall()
    return key, dict(rows)


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
