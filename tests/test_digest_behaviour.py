"""Reading digest files: dates without a year, what is reported, what is kept."""

import datetime as dt

import pytest

from readinglist.core.digest import DigestError, parse_digest, read_digest

FILL = " We report experiments on several standard benchmarks and release all of our code."


def digest_text(date_line="May 5", papers=(("Graph Neural Networks", "Message passing."),)):
    return "new\n\n" + date_line + "\n\n" + "".join(f"{t}\n\n{a}{FILL}\n\n" for t, a in papers)


def test_a_date_without_a_year_is_the_latest_such_day_not_in_the_future(tmp_path):
    path = tmp_path / "may.txt"
    path.write_text(digest_text("Dec 30"))
    assert read_digest(path, today=dt.date(2031, 1, 2)).date == "2030-12-30"
    assert read_digest(path, today=dt.date(2031, 12, 30)).date == "2031-12-30"
    assert parse_digest(path.read_bytes(), "may.txt", today=dt.date(2031, 1, 2)).date == (
        "2030-12-30"
    )


def test_warnings_beyond_a_thousand_are_counted_not_listed():
    odd = "".join(f"Lonely title number {i}\n\n" for i in range(1005))
    text = "new\n\nMay 5\n\n" + odd + f"Graph Neural Networks\n\nMessage passing.{FILL}\n\n"
    digest = parse_digest(text.encode(), "odd.txt", today=dt.date(2026, 11, 23))
    assert len(digest.entries) == 1
    assert len(digest.warnings) == 1001
    assert digest.warnings[-1].message == "… and 5 more warnings"


def test_a_file_refused_as_a_whole_is_named_without_a_line():
    with pytest.raises(DigestError) as error:
        parse_digest(b"hello\nworld\n", "notes.txt")
    assert str(error.value).startswith("notes.txt: no paper found")


TODAY = dt.date(2026, 11, 23)
SIXTY = "Short abstracts exist, and this one is sixty characters long."[:59] + "."


def read(text, name="d.txt"):
    digest = parse_digest(text.encode(), name, today=TODAY)
    return [(e.title, e.abstract) for e in digest.entries], [str(w) for w in digest.warnings]


@pytest.mark.parametrize(
    ("abstract", "is_abstract"),
    [
        (SIXTY, True),  # 60 characters ending in a full stop: prose
        (SIXTY[1:], False),  # 59: as short as a title
        ("One sentence. Then another! But no full stop at the end", False),  # under 60
        ("One sentence here. Then another one! And no full stop at its very end", True),
        ("A single sentence that runs on and on but never stops to end it", False),
        (
            "A cut-off abstract whose first sentence ends here. The second one was cut in the "
            "middle by the digest and so it never en",  # 120 characters: long enough
            True,
        ),  # 120 or more, a full stop inside
        (
            "A very long title that says a great deal about graphs, networks, diffusion, "
            "models and message passing on them",
            False,
        ),  # no full stop inside
        ("word " * 61, True),  # over 300 characters: an abstract whatever it reads like
    ],
)
def test_what_reads_as_an_abstract_and_what_as_a_title(abstract, is_abstract):
    text = (
        "new\n\nMay 5\n\n"
        f"Graph Neural Networks\n\nMessage passing.{FILL}\n\n"
        f"Short Papers\n\n{abstract}\n\n"
    )
    papers, warnings = read(text)
    if is_abstract:
        assert papers[1] == ("Short Papers", abstract.strip()) and warnings == []
    else:
        assert papers[1] == ("Short Papers", "")
        assert warnings[0] == "d.txt:9: title without abstract: 'Short Papers'"


def test_oddities_inside_the_list_are_named_at_their_line():
    text = (
        "new\n\nMay 5\n\n"
        f"A first paragraph that reads like an abstract, not a title.{FILL}\n\n"
        f"Graph Neural Networks\n\nMessage passing.{FILL}\n\n"
        "May 7\n\n"
        f"Diffusion Models\n\nNoise removal.{FILL}\n\n"
    )
    papers, warnings = read(text)
    assert [title for title, _ in papers] == ["Graph Neural Networks", "Diffusion Models"]
    assert warnings == [
        "d.txt:5: text before the first title, skipped",
        "d.txt:11: header line inside the list, skipped: 'May 7'",
    ]


def test_a_title_glued_to_its_hard_wrapped_abstract_keeps_both():
    text = (
        "new\n\nMay 5\n\n"
        f"Graph Neural Networks\n\nMessage passing.{FILL}\n\n"
        "Diffusion Models\n"
        "We remove noise step by step. The model learns each step. Then it samples\n"
        "from data.\n\n"
    )
    papers, warnings = read(text)
    assert papers[1] == (
        "Diffusion Models",
        "We remove noise step by step. The model learns each step. Then it samples from data.",
    )
    assert warnings == ["d.txt:10: lines 10-11 joined as one wrapped paragraph"]


def test_the_count_of_warnings_left_out_names_the_file_and_last_line():
    odd = "".join(f"Lonely title number {i}\n\n" for i in range(1005))
    text = "new\n\nMay 5\n\n" + odd + f"Graph Neural Networks\n\nMessage passing.{FILL}\n\n"
    digest = parse_digest(text.encode(), "odd.txt", today=TODAY)
    assert str(digest.warnings[-1]) == f"odd.txt:{text.count(chr(10))}: … and 5 more warnings"


def test_a_digest_stream_closes_its_file_when_its_block_ends(tmp_path):
    import os

    from readinglist.core.digest import DigestStream

    path = tmp_path / "may.txt"
    path.write_text(digest_text())
    before = len(os.listdir("/proc/self/fd"))
    with DigestStream(path, TODAY) as stream:
        assert len(list(stream)) == 1
        assert len(os.listdir("/proc/self/fd")) == before + 1
    assert len(os.listdir("/proc/self/fd")) == before  # the stream object still lives


def test_a_digest_dated_in_iso_form_keeps_that_date():
    text = digest_text("2026-05-07")
    assert parse_digest(text.encode(), "d.txt", today=TODAY).date == "2026-05-07"


def test_a_title_wrapped_onto_a_second_line_is_joined_and_said_so():
    text = (
        "new\n\nMay 5\n\n"
        f"Graph Neural Networks\n\nMessage passing.{FILL}\n\n"
        "A Study of\n\nDiffusion Models\n\n"
        f"Noise removal.{FILL}\n\n"
    )
    papers, warnings = read(text)
    assert papers[1] == ("A Study of Diffusion Models", f"Noise removal.{FILL}")
    assert warnings == ["d.txt:11: joined to the title on line 9 as a wrapped title"]
