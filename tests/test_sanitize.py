"""Notes leave (and enter) the library with harmless HTML kept and active content removed.

The judge is what a reader's renderer makes of the Markdown: CommonMark (markdown-it) and
python-markdown, both passing raw HTML through as renderers of Markdown files do, then an
HTML parser listing what a browser would run or load.
"""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from readinglist.core.export import ExportOptions, export_markdown
from readinglist.core.markdown_import import parse_export
from readinglist.core.models import Paper
from readinglist.core.sanitize import sanitize_note


class ActiveContent(HTMLParser):
    """Collects what can run code or load from elsewhere in an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "iframe", "object", "embed", "style", "link", "meta", "base"}:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            url = "".join((value or "").split()).lower()
            if name.startswith("on") or name in ("style", "srcset", "formaction"):
                self.found.append(f"{tag} {name}=")
            if name in ("href", "src", "action", "data") and url.startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                self.found.append(f"{tag} {name}={url}")
            if tag == "img" and name == "src" and (scheme(url) or url.startswith("//")):
                self.found.append(f"remote image {url}")


def scheme(url: str) -> str:
    try:
        return urlsplit(url).scheme
    except ValueError:
        return "?"


def active_content(note: str) -> list[str]:
    found = []
    for page in (MarkdownIt("commonmark").render(note), markdown.markdown(note)):
        parser = ActiveContent()
        parser.feed(page)
        found += parser.found
    return found


KEPT = [
    "Press <kbd>Ctrl</kbd>+<kbd>K</kbd>; E = mc<sup>2</sup>, H<sub>2</sub>O, <mark>key</mark>",
    "<details><summary>Proof sketch</summary>\n\nBy *induction*.\n</details>",
    'An <abbr title="Hidden Markov model">HMM</abbr> and a <a href="https://arxiv.org">link</a>',
    "![figure 2](fig2.png) next to the note",
    "plain *Markdown*: a < b & c > d, `x<y>`, &lt;b&gt; typed out\n> a quote\n\n- a list",
    "```html\n<script>shown as code</script>\n```",
    "inline code `<script>alert(1)</script>` stays code",
    "[arXiv](https://arxiv.org/abs/1234) and <https://example.org> and <me@example.org>",
]


@pytest.mark.parametrize("note", KEPT)
def test_harmless_notes_are_kept_exactly(note):
    assert sanitize_note(note) == note


HOSTILE = [
    ("<script>steal(document.cookie)</script>after", "after"),
    ("a <iframe src='https://evil.example'></iframe> b", "a  b"),
    ("<object data='x.swf'>fallback</object>", ""),
    ('<img src="x.png" onerror="alert(1)">', '<img src="x.png">'),
    ('<a href="javascript:alert(1)">click</a>', "<a>click</a>"),
    ('<a href="jav&#x09;ascript:alert(1)">click</a>', "<a>click</a>"),
    ('<img src="https://tracker.example/p.png" alt="t">', '<img alt="t">'),
    ("[click](javascript:alert(1))", "[click]\\(javascript:alert(1))"),  # shown as text
    ("[click](javascript&#58;alert(1))", "[click]\\(javascript&#58;alert(1))"),
    ("![pixel](https://tracker.example/p.png)", "[pixel](https://tracker.example/p.png)"),
    ("<p style='background:url(https://x.example)'>s</p>", "<p>s</p>"),
    ('<div onclick="x()">\n`<img src=y onerror=alert(1)>`\n</div>', None),
    ("<<script></script>img src=x onerror=alert(1)>", None),
    ('<img alt="`"><script>alert(1)</script>`">', None),
    ("`\n\n<script>alert(1)</script>\n\n`", None),
    ("```a`b\n<script>alert(1)</script>\n```", None),
    ("<div>\n\n<b>x</b> `<img src=x onerror=alert(1)>`\n\n</div>", None),
    ("> <div>\n> `<img src=x onerror=alert(1)>`\n> </div>", None),
    ("[x]: javascript:alert(1)\n\n[click][x]", None),
    ("<svg><script>alert(1)</script></svg> <math><mi>x</mi></math>", None),
    # An unclosed "``": CommonMark shows it as text, python-markdown retries it as "`",
    # so the two disagree on whether the span after it is code (found by hypothesis).
    ("``<`<script>`", None),
    ("x ``a `<img src=x onerror=alert(1)>` y", None),
]


@pytest.mark.parametrize(("note", "expected"), HOSTILE)
def test_active_content_is_removed(note, expected):
    assert active_content(note), "the case should be hostile before cleaning"
    safe = sanitize_note(note)
    assert active_content(safe) == []
    if expected is not None:
        assert safe == expected
    assert sanitize_note(safe) == safe  # a second export changes nothing more


def test_autolinks_to_other_schemes_go_even_where_a_renderer_would_refuse_them():
    # markdown-it already refuses these; commonmark.js without its safe option does not.
    assert sanitize_note("<javascript:alert(1)> <vbscript:x> <data:text/html,x>") == "  "


PIECES = [
    "<", ">", "`", "``", "\n", "\n\n", " ", "x", "*", "> ", "- ", "```", "\\", "&", "&#58;",
    '"', "'", "=", "/", "script", "img", "src=x", "onerror=alert(1)", "div", "details",
    "javascript:alert(1)", "https://e.example/i.png", "[a](", ")", "![b](", "<!--", "-->",
    "<script>", "</script>", "<img ", "<a href=", "<div>", "</div>", "<kbd>", "<?", "<!X",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_no_combination_of_pieces_gets_active_content_through(note):
    safe = sanitize_note(note)
    assert active_content(safe) == [], safe
    assert sanitize_note(safe) == safe


def a_paper(note: str) -> Paper:
    return Paper(1, "A paper", "An abstract.", "2026-11-01", 0, "unread", note, ["t"], 1, None)


def test_export_writes_the_note_without_its_script_or_links_that_run():
    note = "## Why\nPress <kbd>K</kbd>.<script>steal()</script> [x](javascript:go())"
    text = export_markdown([a_paper(note)], ExportOptions())
    assert "<kbd>K</kbd>" in text and "### Why" in text
    assert "<script>" not in text and "steal()" not in text
    assert "[x]\\(javascript:go())" in text  # no longer a link: shown as text


def test_importing_someone_elses_export_cleans_its_notes_and_warns(tmp_path):
    theirs = export_markdown([a_paper("fine")], ExportOptions()).replace(
        "fine", 'fine <kbd>K</kbd> <img src="https://tracker.example/p.png" onerror="x()">'
    )
    papers, warnings = parse_export(theirs, "theirs.md")
    assert papers[0].note == "fine <kbd>K</kbd> <img>"
    [warning] = warnings
    assert str(warning).startswith("theirs.md:")
    assert "the note of “A paper” held HTML or links that can run code" in str(warning)


def test_a_clean_export_imports_without_warnings():
    text = export_markdown([a_paper("<sup>2</sup> and [a](https://x.example)")], ExportOptions())
    papers, warnings = parse_export(text, "mine.md")
    assert papers[0].note == "<sup>2</sup> and [a](https://x.example)" and warnings == []
