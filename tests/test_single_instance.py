"""A second launch on the same library hands its files to the window already open."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

pytest.importorskip("PySide6")

from PySide6.QtCore import QSettings  # noqa: E402

from readinglist.gui import single_instance  # noqa: E402
from readinglist.gui.main_window import MainWindow  # noqa: E402
from readinglist.gui.single_instance import (  # noqa: E402
    HandOffError,
    SingleInstance,
    server_name,
    socket_path,
)

unix_only = pytest.mark.skipif(os.name == "nt", reason="stale socket files exist on Unix only")
LAUNCH_TIMEOUT_S = 60


@pytest.fixture
def first(qtbot, tmp_path):
    instance = SingleInstance(tmp_path / "library.sqlite")
    yield instance
    instance.close()


def launch(args, cwd):
    """`readinglist ARGS` in another process, as a file manager or a terminal would."""
    return subprocess.Popen(
        [sys.executable, "-m", "readinglist", *args],
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(qtbot, process):
    """Keep our event loop turning (the first instance answers from it) until it exits."""
    try:
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=LAUNCH_TIMEOUT_S * 1000)
    finally:
        if process.poll() is None:
            process.kill()
    out, err = process.communicate()
    return process.returncode, out, err


def socket_file(name):
    return Path(socket_path(name))


def test_one_name_per_library_whatever_the_working_directory(tmp_path, monkeypatch):
    library = tmp_path / "library.sqlite"
    monkeypatch.chdir(tmp_path)
    assert server_name("library.sqlite") == server_name(library)
    assert server_name(library) != server_name(tmp_path / "other.sqlite")
    assert len(socket_path(server_name(library))) < 100  # Unix socket paths are short


@unix_only
def test_the_socket_lives_in_the_runtime_folder_when_there_is_one(request, tmp_path, monkeypatch):
    runtime = Path(tempfile.mkdtemp(prefix="run", dir="/tmp"))  # short, like /run/user/1000
    request.addfinalizer(lambda: shutil.rmtree(runtime))
    (runtime / "app" / "io.example.App").mkdir(parents=True)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.delenv("FLATPAK_ID", raising=False)
    assert Path(server_name(tmp_path / "library.sqlite")).parent == runtime
    monkeypatch.setenv("FLATPAK_ID", "io.example.App")  # shared by a Flatpak's instances
    assert (
        Path(server_name(tmp_path / "library.sqlite")).parent == runtime / "app" / "io.example.App"
    )
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "missing"))
    assert "/" not in server_name(tmp_path / "library.sqlite")  # falls back to the temp folder


def test_the_first_launch_becomes_the_first_instance(first):
    assert first.start([])
    assert first.is_listening


def test_a_second_launch_hands_its_file_to_the_first_and_exits(qtbot, first, tmp_path):
    assert first.start([])
    digest = tmp_path / "digests" / "today.txt"
    digest.parent.mkdir()
    digest.write_text("a digest", encoding="utf-8")

    with qtbot.waitSignal(first.files_received, timeout=LAUNCH_TIMEOUT_S * 1000) as received:
        second = launch(
            ["gui", "--db", str(tmp_path / "library.sqlite"), "today.txt"], digest.parent
        )
    code, _, err = finish(qtbot, second)

    assert received.args == [[str(digest)]]  # an absolute path: the two differ in cwd
    assert code == 0, err
    assert "already open in a window" in err
    assert first.is_listening  # the first instance keeps running


def test_the_handed_file_is_imported_by_the_window(qtbot, tmp_path, library, samples):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    window.showMinimized()
    first = SingleInstance(library.path)
    assert first.start([])
    first.forward_to(window)
    try:
        with qtbot.waitSignal(window.imports.finished, timeout=LAUNCH_TIMEOUT_S * 1000) as done:
            second = launch(["gui", "--db", str(library.path), "000_51ae902ca77ec354.txt"], samples)
            code, _, err = finish(qtbot, second)
        assert code == 0, err
        assert done.args[0].added > 0
        assert window.model.total == done.args[0].added
        assert not window.isMinimized()  # the window came to the front
    finally:
        first.close()


def test_files_that_arrive_during_an_import_wait_for_it(qtbot, tmp_path, library, samples):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(library, settings)
    qtbot.addWidget(window)
    first = SingleInstance(library.path)
    first.forward_to(window)
    reports = []
    window.imports.finished.connect(reports.append)

    first.files_received.emit([str(samples / "000_51ae902ca77ec354.txt")])
    assert window.imports.worker is not None  # the first import is running
    first.files_received.emit([str(samples / "001_b6027a86ed3f20a8.txt")])

    qtbot.waitUntil(lambda: len(reports) == 2, timeout=LAUNCH_TIMEOUT_S * 1000)
    assert all(report is not None and report.added for report in reports)


@unix_only
def test_a_stale_server_left_by_a_crash_is_removed(qtbot, tmp_path):
    instance = SingleInstance(tmp_path / "library.sqlite")
    path = socket_file(instance.name)
    crashed = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    crashed.bind(str(path))  # a crashed first instance leaves its socket file behind
    crashed.close()
    assert path.exists()
    try:
        assert instance.start([])
        assert instance.is_listening
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.connect(str(path))  # the name answers again
        client.close()
    finally:
        instance.close()
        path.unlink(missing_ok=True)
    assert not path.exists()


@unix_only
def test_a_running_instance_that_never_answers_is_reported(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(single_instance, "REPLY_TIMEOUT_MS", 300)
    instance = SingleInstance(tmp_path / "library.sqlite")
    path = socket_file(instance.name)
    hung = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    hung.bind(str(path))
    hung.listen(1)  # accepts connections but never reads nor replies
    try:
        with pytest.raises(HandOffError, match="did not answer"):
            instance.start([str(tmp_path / "today.txt")])
        assert not instance.is_listening
    finally:
        hung.close()
        path.unlink(missing_ok=True)
