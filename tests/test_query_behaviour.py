"""The search language's edges as a user types them."""

import pytest

from readinglist.core.digest import parse_digest
from readinglist.core.library import Library
from readinglist.core.query import QueryError, parse, restrict_to_ids, restrict_to_tags

FILL = " We report experiments on several standard benchmarks and release all of our code."
PAPERS = [
    ("Graph neural networks", "Message passing on a graph."),
    ("Graph ne plus ultra", "The best graph of all."),
    ("Diffusion models", "A model that removes noise."),
]


@pytest.fixture(scope="module")
def lib(tmp_path_factory):
    text = "new\n\nMay 5\n\n" + "".join(f"{t}\n\n{a}{FILL}\n\n" for t, a in PAPERS)
    with Library(tmp_path_factory.mktemp("query") / "lib.sqlite") as library:
        library.import_digests([parse_digest(text.encode(), "may.txt")])
        yield library


def titles(lib, text):
    return sorted(p.title for p in lib.search(text, with_digests=False))


def test_a_short_last_word_is_matched_whole_not_as_a_prefix(lib):
    assert titles(lib, "graph ne") == ["Graph ne plus ultra"]
    assert titles(lib, "graph neu") == ["Graph neural networks"]


def test_either_of_two_words(lib):
    assert titles(lib, "noise OR ultra") == ["Diffusion models", "Graph ne plus ultra"]
    assert titles(lib, "graph (noise OR ultra)") == ["Graph ne plus ultra"]


def error(text):
    with pytest.raises(QueryError) as caught:
        parse(text).clause()
    return caught.value.message, caught.value.position


def test_a_minus_needs_something_to_leave_out():
    assert error("graph -OR x") == ("'-' needs a word or field after it", 6)
    assert error("(graph -)") == ("'-' needs a word or field after it", 7)


def test_an_opening_parenthesis_at_the_end_is_named_as_unclosed():
    assert error("graph (") == ("unbalanced '(': no ')' closes it", 6)
    assert error("graph ( ") == ("unbalanced '(': no ')' closes it", 6)
    assert error("graph ()") == ("empty parentheses", 6)
    assert error("(graph") == ("unbalanced '(': no ')' closes it", 0)


def test_an_unclosed_quote_in_a_field_is_named_where_it_opens():
    assert error('graph tag:"to read') == ('unclosed quote: add a closing "', 10)
    assert error('graph "to read') == ('unclosed quote: add a closing "', 6)


def test_a_selection_or_a_tag_narrows_a_search(lib):
    everything = parse("")
    assert lib.ids(restrict_to_ids(everything, [3, 1])) == [1, 3]
    assert lib.ids(restrict_to_ids(parse("graph"), [2, 3]), sort="id") == [2]
    lib.add_tags([1, 2], ["theory"])
    lib.add_tags([2], ["to read"])
    try:
        assert lib.ids(restrict_to_tags(everything, ["theory"])) == [1, 2]
        assert lib.ids(restrict_to_tags(everything, ["theory", "to read"])) == [2]
        assert lib.ids(restrict_to_tags(parse("neural"), [])) == [1]
    finally:
        lib.delete_tag("theory")
        lib.delete_tag("to read")


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("title:--", "title: needs a word, like title:diffusion"),
        ('tag:""', 'tag: needs a tag name, like tag:gnn or tag:"to read"'),
        ("rating:6", "ratings go from 0 (unrated) to 5"),
        (
            "rating:high",
            "expected a number with an optional >, >=, < or <=, like "
            "rating:4, rating:>=3 or rating:0",
        ),
        ("seen:x", "expected a number with an optional >, >=, < or <=, like seen:>1 or seen:3"),
        (
            "seen:>99999999999999999999",
            "the number is too large (at most 9,223,372,036,854,775,807)",
        ),
        ("is:done", "is: takes unread, reading, read, inbox, kept, skipped, later"),
        ("has:pdf", "has: takes note, tag, abstract, rating or arxiv"),
        ("added:soon", "added: takes a date like 2026-11 or >=2026-11-01"),
        ("added:2026-02-30", "added: 2026-02-30 is not a date; write one like 2026-11-30"),
        ("digest:", "digest: needs a file name or a date, like digest:2026-05-05"),
    ],
)
def test_a_field_with_a_bad_value_is_named_where_it_stands(field, message):
    assert error(f"graph  {field} model") == (message, 7)


def test_a_text_node_holding_a_quote_is_searched_literally(lib):
    # Query objects are built by code too (issue 15); a quote inside a word stays text.
    from readinglist.core.query import Query, Text

    query = Query("", Text('graph"neural'), [])
    assert [p.title for p in lib.search(query)] == ["Graph neural networks"]


def test_an_or_without_a_term_before_it_or_a_stray_parenthesis_is_named_where_it_stands():
    assert error("OR graph") == ("OR needs a term before it", 0)
    assert error("graph (OR model)") == ("OR needs a term before it", 7)
    assert error("graph) model") == ("unbalanced ')': no '(' opens it", 5)
    assert error("(graph))") == ("unbalanced ')': no '(' opens it", 7)


def test_a_short_only_word_is_matched_whole_too(lib):
    assert titles(lib, "ne") == ["Graph ne plus ultra"]
    assert titles(lib, "neu") == ["Graph neural networks"]


def test_a_phrase_a_trailing_minus_and_capital_letters_search_as_typed(lib):
    assert titles(lib, '"ne plus"') == ["Graph ne plus ultra"]
    assert titles(lib, '"plus ne"') == []
    assert titles(lib, "graph -") == titles(lib, "graph")  # a lone '-' is no word
    assert titles(lib, "NOISE OR Xylophone") == ["Diffusion models"]


def test_a_search_of_exactly_the_longest_length_is_taken():
    from readinglist.core.limits import MAX_QUERY_CHARS

    longest = "graph " + "x" * (MAX_QUERY_CHARS - 6)  # one very long word
    assert len(longest) == MAX_QUERY_CHARS
    assert parse(longest).clause()
    assert error(longest + "x")[0].startswith("a search holds at most 2,000 characters")
