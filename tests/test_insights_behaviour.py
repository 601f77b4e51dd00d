"""Insights' figures on a small library whose every number is known in advance."""

from readinglist.core import insights
from readinglist.core.discover.triage import set_triage

FILLER = (
    "We describe a careful experiment with several baselines and report what we measured "
    "across many settings, with code and data released for others to check."
)


def write_digest(folder, name, day, papers):
    """papers: [(title, extra abstract words)], one digest dated ``day`` (e.g. May 4)."""
    blocks = "".join(f"{title}\n\n{words} {FILLER}\n\n" for title, words in papers)
    path = folder / name
    path.write_text(f"new\n\n{day}\n\n{blocks}", encoding="utf-8")
    return path


def import_days(library, tmp_path, days):
    paths = [
        write_digest(tmp_path, f"{i}.txt", day, papers) for i, (day, papers) in enumerate(days)
    ]
    report = library.import_files(paths)
    assert not report.errors
    return {library.paper(i).title: i for i in library.ids("", sort="id")}


EARLY = [
    ("Sparse Coding of Natural Images", "holography appears once here"),
    ("Kernel Methods for Tabular Prediction", "kernels"),
    ("Graph Attention for Traffic Forecasting", "graphs"),
    ("Spectral Clustering at Scale", "spectra"),
]
LATE = [
    ("Holographic Memory in Recurrent Networks", "holography with tensor sketches 2024"),
    ("Holography for Associative Recall", "holography with tensor sketches 2024"),
    ("Tensor Holography and Binding", "holography with tensor 2024"),
]


def test_rising_terms_are_exact_shares_of_the_latest_and_the_other_papers(library, tmp_path):
    import_days(library, tmp_path, [("May 1", EARLY[:2]), ("May 2", EARLY[2:]), ("May 3", LATE)])
    dates, rising = insights.rising_terms(library.conn, latest=1)
    assert dates == ["2026-05-03"]
    by_term = {t.term: t for t in rising}
    # In all 3 latest papers, and in 1 of the 4 others.
    holography = by_term["holography"]
    assert (holography.recent, holography.earlier, holography.recent_papers) == (1.0, 0.25, 3)
    assert holography.rise == 0.75
    assert insights.as_dict(holography) == {
        "term": "holography",
        "recent": 1.0,
        "earlier": 0.25,
        "recent_papers": 3,
        "rise": 0.75,
    }
    # "tensor" is in all 3 latest papers and none before: it rose most.
    assert rising[0].term == "tensor" and rising[0].rise == 1.0 and rising[0].earlier == 0.0
    # "sketches" is in only 2 of the latest papers: too few to be a trend.
    assert "sketches" not in by_term
    # Stop words, numbers and words under three letters are never trends.
    assert not {"with", "2024"} & set(by_term)
    # Words found as often before as now did not rise.
    assert "experiment" not in by_term
    # Equal rises are listed alphabetically, the limit keeps the first ones.
    top = [t.term for t in rising]
    ties = [t.term for t in rising if t.rise == 1.0]
    assert ties == sorted(ties) and top[: len(ties)] == ties
    assert [t.term for t in insights.rising_terms(library.conn, latest=1, limit=2)[1]] == top[:2]


def test_by_default_a_quarter_of_the_digest_dates_count_as_recent(library, tmp_path):
    days = [(f"May {d}", [(f"Paper Number {d} On Topic {d}", "words")]) for d in range(1, 9)]
    import_days(library, tmp_path, days)
    assert insights.digest_dates(library.conn) == [f"2026-05-0{d}" for d in range(1, 9)]
    assert insights.rising_terms(library.conn)[0] == ["2026-05-07", "2026-05-08"]
    assert insights.rising_terms(library.conn, latest=3)[0] == [
        "2026-05-06",
        "2026-05-07",
        "2026-05-08",
    ]
    # As many recent dates as there are dates: nothing to compare with.
    assert insights.rising_terms(library.conn, latest=8) == (
        insights.digest_dates(library.conn),
        [],
    )


