"""One digest's papers written in batches: a few statements per 500 entries, not three each.

Each batch looks its title keys up in one SELECT, inserts the new papers
with ids chosen here (the import holds the write lock, so max(id) + 1 is
free) in one executemany, fills abstracts that a paper lacked, and adds the
sightings. A paper met twice in one file is reported, as before, and keeps
one sighting.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from readinglist.core.digest import DigestEntry, ParseWarning
from readinglist.core.titles import title_key

BATCH = 500


def batches(entries: Iterable[DigestEntry]) -> Iterator[list[DigestEntry]]:
    iterator = iter(entries)
    while batch := list(islice(iterator, BATCH)):
        yield batch


@dataclass
class DigestWriter:
    """Writes the entries of one digest file (inside its savepoint)."""

    conn: sqlite3.Connection
    file: str
    digest_id: int
    now: str
    import_id: int
    added: int = 0
    known: int = 0
    warnings: list[ParseWarning] = field(default_factory=list)
    _seen: set[int] = field(default_factory=set)  # papers already sighted in this file

    def write(self, batch: list[DigestEntry], seen_on: str) -> None:
        """Write a batch; ``seen_on`` is the digest's date (or the import's time).

        The import holds the sightings trigger off (schema _IMPORT_SIGHTINGS):
        a new paper is written with its one sighting counted, a known one is
        updated as the trigger would.
        """
        keys = [title_key(entry.title) for entry in batch]
        found = self._known(list(dict.fromkeys(keys)))
        new_keys: set[str] = set()
        next_id = self.conn.execute("SELECT coalesce(max(id), 0) + 1 FROM papers").fetchone()[0]
        new_papers, abstracts, sightings, seen_again = [], [], [], []
        for entry, key in zip(batch, keys, strict=True):
            if key in found:
                paper_id, abstract = found[key]
                if not abstract and entry.abstract:  # a later digest brings the missing abstract
                    abstracts.append((entry.abstract, paper_id))
                    found[key] = (paper_id, entry.abstract)
                self.known += 1
            else:
                new_keys.add(key)
                paper_id, next_id = next_id, next_id + 1
                found[key] = (paper_id, entry.abstract)
                new_papers.append(
                    (paper_id, entry.title, key, entry.abstract, self.now, self.import_id, seen_on)
                )
                self.added += 1
            if paper_id in self._seen:
                self.warnings.append(
                    ParseWarning(
                        self.file,
                        entry.line,
                        f"the same paper appears earlier in this file: {entry.title!r}",
                    )
                )
                continue
            self._seen.add(paper_id)
            sightings.append((paper_id, self.digest_id, entry.line))
            if key not in new_keys:
                seen_again.append((seen_on, paper_id))
        self.conn.executemany(
            "INSERT INTO papers(id, title, title_key, abstract, added, import_id, seen, first_seen)"
            " VALUES (?, ?, ?, ?, ?, ?, 1, ?)",
            new_papers,
        )
        self.conn.executemany(
            "UPDATE papers SET seen = seen + 1,"
            " first_seen = min(coalesce(first_seen, '9999'), ?) WHERE id = ?",
            seen_again,
        )
        self.conn.executemany("UPDATE papers SET abstract = ? WHERE id = ?", abstracts)
        self.conn.executemany(
            "INSERT INTO sightings(paper_id, digest_id, line) VALUES (?, ?, ?)", sightings
        )

    def _known(self, keys: list[str]) -> dict[str, tuple[int, str]]:
        marks = ",".join("?" * len(keys))
        return {
            key: (paper_id, abstract)
            for paper_id, key, abstract in self.conn.execute(
                f"SELECT id, title_key, abstract FROM papers WHERE title_key IN ({marks})", keys
            )
        }
