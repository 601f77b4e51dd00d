"""A small client of the arXiv API: batched title and id queries, Atom parsed safely.

arXiv asks for at most one request every three seconds; the client waits that
long between its own requests (the wait can be cut short by ``stop``). The
endpoint is ``READINGLIST_ARXIV_API`` when set (a full query URL, for tests and
mirrors). Every failure becomes ``ArxivError`` with one sentence.
"""

from __future__ import annotations

import os
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Sequence
from xml.etree.ElementTree import Element

from readinglist import __version__
from readinglist.core.metadata.records import ArxivRecord

API_ENV = "READINGLIST_ARXIV_API"
DEFAULT_API = "https://export.arxiv.org/api/query"
MIN_INTERVAL = 3.0  # seconds between two requests, as arXiv's terms of use ask
TIMEOUT = 30.0
CANDIDATES_PER_TITLE = 5
_ATOM = "{http://www.w3.org/2005/Atom}"
_ARXIV = "{http://arxiv.org/schemas/atom}"
_ID = re.compile(r"abs/(.+?)(?:v(\d+))?$")
_PLAIN_WORD = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
RUN_WORDS = 5


class ArxivError(Exception):
    """arXiv could not be asked or did not answer usefully; the message says why."""


class ArxivCancelled(Exception):
    """The user cancelled while the client waited or asked."""


def endpoint() -> str:
    return os.environ.get(API_ENV) or DEFAULT_API


class ArxivClient:
    def __init__(
        self,
        url: str | None = None,
        min_interval: float = MIN_INTERVAL,
        timeout: float = TIMEOUT,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.url = url or endpoint()
        self.min_interval = min_interval
        self.timeout = timeout
        self.clock = clock
        self.stop = threading.Event()
        self._sleep = sleep or self._interruptible_sleep
        self._last: float | None = None
        self.requests = 0

    def _interruptible_sleep(self, seconds: float) -> None:
        self.stop.wait(seconds)

    def by_ids(self, ids: Sequence[str]) -> list[ArxivRecord]:
        return self._get({"id_list": ",".join(ids), "max_results": str(len(ids))})

    def by_titles(self, titles: Sequence[str]) -> list[ArxivRecord]:
        """Candidates for several titles in one request (an OR of title clauses)."""
        clauses = [c for c in map(title_clause, titles) if c]
        if not clauses:
            return []
        query = " OR ".join(f"({c})" for c in clauses)
        return self._get(
            {"search_query": query, "max_results": str(CANDIDATES_PER_TITLE * len(clauses))}
        )

    def _get(self, params: dict[str, str]) -> list[ArxivRecord]:
        if self.stop.is_set():
            raise ArxivCancelled
        if self._last is not None:
            wait = self.min_interval - (self.clock() - self._last)
            if wait > 0:
                self._sleep(wait)
        if self.stop.is_set():
            raise ArxivCancelled
        url = self.url + ("&" if "?" in self.url else "?") + urllib.parse.urlencode(params)
        request = urllib.request.Request(url, headers={"User-Agent": f"readinglist/{__version__}"})
        self.requests += 1
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                body = answer.read()
        except urllib.error.HTTPError as exc:
            raise ArxivError(f"arXiv answered {exc.code} {exc.reason} ({self.url})") from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise ArxivError(self._silent()) from exc
            raise ArxivError(
                f"arXiv could not be reached ({_reason(exc.reason)}; {self.url})"
            ) from exc
        except TimeoutError as exc:
            raise ArxivError(self._silent()) from exc
        except OSError as exc:
            raise ArxivError(f"arXiv could not be reached ({_reason(exc)}; {self.url})") from exc
        finally:
            self._last = self.clock()
        return parse_feed(body, self.url)

    def _silent(self) -> str:
        return f"arXiv did not answer within {self.timeout:.0f} s ({self.url})"


def _reason(reason: object) -> str:
    text = str(getattr(reason, "strerror", None) or reason)
    return text[:1].lower() + text[1:]


def title_clause(title: str) -> str:
    """A title as an arXiv search clause: runs of plain words as ti: phrases.

    arXiv indexes its LaTeX titles; a run of plain words ("in the Asymptotically
    Safe Standard Model") is spelt the same on both sides, symbols are not. Runs
    are cut to their first words, so a typo near the end still finds the paper
    (the match rules then decide), and so do both of two near-identical siblings.
    """
    runs: list[list[str]] = [[]]
    for token in title.split():
        word = token.rstrip(":,.;?!")
        if _PLAIN_WORD.fullmatch(word):
            runs[-1].append(word)
            if word != token:  # punctuation ends a run
                runs.append([])
        elif runs[-1]:
            runs.append([])
    phrases = [" ".join(run[:RUN_WORDS]) for run in runs if run]
    phrases = [p for p in phrases if len(p) > 3][:3]
    return " AND ".join(f'ti:"{phrase}"' for phrase in phrases)


def parse_feed(body: bytes, source: str = "arXiv") -> list[ArxivRecord]:
    """Entries of an arXiv Atom answer; an error entry or bad XML raises ArxivError."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(body)
    except (ElementTree.ParseError, DefusedXmlException) as exc:
        raise ArxivError(f"arXiv's answer is not a valid Atom feed ({exc}; {source})") from exc
    if root.tag != f"{_ATOM}feed":
        raise ArxivError(f"arXiv's answer is not an Atom feed ({source})")
    records = []
    for entry in root.iter(f"{_ATOM}entry"):
        entry_id = _text(entry, "id")
        if "/api/errors" in entry_id:
            raise ArxivError(f"arXiv refused the query: {_text(entry, 'summary')}")
        match = _ID.search(entry_id)
        if not match:
            continue
        records.append(_record(entry, match.group(1), int(match.group(2) or 1)))
    return records


def _record(entry: Element, arxiv_id: str, version: int) -> ArxivRecord:
    primary = entry.find(f"{_ARXIV}primary_category")
    return ArxivRecord(
        arxiv_id=arxiv_id,
        version=version,
        title=" ".join(_text(entry, "title").split()),
        abstract=" ".join(_text(entry, "summary").split()),
        authors=[
            " ".join((a.findtext(f"{_ATOM}name") or "").split())
            for a in entry.findall(f"{_ATOM}author")
        ],
        published=_text(entry, "published")[:10],
        updated=_text(entry, "updated")[:10],
        primary_category=primary.get("term", "") if primary is not None else "",
        doi=(entry.findtext(f"{_ARXIV}doi") or "").strip(),
        journal_ref=" ".join((entry.findtext(f"{_ARXIV}journal_ref") or "").split()),
    )


def _text(entry: Element, name: str) -> str:
    return (entry.findtext(f"{_ATOM}{name}") or "").strip()
