"""Digest dumps (text) -> papers plus warnings.

Two layouts are known (samples in tests/fixtures/digests/): *spaced* (blank
lines between a title and its abstract, a header and a date line) and
*compact* (one line per title and per abstract, ``Subscribe`` glued to the
first title). Real files drift
from both, so the parser works on the shape of each line (a title is short and
does not read like prose; an abstract is long or made of sentences) and
resynchronises where the alternation breaks, reporting every oddity with its
line number instead of dropping anything silently.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from readinglist.core import clock
from readinglist.core.decoding import HEAD, BinaryData, TextLines
from readinglist.core.reading import Check, NotARegularFile, open_regular

SPACED = "spaced"
COMPACT = "compact"
LAYOUT_SAMPLE = 400  # body lines looked at to tell the layout
MAX_WARNINGS = 1000  # kept per file; the rest are counted

_HEADER = re.compile(
    r"^(new|subscribe|get trending papers in your email inbox.*|"
    r"by\s*ak and the research community|daily papers|trending papers)$",
    re.IGNORECASE,
)
_GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=\S)")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_DATE = re.compile(
    r"^(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+"
    r"(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{4}))?$",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
# A title that ends on one of these was wrapped onto the next line.
_CONTINUES = re.compile(r"([:,\-\u2013\u2014]|\b(of|and|for|the|with|in|on|to|a|an|via|by))$")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")
_FULL_STOP = re.compile(r"[a-z]{2}\. [A-Z]")


class DigestError(Exception):
    """A file that cannot be read as a digest at all; nothing from it is imported."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        where = f"{file}:{line}" if line else file
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class ParseWarning:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class DigestEntry:
    title: str
    abstract: str
    line: int  # line of the title in the file, 1-based


@dataclass
class Digest:
    file: str
    layout: str
    date: str | None  # ISO date of the digest if the file names one
    encoding: str
    fingerprint: str  # same content -> same fingerprint, whatever the line ends
    entries: list[DigestEntry] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def read_digest(path: str | Path, today: dt.date | None = None) -> Digest:
    """Read and parse one digest file whole; raises DigestError for unreadable files."""
    stream = DigestStream(path, today)
    with stream:
        entries = list(stream)
    return stream.digest(entries)


def parse_digest(data: bytes, name: str, today: dt.date | None = None) -> Digest:
    stream = DigestStream(name, today, source=io.BytesIO(data))
    with stream:
        entries = list(stream)
    return stream.digest(entries)


