"""Markdown notes -> safe HTML, shared by the preview and the exports.

Raw HTML in a note is shown as text, never passed through: python-markdown's
HTML block and inline-HTML handlers are removed, so ``<script>`` arrives as
``&lt;script&gt;``. Links keep only harmless schemes, and images become
links, so a rendered note never runs code or loads a remote resource.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

_EXTENSIONS = ["tables", "fenced_code", "sane_lists"]
_SAFE_SCHEMES = {"", "http", "https", "mailto"}
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


class _SafeLinks(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            if element.tag == "img":
                source, alt = element.get("src", ""), element.get("alt", "") or "image"
                element.tag = "a"
                element.attrib.clear()
                element.text = f"[{alt}]"
                if _safe(source):
                    element.set("href", source)
            elif element.tag == "a" and not _safe(element.get("href", "")):
                element.attrib.pop("href", None)


def _safe(url: str) -> bool:
    # Judge the link as a browser reads it: entities decoded ("&#106;avascript:"), and
    # the controls and spaces it ignores inside a scheme ("java\tscript:") removed.
    decoded = _IGNORED.sub("", html.unescape(url))
    try:
        return urlsplit(decoded).scheme.lower() in _SAFE_SCHEMES
    except ValueError:
        return False


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.treeprocessors.register(_SafeLinks(md), "safe_links", 0)
    return md


def render_markdown(text: str) -> str:
    """HTML for Markdown text, with any HTML it holds escaped and no active content."""
    return _markdown().convert(text)
