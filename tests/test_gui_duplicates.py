"""Possible duplicates in the window: counted in the sidebar, reviewed, merged, undone."""

import pytest

pytest.importorskip("PySide6")

from conftest import FIXTURES  # noqa: E402
from marked_text import marked_runs  # noqa: E402
from PySide6.QtCore import QSettings  # noqa: E402
from PySide6.QtWidgets import QPushButton, QTextBrowser  # noqa: E402

from readinglist.gui.main_window import MainWindow  # noqa: E402


@pytest.fixture
def window(qtbot, sample_library, tmp_path):
    sample_library.import_files([FIXTURES / "altered_titles.txt"])
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(sample_library, settings)
    qtbot.addWidget(window)
    entry = window.findChild(QPushButton, "duplicatesEntry")
    qtbot.waitUntil(lambda: "(" in entry.text(), timeout=30000)  # counted in the background
    return window


def test_sidebar_counts_and_dialog_merges_with_undo(qtbot, window, sample_library):
    entry = window.findChild(QPushButton, "duplicatesEntry")
    assert entry.text() == "Possible duplicates (4)"
    dialog = window.duplicates.open_dialog()
    left = dialog.findChild(QTextBrowser, "duplicateLeft")
    assert "Pair 1 of 4" in dialog.info.text()
    first = dialog.current()
    a, b = sample_library.papers([first.a, first.b])
    marked = " ".join(marked_runs(left.document())).split()
    words_of_b = f"{b.title} {b.abstract}".split()
    only_in_a = [w for w in f"{a.title} {a.abstract}".split() if w not in words_of_b]
    assert marked == only_in_a == ["Convolutional"]  # the one differing word, marked alone
    tags_before = sample_library.paper(first.a).tags
    sample_library.add_tags([first.b], ["from-other"])
    sample_library.set_note(first.b, "other's note")
    dialog.findChild(QPushButton, "duplicateMerge").click()
    merged = sample_library.paper(first.a)
    assert merged.tags == sorted([*tags_before, "from-other"], key=str.casefold)
    assert merged.note.endswith("other's note")
    assert sample_library.total() == 318
    assert "Pair 1 of 3" in dialog.info.text()
    dialog.findChild(QPushButton, "duplicateDismiss").click()
    dialog.findChild(QPushButton, "duplicateSkip").click()
    assert "Pair 2 of 2" in dialog.info.text()
    dialog.accept()
    qtbot.waitUntil(lambda: entry.text() == "Possible duplicates (2)", timeout=20000)
    window.undo_stack.undo()
    assert sample_library.total() == 319
    assert sample_library.paper(first.b).note == "other's note"
