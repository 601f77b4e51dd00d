"""Triage, the trending inbox and the ranked inbox's pages, as the window and CLI show them."""

import pytest

from readinglist.core.discover import triage
from readinglist.core.discover.engine import TRENDING_MESSAGE, Discovery, Ranked
from readinglist.core.discover.ranked_pages import RankedPages
from readinglist.core.query import parse
from readinglist.core.result_pages import PAGE


def test_set_triage_reports_only_papers_whose_decision_changed(sample_library):
    lib = sample_library
    a, b, c = lib.ids(sort="id")[:3]
    assert triage.set_triage(lib, [a, b], "keep") == {a: None, b: None}
    assert triage.set_triage(lib, [a, b, c], "keep") == {c: None}  # a and b were kept already
    assert triage.decisions(lib, [a, b, c, 999]) == {a: "keep", b: "keep", c: "keep"}
    assert triage.set_triage(lib, [b, c], None) == {b: "keep", c: "keep"}
    assert triage.decisions(lib, [a, b, c]) == {a: "keep"}
    assert triage.set_triage(lib, [b], None) == {}  # already in the inbox
    assert triage.inbox_count(lib) == lib.total() - 1


def test_every_decision_is_dated_by_the_clock(sample_library):
    lib = sample_library
    a, b = lib.ids(sort="id")[:2]
    triage.set_triage(lib, [a], "later")
    triage.restore_triage(lib, {b: "skip"})
    decided = dict(lib.conn.execute("SELECT paper_id, decided FROM triage").fetchall())
    assert decided[a].startswith("2026-11-23T") and decided[a].endswith("+00:00")
    assert decided[b].startswith("2026-11-23T") and len(decided[b]) == len(decided[a])


def test_undo_skips_papers_deleted_since_and_says_which_it_restored(sample_library):
    lib = sample_library
    a, b, c = lib.ids(sort="id")[:3]
    previous = triage.set_triage(lib, [a, b, c], "skip")
    triage.set_triage(lib, [a], "keep")
    lib.delete_papers([b])
    assert triage.restore_triage(lib, {**previous, a: "later"}) == [a, c]
    assert triage.decisions(lib, [a, b, c]) == {a: "later"}
    assert lib.conn.execute("SELECT count(*) FROM triage WHERE paper_id = ?", (b,)).fetchone() == (
        0,
    )


def test_an_unknown_decision_names_the_three_words(sample_library):
    with pytest.raises(Exception, match=r"^triage is one of keep, skip, later, not 'maybe'$"):
        triage.set_triage(sample_library, [1], "maybe")


def test_the_inbox_lists_newest_imports_first_and_trending_by_sightings(sample_library):
    lib = sample_library
    inbox = triage.inbox_ids(lib)
    rows = lib.conn.execute("SELECT id, import_id, seen FROM papers").fetchall()
    assert inbox == [i for i, _, _ in sorted(rows, key=lambda r: (-r[1], -r[0]))]
    assert triage.trending_ids(lib) == [
        i for i, _, _ in sorted(rows, key=lambda r: (-r[2], -r[1], -r[0]))
    ]
    triage.set_triage(lib, inbox[:2], "later")
    assert triage.inbox_ids(lib) == inbox[2:]
    assert triage.inbox_count(lib) == len(inbox) - 2


def test_the_default_view_hides_skipped_papers_and_a_search_finds_them(sample_library):
    lib = sample_library
    skipped = lib.ids(sort="id")[0]
    triage.set_triage(lib, [skipped], "skip")
    shown = triage.hide_skipped(parse(""))
    assert skipped not in lib.ids(shown) and lib.count(shown) == lib.total() - 1
    title = lib.paper(skipped).title
    searched = triage.hide_skipped(parse(f'title:"{title}"'))
    assert skipped in lib.ids(searched)
    assert triage.hide_skipped(parse("  ")).text == "  " and skipped not in lib.ids(
        triage.hide_skipped(parse("  "))
    )


def test_the_trending_inbox_says_why_each_paper_is_first(sample_library):
    lib = sample_library
    inbox = Discovery(lib).inbox()
    assert inbox.ranking == "trending" and inbox.message == TRENDING_MESSAGE
    assert inbox.total == lib.total() == len(inbox.items)
    seen = dict(lib.conn.execute("SELECT id, seen FROM papers").fetchall())
    for item in inbox.items:
        assert item.score is None
        assert item.why == ([f"seen in {seen[item.id]} digests"] if seen[item.id] > 1 else ["new"])
    assert any(seen[i.id] > 1 for i in inbox.items) and any(seen[i.id] == 1 for i in inbox.items)
    short = Discovery(lib).inbox(limit=3, explain=False)
    assert [i.id for i in short.items] == [i.id for i in inbox.items[:3]]
    assert all(i.why == [] for i in short.items) and short.total == lib.total()
    ids, message = Discovery(lib).inbox_order()
    assert ids == [i.id for i in inbox.items] and message == TRENDING_MESSAGE


def test_a_ranked_item_as_json_rounds_its_score():
    assert Ranked(3, 1.234567, ["a"]).to_json("T") == {
        "id": 3,
        "title": "T",
        "score": 1.2346,
        "why": ["a"],
    }
    assert Ranked(4, None).to_json("U") == {"id": 4, "title": "U", "score": None, "why": []}


def test_ranked_pages_show_the_given_order_row_by_row(sample_library):
    lib = sample_library
    order = lib.ids(sort="id")[::-1]
    query = parse("")
    pages = RankedPages(lib, query, order)
    assert pages.query is query and pages.ranked and pages.conn is lib.conn
    assert len(pages) == len(order) and pages.complete and pages.page == PAGE
    assert [pages.id_at(r) for r in range(len(order))] == order
    assert pages.ids_in(0, len(order) - 1) == order
    assert pages.row_of(order[0]) == 0 and pages.row_of(order[-1]) == len(order) - 1
    assert pages.loaded_ids() == order
    with pytest.raises(IndexError):
        pages.id_at(len(order))
    many = list(range(1, 2 * PAGE + 2))  # more than two pages, all in memory
    big = RankedPages(lib, parse(""), many)
    assert len(big) == len(many) and big.complete
    assert big.id_at(PAGE) == PAGE + 1 and big.id_at(2 * PAGE) == 2 * PAGE + 1
    assert big.row_of(2 * PAGE + 1) == 2 * PAGE
