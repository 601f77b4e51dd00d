"""Build or refresh the cache: features, models, scores and tag suggestions.

Runs in the CLI's process (``readinglist discover``, and before inbox/suggest/
related when the cache is stale) or, for the window, in a child process at low
priority. Papers added since the last build are transformed with the fitted
vocabulary and appended; a full refit happens when older papers changed or the
library grew by half since the fit. Models are retrained only when signals
changed (or the vocabulary did); otherwise the stored weights rescore.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from readinglist.core import clock
from readinglist.core.discover import features, model, store
from readinglist.core.discover.signals import (
    Signals,
    max_paper_id,
    papers_fingerprint,
    read_signals,
)
from readinglist.core.wording import plural

FORMAT = 1
REFIT_GROWTH = 1.5  # refit the vocabulary when the library is this many times the fitted size
SUGGESTIONS_KEPT = 200  # per tag
DELTA_SHARE = 0.1  # papers added since the base, as a share of it, before they are merged in


@dataclass
class BuildReport:
    features: str  # "refit", "extended by N", "unchanged", "none", "busy"
    ranking: str  # "model" or "trending"
    positives: int = 0
    negatives: int = 0
    tags: int = 0
    seconds: float = 0.0
    changed: bool = True

    def describe(self) -> str:
        if self.features == "busy":
            return "another build of the discovery cache is running"
        if not self.changed:
            return "the discovery cache is up to date"
        ranking = (
            f"interest model from {self.positives} positive and {self.negatives} negative papers"
            if self.ranking == "model"
            else "not enough signals yet: trending first"
        )
        return (
            f"features {self.features}; {ranking}; {plural(self.tags, 'tag model')};"
            f" {self.seconds:.1f} s"
        )


def open_snapshot(library_path: Path) -> sqlite3.Connection:
    """A read-only connection inside one read transaction: a consistent view while we build."""
    conn = sqlite3.connect(f"{library_path.resolve().as_uri()}?mode=ro", uri=True)
    conn.isolation_level = None
    conn.execute("BEGIN")
    return conn


def is_stale(library_path: Path, conn: sqlite3.Connection) -> bool:
    meta = store.read_current(store.cache_dir(library_path))
    if meta is None or meta.get("format") != FORMAT:
        return True
    if max_paper_id(conn) != meta["built_max_id"]:
        return True
    if papers_fingerprint(conn) != meta["papers_fp"]:
        return True
    return read_signals(conn).fingerprint != meta["signals_fp"]


def build(library_path: Path, force: bool = False) -> BuildReport:
    folder = store.cache_dir(library_path)
    with store.build_lock(folder) as locked:
        if not locked:
            return BuildReport("busy", "", changed=False)
        conn = open_snapshot(library_path)
        try:
            return _build(conn, folder, force)
        finally:
            conn.close()


def _build(conn: sqlite3.Connection, folder: Path, force: bool) -> BuildReport:
    import numpy as np
    import scipy.sparse as sp

    started = time.perf_counter()
    meta = None if force else store.read_current(folder)
    if meta is not None and meta.get("format") != FORMAT:
        meta = None
    previous = folder / meta["generation"] if meta else None
    signals = read_signals(conn)
    top = max_paper_id(conn)

    # 1. Features: unchanged, extended with the new papers, or refit.
    how = "refit"
    vectorizer = None
    if meta and meta["has_features"]:
        older_same = papers_fingerprint(conn, meta["built_max_id"]) == meta["papers_fp"]
        total = conn.execute("SELECT count(*) FROM papers").fetchone()[0]
        if older_same and top == meta["built_max_id"]:
            how = "unchanged"
        elif older_same and total <= REFIT_GROWTH * meta["fitted_papers"]:
            how = "extend"
    elif meta and not meta["has_features"] and papers_fingerprint(conn) == meta["papers_fp"]:
        how = "unchanged"
    if how == "unchanged" and meta and meta["signals_fp"] == signals.fingerprint:
        return BuildReport("unchanged", meta["ranking"], changed=False)

    generation = store.new_generation(folder)
    delta_rows = 0
    if how == "extend" and meta and previous:
        # New papers as delta rows beside the base, which is linked, never read.
        appended = _append_delta(conn, previous, generation, meta)
        if appended is not None and meta["signals_fp"] == signals.fingerprint:
            # Only new papers (a morning's digest): scored with the models as they are.
            return _publish_delta(conn, previous, generation, meta, signals, top, started, appended)
        if appended is not None:
            how, delta_rows = "delta", len(appended[2])
            label = f"extended by {len(appended[0])}"
            ids, matrix = _load_matrix(generation, {**meta, "delta_rows": delta_rows})
            fitted = meta
    if how == "delta":
        pass  # features written above; the models are trained below
    elif how == "unchanged":
        assert previous is not None and meta is not None
        store.link_from(previous, generation, store.FEATURE_FILES + store.DELTA_FILES)
        delta_rows = meta.get("delta_rows", 0)
        if meta["has_features"]:
            ids, matrix = _load_matrix(previous, meta)
        else:
            ids, matrix = np.load(generation / "ids.npy"), None
        fitted = meta
        label = "unchanged"
    elif how == "extend":
        assert previous is not None and meta is not None
        vectorizer = features.load_vectorizer(previous / "vectorizer.pkl")
        old_ids, old = _load_matrix(previous, meta)
        new_ids, new = features.transform_new(conn, vectorizer, meta["built_max_id"])
        ids = np.concatenate([old_ids, new_ids])
        matrix = sp.vstack([old, new], format="csr") if new is not None else old
        store.link_from(previous, generation, ("terms.json", "vectorizer.pkl"))
        _save_features(generation, ids, matrix)
        fitted = meta
        label = f"extended by {len(new_ids)}"
    else:
        vectorizer, ids, matrix = features.fit(conn)
        if matrix is not None:
            _save_features(generation, ids, matrix)
            terms = vectorizer.get_feature_names_out().tolist()
            (generation / "terms.json").write_text(json.dumps(terms), encoding="utf-8")
            features.save_vectorizer(vectorizer, generation / "vectorizer.pkl")
        else:
            store.save_array(generation, "ids.npy", ids)
        fitted = {"fitted_papers": len(ids)}
        label = "refit"

    phases = {"features": round(time.perf_counter() - started, 2)}
    # 2. Models: retrained when signals or the vocabulary changed, else the stored weights.
    report = BuildReport(label, "trending")
    tags_meta: list[str] = []
    interest = None
    if matrix is not None:
        retrain = not (
            meta
            and label != "refit"
            and meta["signals_fp"] == signals.fingerprint
            and meta["has_features"]
        )
        interest, tag_models = (
            _train_all(matrix, ids, signals) if retrain else _load_models(previous, meta)  # type: ignore[arg-type]
        )
        if interest is not None:
            report.ranking = "model"
            report.positives, report.negatives = interest.positives, interest.negatives
            store.save_array(generation, "interest_coef.npy", interest.coef)
            store.save_array(generation, "scores.npy", model.scores(matrix, interest))
        phases["models"] = round(time.perf_counter() - started - phases["features"], 2)
        tags_meta = _save_tag_models(generation, matrix, ids, signals, tag_models)
        report.tags = len(tags_meta)

    report.seconds = time.perf_counter() - started
    store.publish(
        folder,
        generation,
        {
            "format": FORMAT,
            "built": clock.utc_stamp(),
            "built_max_id": top,
            "papers_fp": papers_fingerprint(conn),
            "fitted_papers": fitted["fitted_papers"],
            "has_features": matrix is not None,
            "rows": len(ids),
            "delta_rows": delta_rows,
            "nnz": int(matrix.nnz) if matrix is not None else 0,
            "signals_fp": signals.fingerprint,
            "ranking": report.ranking,
            "positives": report.positives,
            "negatives": report.negatives,
            "interest_intercept": interest.intercept if interest is not None else 0.0,
            "tags": tags_meta,
            "features": label,
            "seconds": round(report.seconds, 2),
            "phases": phases,  # seconds to the end of features, of models; the rest: tags
        },
    )
    return report


def _save_features(generation: Path, ids: Any, matrix: Any) -> None:
    import numpy as np

    store.save_array(generation, "ids.npy", ids.astype(np.int64))
    _save_sparse(generation, "csr", matrix)
    _save_sparse(generation, "csc", matrix.tocsc())


def _save_sparse(generation: Path, prefix: str, matrix: Any) -> None:
    """Store a CSR or CSC matrix as PREFIX_indptr/_indices/_data.npy, indices sorted."""
    import numpy as np

    matrix.sort_indices()
    store.save_array(generation, f"{prefix}_indptr.npy", matrix.indptr.astype(np.int64))
    store.save_array(generation, f"{prefix}_indices.npy", matrix.indices.astype(np.int32))
    store.save_array(generation, f"{prefix}_data.npy", matrix.data.astype(np.float32))


def _load_matrix(generation: Path, meta: dict) -> tuple[Any, Any]:
    """Ids and features of every row: the base and the rows added since (delta)."""
    import numpy as np
    import scipy.sparse as sp

    terms = len(json.loads((generation / "terms.json").read_text(encoding="utf-8")))
    ids = np.load(generation / "ids.npy")
    base = _load_csr(generation, "csr", len(ids), terms)
    if not meta.get("delta_rows"):
        return ids, base
    delta_ids, delta = _load_delta(generation, terms)
    return np.concatenate([ids, delta_ids]), sp.vstack([base, delta], format="csr")


def _load_delta(generation: Path, terms: int) -> tuple[Any, Any]:
    import numpy as np
    import scipy.sparse as sp

    if not (generation / "delta_ids.npy").exists():
        return np.zeros(0, dtype=np.int64), sp.csr_matrix((0, terms), dtype=np.float32)
    ids = np.load(generation / "delta_ids.npy")
    return ids, _load_csr(generation, "delta", len(ids), terms)


def _load_csr(generation: Path, prefix: str, rows: int, terms: int) -> Any:
    """The sparse matrix stored as PREFIX_data/_indices/_indptr.npy."""
    import numpy as np
    import scipy.sparse as sp

    parts = (np.load(generation / f"{prefix}_{part}.npy") for part in ("data", "indices", "indptr"))
    return sp.csr_matrix(tuple(parts), shape=(rows, terms))


def _append_delta(
    conn: sqlite3.Connection, previous: Path, generation: Path, meta: dict
) -> tuple[Any, Any, Any, Any, Any] | None:
    """Write the papers added since the last build as delta rows; link everything else.

    Returns (new ids, their features, all delta ids, the old delta, the delta), or
    None when the delta would grow too large (then everything is merged into the base).
    """
    import numpy as np
    import scipy.sparse as sp

    vectorizer = features.load_vectorizer(previous / "vectorizer.pkl")
    new_ids, new = features.transform_new(conn, vectorizer, meta["built_max_id"])
    if new is None:
        return None
    old_ids, old = _load_delta(previous, new.shape[1])
    delta_ids = np.concatenate([old_ids, new_ids])
    base_rows = meta["rows"] - meta.get("delta_rows", 0)
    if len(delta_ids) > DELTA_SHARE * base_rows:
        return None
    delta = sp.vstack([old, new], format="csr")
    store.link_from(previous, generation, store.FEATURE_FILES)
    store.save_array(generation, "delta_ids.npy", delta_ids.astype(np.int64))
    _save_sparse(generation, "delta", delta)
    return new_ids, new, delta_ids, old, delta


def _publish_delta(
    conn: sqlite3.Connection,
    previous: Path,
    generation: Path,
    meta: dict,
    signals: Signals,
    top: int,
    started: float,
    appended: tuple[Any, Any, Any, Any, Any],
) -> BuildReport:
    """Score the new rows with the stored models and publish: the cost of the new papers."""
    import numpy as np

    new_ids, new, delta_ids, old, delta = appended
    base_rows = meta["rows"] - meta.get("delta_rows", 0)
    store.link_from(
        previous, generation, ("interest_coef.npy", "tag_coef.npy", "tag_intercept.npy")
    )
    if meta["ranking"] == "model":
        coef = np.load(previous / "interest_coef.npy")
        fresh = (new @ coef + meta["interest_intercept"]).astype(np.float32)
        store.save_array(
            generation, "scores.npy", np.concatenate([np.load(previous / "scores.npy"), fresh])
        )
    if meta["tags"]:
        coefs = np.load(previous / "tag_coef.npy")
        intercepts = np.load(previous / "tag_intercept.npy")
        fresh_scores = np.asarray(new @ coefs.T) + intercepts
        lists = json.loads((previous / "suggestions.json").read_text(encoding="utf-8"))
        skipped = set(signals.skipped)
        for index, tag in enumerate(meta["tags"]):
            excluded = skipped | set(signals.tagged.get(tag, []))
            candidates = lists.get(tag, []) + [
                [int(i), float(fresh_scores[r, index])]
                for r, i in enumerate(new_ids)
                if int(i) not in excluded
            ]
            candidates.sort(key=lambda item: -item[1])
            lists[tag] = candidates[:SUGGESTIONS_KEPT]
        (generation / "suggestions.json").write_text(json.dumps(lists), encoding="utf-8")
    label = f"extended by {len(new_ids)}"
    seconds = time.perf_counter() - started
    store.publish(
        generation.parent,
        generation,
        {
            **meta,
            "built": clock.utc_stamp(),
            "built_max_id": top,
            "papers_fp": papers_fingerprint(conn),
            "rows": base_rows + len(delta_ids),
            "delta_rows": len(delta_ids),
            "nnz": meta["nnz"] - (old.nnz if old is not None else 0) + delta.nnz,
            "features": label,
            "seconds": round(seconds, 2),
            "phases": {"features": round(seconds, 2)},
        },
    )
    return BuildReport(
        label,
        meta["ranking"],
        meta["positives"],
        meta["negatives"],
        len(meta["tags"]),
        seconds,
    )


def _rows(ids: Any, paper_ids: list[int]) -> Any:
    import numpy as np

    wanted = np.asarray(sorted(set(paper_ids)), dtype=np.int64)
    positions = np.searchsorted(ids, wanted)
    positions = positions[positions < len(ids)]
    return positions[ids[positions] == wanted[: len(positions)]] if len(wanted) else positions


def _train_all(
    matrix: Any, ids: Any, signals: Signals
) -> tuple[model.LinearModel | None, dict[str, model.LinearModel]]:
    interest = None
    positive = _rows(ids, signals.positives)
    if len(positive) >= model.MIN_POSITIVES:
        interest = model.train(matrix, positive, _rows(ids, signals.negatives))
    tag_models = {}
    popular = sorted(signals.tagged.items(), key=lambda item: (-len(item[1]), item[0].lower()))
    for tag, tagged in popular[: model.MAX_TAG_MODELS]:
        rows = _rows(ids, tagged)
        if len(rows) >= model.MIN_TAGGED:
            tag_models[tag] = model.train(matrix, rows, _rows(ids, signals.skipped))
    return interest, tag_models


def _load_models(
    previous: Path, meta: dict
) -> tuple[model.LinearModel | None, dict[str, model.LinearModel]]:
    import numpy as np

    interest = None
    if meta["ranking"] == "model":
        interest = model.LinearModel(
            np.load(previous / "interest_coef.npy"),
            meta["interest_intercept"],
            meta["positives"],
            meta["negatives"],
        )
    tag_models = {}
    if meta["tags"]:
        coefs = np.load(previous / "tag_coef.npy")
        intercepts = np.load(previous / "tag_intercept.npy")
        for index, tag in enumerate(meta["tags"]):
            tag_models[tag] = model.LinearModel(coefs[index], float(intercepts[index]), 0, 0)
    return interest, tag_models


def _save_tag_models(
    generation: Path, matrix: Any, ids: Any, signals: Signals, tag_models: dict
) -> list[str]:
    """Store each tag's weights and its best papers not carrying it (nor skipped)."""
    import numpy as np

    tags = list(tag_models)
    if not tags:
        return []
    coefs = np.stack([tag_models[t].coef for t in tags])
    intercepts = np.asarray([tag_models[t].intercept for t in tags], dtype=np.float32)
    store.save_array(generation, "tag_coef.npy", coefs)
    store.save_array(generation, "tag_intercept.npy", intercepts)
    all_scores = np.asarray(matrix @ coefs.T) + intercepts  # rows x tags
    skipped = set(_rows(ids, signals.skipped).tolist())
    suggestions = {}
    for index, tag in enumerate(tags):
        column = all_scores[:, index]
        excluded = skipped | set(_rows(ids, signals.tagged.get(tag, [])).tolist())
        order = np.argsort(-column, kind="stable")
        best = [int(r) for r in order[: SUGGESTIONS_KEPT + len(excluded)] if int(r) not in excluded]
        suggestions[tag] = [[int(ids[r]), float(column[r])] for r in best[:SUGGESTIONS_KEPT]]
    (generation / "suggestions.json").write_text(json.dumps(suggestions), encoding="utf-8")
    return tags
