"""Undo puts papers back exactly: deleted papers with ids and sightings, and annotations."""

from readinglist.core import paper_rows, wording


def test_deleted_papers_come_back_with_their_ids_sightings_tags_and_notes(sample_library):
    lib = sample_library
    a, b, c = lib.ids(sort="id")[:3]
    lib.add_tags([a, b], ["Theory", "solo"])
    lib.set_note(b, "xyzzy plover")
    lib.set_rating([b], 4)
    lib.set_status([c], "read")
    before = {i: lib.paper(i) for i in (a, b, c)}
    searched = lib.ids("plover")
    deleted = lib.delete_papers([a, b, c])
    assert lib.ids("plover") == [] and lib.ids("tag:solo") == []
    assert lib.conn.execute("SELECT count(*) FROM tags WHERE name = 'solo'").fetchone() == (0,)
    lib.restore_papers(deleted)
    assert {i: lib.paper(i) for i in (a, b, c)} == before
    assert lib.ids("plover") == searched == [b]
    assert sorted(lib.ids("tag:solo")) == [a, b]


def test_chunks_split_long_id_lists():
    assert list(paper_rows.chunks(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(paper_rows.chunks([], 2)) == []
    assert [len(c) for c in paper_rows.chunks(range(1001))] == [500, 500, 1]


def test_existing_ids_and_annotations_read_back(sample_library):
    lib = sample_library
    a, b = lib.ids(sort="id")[:2]
    lib.add_tags([a], ["x", "y"])
    assert paper_rows.existing(lib.conn, [a, b, 999999]) == {a, b}
    notes = paper_rows.read_annotations(lib.conn, [a, 999999])
    assert list(notes) == [a] and notes[a].tags == ("x", "y")


def test_undo_of_many_annotations_at_once(sample_library):
    lib = sample_library
    ids = lib.ids(sort="id")[:3]
    snapshot = paper_rows.read_annotations(lib.conn, ids)
    lib.add_tags(ids, ["bulk"])
    lib.set_note(ids[0], "new note")
    with lib.transaction() as conn:
        changed = paper_rows.restore_annotations(conn, snapshot)
    assert sorted(changed) == sorted(ids)
    assert lib.ids("tag:bulk") == [] and lib.ids('"new note"') == []
    assert paper_rows.read_annotations(lib.conn, ids) == snapshot
    with lib.transaction() as conn:
        assert paper_rows.restore_annotations(conn, snapshot) == []


def test_counted_nouns_and_stars():
    assert wording.plural(1, "paper") == "1 paper"
    assert wording.plural(0, "paper") == "0 papers"
    assert wording.plural(2, "index", "indexes") == "2 indexes"
    assert wording.stars(3) == "★★★☆☆" and wording.stars(0) == "☆☆☆☆☆"
