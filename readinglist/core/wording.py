"""Words the CLI, the window and the exports share: counted nouns and star ratings."""

from __future__ import annotations

FILLED, EMPTY = "★", "☆"
MAX_RATING = 5


def stars(rating: int) -> str:
    """A rating as five stars, filled up to the rating: ★★★☆☆."""
    return FILLED * rating + EMPTY * (MAX_RATING - rating)


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 paper``, ``2 papers`` (``nouns`` for an irregular plural)."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"
