"""The date and time as readinglist sees them: the one place that reads the system clock.

``READINGLIST_CLOCK=2026-11-23T12:00:00+00:00`` starts the clock at that
instant; it then runs on at the normal pace, so backups taken a moment apart
still differ. Tests set it (tests/conftest.py), for themselves and for the
programs they start, so that a digest date without a year, "added today" or a
backup's age mean the same on any day the suite runs.
"""

from __future__ import annotations

import datetime as dt
import os

ENV = "READINGLIST_CLOCK"

_skew: dt.timedelta | None = None  # pinned clock minus system clock; None until first read


def start_at(instant: dt.datetime | None) -> None:
    """Run the clock from ``instant`` on (naive means UTC); None: the system clock again."""
    global _skew
    if instant is None:
        _skew = dt.timedelta(0)
        return
    if instant.tzinfo is None:
        instant = instant.replace(tzinfo=dt.UTC)
    _skew = instant - dt.datetime.now(dt.UTC)


def now(tz: dt.tzinfo | None = None) -> dt.datetime:
    """Like ``datetime.now(tz)``: aware in ``tz``, or naive local time without one."""
    if _skew is None:
        start_at(_from_environment())
    assert _skew is not None
    instant = dt.datetime.now(dt.UTC) + _skew
    return instant.astimezone(tz) if tz else instant.astimezone().replace(tzinfo=None)


def utc_stamp() -> str:
    """Now in UTC to the second, as the library stores times: 2026-11-23T12:00:00+00:00."""
    return now(dt.UTC).isoformat(timespec="seconds")


def today() -> dt.date:
    """The local date."""
    return now().date()


def _from_environment() -> dt.datetime | None:
    value = os.environ.get(ENV, "").strip()
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{ENV}={value!r} is not a date and time like 2026-11-23T12:00:00+00:00"
        ) from None
