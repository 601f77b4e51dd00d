"""How good are suggestions and the inbox on the sample digests (precision at 10).

Shared by tests/test_discover_quality.py (thresholds) and
tests/perf/discover_quality.py (prints the figures for the issue's note).
A topic is the papers whose title holds a word; we tag (or keep) the first six
of it and ask how many of the ten first suggestions are the rest of the topic,
next to the base rate (the share of the topic among the papers we rank).
"""

from __future__ import annotations

from dataclasses import dataclass

from readinglist.core.discover import triage
from readinglist.core.discover.engine import Discovery
from readinglist.core.library import Library

SEEDS = 6


@dataclass
class Precision:
    what: str
    at_10: float
    base_rate: float
    hits: list[str]

    def line(self) -> str:
        lift = self.at_10 / self.base_rate if self.base_rate else float("inf")
        return (
            f"{self.what}: precision@10 {self.at_10:.2f} vs base rate {self.base_rate:.3f}"
            f" ({lift:.0f}x)"
        )


def topic(library: Library, word: str) -> list[int]:
    return library.ids(f"title:{word}", sort="id")


def suggestion_precision(library: Library, word: str) -> Precision:
    """Tag six papers of the topic; precision at 10 of 'Suggested for TAG'."""
    ids = topic(library, word)
    library.add_tags(ids[:SEEDS], [word])
    discovery = Discovery(library)
    discovery.refresh()
    rest = set(ids[SEEDS:])
    top = [r.id for r in discovery.suggest(word, 10)]
    candidates = library.total() - SEEDS
    return Precision(
        f"suggest --tag {word} ({SEEDS} tagged, {len(rest)} more in the topic)",
        len(rest & set(top)) / 10,
        len(rest) / candidates,
        [p.title for p in library.papers(top, with_digests=False)],
    )


def inbox_precision(library: Library, liked: str, disliked: str) -> tuple[Precision, Precision]:
    """Keep six papers of one topic and skip six of another; the inbox's first ten."""
    good, bad = topic(library, liked), topic(library, disliked)
    triage.set_triage(library, good[:SEEDS], "keep")
    triage.set_triage(library, bad[:SEEDS], "skip")
    discovery = Discovery(library)
    discovery.refresh()
    inbox = discovery.inbox(10)
    top = {r.id for r in inbox.items}
    remaining = triage.inbox_count(library)
    good_rest, bad_rest = set(good[SEEDS:]), set(bad[SEEDS:])
    return (
        Precision(
            f"inbox after keeping {SEEDS} '{liked}' papers: liked topic in the first 10",
            len(good_rest & top) / 10,
            len(good_rest) / remaining,
            [],
        ),
        Precision(
            f"inbox after skipping {SEEDS} '{disliked}' papers: skipped topic in the first 10",
            len(bad_rest & top) / 10,
            len(bad_rest) / remaining,
            [],
        ),
    )
