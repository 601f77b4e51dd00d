"""What arXiv says about a paper, as the library keeps it."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field


@dataclass
class ArxivRecord:
    arxiv_id: str  # without version, e.g. "2305.12345" or "hep-th/9901001"
    title: str  # as arXiv writes it (LaTeX markup kept)
    abstract: str = ""
    authors: list[str] = field(default_factory=list)  # "Given Family", arXiv's order
    published: str = ""  # first version, YYYY-MM-DD
    updated: str = ""
    version: int = 1
    primary_category: str = ""
    doi: str = ""
    journal_ref: str = ""

    @property
    def abs_url(self) -> str:
        return f"https://arxiv.org/abs/{self.arxiv_id}"

    @property
    def pdf_url(self) -> str:
        return f"https://arxiv.org/pdf/{self.arxiv_id}"

    @property
    def year(self) -> str:
        return self.published[:4]

    def to_row(self) -> dict:
        row = asdict(self)
        row["authors"] = json.dumps(self.authors, ensure_ascii=False)
        return row

    @classmethod
    def from_row(cls, row: dict) -> ArxivRecord:
        def text(name: str) -> str:
            return row.get(name) or ""

        return cls(
            arxiv_id=text("arxiv_id"),
            title=text("title"),
            abstract=text("abstract"),
            authors=json.loads(row.get("authors") or "[]"),
            published=text("published"),
            updated=text("updated"),
            version=int(row.get("version") or 1),
            primary_category=text("primary_category"),
            doi=text("doi"),
            journal_ref=text("journal_ref"),
        )


def metadata_json(record: ArxivRecord | None) -> dict:
    """The fields ``search --json`` adds to every paper (null when unknown)."""
    if record is None:
        return {
            "arxiv_id": None,
            "authors": [],
            "published": None,
            "url": None,
            "pdf_url": None,
            "doi": None,
            "primary_category": None,
        }
    return {
        "arxiv_id": record.arxiv_id,
        "authors": list(record.authors),
        "published": record.published or None,
        "url": record.abs_url,
        "pdf_url": record.pdf_url,
        "doi": record.doi or None,
        "primary_category": record.primary_category or None,
    }
