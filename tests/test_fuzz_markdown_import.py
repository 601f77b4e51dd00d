"""Hostile exports: the Markdown import ends in papers plus warnings, within the limits.

Bounded property tests (hypothesis), like tests/test_fuzz_digest.py for digests:
records with odd JSON, huge or negative numbers, deep nesting, bad tags, and
notes with headings and fences in any order.
"""

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist.core.library import Library
from readinglist.core.limits import MAX_NOTE_CHARS, clean_tag
from readinglist.core.markdown_import import parse_export

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([1e999, -1e999, 0.5, 10**4000]),
    st.sampled_from(["1e999", "NaN", "Infinity", "-0", "5"]).map(lambda s: s),
)
json_values = st.recursive(
    st.none() | st.booleans() | numbers | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=20,
)
tags = st.lists(
    st.text(max_size=30) | st.sampled_from(["a,b", "", "\x00", " x ", "<img src=x>"]),
    max_size=6,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "level": st.just(2) | st.just(2) | numbers,
        "shift": numbers,
        "rating": numbers,
        "tags": tags | json_values,
        "status": st.sampled_from(["read", "reading", "unread", "gone"]) | json_values,
        "note": st.booleans() | json_values,
        "abstract": st.sampled_from(["full", "first_sentence", "none"]) | json_values,
    },
)


def record_text(record) -> str:
    try:
        return json.dumps(record, allow_nan=True)
    except ValueError:  # an integer beyond the string conversion limit
        return '{"level": ' + "9" * 5000 + "}"


line_pieces = st.sampled_from(
    [
        "## A Paper Title",
        "# Top",
        "### Note heading",
        "###### deep",
        "```",
        "~~~",
        "> an abstract line",
        "",
        "- a list",
        "<!-- readinglist {} -->",
        '<!-- readinglist {"level": 2, "note": true, "shift": -1000000000} -->',
        "<!-- readinglist " + "[" * 3000 + " -->",
    ]
) | st.text(max_size=40)

documents = st.lists(
    line_pieces | records.map(lambda r: f"## A Paper\n<!-- readinglist {record_text(r)} -->"),
    max_size=40,
).map("\n".join)


def check(text: str) -> None:
    papers, warnings = parse_export(text, "fuzz.md")
    for paper in papers:
        assert paper.title
        assert 0 <= paper.rating <= 5
        assert paper.status in ("unread", "reading", "read")
        assert all(clean_tag(tag) == tag for tag in paper.tags)
        assert paper.note is None or len(paper.note) <= min(MAX_NOTE_CHARS, len(text))
    for warning in warnings:
        assert str(warning).startswith("fuzz.md:")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_structured_hostile_exports_give_papers_and_warnings(text):
    check(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=2000))
def test_random_text_with_a_marker_gives_papers_and_warnings(text):
    check("## T\n<!-- readinglist {" + text + "} -->\n" + text)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(documents)
def test_importing_hostile_exports_keeps_the_library_whole(tmp_path, text):
    folder = Path(tempfile.mkdtemp(dir=tmp_path))  # a fresh library for every example
    path = folder / "fuzz.md"
    path.write_text("# Reading list\n\n" + text, encoding="utf-8")
    with Library(folder / "library.sqlite") as library:
        library.import_files([path])
        for paper in library.search(""):
            assert all(clean_tag(tag) == tag for tag in paper.tags)
            assert len(paper.note) <= len(text)
        integrity = library.conn.execute("PRAGMA integrity_check").fetchone()[0]
    assert integrity == "ok"
