"""The library as numbers for pictures: digests, reading over time, tags, topic trends.

Every figure is one aggregate query in SQLite; nothing loads the library into
Python. A digest's date is its own date line, or the day it was imported when it
has none. "Kept" means kept in triage, or tagged, rated or noted (what the default
export keeps).
Reading over time counts the papers that are read (rated) now, by the week they
were last marked read (rated): undoing a "read" takes it off the chart again.

Topic trends use the same words as the search: a term's share of a digest is
the share of that digest's papers the search for the term finds, and the terms
rising most come from a small full-text index of the latest digests' papers,
compared with the library's own index, so any term shown can be searched.
"""

from __future__ import annotations

import sqlite3
from dataclasses import asdict, dataclass

from readinglist.core.query import Query, parse

DIGEST_DAY = "coalesce(d.date, substr(d.imported, 1, 10))"
KEPT = (
    "(p.tag_list != '' OR p.rating > 0 OR p.note != ''"
    " OR EXISTS (SELECT 1 FROM triage k WHERE k.paper_id = p.id AND k.decision = 'keep'))"
)
MIN_RECENT_PAPERS = 3  # a term in fewer of the latest digests' papers is not a trend
STOP_WORDS = frozenset(
    """a about above after again against all also an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    few for from further had has have having here how however i if in into is it its
    itself just more most much no nor not now of off on once only or other our out over
    own same she should so some such than that the their them then there these they this
    those through to too under until up very via was we were what when where which while
    who whom why will with within without would you your yet one two three new using use
    used based show shows shown paper propose proposed approach method methods results
    work study learning model models data""".split()  # noqa: SIM905 (reads better)
)


@dataclass(frozen=True)
class DigestDay:
    date: str
    papers: int
    kept: int
    read: int


@dataclass(frozen=True)
class Week:
    week: str  # the Monday, YYYY-MM-DD
    read: int
    rated: int


@dataclass(frozen=True)
class SharePoint:
    date: str
    matching: int
    total: int

    @property
    def share(self) -> float:
        return self.matching / self.total if self.total else 0.0


@dataclass(frozen=True)
class RisingTerm:
    term: str
    recent: float  # share of the latest digests' papers with the term
    earlier: float  # share of the other papers
    recent_papers: int

    @property
    def rise(self) -> float:
        return self.recent - self.earlier


def as_dict(item: DigestDay | Week | SharePoint | RisingTerm) -> dict:
    """A JSON-ready dict, computed properties included."""
    out = asdict(item)
    for name in ("share", "rise"):
        if hasattr(item, name):
            out[name] = round(getattr(item, name), 4)
    return out


def digest_days(conn: sqlite3.Connection) -> list[DigestDay]:
    """Papers per digest date, and how many of them are kept and read, oldest first."""
    rows = conn.execute(
        f"""
        SELECT day, count(*), sum({KEPT}), sum(p.status = 'read')
        FROM (SELECT DISTINCT {DIGEST_DAY} AS day, s.paper_id
              FROM sightings s JOIN digests d ON d.id = s.digest_id) AS seen
        JOIN papers p ON p.id = seen.paper_id
        GROUP BY day ORDER BY day
        """
    ).fetchall()
    return [DigestDay(day, papers, kept or 0, read or 0) for day, papers, kept, read in rows]


def reading_weeks(conn: sqlite3.Connection) -> list[Week]:
    """Papers read and rated per week (by the last time each was), oldest week first."""
    rows = conn.execute(
        """
        WITH latest AS (
            SELECT e.kind, max(e.at) AS at FROM paper_events e JOIN papers p ON p.id = e.paper_id
            WHERE e.at IS NOT NULL
              AND ((e.kind = 'read' AND p.status = 'read') OR (e.kind = 'rated' AND p.rating > 0))
            GROUP BY e.paper_id, e.kind)
        SELECT date(at, 'weekday 0', '-6 days') AS week,
               sum(kind = 'read'), sum(kind = 'rated')
        FROM latest GROUP BY week ORDER BY week
        """
    ).fetchall()
    return [Week(week, read, rated) for week, read, rated in rows]


def undated_reading(conn: sqlite3.Connection) -> tuple[int, int]:
    """Papers read and rated before their moments were recorded (older libraries)."""
    row = conn.execute(
        """
        SELECT
          (SELECT count(*) FROM papers p WHERE p.status = 'read' AND NOT EXISTS (
             SELECT 1 FROM paper_events e
             WHERE e.paper_id = p.id AND e.kind = 'read' AND e.at IS NOT NULL)),
          (SELECT count(*) FROM papers p WHERE p.rating > 0 AND NOT EXISTS (
             SELECT 1 FROM paper_events e
             WHERE e.paper_id = p.id AND e.kind = 'rated' AND e.at IS NOT NULL))
        """
    ).fetchone()
    return row[0], row[1]


