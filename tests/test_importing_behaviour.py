"""Importing folders of digests and exports, as a drop onto the window does."""

import pytest

from readinglist.core.export import ExportOptions, export_markdown
from readinglist.core.library import Library


def test_a_folder_brings_in_digests_and_exports_and_nothing_else(tmp_path, samples):
    with Library(tmp_path / "first.sqlite") as first:
        first.import_files([samples / "000_51ae902ca77ec354.txt"])
        first.add_tags([1], ["theory"])
        (tmp_path / "drop").mkdir()
        (tmp_path / "drop" / "list.MD").write_text(export_markdown(first.search("tag:theory")))
    (tmp_path / "drop" / "digest.TXT").write_bytes(
        (samples / "001_b6027a86ed3f20a8.txt").read_bytes()
    )
    (tmp_path / "drop" / "picture.png").write_bytes(b"\x89PNG")
    with Library(tmp_path / "second.sqlite") as second:
        report = second.import_files([tmp_path / "drop"])
        assert sorted(f.file.rsplit("/", 1)[1] for f in report.files) == ["digest.TXT", "list.MD"]
        assert report.errors == []
        assert second.count("tag:theory") == 1


def test_a_paper_known_without_abstract_gets_it_from_a_digest(tmp_path, samples):
    digest = samples / "000_51ae902ca77ec354.txt"
    with Library(tmp_path / "first.sqlite") as first:
        first.import_files([digest])
        first.set_rating([1], 4)
        [paper] = first.search("rating:4")
        text = export_markdown([paper], ExportOptions(abstracts="none"))
    (tmp_path / "list.md").write_text(text)
    with Library(tmp_path / "second.sqlite") as second:
        second.import_files([tmp_path / "list.md"])
        assert [p.abstract for p in second.search("rating:4")] == [""]
        second.import_files([digest])
        assert [p.abstract for p in second.search("rating:4")] == [paper.abstract]


def watch(seen, library=None):
    """A progress callback recording (done, total, file name) and, given the library,
    how many of the papers' indexes exist at that moment."""

    def progress(done, total, label):
        indexes = None
        if library is not None:
            indexes = library.conn.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'papers'"
            ).fetchone()[0]
        seen.append((done, total, label.rsplit("/", 1)[-1], indexes)[: 4 if library else 3])

    return progress


def test_the_progress_bar_moves_by_the_bytes_of_each_file(library, samples, tmp_path):
    bad = tmp_path / "zz_not_a_digest.txt"
    bad.write_bytes(b"\x00\x01\x02 not text")
    files = sorted(samples.glob("*.txt"))
    total = sum(f.stat().st_size for f in files) + bad.stat().st_size
    seen = []
    library.import_files([samples, bad], progress=watch(seen))
    expected, done = [], 0
    for file in files:  # after the file's papers (one batch), then once the file is done
        done += file.stat().st_size
        expected += [(done, total, file.name)] * 2
    expected.append((total, total, bad.name))  # a refused file moves the bar too
    assert seen == expected


def test_progress_inside_a_long_digest_follows_the_bytes_read(library, tmp_path):
    fill = "We report experiments on several standard benchmarks and release our code."
    entries = "".join(f"Paper {i} on graphs\n\nWe study graph {i}. {fill}\n\n" for i in range(1200))
    digest = tmp_path / "long.txt"
    digest.write_text(f"new\n\nMay 5\n\n{entries}")
    size = digest.stat().st_size
    seen = []
    report = library.import_files([digest], progress=watch(seen))
    assert report.added == 1200
    done = [d for d, _, _ in seen]
    # Three batches of 500 papers: two steps inside the file, then the whole of it.
    assert len(done) == 4 and 0 < done[0] < done[1] < size and done[2:] == [size, size]
    assert {(t, name) for _, t, name in seen} == {(size, "long.txt")}


def test_progress_of_parsed_digests_counts_papers(library, samples):
    from readinglist.core.digest import parse_digest

    first, second = sorted(samples.glob("*.txt"))[:2]
    digests = [parse_digest(f.read_bytes(), f.name) for f in (first, second)]
    sizes = [len(d.entries) for d in digests]
    seen = []
    library.import_digests(digests, progress=watch(seen))
    total = sum(sizes)
    assert seen == [(sizes[0], total, first.name), (total, total, second.name)]


