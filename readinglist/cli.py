"""The command line: the second face of the core (the GUI is the first)."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from readinglist import (
    __version__,
    cli_discover,
    cli_insights,
    cli_metadata,
    cli_targets,
    cli_window_import,
)
from readinglist.core import atomic
from readinglist.core.errors import explain
from readinglist.core.export import (
    ABSTRACTS,
    GROUPINGS,
    ExportOptions,
    export_html,
    export_markdown,
    vault_files,
    write_vault,
)
from readinglist.core.library import SORT_COLUMNS, Library, LibraryError, default_path
from readinglist.core.limits import MAX_NOTE_CHARS, check_note
from readinglist.core.query import QueryError, annotated, everything, parse, tag_query
from readinglist.core.wording import plural, stars


def build_parser() -> argparse.ArgumentParser:
    # SUPPRESS: "readinglist --db X stats" keeps X (a subcommand's default would overwrite it).
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help=f"library file (default: $READINGLIST_DB or {default_path()})",
    )
    parser = argparse.ArgumentParser(
        prog="readinglist",
        description="A reading-list manager for research papers from paper digests.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"readinglist {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", parents=[common], help="open the window (the default)")
    gui.add_argument("files", nargs="*", help="digest files to import on start")
    gui.add_argument("--screenshot", metavar="PNG", help="render the window to PNG and exit")
    gui.add_argument("--select", type=int, metavar="ID", help="with --screenshot: select paper")
    gui.add_argument("--search", metavar="TEXT", help="with --screenshot: type this search")
    theme = gui.add_mutually_exclusive_group()  # default: $READINGLIST_THEME, else the system's
    theme.add_argument("--dark", action="store_true", help="dark appearance, whatever the system")
    theme.add_argument("--light", action="store_true", help="light appearance")

    imp = sub.add_parser("import", parents=[common], help="import digest files or folders")
    imp.add_argument("paths", nargs="+", help="digest files, or folders of *.txt digests")
    imp.add_argument("-v", "--verbose", action="store_true", help="print every warning")

    search = sub.add_parser("search", parents=[common], help="list papers matching a query")
    search.add_argument("query", nargs="*", help="search words and fields (empty: everything)")
    search.add_argument("--json", action="store_true", help="print a JSON array")
    search.add_argument("--sort", choices=sorted(SORT_COLUMNS), help="sort column")
    search.add_argument("--desc", action="store_true", help="sort descending")
    search.add_argument("--limit", type=int, help="at most this many papers")
    search.add_argument("--saved", metavar="NAME", help="run a saved search")
    search.add_argument("--save", metavar="NAME", help="save the query under this name")

    saved = sub.add_parser("saved", parents=[common], help="list, rename or delete saved searches")
    saved.add_argument("action", nargs="?", choices=["list", "rename", "delete"], default="list")
    saved.add_argument("names", nargs="*", help="rename: OLD NEW; delete: NAME")

    cli_targets.add_parsers(sub, common)  # tag, untag, rate, status: ids or --search

    note = sub.add_parser("note", parents=[common], help="set a paper's Markdown note")
    note.add_argument("id", type=int)
    note.add_argument("--text", help="the note (default: read from standard input)")

    export = sub.add_parser("export", parents=[common], help="write papers as Markdown or HTML")
    which = export.add_mutually_exclusive_group()
    which.add_argument(
        "--query", help="which papers (default: every paper with a tag, rating or note)"
    )
    which.add_argument("--tag", help="the papers with this tag")
    which.add_argument("--saved", metavar="NAME", help="the papers of a saved search")
    which.add_argument("--all", action="store_true", help="the whole library")
    export.add_argument("--group-by", choices=GROUPINGS, default="none")
    export.add_argument("--sort", choices=sorted(SORT_COLUMNS), default="title")
    export.add_argument("--desc", action="store_true", help="sort descending")
    export.add_argument("--abstracts", choices=ABSTRACTS, default="full")
    export.add_argument("--no-notes", dest="notes", action="store_false", help="leave notes out")
    export.add_argument("--digests", action="store_true", help="list the digests each was seen in")
    export.add_argument("--front-matter", action="store_true", help="YAML front matter on top")
    export.add_argument(
        "--format",
        choices=["md", "html", "bibtex", "csl-json", "ris"],
        help="default: from -o (.html, .bib, .json, .ris), else md",
    )
    export.add_argument(
        "--vault", metavar="DIR", help="one Markdown file per paper with front matter (Obsidian)"
    )
    export.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (it is never half-written)"
    )

    dupes = sub.add_parser("dupes", parents=[common], help="list possible duplicate papers")
    dupes.add_argument("--json", action="store_true", help="objects with a, b, score, reason")
    dupes.add_argument("--min-score", type=int, default=70, metavar="N", help="0-100 (70)")
    dupes.add_argument(
        "--dismiss",
        nargs=2,
        type=int,
        metavar=("A", "B"),
        help="remember that A and B are not duplicates",
    )

    merge = sub.add_parser("merge", parents=[common], help="merge OTHER_ID into KEEP_ID")
    merge.add_argument("keep", type=int, metavar="KEEP_ID")
    merge.add_argument("other", type=int, metavar="OTHER_ID")
    merge.add_argument("--title-from", type=int, metavar="ID", help="keep this paper's title")
    merge.add_argument("--abstract-from", type=int, metavar="ID", help="keep this paper's abstract")

    backup = sub.add_parser("backup", parents=[common], help="back the library up now")
    backup.add_argument("--keep", type=int, default=10, metavar="N", help="keep the newest N")
    backup.add_argument(
        "--daily", action="store_true", help="only if the newest backup is a day old or more"
    )
    restore = sub.add_parser(
        "restore", parents=[common], help="list backups, or replace the library with one"
    )
    restore.add_argument("backup", nargs="?", help="a backup file or its number in the list")

    desktop = sub.add_parser("install-desktop", help="add the app to the desktop's menus")
    desktop.add_argument(
        "--prefix", metavar="DIR", help="data folder (default: $XDG_DATA_HOME or ~/.local/share)"
    )
    desktop.add_argument("--uninstall", action="store_true", help="remove what it installed")

    cli_insights.add_parser(sub, common)  # trends
    cli_metadata.add_commands(sub, common)

    stats = sub.add_parser("stats", parents=[common], help="counts of the library")
    stats.add_argument("--json", action="store_true")
    cli_discover.add_parsers(sub, common)
    cli_window_import.add_parser(sub, common)  # the window's large imports
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    argv = list(sys.argv[1:] if argv is None else argv)
    if _opens_files(argv, parser):
        argv.insert(_first_positional(argv), "gui")  # "readinglist FILE..." opens the window
    args = parser.parse_args(argv)
    args.db = getattr(args, "db", None)
    command = args.command or "gui"
    _lower_priority()
    if command == "gui":
        return _gui(args)
    if command == "install-desktop":
        return _install_desktop(args)
    try:
        with Library(args.db) as library:
            code = COMMANDS[command](library, args)
            if command not in ("backup", "restore", cli_window_import.COMMAND):
                _daily_backup(library)
            return code
    except (LibraryError, QueryError) as exc:
        print(f"readinglist: {_describe(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `readinglist search | head`
        return 0
    except KeyboardInterrupt:
        print(
            f"readinglist: {command} interrupted (Ctrl+C); what was not finished was "
            "rolled back, everything saved before is kept",
            file=sys.stderr,
        )
        return 130
    except Exception as exc:  # noqa: BLE001 - the policy: a sentence, never a traceback
        print(f"readinglist: {explain(exc, command, args.db or default_path())}", file=sys.stderr)
        return 1


def _lower_priority() -> None:
    """READINGLIST_NICE=N: the window's background work (scan, backup) yields the CPU."""
    niceness = os.environ.get("READINGLIST_NICE", "")
    if niceness.isdigit() and hasattr(os, "nice"):
        with contextlib.suppress(OSError):
            os.nice(int(niceness))


