"""Look papers up on arXiv: batches of titles, certain matches only, resumable.

Each batch is one request (``BATCH`` titles, or ids of papers already matched
when looking up again) and one transaction; a cancel, a lost connection or a
server error stops between batches, keeps every batch already stored, and
leaves the rest for the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from readinglist.core.metadata import store
from readinglist.core.metadata.arxiv import ArxivCancelled, ArxivClient, ArxivError
from readinglist.core.metadata.match import decide
from readinglist.core.metadata.records import ArxivRecord

BATCH = 10  # titles per request: arXiv answers a 10-clause OR query quickly
Progress = Callable[[int, int, str], None]  # done, total, what is being asked


@dataclass
class LookupReport:
    asked: int = 0  # papers this run set out to look up
    done: int = 0  # papers looked up and stored
    found: int = 0
    requests: int = 0
    outcomes: dict[int, tuple[bool, str]] = field(default_factory=dict)
    error: str | None = None
    cancelled: bool = False

    @property
    def left(self) -> int:
        return self.asked - self.done

    def summary(self) -> str:
        if self.asked == 0:
            return "Nothing to look up: every paper asked for was looked up before (use again)."
        if self.done == 0 and (self.error or self.cancelled):
            line = (
                f"Looked up none of {self.asked} papers on arXiv"
                if self.asked > 1
                else "Did not look up the paper on arXiv"
            )
        else:
            line = (
                f"Looked up {self.done} of {self.asked} papers on arXiv: {self.found} found, "
                f"{self.done - self.found} not found"
            )
        if self.cancelled:
            line += f"; cancelled, {self.left} left for the next look-up"
        elif self.error:
            line += (
                f". {self.error}; nothing was lost, the {self.left} left are looked up next time"
            )
        return line + "."


def look_up(
    library,
    ids: Sequence[int] | None,
    client: ArxivClient,
    again: bool = False,
    progress: Progress | None = None,
) -> LookupReport:
    """Look up the given papers (None: the whole library); never raises ArxivError."""
    todo = store.still_to_look_up(library, ids, again)
    report = LookupReport(asked=len(todo))
    known = store.metadata_for(library, todo) if again else {}
    by_id = [i for i in todo if i in known]
    by_title = [i for i in todo if i not in known]
    batches = [("id", by_id[i : i + 50]) for i in range(0, len(by_id), 50)]
    batches += [("title", by_title[i : i + BATCH]) for i in range(0, len(by_title), BATCH)]
    try:
        for kind, batch in batches:
            papers = library.papers(batch, with_digests=False)
            if progress:
                progress(report.done, report.asked, papers[0].title if papers else "")
            if kind == "id":
                candidates = client.by_ids([known[p.id].arxiv_id for p in papers])
            else:
                candidates = client.by_titles([p.title for p in papers])
            outcomes = []
            for paper in papers:
                pool = candidates
                if kind == "id":  # the paper's own entry, checked by the same rules
                    pool = [c for c in candidates if c.arxiv_id == known[paper.id].arxiv_id]
                decision = decide(paper.title, paper.abstract, pool)
                outcomes.append((paper.id, decision.record, decision.reason))
            store.save_outcomes(library, outcomes)
            for paper_id, record, reason in outcomes:
                report.outcomes[paper_id] = (record is not None, reason)
                report.found += record is not None
            report.done += len(batch)
    except ArxivCancelled:
        report.cancelled = True
    except ArxivError as exc:
        report.error = str(exc)
    finally:
        report.requests = client.requests
    if progress and not (report.cancelled or report.error):
        progress(report.done, report.asked, "")
    return report


def attach(library, paper_id: int, record: ArxivRecord, reason: str = "set by hand") -> None:
    store.save_outcomes(library, [(paper_id, record, reason)])
