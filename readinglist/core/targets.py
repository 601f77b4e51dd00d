"""Which papers a bulk edit names: an id list such as ``12,15,20-25``, or a search.

An id list is one argument in a strict syntax (numbers and ranges joined by commas, no
spaces), so the command line can tell it from tag names without guessing: the first
argument must be an id list, and a tag name that would also read as one is refused.
"""

from __future__ import annotations

import re

from readinglist.core.limits import check_id
from readinglist.core.models import LibraryError

_ID_LIST = re.compile(r"\d+(?:-\d+)?(?:,\d+(?:-\d+)?)*")
MAX_IDS = 100_000  # a range this long is a typo, not a selection


def is_id_list(text: str) -> bool:
    """True when ``text`` reads as an id list ("12", "12,15", "20-25"), so never a tag."""
    return _ID_LIST.fullmatch(text) is not None


def parse_id_list(text: str) -> list[int]:
    """``"12,15,20-25"`` -> ``[12, 15, 20, 21, 22, 23, 24, 25]``, in order, each once."""
    if not is_id_list(text):
        raise LibraryError(
            f"{text!r} is not a list of paper ids: write ids and ranges joined by commas, "
            "without spaces, e.g. 12,15,20-25"
        )
    ids: dict[int, None] = {}
    for part in text.split(","):
        first, _, last = part.partition("-")
        start, end = check_id(int(first)), check_id(int(last or first))
        if end < start:
            raise LibraryError(f"the range {part} goes backwards; write {end}-{start}")
        if end - start + len(ids) >= MAX_IDS:
            raise LibraryError(f"{text!r} names more than {MAX_IDS:,} papers")
        ids.update(dict.fromkeys(range(start, end + 1)))
    return list(ids)


def refuse_id_like_tags(tags: list[str]) -> None:
    """A tag that reads as an id list ("3", "20-25") is refused: it is likely a paper id."""
    clashing = [tag for tag in tags if is_id_list(tag.strip())]
    if clashing:
        raise LibraryError(
            f"{', '.join(clashing)}: tag names made of digits look like paper ids and are "
            "refused; to name several papers join their ids with commas (e.g. 2,3,4)"
        )
