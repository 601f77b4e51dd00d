"""Tables, full-text index, triggers and numbered migrations (PRAGMA user_version).

Each migration is one SQL script applied in its own transaction, so a library
is always at a whole version. The schema is plain SQL on the standard sqlite3
module: it needs CHECK constraints, cascading foreign keys and FTS5
external-content triggers. Migrations stay additive (new tables, columns,
indexes, triggers); a change ALTER TABLE cannot make would be a migration that
creates the new table, copies the rows across and renames it.

Denormalised columns (``papers.tag_list``, ``seen``, ``first_seen``) are kept by
triggers so that sorting and the full-text index never need a join or a
Python loop over rows.
"""

from __future__ import annotations

import sqlite3

from readinglist.core.tag_names import tag_key

STATUSES = ("unread", "reading", "read")

_V1 = """
CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    started TEXT NOT NULL
);

CREATE TABLE papers (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    title_key TEXT NOT NULL UNIQUE,
    abstract TEXT NOT NULL DEFAULT '',
    added TEXT NOT NULL,
    import_id INTEGER REFERENCES imports(id),
    rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5),
    status TEXT NOT NULL DEFAULT 'unread' CHECK (status IN ('unread', 'reading', 'read')),
    note TEXT NOT NULL DEFAULT '',
    tag_list TEXT NOT NULL DEFAULT '',
    seen INTEGER NOT NULL DEFAULT 0,
    first_seen TEXT
);
CREATE INDEX papers_title ON papers(title COLLATE NOCASE);
CREATE INDEX papers_rating ON papers(rating);
CREATE INDEX papers_status ON papers(status);
CREATE INDEX papers_seen ON papers(seen);
CREATE INDEX papers_first_seen ON papers(first_seen);
CREATE INDEX papers_added ON papers(added);
CREATE INDEX papers_tag_list ON papers(tag_list COLLATE NOCASE);
CREATE INDEX papers_import ON papers(import_id);

CREATE TABLE digests (
    id INTEGER PRIMARY KEY,
    file TEXT NOT NULL,
    date TEXT,
    imported TEXT NOT NULL,
    fingerprint TEXT NOT NULL UNIQUE,
    import_id INTEGER REFERENCES imports(id),
    layout TEXT,
    encoding TEXT
);

CREATE TABLE sightings (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    digest_id INTEGER NOT NULL REFERENCES digests(id) ON DELETE CASCADE,
    line INTEGER,
    PRIMARY KEY (paper_id, digest_id)
) WITHOUT ROWID;
CREATE INDEX sightings_digest ON sightings(digest_id);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE paper_tags (
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    PRIMARY KEY (paper_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX paper_tags_tag ON paper_tags(tag_id);

-- tag_list: the paper's tags, sorted, for display, sorting and the FTS index.
CREATE TRIGGER paper_tags_insert AFTER INSERT ON paper_tags BEGIN
    UPDATE papers SET tag_list = (
        SELECT coalesce(group_concat(name, ', '), '') FROM (
            SELECT t.name FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.paper_id = NEW.paper_id ORDER BY t.name COLLATE NOCASE))
    WHERE id = NEW.paper_id;
END;
CREATE TRIGGER paper_tags_delete AFTER DELETE ON paper_tags BEGIN
    UPDATE papers SET tag_list = (
        SELECT coalesce(group_concat(name, ', '), '') FROM (
            SELECT t.name FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.paper_id = OLD.paper_id ORDER BY t.name COLLATE NOCASE))
    WHERE id = OLD.paper_id;
END;
CREATE TRIGGER tags_rename AFTER UPDATE OF name ON tags BEGIN
    UPDATE papers SET tag_list = (
        SELECT coalesce(group_concat(name, ', '), '') FROM (
            SELECT t.name FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id
            WHERE pt.paper_id = papers.id ORDER BY t.name COLLATE NOCASE))
    WHERE id IN (SELECT paper_id FROM paper_tags WHERE tag_id = NEW.id);
END;

-- seen / first_seen: how many digests a paper was in, and the earliest of them.
CREATE TRIGGER sightings_insert AFTER INSERT ON sightings BEGIN
    UPDATE papers SET
        seen = seen + 1,
        first_seen = min(
            coalesce(first_seen, '9999'),
            (SELECT coalesce(date, imported) FROM digests WHERE id = NEW.digest_id))
    WHERE id = NEW.paper_id;
END;
CREATE TRIGGER sightings_delete AFTER DELETE ON sightings BEGIN
    UPDATE papers SET
        seen = (SELECT count(*) FROM sightings WHERE paper_id = OLD.paper_id),
        first_seen = (
            SELECT min(coalesce(d.date, d.imported)) FROM sightings s
            JOIN digests d ON d.id = s.digest_id WHERE s.paper_id = OLD.paper_id)
    WHERE id = OLD.paper_id;
END;

CREATE VIRTUAL TABLE papers_fts USING fts5(
    title, abstract, tag_list, note,
    content = 'papers', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers BEGIN
    INSERT INTO papers_fts(rowid, title, abstract, tag_list, note)
    VALUES (NEW.id, NEW.title, NEW.abstract, NEW.tag_list, NEW.note);
END;
CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract, tag_list, note)
    VALUES ('delete', OLD.id, OLD.title, OLD.abstract, OLD.tag_list, OLD.note);
END;
CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, tag_list, note ON papers BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract, tag_list, note)
    VALUES ('delete', OLD.id, OLD.title, OLD.abstract, OLD.tag_list, OLD.note);
    INSERT INTO papers_fts(rowid, title, abstract, tag_list, note)
    VALUES (NEW.id, NEW.title, NEW.abstract, NEW.tag_list, NEW.note);
END;
"""

