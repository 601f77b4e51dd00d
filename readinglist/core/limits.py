"""Limits on everything that comes from a file or a user: one place, one set of rules.

A hostile export could ask for a heading shift of -10**9 (a 200 MB note),
nest its JSON 100,000 deep, or carry tags no command can remove; a query
could nest 300 parentheses or hold 999 terms. Each limit here is far above
any real use and turns such input into a sentence instead of a hang or a
traceback.
"""

from __future__ import annotations

import re
import unicodedata

from readinglist.core.models import LibraryError

MAX_NOTE_CHARS = 10_000_000  # a note of ten million characters is a book, not a note
MAX_SHIFT = 5  # Markdown has six heading levels: a shift beyond five means nothing
MAX_TAG_CHARS = 200
MAX_ID = 2**63 - 1  # SQLite integers are 64-bit
MAX_JSON_DEPTH = 20  # the export's comment nests one level (a list of tags)
MAX_RECORD_CHARS = 100_000  # one paper's comment: its tags and flags
MAX_QUERY_CHARS = 2_000
MAX_QUERY_TERMS = 100
MAX_QUERY_DEPTH = 20  # nested parentheses (and minus signs)

_TAG_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


class LimitError(LibraryError):
    """Input beyond a limit; the message says which and what to do."""


def clean_tag(name: str) -> str:
    """A tag as the library stores it: spaces folded; the rules of the CLI and the window."""
    cleaned = unicodedata.normalize("NFC", " ".join(str(name).split()))
    if not cleaned:
        raise LimitError("a tag cannot be empty")
    if "," in cleaned:
        raise LimitError("a tag cannot contain a comma")
    if _TAG_CONTROL.search(cleaned):
        raise LimitError("a tag cannot contain control characters")
    if len(cleaned) > MAX_TAG_CHARS:
        raise LimitError(f"a tag has at most {MAX_TAG_CHARS} characters, not {len(cleaned):,}")
    return cleaned


def check_note(text: str, where: str = "the note") -> str:
    if len(text) > MAX_NOTE_CHARS:
        raise LimitError(
            f"{where} has {len(text):,} characters; a note holds at most {MAX_NOTE_CHARS:,}"
        )
    if "\x00" in text:
        raise LimitError(f"{where} holds NUL bytes: is it a binary file? Give plain text")
    return text


def check_id(value: int, what: str = "a paper id") -> int:
    if not 0 <= value <= MAX_ID:
        raise LimitError(f"{what} is a whole number from 0 to {MAX_ID:,}, not {value}")
    return value


def json_depth_ok(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when text's brackets nest no deeper than limit (strings are skipped)."""
    depth, in_string, escaped = 0, False, False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return False
        elif char in "]}":
            depth -= 1
    return True
