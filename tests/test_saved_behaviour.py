"""Saved searches as the sidebar and `readinglist saved` show them."""

import pytest

from readinglist.core.library import Library
from readinglist.core.models import LibraryError


@pytest.fixture
def lib(tmp_path):
    with Library(tmp_path / "lib.sqlite") as library:
        yield library


def test_searches_are_listed_by_name_whatever_the_case(lib):
    lib.save_search("beta", "tag:b")
    lib.save_search("Alpha", "tag:a")
    lib.save_search("gamma", "tag:c")
    assert lib.saved_searches() == [("Alpha", "tag:a"), ("beta", "tag:b"), ("gamma", "tag:c")]


def test_saving_under_a_taken_name_replaces_that_search(lib):
    lib.save_search("Reading", "is:reading")
    lib.save_search("  reading  ", "is:reading rating:>=3")
    assert lib.saved_searches() == [("reading", "is:reading rating:>=3")]


def test_an_unknown_name_is_refused_naming_the_searches_there_are(lib):
    with pytest.raises(LibraryError) as error:
        lib.saved_search("Theory")
    assert str(error.value) == "no saved search named 'Theory' (saved: none yet)"
    lib.save_search("Good", "rating:>=4")
    lib.save_search("Unread", "is:unread")
    with pytest.raises(LibraryError) as error:
        lib.saved_search("Theory")
    assert str(error.value) == "no saved search named 'Theory' (saved: Good, Unread)"


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"])
def test_a_search_needs_a_name(lib, blank):
    with pytest.raises(LibraryError, match="^a saved search needs a name$"):
        lib.save_search(blank, "tag:x")
    lib.save_search("Kept", "tag:x")
    with pytest.raises(LibraryError, match="^a saved search needs a name$"):
        lib.rename_saved_search("Kept", blank)
    assert lib.saved_searches() == [("Kept", "tag:x")]


def test_renaming_onto_another_search_is_refused_and_changes_nothing(lib):
    lib.save_search("Theory", "tag:theory")
    lib.save_search("Later", "is:unread")
    with pytest.raises(LibraryError) as error:
        lib.rename_saved_search("Later", "THEORY")
    assert str(error.value) == "a saved search named 'Theory' exists already"
    assert lib.saved_searches() == [("Later", "is:unread"), ("Theory", "tag:theory")]


def test_renaming_can_change_only_the_case(lib):
    lib.save_search("theory", "tag:theory")
    lib.rename_saved_search("theory", "Theory")
    assert lib.saved_searches() == [("Theory", "tag:theory")]


def test_deleting_removes_only_that_search_and_unknown_names_are_refused(lib):
    lib.save_search("One", "tag:a")
    lib.save_search("Two", "tag:b")
    lib.delete_saved_search("one")
    assert lib.saved_searches() == [("Two", "tag:b")]
    with pytest.raises(LibraryError, match="no saved search named 'One'"):
        lib.delete_saved_search("One")
