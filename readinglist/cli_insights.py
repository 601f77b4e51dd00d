"""`readinglist trends [TERM]`: a term's share of each digest, or the terms rising most."""

from __future__ import annotations

import argparse
import json

from readinglist.core import insights
from readinglist.core.library import Library

BAR = 30  # characters of the widest bar


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    trends = sub.add_parser(
        "trends",
        parents=[common],
        help="a term's share of each digest, or the terms rising in the latest digests",
        description="With TERM (a word, a phrase or tag:NAME, as in search): the share of "
        "each digest date's papers that match it. Without: the words whose share rose "
        "most in the latest digests, compared with the earlier ones.",
    )
    trends.add_argument("term", nargs="*", help="search words (empty: the rising terms)")
    trends.add_argument("--json", action="store_true", help="print JSON")
    trends.add_argument(
        "--latest", type=int, metavar="N", help="digest dates counted as latest (default: 1/4)"
    )
    trends.add_argument("--limit", type=int, default=15, metavar="N", help="rising terms shown")


def run(library: Library, args: argparse.Namespace) -> int:
    term = " ".join(args.term).strip()
    if term:
        return _term(library, term, args.json)
    if args.latest is not None and args.latest < 1:
        raise SystemExit("readinglist: --latest must be at least 1")
    dates, rising = insights.rising_terms(library.conn, args.latest, max(args.limit, 0))
    if args.json:
        print(
            json.dumps(
                {"latest": dates, "rising": [insights.as_dict(t) for t in rising]},
                indent=2,
                ensure_ascii=False,
            )
        )
        return 0
    if not rising:
        print("no rising terms: trends need digests from at least two dates")
        return 0
    print(f"rising in the digests of {', '.join(dates)} (share of papers: latest vs earlier)")
    for item in rising:
        print(f"{item.term:<24} {item.recent:6.1%} vs {item.earlier:6.1%}  (+{item.rise:.1%})")
    return 0


def _term(library: Library, term: str, as_json: bool) -> int:
    points = insights.term_shares(library.conn, term)
    if as_json:
        digests = [insights.as_dict(p) for p in points]
        print(json.dumps({"term": term, "digests": digests}, indent=2, ensure_ascii=False))
        return 0
    if not points:
        print("no digests imported yet")
        return 0
    widest = max(p.share for p in points) or 1.0
    for p in points:
        bar = "█" * round(BAR * p.share / widest)
        print(f"{p.date}  {p.matching:>5}/{p.total:<5} {p.share:6.1%}  {bar}")
    return 0
