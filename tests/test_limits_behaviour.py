"""The limits' exact edges and sentences: tags, notes, ids and how deep JSON may nest."""

import pytest

from readinglist.core import limits
from readinglist.core.limits import LimitError


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("   ", "a tag cannot be empty"),
        ("a,b", "a tag cannot contain a comma"),
        ("a\x07b", "a tag cannot contain control characters"),
        ("a\x9fb", "a tag cannot contain control characters"),
        ("a\x7fb", "a tag cannot contain control characters"),
        ("x" * 201, "a tag has at most 200 characters, not 201"),
        ("x" * 1500, "a tag has at most 200 characters, not 1,500"),
    ],
)
def test_a_bad_tag_is_refused_with_its_reason(name, message):
    with pytest.raises(LimitError) as caught:
        limits.clean_tag(name)
    assert str(caught.value) == message


def test_a_good_tag_is_folded_and_composed():
    assert limits.clean_tag("  deep \t  learning ") == "deep learning"
    assert limits.clean_tag("U\u0308ber") == "Über"
    assert limits.clean_tag("x" * 200) == "x" * 200
    assert limits.clean_tag(42) == "42"


def test_a_note_at_the_limit_is_kept_and_beyond_it_refused(monkeypatch):
    monkeypatch.setattr(limits, "MAX_NOTE_CHARS", 10)
    assert limits.check_note("x" * 10) == "x" * 10
    with pytest.raises(LimitError) as caught:
        limits.check_note("x" * 1011, "note.md")
    assert str(caught.value) == "note.md has 1,011 characters; a note holds at most 10"
    with pytest.raises(LimitError) as caught:
        limits.check_note("a\x00b")
    assert str(caught.value) == "the note holds NUL bytes: is it a binary file? Give plain text"


def test_ids_from_zero_to_the_largest_64_bit_number():
    assert limits.check_id(0) == 0 and limits.check_id(2**63 - 1) == 2**63 - 1
    with pytest.raises(LimitError) as caught:
        limits.check_id(-1)
    assert str(caught.value) == (
        "a paper id is a whole number from 0 to 9,223,372,036,854,775,807, not -1"
    )
    with pytest.raises(
        LimitError, match=r"^a digest id is a whole number from 0 to .*, not 9223372036854775808$"
    ):
        limits.check_id(2**63, "a digest id")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("[" * 20 + "]" * 20, True),
        ("[" * 21 + "]" * 21, False),
        ("{" * 3 + "}" * 3 + "[" * 20, True),  # closed brackets no longer count
        ('["' + "[" * 30 + '"]', True),  # brackets inside a string do not count
        ('["\\"' + "[" * 30 + '"]', True),  # an escaped quote does not end the string
        ('["\\\\"' + "[" * 30 + "]", False),  # an escaped backslash does
    ],
)
def test_json_depth_counts_only_brackets_outside_strings(text, ok):
    assert limits.json_depth_ok(text) is ok


def test_json_depth_takes_its_own_limit():
    assert limits.json_depth_ok("[[[]]]", limit=3) and not limits.json_depth_ok("[[[]]]", limit=2)
