"""A result read as a count plus pages gives the same rows as the whole id list."""

import pytest

from readinglist.core.result_pages import ResultPages


def every_row(pages: ResultPages) -> list[int]:
    return [pages.id_at(row) for row in range(len(pages))]


@pytest.mark.parametrize(
    ("query", "sort", "descending"),
    [
        ("", None, False),
        ("", "title", True),
        ("learning", "id", False),  # words only: read from the index
        ("-learning", "seen", False),
        ("rating:0 -tag:none", "first_seen", True),
    ],
)
def test_pages_list_the_same_papers_in_the_same_order(sample_library, query, sort, descending):
    pages = ResultPages(sample_library, query, sort, descending, page=16, whole=32)
    expected = sample_library.ids(query, sort=sort, descending=descending)
    assert len(expected) > 32  # large enough to be paged
    assert len(pages) == len(expected)
    assert len(pages.loaded_ids()) == 32  # only the first pages until rows are asked for
    assert every_row(pages) == expected
    assert pages.complete


def test_rows_far_down_are_read_without_the_rows_before_them(sample_library):
    pages = ResultPages(sample_library, "", page=16, whole=16)
    expected = sample_library.ids("")
    assert pages.id_at(len(expected) - 1) == expected[-1]
    assert pages.row_of(expected[-1]) == len(expected) - 1
    assert pages.row_of(expected[100]) is None  # its page was never read
    assert len(pages.loaded_ids()) < 40


def test_a_selection_of_ranges_reads_its_ids_in_row_order(sample_library):
    pages = ResultPages(sample_library, "", sort="title", page=16, whole=16)
    expected = sample_library.ids("", sort="title")
    assert pages.ids_at([(200, 203), (5, 6)]) == expected[5:7] + expected[200:204]
    assert pages.ids_in(300, 10_000) == expected[300:]
    assert pages.ids_in(10, 5) == []


def test_a_small_result_is_read_whole_and_ranked(sample_library):
    pages = ResultPages(sample_library, "dense hebbian", page=16, whole=32)
    assert pages.ranked and pages.complete
    assert every_row(pages) == sample_library.ids("dense hebbian")


def test_ranked_or_keeps_papers_matching_only_the_field(sample_library):
    [other] = sample_library.ids("-hebbian")[:1]
    sample_library.set_rating([other], 5)
    ids = sample_library.ids("hebbian OR rating:5")  # relevance order: hebbian is scored
    assert ids[-1] == other  # matched by its rating only: unscored, so last
    assert sorted(ids) == sorted(sample_library.ids("hebbian OR rating:5", sort="id"))


def test_counts_of_excluding_queries_match_their_rows(sample_library):
    lib = sample_library
    for query in ("-learning", "-tag:none", "-new:", "-rating:0", "-(quantum OR learning)"):
        assert lib.count(query) == len(lib.ids(query)), query
    assert lib.count("-learning") == lib.total() - lib.count("learning")


def test_field_filters_in_library_order_read_the_narrow_index_not_the_papers(sample_library):
    for query in ("seen:>1", "", "-tag:skip", "rating:>=3"):
        sql, params, _ = sample_library.ids_plan(query)
        plan = [r[3] for r in sample_library.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
        assert "SCAN papers" not in plan, (query, plan)  # a walk over whole rows
        assert any("COVERING INDEX" in step for step in plan), (query, plan)


def test_a_paper_deep_in_the_result_is_found_and_its_page_read(sample_library):
    pages = ResultPages(sample_library, "", sort="title", page=16, whole=16)
    expected = sample_library.ids("", sort="title")
    deep = expected[-3]
    assert pages.row_of(deep) is None  # its page is not read yet
    assert pages.find_row(deep) == len(expected) - 3
    assert pages.row_of(deep) == len(expected) - 3  # the page is in memory now
    assert pages.find_row(10**9) is None


def test_rows_of_many_papers_beyond_the_pages_read_cost_one_pass(sample_library):
    pages = ResultPages(sample_library, "", sort="title", page=8, whole=8)
    expected = sample_library.ids("", sort="title")
    wanted = expected[100:160] + [10**9]  # deep in the result, and one not in it at all
    statements: list[str] = []
    pages.conn.set_trace_callback(statements.append)
    rows = pages.find_rows(wanted)
    assert rows == {paper_id: expected.index(paper_id) for paper_id in expected[100:160]}
    assert len(statements) == 1  # one pass for all of them, not one per paper
    assert pages.find_rows(wanted) == rows  # known now: no pass at all
    assert pages.find_row(10**9) is None
    assert len(statements) == 1
    pages.conn.set_trace_callback(None)


def test_a_pass_for_rows_stops_when_told_and_claims_nothing_absent(sample_library):
    pages = ResultPages(sample_library, "", sort="title", page=8, whole=8)
    expected = sample_library.ids("", sort="title")
    calls = []
    assert pages.find_rows([expected[300]], stop=lambda: calls.append(1) or True) == {}
    assert calls  # asked at the start of the pass
    # Not marked absent: asked again without a stop, it is found.
    assert pages.find_rows([expected[300]]) == {expected[300]: 300}
