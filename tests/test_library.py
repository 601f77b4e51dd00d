import sqlite3

import pytest

from readinglist.core import schema
from readinglist.core.library import ImportCancelled, Library, LibraryError

DENSE = "Dense Hebbian neural networks: a replica symmetric picture of {}supervised learning"


def test_sample_dumps_give_314_distinct_papers(library, samples):
    report = library.import_files([samples])
    assert (report.added, report.known, library.total()) == (314, 17, 314)
    titles = {p.title for p in library.search("")}
    assert DENSE.format("un") in titles and DENSE.format("") in titles


def test_reimport_adds_nothing_and_keeps_sighting_counts(sample_library, samples):
    before = {p.id: p.seen for p in sample_library.search("")}
    report = sample_library.import_files([samples])
    assert report.added == 0 and report.known == 331
    assert all(f.already_imported for f in report.files)
    assert {p.id: p.seen for p in sample_library.search("")} == before


def test_paper_seen_in_several_digests_says_so(sample_library):
    [paper] = sample_library.search(f'title:"{DENSE.format("")}"')
    assert paper.seen == 2
    assert {d.file for d in paper.digests} == {
        "001_b6027a86ed3f20a8.txt",
        "002_128d8afdb42565d4.txt",
    }
    assert paper.first_seen == "2026-03-11"  # the dated digest, earlier than today's import
    assert sample_library.count("seen:>1") == 16
    assert sample_library.count("seen:3") == 1


def test_same_digest_content_with_other_line_ends_is_the_same_digest(library, tmp_path, samples):
    text = (samples / "000_51ae902ca77ec354.txt").read_bytes()
    (tmp_path / "crlf.txt").write_bytes(text.replace(b"\n", b"\r\n"))
    library.import_files([samples / "000_51ae902ca77ec354.txt"])
    assert library.import_files([tmp_path / "crlf.txt"]).files[0].already_imported


def test_failed_import_rolls_back_whole(library, samples, monkeypatch):
    library.import_files([samples / "000_51ae902ca77ec354.txt"])
    calls = 0

    def boom(done, total, label):
        nonlocal calls
        calls += 1
        if calls == 2:
            raise RuntimeError("disk on fire")

    with pytest.raises(RuntimeError):
        library.import_files([samples], progress=boom)
    assert library.total() == 32
    assert library.stats()["digests"] == 1


def test_cancel_rolls_back_and_progress_reaches_the_total(library, samples):
    seen = []
    with pytest.raises(ImportCancelled):
        library.import_files(
            [samples],
            progress=lambda d, t, _: seen.append((d, t)),
            cancelled=lambda: len(seen) >= 2,
        )
    assert library.total() == 0
    library.import_files([samples], progress=lambda d, t, _: seen.append((d, t)))
    size = sum(p.stat().st_size for p in samples.glob("*.txt"))
    assert seen[-1] == (size, size)  # progress counts bytes read


def test_bad_file_is_reported_and_the_others_still_land(library, samples, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02")
    report = library.import_files([bad, samples / "000_51ae902ca77ec354.txt"])
    assert report.added == 32
    [error] = report.errors
    assert error.summary().endswith("bad.txt:1: error: not a text file (binary data, NUL bytes)")


def test_new_library_is_migrated_to_the_current_schema(tmp_path):
    path = tmp_path / "new.sqlite"
    Library(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"papers", "digests", "sightings", "tags", "paper_tags", "papers_fts"} <= tables


def test_library_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "future.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE papers (x)")
    conn.execute("PRAGMA user_version = 99")
    conn.commit()
    conn.close()
    with pytest.raises(LibraryError, match="newer version"):
        Library(path)
    assert sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0] == 99


