"""Digest dumps (text) -> papers plus warnings.

Two layouts are known (see DESIGN.md): *spaced* (blank lines between a title
and its abstract, a header and a date line) and *compact* (one line per title
and per abstract, ``Subscribe`` glued to the first title). Real files drift
from both, so the parser works on the shape of each line (a title is short and
does not read like prose; an abstract is long or made of sentences) and
resynchronises where the alternation breaks, reporting every oddity with its
line number instead of dropping anything silently.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SPACED = "spaced"
COMPACT = "compact"

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2000-\u200a\u3000]+")
# Control characters other than tab and line/page breaks: a few are noise, many mean binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
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
    """Read and parse one digest file; raises DigestError for unreadable files."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DigestError(str(path), None, f"cannot read the file ({exc.strerror})") from exc
    return parse_digest(data, str(path), today=today)


def parse_digest(data: bytes, name: str, today: dt.date | None = None) -> Digest:
    text, encoding, warnings = _decode(data, name)
    lines = [_clean(line) for line in _LINE_BREAK.split(text)]
    if not any(lines):
        raise DigestError(name, None, "the file is empty (no text in it)")
    parser = _Parser(name, lines, today or dt.date.today())
    parser.warnings[:0] = warnings
    parser.run()
    if not parser.entries:
        raise DigestError(
            name,
            None,
            "no paper found: no title followed by an abstract "
            "(is this a digest dump of titles and abstracts?)",
        )
    fingerprint = hashlib.sha256("\n".join(line for line in lines if line).encode()).hexdigest()
    return Digest(
        file=name,
        layout=parser.layout,
        date=parser.date,
        encoding=encoding,
        fingerprint=fingerprint,
        entries=parser.entries,
        warnings=parser.warnings,
    )


def _decode(data: bytes, name: str) -> tuple[str, str, list[ParseWarning]]:
    if not data.strip():
        raise DigestError(name, None, "the file is empty (no text in it)")
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding, []
            except UnicodeDecodeError as exc:
                raise DigestError(name, None, "not valid UTF-16 text despite its mark") from exc
    nul = data.find(b"\x00")
    if nul >= 0:
        raise DigestError(name, _line_of(data, nul), "not a text file (binary data, NUL bytes)")
    try:
        text, encoding, warnings = data.decode("utf-8-sig"), "utf-8", []
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined: Latin-1 takes any byte
            text, encoding = data.decode("latin-1"), "latin-1"
        warnings = [ParseWarning(name, line, f"not UTF-8 (first at this line); read as {encoding}")]
        if sum(ord(c) > 127 for c in text) > 0.3 * len(text):
            raise DigestError(name, line, "not a text file (binary data)") from None
    controls = len(_CONTROL.findall(text))
    if controls > max(2, len(text) // 200):
        line = text.count("\n", 0, _CONTROL.search(text).start()) + 1
        raise DigestError(name, line, "not a text file (binary data)")
    return text, encoding, warnings


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _clean(line: str) -> str:
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub(" ", line)
    return unicodedata.normalize("NFC", _SPACES.sub(" ", line).strip())


def _looks_like_abstract(text: str) -> bool:
    """Abstracts are long or read as prose; titles are short and rarely end in a period."""
    if len(text) > 300:
        return True
    if len(text) < 60:
        return False
    return text.endswith(".") or len(_SENTENCE_END.findall(text)) >= 2


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
    def __init__(self, name: str, lines: list[str], today: dt.date) -> None:
        self.name = name
        self.lines = lines
        self.today = today
        self.entries: list[DigestEntry] = []
        self.warnings: list[ParseWarning] = []
        self.date: str | None = None
        self.layout = SPACED

    def warn(self, line: int, message: str) -> None:
        self.warnings.append(ParseWarning(self.name, line, message))

    def run(self) -> None:
        body_start = self._read_header()
        body = [(number, text) for number, text in enumerate(self.lines, 1) if number > body_start]
        self.layout = _detect_layout(body)
        items = self._items(body)
        self._pair(items)

    def _date_of(self, text: str) -> dt.date | None:
        match = _DATE.match(text) or _ISO_DATE.match(text)
        return infer_date(match, self.today) if match else None

    def _read_header(self) -> int:
        """Consume known header lines (in any order) and the date; return the last line used."""
        for number, text in enumerate(self.lines, 1):
            if not text or _HEADER.match(text):
                continue
            date = self._date_of(text)
            if date and self.date is None:
                self.date = date.isoformat()
                continue
            glued = _GLUED_SUBSCRIBE.match(text)
            if glued:
                self.lines[number - 1] = text[glued.end() :]
            return number - 1
        return len(self.lines)

    def _items(self, body: list[tuple[int, str]]) -> list[tuple[int, str]]:
        """Content items: each line (compact) or each paragraph (spaced), with its first line."""
        items: list[tuple[int, str]] = []
        if self.layout == COMPACT:
            items = [(number, text) for number, text in body if text]
        else:
            for paragraph in _paragraphs(body):
                items.extend(self._split_paragraph(paragraph))
        kept = []
        for number, text in items:
            if _HEADER.match(text) or self._date_of(text):
                self.warn(number, f"header line inside the list, skipped: {text!r}")
            else:
                kept.append((number, text))
        return kept

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

    def _pair(self, items: list[tuple[int, str]]) -> None:
        pending: tuple[int, str] | None = None
        for number, text in items:
            if _looks_like_abstract(text):
                if pending:
                    self.entries.append(DigestEntry(pending[1], text, pending[0]))
                    pending = None
                elif self.entries:
                    self._continue_abstract(number, text)
                else:
                    self.warn(number, "text before the first title, skipped")
                continue
            pending = self._resolve_title_run(pending, number, text) if pending else (number, text)
        if pending:
            self._title_without_abstract(pending)

    def _continue_abstract(self, number: int, text: str) -> None:
        last = self.entries[-1]
        self.entries[-1] = DigestEntry(last.title, f"{last.abstract} {text}".strip(), last.line)
        self.warn(
            number,
            f"joined to the abstract of {last.title!r} (line {last.line}) as a wrapped abstract",
        )

    def _resolve_title_run(
        self, pending: tuple[int, str], number: int, text: str
    ) -> tuple[int, str] | None:
        """Two title-shaped lines in a row: a wrapped title, a header, or a missing abstract."""
        pending_line, pending_text = pending
        if _CONTINUES.search(pending_text):
            self.warn(number, f"joined to the title on line {pending_line} as a wrapped title")
            return pending_line, f"{pending_text} {text}"
        self._title_without_abstract(pending)
        return number, text

    def _title_without_abstract(self, pending: tuple[int, str]) -> None:
        number, text = pending
        if not self.entries:
            self.warn(number, f"unknown header line or title without abstract, skipped: {text!r}")
            return
        self.entries.append(DigestEntry(text, "", number))
        self.warn(number, f"title without abstract: {text!r}")


def _paragraphs(body: list[tuple[int, str]]) -> Iterator[list[tuple[int, str]]]:
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
