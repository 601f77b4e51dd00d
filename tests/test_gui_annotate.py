"""Annotating from the window: tags, ratings, notes, status, delete, undo (pytest-qt)."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QApplication,
    QPlainTextEdit,
    QTableView,
    QTextBrowser,
)

from readinglist.core.library import Library  # noqa: E402
from readinglist.gui.paper_model import RATING  # noqa: E402


def table(window):
    return window.findChild(QTableView, "paperTable")


def test_bulk_tag_of_a_selection_is_one_undo_step(qtbot, window, sample_library):
    window.select_rows([0, 1, 2])
    ids = window.selected_ids()
    dialog = window.paper_actions.ask_add_tags()
    qtbot.keyClicks(dialog.edit, "to-read, Theory")
    dialog.accept()
    assert all(sample_library.paper(i).tags == ["Theory", "to-read"] for i in ids)
    assert window.tag_panel.counts() == {"Theory": 3, "to-read": 3}
    assert "Tag 3 Papers" in window.undo_stack.undoText()
    window.undo_stack.undo()
    assert all(sample_library.paper(i).tags == [] for i in ids)
    assert window.tag_panel.counts() == {}
    window.undo_stack.redo()
    assert all(sample_library.paper(i).tags == ["Theory", "to-read"] for i in ids)


def test_rating_keys_rate_the_selection_and_show_stars(qtbot, window, sample_library):
    window.select_rows([3, 4])
    ids = window.selected_ids()
    qtbot.keyClick(table(window), Qt.Key.Key_4)
    assert [sample_library.paper(i).rating for i in ids] == [4, 4]
    assert table(window).model().index(3, RATING).data() == "★★★★☆"
    qtbot.keyClick(table(window), Qt.Key.Key_0)
    assert [sample_library.paper(i).rating for i in ids] == [0, 0]
    window.undo_stack.undo()
    assert [sample_library.paper(i).rating for i in ids] == [4, 4]


def test_clicking_a_star_in_the_table_rates(qtbot, window, sample_library):
    view = table(window)
    rect = view.visualRect(view.model().index(2, RATING))
    star_width = view.fontMetrics().horizontalAdvance("★")
    point = QPoint(rect.x() + 4 + int(star_width * 2.5), rect.center().y())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert sample_library.paper(view.model().paper_id(2)).rating == 3


def test_status_cycles_with_s(qtbot, window, sample_library):
    window.select_rows([0])
    [paper_id] = window.selected_ids()
    for expected in ("reading", "read", "unread"):
        qtbot.keyClick(table(window), Qt.Key.Key_S)
        assert sample_library.paper(paper_id).status == expected


def test_note_autosaves_and_survives_closing(qtbot, window, sample_library):
    window.select_rows([5])
    [paper_id] = window.selected_ids()
    editor = window.findChild(QPlainTextEdit, "noteEditor")
    editor.setFocus()
    qtbot.keyClicks(editor, "Idle save ")
    qtbot.waitUntil(lambda: sample_library.paper(paper_id).note == "Idle save ", timeout=3000)
    qtbot.keyClicks(editor, "and then closed at once")
    window.close()  # no idle wait: closing must save
    assert Library(sample_library.path).paper(paper_id).note == "Idle save and then closed at once"
    assert window.undo_stack.count() == 1  # one editing session, one undo step


def test_note_renders_markdown_with_html_escaped(qtbot, window, sample_library):
    window.select_rows([6])
    editor = window.findChild(QPlainTextEdit, "noteEditor")
    editor.setPlainText(
        "- point one\n\n```\ncode()\n```\n\n<script>alert('x')</script> <b>bold</b>"
    )
    editor.save()
    preview = window.findChild(QTextBrowser, "previewPane")
    qtbot.waitUntil(lambda: "point one" in preview.toPlainText())
    text = preview.toPlainText()
    assert "<script>alert('x')</script>" in text  # shown as text, not run or dropped
    assert "<b>bold</b>" in text
    assert "code()" in text
    assert "- point one" not in text  # the list is rendered, not shown raw


def test_rename_and_merge_tags_update_papers_and_sidebar(qtbot, window, sample_library):
    sample_library.add_tags([1, 2], ["gnn"])
    sample_library.add_tags([3], ["Graphs"])
    window.reload()
    assert window.tag_panel.counts() == {"Graphs": 1, "gnn": 2}
    window.annotator.rename_tag("gnn", "graph nets")
    assert window.tag_panel.counts() == {"graph nets": 2, "Graphs": 1}
    window.annotator.rename_tag("graph nets", "GRAPHS")
    assert window.tag_panel.counts() == {"Graphs": 3}
    assert [sample_library.paper(i).tags for i in (1, 2, 3)] == [["Graphs"]] * 3
    window.undo_stack.undo()
    assert window.tag_panel.counts() == {"graph nets": 2, "Graphs": 1}


def test_tag_sidebar_filters_and_ctrl_click_combines(qtbot, window, sample_library):
    sample_library.add_tags([1, 2, 3], ["a"])
    sample_library.add_tags([2, 3, 4], ["b"])
    window.reload()
    window.tag_panel.select_tags(["a"])
    assert table(window).model().rowCount() == 3
    window.tag_panel.select_tags(["a", "b"])
    assert sorted(table(window).model().paper_id(r) for r in range(2)) == [2, 3]
    window.tag_panel.select_tags([])
    assert table(window).model().rowCount() == 314


def test_delete_asks_and_undo_brings_papers_back(qtbot, window, sample_library, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window.select_rows([0, 1])
    ids = window.selected_ids()
    sample_library.set_note(ids[0], "keep me")
    qtbot.keyClick(table(window), Qt.Key.Key_Delete)
    assert sample_library.total() == 312 and table(window).model().rowCount() == 312
    window.undo_stack.undo()
    assert sample_library.total() == 314
    assert sample_library.paper(ids[0]).note == "keep me"


def test_keyboard_only_triage(qtbot, window, sample_library):
    view = table(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # keyboard focus exists in the active window only
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_J)
    qtbot.keyClick(view, Qt.Key.Key_J)
    [paper_id] = window.selected_ids()
    qtbot.keyClick(view, Qt.Key.Key_5)
    qtbot.keyClick(view, Qt.Key.Key_S)
    qtbot.keyClick(view, Qt.Key.Key_N)
    editor = window.findChild(QPlainTextEdit, "noteEditor")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is editor)  # N moved the keyboard
    qtbot.keyClicks(QApplication.focusWidget(), "zygote argument")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Escape)
    assert QApplication.focusWidget() is view  # Esc saved and went back to the table
    paper = sample_library.paper(paper_id)
    assert (paper.rating, paper.status, paper.note) == (5, "reading", "zygote argument")
    window.search_field.setText("zygote")
    window.apply_search()
    assert view.model().rowCount() == 1 and view.model().paper_id(0) == paper_id


def test_tagging_many_papers_runs_off_the_gui_thread_as_one_undo_step(
    qtbot, window, sample_library, monkeypatch
):
    import threading

    threads = []
    real_add_tags = Library.add_tags

    def add_tags(self, ids, names):
        threads.append(threading.current_thread())
        return real_add_tags(self, ids, names)

    monkeypatch.setattr(Library, "add_tags", add_tags)
    table(window).selectAll()
    ids = window.selected_ids()
    assert len(ids) == 314
    window.annotator.add_tags(ids, ["zeppelin"])
    qtbot.waitUntil(lambda: sample_library.count("tag:zeppelin") == 314, timeout=10000)
    qtbot.waitUntil(lambda: window.tag_panel.counts() == {"zeppelin": 314})
    assert threads and threads[0] is not threading.main_thread()
    assert window.undo_stack.count() == 1 and "Tag 314 Papers" in window.undo_stack.undoText()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: sample_library.count("tag:zeppelin") == 0, timeout=10000)
    qtbot.waitUntil(lambda: window.tag_panel.counts() == {})
    window.annotator.set_rating(ids, 3)  # another bulk edit, then a small one behind it
    window.annotator.set_rating(ids[:1], 5)
    qtbot.waitUntil(lambda: sample_library.count("rating:3") == 313, timeout=10000)
    assert sample_library.paper(ids[0]).rating == 5
