"""arXiv's LaTeX titles and abstracts -> the flat Unicode text digests carry.

arXiv writes ``Light Schr\\"odinger Bridge``, ``$\\ell_p$`` and ``$e^+ e^- \\to
\\mu^+ \\mu^-$``, and wraps long titles across lines; digests show ``Light
Schrödinger Bridge``, ``ell_p`` and ``e^+ e^- to μ^+ μ^-``. ``plain`` turns the
first into the second: TeX accents become composed letters, Greek letter
commands become Greek letters, every other command becomes its bare name,
math shifts and grouping braces go, and white space collapses.
"""

from __future__ import annotations

import re
import unicodedata

# TeX accent command -> combining character.
_ACCENTS = {
    '"': "\u0308",
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "k": "\u0328",
    "r": "\u030a",
}
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
}
_GREEK = {
    name: unicodedata.lookup(f"GREEK SMALL LETTER {name.upper()}")
    for name in [
        "alpha",
        "beta",
        "gamma",
        "delta",
        "epsilon",
        "zeta",
        "eta",
        "theta",
        "iota",
        "kappa",
        "lamda",
        "mu",
        "nu",
        "xi",
        "omicron",
        "pi",
        "rho",
        "sigma",
        "tau",
        "upsilon",
        "phi",
        "chi",
        "psi",
        "omega",
    ]
}
_GREEK["lambda"] = _GREEK.pop("lamda")
_GREEK.update({"var" + n: _GREEK[n] for n in ("epsilon", "theta", "pi", "rho", "sigma", "phi")})
_GREEK.update(
    {
        name.capitalize(): unicodedata.lookup(f"GREEK CAPITAL LETTER {name.upper()}")
        for name in [
            "gamma",
            "delta",
            "theta",
            "xi",
            "pi",
            "sigma",
            "upsilon",
            "phi",
            "psi",
            "omega",
        ]
    }
)
_GREEK["Lambda"] = "Λ"

_ACCENT = re.compile(
    r"""\\([\"'`^~=.]|[uvHckr](?![A-Za-z]))\s*"""  # the accent, then its letter:
    r"""(?:\{\s*(\\?\w)\s*\}|(\\[a-z]\s?|\w))"""  # {o}, {\i}, o or \i
)
_LETTER = re.compile(r"\\(ss|ae|AE|oe|OE|aa|AA|[oOlLi])(?![A-Za-z])(?:\{\})?")
_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
_ESCAPED = re.compile(r"\\([&%$#_{}])")
_SPACE = re.compile(r"\s+")


def plain(text: str) -> str:
    """LaTeX-marked text as a digest shows it (see the module docstring)."""
    text = _ACCENT.sub(_accented, text)
    text = _LETTER.sub(lambda m: _LETTERS[m.group(1)], text)
    text = _ESCAPED.sub(lambda m: {"$": "\x00"}.get(m.group(1), m.group(1)), text)
    text = text.replace("``", '"').replace("''", '"').replace("~", " ")
    text = _COMMAND.sub(_command, text)
    text = text.replace("$", "").replace("{", "").replace("}", "").replace("\x00", "$")
    return unicodedata.normalize("NFC", _SPACE.sub(" ", text).strip())


def _accented(match: re.Match) -> str:
    base = (match.group(2) or match.group(3)).strip().lstrip("\\")
    base = {"i": "i", "j": "j"}.get(base, base)
    return unicodedata.normalize("NFC", base + _ACCENTS[match.group(1)])


def _command(match: re.Match) -> str:
    name = match.group(1)
    if name in _GREEK:
        return _GREEK[name]
    # \mathcal{O} -> mathcalO in digests' abstracts; \ell -> ell, \to -> to in titles.
    return name + (" " if match.group(0).endswith((" ", "\n", "\t")) else "")
