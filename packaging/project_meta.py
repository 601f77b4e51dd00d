"""What the bundle needs to know about the project, read from the project itself.

The PyInstaller spec imports this instead of restating facts that live elsewhere, so the
two cannot drift apart (tests/test_packaging_spec.py checks that they don't):

- the version: pyproject.toml's static `project.version` if it has one, else the module
  attribute its `[tool.setuptools.dynamic]` names (`readinglist.__version__` today), read
  from the source without importing it;
- the Qt modules the program imports, so the spec excludes every other one.

Standard library only: it runs inside PyInstaller and in the tests.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = "readinglist"

# Every Python module PySide6 (Essentials and Addons) ships, as of 6.11. A module missing
# here is simply not excluded, which only makes the bundle bigger.
PYSIDE6_MODULES = (  # noqa: SIM905 (60 quoted names read worse)
    "Qt3DAnimation Qt3DCore Qt3DExtras Qt3DInput Qt3DLogic Qt3DRender QtAxContainer "
    "QtBluetooth QtCharts QtConcurrent QtCore QtDataVisualization QtDBus "
    "QtDesigner QtGraphs QtGraphsWidgets QtGui QtHelp QtHttpServer QtLabsStyleKit "
    "QtLocation QtMultimedia QtMultimediaWidgets QtNetwork QtNetworkAuth QtNfc QtOpenGL "
    "QtOpenGLWidgets QtPdf QtPdfWidgets QtPositioning QtPrintSupport QtQml QtQmlFeatures "
    "QtQuick QtQuick3D QtQuickControls2 QtQuickTest QtQuickWidgets QtRemoteObjects QtScxml "
    "QtSensors QtSerialBus QtSerialPort QtSpatialAudio QtSql QtStateMachine QtSvg "
    "QtSvgWidgets QtTest QtTextToSpeech QtUiTools QtWebChannel QtWebEngineCore "
    "QtWebEngineQuick QtWebEngineWidgets QtWebSockets QtWebView QtWidgets QtXml"
).split()


def pyproject(root: Path = ROOT) -> dict:
    return tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))


def version(root: Path = ROOT) -> str:
    """The version `pip install .` gives the package."""
    meta = pyproject(root)
    project = meta["project"]
    if "version" in project:
        return project["version"]
    if "version" not in project.get("dynamic", []):
        raise ValueError(f"{root / 'pyproject.toml'}: no project.version and none dynamic")
    attr = meta["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    module, _, name = attr.rpartition(".")
    source = root / Path(*module.split("."))
    source = source / "__init__.py" if source.is_dir() else source.with_suffix(".py")
    for node in ast.parse(source.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == name for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise ValueError(f"{source}: no {name} = '...' to read the version from")


def qt_modules_used(root: Path = ROOT) -> set[str]:
    """The PySide6 modules (e.g. "QtCore") that the package's source imports anywhere."""
    used: set[str] = set()
    for path in (root / PACKAGE).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
                if node.module == "PySide6":  # from PySide6 import QtCore
                    names += [f"PySide6.{alias.name}" for alias in node.names]
            used.update(n.split(".")[1] for n in names if n.startswith("PySide6.Qt"))
    return used


def qt_excludes(root: Path = ROOT, installed: tuple[str, ...] = ()) -> list[str]:
    """PySide6 modules to leave out of the bundle: every one the program does not import.

    `installed` adds the modules of the PySide6 at hand (its `__all__`) to the known ones.
    """
    used = qt_modules_used(root)
    names = sorted(set(PYSIDE6_MODULES) | {n for n in installed if n.startswith("Qt")})
    return [f"PySide6.{name}" for name in names if name not in used]


if __name__ == "__main__":  # build_bundle.sh: packaging/project_meta.py --qt-modules
    import sys

    if sys.argv[1:] == ["--qt-modules"]:
        print(" ".join(sorted(qt_modules_used())))
    else:
        print(version())
