"""Near-duplicate papers: candidate pairs with a score and a reason (merging is merging.py).

Exact duplicates (same normalised title) are merged at import; this module
finds the rest for the user to decide. Candidates come from sorted
neighbourhoods (papers sorted by a few keys, each compared with its next few
neighbours), so a scan is O(n log n) rather than comparing every pair.

A pair scores high only when the titles differ in ways that never tell two
papers apart: case, punctuation, flattened LaTeX, small words, or a typo (a
word found nowhere else in the library, a letter or two from the other
title's word). Two titles that differ by a real word ("unsupervised" and
"supervised", an added "not") are different papers unless their abstracts are
the same.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
import unicodedata
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from readinglist.core.wording import plural

WINDOW = 8
MIN_SCORE = 70
ABSTRACT_PREFIX = 600
_LATEX = re.compile(r"\\?\b(mathcal|mathbf|mathrm|mathbb|mathit|textbf|textit|text|emph|frac)\b")
_TOKEN = re.compile(r"\w+")
SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "for",
        "on",
        "in",
        "with",
        "and",
        "to",
        "via",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "its",
    ]
)


@dataclass(frozen=True)
class PaperText:
    id: int
    title: str
    abstract: str


@dataclass(frozen=True)
class Candidate:
    a: int
    b: int
    score: int  # 0-100
    reason: str

    def to_json(self) -> dict:
        return {"a": self.a, "b": self.b, "score": self.score, "reason": self.reason}


def title_tokens(title: str) -> list[str]:
    text = unicodedata.normalize("NFKC", title).casefold()
    return _TOKEN.findall(_LATEX.sub(" ", text))


def compare(a: PaperText, b: PaperText, title_df: Counter) -> Candidate | None:
    """Score one pair; None when nothing suggests they are the same paper."""
    from rapidfuzz import fuzz  # imported when first needed: keeps the window's start quick

    changes = _title_changes(title_tokens(a.title), title_tokens(b.title), title_df)
    similarity = None
    if a.abstract and b.abstract:
        similarity = fuzz.ratio(a.abstract[:ABSTRACT_PREFIX], b.abstract[:ABSTRACT_PREFIX])
    if similarity is not None and similarity >= 97:
        score = 98 if not changes.count else 92 if not changes.real else 85
        return Candidate(a.id, b.id, score, f"same abstract; {changes.describe()}")
    if changes.real:
        if similarity is not None and similarity >= 92:
            reason = f"nearly the same abstract ({similarity:.0f}%); {changes.describe()}"
            return Candidate(a.id, b.id, 72, reason)
        return None
    if similarity is not None and similarity < 60:
        return None  # same-looking title, but the abstracts tell two papers apart
    score = 97 if not changes.count else 94 - 3 * (changes.count - 1) if changes.typos else 90
    return Candidate(a.id, b.id, score, changes.describe())


@dataclass
class _Changes:
    typos: list[tuple[str, str]]
    small: list[str]
    real: list[str]

    @property
    def count(self) -> int:
        return len(self.typos) + len(self.small) + len(self.real)

    def describe(self) -> str:
        if not self.count:
            return "same title apart from case, punctuation or LaTeX"
        parts = []
        if self.typos:
            parts.append("a typo (" + ", ".join(f"{x} / {y}" for x, y in self.typos) + ")")
        if self.small:
            parts.append("small words (" + ", ".join(self.small) + ")")
        if self.real:
            count = len(self.real)
            shown = ", ".join(self.real[:3]) + (", …" if count > 3 else "")
            parts.append(f"{plural(count, 'word')} ({shown})")
        return "title differs by " + " and ".join(parts)


def _title_changes(tokens_a: list[str], tokens_b: list[str], title_df: Counter) -> _Changes:
    changes = _Changes([], [], [])
    matcher = difflib.SequenceMatcher(a=tokens_a, b=tokens_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        left, right = tokens_a[i1:i2], tokens_b[j1:j2]
        if "".join(left) == "".join(right):
            continue  # a word split or joined: "pre training" / "pretraining"
        if op == "replace" and len(left) == len(right):
            for x, y in zip(left, right, strict=True):
                if _is_typo(x, y, title_df):
                    changes.typos.append((x, y))
                else:
                    _classify(x, changes)
                    _classify(y, changes)
            continue
        for word in left + right:
            _classify(word, changes)
    return changes


def _classify(word: str, changes: _Changes) -> None:
    (changes.small if word in SMALL_WORDS else changes.real).append(word)


def _is_typo(x: str, y: str, title_df: Counter) -> bool:
    """A misspelling: close in letters, not one word inside the other, and one side
    a word that no other title uses."""
    from rapidfuzz.distance import OSA

    if min(len(x), len(y)) < 4 or x.isdigit() or y.isdigit():
        return False
    if x.startswith(y) or y.startswith(x) or x.endswith(y) or y.endswith(x):
        return False  # a prefix or an ending changes the word: supervised / unsupervised
    return OSA.distance(x, y) <= (1 if min(len(x), len(y)) < 7 else 2) and (
        title_df[x] <= 1 or title_df[y] <= 1
    )


def _sort_keys(paper: PaperText, tokens: list[str]) -> list[str]:
    joined = " ".join(tokens)
    abstract = " ".join(_TOKEN.findall(paper.abstract[:200].casefold()))
    return [joined, joined[::-1], " ".join(sorted(tokens)), abstract]


def candidates(
    papers: list[PaperText],
    among: set[int] | None = None,
    dismissed: AbstractSet[tuple[int, int]] = frozenset(),
    min_score: int = MIN_SCORE,
) -> list[Candidate]:
    """Candidate pairs, best first; with ``among``, only pairs that involve those ids."""
    tokens = {p.id: title_tokens(p.title) for p in papers}
    title_df = Counter(t for words in tokens.values() for t in set(words))
    seen_pairs: set[tuple[int, int]] = set()
    found: list[Candidate] = []
    for key_index in range(4):
        keyed = sorted(papers, key=lambda p: _sort_keys(p, tokens[p.id])[key_index])
        for i, paper in enumerate(keyed):
            for other in keyed[i + 1 : i + 1 + WINDOW]:
                pair = (min(paper.id, other.id), max(paper.id, other.id))
                if pair in seen_pairs or pair in dismissed:
                    continue
                if among is not None and not ({paper.id, other.id} & among):
                    continue
                if not _worth_comparing(paper, other, tokens, key_index):
                    continue  # another sort key may still bring the pair up
                seen_pairs.add(pair)
                candidate = compare(paper, other, title_df)
                if candidate and candidate.score >= min_score:
                    a, b = pair
                    found.append(Candidate(a, b, candidate.score, candidate.reason))
    return sorted(found, key=lambda c: (-c.score, c.a, c.b))


def _worth_comparing(a: PaperText, b: PaperText, tokens: dict, key_index: int) -> bool:
    """A cheap first look before the word-level comparison."""
    from rapidfuzz import fuzz

    if key_index == 3:
        return (
            bool(a.abstract and b.abstract) and fuzz.ratio(a.abstract[:200], b.abstract[:200]) >= 90
        )
    return fuzz.ratio(" ".join(tokens[a.id]), " ".join(tokens[b.id])) >= 80


def load_papers(conn: sqlite3.Connection) -> list[PaperText]:
    return [
        PaperText(*row)
        for row in conn.execute(
            f"SELECT id, title, substr(abstract, 1, {ABSTRACT_PREFIX}) FROM papers"
        )
    ]


def dismissed_pairs(conn: sqlite3.Connection) -> set[tuple[int, int]]:
    return {(a, b) for a, b in conn.execute("SELECT a, b FROM not_duplicates")}


def ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)
