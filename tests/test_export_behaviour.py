"""Exports as a reader of the file sees them: group order, vault file names, HTML pages."""

import datetime as dt

import pytest
import yaml

from readinglist.core.export import (
    ExportOptions,
    export_html,
    export_markdown,
    vault_files,
    write_vault,
)
from readinglist.core.models import LibraryError, Paper

NOW = dt.datetime(2026, 11, 23, 9, 30)


def paper(title, first_seen=None, **fields):
    values = dict(
        id=1,
        abstract="An abstract.",
        added="2026-11-20T10:00:00+00:00",
        rating=0,
        status="unread",
        note="",
        tags=[],
        seen=1 if first_seen else 0,
    )
    values.update(fields)
    return Paper(title=title, first_seen=first_seen, **values)


def headings(markdown, level="## "):
    return [line[len(level) :] for line in markdown.splitlines() if line.startswith(level)]


def test_digest_date_groups_run_newest_first_and_never_seen_last():
    papers = [
        paper("From my notes"),
        paper("Old", "2026-03-11"),
        paper("New", "2026-05-05"),
        paper("Also new", "2026-05-05T08:00:00"),
    ]
    text = export_markdown(papers, ExportOptions(group_by="digest_date"), now=NOW)
    assert headings(text) == ["2026-05-05", "2026-03-11", "Never seen in a digest"]
    assert headings(text, "### ") == ["New", "Also new", "Old", "From my notes"]


def test_ungrouped_papers_are_second_level_headings_under_the_list_title():
    text = export_markdown([paper("One"), paper("Two")], now=NOW)
    assert headings(text, "# ") == ["Reading list"]
    assert headings(text) == ["One", "Two"]
    assert "Exported from readinglist on 2026-11-23 09:30: 2 papers." in text


def test_vault_files_are_named_after_titles_safely_and_uniquely():
    long_title = "A" * 50 + " " + "B" * 50
    papers = [
        paper("Attention: is it all?"),
        paper("Attention is it all"),
        paper("attention IS it all"),
        paper(long_title),
        paper("../../etc/passwd"),
        paper("???"),
    ]
    assert list(vault_files(papers, ExportOptions())) == [
        "Attention is it all.md",
        "Attention is it all 2.md",
        "attention IS it all 3.md",
        "A" * 50 + " " + "B" * 29 + ".md",
        "etc passwd.md",
        "paper.md",
    ]


def test_vault_front_matter_carries_the_papers_facts():
    files = vault_files(
        [paper("One", "2026-05-05", seen=3, rating=4, status="read", tags=["gnn", "to read"])],
        ExportOptions(),
    )
    fields = yaml.safe_load(files["One.md"].split("---\n")[1])
    assert {k: fields[k] for k in ("title", "tags", "rating", "status", "seen", "added")} == {
        "title": "One",
        "tags": ["gnn", "to read"],
        "rating": 4,
        "status": "read",
        "seen": 3,
        "added": "2026-11-20",
    }


def test_a_vault_goes_into_new_nested_folders_and_nowhere_else(tmp_path):
    folder = tmp_path / "notes" / "papers"
    written = write_vault(folder, {"One.md": "# One\n"})
    assert written == [folder.resolve() / "One.md"]
    assert (folder / "One.md").read_text() == "# One\n"
    with pytest.raises(LibraryError) as error:
        write_vault(folder, {"../escape.md": "x"})
    assert str(error.value) == f"refusing to write outside {folder.resolve()}: '../escape.md'"
    assert not (tmp_path / "notes" / "escape.md").exists()


def test_an_html_page_leaves_out_the_front_matter_and_the_records():
    text = export_markdown([paper("One", tags=["gnn"])], ExportOptions(front_matter=True), now=NOW)
    assert text.startswith("---\n")
    page = export_html(text)
    body = page.split("<body>")[1]
    assert body.strip().startswith("<h1>Reading list</h1>")
    assert "---" not in body and "papers: 1" not in body and "readinglist {" not in body


def test_a_vault_file_is_one_paper_under_a_top_level_heading():
    files = vault_files([paper("One")], ExportOptions())
    body = files["One.md"].split("---\n", 2)[2]
    assert body.startswith("# One\n")
