"""The library: one SQLite file of papers, where they were seen, and annotations.

Every write is one transaction (BEGIN IMMEDIATE ... COMMIT) that rolls back
whole on any error, cancellation included. Methods that change papers return
what they changed so a view can refresh just that.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from readinglist.core import backup as backups_store
from readinglist.core import schema, walk_order, word_match, writelock
from readinglist.core.annotate import AnnotateMixin
from readinglist.core.importing import ImportMixin, digest_files
from readinglist.core.merging import DuplicatesMixin, MergeResult
from readinglist.core.metadata import sort_order
from readinglist.core.models import (
    Annotation,
    FileReport,
    ImportCancelled,
    ImportReport,
    LibraryError,
    Paper,
    Sighting,
)
from readinglist.core.query import Not, Query, left_out_words, parse
from readinglist.core.saved import SavedSearchMixin
from readinglist.core.store import default_path
from readinglist.core.suggest import Suggestion, Vocabulary, suggest

__all__ = [
    "Annotation",
    "FileReport",
    "ImportCancelled",
    "ImportReport",
    "Library",
    "LibraryError",
    "MergeResult",
    "Paper",
    "Sighting",
    "default_path",
    "digest_files",
]

DAILY_BACKUP_WAIT = 1.0  # seconds; a busy library is backed up by a later command
RANK_LIMIT = 5000  # results beyond this many are listed in library order, not by relevance

# Sort keys the views may ask for, each an SQL expression over papers.
SORT_COLUMNS = {
    "title": "title COLLATE NOCASE",
    "rating": "rating",
    "tags": "tag_list COLLATE NOCASE",
    "status": "status",
    "seen": "seen",
    "first_seen": "first_seen",
    "added": "added",
    "id": "id",
    # arXiv metadata (core/metadata): papers not looked up sort as empty
    "authors": "(SELECT authors FROM paper_metadata WHERE paper_id = papers.id)",
    "year": "(SELECT published FROM paper_metadata WHERE paper_id = papers.id)",
    "arxiv": "(SELECT arxiv_id FROM paper_metadata WHERE paper_id = papers.id)",
}


class Library(ImportMixin, SavedSearchMixin, DuplicatesMixin, AnnotateMixin):
    """The library file and everything done to it: the store (store.py) and one part per concern.

    Each part inherits LibraryStore only; what they share is public there.
    Library adds what spans the whole file: queries, backups and restores.
    """

    def __init__(self, path: str | Path | None = None) -> None:
        super().__init__(path)
        self.vocabulary = Vocabulary(self.conn)

    # -- backups ------------------------------------------------------------------

    def backup(
        self,
        reason: str = "manual",
        keep: int = backups_store.DEFAULT_KEEP,
        wait: float = writelock.WAIT_SECONDS,
    ) -> backups_store.Backup:
        with writelock.write_lock(self.path, "backing up", wait):
            return backups_store.take_backup(self.conn, self.path, reason, keep)

    def backups(self) -> list[backups_store.Backup]:
        return backups_store.list_backups(self.path)

    def daily_backup(self, keep: int = backups_store.DEFAULT_KEEP) -> backups_store.Backup | None:
        """A backup when the last is more than a day old (and there is something to keep)."""
        if self.total() and backups_store.due(self.path):
            try:  # an import or a restore is running: the next command backs up
                return self.backup("daily", keep, wait=DAILY_BACKUP_WAIT)
            except writelock.Busy:
                return None
        return None

    def restore(
        self,
        source: Path,
        keep: int = backups_store.DEFAULT_KEEP,
        wait: float = writelock.WAIT_SECONDS,
    ) -> backups_store.Backup:
        """Replace the library with a backup; the current state is backed up first.

        A running import is waited for (up to ``wait`` seconds), so the safety
        backup holds everything committed before the restore.
        """
        try:
            backups_store.check_backup(Path(source))
        except backups_store.BackupError as exc:
            raise LibraryError(str(exc)) from exc
        with writelock.write_lock(self.path, "restoring", wait):
            return self._restore(Path(source), keep)

    def _restore(self, source: Path, keep: int) -> backups_store.Backup:
        # The safety copy prunes old backups: never the one about to be restored (the oldest).
        listed = [b.path.resolve() for b in backups_store.list_backups(self.path)]
        spare = listed.index(source.resolve()) + 2 if source.resolve() in listed else 0
        safety = backups_store.take_backup(
            self.conn, self.path, "before-restore", max(keep + 1, spare)
        )
        try:
            backups_store.restore_into(Path(source), self.conn)
            schema.migrate(self.conn)
        except (sqlite3.DatabaseError, backups_store.BackupError) as exc:
            raise LibraryError(
                f"restore failed ({exc}); the library was backed up first to {safety.path}"
            ) from exc
        self.vocabulary = Vocabulary(self.conn)
        return safety

    # -- queries ------------------------------------------------------------
    # A query is a Query object (core/query.py): the program builds them (tag_query,
    # everything, annotated) or parses what a user typed at the boundary (search
    # field, CLI argument, a saved smart list). A str here is user text, parsed as such.

    def count(self, query: str | Query = "") -> int:
        parsed = parse(query) if isinstance(query, str) else query
        if isinstance(parsed.root, Not):
            inner = Query(parsed.text, parsed.root.child, parsed.words)
            if inner.clause()[0].startswith("id IN ("):  # membership: never NULL
                return self.total() - self.count(inner)  # -model: the index counts "model"
        if parsed.root.fts():  # words only: counted in the indexes, without visiting papers
            sql, params = word_match.count(parsed.root)
        else:
            where, params = parsed.clause()
            sql = f"SELECT count(*) FROM papers WHERE {where}"
        return self.conn.execute(sql, params).fetchone()[0]

    def _matches_at_least(self, expression: str, count: int) -> bool:
        return (
            self.conn.execute(
                "SELECT count(*) FROM"
                " (SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? LIMIT ?)",
                (expression, count),
            ).fetchone()[0]
            >= count
        )

    def ids(
        self,
        query: str | Query = "",
        sort: str | None = None,
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[int]:
        """Ids of the matching papers in order; the sort runs in SQLite.

        Without a sort column, a query with words comes best match first (bm25).
        """
        sql, params, _ = self.ids_plan(query, sort, descending)
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, limit, offset]
        return [row[0] for row in self.conn.execute(sql, params)]

    def ids_plan(
        self,
        query: str | Query = "",
        sort: str | None = None,
        descending: bool = False,
        walk: bool | None = None,
    ) -> tuple[str, list, bool]:
        """The SQL (and parameters) listing the matching ids in order; True when by relevance.

        Relevance order costs a bm25 score for every paper matching a wanted
        word, so it is used only while those are at most RANK_LIMIT. In the order of
        a column with an index, ``walk`` says whether to walk that index or sort
        (core/walk_order.py); None: decide here (``walks``).
        """
        parsed = parse(query) if isinstance(query, str) else query
        where, params = parsed.clause()
        rank = parsed.rank_expression() if sort is None else None
        if rank and self._matches_at_least(rank, RANK_LIMIT + 1):
            rank = None  # ranking every paper of a huge result is slow and tells little
        if not rank and parsed.root.fts() and sort in (None, "id"):
            # Words only, in library order: straight from the indexes, ten times faster
            # than testing every paper for membership.
            sql, params = word_match.ordered_ids(parsed.root, descending)
            return sql, params, False
        left_out = left_out_words(parsed.root)
        if not rank and left_out and sort in (None, "id"):
            sql, params = word_match.ids_without(left_out, descending)  # -model
            return sql, params, False
        if rank and parsed.root.fts():  # words only: scored in the index, no paper read
            sql, params = word_match.ranked_ids(parsed.root)
            return sql, params, True
        if rank:
            # A left join: papers that match through a field (an OR) have no score; last.
            sql = (
                "SELECT id FROM papers LEFT JOIN (SELECT rowid, rank FROM papers_fts"
                " WHERE papers_fts MATCH ?) AS ranked ON ranked.rowid = papers.id"
                f" WHERE {where} ORDER BY ranked.rank IS NULL, ranked.rank, id"
            )
            return sql, [rank, *params], True
        order = _order(sort, descending)
        if walk_order.walkable(sort):
            assert sort is not None
            if self.walks(parsed, sort) if walk is None else walk:
                return walk_order.walked(where, sort, order), params, False
            order = walk_order.sorted_order(order)
        if sort in sort_order.KEYS:  # arXiv columns: from indexes
            in_order = self.ids_plan(parsed, "id", descending)[:2]
            sql, params = sort_order.ids_sql(self.conn, sort, where, params, in_order, descending)
            return sql, params, False
        return (
            f"SELECT id FROM papers WHERE {where} ORDER BY {order}",
            params,
            False,
        )

    def walks(
        self, query: Query, sort: str, rows: int = 2048, matches: int | None = None
    ) -> bool:
        """Whether the first ``rows`` in ``sort`` order are best read by walking its index."""
        if matches is None and self.surely_walked(query, rows):
            return True
        matches = self.count(query) if matches is None else matches
        where, params = query.clause()
        return walk_order.walk_pays(
            matches, self._highest_id(), rows, self._walk_reads_rows(where, params, sort)
        )

    def _walk_reads_rows(self, where: str, params: list, sort: str) -> bool:
        """A walk must read each paper's row to test this filter (a note, a tag list)."""
        sql = walk_order.walked(where, sort, _order(sort, True))
        plan = self.conn.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
        return not any(f"COVERING INDEX {walk_order.INDEXES[sort]}" in step[3] for step in plan)

    def surely_walked(self, query: Query, rows: int = 2048) -> bool:
        """A column's order walks its index for this query whatever its exact count.

        True for words left out (``-model``: most papers remain) and for words with
        many matches, which a few thousand steps into the word index tell; the exact
        count can then run beside the walk (core/side_count.py).
        """
        root = query.root
        if left_out_words(root):
            return True
        main = word_match.expression(root, word_match.MAIN) if root.fts() else None
        if not main:
            return False
        return self._matches_at_least(main, walk_order.break_even(self._highest_id(), rows))

    def _highest_id(self) -> int:
        """About the number of papers, read from the end of the table instead of counted."""
        return self.conn.execute("SELECT coalesce(max(id), 0) FROM papers").fetchone()[0]

    def search(
        self,
        query: str | Query = "",
        sort: str | None = None,
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
        with_digests: bool = True,
    ) -> list[Paper]:
        ids = self.ids(query, sort, descending, limit, offset)
        return self.papers(ids, with_digests=with_digests)

    def suggest(self, text: str) -> Suggestion | None:
        """A spelling-corrected version of a query whose words are not in the index."""
        return suggest(self.vocabulary, text)

    def tags(self) -> list[tuple[str, int]]:
        """Every tag with the number of papers carrying it, by name."""
        return self.conn.execute(
            "SELECT t.name, count(pt.paper_id) FROM tags t"
            " LEFT JOIN paper_tags pt ON pt.tag_id = t.id"
            " GROUP BY t.id HAVING count(pt.paper_id) > 0 ORDER BY t.name COLLATE NOCASE"
        ).fetchall()

    def stats(self) -> dict:
        one = self.conn.execute
        return {
            "papers": self.total(),
            "digests": one("SELECT count(*) FROM digests").fetchone()[0],
            "seen_more_than_once": one("SELECT count(*) FROM papers WHERE seen > 1").fetchone()[0],
            "tagged": one("SELECT count(*) FROM papers WHERE tag_list <> ''").fetchone()[0],
            "rated": one("SELECT count(*) FROM papers WHERE rating > 0").fetchone()[0],
            "with_note": one("SELECT count(*) FROM papers WHERE note <> ''").fetchone()[0],
            "by_status": dict(one("SELECT status, count(*) FROM papers GROUP BY status")),
            "tags": len(self.tags()),
            "path": str(self.path),
        }


def _order(sort: str | None, descending: bool) -> str:
    if sort is None:
        sort = "id"
    if sort not in SORT_COLUMNS:
        raise LibraryError(f"cannot sort by {sort!r}; use one of {', '.join(SORT_COLUMNS)}")
    direction = "DESC" if descending else "ASC"
    return f"{SORT_COLUMNS[sort]} {direction}, id {direction}"
