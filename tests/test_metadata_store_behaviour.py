"""arXiv metadata in the library: what a look-up stores, resumes and says, and the search fields."""

import pytest

from readinglist.core.metadata import lookup, store
from readinglist.core.metadata.arxiv import ArxivCancelled, ArxivError
from readinglist.core.metadata.records import ArxivRecord
from readinglist.core.query import QueryError


class FakeArxiv:
    """Answers every title with the paper's own entry, or fails on the nth request."""

    def __init__(self, library, fail_at=None, error=None):
        self.library, self.fail_at = library, fail_at
        self.error = error or ArxivError("arXiv did not answer")
        self.requests = 0
        self.asked: list[list[str]] = []

    def _answer(self, asked):
        self.requests += 1
        self.asked.append(list(asked))
        if self.fail_at == self.requests:
            raise self.error

    def by_titles(self, titles):
        self._answer(titles)
        if not hasattr(self, "_by_title"):
            papers = self.library.papers(self.library.ids(sort="id"), with_digests=False)
            self._by_title = {p.title: p for p in papers}
        by_title = self._by_title
        return [
            ArxivRecord(f"2401.{by_title[t].id:05d}", t, abstract=by_title[t].abstract)
            for t in titles
            if by_title[t].id % 2
        ]

    def by_ids(self, ids):
        self._answer(ids)
        found = []
        for arxiv_id in ids:
            paper = self.library.paper(int(arxiv_id.split(".")[1]))
            found.append(ArxivRecord(arxiv_id, paper.title, abstract=paper.abstract, version=2))
            # arXiv's answer may hold other entries too: each paper takes only its own.
            found.append(ArxivRecord(arxiv_id + "9", paper.title, abstract=paper.abstract))
        return found


def test_a_look_up_stores_what_it_found_and_remembers_every_paper(sample_library):
    lib = sample_library
    ids = lib.ids(sort="id")[:12]
    client = FakeArxiv(lib)
    seen = []
    report = lookup.look_up(lib, ids, client, progress=lambda *a: seen.append(a))
    odd = [i for i in ids if i % 2]
    assert (report.asked, report.done, report.found, report.left) == (12, 12, len(odd), 0)
    assert [len(batch) for batch in client.asked] == [10, 2] and report.requests == 2
    assert seen[0] == (0, 12, lib.paper(ids[0]).title)
    assert seen[1] == (10, 12, lib.paper(ids[10]).title) and seen[-1] == (12, 12, "")
    assert report.summary() == (
        f"Looked up 12 of 12 papers on arXiv: {len(odd)} found, {12 - len(odd)} not found."
    )
    assert set(store.metadata_for(lib, ids)) == set(odd)
    assert store.record_of(lib, odd[0]).arxiv_id == f"2401.{odd[0]:05d}"
    assert store.record_of(lib, ids[1] if ids[1] % 2 == 0 else ids[0] + 1) is None
    assert store.counts(lib) == {"with_arxiv": len(odd), "looked_up": 12}
    reasons = store.lookup_reasons(lib, ids + [999999])
    assert set(reasons) == set(ids)
    assert all(reasons[i][0] is (i in odd) for i in ids)
    assert all(isinstance(reasons[i][1], str) and reasons[i][1] for i in ids)
    assert report.outcomes == reasons
    # Nothing is asked twice, unless asked again.
    assert store.still_to_look_up(lib, ids) == []
    assert store.checked(lib, ids + [999999]) == set(ids)
    nothing = lookup.look_up(lib, ids, FakeArxiv(lib))
    assert nothing.asked == 0 and nothing.summary() == (
        "Nothing to look up: every paper asked for was looked up before (use again)."
    )
    assert store.still_to_look_up(lib, [ids[3], ids[0], ids[3], 999999], again=True) == [
        ids[3],
        ids[0],
    ]
    rest = store.still_to_look_up(lib, None)
    assert rest == [i for i in lib.ids(sort="id") if i not in ids]
    assert store.still_to_look_up(lib, None, again=True) == lib.ids(sort="id")


def test_looking_up_again_asks_by_arxiv_id_for_papers_already_matched(sample_library):
    lib = sample_library
    ids = lib.ids(sort="id")[:4]
    lookup.look_up(lib, ids, FakeArxiv(lib))
    client = FakeArxiv(lib)
    report = lookup.look_up(lib, ids, client, again=True)
    odd = [i for i in ids if i % 2]
    assert client.asked[0] == [f"2401.{i:05d}" for i in odd]  # by id first
    assert client.asked[1] == [lib.paper(i).title for i in ids if i not in odd]
    assert report.found == len(odd)
    assert all(store.record_of(lib, i).version == 2 for i in odd)