def _daily_backup(library: Library) -> None:
    """The command's work is saved already: a failed daily backup only warns."""
    try:
        library.daily_backup()
    except Exception as exc:  # noqa: BLE001
        problem = explain(exc, "the daily backup", library.path)
        print(
            f"readinglist: warning: your change was saved, but {problem}; "
            "the backup is tried again next time",
            file=sys.stderr,
        )


def _first_positional(argv: list[str]) -> int:
    index = 0
    while index < len(argv) and argv[index].startswith("-"):
        index += 2 if argv[index] == "--db" else 1
    return index


def _opens_files(argv: list[str], parser: argparse.ArgumentParser) -> bool:
    index = _first_positional(argv)
    if index >= len(argv):
        return False
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001
    return argv[index] not in commands and Path(argv[index]).exists()


def _install_desktop(args: argparse.Namespace) -> int:
    from readinglist.desktop import install_desktop_files, uninstall_desktop_files

    prefix = Path(args.prefix) if args.prefix else None
    paths = uninstall_desktop_files(prefix) if args.uninstall else install_desktop_files(prefix)
    for path in paths:
        print(("removed " if args.uninstall else "") + str(path))
    return 0


def _describe(exc: Exception) -> str:
    if isinstance(exc, QueryError):
        return f"bad query at character {exc.position + 1}: {exc.message}"
    return str(exc)


