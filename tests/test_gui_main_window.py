"""The main window driven through real widgets, offscreen (pytest-qt)."""

import pytest

pytest.importorskip("PySide6")

from marked_text import marked_runs  # noqa: E402
from PySide6.QtCore import QMimeData, QPointF, QSettings, Qt, QUrl  # noqa: E402
from PySide6.QtGui import QDropEvent  # noqa: E402
from PySide6.QtWidgets import (  # noqa: E402
    QDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QTextBrowser,
)

from readinglist.core.library import Library  # noqa: E402
from readinglist.gui.main_window import MainWindow  # noqa: E402
from readinglist.gui.paper_model import STATUS, TITLE  # noqa: E402


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings):
    libraries = []

    def make(library):
        window = MainWindow(library, settings)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        libraries.append(library)
        return window

    return make


def widgets(window):
    return (
        window.findChild(QLineEdit, "searchField"),
        window.findChild(QTableView, "paperTable"),
        window.findChild(QTextBrowser, "previewPane"),
    )


def test_empty_library_shows_how_to_import(make_window, library):
    window = make_window(library)
    _, table, preview = widgets(window)
    assert table.model().rowCount() == 0
    assert "Drop digest files" in preview.toPlainText()
    assert "File > Import" in preview.toPlainText()


def test_typing_filters_the_table_and_counts_matches(qtbot, make_window, sample_library):
    window = make_window(sample_library)
    search, table, _ = widgets(window)
    assert table.model().rowCount() == 314
    qtbot.keyClicks(search, "dense hebb")
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    assert window.findChild(QLabel, "countLabel").text() == "2 of 314 papers"
    titles = {table.model().index(r, TITLE).data() for r in range(2)}
    assert all(t.startswith("Dense Hebbian") for t in titles)
    qtbot.keyClick(search, Qt.Key.Key_Escape)
    assert search.text() == ""
    qtbot.waitUntil(lambda: table.model().rowCount() == 314)


def test_malformed_query_says_why_and_keeps_the_last_result(qtbot, make_window, sample_library):
    window = make_window(sample_library)
    search, table, _ = widgets(window)
    qtbot.keyClicks(search, "dense hebbian")
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    qtbot.keyClicks(search, " ratng:4")
    error = window.findChild(QLabel, "searchError")
    qtbot.waitUntil(error.isVisible)
    assert "did you mean rating:?" in error.text()
    assert table.model().rowCount() == 2


def test_selection_shows_the_paper_with_search_words_marked(qtbot, make_window, sample_library):
    window = make_window(sample_library)
    search, table, preview = widgets(window)
    search.setText("replica symmetric")
    window.apply_search()
    table.selectRow(1)
    paper = sample_library.paper(table.model().paper_id(1))
    assert paper.title in preview.toPlainText()
    assert paper.abstract[:80] in preview.toPlainText()
    assert "seen in" in preview.toPlainText()
    marked = [run.casefold() for run in marked_runs(preview.document())]
    assert set(marked) == {"replica", "symmetric"}  # the search words, and only they


def test_keyboard_moves_with_j_and_k(qtbot, make_window, sample_library):
    window = make_window(sample_library)
    _, table, preview = widgets(window)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_J)
    qtbot.keyClick(table, Qt.Key.Key_J)
    assert window.selected_ids() == [table.model().paper_id(1)]
    qtbot.keyClick(table, Qt.Key.Key_K)
    assert window.selected_ids() == [table.model().paper_id(0)]


def test_clicking_a_header_sorts_in_sqlite(qtbot, make_window, sample_library):
    sample_library.set_status([7], "read")
    window = make_window(sample_library)
    _, table, _ = widgets(window)
    table.sortByColumn(STATUS, Qt.SortOrder.AscendingOrder)
    assert table.model().index(0, STATUS).data() == "read"
    table.sortByColumn(TITLE, Qt.SortOrder.DescendingOrder)
    first = [table.model().index(r, TITLE).data().casefold() for r in range(5)]
    assert first == sorted(first, reverse=True)


