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


RUSSIAN = "new\n\nMay 5\n\n" + "".join(
    f"Графовые нейронные сети, часть {i}\n\n"
    f"Мы изучаем передачу сообщений в графах и проверяем её на многих наборах данных {i}.\n\n"
    for i in range(5)
)


def test_a_russian_digest_with_one_line_in_another_encoding_is_read():
    # Most bytes of a Cyrillic UTF-8 text are high bytes; one Windows-1251 line in it is
    # a line in another encoding, not binary data.
    title = "Графовые нейронные сети, часть 3"
    data = RUSSIAN.encode().replace(title.encode(), title.encode("cp1251"))
    papers, warnings = read(data)
    assert papers[:3] + papers[4:] == read(RUSSIAN.encode())[0][:3] + read(RUSSIAN.encode())[0][4:]
    assert papers[3][0] == title.encode("cp1251").decode("cp1252")
    assert warnings == ["d.txt:17: not UTF-8 (first at this line); read as cp1252"]


def test_a_digest_wholly_in_windows_1251_is_refused_as_binary():
    with pytest.raises(DigestError) as error:
        parse_digest(RUSSIAN.encode("cp1251"), "d.txt", today=TODAY)
    assert str(error.value) == "d.txt:5: not a text file (binary data)"


def test_bytes_that_are_not_text_are_refused_at_their_line():
    noise = bytes(range(128, 256)) * 4
    with pytest.raises(DigestError) as error:
        parse_digest(b"new\n\nMay 5\n\n" + noise + b"\nmore\n", "d.txt", today=TODAY)
    assert str(error.value) == "d.txt:5: not a text file (binary data)"


def russian(count):
    return "new\n\nMay 5\n\n" + "".join(
        f"Графовые нейронные сети, часть {i}\n\n"
        f"Мы изучаем передачу сообщений в графах и проверяем её на наборах данных {i}.\n\n"
        for i in range(count)
    )


@pytest.mark.parametrize("letter", ["я", "图", "😀"])
@pytest.mark.parametrize("cut", [1, 2, 3])
def test_a_character_cut_by_the_end_of_the_first_64_kib_is_not_binary(letter, cut):
    # The binary check looks at the first 64 KiB only: a Cyrillic letter (2 bytes), a
    # Chinese one (3) or an emoji (4) that this boundary cuts in two is still text.
    if cut >= len(letter.encode()):
        pytest.skip("the letter is shorter than the cut")
    data = russian(400).encode()
    end = 64 * 1024 - cut
    head = data[:end].decode(errors="ignore").encode()
    data = head + b" " * (end - len(head)) + letter.encode() + data[len(head) :]
    assert data[end : end + len(letter.encode())] == letter.encode()
    papers, warnings = read(data)
    assert (len(papers), warnings) == (400, [])


def papers_text(count, abstract=None):
    """A digest of `count` papers, as text; paper 0's abstract can be given."""
    lines = ["new", "", "May 5", ""]
    for i in range(count):
        lines += [f"Paper number {i} about graphs", ""]
        lines += [abstract if i == 0 and abstract else f"We study graphs {i}.{FILL}", ""]
    return "\n".join(lines) + "\n"


def padded(text, length):
    """The text made exactly `length` characters long with blank lines."""
    assert len(text) <= length
    return text + "\n" * (length - len(text))


@pytest.mark.parametrize(("count", "length", "allowed"), [(2, 399, 2), (20, 2800, 14)])
def test_a_few_control_characters_are_cleaned_and_more_mean_binary(count, length, allowed):
    # The first 64 KiB may hold one control character in 200 (at least 2).
    clean_text = padded(papers_text(count), length)
    expected = read(clean_text.encode())
    with_controls = clean_text.replace(" ", "\x07", allowed + 1)
    lines = with_controls.splitlines()
    first = next(n for n, line in enumerate(lines, 1) if "\x07" in line)
    with pytest.raises(DigestError) as error:
        parse_digest(with_controls.encode(), "d.txt", today=TODAY)
    assert str(error.value) == f"d.txt:{first}: not a text file (binary data)"
    tolerated = clean_text.replace(" ", "\x07", allowed)
    assert read(tolerated.encode()) == expected


# 109 characters: ten controls in it are noise, eleven are binary (its line end not counted)
ABSTRACT = f"Graphs and the message passing networks on them.{FILL} And more"[:108] + "."


@pytest.mark.parametrize(
    ("line", "controls", "binary"),
    [
        (5, 4, False),  # a short line (a title) may hold four control characters
        (5, 5, True),
        (7, 10, False),  # a longer one, one character in ten
        (7, 11, True),
    ],
)
def test_a_line_full_of_control_characters_is_binary(line, controls, binary):
    lines = papers_text(60, abstract=ABSTRACT).split("\n")
    assert len(lines[line - 1]) < 50 or len(lines[line - 1]) == 109
    lines[line - 1] = lines[line - 1].replace(" ", "\x1b", controls)
    if line == 5:
        lines[line - 1] += "\x1b" * (controls - 4)
    data = "\n".join(lines).encode()
    if binary:
        with pytest.raises(DigestError) as error:
            parse_digest(data, "d.txt", today=TODAY)
        assert str(error.value) == f"d.txt:{line}: not a text file (binary data)"
    else:
        papers, warnings = read(data)
        assert papers[0] == ("Paper number 0 about graphs", ABSTRACT)
        assert len(papers) == 60 and warnings == []


def test_a_nul_byte_after_the_first_64_kib_is_binary_at_its_line():
    text = papers_text(700)
    lines = text.split("\n")
    assert len("\n".join(lines[:2000]).encode()) > 64 * 1024
    lines[2002] = lines[2002].replace(" ", "\x00", 1)
    with pytest.raises(DigestError) as error:
        parse_digest("\n".join(lines).encode(), "d.txt", today=TODAY)
    assert str(error.value) == "d.txt:2003: not a text file (binary data)"


def test_a_latin1_digest_with_accents_as_30_percent_of_its_bytes_is_still_text():
    # Over 30% of the bytes high and mostly not UTF-8 is binary; exactly 30% is text.
    text = TEXT.replace("Une étude", "Une étude " + "é" * 106)
    data = text.encode("latin-1")
    high = sum(b > 127 for b in data)
    data += b"\n" * (high * 10 // 3 - len(data))
    assert high * 10 == 3 * len(data)
    papers, warnings = read(data)
    assert len(papers) == 2
    assert warnings == ["d.txt:9: not UTF-8 (first at this line); read as cp1252"]
    with pytest.raises(DigestError) as error:
        parse_digest(data[:-1] + b"\xe9", "d.txt", today=TODAY)
    assert str(error.value) == "d.txt:9: not a text file (binary data)"


def test_the_digest_records_the_encoding_it_was_read_in():
    latin = TEXT.encode("utf-8").replace("Une étude".encode(), "Une étude".encode("cp1252"))
    assert [
        parse_digest(data, "d.txt", today=TODAY).encoding
        for data in (TEXT.encode(), TEXT.encode("utf-16"), latin)
    ] == ["utf-8", "utf-16", "cp1252"]
