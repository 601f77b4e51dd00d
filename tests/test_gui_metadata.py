"""The window's arXiv look-up, Open On links, O key, Copy BibTeX and preview authors."""

import socket

import fake_arxiv
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from readinglist.gui import paper_links


@pytest.fixture
def server(monkeypatch):
    with fake_arxiv.serving() as fake:
        monkeypatch.setenv("READINGLIST_ARXIV_API", fake.url)
        yield fake


@pytest.fixture
def opened(monkeypatch):
    urls = []
    monkeypatch.setattr(paper_links, "open_url", urls.append)
    return urls


def select_title(window, part):
    (paper,) = [p for p in window.library.search("", with_digests=False) if part in p.title]
    window.select_ids([paper.id])
    return paper


def answer_explanation(button):
    def click():
        box = QApplication.activeModalWidget()
        assert box.objectName() == "lookupExplanation"
        assert "titles" in box.text() and "nothing was sent before you asked" in box.text()
        box.button(button).click()

    QTimer.singleShot(0, click)


def look_up_selection(qtbot, window):
    with qtbot.waitSignal(window.lookup.finished, timeout=20000) as done:
        window.findChild(type(window.paper_links.open_default), "lookUpSelected").trigger()
    return done.args[0]


def test_nothing_is_sent_until_the_user_agrees(qtbot, window, server):
    select_title(window, "Light Schrödinger Bridge")
    answer_explanation(QMessageBox.StandardButton.Cancel)
    window.findChild(type(window.paper_links.open_default), "lookUpSelected").trigger()
    qtbot.wait(100)
    assert server.requests == []
    answer_explanation(QMessageBox.StandardButton.Ok)
    report = look_up_selection(qtbot, window)
    assert report.found == 1 and len(server.requests) == 1
    # Asked once: the next look-up runs without the explanation.
    select_title(window, "Decoupled Weight Decay")
    assert look_up_selection(qtbot, window).found == 1


def test_found_metadata_shows_in_the_preview_and_links(qtbot, window, server, opened):
    paper = select_title(window, "picture of supervised learning")
    answer_explanation(QMessageBox.StandardButton.Ok)
    look_up_selection(qtbot, window)
    assert "Looked up 1 of 1 papers on arXiv: 1 found" in window.statusBar().currentMessage()
    text = window.preview.toPlainText()
    assert "Elena Agliari, Linda Albanese" in text
    assert "arXiv:2212.00606" in text and "2022-11-30" in text
    assert "Open on: arXiv · Hugging Face Papers · Semantic Scholar · Google Scholar" in text

    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_O)
    assert opened == ["https://arxiv.org/abs/2212.00606"]
    window.settings.setValue(paper_links.SITE_SETTING, "Hugging Face Papers")
    qtbot.keyClick(window.table, Qt.Key.Key_O)
    assert opened[-1] == "https://huggingface.co/papers/2212.00606"
    open_on = window.paper_menu.findChild(type(window.paper_menu), "openOnMenu")
    next(a for a in open_on.actions() if a.text() == "Semantic Scholar").trigger()
    assert opened[-1] == "https://www.semanticscholar.org/arxiv/2212.00606"

    window.findChild(type(window.paper_links.open_default), "copyBibtex").trigger()
    bibtex = QGuiApplication.clipboard().text()
    assert bibtex.startswith("@misc{agliari2022dense,")
    assert "eprint = {2212.00606}" in bibtex and "primaryClass = {cond-mat.dis-nn}" in bibtex
    assert paper.title.split(":")[1].strip() in bibtex


def test_an_unknown_paper_links_to_title_searches(qtbot, window, opened):
    select_title(window, "Policy-Guided Diffusion")
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_O)
    assert opened == ["https://arxiv.org/search/?query=Policy-Guided+Diffusion&searchtype=title"]


def test_offline_is_one_line_in_the_status_bar(qtbot, window, monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/api/query"
    monkeypatch.setenv("READINGLIST_ARXIV_API", closed)
    select_title(window, "Light Schrödinger Bridge")
    answer_explanation(QMessageBox.StandardButton.Ok)
    report = look_up_selection(qtbot, window)
    message = window.statusBar().currentMessage()
    assert message == report.summary()
    assert "arXiv could not be reached (connection refused" in message
    assert "nothing was lost" in message
    assert not window.lookup.progress.isVisible()


def test_cancel_stops_the_whole_library_look_up(qtbot, window, server):
    window.settings.setValue("arxiv/asked_before", True)
    with qtbot.waitSignal(window.lookup.finished, timeout=30000) as done:
        window.lookup.start(None)
        qtbot.waitUntil(lambda: len(server.requests) >= 1, timeout=10000)
        assert window.lookup.cancel_button.isVisible()
        qtbot.mouseClick(window.lookup.cancel_button, Qt.MouseButton.LeftButton)
    report = done.args[0]
    assert report.cancelled and report.done < report.asked
    assert "cancelled" in window.statusBar().currentMessage()


def test_authors_year_and_arxiv_columns_start_hidden_and_fill_after_look_up(
    qtbot, window, server
):
    from readinglist.gui.paper_model import ARXIV, AUTHORS, YEAR

    header = window.table.horizontalHeader()
    assert all(header.isSectionHidden(c) for c in (AUTHORS, YEAR, ARXIV))
    paper = select_title(window, "Light Schrödinger Bridge")
    window.settings.setValue("arxiv/asked_before", True)
    look_up_selection(qtbot, window)
    row = window.model.row_of(paper.id)
    cells = [window.model.index(row, c).data() for c in (AUTHORS, YEAR, ARXIV)]
    assert cells == ["Alexander Korotin et al.", "2023", "2310.01174"]
    window.model.sort(YEAR, Qt.SortOrder.DescendingOrder)
    assert window.model.paper_id(0) == paper.id  # the only paper with a year, first


def test_file_export_writes_bibtex(qtbot, window, tmp_path):
    import bibtexparser

    dialog = window.open_export()
    labels = [dialog.format.itemText(i) for i in range(dialog.format.count())]
    dialog.format.setCurrentIndex(labels.index("BibTeX (.bib)"))
    assert dialog.save_to(tmp_path / "list.bib") == [tmp_path / "list.bib"]
    parsed = bibtexparser.parse_file(str(tmp_path / "list.bib"))
    assert parsed.failed_blocks == [] and len(parsed.entries) >= 1