# Saved searches ("smart lists"), and a view of the index vocabulary for typo tolerance.
_V2 = """
CREATE TABLE saved_searches (
    name TEXT PRIMARY KEY COLLATE NOCASE,
    query TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE VIRTUAL TABLE papers_vocab USING fts5vocab(papers_fts, 'row');
"""

# Pairs the user said are not duplicates, so they never come back.
_V3 = """
CREATE TABLE not_duplicates (
    a INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
"""

# Bulk imports fill the full-text index once at the end instead of row by row
# (about twice as fast): while fts_control.deferred_from is set, inside an import
# transaction, papers from that id on are left to the import.
_V4 = """
CREATE TABLE fts_control (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    deferred_from INTEGER
);
INSERT INTO fts_control(id, deferred_from) VALUES (1, NULL);
DROP TRIGGER papers_fts_insert;
DROP TRIGGER papers_fts_delete;
DROP TRIGGER papers_fts_update;
CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers
WHEN (SELECT deferred_from FROM fts_control) IS NULL BEGIN
    INSERT INTO papers_fts(rowid, title, abstract, tag_list, note)
    VALUES (NEW.id, NEW.title, NEW.abstract, NEW.tag_list, NEW.note);
END;
CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers
WHEN coalesce(OLD.id < (SELECT deferred_from FROM fts_control), 1) BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract, tag_list, note)
    VALUES ('delete', OLD.id, OLD.title, OLD.abstract, OLD.tag_list, OLD.note);
END;
CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, tag_list, note ON papers
WHEN coalesce(OLD.id < (SELECT deferred_from FROM fts_control), 1) BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract, tag_list, note)
    VALUES ('delete', OLD.id, OLD.title, OLD.abstract, OLD.tag_list, OLD.note);
    INSERT INTO papers_fts(rowid, title, abstract, tag_list, note)
    VALUES (NEW.id, NEW.title, NEW.abstract, NEW.tag_list, NEW.note);
END;
"""

# Tags match in any case and script, not just ASCII (NOCASE): tags.key is the
# spelling's Unicode case folding (core/tag_names.py), filled here by tag_key()
# and written by the code from then on. Tags that only differ in case become one,
# under the oldest spelling.
_TAG_KEYS = """
ALTER TABLE tags ADD COLUMN key TEXT;
UPDATE tags SET key = readinglist_tag_key(name);
INSERT OR IGNORE INTO paper_tags(paper_id, tag_id)
    SELECT pt.paper_id, (SELECT min(k.id) FROM tags k WHERE k.key = t.key)
    FROM paper_tags pt JOIN tags t ON t.id = pt.tag_id;
DELETE FROM tags WHERE id > (SELECT min(k.id) FROM tags k WHERE k.key = tags.key);
CREATE UNIQUE INDEX tags_key ON tags(key);
CREATE TRIGGER tags_key_required BEFORE INSERT ON tags WHEN NEW.key IS NULL BEGIN
    SELECT RAISE(ABORT, 'tags.key is required: tag_names.tag_key(name)');
END;
"""

# Triage of the inbox (issue 17): one decision per paper, and when it was taken.
# A paper without a row is in the inbox.
_TRIAGE = """
CREATE TABLE triage (
    paper_id INTEGER PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('keep', 'skip', 'later')),
    decided TEXT NOT NULL
);
CREATE INDEX triage_decision ON triage(decision);
"""

