"""Tag, rate, annotate and delete as the sidebar, the keys and undo use them."""

import pytest

from readinglist.core.models import LibraryError


@pytest.fixture
def lib(sample_library):
    return sample_library


def test_a_tag_with_a_comma_is_refused_and_nothing_is_tagged(lib):
    with pytest.raises(LibraryError) as error:
        lib.add_tags([1, 2], ["fine", "a, b"])
    assert str(error.value) == "a tag cannot contain a comma"
    assert lib.tags() == []


def test_blank_tags_are_refused(lib):
    with pytest.raises(LibraryError, match="^no tag given$"):
        lib.add_tags([1], ["  ", ""])


def test_untagging_returns_only_the_papers_that_lost_the_tag(lib):
    lib.add_tags([1, 3], ["theory"])
    assert lib.remove_tags([1, 2, 3], ["theory"]) == [1, 3]
    assert lib.remove_tags([1, 2, 3], ["theory"]) == []
    assert lib.tags() == []  # a tag no paper carries is forgotten


def test_tagging_returns_only_the_papers_that_gained_the_tag(lib):
    lib.add_tags([2], ["theory"])
    assert lib.add_tags([1, 2, 3], ["theory"]) == [1, 3]


def test_the_papers_of_a_tag_in_any_case(lib):
    lib.add_tags([5, 2, 9], ["Theory"])
    assert lib.tagged_ids("theory") == [2, 5, 9]
    assert lib.tagged_ids("THEORY") == [2, 5, 9]
    assert lib.tagged_ids("other") == []


def test_renaming_onto_another_tag_merges_them(lib):
    lib.add_tags([1, 2], ["gnn"])
    lib.add_tags([2, 3], ["graphs"])
    assert lib.rename_tag("gnn", "Graphs") == [1, 2]
    assert lib.tags() == [("graphs", 3)]
    assert lib.tagged_ids("graphs") == [1, 2, 3]


def test_deleting_a_tag_returns_its_papers(lib):
    lib.add_tags([4, 7], ["skip"])
    assert lib.delete_tag("SKIP") == [4, 7]
    assert lib.tagged_ids("skip") == [] and lib.tags() == []


def test_undo_of_a_delete_puts_papers_back_with_their_annotations(lib):
    lib.add_tags([1], ["theory"])
    lib.set_rating([1], 4)
    lib.set_note(1, "Mine.")
    before = lib.paper(1)
    deleted = lib.delete_papers([1, 2])
    assert lib.total() == 312
    assert sorted(lib.restore_papers(deleted)) == [1, 2]
    after = lib.paper(1)
    assert (after.tags, after.rating, after.note, after.seen, after.digests) == (
        before.tags,
        before.rating,
        before.note,
        before.seen,
        before.digests,
    )
