"""Batched imports keep each paper's sighting count and first date exact."""


def counts_match_sightings(lib) -> list:
    """Papers whose seen / first_seen differ from what their sightings say (none, we hope)."""
    return lib.conn.execute(
        "SELECT p.id, p.seen, p.first_seen, count(s.digest_id),"
        " min(coalesce(d.date, d.imported)) FROM papers p"
        " LEFT JOIN sightings s ON s.paper_id = p.id LEFT JOIN digests d ON d.id = s.digest_id"
        " GROUP BY p.id HAVING p.seen <> count(s.digest_id)"
        " OR p.first_seen IS NOT min(coalesce(d.date, d.imported))"
    ).fetchall()


def test_seen_counts_and_first_dates_follow_the_sightings_across_runs(
    library, samples, tmp_path, monkeypatch
):
    monkeypatch.setattr("readinglist.core.import_batch.BATCH", 7)  # many batches per file
    report = library.import_files([samples])
    assert report.added == library.total() == 314
    assert library.count("seen:>1") == 16
    assert counts_match_sightings(library) == []
    # A later run: one digest again under another date, so its papers are seen once more.
    first = sorted(samples.glob("*.txt"))[0]
    text = first.read_text(encoding="utf-8").replace("May 5", "May 9", 1)
    again = tmp_path / "later.txt"
    again.write_text(text, encoding="utf-8")
    before = library.count("seen:>1")
    second = library.import_files([again])
    assert second.added == 0 and second.files[0].known > 0
    assert library.count("seen:>1") > before
    assert counts_match_sightings(library) == []


def papers_indexes(lib) -> list:
    return lib.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'papers'"
        " ORDER BY name"
    ).fetchall()


def test_a_large_import_rebuilds_the_sort_indexes_it_dropped(library, samples, monkeypatch):
    before = papers_indexes(library)
    monkeypatch.setattr("readinglist.core.importing.REBUILD_INDEXES_ABOVE", 0)
    library.import_files([samples])
    assert papers_indexes(library) == before
    by_title = library.ids("", sort="title")
    assert [library.paper(i).title.lower() for i in by_title[:3]] == sorted(
        library.paper(i).title.lower() for i in library.ids("")
    )[:3]
    library.conn.execute("PRAGMA integrity_check")


def test_a_cancelled_large_import_keeps_the_indexes(library, samples, monkeypatch):
    import pytest

    from readinglist.core.library import ImportCancelled

    before = papers_indexes(library)
    monkeypatch.setattr("readinglist.core.importing.REBUILD_INDEXES_ABOVE", 0)
    with pytest.raises(ImportCancelled):
        library.import_files([samples], cancelled=lambda: True)
    assert papers_indexes(library) == before and library.total() == 0