def test_cancel_is_seen_at_the_first_progress_step(library, samples):
    from readinglist.core.models import ImportCancelled

    seen = []
    with pytest.raises(ImportCancelled):
        library.import_files([samples], progress=watch(seen), cancelled=lambda: bool(seen))
    assert len(seen) == 1 and library.total() == 0


@pytest.mark.parametrize(("threshold", "dropped"), [(94, True), (95, False)])
def test_a_large_import_into_a_small_library_drops_the_sort_indexes_while_it_runs(
    library, samples, monkeypatch, threshold, dropped
):
    # 002 holds 115,031 bytes: about 95 entries of 1,200 bytes, against 32 papers known.
    library.import_files([samples / "000_51ae902ca77ec354.txt"])
    before = library.conn.execute(
        "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'papers'"
    ).fetchone()[0]
    monkeypatch.setattr("readinglist.core.importing.REBUILD_INDEXES_ABOVE", threshold)
    seen = []
    library.import_files([samples / "002_128d8afdb42565d4.txt"], progress=watch(seen, library))
    during = {indexes for *_, indexes in seen}
    # Only the unique index of title keys stays: it is a constraint, and looked up meanwhile.
    assert during == ({1} if dropped else {before})
    assert before == 12  # the partial ones of noted and tagged papers included


@pytest.mark.parametrize("kind", ["utf-16", "a skipped long line"])
def test_progress_counts_the_bytes_of_utf16_and_of_skipped_lines(library, samples, tmp_path, kind):
    text = (samples / "000_51ae902ca77ec354.txt").read_text(encoding="utf-8")
    digest = tmp_path / "digest.txt"
    if kind == "utf-16":
        digest.write_bytes(text.encode("utf-16"))
    else:  # 3 MiB on one line, skipped with a warning, before the papers
        head, _, rest = text.partition("\n\n")
        digest.write_text(f"{head}\n\n{'x' * (3 << 20)}\n\n{rest}", encoding="utf-8")
    size = digest.stat().st_size
    seen = []
    assert library.import_files([digest], progress=watch(seen)).added == 32
    # after its one batch of papers the whole file has been read, then it is done
    assert [done for done, _, _ in seen] == [size - 2 * (kind == "utf-16"), size]


def test_the_report_lists_a_files_warnings_in_line_order(library, tmp_path):
    fill = "We report experiments on several standard benchmarks and release our code."
    digest = tmp_path / "may.txt"
    digest.write_text(
        "new\n\nMay 5\n\n"
        f"Graph Neural Networks\n\nMessage passing. {fill}\n\n"  # line 5
        f"Graph Neural Networks\n\nMessage passing. {fill}\n\n"  # 9: a repeat (found on writing)
        "A title alone\n\n"  # 13: found while reading
        f"Diffusion Models\n\nNoise. {fill}\n\n"
    )
    [report] = library.import_files([digest]).files
    assert [str(w) for w in report.warnings] == [
        f"{digest}:9: the same paper appears earlier in this file: 'Graph Neural Networks'",
        f"{digest}:13: title without abstract: 'A title alone'",
    ]


def test_an_import_that_waited_too_long_for_another_writer_says_so(
    library, samples, writelock_times_out
):
    from readinglist.core import writelock

    with writelock.write_lock(library.path, "restoring"), pytest.raises(writelock.Busy) as busy:
        library.import_files([samples / "000_51ae902ca77ec354.txt"])
    assert str(busy.value) == (
        f"{library.path}: another readinglist is importing, backing up or restoring; "
        "waited 60 s before importing. Try again when it is done"
    )
    assert library.total() == 0


def test_a_digest_imported_again_is_reported_as_known_and_adds_nothing(library, samples):
    digest = samples / "000_51ae902ca77ec354.txt"
    first = library.import_files([digest])
    again = library.import_files([digest])
    assert [f.summary() for f in first.files] == [f"{digest}: 32 added, 0 already known"]
    assert [f.summary() for f in again.files] == [
        f"{digest}: 0 added, 32 already known (this digest was already imported on 2026-11-23)"
    ]
    assert library.stats()["digests"] == 1 and library.total() == 32


