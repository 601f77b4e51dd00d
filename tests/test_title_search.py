"""Paper titles for the command palette: index candidates, fuzzy ranking, no FTS5 syntax."""

import pytest

from readinglist.core.title_search import search_titles, title_candidates


def test_a_typo_and_any_word_order_still_find_the_title(sample_library):
    matches = search_titles(
        sample_library.conn, "symmetric replica hebian", sample_library.vocabulary
    )
    assert matches and matches[0].title.startswith("Dense Hebbian neural networks")


def test_titles_with_every_word_rank_above_titles_with_one(sample_library):
    matches = search_titles(sample_library.conn, "riemannian diffusion")
    assert matches[0].title == "Scaling Riemannian Diffusion Models"
    assert any("Riemannian" not in m.title for m in matches)  # "diffusion" alone also listed


def test_candidates_are_bounded_however_common_the_prefix(sample_library):
    assert len(title_candidates(sample_library.conn, "neu tra dif", limit=7)) == 7


@pytest.mark.parametrize("text", ['"', "AND", "NEAR(", "a*b", "title:", "-", "()", "^x", ""])
def test_search_syntax_typed_in_the_palette_is_only_text(sample_library, text):
    search_titles(sample_library.conn, text, sample_library.vocabulary)  # no error raised
