"""Bytes of a dump -> numbered, cleaned text lines, streamed in bounded memory.

Each line is decoded on its own: UTF-8 (with or without a BOM) first, and a
line that is not UTF-8 falls back to Windows-1252 (Latin-1 for the bytes
cp1252 leaves undefined), with one warning naming the first such line. So a
file of mixed encodings or with a truncated UTF-8 sequence keeps its good
lines intact. Binary data is an error naming the line; lines longer than any
title or abstract are skipped with a warning instead of being held in memory.
"""

from __future__ import annotations

import codecs
import io
import re
import unicodedata
from collections.abc import Callable, Iterator

MAX_LINE = 1 << 20  # 1 MiB: far beyond any abstract
HEAD = 64 * 1024  # bytes looked at to tell text from binary
_BREAKS = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f\u2000-\u200a\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff]")
# Control characters other than tab and line/page breaks: a few are noise, many mean binary.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")

Warn = Callable[[int, str], None]


class BinaryData(Exception):
    def __init__(self, line: int, detail: str = "binary data") -> None:
        self.line = line
        super().__init__(f"not a text file ({detail})")


class TextLines:
    """Iterate over (line number, cleaned text); ``encoding`` and ``bytes_read`` follow."""

    def __init__(self, stream: io.BufferedReader, warn: Warn) -> None:
        self.stream = stream
        self.warn = warn
        self.encoding = "utf-8"
        self.bytes_read = 0
        self.number = 0
        self.longest_skipped = 0  # bytes of the longest line skipped as too long

    def __iter__(self) -> Iterator[tuple[int, str]]:
        head = self.stream.peek(HEAD)[:HEAD]
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield from self._utf16()
            return
        _check_head(head)
        for raw in self._raw_lines():
            text = self._decode(raw)
            if "\r" in text:  # old Mac or Windows line ends: split on every kind
                parts = _BREAKS.split(text)
                if parts and parts[-1] == "":
                    parts.pop()  # the break that ended this raw line
            else:
                parts = [text[:-1] if text.endswith("\n") else text]
            for part in parts or [""]:
                self.number += 1
                if part.isprintable():  # most lines: nothing to remove (one C-level test)
                    yield self.number, _clean_printable(part)
                    continue
                if "\x00" in part or len(_CONTROL.findall(part)) > max(4, len(part) // 10):
                    raise BinaryData(self.number)
                yield self.number, clean(part)

    def _raw_lines(self) -> Iterator[bytes]:
        while True:
            raw = self.stream.readline(MAX_LINE + 1)
            if not raw:
                return
            self.bytes_read += len(raw)
            if len(raw) > MAX_LINE and not raw.endswith(b"\n"):
                skipped = len(raw) + self._skip_rest_of_line()
                self.longest_skipped = max(self.longest_skipped, skipped)
                self.number += 1
                self.warn(
                    self.number,
                    f"a line of {skipped:,} bytes, longer than any title or abstract: skipped",
                )
                continue
            yield raw

    def _skip_rest_of_line(self) -> int:
        skipped = 0
        while chunk := self.stream.readline(MAX_LINE):
            skipped += len(chunk)
            self.bytes_read += len(chunk)
            if chunk.endswith(b"\n"):
                break
        return skipped

    def _decode(self, raw: bytes) -> str:
        if self.bytes_read == len(raw) and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        try:
            text, encoding = raw.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:  # bytes cp1252 leaves undefined: Latin-1 takes any byte
            text, encoding = raw.decode("latin-1"), "latin-1"
        if self.encoding == "utf-8":
            self.warn(self.number + 1, f"not UTF-8 (first at this line); read as {encoding}")
            self.encoding = encoding
        return text

    def _utf16(self) -> Iterator[tuple[int, str]]:
        self.encoding = "utf-16"
        reader = io.TextIOWrapper(self.stream, encoding="utf-16", errors="replace", newline="")
        for line in reader:
            self.number += 1
            self.bytes_read += 2 * len(line)
            yield self.number, clean(line.rstrip("\r\n"))


def _check_head(head: bytes) -> None:
    nul = head.find(b"\x00")
    if nul >= 0:
        raise BinaryData(head.count(b"\n", 0, nul) + 1, "binary data, NUL bytes")
    # Bytes that are not UTF-8 (U+FFFD here) are a line in another encoding, or a character
    # cut by the end of the head; only when most of many high bytes are is it binary data.
    text = head.decode("utf-8", errors="replace")
    if "\ufffd" in text:
        high = sum(b > 127 for b in head)
        if high > 0.3 * len(head) and text.count("\ufffd") > high / 2:
            raise BinaryData(text.count("\n", 0, text.index("\ufffd")) + 1)
    controls = _CONTROL.findall(text)
    if len(controls) > max(2, len(text) // 200):
        first = text.index(controls[0])
        raise BinaryData(text.count("\n", 0, first) + 1)


def _clean_printable(line: str) -> str:
    """clean() of a line without control, invisible or special space characters.

    str.isprintable() is false for all of those (categories Cc, Cf, Zs but the
    space, Zl, Zp), so only runs of spaces and the Unicode form are left to fix.
    """
    line = " ".join(line.split()) if "  " in line else line.strip()
    if line.isascii() or unicodedata.is_normalized("NFC", line):
        return line
    return unicodedata.normalize("NFC", line)


def clean(line: str) -> str:
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub(" ", line)
    return unicodedata.normalize("NFC", _SPACES.sub(" ", line).strip())