def test_an_export_brings_back_annotations_and_counts_what_it_changed(library, samples, tmp_path):
    library.import_files([samples / "000_51ae902ca77ec354.txt"])
    library.set_rating([1], 4)
    library.add_tags([2], ["theory"])
    export = tmp_path / "list.md"
    export.write_text(export_markdown(library.search("rating:4 OR tag:theory", sort="id")))
    with Library(tmp_path / "other.sqlite") as other:
        other.import_files([samples / "000_51ae902ca77ec354.txt"])
        other.set_rating([2], 5)
        [report] = other.import_files([export]).files
        assert (report.added, report.known, report.restored) == (0, 2, 2)
        assert [(p.rating, p.tags) for p in other.papers([1, 2])] == [(4, []), (5, ["theory"])]
        [again] = other.import_files([export]).files
        assert (again.added, again.known, again.restored) == (0, 2, 0)


def test_markdown_that_is_not_an_export_or_holds_no_paper_is_refused(library, tmp_path):
    plain = tmp_path / "notes.md"
    plain.write_text("# My notes\n\nNothing here.\n")
    broken = tmp_path / "broken.md"
    broken.write_text('# Reading list\n\n<!-- readinglist {"broken": \n')
    report = library.import_files([plain, broken])
    assert [(f.file, f.error) for f in report.files] == [
        (
            str(plain),
            "no paper found: no title followed by an abstract (is this a digest dump of titles"
            " and abstracts?)",
        ),
        (str(broken), "a readinglist export, but no paper could be read"),
    ]
    assert library.total() == 0


def test_a_folder_that_cannot_be_read_is_reported_and_the_rest_imported(
    library, samples, tmp_path, monkeypatch
):
    import os

    drop = tmp_path / "drop"
    (drop / "locked").mkdir(parents=True)
    (drop / "digest.txt").write_bytes((samples / "000_51ae902ca77ec354.txt").read_bytes())
    scandir = os.scandir

    def refusing(path="."):  # as root, permissions never refuse; a failing listing does
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refusing)
    report = library.import_files([drop])
    assert [(f.file, f.error) for f in report.errors] == [
        (
            str(drop / "locked"),
            "cannot read this folder (Permission denied); the files in it were not imported",
        )
    ]
    assert report.added == 32


def test_the_files_a_drop_brings_are_its_digests_and_exports_in_order(tmp_path):
    from readinglist.core.importing import digest_files

    (tmp_path / "b").mkdir()
    for name in ("b/2.txt", "a.MD", "c.png", "b/1.md"):
        (tmp_path / name).write_text("x")
    alone = tmp_path / "c.png"
    assert digest_files([tmp_path, alone]) == [
        tmp_path / "a.MD",
        tmp_path / "b" / "1.md",
        tmp_path / "b" / "2.txt",
        alone,  # named on its own: kept, so that the import says what is wrong with it
    ]


def test_an_export_saved_as_markdown_is_read_as_an_export(library, samples, tmp_path):
    library.import_files([samples / "000_51ae902ca77ec354.txt"])
    library.set_rating([1], 4)
    export = tmp_path / "list.markdown"
    export.write_text(export_markdown(library.search("rating:4")))
    with Library(tmp_path / "other.sqlite") as other:
        [report] = other.import_files([export]).files
        assert (report.error, report.added) == (None, 1)
        assert other.count("rating:4") == 1


def test_importing_parsed_digests_can_be_cancelled_and_says_when_it_waited(
    library, samples, writelock_times_out
):
    from readinglist.core import writelock
    from readinglist.core.digest import parse_digest
    from readinglist.core.models import ImportCancelled

    digests = [parse_digest(f.read_bytes(), f.name) for f in sorted(samples.glob("*.txt"))]
    with pytest.raises(ImportCancelled):
        library.import_digests(digests, cancelled=lambda: True)
    assert library.total() == 0

    with writelock.write_lock(library.path, "restoring"), pytest.raises(writelock.Busy) as busy:
        library.import_digests(digests)
    assert str(busy.value).endswith("waited 60 s before importing. Try again when it is done")
