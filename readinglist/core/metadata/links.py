"""Where to read a paper: its page on each site once the arXiv id is known, else a
title search there. Computed from the library alone; nothing is fetched."""

from __future__ import annotations

from urllib.parse import quote_plus

from readinglist.core.metadata.records import ArxivRecord
from readinglist.core.metadata.texnorm import plain

SITES = ("arXiv", "Hugging Face Papers", "Semantic Scholar", "Google Scholar")
DEFAULT_SITE = "arXiv"


def links(title: str, record: ArxivRecord | None = None) -> dict[str, str]:
    """Site name -> URL, in the order of ``SITES``."""
    words = quote_plus(plain(title))
    if record is None:
        return {
            "arXiv": f"https://arxiv.org/search/?query={words}&searchtype=title",
            "Hugging Face Papers": f"https://huggingface.co/papers?q={words}",
            "Semantic Scholar": f"https://www.semanticscholar.org/search?q={words}",
            "Google Scholar": f"https://scholar.google.com/scholar?q={quote_plus(_quoted(title))}",
        }
    arxiv_id = record.arxiv_id
    return {
        "arXiv": record.abs_url,
        "Hugging Face Papers": f"https://huggingface.co/papers/{arxiv_id}",
        "Semantic Scholar": f"https://www.semanticscholar.org/arxiv/{arxiv_id}",
        # Scholar has no page per arXiv id: the exact title, quoted, finds the paper.
        "Google Scholar": f"https://scholar.google.com/scholar?q={quote_plus(_quoted(title))}",
    }


def _quoted(title: str) -> str:
    return '"' + plain(title).replace('"', "") + '"'
