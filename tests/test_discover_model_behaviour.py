"""The interest model: what it learns from, how it scores, and which words it says why with."""

import numpy as np
import scipy.sparse as sp

from readinglist.core.discover import model


def test_the_words_that_weigh_most_say_why_and_only_those_that_help():
    terms = ["graph", "neural", "quantum", "spin", "noise"]
    coef = np.array([0.5, 0.1, 2.0, -1.0, 0.3], dtype=np.float32)
    indices = np.array([0, 2, 3, 4])
    data = np.array([1.0, 0.5, 3.0, 0.1])
    assert model.why(indices, data, coef, terms) == ["quantum", "graph", "noise"]
    assert model.why(indices, data, coef, terms, k=2) == ["quantum", "graph"]
    assert model.why(np.array([3]), np.array([1.0]), coef, terms) == []  # only a negative weight
    assert model.why(np.array([], dtype=int), np.array([]), coef, terms) == []


def test_a_model_learns_positives_against_negatives_and_background():
    # Rows 0-2 hold term 0 (liked), rows 3-4 term 1 (disliked), the rest term 2.
    rows = [[1, 0, 0]] * 3 + [[0, 1, 0]] * 2 + [[0, 0, 1]] * 5
    matrix = sp.csr_matrix(np.array(rows, dtype=np.float32))
    trained = model.train(matrix, [0, 1, 2, 2], [3, 4, 0])  # 0 is positive: not a negative
    assert (trained.positives, trained.negatives) == (3, 7)
    assert trained.coef.dtype == np.float32 and trained.coef.shape == (3,)
    scores = model.scores(matrix, trained)
    assert scores.dtype == np.float32
    assert scores[:3].min() > scores[3:].max()
    assert trained.coef[0] > 0 > trained.coef[1]
    alone = model.train(matrix, [0, 1, 2], [])  # no explicit negatives: background only
    assert (alone.positives, alone.negatives) == (3, 7)
    assert model.scores(matrix, alone)[0] > model.scores(matrix, alone)[9]


def test_a_large_library_samples_its_background(monkeypatch):
    monkeypatch.setattr(model, "BACKGROUND", 4)
    matrix = sp.csr_matrix(np.eye(12, dtype=np.float32))
    trained = model.train(matrix, [0, 1, 2], [3])
    assert (trained.positives, trained.negatives) == (3, 1 + 4)


def test_each_unlabelled_paper_counts_once_in_a_sampled_background(monkeypatch):
    import sklearn.svm

    fitted = []

    class Recording(sklearn.svm.LinearSVC):
        def fit(self, x, y, sample_weight=None):
            fitted.append((x.toarray(), sample_weight))
            return super().fit(x, y, sample_weight=sample_weight)

    monkeypatch.setattr(sklearn.svm, "LinearSVC", Recording)
    monkeypatch.setattr(model, "BACKGROUND", 30)
    matrix = sp.csr_matrix(np.eye(40, dtype=np.float32))
    model.train(matrix, [0, 1, 2], [3], seed=5)
    [(rows, weights)] = fitted
    background = rows[4:]
    assert len(background) == 30
    assert len({tuple(r) for r in background}) == 30  # thirty papers, none twice
    assert weights.tolist() == [1.0] * 4 + [model.BACKGROUND_WEIGHT] * 30