def _gui(args: argparse.Namespace) -> int:
    try:
        from readinglist.gui.app import run
    except ImportError as exc:
        print(
            f"readinglist: the window cannot start ({exc}); the command line works: "
            "readinglist --help",
            file=sys.stderr,
        )
        return 1
    return run(args)


def _import(library: Library, args: argparse.Namespace) -> int:
    report = library.import_files(args.paths)
    library.flag_possible_duplicates(report)
    if not report.files:
        print("readinglist: no digest files found in " + " ".join(args.paths), file=sys.stderr)
        return 1
    for file_report in report.files:
        stream = sys.stderr if file_report.error else sys.stdout
        print(file_report.summary(), file=stream)
        shown = file_report.warnings if args.verbose else file_report.warnings[:5]
        for warning in shown:
            print(f"  warning: {warning}")
        if len(file_report.warnings) > len(shown):
            print(f"  ... {len(file_report.warnings) - len(shown)} more (use --verbose)")
    for note in report.notes:
        print(f"note: {note}")
    print(
        f"total: {report.added} added, {report.known} already known, "
        f"{library.total()} papers in {library.path}"
    )
    return 1 if report.errors else 0


def _search(library: Library, args: argparse.Namespace) -> int:
    text = library.saved_search(args.saved) if args.saved else " ".join(args.query)
    if args.save:
        library.save_search(args.save, text)
        print(f"saved search {args.save!r}: {text}", file=sys.stderr)
    papers = library.search(parse(text), sort=args.sort, descending=args.desc, limit=args.limit)
    approximate = False
    if not papers and (suggestion := library.suggest(text)):
        print(
            f"No paper matches {text!r}. Did you mean: {suggestion.text}? "
            "Approximate matches follow.",
            file=sys.stderr,
        )
        papers = library.search(
            parse(suggestion.text), sort=args.sort, descending=args.desc, limit=args.limit
        )
        approximate = True
    if args.json:
        extra = cli_metadata.search_json_fields(library, papers)
        rows = [{**p.to_json(), **extra[p.id], "approximate": approximate} for p in papers]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    for paper in papers:
        extras = [paper.status]
        if paper.rating:
            extras.append(stars(paper.rating))
        if paper.tags:
            extras.append("[" + ", ".join(paper.tags) + "]")
        extras.append(f"seen {paper.seen}x")
        mark = "~" if approximate else " "
        print(f"{mark}{paper.id:>6}  {paper.title}  ({' · '.join(extras)})")
    print(
        f"{len(papers)} of {library.total()} papers" + (" (approximate)" if approximate else ""),
        file=sys.stderr,
    )
    return 0


def _saved(library: Library, args: argparse.Namespace) -> int:
    expected = {"list": 0, "rename": 2, "delete": 1}[args.action]
    if len(args.names) != expected:
        print(f"readinglist: saved {args.action} takes {plural(expected, 'name')}", file=sys.stderr)
        return 2
    if args.action == "rename":
        library.rename_saved_search(*args.names)
    elif args.action == "delete":
        library.delete_saved_search(args.names[0])
    for name, query in library.saved_searches():
        print(f"{name}: {query}")
    return 0


def _note(library: Library, args: argparse.Namespace) -> int:
    text = args.text if args.text is not None else _read_note_from_stdin()
    library.set_note(args.id, check_note(text))
    print(f"{args.id}: note saved ({len(text)} characters)")
    return 0


def _read_note_from_stdin() -> str:
    data = sys.stdin.buffer.read(MAX_NOTE_CHARS * 4 + 1)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LibraryError(
            f"the note on standard input is not UTF-8 text (byte {exc.start + 1:,} is not); "
            "is it a binary file? Give a text file"
        ) from exc


