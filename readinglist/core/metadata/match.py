"""Is this arXiv entry the library's paper? Only a certain match attaches.

A digest gives a title and an abstract; arXiv answers with LaTeX-marked titles
(see ``texnorm``). The rules, in order:

1. the normalised titles agree exactly: the same paper (when several arXiv
   entries share that title, the one whose abstract agrees, else none);
2. the titles are very close (a typo, a dropped hyphen, a flattened symbol) and
   the abstracts agree too: the same paper;
3. a very close title with another abstract is a *different* paper: "Dense
   Hebbian neural networks: a replica symmetric picture of supervised learning"
   never attaches the "... of unsupervised learning" entry, whose abstract
   tells another story;
4. anything else: no match. Nothing is attached on a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from readinglist.core.metadata.records import ArxivRecord
from readinglist.core.metadata.texnorm import plain
from readinglist.core.titles import title_key

NEAR_TITLE = 90  # rapidfuzz ratio (0-100) of the spaced, normalised titles
SAME_ABSTRACT = 90  # the same ratio of the normalised abstracts
# Symbols that digests spell out, folded before NFKC would turn ℓ into a bare l; Greek
# letters by name, since digests write "μ" in titles but "varepsilon" in abstracts.
_SPELLED = str.maketrans(
    {
        "ℓ": "ell",
        "→": "to",
        "∞": "infty",
        **{
            chr(code): unicodedata.name(chr(code)).split()[-1].lower()
            for code in range(0x391, 0x3CA)
            if unicodedata.name(chr(code), "").startswith("GREEK")
        },
        "µ": "mu",
        "ϕ": "phi",
        "ϵ": "epsilon",
    }
)
_NON_WORD = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Decision:
    record: ArxivRecord | None  # the entry to attach, or None
    reason: str  # one line for the user: why it attached, or why not


def match_key(title: str) -> str:
    """The title with markup, case, punctuation and spacing folded (rule 1)."""
    return title_key(plain(title).translate(_SPELLED))


def spaced(text: str) -> str:
    """Lower-case words separated by single spaces, for fuzzy comparison."""
    text = unicodedata.normalize("NFKC", plain(text).translate(_SPELLED)).casefold()
    return _NON_WORD.sub(" ", text).strip()


def title_similarity(a: str, b: str) -> float:
    from rapidfuzz import fuzz

    return fuzz.ratio(spaced(a), spaced(b))


def abstracts_agree(a: str, b: str) -> bool:
    from rapidfuzz import fuzz

    a, b = spaced(a), spaced(b)
    return bool(a and b) and fuzz.ratio(a, b) >= SAME_ABSTRACT


def decide(title: str, abstract: str, candidates: list[ArxivRecord]) -> Decision:
    key = match_key(title)
    exact = [c for c in candidates if match_key(c.title) == key]
    if len(exact) == 1:
        return Decision(exact[0], f"same title as arXiv:{exact[0].arxiv_id}")
    if exact:
        agreeing = [c for c in exact if abstracts_agree(abstract, c.abstract)]
        if len(agreeing) == 1:
            return Decision(agreeing[0], f"same title and abstract as arXiv:{agreeing[0].arxiv_id}")
        ids = ", ".join(c.arxiv_id for c in exact)
        return Decision(
            None,
            f"{len(exact)} arXiv papers share this title ({ids}); the abstract does not tell which",
        )
    near = sorted(
        ((title_similarity(title, c.title), c) for c in candidates),
        key=lambda pair: -pair[0],
    )
    near = [(score, c) for score, c in near if score >= NEAR_TITLE]
    agreeing = [c for _, c in near if abstracts_agree(abstract, c.abstract)]
    if len(agreeing) == 1:
        return Decision(agreeing[0], f"near title, same abstract as arXiv:{agreeing[0].arxiv_id}")
    if agreeing:
        ids = ", ".join(c.arxiv_id for c in agreeing)
        return Decision(None, f"several near matches ({ids}); none is certain")
    if near:
        score, closest = near[0]
        why = "no abstract to compare" if not abstract.strip() else "another abstract"
        return Decision(
            None,
            f"near title {plain(closest.title)!r} (arXiv:{closest.arxiv_id}, {score:.0f}% alike)"
            f" but {why}: a different paper",
        )
    return Decision(None, "no arXiv paper with this title")
