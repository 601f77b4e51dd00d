"""Searches with words come best match first (bm25), not in library order."""

import pytest

from readinglist.core.digest import parse_digest
from readinglist.core.library import Library
from readinglist.core.result_pages import ResultPages

# In library order: weak, other, strong, medium. By bm25 for "hebbian": strong, medium, weak.
PAPERS = [
    (
        "A Survey of Optimisation Methods for Deep Networks",
        "We review optimisers, schedules, regularisers, normalisation, initialisation,"
        " curricula, data augmentation and, briefly, one hebbian rule among many others.",
    ),
    (
        "Scaling Laws for Diffusion Transformers",
        "We fit power laws to the loss of diffusion transformers across many compute budgets.",
    ),
    (
        "Hebbian Learning: Hebbian Plasticity in Hebbian Networks",
        "Hebbian updates make hebbian networks store patterns in their weights over time.",
    ),
    (
        "Sparse Codes",
        "A hebbian rule learns sparse codes of hebbian inputs from natural image patches.",
    ),
]
WEAK, OTHER, STRONG, MEDIUM = range(4)


@pytest.fixture
def lib(tmp_path):
    text = "new\n\nMay 5\n\n" + "".join(f"{t}\n\n{a}\n\n" for t, a in PAPERS)
    with Library(tmp_path / "lib.sqlite") as library:
        library.import_digests([parse_digest(text.encode(), "may.txt")])
        library.by_key = library.ids("")  # ids in library order, as PAPERS lists them
        yield library


def order(lib, keys):
    return [lib.by_key[k] for k in keys]


def test_best_match_first_not_library_order(lib):
    found = lib.ids("hebbian")
    assert found == order(lib, [STRONG, MEDIUM, WEAK])
    assert found != sorted(found) and found != sorted(found, reverse=True)


def test_ranking_holds_with_a_field_filter_and_in_pages(lib):
    lib.set_status(order(lib, [WEAK, STRONG]), "read")
    assert lib.ids("hebbian is:read") == order(lib, [STRONG, WEAK])
    assert lib.ids("hebbian", limit=1, offset=1) == order(lib, [MEDIUM])


def test_excluded_words_do_not_rank(lib):
    assert lib.ids("hebbian -plasticity") == order(lib, [MEDIUM, WEAK])


def test_a_sort_column_overrides_relevance(lib):
    assert lib.ids("hebbian", sort="title") == order(lib, [WEAK, STRONG, MEDIUM])


def test_beyond_the_rank_limit_results_come_in_library_order(lib, monkeypatch):
    monkeypatch.setattr("readinglist.core.library.RANK_LIMIT", 2)
    assert lib.ids("hebbian") == order(lib, [WEAK, STRONG, MEDIUM])


def test_the_window_s_result_pages_keep_the_ranking(lib):
    pages = ResultPages(lib, "hebbian", page=1, whole=1)
    assert [pages.id_at(row) for row in range(len(pages))] == order(lib, [STRONG, MEDIUM, WEAK])
