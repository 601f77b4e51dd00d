"""Near-duplicates: what must be proposed, what must not, and merging."""

from collections import Counter

import pytest
from conftest import FIXTURES

from readinglist.core.dedup import PaperText, compare, title_tokens

ABSTRACT = (
    "We propose a method for training sparse networks that keeps accuracy while "
    "removing most weights. Experiments on image and text benchmarks confirm it."
)
OTHER_ABSTRACT = (
    "A survey of reinforcement learning for robotics, with a taxonomy of reward "
    "design and a discussion of sim-to-real transfer and open problems."
)


def pair(title_a, title_b, abstract_a=ABSTRACT, abstract_b=ABSTRACT, background=()):
    papers = [PaperText(1, title_a, abstract_a), PaperText(2, title_b, abstract_b)]
    papers += [PaperText(10 + i, t, OTHER_ABSTRACT) for i, t in enumerate(background)]
    df = Counter(t for p in papers for t in set(title_tokens(p.title)))
    return compare(papers[0], papers[1], df)


@pytest.mark.parametrize(
    ("a", "b", "abstract_b", "reason"),
    [
        (
            "Sparse Training at Scale",
            "SPARSE TRAINING AT SCALE",
            ABSTRACT,
            "same abstract; same title apart from case, punctuation or LaTeX",
        ),
        (
            "Sparse Training: at Scale!",
            "Sparse Training at Scale",
            "",
            "same title apart from case, punctuation or LaTeX",
        ),
        (
            "Sparse Trainnig at Scale",
            "Sparse Training at Scale",
            "",
            "title differs by a typo (trainnig / training)",
        ),
        (
            "Bounds in mathcal{O}(n) Time",
            "Bounds in O(n) Time",
            "",
            "same title apart from case, punctuation or LaTeX",
        ),
        (
            "Pruning Networks Without Loss",
            "Sparse Training at Scale",
            ABSTRACT,
            "same abstract; title differs by small words (at) and 7 words (pruning, sparse, "
            "networks, …)",
        ),
    ],
)
def test_real_duplicates_are_found_with_their_reason(a, b, abstract_b, reason):
    found = pair(a, b, abstract_b=abstract_b)
    assert found is not None and found.reason == reason
    assert found.score >= 80


@pytest.mark.parametrize(
    ("a", "b", "abstract_a", "abstract_b"),
    [
        (
            "Dense Hebbian neural networks: a replica symmetric picture of unsupervised learning",
            "Dense Hebbian neural networks: a replica symmetric picture of supervised learning",
            "We consider dense, associative neural-networks trained with no supervision and we "
            "investigate their computational capabilities analytically.",
            "We consider dense, associative neural-networks trained by a teacher (i.e., with "
            "supervision) and we investigate their computational capabilities analytically.",
        ),
        ("Gradients are Not All You Need", "Gradient is All You Need?", ABSTRACT, OTHER_ABSTRACT),
        ("Gradients are Not All You Need", "Gradient is All You Need?", "", ""),
        ("Sparse Training at Scale", "Sparse Training at Scale", ABSTRACT, OTHER_ABSTRACT),
    ],
)
def test_distinct_papers_are_not_proposed(a, b, abstract_a, abstract_b):
    background = ["Gradient Descent in Practice", "All You Need Is Love", "Gradients Everywhere"]
    assert pair(a, b, abstract_a, abstract_b, background) is None


def test_sample_dumps_plus_altered_titles(sample_library):
    assert sample_library.find_duplicates(min_score=0) == []  # Dense Hebbian pair kept apart
    report = sample_library.import_files([FIXTURES / "altered_titles.txt"])
    assert report.added == 5
    found = sample_library.find_duplicates()
    titles = {(sample_library.paper(c.a).title, sample_library.paper(c.b).title) for c in found}
    assert len(found) == 4
    assert (
        "Learning to Program Variational Quantum Circuits with Fast Weights",
        "Fast Weight Programmers for Variational Quantum Circuits",
    ) in titles
    assert all("Adam Noise" not in b for _, b in titles)
    assert {c.reason for c in found} >= {
        "same abstract; title differs by a typo (convolutional / convolutonal)"
    }


def test_import_flags_close_titles_but_keeps_them_apart(sample_library):
    report = sample_library.import_files([FIXTURES / "altered_titles.txt"])
    sample_library.flag_possible_duplicates(report)
    flagged = [w for w in report.warnings if "looks like paper" in w.message]
    assert len(flagged) == 4
    assert str(flagged[0]).startswith(str(FIXTURES / "altered_titles.txt") + ":7: looks like")
    assert sample_library.total() == 319


def test_merge_combines_every_field_and_undoes(sample_library):
    lib = sample_library
    lib.import_files([FIXTURES / "altered_titles.txt"])
    [keep] = lib.ids('title:"Enhancing a Convolutional Autoencoder"')
    [other] = lib.ids('title:"Convolutonal"')
    lib.add_tags([keep], ["quantum"])
    lib.add_tags([other], ["denoising", "Quantum"])
    lib.set_rating([keep], 2)
    lib.set_rating([other], 4)
    lib.set_status([other], "read")
    lib.set_note(keep, "mine")
    lib.set_note(other, "theirs")
    before = {i: lib.paper(i) for i in (keep, other)}
    result = lib.merge_papers(keep, other)
    merged = lib.paper(keep)
    assert merged.tags == ["denoising", "quantum"]
    assert (merged.rating, merged.status) == (4, "read")
    assert merged.note == "mine\n\n---\n\ntheirs"
    assert merged.seen == 3 and len(merged.digests) == 3
    assert lib.total() == 318 and lib.find_duplicates(among={keep}) == []
    lib.unmerge(result)
    assert {i: lib.paper(i) for i in (keep, other)} == before


def test_merge_can_keep_the_other_title(sample_library):
    lib = sample_library
    lib.import_files([FIXTURES / "altered_titles.txt"])
    [keep] = lib.ids('title:"Learning to Program Variational"')
    [other] = lib.ids('title:"Fast Weight Programmers"')
    lib.merge_papers(keep, other, title_from=other)
    assert lib.paper(keep).title == "Fast Weight Programmers for Variational Quantum Circuits"
    # the old title now finds the kept paper at import, so it does not come back
    assert lib.import_files([FIXTURES / "altered_titles.txt"]).files[0].already_imported


def test_dismissed_pairs_stay_dismissed(sample_library):
    lib = sample_library
    lib.import_files([FIXTURES / "altered_titles.txt"])
    first = lib.find_duplicates()[0]
    lib.dismiss_duplicate(first.b, first.a)
    assert (first.a, first.b) not in {(c.a, c.b) for c in lib.find_duplicates()}
    assert len(lib.find_duplicates()) == 3
