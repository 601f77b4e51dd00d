"""Sorting by the arXiv metadata columns (Authors, Year, arXiv) on a large library.

    cp /work/bench1m/library-1000000-1.sqlite /tmp/sort.sqlite        # a copy: it is changed
    python tests/perf/sort_metadata.py /tmp/sort.sqlite --fill 0.05 --rate 0.02
    python tests/perf/sort_metadata.py /tmp/sort.sqlite --fill 0.30

``--fill F`` first gives arXiv metadata to random papers until a fraction F of
the library has some (never fewer: it only adds); ``--rate F`` rates a fraction
F of the papers 3 to 5 stars, so ``rating:>=3`` has something to find.

Then, for every metadata column, both directions and a few searches, it times
what the table does when sorted: the first pages it reads (LIMIT 2049) and the
last page (scrolled to the end: 256 rows at OFFSET count - 256). "now" is the
table's own ``ResultPages`` (its first figure includes the count; its last page
may be read from the other end); "before" is the correlated-subquery ORDER BY the
library used before (plain LIMIT/OFFSET; skipped with --no-before). Each figure is
the median of --runs warm runs, in ms; both give identical pages.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from readinglist.core.library import Library  # noqa: E402
from readinglist.core.query import parse  # noqa: E402
from readinglist.core.result_pages import WHOLE, ResultPages  # noqa: E402

COLUMNS = {"authors": "authors", "year": "published", "arxiv": "arxiv_id"}
SEARCHES = ["", "model", "tag:to-read", "rating:>=3", "is:unread", "learning tag:to-read"]
FIRST_PAGE = 2049  # ResultPages reads 8 pages and one more row to tell a small result
LAST_PAGE = 256

NAMES = [
    "Ada Lovelace", "Alan Turing", "Grace Hopper", "Yann LeCun", "Geoffrey Hinton",
    "Yoshua Bengio", "Fei-Fei Li", "Andrew Ng", "Daphne Koller", "Judea Pearl",
    "Michael Jordan", "Zoubin Ghahramani", "Bernhard Schölkopf", "Léon Bottou",
    "Ian Goodfellow", "Ilya Sutskever", "Oriol Vinyals", "Demis Hassabis",
]  # fmt: skip


def fill(library: Library, fraction: float, seed: int = 16) -> None:
    conn = library.conn
    total = library.total()
    have = conn.execute("SELECT count(*) FROM paper_metadata").fetchone()[0]
    wanted = int(total * fraction) - have
    if wanted <= 0:
        return
    rng = random.Random(seed + have)
    taken = {row[0] for row in conn.execute("SELECT paper_id FROM paper_metadata")}
    ids = [i for i in rng.sample(range(1, total + 1), min(total, wanted * 2)) if i not in taken]
    filler = "We study a problem and find a result. " * 20
    rows = []
    for n, paper_id in enumerate(ids[:wanted]):
        year = rng.randint(2007, 2026)
        authors = rng.sample(NAMES, rng.randint(1, 4)) if rng.random() > 0.02 else []
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if rng.random() < 0.05:
            published = ""  # looked up, but arXiv gave no date
        rows.append(
            (
                paper_id,
                f"{year % 100:02d}{rng.randint(1, 12):02d}.{rng.randint(0, 99999):05d}",
                f"Looked-up title {n}",
                filler,
                json.dumps(authors, ensure_ascii=False),
                published,
            )
        )
    with library.transaction() as tx:
        tx.executemany(
            "INSERT INTO paper_metadata (paper_id, arxiv_id, title, abstract, authors, published)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    print(f"metadata for {have + len(rows):,} of {total:,} papers", file=sys.stderr)


def rate(library: Library, fraction: float, seed: int = 17) -> None:
    rng = random.Random(seed)
    total = library.total()
    ids = rng.sample(range(1, total + 1), int(total * fraction))
    with library.transaction() as tx:
        tx.executemany(
            "UPDATE papers SET rating = ? WHERE id = ?", [(rng.randint(3, 5), i) for i in ids]
        )
    print(f"rated {len(ids):,} papers", file=sys.stderr)


def before_sql(query: str, sort: str, descending: bool) -> tuple[str, list]:
    """The plan before issue 16: a correlated subquery per paper, every match sorted."""
    where, params = parse(query).clause()
    key = f"(SELECT {COLUMNS[sort]} FROM paper_metadata WHERE paper_id = papers.id)"
    way = "DESC" if descending else "ASC"
    return f"SELECT id FROM papers WHERE {where} ORDER BY {key} {way}, id {way}", params


def timed_page(library: Library, sql: str, params: list, limit: int, offset: int, runs: int):
    times, ids = [], []
    for _ in range(runs):
        start = time.perf_counter()
        rows = library.conn.execute(sql + " LIMIT ? OFFSET ?", [*params, limit, offset])
        ids = [r[0] for r in rows]
        times.append(time.perf_counter() - start)
    return round(statistics.median(times) * 1000, 1), ids


def timed_pages(library: Library, query: str, sort: str, descending: bool, runs: int):
    """The table's way: ResultPages made (first pages and count), then its last rows."""
    made, ended = [], []
    for _ in range(runs):
        start = time.perf_counter()
        pages = ResultPages(library, query, sort=sort, descending=descending)
        made.append(time.perf_counter() - start)
        count = len(pages)
        start = time.perf_counter()
        tail = pages.ids_in(max(0, count - LAST_PAGE), count - 1)
        ended.append(time.perf_counter() - start)
    first = pages.ids_in(0, min(count, WHOLE) - 1)
    ms = [round(statistics.median(t) * 1000, 1) for t in (made, ended)]
    return ms, first, tail


