"""Typo tolerance as a user meets it: "did you mean" for misspelt words, never for right ones."""

import pytest

from readinglist.core.digest import parse_digest
from readinglist.core.library import Library

FILL = " We report experiments on several standard benchmarks and release all of our code."
PAPERS = [
    ("Graph neural networks", "Message passing on a graph."),
    ("Graph transformers", "Attention over graph nodes."),
    ("Diffusion models", "A model that removes noise."),
    ("Gram matrices of kernels", "Kernels compared."),
]


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    text = "new\n\nMay 5\n\n" + "".join(f"{t}\n\n{a}{FILL}\n\n" for t, a in PAPERS)
    with Library(tmp_path_factory.mktemp("suggest") / "lib.sqlite") as library:
        library.import_digests([parse_digest(text.encode(), "may.txt")])
        yield library


def corrected(lib, text):
    suggestion = lib.suggest(text)
    return suggestion and (suggestion.text, suggestion.replacements)


def test_a_swap_of_two_letters_is_one_typo(lib):
    assert corrected(lib, "modle ") == ("model", {"modle": "model"})


def test_among_equally_close_words_the_commoner_wins(lib):
    # "graph" (in two papers) and "gram" (in one) are both one edit from "grap".
    assert corrected(lib, "grap ") == ("graph", {"grap": "graph"})


def test_short_words_allow_one_typo_longer_ones_two(lib):
    assert corrected(lib, "nral ") is None  # "neural" is two edits from a four-letter word
    assert corrected(lib, "nurel ") == ("neural", {"nurel": "neural"})
    assert corrected(lib, "trnsfrmr ") is None  # three edits is another word
    assert corrected(lib, "zzzzzz ") is None


def test_only_the_misspelt_words_are_replaced(lib):
    assert corrected(lib, "diffusion modle ") == ("diffusion model", {"modle": "model"})
    assert corrected(lib, "graph neural networks") is None


def test_a_word_still_being_typed_is_left_alone(lib):
    assert lib.suggest("diffusi") is None  # the start of "diffusion"
    assert corrected(lib, "diffusi ") == ("diffusion", {"diffusi": "diffusion"})


def test_the_suggestion_names_each_replacement(lib):
    assert lib.suggest("grap modle ").describe() == "grap → graph, modle → model"


def test_the_corrections_follow_the_library_as_it_changes(lib):
    assert corrected(lib, "hopfeld ") is None
    (paper_id,) = lib.ids('title:"Gram matrices"')
    lib.set_note(paper_id, "Like a Hopfield network.")
    assert corrected(lib, "hopfeld ") == ("hopfield", {"hopfeld": "hopfield"})
    lib.set_note(paper_id, "")


def test_a_misspelt_word_in_a_text_field_is_corrected_in_place(lib):
    assert corrected(lib, "title:difusion ") == ("title:diffusion", {"difusion": "diffusion"})
    assert corrected(lib, "Abstract:modle ") == ("Abstract:model", {"modle": "model"})


def test_the_value_of_another_field_is_never_rewritten(lib):
    assert corrected(lib, "tag:modle modle ") == ("tag:modle model", {"modle": "model"})


def test_a_word_misspelt_twice_is_corrected_both_times(lib):
    assert corrected(lib, "modle graph modle ") == ("model graph model", {"modle": "model"})


def test_three_typos_are_too_many_even_in_a_long_word(lib):
    assert corrected(lib, "dffsion ") == ("diffusion", {"dffsion": "diffusion"})
    assert corrected(lib, "dffsin ") is None


def test_typing_a_word_past_the_last_indexed_one_is_no_error(lib):
    assert lib.suggest("zzzz") is None
