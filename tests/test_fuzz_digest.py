"""Hostile input: the parser and importer end in papers plus warnings or one clear error.

Bounded property tests (hypothesis) for the normal run; tests/fuzz/ holds the
coverage-guided atheris harness for long runs.
"""

import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from readinglist.core.digest import DigestError, parse_digest

TITLE = "Sparse Attention at Scale"
ABSTRACT = (
    "We study sparse attention. Results on three benchmarks show gains while "
    "halving memory, which matters for long inputs in practice."
)

pieces = (
    st.sampled_from(
        [
            TITLE,
            ABSTRACT,
            "",
            " ",
            "\u00a0",
            "new",
            "Subscribe",
            "May 5",
            "\ufeff",
            "\x00",
            "\t",
            "é",
            "μLO",
            "e^+ e^-",
            "\u2028",
            "\x1b[31m",
            "x" * 5000,
            "SubscribeTitle",
        ]
    ).map(str.encode)
    | st.binary(max_size=40)
    | st.sampled_from([b"\xff\xfe", b"\xe2\x82", b"\xc3", b"\r", b"\r\n", b"\n", b"\n" * 50])
)

dumps = st.lists(pieces, max_size=60).map(lambda parts: b"\n".join(parts))


def check(data: bytes) -> None:
    try:
        digest = parse_digest(data, "fuzz.txt")
    except DigestError as error:
        assert str(error).startswith("fuzz.txt")
        return
    assert digest.entries
    for entry in digest.entries:
        assert entry.title and entry.line >= 1
    for warning in digest.warnings:
        assert str(warning).startswith("fuzz.txt:")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dumps)
def test_structured_garbage_gives_papers_or_one_error(data):
    check(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_give_papers_or_one_error(data):
    check(data)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2000))
def test_random_unicode_gives_papers_or_one_error(text):
    check(text.encode("utf-8"))


def test_huge_lines_and_many_blank_lines():
    check(b"new\n\n" + b"T" * 2_000_000 + b"\n\n" + ABSTRACT.encode() + b"\n")
    check(b"\n" * 1_000_000 + TITLE.encode() + b"\n\n" + ABSTRACT.encode() + b"\n")


def test_truncated_utf8_and_mixed_line_ends():
    data = (TITLE + "\r\n\r\n" + ABSTRACT + "\r\r" + "Über Attention\n\n" + ABSTRACT).encode()
    digest = parse_digest(data[:-1] + b"\xc3", "fuzz.txt")
    assert [e.title for e in digest.entries] == [TITLE, "Über Attention"]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(dumps)
def test_import_of_garbage_never_changes_the_library_on_error(library, tmp_path, data):
    library.import_files([])  # touch the schema
    before = (
        sqlite3.connect(library.path)
        .execute("SELECT (SELECT count(*) FROM papers), (SELECT count(*) FROM digests)")
        .fetchone()
    )
    path = tmp_path / "fuzz.txt"
    path.write_bytes(data)
    report = library.import_files([path])
    after = (
        sqlite3.connect(library.path)
        .execute("SELECT (SELECT count(*) FROM papers), (SELECT count(*) FROM digests)")
        .fetchone()
    )
    if report.errors:
        assert after == before
    else:
        assert after[1] >= before[1]
    assert sqlite3.connect(library.path).execute("PRAGMA integrity_check").fetchone() == ("ok",)
