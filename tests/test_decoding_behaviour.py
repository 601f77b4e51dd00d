"""Digests in other encodings, line ends and with odd bytes: the same papers, warnings by line."""

import datetime as dt

import pytest

from readinglist.core.digest import DigestError, parse_digest

FILL = " We report experiments on several standard benchmarks and release all of our code."
TODAY = dt.date(2026, 11, 23)
TEXT = (
    "new\n\nMay 5\n\n"
    f"Graph Neural Networks\n\nMessage passing.{FILL}\n\n"
    f"Théorie des graphes\n\nUne étude.{FILL}\n\n"
)


def read(data, name="d.txt"):
    digest = parse_digest(data, name, today=TODAY)
    return [(e.title, e.abstract) for e in digest.entries], [str(w) for w in digest.warnings]


EXPECTED, _ = read(TEXT.encode())


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("ends", ["\n", "\r\n"])
def test_utf16_digests_give_the_same_papers(codec, ends):
    text = TEXT.replace("\n", ends)
    data = text.encode(codec)
    if codec != "utf-16":  # the plain codec writes its own BOM
        data = ("\ufeff" + text).encode(codec)
    assert read(data) == (EXPECTED, [])


def test_utf16_warnings_name_the_right_line():
    text = TEXT + "A title alone at the end\n"
    assert read(text.encode("utf-16"))[1] == [
        "d.txt:13: title without abstract: 'A title alone at the end'"
    ]


def test_windows_1252_lines_are_read_and_the_first_is_named():
    data = TEXT.encode("utf-8").replace("Une étude".encode(), "Une étude".encode("cp1252"))
    papers, warnings = read(data)
    assert papers == EXPECTED
    assert warnings == ["d.txt:11: not UTF-8 (first at this line); read as cp1252"]


def test_old_mac_line_ends_and_a_utf8_bom():
    assert read(b"\xef\xbb\xbf" + TEXT.replace("\n", "\r").encode()) == (EXPECTED, [])


def test_invisible_characters_and_odd_spaces_are_cleaned():
    text = TEXT.replace("Graph Neural", "Graph\u200b \u00a0 Neural").replace(
        "Message passing", "Message\u2009passing"
    )
    papers, _ = read(text.encode())
    assert papers[0] == ("Graph Neural Networks", f"Message passing.{FILL}")


def test_a_line_longer_than_a_mebibyte_is_skipped_with_its_size():
    long_line = "x" * (3 * 1024 * 1024 + 5)
    text = TEXT.replace("May 5\n\n", f"May 5\n\n{long_line}\n\n")
    papers, warnings = read(text.encode())
    assert papers == EXPECTED
    assert warnings == [
        f"d.txt:5: a line of {len(long_line) + 1:,} bytes, longer than any title or abstract: "
        "skipped"
    ]


def test_binary_data_is_refused_naming_the_line():
    with pytest.raises(DigestError) as error:
        parse_digest(TEXT.encode() + b"\x00\x01\x02binary", "d.txt", today=TODAY)
    assert str(error.value) == "d.txt:13: not a text file (binary data, NUL bytes)"
