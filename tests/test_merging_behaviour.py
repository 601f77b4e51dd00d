"""Merging near-duplicates and dismissing pairs, as the review dialog does."""

import pytest

from readinglist.core import merging
from readinglist.core.digest import parse_digest
from readinglist.core.library import Library
from readinglist.core.models import LibraryError

FILL = " We report experiments on several standard benchmarks and release all of our code."


@pytest.fixture
def lib(tmp_path):
    text = (
        "new\n\nMay 5\n\n"
        f"Sparse Training at Scale\n\nWe prune most weights.{FILL}\n\n"
        f"Sparse Trainnig at Scale\n\nWe prune most weights.{FILL}\n\n"
        f"Graph Neural Networks\n\nMessage passing.{FILL}\n\n"
    )
    with Library(tmp_path / "lib.sqlite") as library:
        library.import_digests([parse_digest(text.encode(), "may.txt")])
        yield library


def pairs(lib):
    return [(c.a, c.b) for c in lib.find_duplicates()]


def test_a_pair_dismissed_in_either_order_is_not_proposed_again(lib):
    assert pairs(lib) == [(1, 2)]
    lib.dismiss_duplicate(2, 1)
    assert pairs(lib) == []


def test_merging_joins_notes_under_a_rule_and_keeps_an_abstract(lib):
    lib.set_note(1, "Mine.\n\n")
    lib.set_note(2, "  Theirs.")
    lib.conn.execute("UPDATE papers SET abstract = '' WHERE id = 1")
    lib.merge_papers(1, 2)
    paper = lib.paper(1)
    assert paper.note == "Mine.\n\n---\n\nTheirs."
    assert paper.abstract == f"We prune most weights.{FILL}"
    assert lib.total() == 2


def test_a_merge_must_take_title_and_abstract_from_one_of_the_two(lib):
    with pytest.raises(LibraryError) as error:
        lib.merge_papers(1, 2, title_from=3)
    assert str(error.value) == "choose the title and abstract of 1 or 2"
    with pytest.raises(LibraryError, match="^a paper cannot be merged with itself$"):
        lib.merge_papers(1, 1)
    assert lib.total() == 3


def test_a_huge_import_is_not_checked_for_duplicates_but_says_so(lib, monkeypatch):
    monkeypatch.setattr(merging, "FLAG_LIMIT", 1)
    text = f"new\n\nMay 6\n\nSparse Training at Scales\n\nA.{FILL}\n\nAnother One\n\nB.{FILL}\n\n"
    report = lib.import_digests([parse_digest(text.encode(), "may6.txt")])
    assert lib.flag_possible_duplicates(report) == []
    assert report.notes == [
        "2 new papers: too many to check for near-duplicates during the import; "
        "see Possible duplicates"
    ]


def test_merging_two_papers_without_abstract_leaves_none(lib):
    lib.conn.execute("UPDATE papers SET abstract = '' WHERE id IN (1, 2)")
    lib.merge_papers(1, 2)
    assert lib.paper(1).abstract == ""
