"""Dark mode and standard icons: forced or following the system, checked on real pixels."""

import subprocess
import sys

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from readinglist.gui import theme  # noqa: E402
from readinglist.gui.theme import Theme, chosen_theme, is_dark  # noqa: E402


@pytest.fixture
def restore_look(qapp):
    """Theme changes are application-wide: put the style and palette back afterwards."""
    style, palette = qapp.style().name(), qapp.palette()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


def mean_lightness(image: QImage) -> float:
    image = image.scaled(64, 40)
    values = [image.pixelColor(x, y).lightness() for x in range(64) for y in range(40)]
    return sum(values) / len(values)


def test_the_flag_wins_over_the_environment_which_wins_over_the_system(monkeypatch):
    monkeypatch.setenv("READINGLIST_THEME", "light")
    assert chosen_theme(dark=True) == "dark"
    assert chosen_theme() == "light"
    monkeypatch.setenv("READINGLIST_THEME", "Dark ")
    assert chosen_theme() == "dark"
    monkeypatch.setenv("READINGLIST_THEME", "purple")
    assert chosen_theme() == "system"


def test_forced_dark_window_is_dark_and_its_painted_parts_follow(restore_look, window):
    Theme(restore_look, "dark")
    window.run_search("diffusion")
    window.select_rows([0])
    window.annotator.set_rating(window.selected_ids(), 4)
    QApplication.processEvents()
    assert mean_lightness(window.grab().toImage()) < 80  # a screenshot in a dark palette
    preview = window.preview
    assert is_dark(preview.palette())
    page = preview.toHtml()
    assert "#ffe066" not in page  # the light theme's bright mark is not used on dark
    assert "#7a5c00" in page  # search words are marked in a dark amber
    star = window.annotation_bar.rating.buttons[0].styleSheet()
    assert theme.star_colour(preview.palette()).name() in star


def test_following_the_system_switches_when_the_system_does(restore_look, window, monkeypatch):
    dark_now = [False]
    monkeypatch.setattr(theme, "system_is_dark", lambda app: dark_now[0])
    Theme(restore_look, "system")
    window.run_search("diffusion")
    window.select_rows([0])
    assert not is_dark(window.palette())
    assert "#ffe066" in window.preview.toHtml()
    dark_now[0] = True
    restore_look.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    QApplication.processEvents()
    assert is_dark(window.palette())
    assert mean_lightness(window.grab().toImage()) < 80
    assert "#7a5c00" in window.preview.toHtml()  # the preview was drawn again, in dark colours
    dark_now[0] = False
    restore_look.styleHints().colorSchemeChanged.emit(Qt.ColorScheme.Light)
    QApplication.processEvents()
    assert not is_dark(window.palette())
    assert "#ffe066" in window.preview.toHtml()


def test_main_actions_carry_platform_icons(window):
    labelled = {
        a.text().split("\t")[0].replace("&", "").rstrip("…"): a
        for menu in window.menuBar().actions()
        for a in menu.menu().actions()
    }
    for label in ("Import Digests", "Export", "Quit", "Find", "Undo", "Possible Duplicates"):
        assert not labelled[label].icon().isNull(), label


def test_gui_dark_flag_renders_a_dark_screenshot(tmp_path, sample_library):
    out = tmp_path / "dark.png"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "readinglist",
            "--db",
            str(sample_library.path),
            "gui",
            "--dark",
            "--screenshot",
            str(out),
        ],
        check=True,
        capture_output=True,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert mean_lightness(QImage(str(out))) < 80
    assert QGuiApplication.instance() is not None
