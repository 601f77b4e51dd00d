"""Notes made safe to hand to any Markdown renderer, on export and on import of an export.

A note is Markdown, and Markdown lets raw HTML through to whatever renders it. So before a
note leaves the library in a Markdown file, and before a note from someone else's export
enters it, the note keeps its harmless inline HTML (``<kbd>``, ``<sup>``, ``<details>``...)
and loses what can run or load: script, style, iframe, object and their kin, event
attributes, ``javascript:`` (and every other non-web) URL, and images from elsewhere.

The HTML is judged by nh3 (ammonia, a maintained allow-list sanitizer, parsing as browsers
do). What counts as HTML in Markdown is decided the way CommonMark renderers decide it,
erring towards HTML wherever renderers differ:

- fenced code blocks and inline code spans stay as written: renderers escape them;
- a block that starts with a tag (also inside a list or quote) goes to nh3 whole, up to a
  blank line after its element is closed, since renderers pass such blocks through raw;
- elsewhere each tag goes to nh3 with the text between tags held aside, so a note's text
  keeps its Markdown; a "<" that starts no tag is escaped, for the most lenient renderers.

Markdown's own links and images are checked here, since no HTML sanitizer sees them: a
link to a non-web URL is escaped into plain text (``[x]\\(javascript:...)``), an image from
elsewhere becomes a link to it. The result is cleaned again until it no longer changes, so
a second export (or an import of an export) changes nothing more.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3

# What a note may keep: text-level and block HTML with no behaviour of its own.
ALLOWED_TAGS = {
    "a", "abbr", "b", "bdi", "bdo", "blockquote", "br", "caption", "cite", "code", "col",
    "colgroup", "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption",
    "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li",
    "mark", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp", "small", "span",
    "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "time", "tr", "tt", "u", "ul", "var", "wbr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "details": {"open"},
    "ol": {"start", "type"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan"},
    "time": {"datetime"},
    "*": {"lang", "dir"},
}
# Removed with everything inside them, not just their tags.
DROPPED_WITH_CONTENT = {
    "script", "style", "iframe", "object", "embed", "applet", "noscript", "noembed",
    "noframes", "template", "textarea", "title", "xmp", "svg", "math", "frameset", "frame",
    "plaintext", "select", "head", "base", "link", "meta",
}  # fmt: skip
LINK_SCHEMES = {"http", "https", "mailto"}


_FENCE = re.compile(r"^ {0,3}(`{3,}(?!.*`)|~{3,})")
# Block tags that start a raw HTML block (CommonMark's list, python-markdown's, and the
# elements that hold raw text); a line holding only one tag of any name does too.
_BLOCK_TAGS = (  # noqa: SIM905
    "address article aside base basefont blockquote body canvas caption center col colgroup "
    "dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset "
    "h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe legend li link main map math menu "
    "menuitem nav noframes noscript object ol optgroup option output p param pre progress "
    "script search section style summary table tbody td textarea tfoot th thead title tr "
    "track ul video"
).split()
_CONTAINER = r"^(?:[ \t]*(?:>|[-+*](?=\s)|\d{1,9}[.)](?=\s)))*[ \t]*"
_HTML_START = re.compile(
    _CONTAINER + r"(?:<(?:!|\?)|</?(?:" + "|".join(_BLOCK_TAGS) + r")(?![A-Za-z0-9-]))",
    re.IGNORECASE,
)
_START_NAME = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)")
_BLANK = re.compile(r"^[\s>]*$")
# CommonMark's raw HTML, one line at most: what a renderer passes through as a tag.
_VALUE = r"""(?:[^\s"'=<>`]+|'[^'\n]*'|"[^"\n]*")"""
_ATTRIBUTE = rf"(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*{_VALUE})?)"
_TAG = re.compile(
    rf"<(?P<open>[A-Za-z][A-Za-z0-9-]*){_ATTRIBUTE}*[ \t]*/?>"
    r"|</(?P<close>[A-Za-z][A-Za-z0-9-]*)[ \t]*>"
    r"|<!-->|<!--->|<!--.*?-->|<\?.*?\?>|<![A-Za-z][^>\n]*>|<!\[CDATA\[.*?\]\]>"
)
_AUTOLINK = re.compile(
    r"<(?P<url>[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>"
    r"|<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>"
)
_DEFINITION = re.compile(r"^ {0,3}\[(?:\\.|[^\]\\])+\]:\s*(<[^>\n]*>|\S+).*$", re.MULTILINE)
_LONE_TAG = re.compile(_CONTAINER + r"(?:" + _TAG.pattern + r")[ \t]*$")
_TEXT = "\ue000{}\ue001"  # a run of text held aside while nh3 judges the tags around it
_HELD = re.compile("\ue000(\\d+)\ue001")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")


def _img_source(tag: str, attribute: str, value: str) -> str | None:
    """nh3 attribute filter: an image may only show a file next to the note."""
    if tag == "img" and attribute == "src" and not _is_local(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags=DROPPED_WITH_CONTENT,
    attributes=ALLOWED_ATTRIBUTES,
    attribute_filter=_img_source,
    url_schemes=LINK_SCHEMES,
    strip_comments=True,
    link_rel=None,  # the note's links stay as written
)


def sanitize_note(note: str) -> str:
    """The note with harmful HTML and URLs removed; a note without any is returned as is.

    Cleaning again until nothing changes: taking a tag out can join the text around it
    into a new one ("<<script></script>img ...>").
    """
    current = note
    for _ in range(8):
        cleaned = _sanitize_once(current)
        if cleaned == current:
            return cleaned
        current = cleaned
    return current.replace("<", "&lt;")  # never settled: show every tag as text


def _sanitize_once(note: str) -> str:
    out: list[str] = []
    for kind, lines in _blocks(note.split("\n")):
        text = "\n".join(lines)
        if kind == "html":
            text = _markdown_urls(_clean_html_block(text))
        elif kind == "prose":
            text = _markdown_urls("\n\n".join(_clean_inline(p) for p in text.split("\n\n")))
        out.append(text)
    return "\n".join(out)


def _blocks(lines: list[str]) -> list[tuple[str, list[str]]]:
    """The note's lines in runs of "code" (fenced), "html" (raw HTML blocks) and "prose"."""
    blocks: list[tuple[str, list[str]]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        opening = _FENCE.match(line)
        end = _fence_end(lines, index, opening.group(1)) if opening else None
        if end is not None:
            blocks.append(("code", lines[index : end + 1]))
            index = end + 1
        elif _HTML_START.match(line) or _LONE_TAG.match(line):
            end = _html_block_end(lines, index)
            blocks.append(("html", lines[index:end]))
            index = end
        else:
            if blocks and blocks[-1][0] == "prose":
                blocks[-1][1].append(line)
            else:
                blocks.append(("prose", [line]))
            index += 1
    return blocks


def _fence_end(lines: list[str], start: int, fence: str) -> int | None:
    """The closing line of a fenced code block that every renderer shows as code, or None.

    Renderers without fenced blocks (python-markdown's default) read the fences as a code
    span, which holds only while the block has no blank line, no run of the fence's
    length inside and no "<" in its info string; else it is treated as prose.
    """
    if "<" in lines[start]:
        return None
    run = re.compile(rf"(?<!{re.escape(fence[0])}){re.escape(fence)}(?!{re.escape(fence[0])})")
    for index in range(start + 1, len(lines)):
        stripped = lines[index].strip()
        if stripped.startswith(fence) and not stripped.strip(fence[0]):
            return index
        if not stripped or run.search(lines[index]):
            return None
    return None  # never closed


def _html_block_end(lines: list[str], start: int) -> int:
    """Where a raw HTML block ends: at a blank line once its first element is closed.

    CommonMark ends most blocks at the first blank line; python-markdown runs on to the
    matching end tag. Taking the later of the two treats as HTML whatever either passes.
    """
    first = lines[start]
    name = _START_NAME.search(first)
    ends = {"<!--": "-->", "<?": "?>", "<![CDATA[": "]]>"}
    marker = next((end for begin, end in ends.items() if begin in first), None)
    closed = False
    for index in range(start, len(lines)):
        line = lines[index].lower()
        if index > start and closed and _BLANK.match(line):
            return index
        if marker is not None:
            closed = closed or marker in (line if index > start else line[line.find("<") :])
        elif name is not None:
            tag = name.group(1).lower()
            text = "\n".join(lines[start : index + 1]).lower()
            opened = len(re.findall(rf"<{tag}(?![a-z0-9-])", text))
            closed = len(re.findall(rf"</{tag}(?![a-z0-9-])", text)) >= opened or (
                tag in _VOID or first.rstrip().endswith("/>")
            )
        else:
            closed = True
    return len(lines)


_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}


def _clean_html_block(text: str) -> str:
    """A raw HTML block, judged whole by nh3; '>' put back so quote markers survive."""
    return _CLEANER.clean(text).replace("&gt;", ">")


def _clean_inline(paragraph: str) -> str:
    """Tags in Markdown prose judged by nh3 in their context, the text between held aside."""
    if "<" not in paragraph:
        return paragraph
    pieces: list[str] = []  # tags, and placeholders for the text between them
    held: list[str] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            held.append("".join(text))
            pieces.append(_TEXT.format(len(held) - 1))
            text.clear()

    index = 0
    spans_agreed = True  # until a run of backticks finds no closing run of its length
    special = re.compile(r"[\\`<]")
    while (found := special.search(paragraph, index)) is not None:
        start = found.start()
        text.append(paragraph[index:start])
        char = paragraph[start]
        if char == "\\":  # an escape; but python-markdown does not escape "<"
            skip = 1 if paragraph[start + 1 : start + 2] == "<" else 2
            text.append(paragraph[start : start + skip])
            index = start + skip
        elif char == "`" and spans_agreed:
            index = _code_span_end(paragraph, start)
            text.append(paragraph[start:index])
            # CommonMark shows an unclosed run as text; python-markdown retries it with
            # fewer backticks, so where the spans after it begin is no longer agreed on.
            spans_agreed = not _retried(paragraph, start)
        elif char == "`":  # spans disputed: the tags after this backtick are judged too
            text.append(char)
            index = start + 1
        elif link := _AUTOLINK.match(paragraph, start):
            url = link.group("url")
            if url is None or _is_web(url):
                text.append(link.group(0))
            index = link.end()
        elif tag := _TAG.match(paragraph, start):
            flush()
            pieces.append(tag.group(0))
            index = tag.end()
        else:  # a "<" that starts no tag: text here, but a lenient renderer might differ
            text.append(
                "&lt;" if re.match(r"[A-Za-z/!?]", paragraph[start + 1 : start + 2]) else "<"
            )
            index = start + 1
    text.append(paragraph[index:])
    flush()
    cleaned = _CLEANER.clean("".join(pieces))
    return _HELD.sub(lambda m: held[int(m.group(1))], cleaned)


def _retried(text: str, start: int) -> bool:
    """Whether a run of two or more backticks at start has no closing run of its length."""
    run = re.match(r"`+", text[start:])
    assert run is not None
    return len(run.group(0)) > 1 and _code_span_end(text, start) == start + len(run.group(0))


def _code_span_end(text: str, start: int) -> int:
    """End of the code span opening at start (one line at most), or of its backticks."""
    run = re.match(r"`+", text[start:])
    assert run is not None
    ticks = run.group(0)
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    closing = re.compile(rf"(?<!`){ticks}(?!`)")
    found = closing.search(text, start + len(ticks), line_end)
    return found.end() if found else start + len(ticks)


def _markdown_urls(text: str) -> str:
    """Markdown links to non-web URLs stop being links; images from elsewhere become links.

    Renderers disagree on where a link's destination ends, but not on where its scheme
    is, so each "](" is judged by what follows it, however the link is read.
    """
    text = _UNSAFE_LINK.sub(
        lambda m: m.group(0) if _harmless(_destination(text, m.end())) else "]\\(", text
    )
    text = _DEFINITION.sub(lambda m: m.group(0) if _harmless(_url(m.group(1))) else "", text)
    drop = [m.start() for m in _IMAGE.finditer(text) if not _local_image(text, m.end() - 1)]
    for at in reversed(drop):  # "![" -> "[": a link to the picture instead
        text = text[:at] + text[at + 1 :]
    return text


_UNSAFE_LINK = re.compile(r"\]\(")
_IMAGE = re.compile(r"(?<!\\)!\[")


def _destination(text: str, start: int) -> str:
    """The URL after "](" up to where no renderer reads further."""
    match = re.compile(r"\s*<?([^\s<>\"']*)").match(text, start)
    return _url(match.group(1)) if match else ""


def _harmless(url: str) -> bool:
    return _is_local(url) or _is_web(url)


def _local_image(text: str, bracket: int) -> bool:
    """Whether the image whose "[" is at bracket shows only files next to the note.

    Every destination inside its brackets counts (an image's description can hold
    links), and a reference image ("![a][b]", "![a]") may point anywhere.
    """
    depth, index = 0, bracket
    while index < len(text):
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            followed = text[index + 1 : index + 2] == "("
            if followed and not _is_local(_destination(text, index + 2)):
                return False
            if depth == 0:
                return followed
        index += 1
    return False


def _url(target: str) -> str:
    """A Markdown link destination as a browser would read it."""
    if target.startswith("<") and target.endswith(">"):
        target = target[1:-1]
    return _CONTROL.sub("", html.unescape(target.replace("\\", "")))


def _scheme(url: str) -> str | None:
    """The URL's scheme, "" for none, None when it cannot be read."""
    try:
        return urlsplit(url).scheme.lower()
    except ValueError:
        return None


def _is_web(url: str) -> bool:
    return _scheme(url) in LINK_SCHEMES


def _is_local(url: str) -> bool:
    """A path next to the note (no scheme, no host): what an image may show."""
    clean = _CONTROL.sub("", html.unescape(url))
    return _scheme(clean) == "" and not clean.startswith(("//", "\\\\", "/\\", "\\/"))
