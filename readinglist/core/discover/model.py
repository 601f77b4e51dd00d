"""Linear models over the features: interest (the user's signals) and one per tag.

As arxiv-sanity-lite: a LinearSVC with balanced class weights, positives
against explicit negatives plus a sample of the other papers as background;
papers are ranked by the decision function, and the terms whose weight times
the paper's feature value are largest say why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MIN_POSITIVES = 3  # fewer interest signals than this: the honest fallback (trending)
MIN_TAGGED = 2  # a tag on fewer papers has no model
MAX_TAG_MODELS = 200  # the most used tags get a model; a build stays bounded
BACKGROUND = 5000  # unlabelled papers sampled as background negatives
BACKGROUND_WEIGHT = 0.5  # an unlabelled paper counts half an explicit negative
WHY_TERMS = 3


@dataclass
class LinearModel:
    coef: Any  # float32 array, one weight per term
    intercept: float
    positives: int
    negatives: int


def train(
    matrix: Any, positive_rows: Sequence[int], negative_rows: Sequence[int], seed: int = 0
) -> LinearModel:
    """Fit positives against explicit negatives and a background sample of the rest."""
    import numpy as np
    from sklearn.svm import LinearSVC

    n = matrix.shape[0]
    positive = np.unique(np.asarray(positive_rows, dtype=np.int64))
    negative = np.setdiff1d(np.unique(np.asarray(negative_rows, dtype=np.int64)), positive)
    others = np.setdiff1d(np.arange(n), np.concatenate([positive, negative]))
    rng = np.random.default_rng(seed)
    if len(others) > BACKGROUND:
        others = np.sort(rng.choice(others, BACKGROUND, replace=False))
    rows = np.concatenate([positive, negative, others])
    labels = np.concatenate([np.ones(len(positive)), np.zeros(len(negative) + len(others))])
    weights = np.concatenate(
        [np.ones(len(positive) + len(negative)), np.full(len(others), BACKGROUND_WEIGHT)]
    )
    classifier = LinearSVC(class_weight="balanced", C=0.1, max_iter=10_000, tol=1e-6)
    classifier.fit(matrix[rows], labels, sample_weight=weights)
    return LinearModel(
        coef=classifier.coef_[0].astype(np.float32),
        intercept=float(classifier.intercept_[0]),
        positives=len(positive),
        negatives=len(negative) + len(others),
    )


def scores(matrix: Any, model: LinearModel) -> Any:
    import numpy as np

    return (matrix @ model.coef + model.intercept).astype(np.float32)


def why(indices: Any, data: Any, coef: Any, terms: Sequence[str], k: int = WHY_TERMS) -> list[str]:
    """The k terms of one paper that weigh most towards its score."""
    import numpy as np

    if len(indices) == 0:
        return []
    contribution = np.asarray(coef)[indices] * data
    order = np.argsort(-contribution)[:k]
    return [terms[int(indices[i])] for i in order if contribution[i] > 0]
