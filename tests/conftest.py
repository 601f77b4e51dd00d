import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from readinglist.core import clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Tracebacks of the error policy (core/errors.py) go here, never to the user's state folder.
os.environ.setdefault("READINGLIST_LOG_DIR", tempfile.mkdtemp(prefix="readinglist-test-log-"))

FIXTURES = Path(__file__).parent / "fixtures"
# Copies of the three real digests, kept in the repository so a fresh clone tests alone.
SAMPLES = FIXTURES / "digests"
SPACED_SAMPLE = SAMPLES / "000_51ae902ca77ec354.txt"
COMPACT_SAMPLE = SAMPLES / "001_b6027a86ed3f20a8.txt"
SECOND_SPACED_SAMPLE = SAMPLES / "002_128d8afdb42565d4.txt"


# The day every test runs on, whatever the calendar says (see readinglist/core/clock.py).
PINNED_NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True, scope="session")
def pinned_clock():
    """The suite and the programs it starts see 2026-11-23: no test depends on the real date."""
    patch = pytest.MonkeyPatch()
    patch.setenv(clock.ENV, PINNED_NOW.isoformat())
    clock.start_at(PINNED_NOW)
    yield PINNED_NOW
    clock.start_at(None)
    patch.undo()


@pytest.fixture
def samples() -> Path:
    return SAMPLES


def run_cli(db: Path, *args: str, stdin: str | None = None, cwd: Path | None = None, **env: str):
    """`readinglist ARGS` in a child process on the library ``db``, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "readinglist", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "READINGLIST_DB": str(db), **env},
        cwd=cwd,
        timeout=120,
    )


@pytest.fixture
def run(tmp_path):
    """`readinglist ARGS` in a child process on tmp_path/lib.sqlite, from tmp_path."""

    def run(*args: str, stdin: str | None = None):
        return run_cli(tmp_path / "lib.sqlite", *args, stdin=stdin, cwd=tmp_path)

    return run


@pytest.fixture
def cli(tmp_path, monkeypatch, capsys):
    """`readinglist ARGS` in this process on tmp_path/lib.sqlite: (exit code, out, err).

    Never a traceback, whatever the outcome (the error policy of core/errors.py).
    """
    from readinglist.cli import main

    monkeypatch.setenv("READINGLIST_DB", str(tmp_path / "lib.sqlite"))

    def run(*args: str) -> tuple[int, str, str]:
        code = main(list(args))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run


@pytest.fixture
def library(tmp_path):
    from readinglist.core.library import Library

    with Library(tmp_path / "library.sqlite") as lib:
        yield lib


@pytest.fixture
def sample_library(library, samples):
    library.import_files([samples])
    return library


@pytest.fixture
def make_window(qtbot, tmp_path):
    """Open the main window on a library, shown offscreen at 1280x800."""
    from PySide6.QtCore import QSettings

    from readinglist.gui.main_window import MainWindow

    def make(library):
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(library, settings)
        qtbot.addWidget(window)
        window.resize(1280, 800)
        window.show()
        return window

    return make


@pytest.fixture
def window(make_window, sample_library):
    """The main window on the sample library, shown offscreen at 1280x800."""
    return make_window(sample_library)


@pytest.fixture
def writelock_times_out(monkeypatch):
    """Waiting for another writer's lock runs out of time at the first look."""
    from readinglist.core import writelock

    class Clock:
        now = 0.0

        def monotonic(self):
            self.now += 1000
            return self.now

        def sleep(self, seconds):
            pass

    monkeypatch.setattr(writelock, "time", Clock())


# A small disk of our own (root only), for disks that fill up and turn read-only.


@pytest.fixture
def small_disk(tmp_path):
    """A 4 MB tmpfs: disks that fill up and turn read-only, for real."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a small tmpfs needs root (the disk-full tests run in CI as root)")
    mount = tmp_path / "disk"
    mount.mkdir()
    made = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True
    )
    if made.returncode:
        pytest.skip("this machine does not allow mounting a tmpfs")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill the disk up to `leave` free bytes."""
    filler = disk / "filler"
    with open(filler, "wb") as out:
        try:
            while shutil.disk_usage(disk).free > leave:
                out.write(os.urandom(min(65536, max(4096, shutil.disk_usage(disk).free - leave))))
                out.flush()
        except OSError:
            pass
    return filler
