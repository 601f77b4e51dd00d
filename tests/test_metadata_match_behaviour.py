"""Whether an arXiv entry is attached to a paper, and the reason the look-up shows for it."""

from readinglist.core.metadata.match import decide
from readinglist.core.metadata.records import ArxivRecord

ABSTRACT = (
    "We train dense associative memories with Hebbian rules and compute their phase "
    "diagram in the replica symmetric approximation, for supervised learning."
)
OTHER = "A completely different study of protein folding kinetics in cold water baths."


def rec(arxiv_id, title, abstract=ABSTRACT):
    return ArxivRecord(arxiv_id, title, abstract=abstract)


TITLE = "Dense Hebbian Networks: a Replica Symmetric Picture"


def test_one_entry_with_the_same_title_is_the_paper():
    found = decide(
        TITLE,
        "",
        [
            rec("1", "Other"),
            rec("2", "dense hebbian networks - a replica symmetric picture", OTHER),
        ],
    )
    assert found.record.arxiv_id == "2" and found.reason == "same title as arXiv:2"


def test_entries_sharing_the_title_are_told_apart_by_the_abstract():
    found = decide(TITLE, ABSTRACT, [rec("1", TITLE, OTHER), rec("2", TITLE)])
    assert found.record.arxiv_id == "2"
    assert found.reason == "same title and abstract as arXiv:2"
    unsure = decide(TITLE, ABSTRACT, [rec("1", TITLE), rec("2", TITLE)])
    assert unsure.record is None
    assert unsure.reason == (
        "2 arXiv papers share this title (1, 2); the abstract does not tell which"
    )


def test_a_near_title_needs_the_same_abstract():
    near = TITLE.replace("Hebbian", "Hebian")
    found = decide(TITLE, ABSTRACT, [rec("7", near)])
    assert found.record.arxiv_id == "7" and found.reason == "near title, same abstract as arXiv:7"
    other = decide(TITLE, ABSTRACT, [rec("7", near, OTHER)])
    assert other.record is None
    assert other.reason.startswith(f"near title {near!r} (arXiv:7, ")
    assert other.reason.endswith("% alike) but another abstract: a different paper")
    bare = decide(TITLE, "  ", [rec("7", near)])
    assert bare.record is None and bare.reason.endswith(
        "but no abstract to compare: a different paper"
    )
    several = decide(TITLE, ABSTRACT, [rec("7", near), rec("8", TITLE.replace("Dense", "Dens"))])
    assert several.record is None
    assert several.reason == "several near matches (7, 8); none is certain"


def test_the_closest_near_title_is_named_and_far_titles_are_no_match():
    closer = TITLE.replace("Hebbian", "Hebian")
    farther = TITLE.replace("Hebbian", "Hbian").replace("Dense", "Dence")
    found = decide(TITLE, ABSTRACT, [rec("8", farther, OTHER), rec("7", closer, OTHER)])
    assert "(arXiv:7, " in found.reason
    assert decide(TITLE, ABSTRACT, [rec("9", "Graph Networks", ABSTRACT)]).reason == (
        "no arXiv paper with this title"
    )
    assert decide(TITLE, ABSTRACT, []).record is None
