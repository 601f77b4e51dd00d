"""Result pages as the table reads them: counts, rows past the end, and a library that changed."""

import pytest

from readinglist.core.result_pages import ResultPages


def test_a_large_result_counts_every_match_but_reads_only_whole_pages(sample_library):
    lib = sample_library
    every = lib.ids(sort="id")
    pages = ResultPages(lib, "", sort="id", page=4, whole=10)  # reads 8 rows (whole pages)
    assert len(pages) == len(every) and not pages.complete
    assert pages.loaded_ids() == every[:8]
    assert pages.id_at(len(every) - 1) == every[-1]
    assert pages.ids_in(-5, 9) == every[:10]
    assert pages.ids_in(len(every) - 2, len(every) + 50) == every[-2:]
    assert pages.ids_in(7, 3) == []
    assert pages.row_of(every[9]) == 9 and pages.row_of(every[20]) is None


def test_rows_past_the_count_stay_out_of_range_when_the_library_grows(sample_library, tmp_path):
    lib = sample_library
    pages = ResultPages(lib, "", sort="id", page=4, whole=4)
    count = len(pages)
    path = tmp_path / "more.txt"
    path.write_text(
        "new\n\nMay 3\n\nA Paper Added Later On\n\nIt arrived after the table counted its "
        "rows, so it is shown at the next refresh and not before it.\n",
        encoding="utf-8",
    )
    assert lib.import_files([path]).added == 1
    for row in (count, count + 1, -1):
        with pytest.raises(IndexError):
            pages.id_at(row)


def test_a_result_read_whole_is_complete(sample_library):
    lib = sample_library
    pages = ResultPages(lib, "quantum", sort="id")
    assert pages.complete and len(pages) == lib.count("quantum")
    assert pages.loaded_ids() == lib.ids("quantum", sort="id")
    total = lib.total()
    assert total % 2 == 0  # a result of exactly `whole` rows is read whole
    exact = ResultPages(lib, "", sort="id", page=2, whole=total)
    assert len(exact) == lib.total() and exact.complete
