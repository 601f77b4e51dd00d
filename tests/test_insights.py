"""Insights' figures (core, no Qt): digests, reading over time, tags, topic trends, CLI."""

import json
import sqlite3

from readinglist.cli import main
from readinglist.core import insights, schema
from readinglist.core.discover.triage import set_triage
from readinglist.core.library import Library


def week_of(conn, when: str) -> str:
    return conn.execute("SELECT date(?, 'weekday 0', '-6 days')", (when,)).fetchone()[0]


def test_papers_per_digest_date_with_kept_and_read(sample_library):
    lib = sample_library
    days = insights.digest_days(lib.conn)
    assert [d.date for d in days] == sorted(d.date for d in days)
    first = days[0]
    ids = [
        row[0]
        for row in lib.conn.execute(
            "SELECT DISTINCT s.paper_id FROM sightings s JOIN digests d ON d.id = s.digest_id"
            " WHERE coalesce(d.date, substr(d.imported, 1, 10)) = ? ORDER BY 1",
            (first.date,),
        )
    ]
    assert first.papers == len(ids) and first.kept == first.read == 0
    lib.add_tags(ids[:2], ["keep"])
    lib.set_rating(ids[2:3], 3)
    lib.set_status(ids[:1] + ids[3:4], "read")
    set_triage(lib, ids[4:6], "keep")
    set_triage(lib, ids[6:7], "skip")
    again = insights.digest_days(lib.conn)[0]
    assert (again.papers, again.kept, again.read) == (len(ids), 5, 2)


def test_reading_is_counted_in_the_week_it_happened_and_undo_takes_it_back(sample_library):
    lib = sample_library
    assert insights.reading_weeks(lib.conn) == []
    lib.set_status([1, 2], "read")
    lib.set_rating([2], 5)
    now = lib.conn.execute("SELECT datetime('now')").fetchone()[0]
    assert insights.reading_weeks(lib.conn) == [insights.Week(week_of(lib.conn, now), 2, 1)]
    lib.set_status([2], "unread")  # as Ctrl+Z does
    lib.set_rating([2], 0)
    assert insights.reading_weeks(lib.conn) == [insights.Week(week_of(lib.conn, now), 1, 0)]


def test_weeks_start_on_monday_and_the_latest_marking_counts(sample_library):
    lib = sample_library
    lib.set_status([1, 2, 3], "read")
    moments = {1: "2026-11-02T10:00:00Z", 2: "2026-11-08T23:00:00Z", 3: "2026-11-09T08:00:00Z"}
    for paper, at in moments.items():
        lib.conn.execute("UPDATE paper_events SET at = ? WHERE paper_id = ?", (at, paper))
    lib.conn.execute(  # paper 3 was read once before, in October: only the latest counts
        "INSERT INTO paper_events(paper_id, kind, at) VALUES (3, 'read', '2026-10-01T08:00:00Z')"
    )
    assert insights.reading_weeks(lib.conn) == [
        insights.Week("2026-11-02", 2, 0),  # Monday 2 to Sunday 8 November
        insights.Week("2026-11-09", 1, 0),
    ]


def test_an_older_library_keeps_its_reading_undated(tmp_path, samples):
    path = tmp_path / "old.sqlite"
    with Library(path) as old:
        old.import_files([samples])
        # As a version before the reading events left it: no events, reading marked.
        for trigger in ("read", "rated", "read_new", "rated_new"):
            old.conn.execute(f"DROP TRIGGER paper_events_{trigger}")
        old.conn.execute("DROP TABLE paper_events")
        old.conn.execute("UPDATE papers SET status = 'read' WHERE id IN (1, 2)")
        old.conn.execute("UPDATE papers SET rating = 4 WHERE id = 3")
        before = schema.MIGRATIONS.index(schema._READING_EVENTS)  # later ones run again
        old.conn.execute(f"PRAGMA user_version = {before}")
    with Library(path) as lib:
        assert insights.undated_reading(lib.conn) == (2, 1)
        assert insights.reading_weeks(lib.conn) == []
        lib.set_status([5], "read")
        assert insights.undated_reading(lib.conn) == (2, 1)
        assert sum(w.read for w in insights.reading_weeks(lib.conn)) == 1


def test_tags_by_size_largest_first(sample_library):
    sample_library.add_tags([1, 2, 3], ["theory"])
    sample_library.add_tags([1], ["zebra"])
    sample_library.add_tags([4, 5], ["applied"])
    assert insights.tag_sizes(sample_library.conn) == [("theory", 3), ("applied", 2), ("zebra", 1)]
    assert insights.tag_sizes(sample_library.conn, limit=1) == [("theory", 3)]


def test_a_terms_share_of_each_digest_is_what_the_search_finds(sample_library):
    lib = sample_library
    points = insights.term_shares(lib.conn, "diffusion")
    days = insights.digest_days(lib.conn)
    assert [(p.date, p.total) for p in points] == [(d.date, d.papers) for d in days]
    assert sum(p.matching for p in points) >= lib.count("diffusion")
    assert all(0 < p.share < 1 for p in points if p.matching)
    lib.add_tags([1], ["mine"])
    tagged = insights.term_shares(lib.conn, "tag:mine")
    assert sum(p.matching for p in tagged) == lib.paper(1).seen


def test_rising_terms_are_those_concentrated_in_the_latest_digests(sample_library):
    dates, rising = insights.rising_terms(sample_library.conn, latest=1)
    assert dates == insights.digest_dates(sample_library.conn)[-1:]
    assert rising and all(t.recent > t.earlier for t in rising)
    assert [t.rise for t in rising] == sorted((t.rise for t in rising), reverse=True)
    terms = {t.term for t in rising}
    assert not terms & insights.STOP_WORDS
    top = rising[0]
    latest = insights.term_shares(sample_library.conn, f'"{top.term}"')[-1]
    assert abs(latest.share - top.recent) < 0.01  # the same word the search would find
    assert not sample_library.conn.execute(  # its scratch index is gone again
        "SELECT count(*) FROM temp.sqlite_master"
    ).fetchone()[0]


def test_one_digest_date_has_no_trend(library, samples):
    library.import_files([samples / "000_51ae902ca77ec354.txt"])
    assert insights.rising_terms(library.conn)[1] == []


def test_trends_cli_prints_json_for_a_term_and_for_the_rising_terms(sample_library, capsys):
    path = str(sample_library.path)
    assert main(["--db", path, "trends", "diffusion", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["term"] == "diffusion"
    assert {"date", "matching", "total", "share"} <= set(out["digests"][0])
    assert main(["--db", path, "trends", "--json", "--latest", "1", "--limit", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["latest"]) == 1 and len(out["rising"]) == 3
    assert out["rising"][0]["rise"] > 0
    assert main(["--db", path, "trends", "ratng:4"]) == 1
    assert "did you mean rating:" in capsys.readouterr().err


def test_the_migration_records_nothing_for_papers_never_read(sample_library):
    conn: sqlite3.Connection = sample_library.conn
    assert conn.execute("SELECT count(*) FROM paper_events").fetchone()[0] == 0
