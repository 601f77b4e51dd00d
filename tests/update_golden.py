"""Rewrite the golden files of the Markdown export from the code as it is now.

Run it only after a change to the export that is meant, then review and commit
the diff it leaves (``git diff tests/golden``); the tests never write them.

    .venv/bin/python tests/update_golden.py
"""

from golden_cases import GOLDEN, OPTION_SETS, golden_path, render


def main() -> None:
    GOLDEN.mkdir(exist_ok=True)
    for stale in sorted(set(GOLDEN.glob("*.md")) - {golden_path(n) for n in OPTION_SETS}):
        stale.unlink()
        print(f"removed {stale.name} (no case makes it any more)")
    for name in sorted(OPTION_SETS):
        path = golden_path(name)
        text = render(name)
        before = path.read_text(encoding="utf-8") if path.exists() else None
        if text != before:
            path.write_text(text, encoding="utf-8")
        print(f"{'unchanged' if text == before else 'written  '} {path.name}")


if __name__ == "__main__":
    main()
