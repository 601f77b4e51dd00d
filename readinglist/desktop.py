"""Put readinglist in the desktop's application menu (freedesktop.org XDG locations).

`install_desktop_files()` copies the desktop entry, the AppStream metadata and the icon
shipped in the package into the user's data folder ($XDG_DATA_HOME, by default
~/.local/share), the way `pip install --user` programs appear in GNOME, KDE and
others. No Qt here: it runs from the command line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from readinglist.resources import APP_ID, DESKTOP_ENTRY, ICON, METAINFO, resource_path

COMMAND = "readinglist"


def data_home() -> Path:
    """$XDG_DATA_HOME if set to an absolute path (as the spec requires), else ~/.local/share."""
    value = os.environ.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def install_targets(prefix: Path | None = None) -> dict[str, Path]:
    """Where each shipped file goes under `prefix` (default: data_home())."""
    root = Path(prefix) if prefix is not None else data_home()
    return {
        DESKTOP_ENTRY: root / "applications" / DESKTOP_ENTRY,
        METAINFO: root / "metainfo" / METAINFO,
        ICON: root / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg",
    }


def install_desktop_files(prefix: Path | None = None) -> list[Path]:
    """Install the desktop entry, AppStream metadata and icon; return the files written.

    `prefix` is a data folder such as ~/.local/share or /usr/local/share (default:
    $XDG_DATA_HOME or ~/.local/share). The entry's Exec line names the `readinglist`
    that is running now when that is not the one on PATH (a virtualenv, a bundle), so
    the menu starts this installation.
    """
    written = []
    for name, target in install_targets(prefix).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if name == DESKTOP_ENTRY:
            text = resource_path(name).read_text(encoding="utf-8")
            target.write_text(with_exec(text, launcher_command()), encoding="utf-8")
        else:
            shutil.copyfile(resource_path(name), target)
        written.append(target)
    _refresh_desktop_database(install_targets(prefix)[DESKTOP_ENTRY].parent)
    return written


def uninstall_desktop_files(prefix: Path | None = None) -> list[Path]:
    """Remove what install_desktop_files() wrote; return the files removed."""
    removed = []
    for target in install_targets(prefix).values():
        if target.is_file():
            target.unlink()
            removed.append(target)
    if removed:
        _refresh_desktop_database(install_targets(prefix)[DESKTOP_ENTRY].parent)
    return removed


def launcher_command() -> str:
    """The program a desktop entry should run: `readinglist`, or the absolute path to it."""
    if getattr(sys, "frozen", False):  # a PyInstaller bundle: the bundle's executable
        return sys.executable
    script = Path(sys.executable).with_name(COMMAND + (".exe" if os.name == "nt" else ""))
    if not script.is_file():
        return COMMAND
    on_path = shutil.which(COMMAND)
    if on_path and Path(on_path).resolve() == script.resolve():
        return COMMAND
    return str(script)


def with_exec(entry: str, command: str) -> str:
    """The desktop entry text with its Exec program replaced by `command`."""
    lines = []
    for line in entry.splitlines(keepends=True):
        if line.startswith("Exec="):
            program, _, arguments = line[len("Exec=") :].partition(" ")
            if program == COMMAND:
                line = f"Exec={_exec_quote(command)} {arguments}"
        lines.append(line)
    return "".join(lines)


def _exec_quote(program: str) -> str:
    """Quote a program path for an Exec key (desktop entry spec, "The Exec key")."""
    program = program.replace("%", "%%")
    if not any(char in program for char in " \t\n\"'\\><~|&;$*?#()`"):
        return program
    escaped = "".join("\\" + char if char in '"`$\\' else char for char in program)
    # Exec is a string value, so each backslash is written twice once more.
    return '"' + escaped.replace("\\", "\\\\") + '"'


def _refresh_desktop_database(applications: Path) -> None:
    """Let menus pick up the MIME types at once (best effort: the tool is optional)."""
    tool = shutil.which("update-desktop-database")
    if tool:
        subprocess.run([tool, "-q", str(applications)], check=False, capture_output=True)
