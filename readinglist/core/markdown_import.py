"""Exported Markdown -> the papers and annotations it holds (the export's round trip).

Every paper in an export carries a comment ``<!-- readinglist {...} -->`` with
its tags, rating, status and how its abstract and note were written; the
title is the heading above it, the abstract the quote below it, and the note
everything after that down to the next heading at the paper's level or above.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from readinglist.core.digest import ParseWarning
from readinglist.core.export import MARKER, prose_lines
from readinglist.core.limits import (
    MAX_ID,
    MAX_JSON_DEPTH,
    MAX_RECORD_CHARS,
    MAX_SHIFT,
    LimitError,
    check_note,
    clean_tag,
    json_depth_ok,
)
from readinglist.core.sanitize import sanitize_note
from readinglist.core.schema import STATUSES

_MARKER_LINE = re.compile(rf"^<!-- {MARKER} (\{{.*\}}) -->$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


@dataclass
class ExportedPaper:
    title: str
    abstract: str  # only a full abstract; "" when the export shortened or left it out
    tags: list[str]
    rating: int
    status: str
    note: str | None  # None when the export did not include notes
    line: int


def looks_like_export(text: str) -> bool:
    return f"<!-- {MARKER} {{" in text


def parse_export(text: str, name: str) -> tuple[list[ExportedPaper], list[ParseWarning]]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    papers: list[ExportedPaper] = []
    warnings: list[ParseWarning] = []
    for index, line in enumerate(lines):
        match = _MARKER_LINE.match(line.strip())
        if not match:
            continue

        def warn(message: str, line: int = index + 1) -> None:
            warnings.append(ParseWarning(name, line, message))

        try:
            meta = read_record(match.group(1))
            paper = _paper(lines, index, meta, warn)
        except (ValueError, KeyError, TypeError, OverflowError, RecursionError) as exc:
            warnings.append(
                ParseWarning(name, index + 1, f"unreadable paper record, skipped ({exc})")
            )
            continue
        if paper is None:
            warnings.append(ParseWarning(name, index + 1, "no paper heading above this record"))
            continue
        if paper.note:  # someone else's export: keep their harmless HTML, not active content
            safe = sanitize_note(paper.note)
            if safe != paper.note:
                warnings.append(
                    ParseWarning(
                        name,
                        paper.line,
                        f"the note of “{paper.title}” held HTML or links that can run code "
                        "or load from elsewhere; they were left out",
                    )
                )
                paper.note = safe
        papers.append(paper)
    return papers, warnings


def read_record(text: str) -> dict:
    """The JSON of one paper's comment, within limits: size, nesting, finite numbers."""
    if len(text) > MAX_RECORD_CHARS:
        raise ValueError(f"{len(text):,} characters, more than {MAX_RECORD_CHARS:,}")
    if not json_depth_ok(text):
        raise ValueError(f"nested deeper than {MAX_JSON_DEPTH} levels")
    meta = json.loads(text, parse_float=_finite, parse_constant=_no_constant)
    if not isinstance(meta, dict):
        raise TypeError("not a JSON object")
    return meta


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number out of range: {text[:40]}")
    return value


def _no_constant(text: str) -> float:
    raise ValueError(f"not a number: {text}")


def _small_int(value: object, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"{what} is not a number")
    number = int(value)
    if abs(number) > MAX_ID:
        raise ValueError(f"{what} out of range")
    return number


def _tags(value: object, warn: Callable[[str], None]) -> list[str]:
    if not isinstance(value, list):
        raise TypeError("tags is not a list")
    tags = []
    for tag in value:
        try:
            tags.append(clean_tag(tag if isinstance(tag, str) else json.dumps(tag)))
        except LimitError as exc:
            warn(f"tag {str(tag)[:60]!r} skipped: {exc}")
    return list(dict.fromkeys(tags))


def _paper(
    lines: list[str], marker: int, meta: dict, warn: Callable[[str], None]
) -> ExportedPaper | None:
    level = _small_int(meta["level"], "level")
    if not 1 <= level <= 6:
        raise ValueError(f"heading level {level} is not 1 to 6")
    found = next(
        (
            (i, h)
            for i in range(marker - 1, -1, -1)
            if (h := _HEADING.match(lines[i])) and len(h.group(1)) == level
        ),
        None,
    )
    if found is None:
        return None
    heading_at, heading = found
    title = unescape(heading.group(2))
    at = marker + 1
    while at < len(lines) and not lines[at].strip():
        at += 1
    abstract_lines = []
    if meta.get("abstract", "none") != "none":
        while at < len(lines) and lines[at].startswith(">"):
            abstract_lines.append(lines[at][1:].strip())
            at += 1
    abstract = unescape(" ".join(abstract_lines)) if meta.get("abstract") == "full" else ""
    note = None
    if meta.get("note"):
        shift = _small_int(meta.get("shift", level), "shift")
        if not 0 <= shift <= MAX_SHIFT:
            warn(
                f"heading shift {shift} is out of range (0 to {MAX_SHIFT}); "
                "the note's headings are kept as written"
            )
            shift = 0
        note = _note(lines, at, level, shift)
        try:
            check_note(note)
        except LimitError as exc:
            warn(f"note left out: {exc}")
            note = None
    status = meta.get("status", "unread")
    return ExportedPaper(
        title=title,
        abstract=abstract,
        tags=_tags(meta.get("tags", []), warn),
        rating=max(0, min(5, _small_int(meta.get("rating", 0), "rating"))),
        status=status if isinstance(status, str) and status in STATUSES else "unread",
        note=note,
        line=heading_at + 1,
    )


def _note(lines: list[str], start: int, level: int, shift: int) -> str:
    out = []
    for line, prose in prose_lines(lines[start:]):
        if prose:
            heading = _HEADING.match(line)
            if heading and len(heading.group(1)) <= level or _MARKER_LINE.match(line.strip()):
                break
            if heading:  # undo the export's demotion
                hashes = len(heading.group(1))
                line = "#" * max(1, hashes - shift) + line[hashes:]
        out.append(line)
    return "\n".join(out).strip()


def unescape(text: str) -> str:
    """Undo export.escape_markdown: backslash escapes, then the & and < entities."""
    return html.unescape(_ESCAPE.sub(r"\1", text))
