"""Markdown and HTML export: golden files, hostile titles, and the round trip."""

import html
import re

import markdown
import pytest
import yaml
from golden_cases import GOLDEN, NOW, OPTION_SETS, PAPERS, golden_path, paper, render
from markdown_it import MarkdownIt

from readinglist.core.export import (
    ExportOptions,
    escape_markdown,
    export_html,
    export_markdown,
    vault_files,
    write_vault,
)
from readinglist.core.library import Library


@pytest.mark.parametrize("name", sorted(OPTION_SETS))
def test_golden_markdown(name):
    # Never rewritten by the test: after an intended change, run tests/update_golden.py
    # and review the diff it leaves in tests/golden/.
    expected = golden_path(name).read_text(encoding="utf-8")
    assert render(name) == expected, f"{name}.md differs; see tests/update_golden.py"


def test_every_golden_file_has_its_case():
    assert sorted(p.stem for p in GOLDEN.glob("*.md")) == sorted(OPTION_SETS)


def test_golden_vault(tmp_path):
    files = vault_files(PAPERS, ExportOptions())
    assert sorted(files) == [
        "Attention Is All You Need.md",
        "Diffusion Models Beat GANs.md",
        "Gradient Descent Finds Global Minima.md",
    ]
    front = yaml.safe_load(files["Gradient Descent Finds Global Minima.md"].split("---")[1])
    assert front["tags"] == ["theory", "to-read"] and front["rating"] == 5
    assert front["title"] == "Gradient Descent Finds Global Minima"
    written = write_vault(
        tmp_path / "vault", vault_files([paper(9, "../../etc/passwd")], ExportOptions())
    )
    assert [p.parent for p in written] == [(tmp_path / "vault").resolve()]


def test_note_headings_sit_under_the_paper_and_fences_are_kept():
    text = export_markdown(PAPERS[:1], ExportOptions(group_by="tag"), now=NOW)
    assert "#### Why" in text  # paper at level 3, its note's top heading just below
    assert "# not a heading" in text.split("```")[1]


HOSTILE = [
    "Stars *and* _under_scores_ in `code` | pipes | #hash [link](x) <b>bold</b> & more!",
    "1. Not a list",
    "- Not a bullet",
    "e^+ e^- → μ^+ μ^- and mathcal{O}(n) \\ backslash",
    "<script>alert('x')</script>",
]


def rendered_text(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup)).strip()


@pytest.mark.parametrize("title", HOSTILE)
def test_hostile_titles_render_literally_in_both_renderers(title):
    escaped = escape_markdown(title)
    assert rendered_text(markdown.markdown(f"## {escaped}")) == title
    assert rendered_text(MarkdownIt("commonmark").render(f"## {escaped}")) == title
    assert rendered_text(markdown.markdown(f"> {escaped}")) == title
    assert rendered_text(MarkdownIt("commonmark").render(f"> {escaped}")) == title


def test_html_export_is_self_contained_and_safe():
    evil = paper(
        7,
        "<img src=x onerror=alert(1)>",
        note="<script>steal()</script>\n\n"
        "![track](http://tracker.example/p.png) [go](javascript:alert(1))",
    )
    page = export_html(export_markdown([evil], now=NOW))
    assert "<script>" not in page and "steal()" not in page  # removed on export
    assert "<img" not in page and "href=\"javascript:" not in page  # the link is text
    assert "http://" not in page.split("<body>")[0]  # no external stylesheet or script
    assert "readinglist {" not in page  # the round-trip comments are not shown


def annotate(lib: Library) -> None:
    lib.add_tags(lib.ids("seen:>1"), ["repeat"])
    lib.add_tags(lib.ids("dense hebbian"), ["hebbian", "to read"])
    lib.set_rating(lib.ids("quantum")[:5], 4)
    lib.set_rating(lib.ids("diffusion")[:3], 2)
    lib.set_status(lib.ids("diffusion")[3:8], "read")
    lib.set_status(lib.ids("quantum")[5:7], "reading")
    for i, paper_id in enumerate(lib.ids("learning")[:6]):
        lib.set_note(
            paper_id,
            f"## Idea {i}\nA *note* with <b>html</b> & code:\n\n"
            f"```python\n# comment {i}\nprint({i})\n```\n\n| a | b |\n|---|---|\n",
        )


def test_round_trip_restores_every_annotation(sample_library, tmp_path):
    annotate(sample_library)
    exported = tmp_path / "backup.md"
    text = export_markdown(
        sample_library.search("", sort="title"), ExportOptions(group_by="tag"), "the whole library"
    )
    exported.write_text(text, encoding="utf-8")

    with Library(tmp_path / "fresh.sqlite") as fresh:
        report = fresh.import_files([exported])
        assert not report.errors
        assert fresh.total() == 314
        original = {p.title: p for p in sample_library.search("")}
        for restored in fresh.search(""):
            before = original[restored.title]
            assert (
                restored.abstract,
                restored.tags,
                restored.rating,
                restored.status,
                restored.note,
            ) == (
                before.abstract,
                before.tags,
                before.rating,
                before.status,
                before.note.strip(),
            ), restored.title
        again = fresh.import_files([exported])
        assert again.added == 0 and sum(f.restored for f in again.files) == 0


def test_import_of_export_never_removes_local_annotations(sample_library, tmp_path):
    [paper_id] = sample_library.ids("seen:3")
    sample_library.set_note(paper_id, "old thoughts")
    exported = tmp_path / "list.md"
    exported.write_text(export_markdown(sample_library.search("seen:3")), encoding="utf-8")
    sample_library.set_note(paper_id, "new thoughts")
    sample_library.add_tags([paper_id], ["local"])
    sample_library.set_rating([paper_id], 3)
    sample_library.import_files([exported])
    restored = sample_library.paper(paper_id)
    assert restored.note == "new thoughts\n\n---\n\nold thoughts"
    assert restored.tags == ["local"] and restored.rating == 3