def measure(library: Library, runs: int, before: bool) -> list[dict]:
    results = []
    for query in SEARCHES:
        count = library.count(query)
        last = max(0, count - LAST_PAGE)
        for sort in COLUMNS:
            for descending in (False, True):
                row: dict = {"search": query, "sort": sort, "desc": descending, "count": count}
                (row["now_first_ms"], row["now_last_ms"]), *now = timed_pages(
                    library, query, sort, descending, runs
                )
                if before:
                    sql, params = before_sql(query, sort, descending)
                    row["before_first_ms"], first = timed_page(
                        library, sql, params, FIRST_PAGE, 0, runs
                    )
                    row["before_last_ms"], tail = timed_page(
                        library, sql, params, LAST_PAGE, last, runs
                    )
                    if now != [first[:WHOLE], tail]:
                        raise SystemExit(f"different order: {row}")
                print(json.dumps(row), file=sys.stderr)
                results.append(row)
    return results


def table(results: list[dict], before: bool) -> str:
    head = "| search | matches | sort | way | first page | last page |"
    lines = [head, "|---|---|---|---|---|---|"]
    for r in results:
        way = "desc" if r["desc"] else "asc"
        if before:
            first = f"{r['before_first_ms']} -> {r['now_first_ms']} ms"
            last = f"{r['before_last_ms']} -> {r['now_last_ms']} ms"
        else:
            first, last = f"{r['now_first_ms']} ms", f"{r['now_last_ms']} ms"
        search = f"`{r['search']}`" if r["search"] else "(all)"
        lines.append(f"| {search} | {r['count']:,} | {r['sort']} | {way} | {first} | {last} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("library", type=Path)
    parser.add_argument("--fill", type=float, help="fraction of papers given arXiv metadata")
    parser.add_argument("--rate", type=float, help="fraction of papers rated 3-5")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-before", dest="before", action="store_false")
    args = parser.parse_args()
    with Library(args.library) as library:
        if args.rate:
            rate(library, args.rate)
        if args.fill:
            fill(library, args.fill)
        results = measure(library, args.runs, args.before)
        looked_up = library.conn.execute("SELECT count(*) FROM paper_metadata").fetchone()[0]
    print(f"{looked_up:,} papers with metadata; median of {args.runs} warm runs")
    print(table(results, args.before))


if __name__ == "__main__":
    main()
