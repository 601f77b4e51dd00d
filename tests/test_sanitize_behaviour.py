"""A note made safe for export, input by input: what stays, what goes, what becomes text."""

import pytest

from readinglist.core.sanitize import sanitize_note

CASES = [
    (
        "<div>\nx\n</div>\n\n1 < 2 and a_b",
        "<div>\nx\n</div>\n\n1 < 2 and a_b",
    ),  # prose after the block
    (
        "plain *text* and `<script>` in code",
        "plain *text* and `<script>` in code",
    ),  # code spans stay as written
    (
        "a <kbd>Ctrl</kbd> b <script>alert(1)</script> c",
        "a <kbd>Ctrl</kbd> b  c",
    ),  # harmless tags stay, scripts go with their content
    (
        '<div onclick="x()">\nhi\n</div>\n\nafter <b>bold</b>',
        "<div>\nhi\n</div>\n\nafter <b>bold</b>",
    ),  # event attributes go
    (
        "<div>\n\nstill html <script>x</script>\n\n</div>\n\nprose <i>i</i>",
        "<div>\n\nstill html \n\n</div>\n\nprose <i>i</i>",
    ),  # an html block runs to its closing tag
    (
        "```\n<script>x</script>\n```\nafter",
        "```\n<script>x</script>\n```\nafter",
    ),  # fenced code stays
    ("~~~\n<script>x</script>\n~~~", "~~~\n<script>x</script>\n~~~"),  # tilde fences too
    (
        "```html\n<b>a</b>\n\n<script>x</script>\n```",
        "```html\n<b>a</b>\n\n\n```",
    ),  # a fence with a blank line is not code everywhere
    (
        "[x](javascript:alert(1)) and [y](https://ok.org) and [z](./local.md)",
        "[x]\\(javascript:alert(1)) and [y](https://ok.org) and [z](./local.md)",
    ),  # non-web links become text
    (
        "[x](&#106;avascript:alert(1))",
        "[x]\\(&#106;avascript:alert(1))",
    ),  # entities do not hide a scheme
    ("[x]( <javascript:alert(1)>)", "[x]( )"),  # nor angle brackets
    (
        "![pic](http://evil/x.png) ![ok](img/a.png)",
        "[pic](http://evil/x.png) ![ok](img/a.png)",
    ),  # remote images become links
    (
        "![a [b](http://x) c](local.png)",
        "[a [b](http://x) c](local.png)",
    ),  # a remote link inside an image's text
    ("![a][ref]", "[a][ref]"),  # a reference image may point anywhere
    (
        "[ref]: javascript:alert(1)\n[good]: https://a.b",
        "\n[good]: https://a.b",
    ),  # bad link definitions go
    (
        "<https://web.org> and <javascript:alert(1)> and <me@mail.org>",
        "<https://web.org> and  and <me@mail.org>",
    ),  # autolinks
    ("1 < 2 and a <b and <zz", "1 < 2 and a &lt;b and &lt;zz"),  # a < that starts no tag
    ("\\<script>x</script>", "\\"),  # a backslash does not escape <
    ("`` a ` b `` <script>x</script>", "`` a ` b `` "),  # tags after a code span are judged
    ("``unclosed <script>x</script>", "``unclosed "),  # an unclosed run of backticks hides nothing
    ("<!-- comment -->\n\ntext", "\n\ntext"),  # comments go
    ("<?php echo 1 ?>\n\ntext", "\n\ntext"),  # processing instructions go
    ("<<script></script>img src=x onerror=alert(1)>", '<img src="x">'),  # cleaned until it settles
    ("- <script>x</script> item\n- ok", "-  item\n- ok"),  # inside a list
    ("> <iframe src=x></iframe>\n> quote", "> \n> quote"),  # inside a quote
    ('<img src="http://x/y.png" alt="a">', '<img alt="a">'),  # remote img src goes
    ('<img src="a.png" alt="a" onerror="x">', '<img src="a.png" alt="a">'),  # local img stays
    (
        '<a href="javascript:x">l</a> <a href="https://x" title="t">m</a>',
        '<a>l</a> <a href="https://x" title="t">m</a>',
    ),  # html links
    ("<br/>\ntext", "<br>\ntext"),  # a lone void tag
    ("<hr>\n\n<p>para</p>", "<hr>\n\n<p>para</p>"),  # blocks
    (
        "<details open><summary>s</summary>body</details>",
        '<details open=""><summary>s</summary>body</details>',
    ),  # details keeps open
]


@pytest.mark.parametrize(("note", "safe"), CASES)
def test_a_note_is_cleaned_as_a_markdown_renderer_would_read_it(note, safe):
    assert sanitize_note(note) == safe
    assert sanitize_note(safe) == safe  # a second export changes nothing more


def test_a_note_that_never_settles_shows_its_tags_as_text(monkeypatch):
    import readinglist.core.sanitize as sanitize

    monkeypatch.setattr(sanitize, "_sanitize_once", lambda text: text + "<")
    assert sanitize.sanitize_note("a<b") == "a&lt;b" + "&lt;" * 8
