"""Command-line faces of the metadata package: links, lookup, citation export."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from readinglist.core import atomic
from readinglist.core.library import Library
from readinglist.core.metadata import store
from readinglist.core.metadata.citation import EXTENSIONS, FORMATS, Item, render
from readinglist.core.metadata.links import links
from readinglist.core.metadata.records import metadata_json


def add_commands(sub, common: argparse.ArgumentParser) -> None:
    link = sub.add_parser("links", parents=[common], help="where to read a paper online")
    link.add_argument("id", type=int)
    link.add_argument("--json", action="store_true", help="a JSON object of site name to URL")

    lookup = sub.add_parser(
        "lookup",
        parents=[common],
        help="find papers on arXiv: id, authors, date, category, PDF (asks arXiv)",
        description="Ask the arXiv API about papers (nothing is sent anywhere else). "
        "Only certain matches attach; papers already looked up are skipped unless --again. "
        "The endpoint is $READINGLIST_ARXIV_API when set.",
    )
    lookup.add_argument("ids", nargs="*", type=int, metavar="ID", help="papers to look up")
    lookup.add_argument("--all", action="store_true", help="every paper not looked up yet")
    lookup.add_argument("--again", action="store_true", help="also papers looked up before")
    lookup.add_argument("--json", action="store_true", help="print each paper's outcome as JSON")


def citation_format(args: argparse.Namespace) -> str | None:
    """The citation format an export asks for (by --format or -o's extension), if any."""
    if args.format in FORMATS:
        return args.format
    if args.format is None and args.output:
        return EXTENSIONS.get(Path(args.output).suffix.lower())
    return None


def export_citations(library: Library, papers: list, fmt: str, output: str | None) -> int:
    records = store.metadata_for(library, [p.id for p in papers])
    text = render(fmt, [Item(p, records.get(p.id)) for p in papers])
    if output:
        atomic.write_text(Path(output), text)
        found = sum(p.id in records for p in papers)
        print(
            f"{len(papers)} papers written to {output} as {fmt} ({found} with arXiv metadata)",
            file=sys.stderr,
        )
    else:
        sys.stdout.write(text)
    return 0


def search_json_fields(library: Library, papers: list) -> dict[int, dict]:
    """Paper id -> the metadata fields ``search --json`` adds."""
    records = store.metadata_for(library, [p.id for p in papers])
    return {p.id: metadata_json(records.get(p.id)) for p in papers}


def _links(library: Library, args: argparse.Namespace) -> int:
    paper = library.paper(args.id)
    found = links(paper.title, store.record_of(library, paper.id))
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=2))
    else:
        for site, url in found.items():
            print(f"{site}: {url}")
    return 0


def _lookup(library: Library, args: argparse.Namespace) -> int:
    from readinglist.core.metadata.arxiv import ArxivClient
    from readinglist.core.metadata.lookup import look_up

    if not args.ids and not args.all:
        print("readinglist: lookup needs paper ids or --all", file=sys.stderr)
        return 2
    client = ArxivClient()

    def progress(done: int, total: int, label: str) -> None:
        if label:
            print(f"[{done}/{total}] asking arXiv… {label[:60]}", file=sys.stderr)

    try:
        report = look_up(library, None if args.all else args.ids, client, args.again, progress)
    except KeyboardInterrupt:
        client.stop.set()
        print("readinglist: look-up interrupted; what was found is kept", file=sys.stderr)
        return 130
    titles = {p.id: p.title for p in library.papers(list(report.outcomes), with_digests=False)}
    records = store.metadata_for(library, list(report.outcomes))
    if args.json:
        rows = [
            {"id": pid, "title": titles.get(pid), "found": found, "reason": reason}
            | metadata_json(records.get(pid))
            for pid, (found, reason) in report.outcomes.items()
        ]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for pid, (_, reason) in report.outcomes.items():
            mark = f"arXiv:{records[pid].arxiv_id}" if pid in records else "not found"
            print(f"{pid:>6}  {mark:<18} {titles.get(pid, '')[:70]}\n        {reason}")
    print(report.summary(), file=sys.stderr)
    return 1 if report.error else 0


COMMANDS = {"links": _links, "lookup": _lookup}
