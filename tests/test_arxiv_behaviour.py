"""What the arXiv client asks and how it reads the answer, without the network."""

import pytest

from readinglist.core.metadata import arxiv
from readinglist.core.metadata.arxiv import ArxivClient, ArxivError, parse_feed, title_clause

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <entry>
    <id>http://arxiv.org/abs/2305.12345v3</id>
    <updated>2023-06-01T10:00:00Z</updated>
    <published>2023-05-19T17:59:59Z</published>
    <title>Light Schr\\"odinger
      Bridge</title>
    <summary>  We   study
      bridges. </summary>
    <author><name>Alexander  Korotin</name></author>
    <author><name>Nikita Gushchin</name></author>
    <arxiv:doi> 10.1/xyz </arxiv:doi>
    <arxiv:journal_ref>ICLR   2024</arxiv:journal_ref>
    <arxiv:primary_category term="cs.LG" scheme="http://arxiv.org/schemas/atom"/>
  </entry>
  <entry>
    <id>http://arxiv.org/abs/hep-th/9901001</id>
    <title>Old</title>
  </entry>
  <entry><id>http://example.org/not-arxiv</id></entry>
</feed>"""


def test_a_feed_becomes_records_with_versions_and_flat_text():
    first, old = parse_feed(FEED)
    assert first == arxiv.ArxivRecord(
        arxiv_id="2305.12345",
        version=3,
        title='Light Schr\\"odinger Bridge',
        abstract="We study bridges.",
        authors=["Alexander Korotin", "Nikita Gushchin"],
        published="2023-05-19",
        updated="2023-06-01",
        primary_category="cs.LG",
        doi="10.1/xyz",
        journal_ref="ICLR 2024",
    )
    assert old == arxiv.ArxivRecord("hep-th/9901001", "Old", version=1)


def test_a_category_without_its_term_is_empty_text():
    body = (
        b'<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">'
        b"<entry><id>http://arxiv.org/abs/2301.00001v1</id><title>T</title>"
        b"<arxiv:primary_category/></entry></feed>"
    )
    assert parse_feed(body)[0].primary_category == ""


def test_answers_that_are_not_a_feed_say_so():
    with pytest.raises(ArxivError, match=r"^arXiv's answer is not an Atom feed \(arXiv\)$"):
        parse_feed(b"<html/>")
    with pytest.raises(ArxivError, match=r"^arXiv's answer is not a valid Atom feed \(.*; src\)$"):
        parse_feed(b"<feed", "src")
    with pytest.raises(ArxivError, match=r"^arXiv's answer is not an Atom feed \(src\)$"):
        parse_feed(b"<html/>", "src")
    error = (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>'
        b"<id>http://arxiv.org/api/errors#bad</id><summary>malformed id</summary></entry></feed>"
    )
    with pytest.raises(ArxivError, match=r"^arXiv refused the query: malformed id$"):
        parse_feed(error)


@pytest.mark.parametrize(
    ("title", "clause"),
    [
        (
            "Dense Hebbian neural networks: a replica symmetric picture of supervised learning",
            'ti:"Dense Hebbian neural networks" AND ti:"a replica symmetric picture of"',
        ),
        ('Light Schr\\"odinger Bridge', 'ti:"Light" AND ti:"Bridge"'),
        ("GPT-4V(ision) for Robots, Really?", 'ti:"for Robots" AND ti:"Really"'),
        ("Is $\\alpha$ all you need", 'ti:"all you need"'),
        ("An ok title with many plain words here", 'ti:"An ok title with many"'),
        ("One: two: three: four: five: six", 'ti:"three" AND ti:"four" AND ti:"five"'),
        (
            "Alpha: Beta Gamma, Delta Epsilon; Zeta Eta. Theta Iota",
            'ti:"Alpha" AND ti:"Beta Gamma" AND ti:"Delta Epsilon"',
        ),
        ("$x$", ""),
    ],
)
def test_a_title_becomes_up_to_three_phrases_of_plain_words(title, clause):
    assert title_clause(title) == clause


class Clock:
    def __init__(self):
        self.now, self.slept = 100.0, []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_requests_wait_the_interval_and_failures_are_one_sentence(monkeypatch):
    clock = Clock()
    client = ArxivClient(
        "http://127.0.0.1:9/api?x=1", min_interval=3, clock=clock, sleep=clock.sleep, timeout=7
    )
    asked = []

    def refuse(request, timeout):
        asked.append((request.full_url, request.get_header("User-agent"), timeout))
        raise OSError(111, "Connection refused")

    monkeypatch.setattr(arxiv.urllib.request, "urlopen", refuse)
    with pytest.raises(ArxivError) as caught:
        client.by_ids(["2305.12345", "2301.00001"])
    assert str(caught.value) == (
        "arXiv could not be reached (connection refused; http://127.0.0.1:9/api?x=1)"
    )
    url, agent, timeout = asked[0]
    assert url == "http://127.0.0.1:9/api?x=1&id_list=2305.12345%2C2301.00001&max_results=2"
    assert agent.startswith("readinglist/") and timeout == 7
    clock.now += 1
    with pytest.raises(ArxivError):
        client.by_titles(["Graph Neural Networks", "Sparse Codes"])
    assert clock.slept == [2.0] and client.requests == 2
    assert asked[1][0].endswith(
        "?x=1&search_query=%28ti%3A%22Graph+Neural+Networks%22%29+OR+%28ti%3A%22Sparse+Codes"
        "%22%29&max_results=10"
    )
    assert client.by_titles(["$x$"]) == [] and client.requests == 2  # nothing to ask

    def silent(request, timeout):
        raise TimeoutError

    monkeypatch.setattr(arxiv.urllib.request, "urlopen", silent)
    with pytest.raises(ArxivError, match=r"^arXiv did not answer within 7 s \(http://127"):
        client.by_ids(["1"])
    client.stop.set()
    with pytest.raises(arxiv.ArxivCancelled):
        client.by_ids(["1"])


def test_the_endpoint_is_the_default_unless_set(monkeypatch):
    monkeypatch.delenv(arxiv.API_ENV, raising=False)
    assert ArxivClient().url == "https://export.arxiv.org/api/query"
    assert ArxivClient().timeout == 30.0 and ArxivClient().min_interval == 3.0
    monkeypatch.setenv(arxiv.API_ENV, "http://mirror/q")
    assert ArxivClient().url == "http://mirror/q"
