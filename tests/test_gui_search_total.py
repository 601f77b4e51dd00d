"""A large library's searches (in a thread) count the library again only when it changed,
and the count shown follows papers another program added."""

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel

from readinglist.core.library import Library
from readinglist.gui.main_window import MainWindow

DIGEST = (
    "Get trending papers in your email inbox!\n"
    "Zorbulatron networks for quantum sampling\n"
    "We study zorbulatron networks, a new family of samplers for quantum systems, and show "
    "that they beat the usual baselines on every benchmark we tried.\n"
)


@pytest.fixture
def large_window(qtbot, sample_library, tmp_path, monkeypatch):
    """A window on the sample library, searched in a thread as a large library is."""

    def make() -> MainWindow:
        monkeypatch.setattr("readinglist.gui.paper_model.ASYNC_ABOVE", 0)  # treat 314 as large
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(sample_library, settings)
        qtbot.addWidget(window)
        window.show()
        return window

    return make


def test_the_count_follows_papers_added_by_another_program(
    qtbot, sample_library, tmp_path, monkeypatch, large_window
):
    window = large_window()
    label = window.findChild(QLabel, "countLabel")

    def search(text: str) -> None:
        with qtbot.waitSignal(window.model.refreshed, timeout=10000):
            window.search.run(text)

    search("hebbian")
    assert label.text().endswith(" of 314 papers")
    counts = []
    worker = window.model.runner.worker
    real_total = Library.total
    monkeypatch.setattr(
        Library, "total", lambda self: counts.append(self is worker.library) or real_total(self)
    )
    search("quantum")
    search("hebbian dense")
    assert True not in counts  # nothing changed: the query thread did not count again
    assert label.text().endswith(" of 314 papers")
    (tmp_path / "new.txt").write_text(DIGEST)
    with Library(sample_library.path) as other:  # the command line, say
        other.import_files([tmp_path / "new.txt"])
    search("zorbulatron")
    assert label.text() == "1 of 315 papers"
    window.close()


def test_a_large_library_counts_a_left_out_word_beside_its_rows(
    qtbot, sample_library, tmp_path, monkeypatch, large_window
):
    window = large_window()
    with qtbot.waitSignal(window.model.refreshed, timeout=10000):
        window.search.run("-learning")
    expected = sample_library.ids("-learning", sort="first_seen", descending=True)
    assert window.model.rowCount() == len(expected)
    label = window.findChild(QLabel, "countLabel")
    assert label.text() == f"{len(expected)} of 314 papers"
    assert [window.model.paper_id(row) for row in range(len(expected))] == expected
    assert window.model.runner.worker.counter._library is not None  # the side connection counted
    window.close()


def test_a_re_run_of_the_same_search_keeps_selected_papers_beyond_the_rows_read(
    qtbot, sample_library, tmp_path, monkeypatch, large_window
):
    monkeypatch.setattr("readinglist.core.result_pages.PAGE", 16)
    monkeypatch.setattr("readinglist.core.result_pages.WHOLE", 32)
    window = large_window()
    with qtbot.waitSignal(window.model.refreshed, timeout=10000):
        window.search.run("")
    window.table.selectAll()
    chosen = window.selected_ids()
    assert len(chosen) == 314
    with qtbot.waitSignal(window.search.listed, timeout=10000):
        window.search.reload()  # what an edit or an import does
    assert sorted(window.selected_ids()) == sorted(chosen)
    # A new search keeps only what is among its first rows: no pass over the result.
    with qtbot.waitSignal(window.search.listed, timeout=10000):
        window.search.run("-hebbian")
    assert 0 < len(window.selected_ids()) <= 32
    window.close()
