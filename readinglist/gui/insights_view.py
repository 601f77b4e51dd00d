"""Tools > Insights (Ctrl+Shift+I): the library as charts (QtCharts), each savable as PNG/SVG.

Four tabs: papers per digest date with how many are kept and read; papers read
and rated per week; tags by size; topic trends (a term's share of each digest,
with the words rising most in the latest digests, a click away from a search).
The figures come from core.insights, computed in a thread on its own connection;
QtCharts is imported with this module, which the window imports only when
Insights is first opened, so start-up does not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QDateTimeAxis,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QRect, QSize, Qt, QThread, QTimer, Signal
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from readinglist.core import insights
from readinglist.core.library import Library
from readinglist.gui.error_policy import problem_text
from readinglist.gui.theme import is_dark

MOST_DATES = 60  # digest dates drawn at most (the latest)
MOST_WEEKS = 52
MOST_TAGS = 25
TERM_DELAY_MS = 300
TermRole = Qt.ItemDataRole.UserRole + 1


@dataclass
class Overview:
    days: list[insights.DigestDay]
    weeks: list[insights.Week]
    undated: tuple[int, int]
    tags: list[tuple[str, int]]
    latest: list[str]
    rising: list[insights.RisingTerm]


def overview(library: Library) -> Overview:
    conn = library.conn
    latest, rising = insights.rising_terms(conn)
    return Overview(
        insights.digest_days(conn),
        insights.reading_weeks(conn),
        insights.undated_reading(conn),
        insights.tag_sizes(conn, MOST_TAGS),
        latest,
        rising,
    )


class _Job(QThread):
    """One core call on its own connection, off the GUI thread."""

    done = Signal(object)
    failed = Signal(str)

    def __init__(self, path: Path, work: Callable[[Library], object], doing: str, parent) -> None:
        super().__init__(parent)
        self.path, self.work, self.doing = path, work, doing

    def run(self) -> None:
        try:
            with Library(self.path) as library:
                result = self.work(library)
        except Exception as exc:  # noqa: BLE001 - the policy: a sentence in the view
            self.failed.emit(problem_text(exc, self.doing, self.path))
            return
        self.done.emit(result)


class InsightsView(QDialog):
    loaded = Signal()  # the overview is drawn
    trend_shown = Signal(str)  # a term's trend is drawn

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window_ = window
        self.setObjectName("insightsView")
        self.setWindowTitle("Insights")
        self.jobs: list[_Job] = []
        self.data: Overview | None = None
        self.trend_term = ""

        self.tabs = QTabWidget(objectName="insightsTabs")
        self.views = {
            name: QChartView(objectName=f"{name}Chart")
            for name in ("digests", "reading", "tags", "topics")
        }
        for view in self.views.values():
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setChart(self._chart("Loading…"))
        self.tabs.addTab(self.views["digests"], "Digests")
        self.tabs.addTab(self.views["reading"], "Reading")
        self.tabs.addTab(self.views["tags"], "Tags")
        self.tabs.addTab(self._topics_tab(), "Topics")

        self.status = QLabel(objectName="insightsStatus", wordWrap=True)
        save = QPushButton("Save Chart…", objectName="saveChart")
        save.clicked.connect(self.ask_save)
        close = QPushButton("Close")
        close.clicked.connect(self.close)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(save)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addLayout(buttons)
        self.resize(980, 640)
        self.refresh()

    def _topics_tab(self) -> QWidget:
        self.term_field = QLineEdit(objectName="trendTerm")
        self.term_field.setPlaceholderText("A word, a phrase or tag:NAME, as in the search field")
        self.term_field.setClearButtonEnabled(True)
        self.term_timer = QTimer(self, singleShot=True, interval=TERM_DELAY_MS)
        self.term_timer.timeout.connect(lambda: self.show_trend(self.term_field.text()))
        self.term_field.textEdited.connect(self.term_timer.start)
        self.term_field.returnPressed.connect(lambda: self.show_trend(self.term_field.text()))
        self.rising = QListWidget(objectName="risingTerms")
        self.rising.setToolTip("Click a term to see its trend and search for it")
        self.rising.itemClicked.connect(self._rising_chosen)
        self.rising.itemActivated.connect(self._rising_chosen)
        self.rising_label = QLabel("<b>Rising in the latest digests</b>", wordWrap=True)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.rising_label)
        side_layout.addWidget(self.rising)
        splitter = QSplitter()
        splitter.addWidget(self.views["topics"])
        splitter.addWidget(side)
        splitter.setSizes([680, 260])
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(self.term_field)
        layout.addWidget(splitter)
        return tab

    # -- loading ------------------------------------------------------------------

    def refresh(self) -> None:
        self.status.setText("Counting…")
        self._run(overview, "counting the library for Insights", self._overview_loaded)

    def show_trend(self, term: str) -> None:
        """Draw the share of each digest that the search for term finds."""
        self.term_timer.stop()
        term = term.strip()
        if not term:
            return

        def work(library: Library) -> list[insights.SharePoint]:
            return insights.term_shares(library.conn, term)

        self._run(work, f"the trend of “{term}”", lambda points: self._trend_loaded(term, points))

    def _run(self, work, doing: str, done) -> None:
        job = _Job(self.window_.library.path, work, doing, self)
        job.done.connect(done)
        job.failed.connect(self.status.setText)
        job.finished.connect(lambda: self.jobs.remove(job))
        self.jobs.append(job)
        job.start()

    def _overview_loaded(self, data: Overview) -> None:
        self.data = data
        self.views["digests"].setChart(self._digests_chart(data.days))
        self.views["reading"].setChart(self._reading_chart(data.weeks, data.undated))
        self.views["tags"].setChart(self._tags_chart(data.tags))
        self.rising.clear()
        for term in data.rising:
            item = QListWidgetItem(f"{term.term}   {term.recent:.0%} (was {term.earlier:.0%})")
            item.setData(TermRole, term.term)
            item.setToolTip(
                f"“{term.term}” is in {term.recent:.1%} of the papers of the latest digests "
                f"and {term.earlier:.1%} of the earlier ones. Click to search for it."
            )
            self.rising.addItem(item)
        if data.latest and data.rising:
            self.rising_label.setText(
                f"<b>Rising in the latest digests</b> ({', '.join(data.latest[-3:])})"
            )
        elif not data.rising:
            self.rising_label.setText("<b>Rising terms</b> need digests from two dates or more.")
        papers = sum(day.papers for day in data.days)
        self.status.setText(f"{len(data.days)} digest dates, {papers} papers seen in them")
        if not self.trend_term:
            self.views["topics"].setChart(
                self._chart("Type a term above, or click a rising term on the right")
            )
            if data.rising:
                self.show_trend(data.rising[0].term)
        self.loaded.emit()

    def _trend_loaded(self, term: str, points: list[insights.SharePoint]) -> None:
        self.trend_term = term
        if self.term_field.text().strip() != term:
            self.term_field.setText(term)
        self.views["topics"].setChart(self._topic_chart(term, points))
        self.trend_shown.emit(term)

    def _rising_chosen(self, item: QListWidgetItem) -> None:
        term = item.data(TermRole)
        self.show_trend(term)
        self.window_.run_search(term)  # the papers behind the trend, in the main window

    # -- charts ---------------------------------------------------------------------

    def _chart(self, title: str) -> QChart:
        chart = QChart()
        chart.setTitle(title)
        dark = is_dark(self.palette())
        chart.setTheme(
            QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        )
        chart.setBackgroundBrush(self.palette().base())  # the window's own background
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        return chart

    def _bars(self, chart: QChart, series, categories: list[str], horizontal=False) -> None:
        chart.addSeries(series)
        categories_axis = QBarCategoryAxis()
        categories_axis.append(categories)
        values = QValueAxis()
        values.setLabelFormat("%d")
        top = max((bars.at(i) for bars in series.barSets() for i in range(bars.count())), default=0)
        values.setRange(0, max(top, 1))
        values.applyNiceNumbers()
        across, up = Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft
        chart.addAxis(categories_axis, up if horizontal else across)
        chart.addAxis(values, across if horizontal else up)
        series.attachAxis(categories_axis)
        series.attachAxis(values)
        if not horizontal and len(categories) > 12:
            categories_axis.setLabelsAngle(-60)

    def _digests_chart(self, days: list[insights.DigestDay]) -> QChart:
        shown = days[-MOST_DATES:]
        more = f" (the latest {len(shown)} of {len(days)})" if len(days) > len(shown) else ""
        chart = self._chart(f"Papers per digest date, and how many you kept and read{more}")
        if not shown:
            chart.setTitle("No digests imported yet")
            return chart
        series = QBarSeries()
        for label, values in (
            ("papers", [d.papers for d in shown]),
            ("kept (kept in triage, tagged, rated or noted)", [d.kept for d in shown]),
            ("read", [d.read for d in shown]),
        ):
            bars = QBarSet(label)
            bars.append([float(v) for v in values])
            series.append(bars)
        self._bars(chart, series, [d.date for d in shown])
        return chart

    def _reading_chart(self, weeks: list[insights.Week], undated: tuple[int, int]) -> QChart:
        shown = weeks[-MOST_WEEKS:]
        chart = self._chart("Papers read and rated per week")
        before = ""
        if any(undated):
            before = f" ({undated[0]} read and {undated[1]} rated before dates were recorded)"
        if not shown:
            chart.setTitle(
                "Nothing read or rated yet: mark a paper read (S) or rate it (1-5)" + before
            )
            return chart
        chart.setTitle(chart.title() + before)
        series = QBarSeries()
        for label, values in (
            ("read", [w.read for w in shown]),
            ("rated", [w.rated for w in shown]),
        ):
            bars = QBarSet(label)
            bars.append([float(v) for v in values])
            series.append(bars)
        self._bars(chart, series, [w.week for w in shown])
        chart.axes(Qt.Orientation.Horizontal)[0].setTitleText("week starting (Monday)")
        return chart

    def _tags_chart(self, tags: list[tuple[str, int]]) -> QChart:
        chart = self._chart("Your tags by size")
        if not tags:
            chart.setTitle("No tags yet: press T on a paper to tag it")
            return chart
        shown = list(reversed(tags))  # the largest at the top
        series = QHorizontalBarSeries()
        bars = QBarSet("papers")
        bars.append([float(count) for _, count in shown])
        series.append(bars)
        series.setLabelsVisible(True)
        chart.legend().hide()
        self._bars(chart, series, [name for name, _ in shown], horizontal=True)
        return chart

    def _topic_chart(self, term: str, points: list[insights.SharePoint]) -> QChart:
        chart = self._chart(f"Share of each digest's papers matching “{term}”")
        if not points:
            chart.setTitle("No digests imported yet")
            return chart
        series = QLineSeries()
        series.setName(f"{term} (% of the digest's papers)")
        series.setPointsVisible(True)
        for point in points:
            when = QDateTime.fromString(point.date, "yyyy-MM-dd")
            series.append(when.toMSecsSinceEpoch(), 100 * point.share)
        chart.addSeries(series)
        dates = QDateTimeAxis()
        dates.setFormat("yyyy-MM-dd")
        dates.setTickCount(min(max(len(points), 2), 8))
        share = QValueAxis()
        share.setLabelFormat("%.0f%%")
        share.setMin(0)
        share.setMax(max(5.0, max(100 * p.share for p in points) * 1.15))
        chart.addAxis(dates, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(share, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(dates)
        series.attachAxis(share)
        if len(points) == 1:  # one point has no time span: give the axis a week around it
            day = QDateTime.fromString(points[0].date, "yyyy-MM-dd")
            dates.setRange(day.addDays(-3), day.addDays(3))
        return chart

    # -- saving ---------------------------------------------------------------------

    def current_view(self) -> QChartView:
        return list(self.views.values())[self.tabs.currentIndex()]

    def ask_save(self) -> None:
        names = ["digests", "reading", "tags", "topics"]
        suggested = f"insights-{names[self.tabs.currentIndex()]}.png"
        path, _ = QFileDialog.getSaveFileName(
            self, "Save Chart", suggested, "PNG image (*.png);;SVG drawing (*.svg)"
        )
        if path:
            self.save_chart(Path(path))

    def save_chart(self, path: Path) -> None:
        """The chart on the current tab as PNG, or SVG when the name ends in .svg."""
        view = self.current_view()
        size = view.size() if view.width() > 10 else QSize(900, 560)
        temporary = path.with_name(f".{path.name}.part")
        try:
            if path.suffix.lower() == ".svg":
                generator = QSvgGenerator()
                generator.setFileName(str(temporary))
                generator.setSize(size)
                generator.setViewBox(QRect(0, 0, size.width(), size.height()))
                generator.setTitle(view.chart().title())
                painter = QPainter(generator)
                view.render(painter)
                painter.end()
                ok = temporary.is_file()
            else:
                ok = view.grab().save(str(temporary), "PNG")
            if not ok:
                raise OSError(f"could not write {path}")
            temporary.replace(path)  # whole or not at all
        except OSError as exc:
            temporary.unlink(missing_ok=True)
            self.status.setText(problem_text(exc, f"saving {path.name}"))
            return
        self.status.setText(f"Saved {path}")

    def closeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        for job in list(self.jobs):
            job.wait()
        super().closeEvent(event)


def open_insights(window) -> InsightsView:
    view = getattr(window, "insights", None)
    if view is not None and view.isVisible():
        view.refresh()
        view.raise_()
        view.activateWindow()
        return view
    view = InsightsView(window)
    window.insights = view
    view.show()
    return view