def test_papers_already_matched_are_asked_for_fifty_ids_at_a_time(sample_library):
    lib = sample_library
    ids = lib.ids(sort="id")[:110]
    lookup.look_up(lib, ids, FakeArxiv(lib))
    odd = [i for i in ids if i % 2]
    client = FakeArxiv(lib)
    lookup.look_up(lib, ids, client, again=True)
    assert [len(asked) for asked in client.asked[:2]] == [50, len(odd) - 50]
    assert client.asked[0] + client.asked[1] == [f"2401.{i:05d}" for i in odd]


def test_a_failed_or_cancelled_look_up_keeps_what_it_stored(sample_library):
    lib = sample_library
    ids = lib.ids(sort="id")[:15]
    failed = lookup.look_up(lib, ids, FakeArxiv(lib, fail_at=2))
    assert (failed.done, failed.left, failed.error) == (10, 5, "arXiv did not answer")
    found = failed.found
    assert failed.summary() == (
        f"Looked up 10 of 15 papers on arXiv: {found} found, {10 - found} not found. "
        "arXiv did not answer; nothing was lost, the 5 left are looked up next time."
    )
    assert store.still_to_look_up(lib, ids) == ids[10:]
    none = lookup.look_up(lib, ids[10:], FakeArxiv(lib, fail_at=1, error=ArxivCancelled()))
    assert none.cancelled and none.summary() == (
        "Looked up none of 5 papers on arXiv; cancelled, 5 left for the next look-up."
    )
    broken = lookup.look_up(lib, ids[10:], FakeArxiv(lib, fail_at=1))
    assert broken.summary() == (
        "Looked up none of 5 papers on arXiv. arXiv did not answer; nothing was lost, "
        "the 5 left are looked up next time."
    )


def test_attach_by_hand_replaces_the_record_and_a_miss_removes_it(sample_library):
    lib = sample_library
    paper = lib.ids(sort="id")[0]
    record = ArxivRecord("2305.00001", "T", authors=["Ada Lovelace"], published="2023-05-01")
    lookup.attach(lib, paper, record)
    assert store.record_of(lib, paper) == record
    assert store.lookup_reasons(lib, [paper]) == {paper: (True, "set by hand")}
    store.save_outcomes(lib, [(paper, None, "no entry"), (999999, record, "gone")])
    assert store.record_of(lib, paper) is None
    assert store.lookup_reasons(lib, [paper, 999999]) == {paper: (False, "no entry")}
    when = lib.conn.execute("SELECT checked FROM arxiv_lookups").fetchone()[0]
    assert when.startswith("2026-11-23T") and when.endswith("+00:00")


@pytest.fixture
def described(sample_library):
    lib = sample_library
    a, b, c = lib.ids(sort="id")[:3]
    lookup.attach(
        lib, a, ArxivRecord("2310.01174", "A", authors=["Yann Le Cun"], published="2023-10-02")
    )
    lookup.attach(
        lib, b, ArxivRecord("2310.0117", "B", authors=["A 50%_off Name"], published="2019-01-01")
    )
    lookup.attach(lib, c, ArxivRecord("hep-th/9901001", "C", authors=["X Y"], published=""))
    return lib, a, b, c


def test_author_year_and_arxiv_fields_find_looked_up_papers(described):
    lib, a, b, c = described
    assert lib.ids('author:"le cun"') == [a]
    assert lib.ids('author:"50%_"') == [b]
    assert lib.ids("author:5_%") == []  # % and _ are letters here, not wildcards
    assert lib.ids("year:2023") == [a]
    assert sorted(lib.ids("year:>=2019")) == [a, b]
    assert lib.ids("year:<2000") == []  # an unknown date is in no year
    assert lib.ids("arxiv:2310.01174") == [a]
    assert lib.ids("arxiv:arXiv:2310.01174v3") == [a]
    assert sorted(lib.ids("arxiv:2310")) == sorted([a, b])
    assert lib.ids("arxiv:hep-th/9901001v2") == [c]


@pytest.mark.parametrize(
    ("text", "message", "position"),
    [
        ("graph author:--", 'author: needs a name, like author:Bengio or author:"Le Cun"', 6),
        (
            "year:soon",
            "expected a number with an optional >, >=, < or <=, like year:2023 or year:>=2020",
            0,
        ),
        ('x arxiv:" "', "arxiv: needs an id, like arxiv:2310.01174 or arxiv:2310", 2),
    ],
)
def test_a_bad_metadata_field_says_what_it_needs_and_where(described, text, message, position):
    lib = described[0]
    with pytest.raises(QueryError) as caught:
        lib.ids(text)
    assert (caught.value.message, caught.value.position) == (message, position)
