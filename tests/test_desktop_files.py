"""The desktop entry, AppStream metadata and icon: valid, shipped, installable, loadable."""

import configparser
import filecmp
import fnmatch
import shutil
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import readinglist
from readinglist import desktop
from readinglist.resources import APP_ID, DESKTOP_ENTRY, ICON, METAINFO, SHIPPED, resource_path

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"


def validator(tool):
    path = shutil.which(tool)
    if path is None:
        pytest.skip(
            f"{tool} is not installed (Debian: apt-get install desktop-file-utils appstream)"
        )
    return path


def read_entry(path):
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run(
        [validator("desktop-file-validate"), str(RESOURCES / DESKTOP_ENTRY)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout


def test_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(
        [validator("appstreamcli"), "validate", "--no-net", str(RESOURCES / METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_desktop_entry_and_metainfo_agree():
    entry = read_entry(RESOURCES / DESKTOP_ENTRY)
    assert entry["Icon"] == APP_ID
    assert entry["Exec"].split()[0] == "readinglist"
    assert entry["Exec"].endswith("%F")  # files opened with the app get imported
    assert set(entry["MimeType"].rstrip(";").split(";")) == {"text/plain", "text/markdown"}
    component = ET.parse(RESOURCES / METAINFO).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == DESKTOP_ENTRY
    # The newest <release> is the version the package says it is.
    assert component.find("releases/release").get("version") == readinglist.__version__


def test_packaged_copies_match_resources():
    stale = [
        name
        for name in SHIPPED
        if not filecmp.cmp(RESOURCES / name, resource_path(name), shallow=False)
    ]
    assert not stale, f"{stale} differ from resources/: run python packaging/sync_resources.py"


def test_pyproject_ships_the_resources_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["readinglist.resources"]
    for name in SHIPPED:
        assert any(fnmatch.fnmatch(name, pattern) for pattern in patterns), name


def test_install_writes_entry_metainfo_and_icon_under_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    written = desktop.install_desktop_files()

    share = tmp_path / "data"
    expected = [
        share / "applications" / DESKTOP_ENTRY,
        share / "metainfo" / METAINFO,
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    ]
    assert written == expected
    assert all(path.is_file() for path in expected)
    assert filecmp.cmp(expected[1], resource_path(METAINFO), shallow=False)
    assert filecmp.cmp(expected[2], resource_path(ICON), shallow=False)
    exec_line = read_entry(expected[0])["Exec"]
    assert exec_line.endswith(" gui %F")
    program = exec_line.removesuffix(" gui %F")
    assert program == "readinglist" or Path(program).is_file()  # this installation's launcher

    assert desktop.uninstall_desktop_files() == expected
    assert not any(path.exists() for path in expected)


def test_install_to_an_explicit_prefix_ignores_xdg_data_home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "elsewhere"))
    written = desktop.install_desktop_files(tmp_path / "prefix")
    assert all(path.is_relative_to(tmp_path / "prefix") for path in written)
    assert not (tmp_path / "elsewhere").exists()


def test_a_relative_xdg_data_home_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", "relative/share")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop.data_home() == tmp_path / ".local" / "share"


def test_installed_entry_still_validates_with_a_path_that_needs_quoting(tmp_path):
    tool = validator("desktop-file-validate")
    text = resource_path(DESKTOP_ENTRY).read_text(encoding="utf-8")
    entry = tmp_path / DESKTOP_ENTRY
    entry.write_text(desktop.with_exec(text, '/opt/My Apps/$x"y/readinglist'), encoding="utf-8")
    result = subprocess.run([tool, str(entry)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert read_entry(entry)["Exec"].startswith('"/opt/My Apps/')


def test_icon_loads_as_a_qicon(qapp):
    from PySide6.QtCore import QSize

    from readinglist.gui.icon import _rendered_icon, app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert not icon.pixmap(QSize(16, 16)).isNull()
    fallback = _rendered_icon(str(resource_path(ICON)))  # without Qt's SVG icon engine
    assert not fallback.isNull()
    assert QSize(16, 16) in fallback.availableSizes()
