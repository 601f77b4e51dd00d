"""Reading the discovery cache: the ranked inbox, tag suggestions, related papers.

Needs numpy only (the cache's arrays are mapped read-only); scikit-learn is
imported by a build, never here. A paper added after the last build has no
features yet: the inbox lists it first (unranked) until the next build.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from readinglist.core.discover import model, store, triage
from readinglist.core.models import LibraryError
from readinglist.core.paper_rows import chunks, existing
from readinglist.core.tag_names import tag_key
from readinglist.core.wording import plural

if TYPE_CHECKING:
    from readinglist.core.discover.build import BuildReport
    from readinglist.core.library import Library

LARGE = ("csr_indices.npy", "csr_data.npy", "csc_indices.npy", "csc_data.npy")
RELATED_TERMS = 40  # a paper's heaviest terms compared for related papers

TRENDING_MESSAGE = (
    "not enough signals yet: trending first (papers seen in the most digests, then the "
    f"newest); keep, rate or tag {model.MIN_POSITIVES} papers to rank by your interest"
)


@dataclass
class Ranked:
    id: int
    score: float | None
    why: list[str] = field(default_factory=list)

    def to_json(self, title: str) -> dict:
        score = None if self.score is None else round(self.score, 4)
        return {"id": self.id, "title": title, "score": score, "why": self.why}


@dataclass
class Inbox:
    ranking: str  # "model" or "trending"
    message: str  # what the order means, for a status line
    items: list[Ranked]
    total: int  # papers in the inbox (items may be fewer, with a limit)


class Discovery:
    def __init__(self, library: Library) -> None:
        self.library = library
        self.folder = store.cache_dir(Path(library.path))
        self.generation: str | None = None
        self.meta: dict = {}
        self._arrays: dict[str, Any] = {}
        self._terms: list[str] | None = None
        self._suggestions: dict | None = None

    # -- the cache ---------------------------------------------------------------

    def reload(self) -> bool:
        """Map the current generation if a build published a new one; True if it changed."""
        meta = store.read_current(self.folder)
        name = meta["generation"] if meta else None
        if name == self.generation:
            return False
        for value in self._arrays.values():
            if isinstance(value, store.ArrayFile):
                value.close()
        self.generation, self.meta = name, meta or {}
        self._arrays, self._terms, self._suggestions = {}, None, None
        return True

    def _array(self, name: str) -> Any:
        """Small arrays whole in memory; the large ones as files read slice by slice."""
        if name not in self._arrays:
            folder = self.folder / str(self.generation)
            if name == "ids.npy":  # the base rows and the rows added since (delta)
                import numpy as np

                parts = [store.load_array(folder, "ids.npy")]
                if self.meta.get("delta_rows"):
                    parts.append(store.load_array(folder, "delta_ids.npy"))
                self._arrays[name] = np.concatenate(parts)
            elif name in LARGE:
                self._arrays[name] = store.ArrayFile(folder / name)
            elif name == "tag_coef.npy":  # one row per tag; a suggestion reads one
                import numpy as np

                self._arrays[name] = np.load(folder / name, mmap_mode="r")
            else:
                self._arrays[name] = store.load_array(folder, name)
        return self._arrays[name]

    @property
    def base_rows(self) -> int:
        return int(self.meta.get("rows", 0)) - int(self.meta.get("delta_rows", 0))

    def _has_features(self) -> bool:
        self.reload()
        return bool(self.meta.get("has_features"))

    @property
    def terms(self) -> list[str]:
        if self._terms is None:
            path = self.folder / str(self.generation) / "terms.json"
            self._terms = json.loads(path.read_text(encoding="utf-8"))
        return self._terms

    def stale(self) -> bool:
        from readinglist.core.discover.build import is_stale

        return is_stale(Path(self.library.path), self.library.conn)

    def refresh(self, force: bool = False) -> BuildReport:
        """Build what changed, in this process (the CLI; the window uses a child process)."""
        from readinglist.core.discover.build import build

        report = build(Path(self.library.path), force=force)
        self.reload()
        return report

    def ensure_fresh(self) -> BuildReport | None:
        return self.refresh() if self.stale() else None

    def _row(self, paper_id: int) -> int | None:
        import numpy as np

        ids = self._array("ids.npy")
        position = int(np.searchsorted(ids, paper_id))
        return position if position < len(ids) and int(ids[position]) == paper_id else None

    def _row_terms(self, row: int) -> tuple[Any, Any]:
        """Term indices and weights of one row (a base row, or one added since)."""
        if row >= self.base_rows:
            row -= self.base_rows
            start, end = (int(v) for v in self._array("delta_indptr.npy")[row : row + 2])
            return (
                self._array("delta_indices.npy")[start:end],
                self._array("delta_data.npy")[start:end],
            )
        start, end = (int(v) for v in self._array("csr_indptr.npy")[row : row + 2])
        return (
            self._array("csr_indices.npy").read(start, end),
            self._array("csr_data.npy").read(start, end),
        )

    # -- the inbox -----------------------------------------------------------------

    def inbox(self, limit: int | None = None, explain: bool = True) -> Inbox:
        """Untriaged papers by predicted interest, or trending first without a model.

        Without ``explain`` the items carry no why (fast enough for the whole inbox).
        """
        self.reload()
        if self.meta.get("ranking") != "model":
            return self._trending(limit, explain)
        ids, positions, scored, scores, order = self._ranked()
        chosen = order[:limit] if limit is not None else order
        coef = self._array("interest_coef.npy")
        items = []
        for index in chosen:
            if not scored[index]:
                items.append(Ranked(int(ids[index]), None, ["new: not ranked yet"]))
                continue
            if not explain:
                items.append(Ranked(int(ids[index]), float(scores[index])))
                continue
            words = model.why(*self._row_terms(int(positions[index])), coef, self.terms)
            items.append(Ranked(int(ids[index]), float(scores[index]), words))
        message = (
            f"ranked by your interest ({self.meta['positives']} papers you liked)"
            if scored.all()
            else "ranked by your interest; new papers are ranked at the next refresh"
        )
        return Inbox("model", message, items, len(ids))

    def inbox_order(self) -> tuple[list[int], str]:
        """Every inbox id in ranked order, and what the order means (the window's inbox)."""
        self.reload()
        if self.meta.get("ranking") != "model":
            return triage.trending_ids(self.library), TRENDING_MESSAGE
        ids, _, _, _, order = self._ranked()
        return ids[order].tolist(), f"ranked by your interest ({self.meta['positives']} liked)"

    def _ranked(self) -> tuple[Any, Any, Any, Any, Any]:
        """Inbox ids (newest first), their rows, whether scored, scores, and the ranked order."""
        import numpy as np

        ids = np.asarray(triage.inbox_ids(self.library), dtype=np.int64)
        known = self._array("ids.npy")
        positions = np.minimum(np.searchsorted(known, ids), max(len(known) - 1, 0))
        scored = known[positions] == ids if len(known) else np.zeros(len(ids), bool)
        scores = np.where(scored, self._array("scores.npy")[positions], np.inf)
        order = np.argsort(-scores, kind="stable")  # unranked (new) papers first, newest first
        return ids, positions, scored, scores, order

    def _trending(self, limit: int | None, explain: bool = True) -> Inbox:
        ids = triage.trending_ids(self.library)
        chosen = ids[:limit] if limit is not None else ids
        if not explain:
            return Inbox("trending", TRENDING_MESSAGE, [Ranked(i, None) for i in chosen], len(ids))
        seen = dict(
            row
            for chunk in chunks(chosen)
            for row in self.library.conn.execute(
                f"SELECT id, seen FROM papers WHERE id IN ({','.join('?' * len(chunk))})", chunk
            )
        )
        items = [
            Ranked(i, None, [f"seen in {seen[i]} digests"] if seen.get(i, 0) > 1 else ["new"])
            for i in chosen
        ]
        return Inbox("trending", TRENDING_MESSAGE, items, len(ids))

    def explain(self, paper_id: int) -> Ranked | None:
        """Score and why of one paper under the interest model (the preview)."""
        if not self._has_features() or self.meta.get("ranking") != "model":
            return None
        row = self._row(paper_id)
        if row is None:
            return None
        coef = self._array("interest_coef.npy")
        words = model.why(*self._row_terms(row), coef, self.terms)
        return Ranked(paper_id, float(self._array("scores.npy")[row]), words)

    # -- suggestions for a tag --------------------------------------------------------

    def suggest(self, tag: str, limit: int = 20) -> list[Ranked]:
        """Papers without the tag that most resemble those with it, best first."""
        self.reload()
        tags = self.meta.get("tags", [])
        name = next((t for t in tags if tag_key(t) == tag_key(tag)), None)
        if name is None:
            count = len(self.library.tagged_ids(tag))
            if count == 0:
                raise LibraryError(f"no paper carries the tag {tag!r}")
            raise LibraryError(
                f"tag {tag!r} is on {plural(count, 'paper')}: tag at least {model.MIN_TAGGED} "
                "to get suggestions"
            )
        if self._suggestions is None:
            path = self.folder / str(self.generation) / "suggestions.json"
            self._suggestions = json.loads(path.read_text(encoding="utf-8"))
        # The cache may be older than the last edits: never list a paper that has the tag now.
        carrying = set(self.library.tagged_ids(name))
        candidates = [(i, s) for i, s in self._suggestions[name] if i not in carrying]
        decided = triage.decisions(self.library, [i for i, _ in candidates])
        candidates = [(i, s) for i, s in candidates if decided.get(i) != "skip"][:limit]
        coef = self._array("tag_coef.npy")[tags.index(name)]
        items = []
        for paper_id, score in candidates:
            row = self._row(paper_id)
            words = model.why(*self._row_terms(row), coef, self.terms) if row is not None else []
            items.append(Ranked(paper_id, score, words))
        return items

    # -- related papers ---------------------------------------------------------------

    def related(self, paper_id: int, limit: int = 5) -> list[Ranked]:
        """The papers most like this one: cosine of their tf-idf vectors."""
        import numpy as np

        if not self._has_features():
            return []
        row = self._row(paper_id)
        if row is None:
            return []
        terms, weights = self._row_terms(row)
        if len(terms) == 0:
            return []
        if len(terms) > RELATED_TERMS:  # the rarer, heavier terms decide the nearest papers
            keep = np.argsort(-weights)[:RELATED_TERMS]
            terms, weights = terms[keep], weights[keep]
        indptr = self._array("csc_indptr.npy")
        indices, data = self._array("csc_indices.npy"), self._array("csc_data.npy")
        rows, values = [], []
        for term, weight in zip(terms.tolist(), weights.tolist(), strict=True):
            start, end = int(indptr[term]), int(indptr[term + 1])
            rows.append(indices.read(start, end))
            values.append(data.read(start, end) * weight)
        ids = self._array("ids.npy")
        similarity = np.bincount(
            np.concatenate(rows), weights=np.concatenate(values), minlength=len(ids)
        )
        if self.meta.get("delta_rows"):  # rows added since the base: few, compared directly
            query = np.zeros(len(indptr) - 1, dtype=np.float32)
            query[terms] = weights
            delta_indptr = self._array("delta_indptr.npy")
            owner = np.repeat(np.arange(len(delta_indptr) - 1), np.diff(delta_indptr))
            products = self._array("delta_data.npy") * query[self._array("delta_indices.npy")]
            similarity[self.base_rows :] = np.bincount(
                owner, weights=products, minlength=len(delta_indptr) - 1
            )
        similarity[row] = 0.0
        # A few spare: papers deleted since the build are left out below.
        count = min(limit + 10, int(np.count_nonzero(similarity > 0)))
        if count == 0:
            return []
        best = np.argpartition(-similarity, count - 1)[:count]
        best = best[np.argsort(-similarity[best], kind="stable")]
        found = [int(ids[r]) for r in best]
        present = existing(self.library.conn, found)
        return [Ranked(int(ids[r]), float(similarity[r])) for r in best if int(ids[r]) in present][
            :limit
        ]


