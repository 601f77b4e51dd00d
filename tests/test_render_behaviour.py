"""What a note looks like rendered: images become plain links, unsafe links go inert."""

from readinglist.core.render import render_markdown


def test_an_image_becomes_a_link_to_it_labelled_with_its_alt_text():
    html = render_markdown("![the loss curve](https://example.org/loss.png)")
    assert html == '<p><a href="https://example.org/loss.png">[the loss curve]</a></p>'


def test_an_image_without_alt_text_is_labelled_image():
    assert render_markdown("![](https://example.org/x.png)") == (
        '<p><a href="https://example.org/x.png">[image]</a></p>'
    )


def test_an_image_with_an_unsafe_source_keeps_only_its_label():
    assert render_markdown("![x](javascript:alert(1))") == "<p><a>[x]</a></p>"


def test_safe_links_keep_their_target_and_unsafe_ones_lose_it():
    html = render_markdown(
        "[paper](https://arxiv.org/abs/1) [mail](mailto:a@b.org) [here](#notes) "
        "[bad](javascript:alert(1)) [worse](JavaScript:alert(1)) [data](data:text/html,x)"
    )
    assert html == (
        '<p><a href="https://arxiv.org/abs/1">paper</a> <a href="mailto:a@b.org">mail</a> '
        '<a href="#notes">here</a> <a>bad</a> <a>worse</a> <a>data</a></p>'
    )


def test_a_link_with_spaces_around_an_unsafe_scheme_is_still_caught():
    assert render_markdown("[x](< javascript:alert(1)>)") == "<p><a>x</a></p>"


def test_raw_html_is_shown_as_text():
    assert render_markdown("<b>bold</b> & <script>x</script>") == (
        "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;</p>"
    )


def test_tables_fenced_code_and_line_breaks_render_as_html():
    html = render_markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n\nline  \nbreak")
    assert "<table>" in html and "<td>1</td>" in html
    assert "<pre><code>code\n</code></pre>" in html
    assert "<p>line<br>\nbreak</p>" in html


def test_a_safe_link_with_stray_spaces_or_controls_in_its_scheme_keeps_its_target():
    assert render_markdown("[x](<ht\ttps://example.org/>)") == (
        '<p><a href="ht tps://example.org/">x</a></p>'
    )
