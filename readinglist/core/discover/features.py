"""Tf-idf features of title and abstract (words and word pairs), as arxiv-sanity-lite.

scikit-learn is imported here only, and only when features are built: opening
the window or running a CLI command that reads the cache never imports it.
"""

from __future__ import annotations

import os
import pickle
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

TOKEN_PATTERN = r"(?u)\b[a-zA-Z_][a-zA-Z0-9_]+\b"  # words, not numbers or LaTeX crumbs
MAX_FEATURES = 30_000
BATCH = 5000  # papers read and transformed at a time (bounded memory)
FIT_SAMPLE = 20_000  # papers the vocabulary and idf are learnt from


def vectorizer_for(n_papers: int) -> Any:
    """A TfidfVectorizer whose bounds suit the library's size."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        strip_accents="unicode",
        lowercase=True,
        stop_words="english",
        token_pattern=TOKEN_PATTERN,
        ngram_range=(1, 2),
        max_features=MAX_FEATURES,
        sublinear_tf=True,
        # Rare terms only add noise in a large library; in a small one they are all we have.
        min_df=3 if n_papers >= 10_000 else 2 if n_papers >= 100 else 1,
        # Words in a tenth of the papers say little about any one of them ("model").
        max_df=0.1 if n_papers >= 200 else 1.0,
        dtype=np.float32,
    )


def paper_texts(conn: sqlite3.Connection, after_id: int = 0) -> Iterator[list[tuple[int, str]]]:
    """(id, title and abstract) of papers with id > after_id, in id order, in batches."""
    last = after_id
    while True:
        rows = conn.execute(
            "SELECT id, title, abstract FROM papers WHERE id > ? ORDER BY id LIMIT ?",
            (last, BATCH),
        ).fetchall()
        if not rows:
            return
        yield [(i, f"{title}. {title}. {abstract}") for i, title, abstract in rows]
        last = rows[-1][0]


def fit(conn: sqlite3.Connection) -> tuple[Any, Any, Any]:
    """Fit a vectorizer and compute every paper's features: (vectorizer, ids, CSR matrix);
    (None, ids, None) when the library has too few words to learn from.

    A large library's vocabulary and idf are learnt from an even sample of FIT_SAMPLE
    papers (the terms that matter are frequent enough to be in it); all papers are then
    transformed in batches, in parallel where there are cores.
    """
    import numpy as np

    ids: list[int] = []
    texts: list[str] = []
    for batch in paper_texts(conn):
        ids.extend(i for i, _ in batch)
        texts.extend(t for _, t in batch)
    sample = texts[:: max(1, len(texts) // FIT_SAMPLE)] if len(texts) > FIT_SAMPLE else texts
    vectorizer = vectorizer_for(len(sample))
    try:
        fitted = vectorizer.fit_transform(sample)
    except ValueError:  # empty vocabulary: no papers, or none with a usable word
        return None, np.asarray(ids, dtype=np.int64), None
    # Terms pruned by min_df/max_features: large, and not needed to transform.
    vectorizer.stop_words_ = None
    matrix = fitted.tocsr() if sample is texts else transform(vectorizer, texts)
    return vectorizer, np.asarray(ids, dtype=np.int64), matrix


def transform(vectorizer: Any, texts: list[str]) -> Any:
    """Features of many texts, on as many processes as there are cores (up to 4)."""
    import scipy.sparse as sp

    workers = min(4, os.cpu_count() or 1)
    batches = [texts[i : i + BATCH] for i in range(0, len(texts), BATCH)]
    if workers < 2 or len(batches) < 2:
        return sp.vstack([vectorizer.transform(b) for b in batches], format="csr")
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_set_worker_vectorizer, initargs=(vectorizer,)
    ) as pool:
        parts = list(pool.map(_worker_transform, batches))
    return sp.vstack(parts, format="csr")


_worker_vectorizer: Any = None


def _set_worker_vectorizer(vectorizer: Any) -> None:
    global _worker_vectorizer
    _worker_vectorizer = vectorizer


def _worker_transform(texts: list[str]) -> Any:
    return _worker_vectorizer.transform(texts)


def transform_new(conn: sqlite3.Connection, vectorizer: Any, after_id: int) -> tuple[Any, Any]:
    """Features of papers added since the fit, with the fitted vocabulary: (ids, CSR)."""
    import numpy as np
    import scipy.sparse as sp

    ids: list[int] = []
    parts = []
    for batch in paper_texts(conn, after_id):
        ids.extend(i for i, _ in batch)
        parts.append(vectorizer.transform([t for _, t in batch]))
    if not parts:
        return np.zeros(0, dtype=np.int64), None
    return np.asarray(ids, dtype=np.int64), sp.vstack(parts, format="csr")


def save_vectorizer(vectorizer: Any, path: Path) -> None:
    with path.open("wb") as out:
        pickle.dump(vectorizer, out, protocol=pickle.HIGHEST_PROTOCOL)


def load_vectorizer(path: Path) -> Any:
    # Our own file, written by build.py beside the library: never a download.
    with path.open("rb") as source:
        return pickle.load(source)  # noqa: S301
