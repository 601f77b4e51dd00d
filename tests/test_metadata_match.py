"""The match rules on the sample digests' tricky titles (Qt-free, no network)."""

import pytest
from fake_arxiv import load_entries

from readinglist.core.metadata.arxiv import parse_feed
from readinglist.core.metadata.match import decide, match_key
from readinglist.core.metadata.texnorm import plain

HEAD = '<feed xmlns="http://www.w3.org/2005/Atom">'


@pytest.fixture(scope="module")
def arxiv():
    """Every recorded entry by arXiv id, parsed as the client parses answers."""
    body = HEAD + "".join(xml for _, xml in load_entries().values()) + "</feed>"
    return {r.arxiv_id: r for r in parse_feed(body.encode())}


@pytest.mark.parametrize(
    ("latex", "digest"),
    [
        (r"Light Schr\"odinger Bridge", "Light Schrödinger Bridge"),
        (
            r"Schr{\"o}dinger and G\"{o}del, na\"\i ve Erd\H{o}s",
            "Schrödinger and Gödel, naïve Erdős",
        ),
        (r"Bounds for $\ell_p$ Sampling", "Bounds for ell_p Sampling"),
        (r"$e^+ e^- \to \mu^+ \mu^-$ in the Model", "e^+ e^- to μ^+ μ^- in the Model"),
        ("Out-of-Equilibrium\n  $\\phi^3$ QFT", "Out-of-Equilibrium φ^3 QFT"),
        (r"Scaling \& Shifting, 100\% \$5 \#1", "Scaling & Shifting, 100% $5 #1"),
        (r"``Why did the Model Fail?''", '"Why did the Model Fail?"'),
    ],
)
def test_plain_turns_arxiv_markup_into_what_digests_show(latex, digest):
    assert plain(latex) == digest


def test_titles_that_only_differ_by_markup_have_the_same_key():
    assert match_key(r"$e^+ e^- \to \mu^+ \mu^-$ in the Model") == match_key(
        "e^+ e^- to μ^+ μ^- in the Model"
    )
    assert match_key("φ^3 QFT") == match_key(r"$\phi^3$ QFT") == match_key("phi^3 QFT")
    # Words still count: the siblings keep two keys.
    assert match_key("a picture of supervised learning") != match_key(
        "a picture of unsupervised learning"
    )


def sample(sample_library, part):
    """The one sample paper whose title holds ``part``."""
    (paper,) = [p for p in sample_library.search("", with_digests=False) if part in p.title]
    return paper


def test_each_dense_hebbian_sibling_attaches_only_to_its_own_paper(sample_library, arxiv):
    both = [arxiv["2211.14067"], arxiv["2212.00606"]]
    unsupervised = sample(sample_library, "picture of unsupervised learning")
    supervised = sample(sample_library, "picture of supervised learning")
    assert decide(unsupervised.title, unsupervised.abstract, both).record.arxiv_id == "2211.14067"
    assert decide(supervised.title, supervised.abstract, both).record.arxiv_id == "2212.00606"


def test_a_near_title_with_another_abstract_is_a_different_paper(sample_library, arxiv):
    supervised = sample(sample_library, "picture of supervised learning")
    # arXiv answered with the sibling only: its title is 99% alike, its abstract is not.
    decision = decide(supervised.title, supervised.abstract, [arxiv["2211.14067"]])
    assert decision.record is None
    assert "another abstract: a different paper" in decision.reason
    # Without an abstract to compare, a near title is never enough either.
    assert decide(supervised.title, "", [arxiv["2211.14067"]]).record is None


# The sample digests' titles that arXiv writes with markup, by a part of their title.
TEX_TITLES = {
    "Light Schrödinger Bridge": "2310.01174",  # Schr\"odinger
    "e^+ e^- to μ^+ μ^- in the Asymptotically": "2310.10512",  # $e^+ e^- \to \mu^+ \mu^-$
    "Out-of-Equilibrium φ^3 QFT": "2306.09211",  # $\phi^3$, wrapped across two lines
    "Sharper Bounds for ell_p": "2306.00732",  # $\ell_p$
    "Scaling & Shifting Your Features": "2210.08823",  # \&
    "stationary 1D Schrödinger equation": "2306.11345",  # Schr{\"o}dinger
    '"Why did the Model Fail?"': "2302.11733",  # ``Why did the Model Fail?''
}


@pytest.mark.parametrize(("part", "arxiv_id"), TEX_TITLES.items())
def test_tex_titles_match_the_digests_unicode_titles_exactly(sample_library, arxiv, part, arxiv_id):
    paper = sample(sample_library, part)
    decision = decide(paper.title, "", list(arxiv.values()))  # the title alone decides
    assert decision.record.arxiv_id == arxiv_id, decision.reason
    assert decision.reason == f"same title as arXiv:{arxiv_id}"


def test_a_near_title_with_the_same_abstract_attaches(sample_library, arxiv):
    paper = sample(sample_library, "Robustifying State-space Models")
    decision = decide(paper.title, paper.abstract, list(arxiv.values()))
    assert decision.record.arxiv_id == "2310.19694"  # "Diagonalisation" on arXiv
    assert "near title, same abstract" in decision.reason
    assert decide(paper.title, "", list(arxiv.values())).record is None


def test_a_shared_title_is_settled_by_the_abstract_or_left_alone(sample_library, arxiv):
    paper = sample(sample_library, "Generative Adversarial Networks")
    candidates = [arxiv["2203.00667"], arxiv["1406.2661"]]
    assert decide(paper.title, paper.abstract, candidates).record.arxiv_id == "1406.2661"
    undecided = decide(paper.title, "", candidates)
    assert undecided.record is None
    assert "2 arXiv papers share this title" in undecided.reason


def test_a_different_title_is_no_match(sample_library, arxiv):
    paper = sample(sample_library, "Policy-Guided Diffusion")
    decision = decide(paper.title, paper.abstract, list(arxiv.values()))
    assert decision.record is None
