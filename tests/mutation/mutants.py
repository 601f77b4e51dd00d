"""Pick a seeded sample of mutmut's mutants per core module, and score a run of them.

Used by tests/mutation/run.sh; reads the `.meta` files mutmut writes beside each
mutated file in mutants/. Scores leave out the mutants listed in equivalent.txt
(changes no behaviour can reveal), as long as their function is unchanged since.

    python tests/mutation/mutants.py pick --sample 50 --seed 13 [MODULE ...]
    python tests/mutation/mutants.py score [--survivors] [MODULE ...]
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Another run's folder can be scored too (MUTANTS=/path/to/mutants), e.g. a kept baseline.
MUTANTS = Path(os.environ.get("MUTANTS", ROOT / "mutants"))
CORE = MUTANTS / "readinglist" / "core"
EQUIVALENT = Path(__file__).with_name("equivalent.txt")
PICKED = MUTANTS / "picked.txt"

# mutmut's exit codes (mutmut/stats.py): 1 and 3 are a failing test run.
KILLED = {1, 3}
SURVIVED = {0}
TIMEOUT = {24, -24, 152, 255, 36}
NO_TESTS = {5, 33}


def source_of(module: str) -> Path:
    """'query' -> mutants/readinglist/core/query.py; 'discover.model' -> .../discover/model.py"""
    return CORE / (module.replace(".", "/") + ".py")


def load_meta(module: str) -> dict:
    return json.loads(source_of(module).with_suffix(".py.meta").read_text())


def all_modules() -> list[str]:
    """The core modules that have mutants, as dotted names below readinglist.core."""
    names = (
        str(p.relative_to(CORE)).removesuffix(".py.meta").replace("/", ".")
        for p in CORE.rglob("*.py.meta")
    )
    return sorted(name for name in names if load_meta(name)["exit_code_by_key"])


def function_of(mutant: str) -> str:
    """'readinglist.core.query.x_parse__mutmut_3' -> 'x_parse' (a key of hash_by_function_name)"""
    return mutant.rpartition(".")[2].partition("__mutmut_")[0]


def load_equivalent() -> dict[str, tuple[str, str]]:
    """mutant name -> (hash of its function when judged equivalent, reason)."""
    listed = {}
    for line in EQUIVALENT.read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, function_hash, reason = line.split(maxsplit=2)
        listed[name] = (function_hash, reason)
    return listed


def equivalent_in(module: str, meta: dict, listed: dict[str, tuple[str, str]]) -> set[str]:
    """The listed mutants of this module whose function has not changed since they were judged."""
    hashes = meta["hash_by_function_name"]
    found = set()
    for name, (function_hash, _reason) in listed.items():
        if not name.startswith(f"readinglist.core.{module}."):
            continue
        if hashes.get(function_of(name)) == function_hash:
            found.add(name)
        else:
            print(
                f"note: {name} is listed as equivalent but its function changed; judge it again",
                file=sys.stderr,
            )
    return found


_SQL = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|PRAGMA|FROM|WHERE|JOIN|CREATE|DROP"
    r"|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|ORDER BY)\b",
    re.IGNORECASE,
)
_SQL_LITERAL = re.compile(r"'[^']*'")


def sql_case_only(module: str) -> set[str]:
    """Mutants that only change the letter case of SQL text: SQLite reads keywords and
    names in any case, so these cannot change behaviour (quoted SQL literals must match)."""
    tree = ast.parse(source_of(module).read_text())
    functions = {
        node.name: node
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef) and "__mutmut_" in node.name
    }
    found = set()
    for name, node in functions.items():
        prefix, _, number = name.rpartition("__mutmut_")
        original = functions.get(f"{prefix}__mutmut_orig")
        if number == "orig" or original is None:
            continue
        pairs = [
            (a.value, b.value)
            for a, b in zip(ast.walk(original), ast.walk(node), strict=False)
            if isinstance(a, ast.Constant) and isinstance(b, ast.Constant) and a.value != b.value
        ]
        if len(pairs) != 1 or not all(isinstance(v, str) for v in pairs[0]):
            continue
        before, after = pairs[0]
        if (
            before.lower() == after.lower()
            and _SQL.search(before)
            and _SQL_LITERAL.findall(before) == _SQL_LITERAL.findall(after)
            and _same_shape(original, node)
        ):
            found.add(f"readinglist.core.{module}.{name}")
    return found


def _same_shape(a: ast.AST, b: ast.AST) -> bool:
    """The two functions differ in nothing but string constants (and their names)."""

    def shape(node: ast.AST) -> str:
        copy = ast.parse(ast.unparse(node))
        for sub in ast.walk(copy):
            if isinstance(sub, ast.Constant) and isinstance(sub.value, str):
                sub.value = ""
            if isinstance(sub, ast.FunctionDef):
                sub.name = ""
        return ast.dump(copy)

    return shape(a) == shape(b)


def pick(sample: int, seed: int, modules: list[str]) -> None:
    picked = []
    for spec in modules:
        module, _, own = spec.partition(":")  # "titles:25": this module's own sample size
        sample_here = int(own) if own else sample
        names = sorted(load_meta(module)["exit_code_by_key"])
        rng = random.Random(f"{seed}:{module}")  # a stream per module: adding one changes no other
        picked += sorted(rng.sample(names, min(sample_here or len(names), len(names))))
    PICKED.write_text("\n".join(picked) + "\n")
    print("\n".join(picked))


def score(modules: list[str], survivors: bool) -> int:
    picked = set(PICKED.read_text().split()) if PICKED.exists() else set()
    listed = load_equivalent()
    print(
        f"{'module':<20} {'sampled':>7} {'equiv':>5} {'killed':>6} {'survived':>8} "
        f"{'timeout':>7} {'no test':>7} {'score':>6}"
    )
    lowest = 100.0
    left = []
    for module in modules:
        meta = load_meta(module)
        codes = {k: v for k, v in meta["exit_code_by_key"].items() if not picked or k in picked}
        if not codes:
            continue
        equivalent = (equivalent_in(module, meta, listed) | sql_case_only(module)) & codes.keys()
        judged = {k: v for k, v in codes.items() if k not in equivalent}
        killed = sum(v in KILLED or v in TIMEOUT for v in judged.values())
        survived = sorted(k for k, v in judged.items() if v in SURVIVED)
        timeout = sum(v in TIMEOUT for v in judged.values())
        untested = sorted(k for k, v in judged.items() if v in NO_TESTS)
        unchecked = sum(v is None for v in judged.values())
        checked = len(judged) - unchecked
        pct = 100.0 * killed / checked if checked else 100.0
        lowest = min(lowest, pct)
        print(
            f"{module:<20} {len(codes):>7} {len(equivalent):>5} {killed:>6} {len(survived):>8} "
            f"{timeout:>7} {len(untested):>7} {pct:>5.0f}%"
            + (f"  ({unchecked} not run)" if unchecked else "")
        )
        left += survived + untested
    if survivors and left:
        print("\nsurviving (see one with: .venv/bin/mutmut show NAME):")
        print("\n".join(f"  {name}" for name in left))
    return 0 if lowest >= 85.0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("pick", help="write a seeded sample of mutant names to mutants/picked.txt")
    p.add_argument("--sample", type=int, default=50, help="mutants per module (0: all)")
    p.add_argument("--seed", type=int, default=13)
    p.add_argument(
        "modules", nargs="*", help="core modules, e.g. query titles:25 (default: all of them)"
    )
    s = sub.add_parser("score", help="per-module scores of the picked mutants")
    s.add_argument("--survivors", action="store_true", help="list the mutants that survived")
    s.add_argument("modules", nargs="*")
    args = parser.parse_args(argv)
    modules = args.modules or all_modules()
    if args.command == "pick":
        pick(args.sample, args.seed, modules)
        return 0
    return score([m.partition(":")[0] for m in modules], args.survivors)


if __name__ == "__main__":
    sys.exit(main())
