"""The window's default order (first seen, newest first) without sorting every match.

A search with many matches is read by walking the first-seen index and stopping
after the rows wanted; one with few is sorted (core/walk_order.py). At a
million papers that took is:unread from 1.3 s to under 1 ms a page. Both plans,
both directions and pages read from either end must list exactly the papers the
search matches, newest first, ties by id.
"""

import pytest

from readinglist.core import walk_order
from readinglist.core.query import parse
from readinglist.core.result_pages import ResultPages

FIRST_SEEN_INDEX = walk_order.INDEXES["first_seen"]

QUERIES = [
    "",  # every paper
    "is:unread",
    "rating:0 -tag:none",
    "seen:>1",
    "learning",  # words: a few dozen matches
    "-learning",
    "learning OR graph",
    "learning tag:later",  # words and a tag together
    "hebbian",  # a handful of matches: sorted, not walked
    "rating:5",  # none
    "has:tag",  # a column the first-seen index lacks
    "has:note",
    "added:2026",
]


def newest_first(library, query, descending=True):
    """The matching ids sorted in Python, from the library order the plans do not touch."""
    ids = library.ids(query, sort="id")
    seen = dict(
        library.conn.execute(
            "SELECT id, first_seen FROM papers WHERE id IN (SELECT value FROM json_each(?))",
            [str(ids)],
        ).fetchall()
    )
    return sorted(ids, key=lambda i: (seen[i] or "", i), reverse=descending)


@pytest.fixture
def library(sample_library):
    """The sample digests, some papers rated, tagged and read, imported on several days."""
    ids = sample_library.ids("", sort="id")
    sample_library.add_tags(ids[::7], ["later"])
    sample_library.set_rating(ids[::11], 3)
    sample_library.set_status(ids[::5], "read")
    # Spread first-seen days so that ties and order both matter.
    sample_library.conn.execute("UPDATE papers SET first_seen = '2026-0' || (1 + id % 9) || '-01'")
    sample_library.conn.commit()
    return sample_library


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("descending", [True, False])
def test_pages_in_walk_order_list_every_match_once_in_order(library, query, descending):
    pages = ResultPages(library, query, "first_seen", descending, page=8, whole=16)
    expected = newest_first(library, query, descending)
    assert len(pages) == len(expected)
    assert [pages.id_at(row) for row in range(len(pages))] == expected


