"""Peak memory of importing huge dumps: it must not grow with the file size.

    python tests/perf/import_memory.py --sizes 150 1500 --work /tmp/rl-big

For each size (MB) it writes one spaced digest of about that size (distinct
papers, text drawn from the sample dumps' words), imports it with
`readinglist import` in a child process, and prints the child's peak RSS and
the time it took, as a JSON object and a table.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "digests"


def vocabulary() -> list[str]:
    words = re.findall(r"[A-Za-z][a-z]{2,}", " ".join(p.read_text() for p in SAMPLES.glob("*.txt")))
    return sorted(set(words))


def write_dump(path: Path, megabytes: int, seed: int = 1) -> int:
    rng = random.Random(seed)
    words = vocabulary()
    target = megabytes * 1_000_000
    written = papers = 0
    with path.open("w", encoding="utf-8") as out:
        out.write("new\n\nGet trending papers in your email inbox!\n\nMay 5\n\n")
        while written < target:
            title = " ".join(rng.choice(words) for _ in range(rng.randint(5, 14)))
            title = f"{title.capitalize()} {papers}"  # distinct papers
            sentences = [
                " ".join(rng.choice(words) for _ in range(rng.randint(12, 28))).capitalize() + "."
                for _ in range(rng.randint(4, 10))
            ]
            block = f"{title}\n\n{' '.join(sentences)}\n\n"
            out.write(block)
            written += len(block)
            papers += 1
    return papers


def measure(dump: Path, library: Path) -> dict:
    for old in library.parent.glob(library.name + "*"):
        old.unlink()
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = subprocess.run(
        [sys.executable, "-m", "readinglist", "import", "--db", str(library), str(dump)],
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if result.returncode:
        raise SystemExit(result.stderr)
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak_kb / 1024, 1),
        "peak_rss_grew_since_previous": peak_kb > before,
        "summary": result.stdout.strip().splitlines()[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 1500], metavar="MB")
    parser.add_argument("--work", type=Path, default=Path("/tmp/rl-big"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    results = {}
    for size in sorted(args.sizes):  # growing sizes, so ru_maxrss tells each peak
        dump = args.work / f"dump-{size}mb.txt"
        papers = write_dump(dump, size)
        results[size] = {
            "file_mb": round(dump.stat().st_size / 1e6),
            "papers": papers,
            **measure(dump, args.work / f"library-{size}.sqlite"),
        }
        dump.unlink()
    print(json.dumps(results, indent=2))
    print(f"{'dump':>10} {'papers':>9} {'seconds':>8} {'peak RSS':>10}")
    for r in results.values():
        print(f"{r['file_mb']:>7} MB {r['papers']:>9,} {r['seconds']:>8} {r['peak_rss_mb']:>7} MB")


if __name__ == "__main__":
    main()