def tag_sizes(conn: sqlite3.Connection, limit: int | None = None) -> list[tuple[str, int]]:
    """Tags by how many papers carry them, largest first."""
    rows = conn.execute(
        "SELECT t.name, count(*) AS n FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id"
        " GROUP BY t.id ORDER BY n DESC, t.name COLLATE NOCASE LIMIT ?",
        (-1 if limit is None else limit,),
    ).fetchall()
    return [(name, count) for name, count in rows]


def term_shares(conn: sqlite3.Connection, term: str | Query) -> list[SharePoint]:
    """For each digest date, how many of its papers the search for term finds.

    The term is anything the search field takes: a word, a phrase, tag:NAME...
    """
    query = parse(term) if isinstance(term, str) else term
    where, params = query.clause()
    rows = conn.execute(
        f"""
        SELECT day, sum(paper_id IN (SELECT id FROM papers WHERE {where})), count(*)
        FROM (SELECT DISTINCT {DIGEST_DAY} AS day, s.paper_id
              FROM sightings s JOIN digests d ON d.id = s.digest_id)
        GROUP BY day ORDER BY day
        """,
        params,
    ).fetchall()
    return [SharePoint(day, matching or 0, total) for day, matching, total in rows]


def digest_dates(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            f"SELECT DISTINCT {DIGEST_DAY} AS day FROM digests d"
            " WHERE EXISTS (SELECT 1 FROM sightings s WHERE s.digest_id = d.id) ORDER BY day"
        )
    ]


def rising_terms(
    conn: sqlite3.Connection, latest: int | None = None, limit: int = 15
) -> tuple[list[str], list[RisingTerm]]:
    """The latest digest dates, and the words whose share rose most in them.

    ``latest``: how many digest dates count as recent; by default a quarter of
    them (at least one). With a single digest date there is nothing to compare.
    """
    dates = digest_dates(conn)
    if latest is None:
        latest = max(1, len(dates) // 4)
    if len(dates) <= latest:
        return dates, []
    recent_dates = dates[-latest:]
    marks = ",".join("?" * len(recent_dates))
    total = conn.execute("SELECT count(*) FROM papers").fetchone()[0]
    # The recent papers' words, through the same tokenizer as the library's index.
    conn.execute("DROP TABLE IF EXISTS temp.recent_fts")
    conn.execute(
        "CREATE VIRTUAL TABLE temp.recent_fts USING fts5("
        "title, abstract, tokenize = 'unicode61 remove_diacritics 2')"
    )
    try:
        conn.execute(
            f"""
            INSERT INTO temp.recent_fts(rowid, title, abstract)
            SELECT p.id, p.title, p.abstract FROM papers p WHERE p.id IN (
                SELECT s.paper_id FROM sightings s JOIN digests d ON d.id = s.digest_id
                WHERE {DIGEST_DAY} IN ({marks}))
            """,
            recent_dates,
        )
        recent = conn.execute("SELECT count(*) FROM temp.recent_fts").fetchone()[0]
        conn.execute("DROP TABLE IF EXISTS temp.recent_vocab")
        conn.execute(
            "CREATE VIRTUAL TABLE temp.recent_vocab USING fts5vocab(temp, recent_fts, 'row')"
        )
        rows = conn.execute(
            "SELECT r.term, r.doc, v.doc FROM temp.recent_vocab r"
            " JOIN papers_vocab v ON v.term = r.term"
            " WHERE r.doc >= ? AND length(r.term) >= 3",
            (MIN_RECENT_PAPERS,),
        ).fetchall()
    finally:
        conn.execute("DROP TABLE IF EXISTS temp.recent_vocab")
        conn.execute("DROP TABLE IF EXISTS temp.recent_fts")
    earlier_total = total - recent
    found = []
    for term, in_recent, overall in rows:
        if term in STOP_WORDS or term.isdigit():
            continue
        earlier = max(overall - in_recent, 0) / earlier_total if earlier_total > 0 else 0.0
        found.append(RisingTerm(term, in_recent / recent, earlier, in_recent))
    found.sort(key=lambda t: (-t.rise, t.term))
    return recent_dates, [t for t in found if t.rise > 0][:limit]
