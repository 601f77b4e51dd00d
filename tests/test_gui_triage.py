"""Inbox and triage in the window: keys, undo, the inbox's order, preview, suggestions."""

import pytest
from PySide6.QtCore import QSettings, Qt, QUrl

from readinglist.core.discover import triage
from readinglist.core.discover.engine import Discovery

DENSE_SUPERVISED = (
    "Dense Hebbian neural networks: a replica symmetric picture of supervised learning"
)
DENSE_UNSUPERVISED = (
    "Dense Hebbian neural networks: a replica symmetric picture of unsupervised learning"
)


def open_window(qtbot, library, tmp_path):
    from readinglist.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    window.resize(1280, 800)
    window.show()
    window.activateWindow()
    window.table.setFocus()
    return window


@pytest.fixture
def ranked(qtbot, sample_library, tmp_path):
    """Six quantum papers kept and tagged, the cache built, then the window opened."""
    quantum = sample_library.ids("title:quantum", sort="id")
    triage.set_triage(sample_library, quantum[:6], "keep")
    sample_library.add_tags(quantum[:6], ["quantum"])
    Discovery(sample_library).refresh()
    return open_window(qtbot, sample_library, tmp_path), quantum


def inbox_count(window):
    return int(window.discover.inbox_entry.text().split("(")[1].rstrip(")"))


def test_keys_triage_move_on_and_undo(qtbot, window):
    lib = window.library
    total = lib.total()
    assert window.discover.inbox_entry.text() == f"Inbox ({total})"
    window.activateWindow()
    window.table.setFocus()
    window.select_rows([0])
    first, second = window.model.paper_id(0), window.model.paper_id(1)
    qtbot.keyClick(window.table, Qt.Key.Key_Y)
    assert triage.decisions(lib, [first]) == {first: "keep"}
    assert window.selected_ids() == [second]  # on to the next paper
    assert inbox_count(window) == total - 1
    qtbot.keyClick(window.table, Qt.Key.Key_L)  # later: stays on the paper
    assert triage.decisions(lib, [second]) == {second: "later"}
    assert window.selected_ids() == [second]
    window.undo_stack.undo()
    window.undo_stack.undo()
    assert triage.decisions(lib, [first, second]) == {}
    assert inbox_count(window) == total
    window.undo_stack.redo()
    assert triage.decisions(lib, [first]) == {first: "keep"}


def test_bulk_skip_leaves_the_default_view_but_not_search(qtbot, window):
    lib = window.library
    window.select_rows([0, 1, 2])
    chosen = window.selected_ids()
    shown = window.model.rowCount()
    window.discover.actions["skip"].trigger()
    assert set(lib.ids("is:skipped")) == set(chosen)
    window.apply_search()  # the default view, read again
    assert window.model.rowCount() == shown - 3
    assert all(window.model.row_of(i) is None for i in chosen)
    title = lib.paper(chosen[0]).title
    window.run_search(f'title:"{title}"')
    assert window.model.row_of(chosen[0]) is not None
    window.run_search("is:skipped")
    assert window.model.rowCount() == 3


def test_the_inbox_keeps_its_order_while_triaging_until_f5(qtbot, ranked):
    window, quantum = ranked
    window.discover.open_inbox()
    assert window.search_field.text() == "is:inbox"
    rows = [window.model.paper_id(r) for r in range(window.model.rowCount())]
    assert not set(quantum[:6]) & set(rows)  # kept papers are not in the inbox
    assert len(set(quantum[6:]) & set(rows[:10])) >= 5  # ranked by interest: quantum first
    assert "ranked by your interest" in window.statusBar().currentMessage()
    window.select_rows([0])
    qtbot.keyClick(window.table, Qt.Key.Key_X)
    assert window.selected_ids() == [rows[1]]
    assert [window.model.paper_id(r) for r in range(len(rows))] == rows  # nothing moved
    qtbot.keyClick(window.table, Qt.Key.Key_F5)
    after = [window.model.paper_id(r) for r in range(window.model.rowCount())]
    assert rows[0] not in after and len(after) == len(rows) - 1


def test_preview_shows_why_and_related_papers_a_click_away(qtbot, ranked):
    window, quantum = ranked
    lib = window.library
    window.select_ids([quantum[7]])
    text = window.preview.toPlainText()
    assert "Triage: in the inbox · interest" in text and "why:" in text
    assert "Related papers" in text
    supervised = lib.ids(f'title:"{DENSE_SUPERVISED}"')[0]
    unsupervised = [i for i in lib.ids('title:"dense hebbian"') if i != supervised][0]
    assert lib.paper(unsupervised).title == DENSE_UNSUPERVISED
    window.run_search("title:supervised")  # hides the unsupervised paper
    window.select_ids([supervised])
    html = window.preview.toHtml()
    assert f"paper:{unsupervised}" in html
    assert window.preview.toPlainText().index(DENSE_UNSUPERVISED) > 0
    window.preview.anchorClicked.emit(QUrl(f"paper:{unsupervised}"))
    assert window.selected_ids() == [unsupervised]  # the search was left to show it


def test_suggested_for_a_tag_and_one_key_to_accept(qtbot, ranked):
    window, quantum = ranked
    lib = window.library
    window.tag_panel.select_tags(["quantum"])
    panel = window.discover.suggestions
    assert panel.isVisible() and "Suggested for quantum" in panel.label.text()
    suggested = panel.ids()
    assert suggested and not set(suggested) & set(quantum[:6])
    assert len(set(suggested[:10]) & set(quantum[6:])) >= 5
    panel.list.setFocus()
    panel.list.setCurrentRow(0)
    qtbot.keyClick(panel.list, Qt.Key.Key_A)
    assert "quantum" in lib.paper(suggested[0]).tags
    assert panel.ids() == suggested[1:]
    window.undo_stack.undo()
    assert "quantum" not in lib.paper(suggested[0]).tags


def test_a_background_build_updates_the_ranking_without_moving_rows(qtbot, window):
    window.discover.open_inbox()
    rows = [window.model.paper_id(r) for r in range(window.model.rowCount())]
    quantum = window.library.ids("title:quantum", sort="id")
    window.select_ids(quantum[:6])
    window.discover.actions["keep"].trigger()
    controller = window.discover.controller
    with qtbot.waitSignal(controller.cache_updated, timeout=120_000):
        controller.start_build()
    assert [window.model.paper_id(r) for r in range(len(rows))] == rows
    assert "F5 re-ranks" in window.statusBar().currentMessage()
    window.discover.refresh_ranking()
    controller.stop()
    top = [window.model.paper_id(r) for r in range(10)]
    assert len(set(quantum[6:]) & set(top)) >= 5
