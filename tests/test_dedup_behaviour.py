"""How sure the duplicate review is about a pair: the score orders the pairs a user reviews."""

from collections import Counter

import pytest

from readinglist.core.dedup import PaperText, candidates, compare, title_tokens

ABSTRACT = (
    "We propose a method for training sparse networks that keeps accuracy while "
    "removing most weights. Experiments on image and text benchmarks confirm it."
)
NEAR = ABSTRACT.replace("most weights", "many weights").replace("confirm it", "confirm this")


def scored(title_a, title_b, abstract_a="", abstract_b=""):
    papers = [PaperText(1, title_a, abstract_a), PaperText(2, title_b, abstract_b)]
    df = Counter(t for p in papers for t in set(title_tokens(p.title)))
    found = compare(papers[0], papers[1], df)
    return found and (found.score, found.reason)


SAME = "same title apart from case, punctuation or LaTeX"


@pytest.mark.parametrize(
    ("a", "b", "abstract_b", "expected"),
    [
        (
            "Sparse Training at Scale",
            "Sparse training at scale",
            ABSTRACT,
            (98, f"same abstract; {SAME}"),
        ),
        (
            "Sparse Training at the Scale",
            "Sparse Training at Scale",
            ABSTRACT,
            (92, "same abstract; title differs by small words (the)"),
        ),
        (
            "Sparse Pruning at Scale",
            "Sparse Training at Scale",
            ABSTRACT,
            (85, "same abstract; title differs by 2 words (pruning, training)"),
        ),
        (
            "Sparse Pruning at Scale",
            "Sparse Training at Scale",
            NEAR,
            (72, "nearly the same abstract (97%); title differs by 2 words (pruning, training)"),
        ),
        (
            "Fast Sparse Training",
            "Slow Dense Pruning",
            ABSTRACT,
            (85, "same abstract; title differs by 6 words (fast, slow, sparse, …)"),
        ),
        (
            "Fast Sparse Training",
            "Slow Sparse Pruning",
            ABSTRACT,
            (85, "same abstract; title differs by 4 words (fast, slow, training, …)"),
        ),
        (
            "Sparse Training",
            "Dense Training",
            ABSTRACT,
            (85, "same abstract; title differs by 2 words (sparse, dense)"),
        ),
    ],
)
def test_pairs_with_an_abstract_in_common(a, b, abstract_b, expected):
    assert scored(a, b, ABSTRACT, abstract_b) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("Sparse Training at Scale", "SPARSE TRAINING AT SCALE", (97, SAME)),
        (
            "Sparse Trainnig at Scale",
            "Sparse Training at Scale",
            (94, "title differs by a typo (trainnig / training)"),
        ),
        (
            "Sparse Trainnig at Scael",
            "Sparse Training at Scale",
            (91, "title differs by a typo (trainnig / training, scael / scale)"),
        ),
        (
            "Sparse Regularisation at Scale",
            "Sparse Regularizatoin at Scale",
            (94, "title differs by a typo (regularisation / regularizatoin)"),
        ),
        (
            "Sparse Training at the Scale",
            "Sparse Training at Scale",
            (90, "title differs by small words (the)"),
        ),
    ],
)
def test_pairs_known_by_title_alone(a, b, expected):
    assert scored(a, b) == expected


def test_two_typos_in_a_short_word_are_another_word():
    assert scored("Sparse Garhp Training", "Sparse Graph Training") is None


def test_pairs_come_best_first_with_the_lower_id_first():
    papers = [
        PaperText(7, "Sparse Training at Scale", ABSTRACT),
        PaperText(3, "Sparse training at scale", ABSTRACT),
        PaperText(5, "Sparse Trainnig at Scale", ""),
        PaperText(9, "Graph Neural Networks for Chemistry", ""),
    ]
    found = [(c.a, c.b, c.score) for c in candidates(papers)]
    assert found == [(3, 7, 98), (3, 5, 94), (5, 7, 94)]


def test_a_pair_dismissed_or_outside_the_new_papers_is_not_proposed():
    papers = [
        PaperText(1, "Sparse Training at Scale", ABSTRACT),
        PaperText(2, "Sparse training at scale", ABSTRACT),
        PaperText(3, "Sparse Trainnig at Scale", ""),
    ]
    assert [(c.a, c.b) for c in candidates(papers, dismissed={(1, 2)})] == [(1, 3), (2, 3)]
    assert [(c.a, c.b) for c in candidates(papers, among={3})] == [(1, 3), (2, 3)]
    assert [(c.a, c.b) for c in candidates(papers, min_score=95)] == [(1, 2)]