# Only the prefix index that queries use: a last word shorter than three letters is
# matched whole (query.MIN_PREFIX), so the two-letter index was never read, and it
# cost about a fifth of every import and a large share of the library file.
_FTS_PREFIX_3 = """
DROP TABLE papers_fts;
CREATE VIRTUAL TABLE papers_fts USING fts5(
    title, abstract, tag_list, note,
    content = 'papers', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3'
);
INSERT INTO papers_fts(papers_fts) VALUES ('rebuild');
"""

# When papers were read and rated, for Insights' "reading over time": triggers record the
# moment (UTC) a paper becomes read or gets a rating. What was read or rated before this
# migration is recorded without a time (at IS NULL): the moment is unknown. It can run
# again over itself (a test re-runs the migrations after an earlier one).
_READING_EVENTS = """
CREATE TABLE IF NOT EXISTS paper_events (
    id INTEGER PRIMARY KEY,
    paper_id INTEGER NOT NULL REFERENCES papers(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('read', 'rated')),
    at TEXT
);
CREATE INDEX IF NOT EXISTS paper_events_kind_at ON paper_events(kind, at);
CREATE INDEX IF NOT EXISTS paper_events_paper ON paper_events(paper_id);
CREATE TRIGGER IF NOT EXISTS paper_events_read AFTER UPDATE OF status ON papers
WHEN NEW.status = 'read' AND OLD.status IS NOT 'read' BEGIN
    INSERT INTO paper_events(paper_id, kind, at)
    VALUES (NEW.id, 'read', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER IF NOT EXISTS paper_events_rated AFTER UPDATE OF rating ON papers
WHEN NEW.rating > 0 AND NEW.rating IS NOT OLD.rating BEGIN
    INSERT INTO paper_events(paper_id, kind, at)
    VALUES (NEW.id, 'rated', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER IF NOT EXISTS paper_events_read_new AFTER INSERT ON papers
WHEN NEW.status = 'read' BEGIN
    INSERT INTO paper_events(paper_id, kind, at)
    VALUES (NEW.id, 'read', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
CREATE TRIGGER IF NOT EXISTS paper_events_rated_new AFTER INSERT ON papers
WHEN NEW.rating > 0 BEGIN
    INSERT INTO paper_events(paper_id, kind, at)
    VALUES (NEW.id, 'rated', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));
END;
INSERT INTO paper_events(paper_id, kind, at) SELECT id, 'read', NULL FROM papers
WHERE status = 'read' AND id NOT IN (SELECT paper_id FROM paper_events WHERE kind = 'read');
INSERT INTO paper_events(paper_id, kind, at) SELECT id, 'rated', NULL FROM papers
WHERE rating > 0 AND id NOT IN (SELECT paper_id FROM paper_events WHERE kind = 'rated');
"""

# A narrow copy of the papers' small columns in id order. A filter on a field
# (seen:>1, rating:>=3, -tag:x) listed in library order, or a page read at a deep
# OFFSET, otherwise walks the table itself, whose rows carry whole abstracts:
# 250 ms per page at 100,000 papers, 15 ms through this index.
_NARROW_INDEX = """
CREATE INDEX IF NOT EXISTS papers_narrow
    ON papers(id, rating, status, seen, first_seen, added, import_id, tag_list);
"""

# Edits of a title or an abstract, counted, so the discovery cache can tell that its
# features are stale without reading every abstract (core/discover/signals.py).
# It can run again over itself.
_TEXT_EDITS = """
CREATE TABLE IF NOT EXISTS text_edits (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    count INTEGER NOT NULL
);
INSERT OR IGNORE INTO text_edits(id, count) VALUES (1, 0);
CREATE TRIGGER IF NOT EXISTS papers_text_edited AFTER UPDATE OF title, abstract ON papers
WHEN OLD.title IS NOT NEW.title OR OLD.abstract IS NOT NEW.abstract BEGIN
    UPDATE text_edits SET count = count + 1 WHERE id = 1;
END;
"""

# An import writes seen / first_seen with each paper it adds (import_batch.py):
# the trigger, which rewrote the new paper's whole row once more per sighting,
# holds off while an import defers the index (fts_control.deferred_from set).
_IMPORT_SIGHTINGS = """
DROP TRIGGER IF EXISTS sightings_insert;
CREATE TRIGGER sightings_insert AFTER INSERT ON sightings
WHEN (SELECT deferred_from FROM fts_control) IS NULL BEGIN
    UPDATE papers SET
        seen = seen + 1,
        first_seen = min(
            coalesce(first_seen, '9999'),
            (SELECT coalesce(date, imported) FROM digests WHERE id = NEW.digest_id))
    WHERE id = NEW.paper_id;
END;
"""

