"""Normalised title keys: two titles with the same key are the same paper.

Only differences that never tell two papers apart are folded: letter case,
Unicode compatibility forms (µ and μ, ligatures), punctuation, accents' modifier
symbols and white space (so "out-of-distribution", "out of distribution" and
"Out-Of-Distribution" agree). Word differences are kept, so "... of unsupervised
learning" and "... of supervised learning" stay two papers.
"""

from __future__ import annotations

import functools
import unicodedata

_DROPPED_CATEGORIES = ("P", "Z", "C")


def _is_folded(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in _DROPPED_CATEGORIES or category == "Sk"


# str.translate with a table is many times faster than a per-character test; the
# table covers the Basic Multilingual Plane, where nearly every title lives.
_BMP = 0x10000


@functools.cache
def _fold_table() -> dict[int, None]:
    return {code: None for code in range(_BMP) if _is_folded(chr(code))}


def title_key(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).casefold()
    if text.isascii() or max(text) < chr(_BMP):
        key = text.translate(_fold_table())
    else:
        key = "".join(c for c in text if not _is_folded(c))
    # A title made only of punctuation still needs a key of its own.
    return key or "".join(text.split())
