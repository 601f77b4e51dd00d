"""arXiv's LaTeX titles as a digest shows them, character for character."""

import pytest

from readinglist.core.metadata.texnorm import plain


@pytest.mark.parametrize(
    ("latex", "shown"),
    [
        ('Light Schr\\"odinger Bridge', "Light Schrödinger Bridge"),
        ("Schr\\\"{o}dinger and G\\'{e}rard", "Schrödinger and Gérard"),
        ("\\`a \\^e \\~n \\=o \\.z", "à ê ñ ō ż"),
        ("\\u{g} \\v{s} \\H{o} \\c{c} \\k{a} \\r{a}", "ğ š ő ç ą å"),
        ("\\v s and \\c c", "š and ç"),
        ("na\\\"{\\i}ve and \\'\\i", "naïve and í"),
        ("Stra\\ss{}e \\o \\O \\ae \\AE \\oe \\OE \\aa \\AA \\l \\L", "Straße ø Ø æ Æ œ Œ å Å ł Ł"),
        ("\\i", "ı"),
        (
            "$\\alpha$-stable and $\\lambda$, $\\Lambda$, $\\varepsilon$, $\\Omega$",
            "α-stable and λ, Λ, ε, Ω",
        ),
        ("$e^+ e^- \\to \\mu^+ \\mu^-$", "e^+ e^- to μ^+ μ^-"),
        ("$\\ell_p$ norms", "ell_p norms"),
        ("$\\mathcal{O}(n)$", "mathcalO(n)"),
        ("50\\% of \\$5 \\& \\#1 \\_x \\{y\\}", "50% of $5 & #1 _x y"),
        ("``quoted'' and a~tie", '"quoted" and a tie'),
        ("A long title\n   wrapped  across\tlines", "A long title wrapped across lines"),
        ("\\textbf{Bold} claims", "textbfBold claims"),
        ("the \\emph {word}", "the emph word"),
        ("  padded  ", "padded"),
        ("\\underline{x}", "underlinex"),
    ],
)
def test_latex_becomes_the_digests_unicode(latex, shown):
    assert plain(latex) == shown


def test_an_accent_command_followed_by_letters_is_a_command_not_an_accent():
    assert plain("\\url{x} \\vec{v} \\cite{k}") == "urlx vecv citek"
