"""Render palette.png, insights*.png and dark-mode.png from the sample digests, offscreen.

    python resources/screenshots/make_screenshots.py [OUT_DIR]

A scratch library gets the three sample digests (tests/fixtures/digests) and a few
weeks of made-up reading (tags, ratings, papers read on earlier dates), so that the
pictures show what a library in use looks like. main-window.png comes from
`readinglist gui --screenshot`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("READINGLIST_CLOCK", "2026-11-23T12:00:00+00:00")

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "fixtures" / "digests"
SIZE = (1280, 800)


def demo_library(path: Path):
    from readinglist.core.library import Library

    library = Library(path)
    library.import_files([SAMPLES])
    ids = library.ids("", sort="id")
    library.add_tags(library.ids("diffusion"), ["diffusion"])
    library.add_tags(library.ids("hebbian OR spin OR replica"), ["theory"])
    library.add_tags(library.ids("transformer OR attention"), ["transformers"])
    library.add_tags(library.ids("reinforcement"), ["rl"])
    library.add_tags(ids[::9], ["to-read"])
    # Reading spread over six weeks: the moments are moved back as if it had happened then.
    for week in range(6):
        batch = ids[week * 7 : week * 7 + 3 + week]
        library.set_status(batch, "read")
        library.set_rating(batch[: 2 + week % 3], 3 + week % 3)
        library.conn.execute(
            "UPDATE paper_events SET at = strftime('%Y-%m-%dT%H:%M:%SZ', '2026-11-23', ?)"
            " WHERE paper_id IN (SELECT value FROM json_each(?))",
            (f"-{(5 - week) * 7 + 1} days", str(batch)),
        )
    return library


def wait(app, condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def window_with(app, library, settings_dir: Path):
    from PySide6.QtCore import QSettings

    from readinglist.gui.main_window import MainWindow

    settings = QSettings(str(settings_dir / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, settings)
    window.scan_timer.stop()
    window.resize(*SIZE)
    window.show()
    wait(app, lambda: not window._reloading)
    return window


def with_dialog(window, dialog):
    """The window with a top-level dialog drawn over it where it stands."""
    from PySide6.QtGui import QPainter

    picture = window.grab()
    painter = QPainter(picture)
    painter.drawPixmap(dialog.pos() - window.pos(), dialog.grab())
    painter.end()
    return picture


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    from PySide6.QtWidgets import QApplication

    from readinglist.gui.command_palette import open_palette
    from readinglist.gui.theme import Theme

    app = QApplication.instance() or QApplication(sys.argv[:1])
    scratch = Path(tempfile.mkdtemp(prefix="readinglist-shots-"))
    library = demo_library(scratch / "library.sqlite")

    window = window_with(app, library, scratch)
    window.select_rows([0])
    palette = open_palette(window)
    palette.input.setText("hebian unsup")
    palette.refresh()
    wait(app, lambda: False, 0.2)
    with_dialog(window, palette).save(str(out / "palette.png"))
    palette.close()

    insights = window.open_insights()
    wait(app, lambda: insights.data is not None and bool(insights.trend_term))
    insights.resize(1000, 660)
    insights.move(window.pos().x() + 140, window.pos().y() + 70)
    insights.tabs.setCurrentIndex(3)
    wait(app, lambda: False, 0.2)
    with_dialog(window, insights).save(str(out / "insights.png"))
    insights.tabs.setCurrentIndex(1)
    wait(app, lambda: False, 0.2)
    with_dialog(window, insights).save(str(out / "insights-reading.png"))
    insights.close()
    window.model.stop()
    window.close()

    Theme(app, "dark")
    dark = window_with(app, library, scratch)
    dark.run_search("diffusion")
    wait(app, lambda: not dark._reloading)
    dark.select_rows([1])
    wait(app, lambda: False, 0.2)
    dark.grab().save(str(out / "dark-mode.png"))
    dark.model.stop()
    dark.close()
    library.close()
    for name in ("palette", "insights", "insights-reading", "dark-mode"):
        print(out / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