def drop(window, paths):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(100, 100),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def test_dropping_files_imports_them_and_shows_the_new_papers(
    qtbot, make_window, library, samples, tmp_path
):
    window = make_window(library)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x00binary")
    with qtbot.waitSignal(window.imports.finished, timeout=30000) as finished:
        event = drop(window, [samples / "000_51ae902ca77ec354.txt", bad])
    assert event.isAccepted()
    report = finished.args[0]
    assert report.added == 32 and len(report.errors) == 1
    _, table, _ = widgets(window)
    assert table.model().rowCount() == 32
    assert window.findChild(QLineEdit, "searchField").text() == "new:"
    assert window.selected_ids() == [table.model().paper_id(0)]
    dialog = window.findChild(QDialog, "importReport")
    assert dialog is not None and dialog.isVisible()
    details = dialog.findChild(QPlainTextEdit, "importReportText").toPlainText()
    assert "bad.txt:1: error: not a text file" in details
    assert "000_51ae902ca77ec354.txt: 32 added, 0 already known" in details


def test_cancelled_import_adds_nothing(qtbot, make_window, library, samples):
    window = make_window(library)
    progress = []
    with qtbot.waitSignal(window.imports.finished, timeout=30000) as finished:
        window.import_paths([str(samples)])
        window.imports.worker.progressed.connect(lambda *a: progress.append(a))
        window.imports.cancel()
    assert finished.args[0] is None
    assert Library(library.path).total() == 0
    assert window.findChild(QTableView, "paperTable").model().rowCount() == 0


def test_import_reports_progress_to_the_end(qtbot, make_window, library, samples):
    window = make_window(library)
    progress = []
    with qtbot.waitSignal(window.imports.finished, timeout=30000):
        window.import_paths([str(samples)])
        window.imports.worker.progressed.connect(lambda *a: progress.append(a[:2]))
    size = sum(p.stat().st_size for p in samples.glob("*.txt"))
    qtbot.waitUntil(lambda: bool(progress) and progress[-1] == (size, size))
    assert window.model.total == 314


def test_columns_and_layout_persist(qtbot, make_window, sample_library, settings):
    window = make_window(sample_library)
    header = window.findChild(QTableView, "paperTable").horizontalHeader()
    header.setSectionHidden(STATUS, True)
    header.moveSection(header.visualIndex(TITLE), 3)
    window.splitter.setSizes([900, 380])
    sizes = window.splitter.sizes()
    window.close()

    again = make_window(sample_library)
    header = again.findChild(QTableView, "paperTable").horizontalHeader()
    assert header.isSectionHidden(STATUS)
    assert header.visualIndex(TITLE) == 3
    assert again.splitter.sizes() == sizes


def test_the_preview_and_note_split_comes_back_as_the_user_left_it(
    qtbot, make_window, sample_library
):
    window = make_window(sample_library)
    split = window.findChild(QSplitter, "previewSplitter")
    split.setSizes([250, 500])  # a tall note editor, a short preview
    sizes = split.sizes()
    assert sizes[0] < sizes[1]  # the opposite of the first-start layout
    window.close()

    again = make_window(sample_library)
    assert again.findChild(QSplitter, "previewSplitter").sizes() == sizes


def test_typo_shows_approximate_matches_and_a_correction(qtbot, make_window, sample_library):
    window = make_window(sample_library)
    search, table, _ = widgets(window)
    qtbot.keyClicks(search, "difusion modle")
    hint = window.findChild(QLabel, "searchHint")
    qtbot.waitUntil(hint.isVisible)
    assert "did you mean" in hint.text() and "diffusion model" in hint.text()
    assert table.model().rowCount() > 5
    assert window.findChild(QLabel, "countLabel").text().endswith("(approximate)")
    hint.linkActivated.emit("diffusion model")
    qtbot.waitUntil(lambda: not hint.isVisible())
    assert search.text() == "diffusion model"


