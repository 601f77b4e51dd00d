"""Building the discovery cache: what each build reports, and what the ranking then says."""

import pytest

from readinglist.core.discover import build, store, triage
from readinglist.core.discover.build import BuildReport
from readinglist.core.discover.engine import Discovery
from readinglist.core.library import LibraryError


def test_each_report_reads_as_a_sentence():
    assert BuildReport("busy", "").describe() == ("another build of the discovery cache is running")
    assert BuildReport("unchanged", "model", changed=False).describe() == (
        "the discovery cache is up to date"
    )
    assert BuildReport("refit", "model", 4, 120, 2, 1.234).describe() == (
        "features refit; interest model from 4 positive and 120 negative papers; "
        "2 tag models; 1.2 s"
    )
    assert BuildReport("extended by 3", "trending", tags=0, seconds=0.04).describe() == (
        "features extended by 3; not enough signals yet: trending first; 0 tag models; 0.0 s"
    )


def test_a_build_while_another_runs_is_busy(sample_library):
    folder = store.cache_dir(sample_library.path)
    with store.build_lock(folder):
        report = build.build(sample_library.path)
    assert (report.features, report.changed) == ("busy", False)
    assert store.read_current(folder) is None


def test_three_signals_switch_the_inbox_from_trending_to_the_model(sample_library):
    lib = sample_library
    quantum = lib.ids("title:quantum", sort="id")
    triage.set_triage(lib, quantum[:2], "keep")
    discovery = Discovery(lib)
    first = discovery.refresh()
    assert (first.features, first.ranking) == ("refit", "trending")
    assert discovery.inbox().ranking == "trending"
    assert discovery.explain(quantum[3]) is None  # no model to explain with
    lib.set_rating(quantum[2:3], 5)
    second = discovery.refresh()
    assert (second.features, second.ranking, second.positives) == ("unchanged", "model", 3)
    inbox = discovery.inbox()
    assert inbox.ranking == "model" and inbox.total == triage.inbox_count(lib)
    assert inbox.message == "ranked by your interest (3 papers you liked)"
    ids, message = discovery.inbox_order()
    assert ids == [i.id for i in inbox.items] and message == "ranked by your interest (3 liked)"
    quiet = discovery.inbox(limit=4, explain=False)
    assert [i.id for i in quiet.items] == ids[:4] and all(i.why == [] for i in quiet.items)
    assert all(i.score is not None for i in quiet.items)
    assert discovery.ensure_fresh() is None  # nothing changed since
    assert not discovery.stale()


def test_a_tag_on_too_few_papers_says_how_many_it_needs(sample_library):
    lib = sample_library
    lib.add_tags(lib.ids(sort="id")[:1], ["lonely"])
    discovery = Discovery(lib)
    discovery.refresh()
    with pytest.raises(LibraryError) as caught:
        discovery.suggest("Lonely")
    assert str(caught.value) == ("tag 'Lonely' is on 1 paper: tag at least 2 to get suggestions")


def test_related_papers_of_an_unknown_paper_are_none(sample_library):
    discovery = Discovery(sample_library)
    assert discovery.related(1) == []  # no cache yet
    discovery.refresh()
    assert discovery.related(999999) == []
    assert discovery.explain(999999) is None
    first = sample_library.ids(sort="id")[0]
    related = discovery.related(first, 3)
    assert len(related) == 3 and first not in [r.id for r in related]
    scores = [r.score for r in related]
    assert scores == sorted(scores, reverse=True) and scores[-1] > 0
