"""The error policy: every failure is one sentence with its real cause and a log path."""

import errno
import os
import shutil
import sqlite3
import subprocess
import sys

import pytest
from conftest import fill

from readinglist.core import errors
from readinglist.core.library import Library, LibraryError


@pytest.fixture
def log_dir(tmp_path, monkeypatch):
    folder = tmp_path / "log"
    monkeypatch.setenv("READINGLIST_LOG_DIR", str(folder))
    return folder


@pytest.fixture
def cli(cli, log_dir):
    """conftest's cli, logging into log_dir."""
    return cli


# -- classification by real cause ---------------------------------------------------------


@pytest.mark.parametrize(
    ("exc", "kind", "words"),
    [
        (
            OSError(errno.ENOSPC, "No space left on device", "/x/list.md"),
            errors.DISK_FULL,
            "disk is full",
        ),
        (
            OSError(errno.EROFS, "Read-only file system", "/x/list.md"),
            errors.READ_ONLY,
            "read-only",
        ),
        (PermissionError(errno.EACCES, "Permission denied", "/x"), errors.PERMISSION, "permission"),
        (sqlite3.OperationalError("database or disk is full"), errors.DISK_FULL, "disk is full"),
        (
            sqlite3.OperationalError("attempt to write a readonly database"),
            errors.READ_ONLY,
            "read-only",
        ),
        (sqlite3.OperationalError("database is locked"), errors.LOCKED, "busy"),
        (
            sqlite3.OperationalError("Expression tree is too large (maximum depth 1000)"),
            errors.TOO_COMPLEX,
            "too complex",
        ),
        (
            RecursionError("maximum recursion depth exceeded"),
            errors.TOO_COMPLEX,
            "nested too deeply",
        ),
        (
            OverflowError("Python int too large to convert to SQLite INTEGER"),
            errors.TOO_COMPLEX,
            "64 bits",
        ),
    ],
)
def test_errors_are_classified_by_their_real_cause(exc, kind, words):
    found, sentence = errors.classify(exc)
    assert found == kind
    assert words in sentence
    assert "damaged" not in sentence


def test_a_cause_hidden_in_the_chain_is_found():
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "/x")
        except OSError as inner:
            raise RuntimeError("wrapper") from inner
    except RuntimeError as outer:
        assert errors.classify(outer)[0] == errors.DISK_FULL


def test_damaged_only_when_the_integrity_check_fails(sample_library, tmp_path):
    malformed = sqlite3.DatabaseError("database disk image is malformed")
    kind, sentence = errors.classify(malformed, sample_library.path)
    assert kind != errors.DAMAGED and "damaged" not in sentence  # the file is intact
    sample_library.close()
    data = bytearray(sample_library.path.read_bytes())
    broken = tmp_path / "broken.sqlite"
    data[8192:20480] = os.urandom(12288)  # pages of the papers table, not the header
    broken.write_bytes(bytes(data))
    kind, sentence = errors.classify(malformed, broken)
    assert kind == errors.DAMAGED
    assert "readinglist restore" in sentence


def test_the_sentence_names_the_log_which_holds_the_traceback(log_dir):
    try:
        raise OSError(errno.ENOSPC, "No space left on device", "/x/list.md")
    except OSError as exc:
        problem = errors.explain(exc, "export")
    text = str(problem)
    assert text.startswith("export failed: the disk is full (writing /x/list.md)")
    assert str(log_dir / "readinglist.log") in text
    log = (log_dir / "readinglist.log").read_text()
    assert "Traceback" in log and "while export" in log


def test_an_unexpected_error_is_still_one_sentence(cli, monkeypatch, log_dir):
    def boom(*_):
        raise KeyError("surprise")

    monkeypatch.setattr(Library, "stats", boom)
    code, _, err = cli("stats")
    assert code == 1
    assert err.startswith("readinglist: stats failed: an unexpected error (KeyError")
    assert "KeyError: 'surprise'" in (log_dir / "readinglist.log").read_text()


# -- libraries that cannot be opened -------------------------------------------------------


