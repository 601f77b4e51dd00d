"""Inbox, triage, interest ranking, tag suggestions and related papers (core and CLI)."""

import json
import subprocess
import sys

import pytest

from readinglist.core.discover import store, triage
from readinglist.core.discover.engine import Discovery
from readinglist.core.library import LibraryError

DENSE_SUPERVISED = (
    "Dense Hebbian neural networks: a replica symmetric picture of supervised learning"
)
DENSE_UNSUPERVISED = (
    "Dense Hebbian neural networks: a replica symmetric picture of unsupervised learning"
)


def id_of(library, title):
    [paper_id] = [p.id for p in library.search(f'title:"{title}"') if p.title == title]
    return paper_id


def test_triage_moves_papers_out_of_the_inbox_and_undo_puts_them_back(sample_library):
    lib = sample_library
    total = lib.total()
    first, second, third = lib.ids(sort="id")[:3]
    assert triage.inbox_count(lib) == total
    changed = triage.set_triage(lib, [first, second], "keep")
    assert changed == {first: None, second: None}
    triage.set_triage(lib, [third], "skip")
    assert triage.inbox_count(lib) == total - 3
    assert set(lib.ids("is:kept")) == {first, second}
    assert lib.ids("is:skipped") == [third]
    assert third not in lib.ids("is:inbox") and first not in lib.ids("is:inbox")
    # Changing a decision reports the one it replaced; restoring it is the undo.
    previous = triage.set_triage(lib, [second, third], "later")
    assert previous == {second: "keep", third: "skip"}
    assert set(lib.ids("is:later")) == {second, third}
    triage.restore_triage(lib, previous)
    assert lib.ids("is:skipped") == [third] and set(lib.ids("is:kept")) == {first, second}
    triage.restore_triage(lib, changed)
    assert set(lib.ids("is:kept")) == set()
    # A skipped paper is still found by a search.
    title = lib.paper(third).title
    assert third in lib.ids(f'title:"{title}"')


def test_triage_refuses_unknown_papers_and_words(sample_library):
    with pytest.raises(LibraryError, match="no paper with id 999999"):
        triage.set_triage(sample_library, [999999], "keep")
    with pytest.raises(LibraryError, match="keep, skip, later"):
        triage.set_triage(sample_library, [1], "maybe")
    assert triage.inbox_count(sample_library) == sample_library.total()


def test_a_new_library_says_it_ranks_trending_first(sample_library):
    inbox = Discovery(sample_library)
    inbox.refresh()
    result = inbox.inbox(5)
    assert result.ranking == "trending"
    assert "not enough signals yet" in result.message
    seen = [sample_library.paper(r.id).seen for r in result.items]
    assert seen == sorted(seen, reverse=True) and seen[0] == 3
    assert result.items[0].why == ["seen in 3 digests"]


def test_the_two_dense_hebbian_papers_are_each_others_nearest(sample_library):
    discovery = Discovery(sample_library)
    discovery.refresh()
    supervised = id_of(sample_library, DENSE_SUPERVISED)
    unsupervised = id_of(sample_library, DENSE_UNSUPERVISED)
    assert discovery.related(supervised, 5)[0].id == unsupervised
    assert discovery.related(unsupervised, 5)[0].id == supervised
    assert len(discovery.related(supervised, 5)) == 5


def test_interest_ranks_liked_topics_first_and_says_why(sample_library):
    lib = sample_library
    quantum = lib.ids("title:quantum", sort="id")
    triage.set_triage(lib, quantum[:6], "keep")
    discovery = Discovery(lib)
    discovery.refresh()
    inbox = discovery.inbox(10)
    assert inbox.ranking == "model"
    assert quantum[0] not in [r.id for r in inbox.items]  # triaged papers leave the inbox
    scores = [r.score for r in inbox.items]
    assert scores == sorted(scores, reverse=True)
    assert len(set(quantum[6:]) & {r.id for r in inbox.items}) >= 5
    assert any("quantum" in word for word in inbox.items[0].why)
    explained = discovery.explain(inbox.items[0].id)
    assert explained.why == inbox.items[0].why


def test_suggestions_never_list_papers_that_carry_the_tag(sample_library):
    lib = sample_library
    diffusion = lib.ids("title:diffusion", sort="id")
    lib.add_tags(diffusion[:6], ["gen"])
    discovery = Discovery(lib)
    discovery.refresh()
    suggested = [r.id for r in discovery.suggest("GEN", 50)]
    assert suggested and not set(suggested) & set(diffusion[:6])
    # Tagged after the build: left out at once, before any rebuild.
    lib.add_tags([suggested[0]], ["gen"])
    assert suggested[0] not in [r.id for r in discovery.suggest("gen", 50)]
    with pytest.raises(LibraryError, match="no paper carries the tag 'nothing'"):
        discovery.suggest("nothing")


