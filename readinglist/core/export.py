"""Papers -> Markdown: a tidy, conventional reading list to paste or keep."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from readinglist.core.library import Paper

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!~])")
_HEADING = re.compile(r"^(#{1,6})(?=\s)", re.MULTILINE)
_FENCE = re.compile(r"^\s*(```|~~~)")


def escape_markdown(text: str) -> str:
    """Escape characters that would turn plain text into Markdown markup."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def stars(rating: int) -> str:
    return "★" * rating + "☆" * (5 - rating)


def demote_headings(note: str, levels: int) -> str:
    """Push headings inside a note down so they sit under the paper's heading."""
    out, in_fence = [], False
    for line in note.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            line = _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + levels), line)
        out.append(line)
    return "\n".join(out)


def paper_markdown(paper: Paper, level: int = 2) -> str:
    lines = [f"{'#' * level} {escape_markdown(paper.title)}", ""]
    facts = []
    if paper.rating:
        facts.append(stars(paper.rating))
    if paper.tags:
        facts.append("tags: " + ", ".join(f"`{t}`" for t in paper.tags))
    facts.append(paper.status)
    if paper.seen:
        facts.append(f"seen in {paper.seen} digest{'s' if paper.seen != 1 else ''}")
    lines += [" · ".join(facts), ""]
    if paper.abstract:
        lines += [f"> {escape_markdown(paper.abstract)}", ""]
    if paper.note.strip():
        lines += [demote_headings(paper.note.strip(), level), ""]
    return "\n".join(lines)


def export_markdown(papers: Sequence[Paper], what: str = "", now: dt.datetime | None = None) -> str:
    now = now or dt.datetime.now()
    count = f"{len(papers)} paper{'s' if len(papers) != 1 else ''}"
    described = f" ({what})" if what else ""
    parts = [
        "# Reading list",
        "",
        f"Exported from readinglist on {now:%Y-%m-%d %H:%M}: {count}{described}.",
        "",
    ]
    parts += [paper_markdown(paper) for paper in papers]
    return "\n".join(parts).rstrip() + "\n"
