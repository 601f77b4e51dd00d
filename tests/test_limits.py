"""Limits on what comes from a file or a user: a sentence, never a hang or a traceback."""

import json

import pytest

from readinglist.cli import main
from readinglist.core.limits import MAX_QUERY_TERMS, LimitError, clean_tag
from readinglist.core.markdown_import import parse_export
from readinglist.core.query import QueryError, parse

HEADER = "# Reading list\n\nExported from readinglist.\n\n"


def export_with(meta: dict | str, note: str = "### Why\n\nbecause\n") -> str:
    record = meta if isinstance(meta, str) else json.dumps(meta)
    return f"{HEADER}## A Paper Title\n\n<!-- readinglist {record} -->\n\n{note}"


# -- the Markdown import ------------------------------------------------------------------


def test_a_huge_negative_heading_shift_does_not_blow_up_the_note():
    text = export_with({"level": 2, "note": True, "shift": -(10**9)})
    assert len(text) < 400  # the 352-byte hostile export of the issue
    papers, warnings = parse_export(text, "evil.md")
    assert papers[0].note == "### Why\n\nbecause"
    assert [w.message for w in warnings] == [
        "heading shift -1000000000 is out of range (0 to 5); the note's headings are kept "
        "as written"
    ]


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ('{"level": 2, "rating": 1e999}', "number out of range: 1e999"),
        ('{"level": 2, "rating": NaN}', "not a number: NaN"),
        ('{"level": 2, "tags": ' + "[" * 5000 + "]" * 5000 + "}", "nested deeper than 20"),
        ('{"level": 2, "shift": 1e999, "note": true}', "number out of range"),
        ('{"level": 2, "rating": ' + "9" * 5000 + "}", "xceeds the limit"),
        ('{"level": 99999999999999999999999}', "level out of range"),
        ('{"level": 2, "tags": "abc"}', "tags is not a list"),
    ],
)
def test_hostile_records_are_skipped_with_a_warning(record, reason):
    papers, warnings = parse_export(export_with(record), "evil.md")
    assert papers == []
    assert warnings[0].line == 7
    assert warnings[0].message.startswith("unreadable paper record, skipped (")
    assert reason in warnings[0].message


def test_imported_tags_obey_the_cli_rules():
    tags = ["good", "a,b", " ", "nul\x00tag", "x" * 500, "  spaced   out ", "good"]
    papers, warnings = parse_export(export_with({"level": 2, "tags": tags}), "tags.md")
    assert papers[0].tags == ["good", "spaced out"]
    assert [w.message for w in warnings] == [
        "tag 'a,b' skipped: a tag cannot contain a comma",
        "tag ' ' skipped: a tag cannot be empty",
        "tag 'nul\\x00tag' skipped: a tag cannot contain control characters",
        f"tag {'x' * 60!r} skipped: a tag has at most 200 characters, not 500",
    ]


def test_imported_tags_can_be_removed_by_the_cli(tmp_path, monkeypatch, capsys, samples):
    monkeypatch.setenv("READINGLIST_DB", str(tmp_path / "lib.sqlite"))
    export = tmp_path / "list.md"
    export.write_text(export_with({"level": 2, "tags": ["a,b", "fine tag"]}, ""))
    assert main(["import", str(export)]) == 0
    assert main(["untag", "1", "fine tag"]) == 0
    out = capsys.readouterr().out
    assert "1: tags (none)" in out


def test_the_clean_tag_rules():
    assert clean_tag("  to   read ") == "to read"
    for bad in ["", "a,b", "tab\there is fine?"[:0] + "bell\x07", "x" * 201]:
        with pytest.raises(LimitError):
            clean_tag(bad)


# -- ids beyond 64 bits -------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["tag", "99999999999999999999", "x"],
        ["untag", "99999999999999999999", "x"],
        ["rate", "99999999999999999999", "3"],
        ["status", "99999999999999999999", "read"],
        ["note", "99999999999999999999", "--text", "hi"],
        ["merge", "99999999999999999999", "1"],
        ["merge", "1", "99999999999999999999"],
    ],
)
def test_ids_beyond_64_bits_are_refused_with_a_sentence(
    args, tmp_path, monkeypatch, capsys, samples
):
    monkeypatch.setenv("READINGLIST_DB", str(tmp_path / "lib.sqlite"))
    assert main(["import", str(samples)]) == 0
    capsys.readouterr()
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert (
        "a paper id is a whole number from 0 to 9,223,372,036,854,775,807, "
        "not 99999999999999999999" in err
    )


# -- queries ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("rating:99999999999999999999999", "the number is too large"),
        ("seen:>99999999999999999999999", "the number is too large"),
        ("seen:" + "9" * 5000, "a search holds at most 2,000 characters"),
        ("(" * 300 + "a" + ")" * 300, "parentheses nest at most 20 deep"),
        (" ".join("a" for _ in range(999)), f"a search holds at most {MAX_QUERY_TERMS} terms"),
        (" OR ".join(f"w{i}" for i in range(999)), "a search holds at most 2,000 characters"),
        ("added:2026-13-45", "added: 2026-13-45 is not a date"),
        ("added:2026-02-30", "added: 2026-02-30 is not a date"),
        ("added:>=2026-00", "added: 2026-00 is not a date"),
    ],
)
def test_queries_beyond_the_limits_say_so(query, message):
    with pytest.raises(QueryError) as raised:
        parse(query).clause()
    assert message in raised.value.message


def test_queries_within_the_limits_still_work(sample_library):
    assert sample_library.search("added:2026-11") is not None
    assert parse("(" * 20 + "a" + ")" * 20).clause()
    terms = " OR ".join(f"w{i}" for i in range(MAX_QUERY_TERMS))
    sample_library.search(terms)  # 100 terms: SQLite takes them