def test_a_digest_day_counts_its_papers_once_and_what_was_kept_and_read(library, tmp_path):
    ids = import_days(library, tmp_path, [("May 1", EARLY), ("May 2", LATE + EARLY[:1])])
    early = [ids[title] for title, _ in EARLY]
    assert insights.digest_days(library.conn)[0] == insights.DigestDay("2026-05-01", 4, 0, 0)
    library.add_tags(early[:1], ["keep"])  # tagged: kept
    library.set_rating(early[1:2], 2)  # rated at all: kept
    library.set_note(early[2], "a thought")  # noted: kept
    library.set_status(early[2:4], "read")
    assert insights.digest_days(library.conn) == [
        insights.DigestDay("2026-05-01", 4, 3, 2),
        insights.DigestDay("2026-05-02", 4, 1, 0),  # the sparse-coding paper, seen again
    ]
    set_triage(library, [ids[LATE[0][0]]], "keep")
    set_triage(library, [ids[LATE[1][0]]], "skip")
    assert insights.digest_days(library.conn)[1] == insights.DigestDay("2026-05-02", 4, 2, 0)


def test_term_shares_per_day_and_as_json(library, tmp_path):
    import_days(library, tmp_path, [("May 1", EARLY), ("May 3", LATE)])
    points = insights.term_shares(library.conn, "holography")
    assert points == [
        insights.SharePoint("2026-05-01", 1, 4),
        insights.SharePoint("2026-05-03", 3, 3),
    ]
    assert [p.share for p in points] == [0.25, 1.0]
    assert insights.as_dict(insights.SharePoint("2026-05-01", 1, 3)) == {
        "date": "2026-05-01",
        "matching": 1,
        "total": 3,
        "share": 0.3333,
    }
    assert insights.SharePoint("2026-05-01", 0, 0).share == 0.0
    assert [p.matching for p in insights.term_shares(library.conn, "nowhere")] == [0, 0]


def test_reading_weeks_and_reading_before_it_was_dated(library, tmp_path):
    ids = sorted(import_days(library, tmp_path, [("May 1", EARLY)]).values())
    library.set_status(ids[:2], "read")
    library.set_rating(ids[1:4], 5)
    at = {ids[0]: "2026-11-11T10:00:00Z", ids[1]: "2026-11-16T09:00:00Z"}
    for paper, when in at.items():
        library.conn.execute("UPDATE paper_events SET at = ? WHERE paper_id = ?", (when, paper))
    library.conn.execute("UPDATE paper_events SET at = NULL WHERE paper_id = ?", (ids[3],))
    weeks = insights.reading_weeks(library.conn)
    assert weeks[:2] == [insights.Week("2026-11-09", 1, 0), insights.Week("2026-11-16", 1, 1)]
    assert insights.as_dict(weeks[0]) == {"week": "2026-11-09", "read": 1, "rated": 0}
    # Paper 4's rating lost its moment: counted apart, as an older library's are.
    assert insights.undated_reading(library.conn) == (0, 1)
    library.conn.execute("UPDATE paper_events SET at = NULL WHERE paper_id = ?", (ids[0],))
    assert insights.undated_reading(library.conn) == (1, 1)


def test_tag_sizes_break_ties_by_name_whatever_its_case(library, tmp_path):
    ids = sorted(import_days(library, tmp_path, [("May 1", EARLY)]).values())
    library.add_tags(ids[:2], ["beta"])
    library.add_tags(ids[2:4], ["Alpha"])
    library.add_tags(ids[:1], ["gamma"])
    assert insights.tag_sizes(library.conn) == [("Alpha", 2), ("beta", 2), ("gamma", 1)]
    assert insights.tag_sizes(library.conn, limit=2) == [("Alpha", 2), ("beta", 2)]
