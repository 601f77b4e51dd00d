"""Only regular files are read; nothing blocks the import; Cancel stops it mid-file."""

import errno
import os
import subprocess
import sys

import pytest

from readinglist.core.library import ImportCancelled, Library

LONG_LINE = 50 * 1024 * 1024  # the 50 MB single-line file of the issue


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    return path


def run_cli(tmp_path, *args, stdin=None):
    env = {**os.environ, "READINGLIST_DB": str(tmp_path / "lib.sqlite")}
    return subprocess.run(
        [sys.executable, "-m", "readinglist", *args],
        input=stdin,
        capture_output=True,
        env=env,
        timeout=60,  # the FIFO import used to never return
    )


def test_a_named_pipe_is_refused_not_waited_for(tmp_path, fifo):
    done = run_cli(tmp_path, "import", str(fifo))
    assert done.returncode == 1
    err = done.stderr.decode()
    assert f"{fifo}: error: a named pipe (FIFO), not a regular file: only files are imported" in err
    assert "Traceback" not in err


def test_a_pipe_inside_a_folder_is_refused_and_the_rest_imported(library, tmp_path, fifo, samples):
    (tmp_path / "sample.txt").write_bytes((samples / "000_51ae902ca77ec354.txt").read_bytes())
    report = library.import_files([tmp_path])
    assert report.added == 32
    assert [(f.file, f.error) for f in report.errors] == [
        (str(fifo), "a named pipe (FIFO), not a regular file: only files are imported")
    ]


def test_a_device_is_refused(library):
    report = library.import_files(["/dev/zero"])
    assert report.errors[0].error == "a device, not a regular file: only files are imported"
    assert library.total() == 0


def test_a_single_line_of_50_mb_is_not_called_empty(library, tmp_path):
    big = tmp_path / "one-line.txt"
    with open(big, "wb") as out:
        out.truncate(0)
        out.write(b"x" * LONG_LINE)
    report = library.import_files([big])
    error = report.errors[0].error
    assert "empty" not in error
    assert error.startswith("no paper found: its only text is in lines longer than any title")
    assert "52,428,800 bytes" in error


def test_an_unreadable_subfolder_is_reported(library, tmp_path, samples, monkeypatch):
    good = tmp_path / "digests" / "good"
    locked = tmp_path / "digests" / "locked"
    good.mkdir(parents=True)
    locked.mkdir()
    (good / "a.txt").write_bytes((samples / "000_51ae902ca77ec354.txt").read_bytes())
    (locked / "b.txt").write_bytes((samples / "001_b6027a86ed3f20a8.txt").read_bytes())
    real_scandir = os.scandir

    def scandir(path="."):
        if os.fspath(path) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", str(locked))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # root reads any folder: deny it here
    report = library.import_files([tmp_path / "digests"])
    assert report.added == 32
    assert [(f.file, f.error) for f in report.errors] == [
        (
            str(locked),
            "cannot read this folder (Permission denied); the files in it were not imported",
        )
    ]


def test_cancel_is_checked_every_64_kb_even_inside_one_line(library, tmp_path):
    big = tmp_path / "one-line.txt"
    big.write_bytes(b"x" * (8 * 1024 * 1024))
    calls = []

    def cancelled():
        calls.append(1)
        return len(calls) > 40  # well inside the file's single 8 MB line

    with pytest.raises(ImportCancelled):
        library.import_files([big], cancelled=cancelled)
    assert len(calls) == 41  # asked at every read, so Cancel acts within 64 KB
    assert library.total() == 0


def test_a_binary_note_on_standard_input_is_refused(tmp_path, samples):
    assert run_cli(tmp_path, "import", str(samples)).returncode == 0
    done = run_cli(tmp_path, "note", "1", stdin=b"\x7fELF\x02\x01\x01\x00\xff\xfe\xd0\x00")
    err = done.stderr.decode()
    assert done.returncode == 1
    assert "the note on standard input is not UTF-8 text (byte 9 is not)" in err
    assert "Traceback" not in err
    nul = run_cli(tmp_path, "note", "1", stdin=b"text\x00more")
    assert nul.returncode == 1
    assert "holds NUL bytes: is it a binary file?" in nul.stderr.decode()
    with Library(tmp_path / "lib.sqlite") as library:
        assert library.paper(1).note == ""
