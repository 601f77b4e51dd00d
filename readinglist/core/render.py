"""Markdown notes -> safe HTML, shared by the preview and the exports.

Raw HTML in a note is shown as text, never passed through: python-markdown's
HTML block and inline-HTML handlers are removed, so ``<script>`` arrives as
``&lt;script&gt;``. Images are not loaded by our viewers (see the GUI).
"""

from __future__ import annotations

import markdown

_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


def render_markdown(text: str) -> str:
    """HTML for a Markdown note, with any HTML the note holds escaped."""
    return _markdown().convert(text)
