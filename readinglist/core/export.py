"""Papers -> Markdown (and HTML): a tidy reading list that is also a backup.

The Markdown is conventional (a title, a line on what was exported, a heading
per group and per paper, facts, the abstract as a quote, the note as written
with its headings demoted) and carries one HTML comment per paper with its
annotations as JSON, invisible when rendered, so `readinglist import` of the
file restores tags, ratings, statuses and notes (see markdown_import.py).
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from readinglist.core import atomic, clock
from readinglist.core.models import LibraryError, Paper
from readinglist.core.render import render_markdown
from readinglist.core.sanitize import sanitize_note
from readinglist.core.schema import STATUSES
from readinglist.core.wording import plural, stars

MARKER = "readinglist"
VAULT_MARK_KEY = "exported_by"
GROUPINGS = ("none", "tag", "rating", "status", "digest_date")
ABSTRACTS = ("full", "first_sentence", "none")

# Backslash escapes that both python-markdown and CommonMark honour; "&" and "<"
# become entities because python-markdown does not take "\<" or "\&". A "|" needs
# no escape: a title or an abstract line never stands above a table's delimiter row.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]>#!])")
_LIST_MARKER = re.compile(r"^(\s*)([-+])(?=\s|$)")
_NUMBERED_MARKER = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_HEADING = re.compile(r"^(#{1,6})(?=\s|$)", re.MULTILINE)
_FENCE = re.compile(r"^\s*(```|~~~)")  # a fenced code block opens or closes
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?=\s+[A-Z(])")
_MARKER_LINE = re.compile(rf"^<!-- {MARKER} .*-->$", re.MULTILINE)


@dataclass(frozen=True)
class ExportOptions:
    group_by: str = "none"
    abstracts: str = "full"
    notes: bool = True
    digests: bool = False
    front_matter: bool = False

    def __post_init__(self) -> None:
        if self.group_by not in GROUPINGS:
            raise ValueError(f"group by one of {', '.join(GROUPINGS)}")
        if self.abstracts not in ABSTRACTS:
            raise ValueError(f"abstracts: one of {', '.join(ABSTRACTS)}")


def escape_markdown(text: str) -> str:
    """Escape what would turn plain text into Markdown markup (titles, abstracts, tags)."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;")
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", escaped)
    escaped = _LIST_MARKER.sub(r"\1\\\2", escaped)
    return _NUMBERED_MARKER.sub(r"\1\\\2", escaped)


def heading_shift(note: str, level: int) -> int:
    """How far to push a note's headings so its top one sits just under level."""
    levels = [len(m.group(1)) for m in _headings_outside_fences(note)]
    return max(0, level + 1 - min(levels)) if levels else 0


