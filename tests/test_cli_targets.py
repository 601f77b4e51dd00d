"""tag, untag, rate and status on several papers: id lists, --search, the question above 50."""

import io

import pytest

from readinglist.cli import main
from readinglist.core.library import Library
from readinglist.core.models import LibraryError
from readinglist.core.targets import is_id_list, parse_id_list, refuse_id_like_tags


def test_id_lists_read_ids_and_ranges_in_order_once():
    assert parse_id_list("12") == [12]
    assert parse_id_list("12,15,20-25") == [12, 15, 20, 21, 22, 23, 24, 25]
    assert parse_id_list("3,1-3") == [3, 1, 2]


@pytest.mark.parametrize("text", ["", "12,", ",12", "1 2", "1-", "a", "1-2-3", "12,x", "-3"])
def test_anything_else_is_not_an_id_list(text):
    assert not is_id_list(text)
    with pytest.raises(LibraryError, match="not a list of paper ids"):
        parse_id_list(text)


def test_backward_and_huge_ranges_are_refused():
    with pytest.raises(LibraryError, match="backwards; write 20-25"):
        parse_id_list("25-20")
    with pytest.raises(LibraryError, match="more than"):
        parse_id_list("1-99999999")


def test_tags_that_read_as_ids_are_refused_and_others_pass():
    refuse_id_like_tags(["diffusion", "2024-review", "v2", "top-10"])
    for tag in ("3", "20-25", "1,2"):
        with pytest.raises(LibraryError, match="look like paper ids"):
            refuse_id_like_tags(["theory", tag])


@pytest.fixture
def cli(sample_library, capsys, monkeypatch):
    path = str(sample_library.path)
    sample_library.close()

    def run(*args, answer=None):
        monkeypatch.setattr("sys.stdin", io.StringIO(answer or ""))
        code = main([*args, "--db", path])
        out, err = capsys.readouterr()
        return code, out, err

    run.path = path
    return run


def tagged(path, tag):
    with Library(path) as library:
        return library.ids(f'tag:"{tag}"')


def test_the_issue_example_no_longer_tags_a_paper_with_numbers(cli):
    code, _, err = cli("tag", "2", "3", "4", "5", "diffusion")
    assert code == 1
    assert "3, 4, 5: tag names made of digits look like paper ids" in err
    assert "Traceback" not in err
    with Library(cli.path) as library:
        assert library.tags() == []  # nothing changed, not even paper 2


def test_an_id_list_tags_every_paper_and_says_how_many_changed(cli):
    assert cli("tag", "2", "diffusion")[1] == "2: tags diffusion\n"  # one paper: as before
    assert cli("tag", "2", "diffusion")[1] == "2: tags diffusion (unchanged)\n"
    code, out, _ = cli("tag", "2,3,4-5", "diffusion")
    assert code == 0
    assert out == "tagged with diffusion: 3 papers changed, 1 already so\n"
    assert tagged(cli.path, "diffusion") == [2, 3, 4, 5]
    code, out, _ = cli("untag", "1-3", "diffusion")
    assert out == "untagged diffusion: 2 papers changed, 1 already so\n"
    assert tagged(cli.path, "diffusion") == [4, 5]


def test_rate_and_status_take_id_lists_and_check_their_value(cli):
    assert cli("rate", "1,3", "4")[1] == "rated ★★★★☆: 2 papers changed\n"
    assert cli("status", "1-3", "read")[1] == "marked read: 3 papers changed\n"
    code, _, err = cli("rate", "1,3", "9")
    assert code == 1 and "give one rating after the papers" in err
    code, _, err = cli("status", "1", "done")
    assert code == 1 and "give one status" in err
    with Library(cli.path) as library:
        assert [(p.rating, p.status) for p in library.papers([1, 2, 3])] == [
            (4, "read"),
            (0, "read"),
            (4, "read"),
        ]


def test_a_missing_id_changes_nothing(cli):
    code, _, err = cli("tag", "1,2,99999", "theory")
    assert code == 1 and "no paper with id 99999; nothing changed" in err
    assert tagged(cli.path, "theory") == []


def test_search_names_every_matching_paper(cli):
    code, out, _ = cli("tag", "--search", "dense hebbian", "hebb")
    assert (code, out) == (0, "tagged with hebb: 2 papers changed\n")
    code, out, _ = cli("rate", "--search", "tag:hebb", "5")
    assert out == "rated ★★★★★: 2 papers changed\n"
    code, _, err = cli("status", "--search", "nosuchwordanywhere", "read")
    assert code == 0 and "no paper matching 'nosuchwordanywhere': nothing changed" in err


def test_more_than_50_papers_need_a_yes(cli):
    code, _, err = cli("tag", "--search", "", "everything")
    assert code == 1
    assert "tag 314 papers (the whole library)? [y/N]" in err and "nothing changed" in err
    assert tagged(cli.path, "everything") == []
    assert cli("tag", "--search", "", "everything", answer="n\n")[0] == 1
    assert tagged(cli.path, "everything") == []

    code, out, _ = cli("tag", "--search", "", "everything", answer="y\n")
    assert code == 0 and "314 papers changed" in out
    code, out, err = cli("untag", "1-60", "everything", "--yes")
    assert code == 0 and "[y/N]" not in err and "60 papers changed" in out
    assert len(tagged(cli.path, "everything")) == 314 - 60
    # 50 exactly is not "more than 50": no question
    assert cli("rate", "1-50", "2")[1] == "rated ★★☆☆☆: 50 papers changed\n"