# arXiv metadata attached to papers (only certain matches), and which papers were
# already looked up (found or not, and why), so a look-up resumes where it stopped.
# IF NOT EXISTS: running it again (a test replaying an earlier migration) is harmless.
_ARXIV_METADATA = """
CREATE TABLE IF NOT EXISTS paper_metadata (
    paper_id INTEGER PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
    arxiv_id TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    title TEXT NOT NULL,
    abstract TEXT NOT NULL DEFAULT '',
    authors TEXT NOT NULL DEFAULT '[]',
    published TEXT NOT NULL DEFAULT '',
    updated TEXT NOT NULL DEFAULT '',
    primary_category TEXT NOT NULL DEFAULT '',
    doi TEXT NOT NULL DEFAULT '',
    journal_ref TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS paper_metadata_arxiv ON paper_metadata(arxiv_id);
CREATE INDEX IF NOT EXISTS paper_metadata_published ON paper_metadata(published);
CREATE TABLE IF NOT EXISTS arxiv_lookups (
    paper_id INTEGER PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
    checked TEXT NOT NULL,
    found INTEGER NOT NULL,
    reason TEXT NOT NULL
);
"""

# Tags and notes get their own small full-text table (issue 16): in papers_fts they
# shared each paper's row with its abstract, so tagging 10,000 papers re-indexed
# 10,000 abstracts. papers_fts now holds title and abstract; annotations_fts holds
# tag_list and note, only for papers that have either, with its own copy of the
# text (small), so it never reads the fat papers rows. Words still match tags and
# notes: core/word_match.py asks both tables. Its triggers hold off as papers_fts's
# do (fts_control.deferred_from): an import and bulk_edit fill it themselves.
# It can run again over itself (a test replaying an earlier migration).
# No prefix index any more: at 100,000 papers it was 69 of the index's 163 MB (the
# library file was 2.16x its text, against a target of 2.0), and a last word read
# as a prefix ("transfor", "neu") costs 3-10 ms more without it.
_ANNOTATIONS_FTS = """
DROP TRIGGER IF EXISTS papers_fts_insert;
DROP TRIGGER IF EXISTS papers_fts_delete;
DROP TRIGGER IF EXISTS papers_fts_update;
DROP TRIGGER IF EXISTS annotations_fts_insert;
DROP TRIGGER IF EXISTS annotations_fts_delete;
DROP TRIGGER IF EXISTS annotations_fts_update;
DROP TABLE IF EXISTS annotations_vocab;
DROP TABLE IF EXISTS annotations_fts;
DROP TABLE papers_fts;
CREATE VIRTUAL TABLE papers_fts USING fts5(
    title, abstract,
    content = 'papers', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);
INSERT INTO papers_fts(papers_fts) VALUES ('rebuild');
CREATE TRIGGER papers_fts_insert AFTER INSERT ON papers
WHEN (SELECT deferred_from FROM fts_control) IS NULL BEGIN
    INSERT INTO papers_fts(rowid, title, abstract) VALUES (NEW.id, NEW.title, NEW.abstract);
END;
CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers
WHEN coalesce(OLD.id < (SELECT deferred_from FROM fts_control), 1) BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract)
    VALUES ('delete', OLD.id, OLD.title, OLD.abstract);
END;
CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract ON papers
WHEN coalesce(OLD.id < (SELECT deferred_from FROM fts_control), 1) BEGIN
    INSERT INTO papers_fts(papers_fts, rowid, title, abstract)
    VALUES ('delete', OLD.id, OLD.title, OLD.abstract);
    INSERT INTO papers_fts(rowid, title, abstract) VALUES (NEW.id, NEW.title, NEW.abstract);
END;
CREATE VIRTUAL TABLE annotations_fts USING fts5(
    tag_list, note,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '3'
);
INSERT INTO annotations_fts(rowid, tag_list, note)
    SELECT id, tag_list, note FROM papers WHERE tag_list <> '' OR note <> '';
CREATE VIRTUAL TABLE annotations_vocab USING fts5vocab(annotations_fts, 'row');
CREATE TRIGGER annotations_fts_insert AFTER INSERT ON papers
WHEN (NEW.tag_list <> '' OR NEW.note <> '')
    AND (SELECT deferred_from FROM fts_control) IS NULL BEGIN
    INSERT INTO annotations_fts(rowid, tag_list, note) VALUES (NEW.id, NEW.tag_list, NEW.note);
END;
CREATE TRIGGER annotations_fts_delete AFTER DELETE ON papers
WHEN coalesce(OLD.id < (SELECT deferred_from FROM fts_control), 1) BEGIN
    DELETE FROM annotations_fts WHERE rowid = OLD.id;
END;
CREATE TRIGGER annotations_fts_update AFTER UPDATE OF tag_list, note ON papers
WHEN (OLD.tag_list IS NOT NEW.tag_list OR OLD.note IS NOT NEW.note)
    AND coalesce(OLD.id < (SELECT deferred_from FROM fts_control), 1) BEGIN
    DELETE FROM annotations_fts WHERE rowid = OLD.id;
    INSERT INTO annotations_fts(rowid, tag_list, note)
    SELECT NEW.id, NEW.tag_list, NEW.note WHERE NEW.tag_list <> '' OR NEW.note <> '';
END;
"""

