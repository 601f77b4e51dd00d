"""File > Export and Copy as Markdown, through the real dialog (pytest-qt)."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtGui import QGuiApplication  # noqa: E402

from readinglist.core.library import Library  # noqa: E402


def test_export_tag_grouped_by_rating_with_notes(qtbot, window, sample_library, tmp_path):
    ids = sample_library.ids("quantum")[:4]
    sample_library.add_tags(ids, ["to-read"])
    sample_library.set_rating(ids[:2], 5)
    sample_library.set_rating(ids[2:3], 3)
    sample_library.set_note(ids[0], "- check the *proof*\n\n```\ncode\n```")
    dialog = window.open_export()
    dialog.scope.setCurrentIndex(
        next(i for i, s in enumerate(dialog.scopes) if s[0].startswith("Tag: to-read"))
    )
    dialog.group.setCurrentIndex(2)  # rating
    dialog.update_preview()
    raw = dialog.raw.toPlainText()
    assert "grouped by rating" in raw and "## ★★★★★" in raw and "## Unrated" in raw
    assert raw.index("## ★★★★★") < raw.index("## ★★★☆☆") < raw.index("## Unrated")
    assert "check the proof" in dialog.rendered.toPlainText()  # the rendered side
    assert dialog.summary.text().startswith("4 papers will be exported")
    target = tmp_path / "to-read.md"
    dialog.save_to(target)
    assert target.read_text(encoding="utf-8") == dialog.markdown()
    with Library(tmp_path / "fresh.sqlite") as fresh:
        fresh.import_files([target])
        assert sorted(fresh.paper(i).rating for i in fresh.ids("")) == [0, 3, 5, 5]


def test_export_selection_as_html_and_vault(qtbot, window, sample_library, tmp_path):
    window.select_rows([0, 1])
    dialog = window.open_export()
    assert dialog.scope.currentText() == "Selected papers (2)"
    dialog.format.setCurrentIndex(1)
    page = tmp_path / "list.html"
    dialog.save_to(page)
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    dialog = window.open_export()
    dialog.format.setCurrentIndex(2)
    written = dialog.save_to(tmp_path / "vault")
    assert len(written) == 2 and all(p.read_text().startswith("---\ntitle:") for p in written)


def test_copy_selection_as_markdown(qtbot, window, sample_library):
    window.select_rows([3])
    [paper_id] = window.selected_ids()
    window.paper_actions.copy_markdown()
    text = QGuiApplication.clipboard().text()
    assert text.startswith("# Reading list")
    assert sample_library.paper(paper_id).title.split(":")[0] in text
