"""Discovery at scale: rebuild, ranking a fresh digest, related papers, window memory.

    python tests/perf/discover_bench.py --db LIBRARY [--work DIR]

LIBRARY is a library made by bench.py (``--keep DIR`` leaves DIR/library.sqlite)
or by ``readinglist import`` of generated digests (tests/perf/generate.py). The
script works on a copy in --work, never on LIBRARY, and prints one JSON object:

- full rebuild (``readinglist discover --rebuild``, a child process as the window
  runs it, at normal priority): seconds, phases, peak memory of the child;
- signals: 30 papers of one topic kept, 10 of another skipped, 8 tagged: the
  rebuild that trains the models (features kept);
- a fresh digest of 240 new papers imported, then ``discover``: the seconds
  until every new paper is ranked (features extended, models rescored);
- related papers of 200 random papers: median, p95 and max milliseconds;
- the window (offscreen) before and after it maps the cache: inbox opened,
  twenty papers previewed with their related papers, a tag's suggestions.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOPIC, OTHER, TAG = "quantum", "diffusion", "bench-topic"


def vm(key: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


CPU: dict[str, float] = {}  # CPU seconds of the last child: comparable on a busy machine


def run_cli(db: Path, *args: str) -> tuple[float, float, str]:
    """Seconds, peak MB of the child, stdout."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    before = usage.ru_maxrss
    cpu_before = usage.ru_utime + usage.ru_stime
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "readinglist", "--db", str(db), *args],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak = usage.ru_maxrss
    CPU["last"] = round(usage.ru_utime + usage.ru_stime - cpu_before, 1)
    return seconds, max(peak, before) / 1024, done.stdout.strip()


def fresh_digest(db: Path, folder: Path, count: int = 240) -> Path:
    """A spaced digest of `count` new papers with realistic text (titles made new)."""
    import sqlite3

    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT title, abstract FROM papers ORDER BY random() LIMIT ?", (count,)
    ).fetchall()
    lines = ["new", "", "Get trending papers in your email inbox!", "", "May 9", ""]
    for number, (title, abstract) in enumerate(rows):
        lines += [f"{title} revisited at scale {number}", "", abstract, ""]
    path = folder / "fresh-240.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def signals(db: Path) -> dict:
    from readinglist.core.discover import triage
    from readinglist.core.library import Library

    with Library(db) as library:
        topic = library.ids(f"title:{TOPIC}", sort="id")
        other = library.ids(f"title:{OTHER}", sort="id")
        triage.set_triage(library, topic[:30], "keep")
        triage.set_triage(library, other[:10], "skip")
        library.add_tags(topic[30:38], [TAG])
        return {"kept": len(topic[:30]), "skipped": len(other[:10]), "tagged": 8}


def related_latency(db: Path, samples: int = 200) -> dict:
    from readinglist.core.discover.engine import Discovery
    from readinglist.core.library import Library

    with Library(db) as library:
        discovery = Discovery(library)
        ids = random.Random(1).sample(library.ids(sort="id"), samples)
        started = time.perf_counter()
        discovery.related(ids[0])
        first = (time.perf_counter() - started) * 1000
        times = []
        for paper_id in ids[1:]:
            started = time.perf_counter()
            found = discovery.related(paper_id)
            times.append((time.perf_counter() - started) * 1000)
            assert len(found) == 5
        times.sort()
        return {
            "first_ms": round(first, 1),
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(times[int(0.95 * len(times))], 1),
            "max_ms": round(times[-1], 1),
        }


def window_memory(db: Path) -> dict:
    """RSS of the window before and after discovery is used (this process, offscreen)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from readinglist.core.library import Library
    from readinglist.gui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    library = Library(db)
    settings = QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat)
    window = MainWindow(library, settings)
    window.discover.controller.timer.stop()  # no background build: measure the window only
    window.resize(1280, 800)
    window.show()
    for _ in range(50):
        app.processEvents()
        time.sleep(0.02)
    before = vm("VmRSS")
    started = time.perf_counter()
    window.discover.open_inbox()
    inbox_ms = (time.perf_counter() - started) * 1000
    for _ in range(20):
        app.processEvents()
    preview = []
    for row in range(20):
        started = time.perf_counter()
        window.select_rows([row])
        app.processEvents()
        preview.append((time.perf_counter() - started) * 1000)
    window.tag_panel.select_tags([TAG])
    app.processEvents()
    suggestions = len(window.discover.suggestions.ids())
    after = vm("VmRSS")
    window.close()
    return {
        "rss_before_mb": round(before, 1),
        "rss_after_mb": round(after, 1),
        "grows_mb": round(after - before, 1),
        "peak_mb": round(vm("VmHWM"), 1),
        "open_inbox_ms": round(inbox_ms, 1),
        "select_with_related_median_ms": round(statistics.median(preview), 1),
        "suggestions_shown": suggestions,
        "numpy_in_window": "numpy" in sys.modules,
        "sklearn_in_window": "sklearn" in sys.modules,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/discover-bench"))
    parser.add_argument("--window-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.window_only:
        print(json.dumps(window_memory(args.db)))
        return 0
    shutil.rmtree(args.work, ignore_errors=True)
    args.work.mkdir(parents=True)
    db = args.work / "library.sqlite"
    source = __import__("sqlite3").connect(args.db)
    source.backup(__import__("sqlite3").connect(db))
    source.close()
    out: dict = {
        "papers": int(
            __import__("sqlite3").connect(db).execute("SELECT count(*) FROM papers").fetchone()[0]
        )
    }

    seconds, peak, said = run_cli(db, "discover", "--rebuild")
    meta = json.loads((db.with_name(db.name + ".discover") / "current.json").read_text())
    out["full_rebuild"] = {
        "seconds": round(seconds, 1),
        "build_seconds": meta["seconds"],
        "phases": meta["phases"],
        "child_peak_mb": round(peak, 1),
        "cpu_seconds": CPU["last"],  # all processes of the build (workers included)
        "rows": meta["rows"],
        "nnz": meta["nnz"],
        "said": said,
    }
    out["cache_mb"] = round(
        sum(f.stat().st_size for f in db.with_name(db.name + ".discover").rglob("*")) / 2**20, 1
    )
    out["signals"] = signals(db)
    seconds, _, said = run_cli(db, "discover")
    out["signals_rebuild"] = {"seconds": round(seconds, 1), "said": said}

    digest = fresh_digest(db, args.work)
    import_seconds, _, _ = run_cli(db, "import", str(digest))
    seconds, _, said = run_cli(db, "discover")
    rank_cpu = CPU["last"]
    meta = json.loads((db.with_name(db.name + ".discover") / "current.json").read_text())
    started = time.perf_counter()
    _, _, inbox = run_cli(db, "inbox", "--json", "--limit", "240")
    out["fresh_digest_240"] = {
        "import_seconds": round(import_seconds, 1),
        "rank_seconds": round(seconds, 2),  # the whole child: interpreter, imports, build
        "rank_cpu_seconds": rank_cpu,
        "build_seconds": meta["seconds"],
        "phases": meta["phases"],
        "inbox_cli_seconds": round(time.perf_counter() - started, 2),
        "said": said,
        "unranked_after": sum(1 for r in json.loads(inbox) if r["score"] is None),
    }
    out["related"] = related_latency(db)
    window = subprocess.run(
        [sys.executable, __file__, "--db", str(db), "--window-only"],
        capture_output=True,
        text=True,
        check=True,
    )
    out["window"] = json.loads(window.stdout.strip().splitlines()[-1])
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