class DigestStream:
    """The papers of one dump, parsed as the file is read (bounded memory).

    Iterate for entries; ``date``, ``layout``, ``encoding``, ``warnings`` and
    ``bytes_read`` fill in as it goes, ``fingerprint`` once it is done.
    Raises DigestError (at any point) for a file that is not a digest.
    """

    def __init__(
        self,
        path: str | Path,
        today: dt.date | None = None,
        source: io.BytesIO | None = None,
        check: Check | None = None,
    ) -> None:
        self.file = str(path)
        self._check = check  # called every 64 KB read: raises to cancel
        self.today = today or clock.today()
        self._data = source  # bytes in memory instead of the file
        self._source: io.BufferedReader | None = None
        self.size = 0
        self.warnings: list[ParseWarning] = []
        self.more_warnings = 0
        self.count = 0
        self.date: str | None = None
        self.layout = SPACED
        self._hash = hashlib.sha256()
        self._lines: TextLines | None = None

    def __enter__(self) -> DigestStream:
        # A buffer of HEAD bytes, so that peek() shows the whole head to the binary check.
        if self._data is None:
            try:
                self._source = open_regular(self.file, self._check)
            except NotARegularFile as exc:
                raise DigestError(self.file, None, str(exc)) from exc
            except OSError as exc:
                raise DigestError(
                    self.file, None, f"cannot read the file ({exc.strerror})"
                ) from exc
            self.size = os.fstat(self._source.fileno()).st_size
        else:
            self.size = len(self._data.getbuffer())
            self._source = io.BufferedReader(self._data, buffer_size=HEAD)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self._source is not None:
            self._source.close()

    @property
    def bytes_read(self) -> int:
        return self._lines.bytes_read if self._lines else 0

    @property
    def encoding(self) -> str:
        return self._lines.encoding if self._lines else "utf-8"

    @property
    def fingerprint(self) -> str:
        """Same content, same fingerprint, whatever the line ends or encoding."""
        return self._hash.hexdigest()

    def warn(self, line: int, message: str) -> None:
        if len(self.warnings) < MAX_WARNINGS:
            self.warnings.append(ParseWarning(self.file, line, message))
        else:
            self.more_warnings += 1

    def __iter__(self) -> Iterator[DigestEntry]:
        if self._source is None:
            raise RuntimeError("use DigestStream in a with block")
        self._lines = TextLines(self._source, self.warn)
        try:
            parser = _Parser(self)
            for entry in parser.entries(self._hashed(self._lines)):
                self.count += 1
                yield entry
        except BinaryData as exc:
            raise DigestError(self.file, exc.line, str(exc)) from None
        if not self._seen_text and self._lines.longest_skipped:
            raise DigestError(
                self.file,
                None,
                f"no paper found: its only text is in lines longer than any title or "
                f"abstract (the longest has {self._lines.longest_skipped:,} bytes); "
                "is this a digest dump of titles and abstracts?",
            )
        if self._lines.number == 0 or not self._seen_text:
            raise DigestError(self.file, None, "the file is empty (no text in it)")
        if not self.count:
            raise DigestError(
                self.file,
                None,
                "no paper found: no title followed by an abstract "
                "(is this a digest dump of titles and abstracts?)",
            )
        if self.more_warnings:
            self.warnings.append(
                ParseWarning(
                    self.file, self._lines.number, f"… and {self.more_warnings:,} more warnings"
                )
            )

    _seen_text = False

    def _hashed(self, lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        for number, text in lines:
            if text:
                self._seen_text = True
                self._hash.update(text.encode() + b"\n")
            yield number, text

    def digest(self, entries: list[DigestEntry]) -> Digest:
        return Digest(
            self.file,
            self.layout,
            self.date,
            self.encoding,
            self.fingerprint,
            entries,
            self.warnings,
        )


def _looks_like_abstract(text: str) -> bool:
    """Abstracts are long or read as prose; titles are short and rarely end in a period."""
    if len(text) > 300:
        return True
    if len(text) < 60:
        return False
    if text.endswith(".") or len(_SENTENCE_END.findall(text)) >= 2:
        return True
    # A long line with a full stop inside reads as prose (a cut-off abstract).
    return len(text) >= 120 and _FULL_STOP.search(text) is not None


def infer_date(match: re.Match[str], today: dt.date) -> dt.date | None:
    """A digest date; without a year, the latest such day that is not in the future."""
    groups = match.groupdict()
    month = groups["month"]
    month_number = int(month) if month.isdigit() else _MONTHS.index(month[:3].lower()) + 1
    day = int(groups["day"])
    years = [int(groups["year"])] if groups.get("year") else [today.year, today.year - 1]
    for year in years:
        try:
            candidate = dt.date(year, month_number, day)
        except ValueError:
            continue
        if groups.get("year") or candidate <= today + dt.timedelta(days=1):
            return candidate
    return None


class _Parser:
    """The state machine: header, layout, items, then title/abstract pairs."""

    def __init__(self, stream: DigestStream) -> None:
        self.stream = stream
        self.warn = stream.warn
        self.last: DigestEntry | None = None  # held back: a wrapped abstract may follow

    def entries(self, lines: Iterator[tuple[int, str]]) -> Iterator[DigestEntry]:
        body = self._after_header(lines)
        head = list(itertools.islice(body, LAYOUT_SAMPLE))
        self.stream.layout = _detect_layout(head)
        yield from self._pair(self._items(itertools.chain(head, body)))

    def _date_of(self, text: str) -> dt.date | None:
        match = _DATE.match(text) or _ISO_DATE.match(text)
        return infer_date(match, self.stream.today) if match else None

    def _after_header(self, lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        """Skip known header lines (in any order) and take the date; yield the rest."""
        lines = iter(lines)
        for number, text in lines:
            if not text or _HEADER.match(text):
                continue
            date = self._date_of(text)
            if date and self.stream.date is None:
                self.stream.date = date.isoformat()
                continue
            glued = _GLUED_SUBSCRIBE.match(text)
            yield number, text[glued.end() :] if glued else text
            break
        yield from lines

    def _items(self, body: Iterator[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        """Content items: each line (compact) or each paragraph (spaced), with its first line."""
        if self.stream.layout == COMPACT:
            items = ((number, text) for number, text in body if text)
        else:
            items = (
                item for paragraph in _paragraphs(body) for item in self._split_paragraph(paragraph)
            )
        for number, text in items:
            if _HEADER.match(text) or self._date_of(text):
                self.warn(number, f"header line inside the list, skipped: {text!r}")
            else:
                yield number, text

    def _split_paragraph(self, paragraph: list[tuple[int, str]]) -> Iterator[tuple[int, str]]:
        if len(paragraph) == 1:
            yield paragraph[0]
            return
        first_line, first = paragraph[0]
        rest = paragraph[1:]
        if not _looks_like_abstract(first) and _looks_like_abstract(rest[0][1]):
            # A title and its abstract with no blank line between them.
            yield first_line, first
            paragraph = rest
            if len(paragraph) == 1:
                yield paragraph[0]
                return
        start, end = paragraph[0][0], paragraph[-1][0]
        self.warn(start, f"lines {start}-{end} joined as one wrapped paragraph")
        yield start, " ".join(text for _, text in paragraph)

    def _pair(self, items: Iterator[tuple[int, str]]) -> Iterator[DigestEntry]:
        pending: tuple[int, str] | None = None
        for number, text in items:
            if _looks_like_abstract(text):
                if pending:
                    yield from self._emit(DigestEntry(pending[1], text, pending[0]))
                    pending = None
                elif self.last:
                    self._continue_abstract(self.last, number, text)
                else:
                    self.warn(number, "text before the first title, skipped")
                continue
            if pending:
                resolved = self._resolve_title_run(pending, number, text)
                if isinstance(resolved, DigestEntry):
                    yield from self._emit(resolved)
                    pending = (number, text)
                else:
                    pending = resolved
            else:
                pending = (number, text)
        if pending:
            entry = self._title_without_abstract(pending)
            if entry:
                yield from self._emit(entry)
        if self.last:
            yield self.last

    def _emit(self, entry: DigestEntry) -> Iterator[DigestEntry]:
        if self.last:
            yield self.last
        self.last = entry

    def _continue_abstract(self, last: DigestEntry, number: int, text: str) -> None:
        self.last = DigestEntry(last.title, f"{last.abstract} {text}".strip(), last.line)
        self.warn(
            number,
            f"joined to the abstract of {last.title!r} (line {last.line}) as a wrapped abstract",
        )

    def _resolve_title_run(
        self, pending: tuple[int, str], number: int, text: str
    ) -> tuple[int, str] | DigestEntry | None:
        """Two title-shaped lines in a row: a wrapped title, a header, or a missing abstract.

        Returns the joined title to keep pending, or the finished paper without
        abstract (the new line then becomes the pending title).
        """
        pending_line, pending_text = pending
        if _CONTINUES.search(pending_text):
            self.warn(number, f"joined to the title on line {pending_line} as a wrapped title")
            return pending_line, f"{pending_text} {text}"
        entry = self._title_without_abstract(pending)
        return entry if entry else (number, text)

    def _title_without_abstract(self, pending: tuple[int, str]) -> DigestEntry | None:
        number, text = pending
        if not self.last:
            self.warn(number, f"unknown header line or title without abstract, skipped: {text!r}")
            return None
        self.warn(number, f"title without abstract: {text!r}")
        return DigestEntry(text, "", number)


def _paragraphs(body: Iterable[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
    paragraph: list[tuple[int, str]] = []
    for number, text in body:
        if text:
            paragraph.append((number, text))
        elif paragraph:
            yield paragraph
            paragraph = []
    if paragraph:
        yield paragraph


def _detect_layout(body: list[tuple[int, str]]) -> str:
    """Compact when content lines follow each other with (almost) no blank line between.

    A spaced dump with hard-wrapped abstracts still has a blank line after
    every title, so a quarter of separated transitions is enough for spaced.
    """
    adjacent = separated = 0
    previous = None
    for _, text in body:
        if text and previous is not None:
            if previous:
                adjacent += 1
            else:
                separated += 1
        previous = text
    return SPACED if separated * 3 >= adjacent else COMPACT
