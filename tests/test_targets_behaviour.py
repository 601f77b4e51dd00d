"""Which papers a bulk edit names: the limits and messages of an id list."""

import pytest

from readinglist.core.models import LibraryError
from readinglist.core.targets import MAX_IDS, parse_id_list, refuse_id_like_tags


def test_an_id_list_may_name_exactly_the_most_papers_and_not_one_more():
    assert len(parse_id_list(f"1-{MAX_IDS}")) == MAX_IDS
    with pytest.raises(LibraryError, match=r"^'1-100001' names more than 100,000 papers$"):
        parse_id_list(f"1-{MAX_IDS + 1}")
    assert len(parse_id_list(f"1-{MAX_IDS - 1},{MAX_IDS + 5}")) == MAX_IDS
    with pytest.raises(LibraryError, match="names more than 100,000 papers"):
        parse_id_list(f"1-{MAX_IDS - 1},{MAX_IDS + 5},{MAX_IDS + 7}")


def test_a_range_backwards_says_how_to_write_it():
    with pytest.raises(LibraryError, match=r"^the range 9-3 goes backwards; write 3-9$"):
        parse_id_list("1,9-3")


def test_anything_but_an_id_list_says_how_to_write_one():
    with pytest.raises(LibraryError) as caught:
        parse_id_list("1, 2")
    assert str(caught.value) == (
        "'1, 2' is not a list of paper ids: write ids and ranges joined by commas, "
        "without spaces, e.g. 12,15,20-25"
    )


def test_tags_that_read_as_ids_are_named_in_the_refusal():
    refuse_id_like_tags(["theory", "3d", "2-b"])
    with pytest.raises(LibraryError) as caught:
        refuse_id_like_tags(["theory", " 3 ", "20-25"])
    assert str(caught.value) == (
        " 3 , 20-25: tag names made of digits look like paper ids and are refused; "
        "to name several papers join their ids with commas (e.g. 2,3,4)"
    )
