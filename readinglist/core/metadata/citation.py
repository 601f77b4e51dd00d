"""Papers as citations: BibTeX, CSL-JSON and RIS, the formats Zotero and JabRef read.

Keys are author-year-word ("agliari2022dense"), made unique within one export
by paper id order (the lowest id keeps the bare key, the next get b, c, ...),
so the same papers always get the same keys whatever order they are listed in.
Titles are the library's own (the digest's Unicode); BibTeX escapes what TeX
would read as markup and keeps non-ASCII as UTF-8.
"""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from readinglist.core.metadata.records import ArxivRecord
from readinglist.core.models import Paper

FORMATS = ("bibtex", "csl-json", "ris")
EXTENSIONS = {".bib": "bibtex", ".json": "csl-json", ".ris": "ris"}
_PARTICLES = frozenset(
    "van von de der den da di del della du la le dos das ten ter zu dei des".split()  # noqa: SIM905
)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_STOP = frozenset(
    "a an the on of in for to and with via from is are do does did can how what why when"  # noqa: SIM905
    " towards toward at by".split()
)
_BIB_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_BIB_SPECIAL = re.compile("|".join(re.escape(c) for c in _BIB_ESCAPES))


@dataclass(frozen=True)
class Item:
    """One paper to cite: the library's paper and its arXiv record when known."""

    paper: Paper
    record: ArxivRecord | None = None


def split_name(name: str) -> tuple[str, str]:
    """ "Elena Agliari" -> ("Agliari", "Elena"); "Jan van der Berg" -> ("van der Berg", "Jan")."""
    words = name.split()
    if len(words) <= 1:
        return name.strip(), ""
    suffix = ""
    if words[-1].lower().strip(",") in _SUFFIXES and len(words) > 2:
        suffix = words.pop().strip(",")
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    family = " ".join(words[start:]) + (f" {suffix}" if suffix else "")
    return family, " ".join(words[:start])


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c in string.ascii_lowercase + string.digits)


def base_key(item: Item) -> str:
    record = item.record
    author = ""
    if record and record.authors:
        author = _ascii_word(split_name(record.authors[0])[0].split()[-1])
    year = record.year if record else ""
    words = [_ascii_word(w) for w in re.split(r"[\s\-:/]+", item.paper.title)]
    words = [w for w in words if w]
    word = next((w for w in words if w not in _STOP), words[0] if words else "paper")
    return f"{author or 'anon'}{year}{word}"


def citation_keys(items: Sequence[Item]) -> dict[int, str]:
    """Paper id -> a key unique among these items, stable for the same set."""
    keys: dict[int, str] = {}
    taken: dict[str, int] = {}
    for item in sorted(items, key=lambda i: i.paper.id):
        base = base_key(item)
        count = taken.get(base, 0)
        taken[base] = count + 1
        keys[item.paper.id] = base if count == 0 else base + _suffix(count)
    return keys


def _suffix(count: int) -> str:
    letters = ""
    count += 1  # the second paper gets "b"
    while count:
        count, rest = divmod(count - 1, 26)
        letters = string.ascii_lowercase[rest] + letters
    return letters


# -- BibTeX ----------------------------------------------------------------------


def bib_escape(text: str) -> str:
    return _BIB_SPECIAL.sub(lambda m: _BIB_ESCAPES[m.group(0)], " ".join(text.split()))


def bib_title(title: str) -> str:
    """Escaped, with words whose capitals matter (acronyms, CamelCase) kept in braces."""
    out = []
    for word in title.split():
        escaped = bib_escape(word)
        if any(_capitals_matter(part) for part in word.split("-")):
            escaped = "{" + escaped + "}"
        out.append(escaped)
    return " ".join(out)


def _capitals_matter(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return any(c.isupper() for c in letters[1:])


def to_bibtex(items: Sequence[Item]) -> str:
    keys = citation_keys(items)
    return "\n".join(_bib_entry(item, keys[item.paper.id]) for item in items)


def _bib_entry(item: Item, key: str) -> str:
    paper, record = item.paper, item.record
    fields: list[tuple[str, str]] = [("title", bib_title(paper.title))]
    if record:
        if record.authors:
            names = [", ".join(p for p in split_name(a) if p) for a in record.authors]
            fields.append(("author", " and ".join(bib_escape(n) for n in names)))
        if record.published:
            fields.append(("year", record.year))
            fields.append(("month", str(int(record.published[5:7]))))
        fields += [
            ("eprint", record.arxiv_id),
            ("archivePrefix", "arXiv"),
        ]
        if record.primary_category:
            fields.append(("primaryClass", record.primary_category))
        if record.doi:
            fields.append(("doi", bib_escape(record.doi)))
        fields.append(("url", record.abs_url))
    if paper.abstract:
        fields.append(("abstract", bib_escape(paper.abstract)))
    if paper.tags:
        fields.append(("keywords", bib_escape(", ".join(paper.tags))))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{key},\n{body}\n}}\n"


# -- CSL-JSON --------------------------------------------------------------------


def to_csl_json(items: Sequence[Item]) -> str:
    keys = citation_keys(items)
    return json.dumps([_csl_item(i, keys[i.paper.id]) for i in items], ensure_ascii=False, indent=2)


def _csl_item(item: Item, key: str) -> dict:
    paper, record = item.paper, item.record
    data: dict = {"id": key, "type": "article", "title": paper.title}
    if paper.abstract:
        data["abstract"] = paper.abstract
    if record:
        if record.authors:
            data["author"] = [
                {"family": family, "given": given} if given else {"literal": family}
                for family, given in map(split_name, record.authors)
            ]
        if record.published:
            data["issued"] = {"date-parts": [[int(p) for p in record.published.split("-")]]}
        data["number"] = f"arXiv:{record.arxiv_id}"
        data["publisher"] = "arXiv"
        data["URL"] = record.abs_url
        if record.doi:
            data["DOI"] = record.doi
    if paper.tags:
        data["keyword"] = ", ".join(paper.tags)
    return data


# -- RIS -------------------------------------------------------------------------


def to_ris(items: Sequence[Item]) -> str:
    keys = citation_keys(items)
    return "".join(_ris_entry(item, keys[item.paper.id]) for item in items)


def _ris_entry(item: Item, key: str) -> str:
    paper, record = item.paper, item.record
    lines = [("TY", "UNPB" if record else "GEN"), ("ID", key), ("TI", paper.title)]
    if record:
        lines += [("AU", ", ".join(p for p in split_name(a) if p)) for a in record.authors]
        if record.published:
            lines.append(("PY", record.year))
            lines.append(("DA", record.published.replace("-", "/")))
        lines += [("PB", "arXiv"), ("M1", f"arXiv:{record.arxiv_id}"), ("UR", record.abs_url)]
        lines.append(("L1", record.pdf_url))
        if record.doi:
            lines.append(("DO", record.doi))
    if paper.abstract:
        lines.append(("AB", paper.abstract))
    lines += [("KW", tag) for tag in paper.tags]
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {' '.join(value.split())}\n" for tag, value in lines)


def render(fmt: str, items: Sequence[Item]) -> str:
    if fmt == "bibtex":
        return to_bibtex(items)
    if fmt == "csl-json":
        return to_csl_json(items) + "\n"
    if fmt == "ris":
        return to_ris(items)
    raise ValueError(f"unknown citation format {fmt!r}; use one of {', '.join(FORMATS)}")