def test_non_sqlite_file_is_refused_and_kept(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("my precious notes " * 100)
    with pytest.raises(LibraryError, match="not a readinglist library"):
        Library(path)
    assert path.read_text().startswith("my precious notes")


def test_annotations_land_in_the_full_text_index(sample_library):
    [paper_id] = sample_library.ids(f'title:"{DENSE.format("un")}"')
    assert sample_library.count("zeppelin") == 0
    sample_library.set_note(paper_id, "Reminds me of a zeppelin.")
    sample_library.add_tags([paper_id], ["Hopfield Nets"])
    assert sample_library.ids("zeppelin") == [paper_id]
    assert sample_library.ids("hopfield") == [paper_id]
    sample_library.remove_tags([paper_id], ["hopfield nets"])
    assert sample_library.ids("hopfield") == []


def test_tags_match_case_insensitively_and_keep_their_first_case(sample_library):
    sample_library.add_tags([1], ["ToRead"])
    changed = sample_library.add_tags([1, 2], ["toread"])
    assert changed == [2]
    assert sample_library.paper(2).tags == ["ToRead"]
    assert sample_library.tags() == [("ToRead", 2)]
    assert sample_library.ids("tag:TOREAD") == [1, 2]


def test_rating_status_and_note_report_what_changed(sample_library):
    assert sample_library.set_rating([1, 2], 4) == [1, 2]
    assert sample_library.set_rating([1, 2], 4) == []
    assert sample_library.set_status([2], "read") == [2]
    assert sample_library.paper(2).status == "read"
    with pytest.raises(LibraryError, match="0 \\(unrated\\) to 5"):
        sample_library.set_rating([1], 6)
    with pytest.raises(LibraryError, match="no paper with id 99999"):
        sample_library.add_tags([99999], ["x"])
    assert sample_library.paper(1).tags == []  # the failed edit left nothing behind


def test_sorting_happens_in_sqlite_for_every_column(sample_library):
    sample_library.set_rating([5], 5)
    assert sample_library.ids(sort="rating", descending=True)[0] == 5
    titles = [p.title.casefold() for p in sample_library.search(sort="title", limit=20)]
    assert titles == sorted(titles)
    seen = [p.seen for p in sample_library.search(sort="seen", descending=True, limit=20)]
    assert seen[0] == 3 and seen == sorted(seen, reverse=True)


def test_busy_library_gives_a_clear_message(tmp_path, monkeypatch):
    monkeypatch.setattr("readinglist.core.store.BUSY_TIMEOUT_MS", 100)
    path = tmp_path / "busy.sqlite"
    Library(path).close()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with Library(path) as library, pytest.raises(LibraryError, match="busy"):
        library.set_rating([1], 3)
    other.execute("ROLLBACK")


def test_rename_tag_and_merge_onto_an_existing_tag(sample_library):
    lib = sample_library
    lib.add_tags([1, 2], ["gnn"])
    lib.add_tags([3], ["Graphs"])
    assert lib.rename_tag("GNN", "graph nets") == [1, 2]
    assert lib.paper(1).tags == ["graph nets"]
    assert lib.rename_tag("graph nets", "graphs") == [1, 2]  # merge, keeps "Graphs"
    assert lib.tags() == [("Graphs", 3)]
    assert lib.ids("tag:graphs") == [1, 2, 3]
    assert lib.delete_tag("graphs") == [1, 2, 3]
    assert lib.tags() == [] and lib.paper(3).tags == []


def test_annotation_snapshot_restores_exactly(sample_library):
    lib = sample_library
    lib.add_tags([1], ["a", "B"])
    lib.set_rating([1], 3)
    before = lib.annotations([1, 2])
    lib.add_tags([1, 2], ["c"])
    lib.set_note(1, "changed")
    lib.set_status([2], "read")
    assert sorted(lib.restore_annotations(before)) == [1, 2]
    assert lib.annotations([1, 2]) == before
    assert lib.tags() == [("a", 1), ("B", 1)]


def test_deleted_papers_come_back_whole(sample_library):
    lib = sample_library
    [paper_id] = lib.ids("seen:3")
    lib.add_tags([paper_id], ["keep"])
    lib.set_note(paper_id, "precious words")
    before = lib.paper(paper_id)
    deleted = lib.delete_papers([paper_id, 1])
    assert lib.total() == 312 and lib.ids("precious") == [] and lib.tags() == []
    assert sorted(lib.restore_papers(deleted)) == sorted([paper_id, 1])
    assert lib.paper(paper_id) == before
    assert lib.ids("precious") == [paper_id]
    assert lib.total() == 314


def test_full_text_index_stays_consistent_through_imports_and_edits(sample_library, samples):
    lib = sample_library
    lib.add_tags([1, 2], ["alpha"])
    lib.set_note(3, "gamma ray")
    lib.import_files([samples / "000_51ae902ca77ec354.txt"])  # a repeat: rolled back
    deleted = lib.delete_papers([4])
    lib.restore_papers(deleted)
    lib.conn.execute("INSERT INTO papers_fts(papers_fts, rank) VALUES ('integrity-check', 1)")
    assert lib.ids("tag:alpha") == [1, 2] and lib.ids("note:gamma") == [3]
    assert lib.count("dense hebbian") == 2
    assert lib.conn.execute("SELECT deferred_from FROM fts_control").fetchone() == (None,)
