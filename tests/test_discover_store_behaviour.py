"""The discovery cache beside the library, and the signals that say when it is stale."""

import json

import numpy as np

from readinglist.core.discover import signals, store, triage


def test_generations_are_numbered_published_whole_and_old_ones_removed(tmp_path):
    folder = store.cache_dir(tmp_path / "lib.sqlite")
    assert folder == tmp_path / "lib.sqlite.discover"
    assert store.read_current(folder) is None
    first = store.new_generation(folder)
    assert first.name == "g1" and first.is_dir()
    (folder / "gx").mkdir()  # not a generation
    store.save_array(first, "ids.npy", np.arange(5, dtype=np.int64)[::2])
    store.publish(folder, first, {"ranking": "trending"})
    assert store.read_current(folder) == {"ranking": "trending", "generation": "g1"}
    assert store.load_array(first, "ids.npy").tolist() == [0, 2, 4]
    second = store.new_generation(folder)
    assert second.name == "g2"
    store.link_from(first, second, ("ids.npy", "missing.npy"))
    assert (second / "ids.npy").stat().st_ino == (first / "ids.npy").stat().st_ino
    assert not (second / "missing.npy").exists()
    store.publish(folder, second, {"ranking": "model"})
    assert sorted(p.name for p in folder.iterdir()) == ["current.json", "g2"]
    assert store.load_array(second, "ids.npy").tolist() == [0, 2, 4]
    assert not (folder / "current.json.tmp").exists()


def test_an_unreadable_or_dangling_current_file_means_no_cache(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    (folder / store.CURRENT).write_text("{not json")
    assert store.read_current(folder) is None
    (folder / store.CURRENT).write_text(json.dumps(["g1"]))
    assert store.read_current(folder) is None
    (folder / store.CURRENT).write_text(json.dumps({"generation": "g9"}))
    assert store.read_current(folder) is None
    (folder / "g9").mkdir()
    assert store.read_current(folder) == {"generation": "g9"}


def test_array_files_read_slices_from_disk(tmp_path):
    values = np.arange(10, dtype=np.float32) * 1.5
    np.save(tmp_path / "a.npy", values)
    array = store.ArrayFile(tmp_path / "a.npy")
    try:
        assert len(array) == 10
        assert array.read(2, 5).tolist() == [3.0, 4.5, 6.0]
        assert array.read(8, 20).tolist() == [12.0, 13.5]
        assert array.read(12, 20).tolist() == []
    finally:
        array.close()
    big = np.arange(3, dtype=np.int64)
    np.lib.format.write_array(open(tmp_path / "v2.npy", "wb"), big, version=(2, 0))  # noqa: SIM115
    assert store.ArrayFile(tmp_path / "v2.npy").read(1, 3).tolist() == [1, 2]


def test_one_build_at_a_time(tmp_path):
    with store.build_lock(tmp_path / "c") as first:
        assert first is True
        with store.build_lock(tmp_path / "c") as second:
            assert second is False
    with store.build_lock(tmp_path / "c") as again:
        assert again is True


def test_signals_positive_negative_and_what_changes_the_fingerprint(sample_library):
    lib = sample_library
    a, b, c, d, e, f, g = lib.ids(sort="id")[:7]
    empty = signals.read_signals(lib.conn)
    assert (empty.positives, empty.negatives, empty.skipped, empty.tagged) == ([], [], [], {})
    lib.set_rating([a], 5)
    lib.set_rating([b], 2)
    lib.set_rating([c], 3)  # neither
    lib.set_status([d], "reading")
    lib.add_tags([e, f], ["x", "y"])
    lib.set_rating([f], 1)  # tagged but rated low: negative wins
    triage.set_triage(lib, [g], "skip")
    triage.set_triage(lib, [c], "keep")
    read = signals.read_signals(lib.conn)
    assert read.positives == [a, c, d, e]
    assert read.negatives == [b, f, g]
    assert read.skipped == [g]
    assert read.tagged == {"x": [e, f], "y": [e, f]}
    assert read.fingerprint != empty.fingerprint and len(read.fingerprint) == 40
    lib.set_rating([a], 4)
    assert signals.read_signals(lib.conn).fingerprint != read.fingerprint
    assert signals.read_signals(lib.conn).positives == read.positives


def test_the_papers_fingerprint_follows_additions_and_edits(sample_library):
    lib = sample_library
    ids = lib.ids(sort="id")
    count, total, edits = signals.papers_fingerprint(lib.conn)
    assert (count, total) == (len(ids), sum(ids))
    assert signals.papers_fingerprint(lib.conn, ids[2]) == [3, sum(ids[:3]), edits]
    assert signals.max_paper_id(lib.conn) == max(ids)
    lib.conn.execute("UPDATE papers SET title = 'Changed Title Here' WHERE id = ?", (ids[0],))
    assert signals.papers_fingerprint(lib.conn)[2] == edits + 1


def test_an_empty_library_has_a_fingerprint_too(library):
    assert signals.papers_fingerprint(library.conn)[:2] == [0, 0]
    assert signals.max_paper_id(library.conn) == 0