def test_a_library_path_under_a_regular_file(cli, tmp_path):
    (tmp_path / "afile").write_text("x")
    code, _, err = cli("--db", str(tmp_path / "afile" / "lib.sqlite"), "stats")
    assert code == 1
    assert "is a file where a folder is needed" in err


def test_a_library_path_that_is_a_folder(cli, tmp_path):
    code, _, err = cli("--db", str(tmp_path), "stats")
    assert code == 1
    assert "a folder, not a library file" in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders anyway")
def test_a_library_under_a_read_only_folder(cli, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        code, _, err = cli("--db", str(folder / "sub" / "lib.sqlite"), "stats")
    finally:
        folder.chmod(0o700)
    assert code == 1
    assert "permission" in err


def test_disk_full_during_an_import_says_so_and_the_library_is_intact(cli, small_disk, samples):
    db = str(small_disk / "lib.sqlite")
    assert cli("--db", db, "import", str(samples / "000_51ae902ca77ec354.txt"))[0] == 0
    fill(small_disk)
    code, _, err = cli("--db", db, "import", str(samples))
    assert code == 1
    assert "the disk is full" in err and "damaged" not in err
    (small_disk / "filler").unlink()
    with Library(db) as library:
        assert library.total() == 32
        assert errors.intact(library.path)


def test_disk_full_during_the_daily_backup_keeps_the_edit_and_says_so(cli, small_disk, samples):
    db = small_disk / "lib.sqlite"
    assert cli("--db", str(db), "import", str(samples / "000_51ae902ca77ec354.txt"))[0] == 0
    shutil.rmtree(small_disk / "backups")  # the next command makes a daily backup
    fill(small_disk, leave=120 * 1024)  # room for the edit, not for a copy of the library
    code, out, err = cli("--db", str(db), "tag", "1", "kept")
    assert code == 0
    assert "1: tags kept" in out
    assert "your change was saved, but the daily backup failed: the disk is full" in err
    assert "damaged" not in err
    assert not [p for p in (small_disk / "backups").iterdir() if p.suffix == ".sqlite"]
    with Library(db) as library:
        assert library.paper(1).tags == ["kept"]


def test_a_library_on_a_read_only_disk_says_read_only(cli, small_disk, samples):
    db = str(small_disk / "lib.sqlite")
    assert cli("--db", db, "import", str(samples / "000_51ae902ca77ec354.txt"))[0] == 0
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    code, _, err = cli("--db", db, "tag", "1", "x")
    assert code == 1
    assert "read-only" in err and "damaged" not in err


# -- Ctrl+C -------------------------------------------------------------------------------


def test_ctrl_c_during_an_import_exits_130_with_a_sentence(cli, monkeypatch, samples):
    from readinglist.core import importing

    def interrupted(*_args, **_kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(importing._Run, "digest", interrupted)
    code, out, err = cli("import", str(samples))
    assert code == 130
    assert "import interrupted (Ctrl+C)" in err
    assert cli("stats")[1].startswith("papers: 0")


def test_ctrl_c_signal_to_a_real_import(tmp_path, samples):
    """A real SIGINT to the process, not a simulated one."""
    import signal
    import time

    big = tmp_path / "big.txt"
    text = (samples / "000_51ae902ca77ec354.txt").read_text()
    with open(big, "w") as out:
        for n in range(3000):
            out.write(text.replace("\n\n", f" {n}\n\n", 40))
    env = {**os.environ, "READINGLIST_DB": str(tmp_path / "lib.sqlite")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "readinglist", "import", str(big)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    time.sleep(1.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    if proc.returncode == 0:
        pytest.skip("the import finished before the signal")
    assert proc.returncode == 130
    assert "Traceback" not in err
    assert "interrupted (Ctrl+C)" in err


# -- the same policy in the library's own messages ---------------------------------------


def test_library_refuses_a_path_inside_a_file_with_a_library_error(tmp_path):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(LibraryError, match="is a file where a folder is needed"):
        Library(tmp_path / "afile" / "lib.sqlite")
