"""The fast path for plain lines cleans exactly as the full clean() does."""

import random

from readinglist.core.decoding import _clean_printable, clean

ALPHABET = "ab Z.,:-  é\u0301μ\u00e9\u212b\u2163\ufb01\u03a9\u1e9b\u0323"  # combining, compat


def test_plain_lines_clean_the_same_on_both_paths():
    rng = random.Random(16)
    lines = ["  two  spaces  ", "Ame\u0301lie", "\u212bngstr\u00f6m", "plain title", ""]
    lines += ["".join(rng.choice(ALPHABET) for _ in range(rng.randrange(30))) for _ in range(3000)]
    for line in lines:
        assert line.isprintable()
        assert _clean_printable(line) == clean(line), repr(line)
