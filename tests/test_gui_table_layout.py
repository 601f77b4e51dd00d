"""What a new user sees first: titles get the room, newest first, no stale stars."""

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QTableView, QToolButton

from readinglist.gui.main_window import MainWindow
from readinglist.gui.paper_model import COLUMNS, FIRST_SEEN, RATING, STATUS, TAGS, TITLE
from readinglist.gui.table_columns import SAMPLES, TAGS_MAX


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def open_window(qtbot, settings):
    def open_window(library, width=1280, height=800):
        window = MainWindow(library, settings)
        qtbot.addWidget(window)
        window.resize(width, height)
        window.show()
        qtbot.waitExposed(window)
        return window

    return open_window


def table_of(window) -> QTableView:
    return window.findChild(QTableView, "paperTable")


def shown_columns(header) -> list[int]:
    return [c for c in range(len(COLUMNS)) if not header.isSectionHidden(c)]


def test_title_takes_the_free_width_without_a_horizontal_scroll_bar_at_1280(
    open_window, sample_library
):
    sample_library.add_tags([1, 2], ["theory", "to-read"])
    window = open_window(sample_library)
    table = table_of(window)
    header = table.horizontalHeader()
    shown = shown_columns(header)
    assert [COLUMNS[c].title for c in shown] == [
        "Title",
        "Rating",
        "Tags",
        "Status",
        "Seen",
        "First seen",
    ]
    assert not table.horizontalScrollBar().isVisible()
    assert sum(header.sectionSize(c) for c in shown) == table.viewport().width()
    assert header.sectionSize(TITLE) >= 0.45 * table.viewport().width()  # was 265 of 640
    # and each of the others shows its widest content whole
    metrics = table.fontMetrics()
    for column in (RATING, STATUS, FIRST_SEEN):
        assert header.sectionSize(column) >= metrics.horizontalAdvance(SAMPLES[column])
    assert header.sectionSize(TAGS) >= metrics.horizontalAdvance("to-read")


def test_long_tags_are_cut_not_the_titles(open_window, sample_library):
    sample_library.add_tags([1], ["a-really-long-tag-name-that-goes-on-and-on"])
    window = open_window(sample_library)
    table = table_of(window)
    header = table.horizontalHeader()
    assert header.sectionSize(TAGS) == TAGS_MAX
    assert not table.horizontalScrollBar().isVisible()
    row = table.model().row_of(1)
    assert table.model().index(row, TAGS).data(Qt.ItemDataRole.ToolTipRole) == (
        "a-really-long-tag-name-that-goes-on-and-on"
    )


def test_narrow_window_keeps_the_layout_and_widening_goes_to_the_title(
    open_window, sample_library, qtbot
):
    window = open_window(sample_library)
    header = table_of(window).horizontalHeader()
    before = {c: header.sectionSize(c) for c in (TITLE, RATING, STATUS, FIRST_SEEN)}
    window.resize(1600, 800)
    qtbot.waitUntil(lambda: header.sectionSize(TITLE) > before[TITLE])
    for column in (RATING, STATUS, FIRST_SEEN):
        assert header.sectionSize(column) == before[column]


def test_full_title_is_the_tooltip_of_a_cut_title(open_window, sample_library):
    window = open_window(sample_library)
    table = table_of(window)
    model = table.model()
    widths = {
        row: table.fontMetrics().horizontalAdvance(model.index(row, TITLE).data())
        for row in range(20)
    }
    row = max(widths, key=widths.get)
    assert widths[row] > table.horizontalHeader().sectionSize(TITLE)  # shown cut
    title = sample_library.paper(model.paper_id(row)).title
    assert model.index(row, TITLE).data(Qt.ItemDataRole.ToolTipRole) == title


def test_table_opens_newest_first(open_window, sample_library):
    window = open_window(sample_library)
    table = table_of(window)
    header = table.horizontalHeader()
    assert header.sortIndicatorSection() == FIRST_SEEN
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    shown = [table.model().paper_id(row) for row in range(table.model().rowCount())]
    assert shown == sample_library.ids("", sort="first_seen", descending=True)
    first_seen = [p.first_seen for p in sample_library.papers(shown)]
    assert first_seen[0] == max(first_seen) and first_seen[-1] == min(first_seen)


def test_the_chosen_order_is_remembered(open_window, sample_library, settings):
    window = open_window(sample_library)
    table_of(window).sortByColumn(TITLE, Qt.SortOrder.AscendingOrder)
    assert settings.value("table/sort") == "title asc"
    window.close()

    again = open_window(sample_library)
    table = table_of(again)
    assert table.horizontalHeader().sortIndicatorSection() == TITLE
    assert table.horizontalHeader().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    shown = [table.model().paper_id(row) for row in range(table.model().rowCount())]
    assert shown == sample_library.ids("", sort="title")


def stars_drawn(window) -> list[str]:
    return [
        button.text()
        for button in window.findChildren(QToolButton)
        if button.objectName().startswith("star") and button.isVisible()
    ]


def test_no_selection_clears_and_disables_the_rating_and_status(open_window, sample_library):
    window = open_window(sample_library)
    table = table_of(window)
    paper_id = table.model().paper_id(0)
    sample_library.set_rating([paper_id], 5)
    sample_library.set_status([paper_id], "read")
    window.reload()
    window.select_ids([paper_id])
    status = window.findChild(QComboBox, "statusControl")
    assert stars_drawn(window) == ["★"] * 5 and status.currentText() == "read"
    assert window.annotation_bar.isEnabled()

    table.clearSelection()
    assert stars_drawn(window) == []  # not five stars, not five empty ones either
    assert status.currentText() == "" and not window.annotation_bar.isEnabled()

    window.select_ids([paper_id])
    assert stars_drawn(window) == ["★"] * 5 and window.annotation_bar.isEnabled()


def test_an_empty_search_result_clears_the_annotation_controls(open_window, sample_library):
    window = open_window(sample_library)
    paper_id = table_of(window).model().paper_id(0)
    sample_library.set_rating([paper_id], 4)
    window.reload()
    window.select_ids([paper_id])
    assert len(stars_drawn(window)) == 5
    window.run_search("zzzqqxnothing")
    assert table_of(window).model().rowCount() == 0
    assert stars_drawn(window) == []
    assert window.findChild(QComboBox, "statusControl").currentText() == ""
    assert not window.annotation_bar.isEnabled()
