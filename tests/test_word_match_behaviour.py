"""Words find papers by title, abstract, tags or note alike, and counts agree with the rows."""

import pytest


@pytest.fixture
def marked(sample_library):
    lib = sample_library
    diffusion = lib.ids("title:diffusion", sort="id")
    quantum = lib.ids("title:quantum", sort="id")
    lib.add_tags(diffusion[:2], ["xyzzy"])
    lib.add_tags(quantum[:1], ["xyzzy"])
    lib.set_note(quantum[1], "zebrafish appear in this note only")
    return lib, diffusion, quantum


def test_a_word_in_a_tag_or_note_counts_as_much_as_one_in_the_title(marked):
    lib, diffusion, quantum = marked
    assert lib.ids("xyzzy", sort="id") == sorted(diffusion[:2] + quantum[:1])
    assert lib.ids("zebrafish") == [quantum[1]]
    both = lib.ids("diffusion xyzzy", sort="id")
    assert both == diffusion[:2]  # "diffusion" in the title, xyzzy in the tags
    assert lib.count("diffusion xyzzy") == 2
    either = set(lib.ids("zebrafish OR xyzzy"))
    assert either == {quantum[1], *diffusion[:2], quantum[0]}
    assert lib.count("zebrafish OR xyzzy") == 4
    assert lib.ids("zebrafish xyzzy") == []
    assert lib.count("zebrafish xyzzy") == 0
    assert lib.ids("note:zebrafish") == [quantum[1]]
    assert lib.ids("title:zebrafish") == []


def test_counts_and_orders_match_the_rows_for_mixed_words(marked):
    lib, diffusion, quantum = marked
    for text in [
        "xyzzy",
        "diffusion OR xyzzy",
        "quantum xyzzy",
        "diffusion (xyzzy OR zebrafish)",
        "nosuchword",
    ]:
        ascending = lib.ids(text, sort="id")
        assert lib.count(text) == len(ascending) == len(set(ascending))
        assert ascending == sorted(ascending)
        assert lib.ids(text, sort="id", descending=True) == ascending[::-1]


def test_a_paper_matching_in_both_tables_is_counted_once(marked):
    lib, diffusion, quantum = marked
    before = lib.count("diffusion")
    lib.add_tags(diffusion[:1], ["diffusion"])  # now in its title and its tags
    lib.set_note(diffusion[1], "diffusion again")
    assert lib.ids("diffusion", sort="id").count(diffusion[0]) == 1
    assert lib.count("diffusion") == len(lib.ids("diffusion")) == before
