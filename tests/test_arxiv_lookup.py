"""Looking papers up against a local server serving recorded arXiv answers."""

import socket

import fake_arxiv
import pytest

from readinglist.core.metadata import store
from readinglist.core.metadata.arxiv import ArxivClient, ArxivError, parse_feed, title_clause
from readinglist.core.metadata.lookup import BATCH, look_up
from readinglist.core.query import parse


@pytest.fixture
def server():
    with fake_arxiv.serving() as fake:
        yield fake


class FakeClock:
    """Time that moves only when the client sleeps, so nothing waits for real."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.sleeps.append(seconds)
        self.now += seconds


def client_for(server, clock=None):
    clock = clock or FakeClock()
    return ArxivClient(server.url, clock=clock, sleep=clock.sleep)


def ids_titled(library, *parts):
    papers = library.search("", with_digests=False)
    return [next(p.id for p in papers if part in p.title) for part in parts]


def test_several_titles_go_in_one_request_and_requests_are_three_seconds_apart(
    sample_library, server
):
    clock = FakeClock()
    report = look_up(sample_library, None, client_for(server, clock))
    total = sample_library.total()
    assert report.done == report.asked == total
    assert len(server.requests) == report.requests == -(-total // BATCH)
    # Every wait brings the gap since the previous request up to 3 s; none before the first.
    assert len(clock.sleeps) == len(server.requests) - 1
    assert all(s == pytest.approx(3.0) for s in clock.sleeps)
    first = server.requests[0]["search_query"][0]
    assert first.count(" OR ") == BATCH - 1


def test_the_sample_library_gets_certain_matches_only(sample_library, server):
    report = look_up(sample_library, None, client_for(server))
    found = store.metadata_for(sample_library, list(report.outcomes))
    unsup, sup, light, gan, policy = ids_titled(
        sample_library,
        "picture of unsupervised learning",
        "picture of supervised learning",
        "Light Schrödinger Bridge",
        "Generative Adversarial Networks",
        "Policy-Guided Diffusion",
    )
    assert found[unsup].arxiv_id == "2211.14067"
    assert found[sup].arxiv_id == "2212.00606"
    assert found[light].arxiv_id == "2310.01174"
    assert found[light].authors == ["Alexander Korotin", "Nikita Gushchin", "Evgeny Burnaev"]
    assert found[light].published == "2023-10-02"
    assert found[light].primary_category == "cs.LG"
    assert found[gan].arxiv_id == "1406.2661"
    assert policy not in found
    assert (
        "no arXiv paper" in report.outcomes[policy][1]
        or "different" in (report.outcomes[policy][1])
    )
    assert report.found == len(found) == 12  # every recorded entry but the two decoys


def test_lookup_resumes_and_again_asks_by_id(sample_library, server):
    client = client_for(server)
    ids = ids_titled(sample_library, "Light Schrödinger Bridge", "Decoupled Weight Decay")
    look_up(sample_library, ids, client)
    assert len(server.requests) == 1
    assert look_up(sample_library, ids, client).asked == 0  # already looked up
    assert len(server.requests) == 1
    again = look_up(sample_library, ids, client, again=True)
    assert again.found == 2
    assert server.requests[-1]["id_list"] == ["2310.01174,1711.05101"]
    record = store.record_of(sample_library, ids[1])
    assert (record.version, record.journal_ref) == (3, "ICLR 2019")


def test_offline_gives_one_sentence_and_loses_nothing(sample_library, server):
    client = client_for(server)
    ids = ids_titled(sample_library, "Light Schrödinger Bridge")
    look_up(sample_library, ids, client)
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/api/query"
    report = look_up(sample_library, None, ArxivClient(closed))
    assert report.done == 0 and report.asked == sample_library.total() - 1
    assert report.error.startswith("arXiv could not be reached (connection refused")
    assert "\n" not in report.summary()
    assert "looked up next time" in report.summary()
    assert store.record_of(sample_library, ids[0]).arxiv_id == "2310.01174"  # kept


def test_a_failing_server_stops_between_batches_and_keeps_what_was_stored(sample_library, server):
    client = client_for(server)
    progress = []

    def fail_after_first(done, total, label):
        progress.append(done)
        if done == BATCH:
            server.fail_with = 503

    report = look_up(sample_library, None, client, progress=fail_after_first)
    assert report.done == BATCH
    assert report.error == f"arXiv answered 503 Service Unavailable ({server.url})"
    assert len(store.checked(sample_library, range(1, 1000))) == BATCH
    server.fail_with = None
    resumed = look_up(sample_library, None, client)
    assert resumed.asked == sample_library.total() - BATCH  # picks up where it stopped


def test_cancel_keeps_finished_batches(sample_library, server):
    client = client_for(server)

    def cancel_after_two(done, total, label):
        if done == 2 * BATCH:
            client.stop.set()

    report = look_up(sample_library, None, client, progress=cancel_after_two)
    assert report.cancelled and report.done == 2 * BATCH
    assert "cancelled" in report.summary()


def test_bad_answers_are_one_sentence_not_a_traceback(sample_library, server):
    server.answer = (fake_arxiv.FIXTURES / "error.xml").read_bytes()
    report = look_up(sample_library, [1], client_for(server))
    assert report.error == "arXiv refused the query: incorrect id format for 1234"
    server.answer = b"<html>rate limited</html"
    report = look_up(sample_library, [1], client_for(server))
    assert report.error.startswith("arXiv's answer is not a valid Atom feed")
    with pytest.raises(ArxivError, match="not a valid Atom"):  # no entity expansion either
        parse_feed(b'<!DOCTYPE x [<!ENTITY a "aaaa">]><feed>&a;</feed>')


def test_the_endpoint_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("READINGLIST_ARXIV_API", "http://127.0.0.1:9/api/query")
    assert ArxivClient().url == "http://127.0.0.1:9/api/query"


def test_title_clauses_use_runs_of_plain_words():
    assert title_clause("e^+ e^- to μ^+ μ^- in the Asymptotically Safe Standard Model") == (
        'ti:"in the Asymptotically Safe Standard"'
    )
    assert title_clause("Sharper Bounds for ell_p Sensitivity Sampling") == (
        'ti:"Sharper Bounds for" AND ti:"Sensitivity Sampling"'
    )
    assert title_clause("Light Schrödinger Bridge") == 'ti:"Light" AND ti:"Bridge"'


def test_search_fields_for_metadata(sample_library, server):
    look_up(sample_library, None, client_for(server))

    def titles(query):
        return sorted(p.title for p in sample_library.search(parse(query), with_digests=False))

    assert titles("author:Agliari") == [
        "Dense Hebbian neural networks: a replica symmetric picture of supervised learning",
        "Dense Hebbian neural networks: a replica symmetric picture of unsupervised learning",
    ]
    assert titles("year:2014") == ["Generative Adversarial Networks"]
    assert titles("year:<2018") == [
        "Decoupled Weight Decay Regularization",
        "Generative Adversarial Networks",
    ]
    assert titles("arxiv:2310.01174") == ["Light Schrödinger Bridge"]
    assert titles("arxiv:2310.01174v1") == ["Light Schrödinger Bridge"]
    assert len(titles("has:arxiv")) == 12
    assert len(titles("-has:arxiv")) == sample_library.total() - 12