# The window lists papers first seen, newest first. A search with many matches
# is listed by walking this index and stopping after a page; carrying rating,
# status and seen lets that walk test those filters without reading the papers'
# rows, whose abstracts make them large (is:unread at a million papers: 1.3 s
# sorted, under 1 ms walked). Library.ids_plan chooses between walk and sort.
_FIRST_SEEN_ORDER = """
DROP INDEX IF EXISTS papers_first_seen;
CREATE INDEX papers_first_seen ON papers(first_seen, id, rating, status, seen);
"""

# Sorting by Authors, Year or arXiv comes from indexes (core/metadata/sort_order.py):
# published and arxiv_id have theirs; authors gets one, and the looked-up ids a
# narrow one of their own, so the papers without metadata are listed by merging it
# with papers_narrow instead of probing the table, whose rows carry abstracts.
_METADATA_SORT = """
CREATE INDEX IF NOT EXISTS paper_metadata_authors ON paper_metadata(authors);
CREATE INDEX IF NOT EXISTS paper_metadata_ids ON paper_metadata(paper_id);
"""

# has:note and has:tag read every paper's row (the note and tag list are in it):
# 680 and 170 ms at a million papers. Few papers have either, so indexes of only
# those are small and answer at once.
_NOTED_PAPERS = """
CREATE INDEX IF NOT EXISTS papers_noted ON papers(first_seen, id) WHERE note <> '';
CREATE INDEX IF NOT EXISTS papers_tagged ON papers(first_seen, id) WHERE tag_list <> '';
"""

MIGRATIONS: list[str] = [
    _V1,
    _V2,
    _V3,
    _V4,
    _TAG_KEYS,
    _TRIAGE,
    _FTS_PREFIX_3,
    _READING_EVENTS,
    _NARROW_INDEX,
    _TEXT_EDITS,
    _IMPORT_SIGHTINGS,
    _ARXIV_METADATA,
    _ANNOTATIONS_FTS,
    _FIRST_SEEN_ORDER,
    _METADATA_SORT,
    _NOTED_PAPERS,
]
SCHEMA_VERSION = len(MIGRATIONS)


class NewerSchemaError(Exception):
    def __init__(self, found: int) -> None:
        self.found = found
        super().__init__(
            f"written by a newer version of readinglist (schema {found}, "
            f"this version knows up to {SCHEMA_VERSION})"
        )


def schema_version(conn: sqlite3.Connection) -> int:
    return conn.execute("PRAGMA user_version").fetchone()[0]


def pending_migrations(conn: sqlite3.Connection) -> list[int]:
    current = schema_version(conn)
    if current > SCHEMA_VERSION:
        raise NewerSchemaError(current)
    return list(range(current + 1, SCHEMA_VERSION + 1))


def migrate(conn: sqlite3.Connection) -> list[int]:
    """Bring the database up to SCHEMA_VERSION; returns the versions applied.

    ``conn`` must be in autocommit mode (isolation_level=None): every
    migration runs inside its own BEGIN IMMEDIATE ... COMMIT.
    """
    applied = []
    conn.create_function("readinglist_tag_key", 1, tag_key, deterministic=True)
    for version in pending_migrations(conn):
        conn.execute("BEGIN IMMEDIATE")
        try:
            if schema_version(conn) >= version:  # another process got there first
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(MIGRATIONS[version - 1]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(version)
    return applied


def _statements(script: str) -> list[str]:
    """Split a script into statements (executescript would commit our transaction)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