def prose_lines(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Each line, and whether it is Markdown prose: fences and the code inside are not."""
    in_fence = False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
            yield line, False
        else:
            yield line, not in_fence


def _headings_outside_fences(note: str) -> list[re.Match[str]]:
    return [
        match
        for line, prose in prose_lines(note.splitlines())
        if prose and (match := _HEADING.match(line))
    ]


def demote_headings(note: str, levels: int) -> str:
    """Push headings inside a note down so they sit under the paper's heading."""
    return "\n".join(
        _HEADING.sub(lambda m: "#" * min(6, len(m.group(1)) + levels), line) if prose else line
        for line, prose in prose_lines(note.splitlines())
    )


def first_sentence(text: str) -> str:
    match = _FIRST_SENTENCE.match(text)
    return match.group(1) if match else text


def facts_line(paper: Paper, with_digests: bool) -> str:
    facts = [stars(paper.rating)] if paper.rating else []
    if paper.tags:
        facts.append("tags: " + ", ".join(escape_markdown(t) for t in paper.tags))
    facts.append(paper.status)
    if paper.seen:
        facts.append(f"seen in {plural(paper.seen, 'digest')}")
    line = " · ".join(facts)
    if with_digests and paper.digests:
        seen = "; ".join(
            escape_markdown(f"{d.file} ({(d.date or d.imported)[:10]})") for d in paper.digests
        )
        line += f"  \nSeen in: {seen}"
    return line


def paper_markdown(paper: Paper, options: ExportOptions, level: int = 2) -> str:
    abstract = paper.abstract
    if options.abstracts == "first_sentence":
        abstract = first_sentence(abstract)
    elif options.abstracts == "none":
        abstract = ""
    # The note's own HTML goes out only where it can neither run nor load anything.
    note = sanitize_note(paper.note).strip() if options.notes else ""
    meta = {
        "tags": paper.tags,
        "rating": paper.rating,
        "status": paper.status,
        "abstract": options.abstracts if abstract else "none",
        "note": bool(note),
        "level": level,
    }
    shift = heading_shift(note, level) if meta["note"] else 0
    if meta["note"]:
        meta["shift"] = shift
    lines = [
        f"{'#' * level} {escape_markdown(paper.title)}",
        "",
        facts_line(paper, options.digests),
        "",
        f"<!-- {MARKER} {json.dumps(meta, ensure_ascii=False)} -->",
        "",
    ]
    if abstract:
        lines += [f"> {escape_markdown(abstract)}", ""]
    if meta["note"]:
        lines += [demote_headings(note, shift), ""]
    return "\n".join(lines)


def _group_key(paper: Paper, group_by: str) -> list[tuple[object, str]]:
    """(sort key, heading) pairs of the groups a paper belongs to."""
    if group_by == "tag":
        tags = paper.tags or []
        return [(t.casefold(), escape_markdown(t)) for t in tags] or [("\uffff", "Untagged")]
    if group_by == "rating":
        return [(-paper.rating, stars(paper.rating) if paper.rating else "Unrated")]
    if group_by == "status":
        return [(STATUSES.index(paper.status), paper.status.capitalize())]
    if group_by == "digest_date":
        day = (paper.first_seen or "")[:10]
        # Newest day first; papers never seen in a digest last, like "Untagged".
        return [(tuple(-ord(c) for c in day) or (1,), day or "Never seen in a digest")]
    return [(0, "")]


def _groups(papers: Sequence[Paper], group_by: str) -> list[tuple[str, list[Paper]]]:
    groups: dict[tuple[object, str], list[Paper]] = {}
    for paper in papers:
        for key in _group_key(paper, group_by):
            groups.setdefault(key, []).append(paper)
    return [(heading, members) for (_, heading), members in sorted(groups.items())]


def front_matter(fields: dict) -> str:
    """YAML front matter; JSON values are valid YAML and keep any title safe."""
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items()]
    return "\n".join([*lines, "---", ""])


def export_markdown(
    papers: Sequence[Paper],
    options: ExportOptions = ExportOptions(),  # noqa: B008 (frozen, so safe)
    what: str = "",
    now: dt.datetime | None = None,
    title: str = "Reading list",
) -> str:
    now = now or clock.now()
    described = f" ({what})" if what else ""
    grouping = (
        "" if options.group_by == "none" else f", grouped by {_GROUP_NAMES[options.group_by]}"
    )
    parts = []
    if options.front_matter:
        tags = sorted({t for p in papers for t in p.tags}, key=str.casefold)
        parts.append(
            front_matter(
                {"title": title, "date": f"{now:%Y-%m-%d}", "tags": tags, "papers": len(papers)}
            )
        )
    parts += [
        f"# {escape_markdown(title)}",
        "",
        f"Exported from readinglist on {now:%Y-%m-%d %H:%M}: "
        f"{plural(len(papers), 'paper')}{described}{grouping}.",
        "",
    ]
    if options.group_by == "none":
        parts += [paper_markdown(p, options, level=2) for p in papers]
    else:
        for heading, members in _groups(papers, options.group_by):
            parts += [f"## {heading}", ""]
            parts += [paper_markdown(p, options, level=3) for p in members]
    return "\n".join(parts).rstrip() + "\n"


_GROUP_NAMES = {"tag": "tag", "rating": "rating", "status": "status", "digest_date": "digest date"}


