"""In the window: a pipe cannot hang the import, Cancel and closing stop a long one."""

import os

import pytest


def test_importing_a_pipe_in_the_window_ends_with_a_refusal(qtbot, window, tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    with qtbot.waitSignal(window.imports.finished, timeout=20000) as finished:
        window.import_paths([str(pipe)])
    report = finished.args[0]
    assert report.errors[0].error.startswith("a named pipe (FIFO), not a regular file")


@pytest.fixture
def big_line(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"y" * (200 * 1024 * 1024))  # long enough to still be read at Cancel
    return path


def test_cancel_stops_an_import_inside_one_long_line(qtbot, window, big_line):
    before = window.library.total()
    window.import_paths([str(big_line)])
    qtbot.waitUntil(lambda: window.imports.progress.isVisible())
    window.imports.cancel()
    with qtbot.waitSignal(window.imports.finished, timeout=20000) as finished:
        pass
    assert finished.args == [None]
    assert window.library.total() == before
    assert "cancelled" in window.statusBar().currentMessage()


def test_closing_the_window_during_an_import_returns(qtbot, window, big_line):
    window.import_paths([str(big_line)])
    worker = window.imports.worker
    window.close()
    assert worker.isFinished()
