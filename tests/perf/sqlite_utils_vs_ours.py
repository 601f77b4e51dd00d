"""Does sqlite-utils serve readinglist? Import cost, bulk insert and introspection, measured.

    .venv/bin/pip install sqlite-utils   # no longer a dependency of readinglist
    .venv/bin/python tests/perf/sqlite_utils_vs_ours.py [--papers 50000] [--repeat 3]

Each bulk insert writes the same rows into a fresh library (triggers and
indexes as in use, the full-text index deferred) inside one transaction, as an
import does: today's path is the ``executemany`` of core/import_batch.py;
sqlite-utils' is ``Table.insert_all`` (500 rows a statement); the third is what
makes insert_all fast, done with the standard sqlite3 module: one INSERT of
many VALUES rows per 500 papers.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from readinglist.core.library import Library

COLUMNS = ("id", "title", "title_key", "abstract", "added", "import_id", "seen", "first_seen")


def rows(count: int) -> list[tuple]:
    now = "2026-11-23T12:00:00+00:00"
    return [
        (
            i,
            f"Paper {i} on sparse attention",
            f"paper {i} on sparse attention",
            f"We study problem {i} and show a bound. " * 8,
            now,
            1,
            1,
            now,
        )
        for i in range(1, count + 1)
    ]


def fresh(folder: Path, name: str) -> Library:
    library = Library(folder / f"{name}.sqlite")
    library.conn.execute("INSERT INTO imports(id, started) VALUES (1, '2026-11-23')")
    return library


def ours(library: Library, data: list[tuple]) -> None:
    with library.transaction() as conn:
        conn.execute("UPDATE fts_control SET deferred_from = 1")  # as an import does
        conn.executemany(
            f"INSERT INTO papers({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
            data,
        )


def multirow(library: Library, data: list[tuple], size: int = 500) -> None:
    one = "(" + ",".join("?" * len(COLUMNS)) + ")"
    with library.transaction() as conn:
        conn.execute("UPDATE fts_control SET deferred_from = 1")  # as an import does
        for start in range(0, len(data), size):
            chunk = data[start : start + size]
            conn.execute(
                f"INSERT INTO papers({', '.join(COLUMNS)}) VALUES " + ",".join([one] * len(chunk)),
                [value for row in chunk for value in row],
            )


def theirs(library: Library, data: list[tuple]) -> None:
    import sqlite_utils

    db = sqlite_utils.Database(library.conn)
    with library.transaction() as conn:
        conn.execute("UPDATE fts_control SET deferred_from = 1")  # as an import does
        db["papers"].insert_all(
            (dict(zip(COLUMNS, row, strict=True)) for row in data), batch_size=500
        )


def timed(function, *args) -> float:
    start = time.perf_counter()
    function(*args)
    return time.perf_counter() - start


def import_seconds(module: str) -> float:
    code = f"import time; s = time.perf_counter(); import {module}; print(time.perf_counter() - s)"
    return float(
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--papers", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = rows(args.papers)
    ways = [
        ("executemany (today)", ours),
        ("insert_all (sqlite-utils)", theirs),
        ("multi-row VALUES (sqlite3)", multirow),
    ]
    results: dict[str, list[float]] = {label: [] for label, _ in ways}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(args.repeat):
            for label, function in ways[run % 3 :] + ways[: run % 3]:  # none always first
                library = fresh(Path(folder), f"{run}-{label[:5]}")
                results[label].append(timed(function, library, data))
                assert library.total() == args.papers
                library.close()
        library = fresh(Path(folder), "introspect")
        conn = library.conn
        sql = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ours_check = min(timed(lambda: conn.execute(sql).fetchall()) for _ in range(50))
        import sqlite_utils

        theirs_check = min(
            timed(lambda: sqlite_utils.Database(conn).table_names()) for _ in range(50)
        )
        library.close()
    print(f"{args.papers:,} papers, best and median of {args.repeat}:")
    for label, seconds in results.items():
        print(f"  {label:<28} {min(seconds):6.3f} s  {statistics.median(seconds):6.3f} s")
    print("import in a fresh interpreter (the foreign-database check runs at every start-up):")
    for module in ("sqlite3", "sqlite_utils"):
        print(f"  import {module:<20} {import_seconds(module) * 1000:7.1f} ms")
    print("table names of a library (the foreign-database check):")
    print(f"  one SELECT (ours)            {ours_check * 1e6:7.1f} µs")
    print(f"  Database.table_names()       {theirs_check * 1e6:7.1f} µs")


if __name__ == "__main__":
    main()