def _export(library: Library, args: argparse.Namespace) -> int:
    if args.tag:
        query, what = tag_query(args.tag), f"tag: {args.tag}"
    elif args.saved:
        query, what = parse(library.saved_search(args.saved)), f"smart list: {args.saved}"
    elif args.all:
        query, what = everything(), "the whole library"
    elif args.query is not None:
        query, what = parse(args.query), f"search: {args.query}"
    else:
        query, what = annotated(), "tagged, rated or annotated papers"
    papers = library.search(query, sort=args.sort, descending=args.desc)
    options = ExportOptions(
        group_by=args.group_by,
        abstracts=args.abstracts,
        notes=args.notes,
        digests=args.digests,
        front_matter=args.front_matter,
    )
    if args.output and not args.force and Path(args.output).exists():
        raise LibraryError(
            f"{args.output} exists; add --force to replace it "
            "(the old file stays whole until the new one is written)"
        )
    if (citation := cli_metadata.citation_format(args)) and not args.vault:
        return cli_metadata.export_citations(library, papers, citation, args.output)
    if args.vault:
        planned = vault_files(papers, options)
        written = write_vault(Path(args.vault), planned)
        print(f"{len(written)} paper files written to {args.vault}", file=sys.stderr)
        moved = [p.name for p in written if p.name not in planned]
        if moved:
            print(
                f"{len(moved)} written under another name, to leave files that readinglist "
                f"did not write untouched: {', '.join(moved[:5])}"
                + (" …" if len(moved) > 5 else ""),
                file=sys.stderr,
            )
        return 0
    markdown = export_markdown(papers, options, what)
    html_wanted = args.format == "html" or (
        args.format is None and args.output and args.output.lower().endswith((".html", ".htm"))
    )
    text = export_html(markdown) if html_wanted else markdown
    if args.output:
        atomic.write_text(Path(args.output), text)
        print(f"{len(papers)} papers written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _dupes(library: Library, args: argparse.Namespace) -> int:
    if args.dismiss:
        library.dismiss_duplicate(*args.dismiss)
        print(
            f"{args.dismiss[0]} and {args.dismiss[1]} will not be proposed again", file=sys.stderr
        )
        return 0
    found = library.find_duplicates(min_score=args.min_score)
    if args.json:
        print(json.dumps([c.to_json() for c in found], indent=2))
        return 0
    titles = {
        p.id: p.title
        for p in library.papers([i for c in found for i in (c.a, c.b)], with_digests=False)
    }
    for c in found:
        print(
            f"{c.score:>3}  {c.reason}\n     {c.a:>6}  {titles[c.a]}\n     {c.b:>6}  {titles[c.b]}"
        )
    print(f"{plural(len(found), 'possible duplicate pair')}", file=sys.stderr)
    return 0


def _merge(library: Library, args: argparse.Namespace) -> int:
    library.merge_papers(args.keep, args.other, args.title_from, args.abstract_from)
    paper = library.paper(args.keep)
    print(
        f"merged {args.other} into {args.keep}: {paper.title} "
        f"(seen in {paper.seen} digests, tags: {', '.join(paper.tags) or 'none'})"
    )
    return 0


def _backup(library: Library, args: argparse.Namespace) -> int:
    made = library.daily_backup(args.keep) if args.daily else library.backup("manual", args.keep)
    print(
        f"backed up to {made.path}" if made else "no backup due: the newest is less than a day old"
    )
    return 0


def _restore(library: Library, args: argparse.Namespace) -> int:
    backups = library.backups()
    if not args.backup:
        for number, item in enumerate(backups, 1):
            print(f"{number:>3}  {item.describe()}  {item.path}")
        if not backups:
            print(f"no backups yet in {library.path.parent / 'backups'}", file=sys.stderr)
        return 0
    chosen = Path(args.backup)
    if args.backup.isdigit() and not chosen.exists():
        if not 1 <= int(args.backup) <= len(backups):
            raise LibraryError(f"no backup number {args.backup}; run readinglist restore")
        chosen = backups[int(args.backup) - 1].path
    safety = library.restore(chosen)
    print(f"restored {chosen}; the library as it was is in {safety.path}")
    return 0


def _stats(library: Library, args: argparse.Namespace) -> int:
    stats = library.stats()
    if args.json:
        print(json.dumps(stats, indent=2))
        return 0
    for key, value in stats.items():
        print(f"{key.replace('_', ' ')}: {value}")
    return 0


COMMANDS = {
    "import": _import,
    "search": _search,
    "saved": _saved,
    "note": _note,
    **dict.fromkeys(cli_targets.EDITS, cli_targets.run),  # tag, untag, rate, status
    "export": _export,
    "stats": _stats,
    "backup": _backup,
    "restore": _restore,
    "dupes": _dupes,
    "merge": _merge,
    **cli_discover.COMMANDS,
    "trends": cli_insights.run,
    **cli_metadata.COMMANDS,
    cli_window_import.COMMAND: cli_window_import.run,
}