def test_saved_search_becomes_a_smart_list_that_runs(qtbot, make_window, sample_library):
    window = make_window(sample_library)
    search, table, _ = widgets(window)
    search.setText("dense hebbian")
    window.apply_search()
    window.smart_list_control.save("Hebbian")
    lists = window.smart_lists
    assert lists.names() == ["Hebbian"]
    search.clear()
    window.apply_search()
    assert table.model().rowCount() == 314
    lists.clicked.emit(lists.model().index(0, 0))
    assert search.text() == "dense hebbian" and table.model().rowCount() == 2
    window.smart_list_control.rename("Hebbian", "Hopfield-ish")
    assert lists.names() == ["Hopfield-ish"]
    assert sample_library.saved_searches() == [("Hopfield-ish", "dense hebbian")]


def test_deleting_or_renaming_a_smart_list_can_be_undone(qtbot, make_window, sample_library):
    window = make_window(sample_library)
    sample_library.save_search("Theory", "tag:theory")
    window.smart_list_control.refresh()
    window.smart_list_control.rename("Theory", "Proofs")
    window.smart_list_control.delete("Proofs")
    assert window.smart_lists.names() == []
    window.undo_stack.undo()
    assert window.smart_lists.names() == ["Proofs"]
    window.undo_stack.undo()
    assert window.smart_lists.names() == ["Theory"]
    assert sample_library.saved_searches() == [("Theory", "tag:theory")]
    window.undo_stack.redo()
    assert sample_library.saved_searches() == [("Proofs", "tag:theory")]


def test_large_library_searches_in_a_thread_and_only_the_last_query_lands(
    qtbot, make_window, sample_library, monkeypatch
):
    monkeypatch.setattr("readinglist.gui.paper_model.ASYNC_ABOVE", 0)  # treat 314 as large
    window = make_window(sample_library)
    search, table, preview = widgets(window)
    qtbot.waitUntil(lambda: table.model().rowCount() == 314)
    assert window.model.runner is not None
    with qtbot.waitSignal(window.model.refreshed, timeout=10000):
        for text in ("q", "qu", "quan", "dense", "dense hebbian"):
            search.setText(text)
            window.apply_search()  # no wait between: earlier queries are dropped
    qtbot.waitUntil(lambda: table.model().rowCount() == 2)
    assert window.findChild(QLabel, "countLabel").text() == "2 of 314 papers"
    table.sortByColumn(TITLE, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: table.model().index(0, TITLE).data().endswith("unsupervised learning"))
    window.close()


def test_table_reads_only_the_pages_it_shows_and_scrolls_to_the_end(
    qtbot, make_window, sample_library, monkeypatch
):
    monkeypatch.setattr("readinglist.core.result_pages.PAGE", 16)
    monkeypatch.setattr("readinglist.core.result_pages.WHOLE", 32)
    monkeypatch.setattr("readinglist.gui.paper_model.PAGE", 16)  # rows read for the screen
    window = make_window(sample_library)
    search, table, preview = widgets(window)
    everything = sample_library.ids("", sort="first_seen", descending=True)  # newest first
    assert table.model().rowCount() == 314
    assert window.findChild(QLabel, "countLabel").text() == "314 papers"
    assert len(window.model._pages.loaded_ids()) < 100  # not every id
    table.scrollToBottom()
    qtbot.wait(10)
    last = table.model().index(313, TITLE).data()
    assert last == sample_library.paper(everything[-1]).title
    table.selectAll()
    assert window.selected_ids() == everything
    search.setText("-learning")
    window.apply_search()
    assert table.model().rowCount() == sample_library.count("-learning")
    table.selectRow(table.model().rowCount() - 1)
    assert "learning" not in preview.toPlainText().lower()
