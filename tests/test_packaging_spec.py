"""The PyInstaller spec agrees with the project: it runs, and bundles what the program uses.

The spec is executed here with stand-ins for PyInstaller's build steps (Analysis, EXE, ...),
so these tests need no PyInstaller and take milliseconds; packaging/build_bundle.sh builds
the real bundle.
"""

from __future__ import annotations

import ast
import sys
import tomllib
import types
from pathlib import Path

import pytest

import readinglist

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "readinglist.spec"
sys.path.insert(0, str(ROOT / "packaging"))
import project_meta  # noqa: E402


class Recorder:
    """Stands in for one PyInstaller build step and remembers how it was called."""

    def __init__(self, calls: list, kind: str) -> None:
        self.calls, self.kind = calls, kind

    def __call__(self, *args, **kwargs):
        self.calls.append((self.kind, args, kwargs))
        return types.SimpleNamespace(
            **{"pure": [], "scripts": [], "binaries": [], "datas": [], **kwargs}
        )


def run_spec(monkeypatch, platform: str = "linux") -> tuple[dict, list]:
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package: [(f"{package}/resources/x.svg", "x")]
    hooks.copy_metadata = lambda package: []
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "platform", platform)
    monkeypatch.setattr(sys, "path", list(sys.path))  # the spec adds packaging/ to it
    calls: list = []
    namespace = {"SPECPATH": str(SPEC.parent), "__name__": "__main__", "__file__": str(SPEC)}
    namespace["DISTPATH"] = str(SPEC.parent / "no-bundle-here")  # set by PyInstaller too
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = Recorder(calls, kind)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return namespace, calls


def analyses(calls: list) -> list[dict]:
    return [kwargs for kind, _, kwargs in calls if kind == "Analysis"]


def test_spec_reads_the_version_pip_installs(monkeypatch):
    namespace, _ = run_spec(monkeypatch)
    assert namespace["VERSION"] == readinglist.__version__


def test_macos_app_carries_the_package_version(monkeypatch):
    _, calls = run_spec(monkeypatch, platform="darwin")
    (bundle,) = [kwargs for kind, _, kwargs in calls if kind == "BUNDLE"]
    assert bundle["version"] == readinglist.__version__
    assert bundle["bundle_identifier"] == "io.github.readinglist.ReadingList"


def test_version_follows_pyproject_when_it_is_static(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\nversion = "9.8.7"\n')
    assert project_meta.version(tmp_path) == "9.8.7"


def test_version_is_read_from_the_attribute_pyproject_names():
    meta = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    if "version" in meta["project"]:
        assert project_meta.version() == meta["project"]["version"]
    else:
        assert meta["tool"]["setuptools"]["dynamic"]["version"]["attr"] == (
            "readinglist.__version__"
        )
        assert project_meta.version() == readinglist.__version__


def program_imports() -> set[str]:
    """Top-level modules and PySide6 submodules that readinglist's source imports."""
    found: set[str] = set()
    for path in (ROOT / "readinglist").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_excludes_nothing_the_program_imports(monkeypatch, platform):
    _, calls = run_spec(monkeypatch, platform)
    imported = program_imports()
    roots = {name.split(".")[0] for name in imported}
    qt = {name for name in imported if name.startswith("PySide6.Qt")}
    assert {"PySide6.QtCore", "PySide6.QtWidgets"} <= qt  # the scan sees the window's imports
    for analysis in analyses(calls):
        excluded = set(analysis["excludes"])
        assert not excluded & qt, f"the spec excludes Qt modules the program imports: {qt}"
        assert not excluded & roots, "the spec excludes a module the program imports"


def test_spec_leaves_out_qt_modules_the_program_does_not_import(monkeypatch):
    _, calls = run_spec(monkeypatch)
    excluded = set(analyses(calls)[0]["excludes"])
    used = {name for name in program_imports() if name.startswith("PySide6.Qt")}
    for name in ("PySide6.QtWebEngineCore", "PySide6.QtQml", "PySide6.Qt3DCore"):
        if name not in used:
            assert name in excluded


def test_a_newly_imported_qt_module_is_bundled(tmp_path):
    package = tmp_path / "readinglist"
    package.mkdir()
    (package / "charts.py").write_text("from PySide6.QtCharts import QChart\n")
    (package / "web.py").write_text("from PySide6 import QtWebEngineWidgets\n")
    excluded = project_meta.qt_excludes(tmp_path)
    assert "PySide6.QtCharts" not in excluded
    assert "PySide6.QtWebEngineWidgets" not in excluded
    assert "PySide6.QtQml" in excluded


def test_spec_bundles_the_lazily_imported_window_and_launchers(monkeypatch):
    _, calls = run_spec(monkeypatch, platform="win32")
    for analysis in analyses(calls):
        for module in analysis["hiddenimports"]:
            path = ROOT / Path(*module.split("."))
            assert path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()
    scripts = [Path(args[0][0]) for kind, args, _ in calls if kind == "Analysis"]
    assert [s.name for s in scripts] == ["launch.py", "launch_window.py"]
    assert all(s.is_file() for s in scripts)
