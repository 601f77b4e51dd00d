"""Reading back an exported (and perhaps hand-edited) Markdown list."""

import json

from readinglist.core.markdown_import import parse_export


def record(**meta):
    fields = {"level": 2, "tags": [], "rating": 0, "status": "unread", "abstract": "full"}
    fields.update(meta)
    return f"<!-- readinglist {json.dumps({k: v for k, v in fields.items() if v is not None})} -->"


def test_a_hand_edited_record_missing_fields_gets_defaults():
    text = "## Minimal\n\n" + record(tags=None, rating=None, status=None) + "\n\n> An abstract.\n"
    [paper], warnings = parse_export(text, "list.md")
    assert warnings == []
    assert (paper.title, paper.tags, paper.rating, paper.status) == ("Minimal", [], 0, "unread")
    assert paper.abstract == "An abstract."


def test_windows_line_ends_and_a_missing_final_newline_are_read():
    text = "# List\r\n\r\n## Title \\*one\\*\r\n\r\n" + record(tags=["gnn"]) + "\r\n\r\n> Quote"
    [paper], warnings = parse_export(text, "list.md")
    assert warnings == []
    assert (paper.title, paper.tags, paper.abstract) == ("Title *one*", ["gnn"], "Quote")
    assert paper.line == 3


def test_an_abstract_quote_without_a_space_keeps_every_letter():
    text = "## T\n\n" + record() + "\n\n>First line\n> second line\n"
    [paper], _ = parse_export(text, "list.md")
    assert paper.abstract == "First line second line"


def test_a_shortened_or_missing_abstract_is_not_brought_back():
    shortened = "## T\n\n" + record(abstract="first_sentence") + "\n\n> First only.\n"
    left_out = "## T\n\n" + record(abstract="none") + "\n\nA note line.\n"
    assert parse_export(shortened, "a.md")[0][0].abstract == ""
    assert parse_export(left_out, "b.md")[0][0].abstract == ""


def test_a_note_comes_back_with_its_headings_at_their_own_level():
    text = "## T\n\n" + record(note=True, shift=1) + "\n\n> Abstract.\n\n### Why\n\nBecause.\n"
    [paper], _ = parse_export(text, "list.md")
    assert paper.note == "## Why\n\nBecause."
    no_shift = "## T\n\n" + record(note=True) + "\n\n> Abstract.\n\n### Why\n\nBecause.\n"
    # without a recorded shift the export's demotion is taken to be the paper's level
    assert parse_export(no_shift, "list.md")[0][0].note == "# Why\n\nBecause."


def test_bad_records_are_reported_by_line_and_skipped():
    text = "\n".join(
        [
            "# List",
            "",
            '<!-- readinglist {"level": 2} -->',  # line 3: no heading above it
            "",
            "## Good",
            "",
            record(),
            "",
            "## Broken",
            "",
            '<!-- readinglist {"level": "two"} -->',  # line 11
        ]
    )
    papers, warnings = parse_export(text, "list.md")
    assert [p.title for p in papers] == ["Good"]
    assert [(w.line, w.message.split(" (")[0]) for w in warnings] == [
        (3, "no paper heading above this record"),
        (11, "unreadable paper record, skipped"),
    ]