QUANTUM_ABSTRACT = (
    "We study quantum annealers that store sparse codes, and show that the annealing "
    "schedule decides how many codes a quantum device can recall."
)


def digest_of(tmp_path, name, title, abstract):
    path = tmp_path / name
    path.write_text(f"new\n\nMay 9\n\n{title}\n\n{abstract}\n", encoding="utf-8")
    return path


def test_the_cache_follows_new_papers_and_signals(sample_library, tmp_path):
    lib = sample_library
    discovery = Discovery(lib)
    assert discovery.stale()
    assert discovery.refresh().features == "refit"
    assert not discovery.stale() and not discovery.refresh().changed
    triage.set_triage(lib, lib.ids("title:quantum", sort="id")[:4], "keep")
    assert discovery.stale()
    report = discovery.refresh()
    assert (report.features, report.ranking) == ("unchanged", "model")  # signals only

    # A new paper: appended beside the base and ranked with the models as they are.
    supervised = id_of(lib, DENSE_SUPERVISED)
    lib.import_files(
        [digest_of(tmp_path, "a.txt", "Hebbian replicas again", lib.paper(supervised).abstract)]
    )
    assert discovery.stale()
    assert discovery.refresh().features == "extended by 1"
    [new_id] = lib.ids("title:replicas")
    assert discovery.related(new_id, 1)[0].id == supervised
    assert new_id in [r.id for r in discovery.related(supervised, 2)]  # base finds the delta
    [ranked] = [r for r in discovery.inbox().items if r.id == new_id]
    assert ranked.score is not None

    # New papers and new signals at once: the delta grows, the models are retrained.
    report = lib.import_files(
        [digest_of(tmp_path, "b.txt", "Quantum annealers for sparse codes", QUANTUM_ABSTRACT)]
    )
    assert report.added == 1
    triage.set_triage(lib, [new_id], "skip")
    report = discovery.refresh()
    assert (report.features, report.ranking) == ("extended by 1", "model")
    assert discovery.meta["delta_rows"] == 2
    assert new_id not in [r.id for r in discovery.inbox().items]
    assert discovery.related(new_id, 1)[0].id == supervised

    assert discovery.refresh(force=True).features == "refit"  # merges everything into the base
    assert discovery.meta["delta_rows"] == 0
    assert discovery.related(new_id, 1)[0].id == supervised
    assert len(list(store.cache_dir(lib.path).glob("g*"))) == 1  # old generations removed


# -- the command line ------------------------------------------------------------


@pytest.fixture
def run(run, samples):
    """conftest's run on the samples."""
    assert run("import", str(samples)).returncode == 0
    return run


def test_cli_triage_inbox_suggest_related(run):
    found = json.loads(run("search", "--json", "dense", "hebbian").stdout)
    a, b = sorted(p["id"] for p in found)
    done = run("triage", str(a), str(b), "keep")
    assert done.returncode == 0, done.stderr
    assert "2 papers kept; 312 in the inbox" in done.stdout
    inbox = run("inbox", "--json", "--limit", "3")
    assert inbox.returncode == 0, inbox.stderr
    rows = json.loads(inbox.stdout)
    assert len(rows) == 3 and set(rows[0]) == {"id", "title", "score", "why"}
    assert "not enough signals yet: trending first" in inbox.stderr
    assert a not in [r["id"] for r in rows]

    related = json.loads(run("related", str(a), "--json").stdout)
    assert related[0]["id"] == b and set(related[0]) == {"id", "title", "score"}
    assert len(related) == 5

    for paper_id in (a, b):
        run("tag", str(paper_id), "hebbian")
    suggested = run("suggest", "--tag", "hebbian", "--json", "--limit", "4")
    assert suggested.returncode == 0, suggested.stderr
    rows = json.loads(suggested.stdout)
    assert len(rows) == 4 and not {a, b} & {r["id"] for r in rows}
    assert set(rows[0]) == {"id", "title", "score", "why"}

    back = run("triage", str(a), "untriage")
    assert "1 paper back in the inbox" in back.stdout


def test_cli_bad_input_is_a_sentence(run):
    for args, message in [
        (("triage", "5", "maybe"), "usage: readinglist triage ID... keep|skip|later|untriage"),
        (("triage", "999999", "keep"), "no paper with id 999999"),
        (("related", "999999"), "no paper with id 999999"),
        (("suggest", "--tag", "none-such"), "no paper carries the tag"),
    ]:
        result = run(*args)
        assert result.returncode == 1
        assert message in result.stderr and "Traceback" not in result.stderr


def test_starting_the_cli_does_not_import_scikit_learn():
    code = (
        "import sys, readinglist.cli, readinglist.core.discover.engine;"
        "print(sorted(m for m in ('sklearn', 'scipy', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr
