"""The preview pane: one paper's title, facts, abstract (search words marked) and note."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QUrl
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QTextBrowser, QWidget

from readinglist.core.library import Paper
from readinglist.core.render import render_markdown
from readinglist.core.wording import plural, stars
from readinglist.gui.theme import mark_colours

EMPTY_LIBRARY_HINT = (
    "<h2>Your reading list is empty</h2>"
    "<p>Drop digest files (or a folder of them) onto this window,<br>"
    "or choose <b>File &gt; Import…</b> (Ctrl+O).</p>"
    "<p>Every paper lands once, however many digests it appears in.</p>"
)
NO_SELECTION_HINT = (
    "<p>Select a paper to read its abstract here.</p>"
    "<p>Type in the search field to filter (Ctrl+F), move with the arrow keys or j / k.</p>"
)


EXTRA_BREAK = "<!-- below -->"


class PreviewPane(QTextBrowser):
    """Read-only rich text; loads nothing from the network, follows no link itself."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewPane")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.paper: Paper | None = None
        self._words: list[str] = []
        # More about the shown paper (triage, score, related papers), set by the window.
        self.extra_html: Callable[[Paper, str], str] | None = None
        font = self.font()
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.setFont(font)

    def loadResource(self, kind: int, url: QUrl):  # noqa: N802 (Qt's name)
        return None  # no image or stylesheet from a note or abstract is ever fetched

    def show_hint(self, empty_library: bool) -> None:
        self.paper = None
        self.setHtml(self._page(EMPTY_LIBRARY_HINT if empty_library else NO_SELECTION_HINT))

    def show_paper(self, paper: Paper, words: list[str] | None = None) -> None:
        self.paper = paper
        self._words = words or []
        mark = mark_colours(self.palette())
        body = paper_html(paper, self._words, self._muted(), mark)
        if self.extra_html is not None:
            # The lines up to a marker go under the paper's facts (where the eye is); the
            # rest (related papers) below everything.
            top, _, bottom = self.extra_html(paper, self._muted()).partition(EXTRA_BREAK)
            facts_end = body.find("</p>") + len("</p>")
            body = body[:facts_end] + top + body[facts_end:] + bottom
        self.setHtml(self._page(body))

    def changeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        # The system switched light/dark: render again with colours of the new palette.
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.paper is not None:
            self.show_paper(self.paper, self._words)

    def _muted(self) -> str:
        """Halfway between text and background: secondary in light and dark alike.

        (PlaceholderText carries alpha, which an HTML colour name drops: it came out black.)
        """
        text = self.palette().color(QPalette.ColorRole.Text)
        base = self.palette().color(QPalette.ColorRole.Base)
        mixed = [(a + b) // 2 for a, b in zip(text.getRgb()[:3], base.getRgb()[:3], strict=True)]
        return QColor(*mixed).name()

    def _page(self, body: str) -> str:
        return f"<html><body style='margin: 8px'>{body}</body></html>"


def paper_html(
    paper: Paper, words: list[str], muted: str, mark: tuple[str, str] = ("#ffe066", "#000000")
) -> str:
    facts = [stars(paper.rating) if paper.rating else "unrated", paper.status]
    facts.append(f"seen in {plural(paper.seen, 'digest')}")
    parts = [
        f"<h2>{highlight(paper.title, words, mark)}</h2>",
        f"<p style='color: {muted}'>{html.escape(' · '.join(facts))}</p>",
    ]
    if paper.tags:
        tags = " ".join(f"<code>{html.escape(t)}</code>" for t in paper.tags)
        parts.append(f"<p>Tags: {tags}</p>")
    shown_abstract = paper.abstract[:PREVIEW_CHARS]
    abstract = highlight(shown_abstract, words, mark) if paper.abstract else "<i>No abstract.</i>"
    parts.append(f"<p style='line-height: 140%'>{abstract}</p>")
    if len(paper.abstract) > PREVIEW_CHARS:
        parts.append(_cut_notice("abstract", len(paper.abstract), muted))
    if paper.note.strip():
        # Rendering is linear but Qt's layout of megabytes of rich text is not: a
        # 10 MB note would freeze the window. The editor below still holds all of it.
        parts.append(f"<h3>Note</h3>{render_markdown(paper.note[:PREVIEW_CHARS])}")
        if len(paper.note) > PREVIEW_CHARS:
            parts.append(_cut_notice("note", len(paper.note), muted))
    if paper.digests:
        seen = ", ".join(
            html.escape(f"{d.file} ({(d.date or d.imported)[:10]})") for d in paper.digests
        )
        parts.append(f"<p style='color: {muted}'>Seen in: {seen}</p>")
    parts.append(
        f"<p style='color: {muted}'>Added {html.escape(paper.added[:10])} · id {paper.id}</p>"
    )
    return "\n".join(parts)


PREVIEW_CHARS = 10_000  # python-markdown renders about 20,000 characters a second here


def _cut_notice(what: str, length: int, muted: str) -> str:
    return (
        f"<p style='color: {muted}'><i>The {what} has {length:,} characters; the preview "
        f"shows the first {PREVIEW_CHARS:,} (nothing is cut from the {what} itself).</i></p>"
    )


def highlight(text: str, words: list[str], mark: tuple[str, str] = ("#ffe066", "#000000")) -> str:
    """Escape text and mark the search words (as word prefixes, any case)."""
    terms = [w for w in (re.escape(w.strip()) for w in words) if w]
    if not terms:
        return html.escape(text)
    pattern = re.compile(
        r"\b(" + "|".join(sorted(terms, key=len, reverse=True)) + ")", re.IGNORECASE
    )
    out, last = [], 0
    for match in pattern.finditer(text):
        out += [
            html.escape(text[last : match.start()]),
            f"<span style='background-color: {mark[0]}; color: {mark[1]}'>"
            f"{html.escape(match.group(0))}</span>",
        ]
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)
