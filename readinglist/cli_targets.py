"""tag, untag, rate and status on many papers: ``IDS VALUE...`` or ``--search QUERY VALUE...``.

    readinglist tag 12,15,20-25 theory to-read
    readinglist rate --search 'tag:theory is:read' 4 --yes

The papers come first, as one id list (core/targets.py), or from --search; what follows
is the value(s). Above CONFIRM_ABOVE papers the command asks first, unless --yes.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from dataclasses import dataclass

from readinglist.core.library import Library, LibraryError
from readinglist.core.query import parse
from readinglist.core.schema import STATUSES
from readinglist.core.targets import parse_id_list, refuse_id_like_tags
from readinglist.core.wording import plural, stars

CONFIRM_ABOVE = 50


@dataclass(frozen=True)
class BulkEdit:
    usage_values: str  # what follows the papers, for the usage line
    help: str
    values: Callable[[list[str]], list[str]]  # checks the values, raises LibraryError
    apply: Callable[[Library, list[int], list[str]], list[int]]  # returns the changed ids
    done: Callable[[list[str]], str]  # "tagged {n} with theory" -> the report's verb part


def _tags(values: list[str]) -> list[str]:
    if not values:
        raise LibraryError("name at least one tag after the papers")
    refuse_id_like_tags(values)
    return values


def _one(choices: list[str], what: str) -> Callable[[list[str]], list[str]]:
    def check(values: list[str]) -> list[str]:
        if len(values) != 1 or values[0] not in choices:
            got = " ".join(values) or "nothing"
            raise LibraryError(
                f"give one {what} after the papers ({', '.join(choices)}), not {got}"
            )
        return values

    return check


EDITS = {
    "tag": BulkEdit(
        "TAG [TAG ...]",
        "add tags to papers",
        _tags,
        lambda lib, ids, tags: lib.add_tags(ids, tags),
        lambda tags: f"tagged with {', '.join(tags)}",
    ),
    "untag": BulkEdit(
        "TAG [TAG ...]",
        "remove tags from papers",
        _tags,
        lambda lib, ids, tags: lib.remove_tags(ids, tags),
        lambda tags: f"untagged {', '.join(tags)}",
    ),
    "rate": BulkEdit(
        "N",
        "rate papers 0 (unrated) to 5",
        _one([str(n) for n in range(6)], "rating"),
        lambda lib, ids, values: lib.set_rating(ids, int(values[0])),
        lambda values: f"rated {stars(int(values[0])) if values[0] != '0' else 'unrated'}",
    ),
    "status": BulkEdit(
        "STATUS",
        "set papers' reading status",
        _one(list(STATUSES), "status"),
        lambda lib, ids, values: lib.set_status(ids, values[0]),
        lambda values: f"marked {values[0]}",
    ),
}


def add_parsers(sub, common: argparse.ArgumentParser) -> None:
    for name, edit in EDITS.items():
        parser = sub.add_parser(
            name,
            parents=[common],
            help=f"{edit.help}: IDS {edit.usage_values}",
            usage=(
                f"readinglist {name} IDS {edit.usage_values} [--yes]\n"
                f"       readinglist {name} --search QUERY {edit.usage_values} [--yes]"
            ),
            description=(
                f"{edit.help.capitalize()}. IDS is one argument: ids and ranges joined by "
                "commas, e.g. 12,15,20-25. --search names every paper matching a query."
            ),
        )
        parser.add_argument("words", nargs="*", metavar="IDS VALUE", help=argparse.SUPPRESS)
        parser.add_argument("--search", metavar="QUERY", help="every paper matching QUERY")
        parser.add_argument(
            "-y", "--yes", action="store_true", help=f"change more than {CONFIRM_ABOVE} papers"
        )


def run(library: Library, args: argparse.Namespace) -> int:
    edit = EDITS[args.command]
    words = list(args.words)
    if args.search is not None:
        ids = library.ids(parse(args.search))
        what = f"matching {args.search!r}" if args.search.strip() else "(the whole library)"
    else:
        if not words:
            raise LibraryError(f"name the papers: readinglist {args.command} IDS ... or --search")
        ids = _existing(library, parse_id_list(words.pop(0)))
        what = ""
    values = edit.values(words)
    if not ids:
        print(f"no paper {what}: nothing changed", file=sys.stderr)
        return 0
    if len(ids) > CONFIRM_ABOVE and not args.yes and not _confirm(args.command, len(ids), what):
        print("nothing changed", file=sys.stderr)
        return 1
    changed = edit.apply(library, ids, values)
    if args.search is None and len(ids) == 1:  # one paper: what it has now, as always
        print(
            _one_paper(library, args.command, ids[0], values) + ("" if changed else " (unchanged)")
        )
        return 0
    same = len(ids) - len(changed)
    print(
        f"{edit.done(values)}: {plural(len(changed), 'paper')} changed"
        + (f", {same} already so" if same else "")
    )
    return 0


def _existing(library: Library, ids: list[int]) -> list[int]:
    """The ids, if every one is a paper; else nothing changes and the missing ones are named."""
    found = {paper.id for paper in library.papers(ids, with_digests=False)}
    missing = [i for i in ids if i not in found]
    if missing:
        shown = ", ".join(map(str, missing[:10])) + (" ..." if len(missing) > 10 else "")
        raise LibraryError(f"no paper with id {shown}; nothing changed")
    return ids


def _one_paper(library: Library, command: str, paper_id: int, values: list[str]) -> str:
    paper = library.paper(paper_id)
    if command in ("tag", "untag"):
        return f"{paper.id}: tags {', '.join(paper.tags) or '(none)'}"
    if command == "rate":
        return f"{paper.id}: rating {stars(paper.rating) if paper.rating else 'none'}"
    return f"{paper.id}: {paper.status}"


def _confirm(command: str, count: int, what: str) -> bool:
    """Ask on the terminal; no answer (no terminal, end of input) is no."""
    print(
        f"{command} {plural(count, 'paper')} {what}".rstrip() + "? [y/N] ",
        end="",
        file=sys.stderr,
        flush=True,
    )
    answer = sys.stdin.readline() if sys.stdin else ""
    if not answer:
        print(
            f"\n(no answer; pass --yes to change more than {CONFIRM_ABOVE} papers)", file=sys.stderr
        )
    return answer.strip().lower() in ("y", "yes")
