"""Command line of the inbox and discovery: triage, inbox, suggest, related, discover."""

from __future__ import annotations

import argparse
import json
import os
import sys

from readinglist.core.discover import triage
from readinglist.core.library import Library, LibraryError
from readinglist.core.wording import plural

TRIAGE_WORDS = {**{d: d for d in triage.DECISIONS}, triage.UNTRIAGE: None}
PAST = {"keep": "kept", "skip": "skipped", "later": "left for later", None: "back in the inbox"}


def add_parsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    triaging = sub.add_parser(
        "triage", parents=[common], help="keep, skip or leave papers for later (untriage undoes)"
    )
    triaging.add_argument(
        "items", nargs="+", metavar="ID... DECISION", help="keep|skip|later|untriage"
    )

    inbox = sub.add_parser(
        "inbox", parents=[common], help="untriaged papers, most interesting first"
    )
    inbox.add_argument("--json", action="store_true", help="objects with id, title, score, why")
    inbox.add_argument("--limit", type=int, default=50, metavar="N", help="at most N (50; 0: all)")

    suggest = sub.add_parser("suggest", parents=[common], help="papers that resemble a tag's")
    suggest.add_argument("--tag", required=True)
    suggest.add_argument("--limit", type=int, default=20, metavar="N", help="at most N (20)")
    suggest.add_argument("--json", action="store_true", help="objects with id, title, score, why")

    related = sub.add_parser("related", parents=[common], help="the papers most like one paper")
    related.add_argument("id", type=int)
    related.add_argument("--limit", type=int, default=5, metavar="N", help="at most N (5)")
    related.add_argument("--json", action="store_true", help="objects with id, title, score")

    discover = sub.add_parser(
        "discover", parents=[common], help="update the features and models behind inbox/suggest"
    )
    discover.add_argument("--rebuild", action="store_true", help="refit everything from scratch")
    discover.add_argument("--low-priority", action="store_true", help=argparse.SUPPRESS)


def _triage(library: Library, args: argparse.Namespace) -> int:
    *given, word = args.items
    if word not in TRIAGE_WORDS or not given:
        raise LibraryError(
            "usage: readinglist triage ID... keep|skip|later|untriage "
            f"(got {' '.join(args.items)!r})"
        )
    try:
        ids = [int(i) for i in given]
    except ValueError as exc:
        raise LibraryError(f"paper ids are numbers: {exc}") from exc
    decision = TRIAGE_WORDS[word]
    changed = triage.set_triage(library, ids, decision)
    unchanged = len(set(ids)) - len(changed)
    print(
        f"{plural(len(changed), 'paper')} {PAST[decision]}"
        + (f", {unchanged} already so" if unchanged else "")
        + f"; {triage.inbox_count(library)} in the inbox"
    )
    return 0


def _discovery(library: Library):
    from readinglist.core.discover.engine import Discovery

    discovery = Discovery(library)
    try:
        if discovery.stale():
            print("updating the discovery cache ...", file=sys.stderr)
            discovery.refresh()
    except OSError as exc:
        raise LibraryError(
            f"{discovery.folder}: cannot write the discovery cache ({exc.strerror or exc})"
        ) from exc
    return discovery


def _print(library: Library, items: list, as_json: bool, with_why: bool = True) -> None:
    titles = {p.id: p.title for p in library.papers([r.id for r in items], with_digests=False)}
    items = [r for r in items if r.id in titles]
    if as_json:
        rows = [r.to_json(titles[r.id]) for r in items]
        if not with_why:
            rows = [{k: v for k, v in row.items() if k != "why"} for row in rows]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return
    for r in items:
        score = "     -" if r.score is None else f"{r.score:6.2f}"
        why = f"  ({', '.join(r.why)})" if with_why and r.why else ""
        print(f"{r.id:>6} {score}  {titles[r.id]}{why}")


def _inbox(library: Library, args: argparse.Namespace) -> int:
    inbox = _discovery(library).inbox(args.limit or None)
    _print(library, inbox.items, args.json)
    print(f"{inbox.message}; {plural(inbox.total, 'paper')} in the inbox", file=sys.stderr)
    return 0


def _suggest(library: Library, args: argparse.Namespace) -> int:
    items = _discovery(library).suggest(args.tag, args.limit)
    _print(library, items, args.json)
    print(f"{plural(len(items), 'suggestion')} for {args.tag}", file=sys.stderr)
    return 0


def _related(library: Library, args: argparse.Namespace) -> int:
    library.paper(args.id)  # a clear message for an unknown id
    items = _discovery(library).related(args.id, args.limit)
    _print(library, items, args.json, with_why=False)
    if not items:
        print(f"no paper shares enough words with {args.id}", file=sys.stderr)
    return 0


def _discover(library: Library, args: argparse.Namespace) -> int:
    from readinglist.core.discover.engine import Discovery

    if args.low_priority and hasattr(os, "nice"):
        os.nice(10)  # the window's background build: typing comes first
    discovery = Discovery(library)
    try:
        report = discovery.refresh(force=args.rebuild)
    except OSError as exc:
        raise LibraryError(
            f"{discovery.folder}: cannot write the discovery cache ({exc.strerror or exc})"
        ) from exc
    print(report.describe())
    return 0


COMMANDS = {
    "triage": _triage,
    "inbox": _inbox,
    "suggest": _suggest,
    "related": _related,
    "discover": _discover,
}