@pytest.mark.parametrize("query", ["", "is:unread", "-learning", "learning OR graph"])
def test_a_jump_to_the_end_reads_the_last_rows_without_the_ones_before(library, query):
    pages = ResultPages(library, query, "first_seen", True, page=8, whole=16)
    expected = newest_first(library, query)
    assert len(expected) > 64
    assert pages.ids_in(len(expected) - 12, len(expected) - 1) == expected[-12:]
    assert pages.id_at(len(expected) // 2 + 3) == expected[len(expected) // 2 + 3]
    assert pages.row_of(expected[40]) is None  # rows between were never read


def plan(library, query, descending=True):
    sql, params, _ = library.ids_plan(parse(query), "first_seen", descending)
    return [row[3] for row in library.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]


@pytest.mark.parametrize("query", ["", "is:unread", "rating:0", "seen:>=1", "-tag:later"])
@pytest.mark.parametrize("descending", [True, False])
def test_a_broad_filter_is_read_along_the_first_seen_index_not_sorted(library, query, descending):
    steps = plan(library, query, descending)
    assert not any("TEMP B-TREE" in step for step in steps), steps
    # The index carries rating, status and seen: no paper row is read to test them.
    assert any(f"COVERING INDEX {FIRST_SEEN_INDEX}" in step for step in steps), steps


def test_a_search_with_few_matches_is_sorted_rather_than_walked(library):
    assert len(library.ids("hebbian")) <= 5
    steps = plan(library, "hebbian")
    assert not any(FIRST_SEEN_INDEX in step for step in steps), steps


def test_walking_pays_only_when_many_papers_match():
    assert walk_order.walk_pays(matches=1_000_000, papers=1_000_000, rows=2048)
    assert walk_order.walk_pays(matches=30_000, papers=1_000_000, rows=2048)
    assert not walk_order.walk_pays(matches=1_000, papers=1_000_000, rows=2048)
    assert not walk_order.walk_pays(matches=0, papers=1_000_000, rows=2048)


@pytest.fixture
def counter(library):
    """A side counter on the library, as the window's query thread owns one."""
    from readinglist.core.side_count import SideCounter

    counter = SideCounter(library.path)
    yield counter
    counter.close()


@pytest.mark.parametrize(
    "query", ["-learning", "-the", "learning OR graph", "is:unread", "hebbian"]
)
def test_a_count_run_beside_the_walk_gives_the_same_rows_and_number(library, counter, query):
    counted: list[str] = []
    real_submit = counter.submit
    counter.submit = lambda q: counted.append(q.text) or real_submit(q)
    pages = ResultPages(library, query, "first_seen", True, page=8, whole=16, counter=counter)
    expected = newest_first(library, query)
    assert len(pages) == len(expected)
    assert [pages.id_at(row) for row in range(len(pages))] == expected
    # Left-out words and many word matches are surely walked: counted beside the walk.
    # A filter or a few matches is counted first, as that count chooses the plan.
    assert counted == ([query] if query in ("-learning", "-the", "learning OR graph") else [])


def test_a_filter_the_index_cannot_test_is_sorted_when_a_walk_would_read_most_rows(library):
    # has:tag matches one paper in seven: a walk would read nearly every paper's row.
    assert 20 < library.count("has:tag") < 100
    steps = plan(library, "has:tag")
    assert not any(f"SCAN papers USING INDEX {FIRST_SEEN_INDEX}" in s for s in steps), steps
    assert any("TEMP B-TREE" in step for step in steps), steps


def test_has_note_reads_only_the_papers_with_notes(library):
    ids = library.ids("", sort="id")
    library.set_note(ids[3], "read the appendix")
    library.set_note(ids[30], "compare with the baseline")
    steps = plan(library, "has:note")
    assert any("papers_noted" in step for step in steps), steps
    assert library.ids("has:note", sort="first_seen", descending=True) == newest_first(
        library, "has:note"
    )


@pytest.mark.parametrize("sort", sorted(walk_order.INDEXES))
@pytest.mark.parametrize("query", ["", "is:unread", "-learning", "learning OR graph", "has:tag"])
@pytest.mark.parametrize("descending", [True, False])
def test_every_indexed_column_lists_the_same_rows_walked_or_sorted(
    library, sort, query, descending
):
    from readinglist.core.library import SORT_COLUMNS

    direction = "DESC" if descending else "ASC"
    pages = ResultPages(library, query, sort, descending, page=8, whole=16)
    expected = [
        row[0]
        for row in library.conn.execute(
            "SELECT id FROM papers NOT INDEXED WHERE id IN (SELECT value FROM json_each(?))"
            f" ORDER BY {SORT_COLUMNS[sort]} {direction}, id {direction}",
            [str(library.ids(query, sort="id"))],
        )
    ]
    assert [pages.id_at(row) for row in range(len(pages))] == expected


def test_a_broad_search_by_title_walks_the_title_index_and_a_narrow_one_is_sorted(library):
    sql, params, _ = library.ids_plan(parse("-learning"), "title", True)
    assert "INDEXED BY papers_title" in sql  # most papers remain: stop after a page
    sql, params, _ = library.ids_plan(parse("hebbian"), "title", True)
    steps = [row[3] for row in library.conn.execute("EXPLAIN QUERY PLAN " + sql, params)]
    assert any("TEMP B-TREE" in step for step in steps), steps


def test_a_count_dropped_by_a_newer_search_reads_as_interrupted(library):
    import sqlite3
    from concurrent.futures import Future

    class Dropped:
        def submit(self, query):
            future: Future[int] = Future()
            future.cancel()  # what SideCounter.interrupt does to a queued count
            return future

    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        ResultPages(library, "-learning", "first_seen", True, counter=Dropped())


def test_a_newer_search_drops_the_count_still_queued_behind_another(library, counter):
    import threading

    from readinglist.core.query import parse as parse_query

    release = threading.Event()
    real_count = counter._count
    counter._count = lambda query: release.wait(5) and real_count(query)
    running = counter.submit(parse_query("learning"))
    queued = counter.submit(parse_query("graph"))
    counter.interrupt()
    assert queued.cancelled()  # it will not run: the next count does not wait for it
    release.set()
    assert running.result(5) == library.count("learning")


@pytest.mark.parametrize("descending", [True, False])
def test_the_first_rows_of_a_left_out_word_come_from_the_newest_papers_less_its_matches(
    library, descending
):
    from readinglist.core.query import parse as parse_query

    sql, params = walk_order.newest_without(parse_query("-learning").root.child, descending, 16)
    ids = [row[0] for row in library.conn.execute(sql, params)]
    assert ids == newest_first(library, "-learning", descending)[:16]
    # Too few among the newest papers: fewer rows, and the caller walks instead.
    sql, params = walk_order.newest_without(parse_query("-the").root.child, descending, 16)
    assert len(library.conn.execute(sql, params).fetchall()) < 16


def test_a_left_out_word_whose_papers_are_nearly_all_old_is_still_listed_whole(
    library, counter
):
    kept = library.ids("-learning", sort="id")
    library.conn.execute(  # all but three among the oldest: too few among the newest
        "UPDATE papers SET first_seen = '2000-01-01' WHERE id IN (SELECT value FROM json_each(?))",
        [str(kept[3:])],
    )
    library.conn.commit()
    assert library.count("learning") > 8 * walk_order.FIRST_CANDIDATES  # none among the newest
    pages = ResultPages(library, "-learning", "first_seen", True, page=8, whole=8, counter=counter)
    assert [pages.id_at(row) for row in range(len(pages))] == newest_first(library, "-learning")
