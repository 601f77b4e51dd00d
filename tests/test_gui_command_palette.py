"""The command palette, driven by the keyboard only through real widgets (pytest-qt)."""

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QKeySequence  # noqa: E402
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget  # noqa: E402

from readinglist.core.title_search import search_titles  # noqa: E402
from readinglist.gui.command_palette import CommandPalette  # noqa: E402

HEBBIAN_UNSUPERVISED = "Dense Hebbian neural networks: a replica symmetric picture of unsupervised"


def open_with_keys(qtbot, window, keys="Ctrl+K") -> CommandPalette:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # shortcuts reach the active window only
    window.table.setFocus()
    combination = QKeySequence(keys)[0]
    qtbot.keyClick(window.table, combination.key(), combination.keyboardModifiers())
    palette = window.palette
    assert isinstance(palette, CommandPalette) and palette.isVisible()
    field = palette.findChild(QLineEdit, "paletteInput")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)  # typing goes to the palette
    return palette


def press(qtbot, palette, key) -> None:
    qtbot.keyClick(palette.findChild(QLineEdit, "paletteInput"), key)


def type_in(qtbot, palette, text: str) -> None:
    field = palette.findChild(QLineEdit, "paletteInput")
    qtbot.keyClicks(field, text)
    palette.refresh()  # as the typing pause would


def shown(palette) -> list[str]:
    view = palette.findChild(QListWidget, "paletteList")
    return [view.item(row).text() for row in range(view.count())]


def current(palette) -> str:
    return palette.findChild(QListWidget, "paletteList").currentItem().text()


@pytest.mark.parametrize("keys", ["Ctrl+K", "Ctrl+Shift+P"])
def test_both_shortcuts_open_the_palette_with_every_action_and_its_shortcut(qtbot, window, keys):
    palette = open_with_keys(qtbot, window, keys)
    lines = shown(palette)
    assert any(line.startswith("File › Export") and "Ctrl+E" in line for line in lines)
    assert any(line.startswith("Paper › Add Tags") and "Ctrl+T" in line for line in lines)
    assert not any("Command Palette" in line for line in lines)  # it does not list itself


def test_typing_an_action_with_a_typo_and_enter_runs_it(qtbot, window):
    window.select_ids([1])
    palette = open_with_keys(qtbot, window)
    type_in(qtbot, palette, "cycle stauts")
    assert current(palette).startswith("Paper › Status › Cycle Status")
    press(qtbot, palette, Qt.Key.Key_Return)
    assert not palette.isVisible()
    assert window.library.paper(1).status == "reading"


def test_a_paper_found_by_a_misspelt_title_word_is_selected_even_outside_the_search(qtbot, window):
    window.run_search("diffusion")
    target = next(
        m.id
        for m in search_titles(window.library.conn, "replica symmetric unsupervised")
        if "unsupervised" in m.title
    )
    assert window.model.row_of(target) is None  # hidden by the search
    palette = open_with_keys(qtbot, window)
    type_in(qtbot, palette, "hebian unsupervised")
    papers = [line for line in shown(palette) if line.startswith("Paper:")]
    assert papers and "unsupervised" in papers[0]
    while not current(palette).startswith("Paper:"):
        press(qtbot, palette, Qt.Key.Key_Down)
    press(qtbot, palette, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.selected_ids() == [target])
    assert window.search_field.text() == ""


def test_tags_and_smart_lists_are_offered_and_filter_the_table(qtbot, window):
    window.library.add_tags([1, 2], ["optimal-transport"])
    window.library.save_search("Long reads", "has:abstract")
    palette = open_with_keys(qtbot, window)
    type_in(qtbot, palette, "optimal transp")
    assert current(palette).startswith("Tag: optimal-transport")
    press(qtbot, palette, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2)
    assert window.tag_panel.selected_tags() == ["optimal-transport"]

    palette = open_with_keys(qtbot, window)
    type_in(qtbot, palette, "long reads")
    assert current(palette).startswith("Smart list: Long reads")
    press(qtbot, palette, Qt.Key.Key_Return)
    assert window.search_field.text() == "has:abstract"


def test_arrows_move_and_escape_closes_without_running_anything(qtbot, window):
    palette = open_with_keys(qtbot, window)
    first = current(palette)
    press(qtbot, palette, Qt.Key.Key_Down)
    press(qtbot, palette, Qt.Key.Key_Down)
    press(qtbot, palette, Qt.Key.Key_Up)
    assert current(palette) == shown(palette)[1] != first
    status_before = window.library.paper(1).status
    press(qtbot, palette, Qt.Key.Key_Escape)
    assert not palette.isVisible()
    assert window.library.paper(1).status == status_before


def test_nothing_matching_lists_nothing_and_enter_does_nothing(qtbot, window):
    palette = open_with_keys(qtbot, window)
    type_in(qtbot, palette, "zzqxqzzqxq")
    assert shown(palette) == []
    press(qtbot, palette, Qt.Key.Key_Return)
    assert palette.isVisible()


def test_no_two_actions_share_a_shortcut(window):
    """An ambiguous shortcut fires neither action (Qt only warns), so each key is taken once."""
    from PySide6.QtGui import QAction

    owners: dict[str, list[str]] = {}
    for action in window.findChildren(QAction):
        for key in {k.toString() for k in action.shortcuts()}:
            owners.setdefault(key, []).append(action.text())
    assert {key: names for key, names in owners.items() if len(names) > 1} == {}


def test_a_paper_beyond_the_rows_read_so_far_is_still_selected(
    qtbot, make_window, sample_library, monkeypatch
):
    from readinglist.core import result_pages

    monkeypatch.setattr(result_pages, "PAGE", 8)  # a large library in miniature: pages of 8
    monkeypatch.setattr(result_pages, "WHOLE", 8)
    window = make_window(sample_library)
    qtbot.waitUntil(lambda: window.model.rowCount() == sample_library.total())
    deep = next(i for i in reversed(sample_library.ids("")) if window.model.row_of(i) is None)
    window.select_ids([deep])
    assert window.selected_ids() == [deep]
    assert sample_library.paper(deep).title in window.preview.toPlainText()  # and shown
