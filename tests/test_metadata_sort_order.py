"""Sorting by Authors, Year and arXiv: the order users saw before, now read from indexes.

Papers never looked up on arXiv have no key: they come first ascending and last
descending; ties (and the papers without a key) go by id; descending is the exact
reverse. Filters, paging and the CLI see the same order.
"""

import pytest

from readinglist.core.metadata import store
from readinglist.core.metadata.records import ArxivRecord
from readinglist.core.result_pages import ResultPages

COLUMNS = {"authors": "authors", "year": "published", "arxiv": "arxiv_id"}
SEARCHES = [
    "",
    "learning",
    "tag:keep",
    "rating:>=3",
    "is:unread",
    "-learning",
    "learning tag:keep",
    "learning rating:0",  # words and a field: ids and a column of papers
    "-learning is:unread",
    "title:learning OR has:note",
]


def attach(lib, ids):
    """Metadata for the given papers, with ties, empty values and non-ASCII names."""
    outcomes = []
    for n, paper_id in enumerate(ids):
        authors = [["Zoë Ng"], ["Alan Turing", "Ada Lovelace"], [], ["Émile Borel"]][n % 4]
        published = ["2021-05-01", "", "2019-12-31", "2021-05-01", "2024-01-02"][n % 5]
        arxiv_id = ["2105.00001", "hep-th/9901001", "1912.12345", "2105.00001"][n % 4]
        record = ArxivRecord(arxiv_id, f"Title {n}", authors=authors, published=published)
        outcomes.append((paper_id, record, "found"))
    store.save_outcomes(lib, outcomes)


def expected(lib, query, sort, descending):
    """The order by the key, as Python sorts it: no key first, ties by id."""
    keys = dict(
        lib.conn.execute(f"SELECT paper_id, {COLUMNS[sort]} FROM paper_metadata").fetchall()
    )
    ids = lib.ids(query, sort="id")
    ordered = sorted(ids, key=lambda i: (i in keys, keys.get(i, ""), i))
    return ordered[::-1] if descending else ordered


@pytest.fixture
def looked_up(sample_library):
    lib = sample_library
    every = lib.ids(sort="id")
    attach(lib, every[::3])  # a third of the library, spread over it
    lib.add_tags(every[::5], ["keep"])
    lib.set_rating(every[::7], 4)
    lib.set_status(every[1::4], "read")
    return lib


@pytest.mark.parametrize("sort", COLUMNS)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("query", SEARCHES)
def test_each_arxiv_column_sorts_no_key_first_then_by_key_ties_by_id(
    looked_up, query, sort, descending
):
    lib = looked_up
    want = expected(lib, query, sort, descending)
    assert len(want) > 3
    assert lib.ids(query, sort=sort, descending=descending) == want
    # The table reads it a page at a time, from anywhere: the same order.
    pages = ResultPages(lib, query, sort=sort, descending=descending, page=7, whole=14)
    assert len(pages) == len(want)
    assert pages.ids_in(len(want) - 10, len(want)) == want[-10:]
    assert pages.ids_in(0, len(want)) == want


def test_the_keys_that_sort_first_are_papers_without_metadata_then_empty_values(looked_up):
    lib = looked_up
    every = lib.ids(sort="id")
    looked = set(every[::3])
    by_year = lib.ids(sort="year")
    assert by_year[: len(every) - len(looked)] == [i for i in every if i not in looked]
    first_looked_up = lib.search(sort="year", limit=1, offset=len(every) - len(looked))[0]
    assert store.record_of(lib, first_looked_up.id).published == ""
    # Descending: the newest first, the papers never looked up last, highest id first.
    newest_first = lib.ids(sort="year", descending=True)
    assert store.record_of(lib, newest_first[0]).published == "2024-01-02"
    never = [i for i in every if i not in looked]
    assert newest_first[len(looked) :] == never[::-1]


@pytest.mark.parametrize("sort", COLUMNS)
def test_without_any_metadata_the_arxiv_columns_keep_library_order(sample_library, sort):
    lib = sample_library
    assert lib.ids(sort=sort) == lib.ids(sort="id")
    assert lib.ids(sort=sort, descending=True) == lib.ids(sort="id", descending=True)
    assert lib.ids("learning", sort=sort) == lib.ids("learning", sort="id")


@pytest.mark.parametrize("sort", COLUMNS)
def test_when_every_paper_has_metadata_only_the_key_and_id_decide(sample_library, sort):
    lib = sample_library
    attach(lib, lib.ids(sort="id"))
    for descending in (False, True):
        assert lib.ids(sort=sort, descending=descending) == expected(lib, "", sort, descending)
        assert lib.ids("rating:0", sort=sort, descending=descending) == expected(
            lib, "rating:0", sort, descending
        )


def test_a_metadata_filter_sorted_by_its_own_column(looked_up):
    lib = looked_up
    for descending in (False, True):
        assert lib.ids("year:2021", sort="year", descending=descending) == expected(
            lib, "year:2021", "year", descending
        )


def test_a_deleted_paper_leaves_the_sorted_list(looked_up):
    lib = looked_up
    gone = lib.ids(sort="authors", descending=True)[0]
    lib.delete_papers([gone])
    assert gone not in lib.ids(sort="authors", descending=True)
    assert len(lib.ids(sort="authors")) == lib.total()


@pytest.mark.parametrize("sort", COLUMNS)
@pytest.mark.parametrize("descending", [False, True])
def test_the_whole_library_sorted_by_an_arxiv_column_is_read_from_indexes(
    looked_up, sort, descending
):
    """No sort of every paper: each list comes in order from an index (schema _METADATA_SORT)."""
    lib = looked_up
    sql, params, _ = lib.ids_plan("", sort, descending)
    plan = " / ".join(row[3] for row in lib.conn.execute("EXPLAIN QUERY PLAN " + sql, params))
    assert "TEMP B-TREE" not in plan, plan
    assert "USING COVERING INDEX paper_metadata_ids" in plan, plan  # not the table's rows


def test_the_window_sorted_by_year_shows_the_newest_first_and_the_rest_last(
    qtbot, make_window, looked_up
):
    from PySide6.QtCore import Qt

    from readinglist.gui.paper_model import COLUMNS

    lib = looked_up
    window = make_window(lib)
    year = next(n for n, column in enumerate(COLUMNS) if column.title == "Year")
    window.table.sortByColumn(year, Qt.SortOrder.DescendingOrder)
    want = expected(lib, "", "year", True)
    qtbot.waitUntil(
        lambda: window.model.rowCount() == len(want) and window.model.paper_id(0) == want[0]
    )
    assert window.model.paper_ids(len(want)) == want
    top = window.model.index(0, year).data()
    assert str(top).startswith("2024")
    assert window.model.index(len(want) - 1, year).data() in ("", None)
