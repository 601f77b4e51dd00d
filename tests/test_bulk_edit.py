"""Edits of many papers at once keep the full-text index exact (set-based, indexed once)."""

import sqlite3

import pytest


def index_is_exact(library) -> bool:
    try:
        library.conn.execute("INSERT INTO papers_fts(papers_fts) VALUES ('integrity-check')")
    except sqlite3.DatabaseError:
        return False
    return True


def test_tagging_many_papers_makes_them_findable_by_the_tag_and_untagging_undoes_it(
    sample_library,
):
    lib = sample_library
    ids = lib.ids("")[::3]
    assert lib.add_tags(ids, ["zeppelin", "later"]) == ids
    assert lib.add_tags(ids[:5], ["zeppelin"]) == []  # already there: nothing changed
    assert sorted(lib.ids("zeppelin")) == sorted(ids)  # a bare word finds tags
    assert lib.count("tag:later") == len(ids)
    assert index_is_exact(lib)
    assert lib.remove_tags(ids[:10], ["zeppelin"]) == ids[:10]
    assert sorted(lib.ids("zeppelin")) == sorted(ids[10:])
    assert index_is_exact(lib)


def test_undo_of_a_bulk_edit_puts_tags_and_notes_back_in_the_index(sample_library):
    lib = sample_library
    ids = lib.ids("")[:50]
    lib.set_note(ids[0], "a hindenburg remark")
    snapshot = lib.annotations(ids)
    lib.add_tags(ids, ["zeppelin"])
    lib.set_note(ids[0], "rewritten")
    assert lib.restore_annotations(snapshot) == ids
    assert lib.ids("zeppelin") == [] and lib.ids("hindenburg") == [ids[0]]
    assert index_is_exact(lib)


@pytest.mark.parametrize(("method", "value"), [("set_rating", 4), ("set_status", "read")])
def test_rating_or_status_of_many_papers_returns_only_those_changed(sample_library, method, value):
    lib = sample_library
    ids = lib.ids("")[:100]
    getattr(lib, method)(ids[:10], value)
    assert getattr(lib, method)(ids, value) == ids[10:]
    assert lib.count("rating:4" if value == 4 else "is:read") == 100
