"""The golden-file cases of the Markdown export, shared by tests/test_export.py (which
compares) and tests/update_golden.py (which rewrites the files, only when run on purpose)."""

import datetime as dt
from pathlib import Path

from readinglist.core.export import ExportOptions, export_markdown
from readinglist.core.models import Paper, Sighting

GOLDEN = Path(__file__).parent / "golden"
NOW = dt.datetime(2026, 11, 23, 9, 30)


def paper(pid, title, rating=0, tags=(), status="unread", note="", seen=1, day="2026-05-05"):
    abstract = (
        f"First sentence about {title.split()[0].lower()}. A second sentence with "
        "details (and a number, 3.5). A third one."
    )
    return Paper(
        pid,
        title,
        abstract,
        "2026-11-20T10:00:00+00:00",
        rating,
        status,
        note,
        list(tags),
        seen,
        day,
        [Sighting("000_digest.txt", day, "2026-11-20T10:00")],
    )


PAPERS = [
    paper(
        1,
        "Gradient Descent Finds Global Minima",
        5,
        ["theory", "to-read"],
        "read",
        "# Why\nIt *converges*.\n\n```\n# not a heading\n```\n\n- one\n- two",
    ),
    paper(2, "Diffusion Models Beat GANs", 3, ["to-read"], "reading", day="2026-03-11"),
    paper(3, "Attention Is All You Need", 0, [], "unread", "Classic.", seen=3),
]

OPTION_SETS = {
    "plain": ExportOptions(),
    "by_tag": ExportOptions(group_by="tag"),
    "by_rating_first_sentence_no_notes": ExportOptions(
        group_by="rating", abstracts="first_sentence", notes=False
    ),
    "by_status_digests_front_matter": ExportOptions(
        group_by="status", digests=True, front_matter=True
    ),
    "by_digest_date_no_abstracts": ExportOptions(group_by="digest_date", abstracts="none"),
}


def golden_path(name: str) -> Path:
    return GOLDEN / f"{name}.md"


def render(name: str) -> str:
    """The export the golden file ``name`` must hold, made by the code as it is now."""
    return export_markdown(PAPERS, OPTION_SETS[name], "search: tag:to-read", NOW)
