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
    # Asked for every paper: only those sharing a word, never one with nothing in common.
    everything = discovery.related(first, sample_library.total())
    assert 3 < len(everything) < sample_library.total() - 1
    assert all(r.score > 0 for r in everything)


def digest_of(tmp_path, name, papers):
    blocks = "".join(f"{title}\n\n{abstract}\n\n" for title, abstract in papers)
    path = tmp_path / name
    path.write_text(f"new\n\nMay 9\n\n{blocks}", encoding="utf-8")
    return path


def test_new_papers_are_scored_and_suggested_with_the_models_as_they_are(sample_library, tmp_path):
    lib = sample_library
    diffusion = lib.ids("title:diffusion", sort="id")
    lib.add_tags(diffusion[:6], ["gen"])
    triage.set_triage(lib, diffusion[6:9], "keep")
    discovery = Discovery(lib)
    assert discovery.refresh().ranking == "model"
    assert len(discovery.suggest("gen", 500)) == 200  # the 200 best are kept per tag
    assert len(discovery.suggest("gen")) == 20  # twenty unless asked for more
    abstract = lib.paper(diffusion[0]).abstract
    lib.import_files([digest_of(tmp_path, "new.txt", [("Diffusion Models Again", abstract)])])
    [new_id] = lib.ids('title:"diffusion models again"')
    # Before the refresh the new paper is first in the inbox, not yet ranked.
    first = discovery.inbox(limit=1).items[0]
    assert (first.id, first.score, first.why) == (new_id, None, ["new: not ranked yet"])
    assert discovery.inbox().message == (
        "ranked by your interest; new papers are ranked at the next refresh"
    )
    report = discovery.refresh()
    assert (report.features, report.ranking, report.tags) == ("extended by 1", "model", 1)
    assert report.positives == 9
    suggested = {r.id: r for r in discovery.suggest("gen", 200)}
    assert new_id in suggested and suggested[new_id].why
    assert all(isinstance(w, str) for r in suggested.values() for w in r.why)
    assert discovery.inbox().message == "ranked by your interest (9 papers you liked)"
    # A paper skipped in triage is never suggested, whatever its score.
    triage.set_triage(lib, [new_id], "skip")
    assert new_id not in [r.id for r in discovery.suggest("gen", 200)]


def test_many_new_papers_extend_the_features_and_keep_the_models(sample_library, tmp_path):
    lib = sample_library
    quantum = lib.ids("title:quantum", sort="id")
    triage.set_triage(lib, quantum[:4], "keep")
    discovery = Discovery(lib)
    discovery.refresh()
    abstract = lib.paper(quantum[0]).abstract
    papers = [(f"Quantum Circuits Study Number {n}", abstract) for n in range(40)]
    lib.import_files([digest_of(tmp_path, "many.txt", papers)])
    report = discovery.refresh()
    assert (report.features, report.ranking, report.positives) == ("extended by 40", "model", 4)
    inbox = discovery.inbox()
    assert inbox.message == "ranked by your interest (4 papers you liked)"
    assert all(item.score is not None for item in inbox.items)