def export_html(markdown_text: str, title: str = "Reading list") -> str:
    """A self-contained HTML page of an export; notes' HTML stays escaped text."""
    body = render_markdown(_strip_front_matter(_MARKER_LINE.sub("", markdown_text)))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{html.escape(title)}</title>
<style>
body {{ font: 16px/1.55 system-ui, sans-serif; max-width: 46em; margin: 2em auto;
        padding: 0 1em; color: #222; background: #fff; }}
blockquote {{ margin: 0.5em 0; padding-left: 1em; border-left: 3px solid #ccc; color: #444; }}
pre, code {{ background: #f4f4f4; }} pre {{ padding: 0.6em; overflow-x: auto; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 0.2em 0.5em; }}
@media (prefers-color-scheme: dark) {{
  body {{ color: #ddd; background: #1e1e1e; }} blockquote {{ color: #bbb; }}
  pre, code {{ background: #2a2a2a; }}
}}
</style>
</head>
<body>
{body}
</body>
</html>
"""


def _strip_front_matter(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5 :]
    return text


def vault_files(papers: Iterable[Paper], options: ExportOptions) -> dict[str, str]:
    """One Markdown file per paper with YAML front matter (Obsidian-style note vaults)."""
    files: dict[str, str] = {}
    for paper in papers:
        name = _file_name(paper.title, files)
        fields = {
            "title": paper.title,
            "tags": paper.tags,
            "rating": paper.rating,
            "status": paper.status,
            "seen": paper.seen,
            "added": paper.added[:10],
            VAULT_MARK_KEY: MARKER,  # marks the file as ours: only such files are overwritten
        }
        files[name] = front_matter(fields) + paper_markdown(paper, options, level=1)
    return files


def write_vault(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write vault files into folder only, each whole (atomic), never over a file of the user's.

    A name already taken by a file readinglist did not write (no mark in its
    front matter), by a symbolic link or by a folder gets the next free name
    ("Title 2.md"); names are checked to stay inside the folder.
    """
    if folder.exists() and not folder.is_dir():
        raise LibraryError(f"{folder}: a file, not a folder; choose a folder for the vault")
    folder.mkdir(parents=True, exist_ok=True)
    root = folder.resolve()
    written: list[Path] = []
    taken: set[str] = set()
    for name, text in files.items():
        if Path(name).name != name or name.startswith("."):
            raise LibraryError(f"refusing to write outside {root}: {name!r}")
        target = root / name
        stem, counter = name[: -len(".md")], 2
        while target.name.casefold() in taken or not _ours_or_free(target):
            target, counter = root / f"{stem} {counter}.md", counter + 1
        atomic.write_text(target, text)
        taken.add(target.name.casefold())
        written.append(target)
    return written


def written_by_us(path: Path) -> bool:
    """A vault file readinglist wrote: its front matter carries the mark."""
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            head = file.read(4096)
    except OSError:
        return False
    front = head.split("\n---\n", 1)[0] if head.startswith("---\n") else ""
    return f'\n{VAULT_MARK_KEY}: "{MARKER}"\n' in front + "\n"


def _ours_or_free(target: Path) -> bool:
    if target.is_symlink():
        return False  # never write through a link, never replace one
    if not target.exists():
        return True
    return target.is_file() and written_by_us(target)


_UNSAFE_NAME = re.compile(r"[^\w\- ]+")
MAX_NAME_BYTES = 200  # file systems allow 255 bytes; room for " 12.md"


def _file_name(title: str, taken: dict[str, str]) -> str:
    """A safe, readable file name: no separators, dots or control characters."""
    stem = " ".join(_UNSAFE_NAME.sub(" ", title).split())[:80].strip() or "paper"
    while len(stem.encode("utf-8")) > MAX_NAME_BYTES:  # CJK or emoji: 3-4 bytes each
        stem = stem[:-1].rstrip()
    name, counter = f"{stem}.md", 2
    while name.casefold() in {t.casefold() for t in taken}:
        name, counter = f"{stem} {counter}.md", counter + 1
    return name
