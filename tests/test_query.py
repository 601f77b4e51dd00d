import pytest

from readinglist.core.query import QueryError, parse

DENSE_UN = "Dense Hebbian neural networks: a replica symmetric picture of unsupervised learning"


@pytest.fixture
def annotated(sample_library):
    lib = sample_library
    ids = {p.title: p.id for p in lib.search("")}
    lib.add_tags([ids[DENSE_UN]], ["theory", "to read"])
    lib.set_rating([ids[DENSE_UN]], 4)
    lib.set_note(ids[DENSE_UN], "Compare with modern Hopfield networks.")
    return lib, ids


def titles(lib, query):
    return {p.title for p in lib.search(query, with_digests=False)}


def test_words_must_all_match_and_the_last_is_a_prefix(annotated):
    lib, _ = annotated
    assert titles(lib, "dense hebbian unsuperv") == {DENSE_UN}
    assert titles(lib, "dense hebbian unsuperv ") == set()  # finished word: no prefix


def test_fields_negation_or_and_phrases(annotated):
    lib, ids = annotated
    assert titles(lib, 'tag:"to read"') == {DENSE_UN}
    assert titles(lib, "tag:theory rating:>=4 is:unread has:note") == {DENSE_UN}
    assert titles(lib, "hopfield") == {DENSE_UN} | titles(
        lib, "title:hopfield OR abstract:hopfield"
    )
    assert DENSE_UN not in titles(lib, "dense hebbian -tag:theory")
    assert titles(lib, '"replica symmetric picture" -unsupervised') == {
        DENSE_UN.replace("unsupervised", "supervised")
    }
    assert lib.count("rating:0") == 313
    assert lib.count("(tag:theory OR seen:3) dense") == 1


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('"open phrase', "unclosed quote"),
        ("(a OR b", "unbalanced '('"),
        ("a OR b)", "unbalanced ')'"),
        ("rating:>>x", "expected a number"),
        ("ratng:4", "did you mean rating:?"),
        ("is:done", "is: takes unread, reading, read, inbox, kept, skipped, later"),
        ("OR a", "OR needs a term before it"),
    ],
)
def test_malformed_queries_say_what_is_wrong(text, message):
    with pytest.raises(QueryError, match=message.replace("(", r"\(").replace(")", r"\)")):
        parse(text)


def test_user_text_never_lands_in_sql():
    sql, params = parse('title:"x\'); DROP TABLE papers; --" rating:3').clause()
    assert "DROP" not in sql and any("DROP" in str(p) for p in params)
