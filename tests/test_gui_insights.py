"""Tools > Insights through real widgets (pytest-qt): charts, click-through, saving."""

import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("PySide6.QtCharts")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QImage  # noqa: E402
from PySide6.QtWidgets import QListWidget  # noqa: E402

from readinglist.core import insights  # noqa: E402


@pytest.fixture
def view(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window.table,
        Qt.Key.Key_I,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    view = window.insights
    qtbot.waitUntil(lambda: view.data is not None and bool(view.trend_term), timeout=10000)
    yield view
    view.close()


def bar_values(chart) -> dict[str, list[float]]:
    series = chart.series()[0]
    return {bars.label(): [bars.at(i) for i in range(bars.count())] for bars in series.barSets()}


def test_digest_chart_shows_papers_kept_and_read_per_digest_date(qtbot, window):
    days = insights.digest_days(window.library.conn)
    window.library.set_status([1], "read")
    window.library.add_tags([1, 2], ["theory"])
    window.activateWindow()
    view = window.open_insights()
    qtbot.waitUntil(lambda: view.data is not None, timeout=10000)
    chart = view.views["digests"].chart()
    values = bar_values(chart)
    assert values["papers"] == [float(d.papers) for d in days]
    assert sum(values["read"]) == window.library.paper(1).seen
    assert sum(values["kept (kept in triage, tagged, rated or noted)"]) >= 2
    categories = chart.axes(Qt.Orientation.Horizontal)[0].categories()
    assert categories == [d.date for d in days]
    reading = bar_values(view.views["reading"].chart())
    assert reading == {"read": [1.0], "rated": [0.0]}
    tags = view.views["tags"].chart().axes(Qt.Orientation.Vertical)[0].categories()
    assert tags == ["theory"]
    view.close()


def test_clicking_a_rising_term_draws_its_trend_and_searches_for_it(qtbot, view, window):
    rising = view.findChild(QListWidget, "risingTerms")
    assert rising.count() > 1
    item = rising.item(1)
    term = item.data(Qt.ItemDataRole.UserRole + 1)
    rect = rising.visualItemRect(item)
    qtbot.mouseClick(rising.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.trend_term == term)
    assert window.search_field.text() == term
    assert window.model.rowCount() == window.library.count(term)
    points = view.views["topics"].chart().series()[0].points()
    expected = insights.term_shares(window.library.conn, term)
    assert [round(p.y(), 3) for p in points] == [round(100 * e.share, 3) for e in expected]


def test_typing_a_tag_term_draws_its_share(qtbot, view, window):
    window.library.add_tags([1], ["mine"])
    view.term_field.clear()
    qtbot.keyClicks(view.term_field, "tag:mine")
    qtbot.waitUntil(lambda: view.trend_term == "tag:mine", timeout=5000)
    points = view.views["topics"].chart().series()[0].points()
    assert sum(1 for p in points if p.y() > 0) == window.library.paper(1).seen


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_a_chart_is_saved_as_png_or_svg(view, tmp_path, suffix):
    view.tabs.setCurrentIndex(0)
    (tmp_path / "charts").mkdir()
    out = tmp_path / "charts" / f"chart.{suffix}"
    view.save_chart(out)
    assert view.status.text() == f"Saved {out}"
    if suffix == "png":
        image = QImage(str(out))
        assert image.width() > 200 and image.height() > 200
    else:
        root = ET.parse(out).getroot()
        assert root.tag.endswith("svg")
        assert "Papers per digest date" in out.read_text(encoding="utf-8")
    assert [p.name for p in out.parent.iterdir()] == [out.name]  # no temporary left


def test_saving_into_a_missing_folder_is_a_sentence(view, tmp_path):
    view.save_chart(tmp_path / "missing" / "chart.png")
    assert "chart.png" in view.status.text() and "Traceback" not in view.status.text()


def test_charts_are_not_imported_at_start_up():
    code = (
        "import sys, readinglist.gui.app, readinglist.gui.main_window; "
        "print('PySide6.QtCharts' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
