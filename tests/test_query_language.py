"""The search language on a library built here, with the exact papers each query finds."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from readinglist.core.digest import parse_digest
from readinglist.core.library import Library
from readinglist.core.query import QueryError, parse

PAPERS = {
    "A": (
        "Gradient Descent Finds Global Minima",
        "We prove that gradient descent converges for deep networks. Theory of optimisation.",
    ),
    "B": (
        "Diffusion Models Beat GANs on Image Synthesis",
        "Diffusion models reach better sample quality than generative adversarial networks.",
    ),
    "C": (
        "μLO: Compute-Efficient Meta-Generalization of Learned Optimizers",
        "Learned optimizers are trained with meta gradient descent on many small tasks.",
    ),
    "D": (
        "Dense Hebbian neural networks: a replica symmetric picture of supervised learning",
        "We study dense associative memories trained with supervision, using replica theory.",
    ),
    "E": (
        "Scaling Laws for Diffusion Transformers",
        "We fit power laws to the loss of diffusion transformers across compute budgets.",
    ),
}


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "lib.sqlite"
    text = "new\n\nMay 5\n\n" + "".join(f"{t}\n\n{a}\n\n" for t, a in PAPERS.values())
    library = Library(path)
    library.import_digests([parse_digest(text.encode(), "may.txt")])
    second = "new\n\nJune 1\n\n" + "".join(f"{PAPERS[k][0]}\n\n{PAPERS[k][1]}\n\n" for k in "BE")
    library.import_digests([parse_digest(second.encode(), "june.txt")])
    ids = {key: library.ids(f'title:"{title}"')[0] for key, (title, _) in PAPERS.items()}
    library.add_tags([ids["A"], ids["C"]], ["theory"])
    library.add_tags([ids["B"]], ["to read", "Generative"])
    library.set_rating([ids["A"]], 5)
    library.set_rating([ids["C"]], 4)
    library.set_rating([ids["B"]], 2)
    library.set_status([ids["B"]], "read")
    library.set_status([ids["C"]], "reading")
    library.set_note(ids["D"], "Compare with the **Hopfield** energy.")
    library.ids_by_key = ids
    yield library
    library.close()


CASES = [
    ("", "ABCDE"),
    ("gradient descent", "AC"),
    ("gradient desc", "AC"),  # the last word as a prefix
    ('"gradient descent converges"', "A"),
    ("diffusion -transformers", "B"),
    ("hebbian OR synthesis", "BD"),
    ("(hebbian OR synthesis) image", "B"),
    ("title:diffusion", "BE"),
    ("abstract:replica", "D"),
    ("note:hopfield", "D"),
    ("hopfield", "D"),
    ("tag:theory", "AC"),
    ("tag:THEORY", "AC"),
    ('tag:"to read"', "B"),
    ("-tag:theory", "BDE"),
    ("rating:4", "C"),
    ("rating:>=4", "AC"),
    ("rating:<3", "BDE"),
    ("rating:0", "DE"),
    ("is:unread", "ADE"),
    ("is:read", "B"),
    ("is:reading", "C"),
    ("has:note", "D"),
    ("has:tag", "ABC"),
    ("-has:tag", "DE"),
    ("seen:>1", "BE"),
    ("seen:1", "ACD"),
    ("digest:june", "BE"),
    ("digest:2026-05-05", "ABCDE"),
    ("μLO", "C"),
    ("μlo meta", "C"),
    ("is:unread theory gradient", "A"),
    ("tag:theory rating:>=4 -is:reading gradient descent", "A"),
    ("generative", "B"),  # a tag word is searchable as a word too
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_query_finds_exactly(lib, text, expected):
    ids = lib.ids_by_key
    found = set(lib.ids(text))
    assert found == {ids[k] for k in expected}, text


def test_added_and_new_fields(lib):
    today = lib.paper(lib.ids_by_key["A"]).added[:7]
    assert len(lib.ids(f"added:{today}")) == 5
    assert lib.ids("added:<2000") == []
    assert lib.ids("added:>=2000-01-01") != []
    assert lib.ids("new:") == []  # the latest import (june) added nothing new


MALFORMED = [
    ('"unclosed', 'unclosed quote: add a closing "'),
    ("(a OR b", "unbalanced '(': no ')' closes it"),
    ("a)", "unbalanced ')': no '(' opens it"),
    ("()", "empty parentheses"),
    (
        "rating:>>x",
        "expected a number with an optional >, >=, < or <=, like rating:4, rating:>=3 or rating:0",
    ),
    ("rating:9", "ratings go from 0 (unrated) to 5"),
    ("seen:many", "expected a number with an optional >, >=, < or <=, like seen:>1 or seen:3"),
    ("is:finished", "is: takes unread, reading, read, inbox, kept, skipped, later"),
    ("has:pdf", "has: takes note, tag, abstract, rating or arxiv"),
    ("added:yesterday", "added: takes a date like 2026-11 or >=2026-11-01"),
    ("tag:", 'tag: needs a tag name, like tag:gnn or tag:"to read"'),
    ("OR b", "OR needs a term before it"),
    ("a OR", "OR needs a term after it"),
    ("a -", None),  # a lone dash at the end is just punctuation
]


@pytest.mark.parametrize(("text", "message"), MALFORMED)
def test_malformed_queries_have_their_own_message(text, message):
    if message is None:
        parse(text)
        return
    with pytest.raises(QueryError) as error:
        parse(text).clause()
    assert error.value.message == message


def test_typo_in_a_field_name_is_named():
    with pytest.raises(QueryError) as error:
        parse("ratin:4")
    assert error.value.message.startswith("unknown field ratin:; did you mean rating:?")


QUERY_PIECES = [
    *'ab "()-:<>=*^\\',
    " OR ",
    "tag:",
    "rating:",
    "is:",
    "seen:",
    "added:",
    "has:",
    "title:",
    "digest:",
    "new:",
    "μ",
    "\u0000",
    "3",
    ">=",
    "read",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(QUERY_PIECES), max_size=12).map("".join) | st.text(max_size=30))
def test_random_queries_raise_only_query_errors(lib, text):
    try:
        query = parse(text)
    except QueryError:
        return
    lib.ids(query)  # compiles and runs in SQLite without any other error


def test_typo_tolerance_offers_a_correction(lib):
    suggestion = lib.suggest("difusion modls")
    assert suggestion.text == "diffusion models"
    assert lib.ids(suggestion.text) == [lib.ids_by_key["B"]]
    assert lib.suggest("diffusion models") is None


def test_saved_searches_round_trip(lib):
    lib.save_search("Theory", "tag:theory rating:>=4")
    assert lib.saved_search("theory") == "tag:theory rating:>=4"
    lib.rename_saved_search("Theory", "Good theory")
    assert lib.saved_searches() == [("Good theory", "tag:theory rating:>=4")]
    with pytest.raises(QueryError):
        lib.save_search("Broken", "rating:>>x")
    lib.delete_saved_search("good theory")
    assert lib.saved_searches() == []
