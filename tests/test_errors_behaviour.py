"""The sentence a user reads for each kind of failure, word for word, and the log beside it."""

import errno
import os
import sqlite3

import pytest

from readinglist.core import errors


def os_error(code, name="/data/lib.sqlite"):
    return OSError(code, os.strerror(code), name)


@pytest.mark.parametrize(
    ("code", "kind", "sentence"),
    [
        (
            errno.ENOSPC,
            "disk full",
            "the disk is full (writing /data/x); free some space and try again",
        ),
        (
            errno.EDQUOT,
            "disk full",
            "the disk is full (writing /data/x); free some space and try again",
        ),
        (
            errno.EROFS,
            "read-only",
            "/data/x is on a read-only disk; choose a place you can write to",
        ),
        (
            errno.EACCES,
            "permission",
            "no permission to use /data/x; check its permissions or choose another",
        ),
        (
            errno.EPERM,
            "permission",
            "no permission to use /data/x; check its permissions or choose another",
        ),
        (
            errno.ENAMETOOLONG,
            "bad name",
            "the file name is too long (/data/x); choose a shorter one",
        ),
        (errno.EISDIR, "bad name", "/data/x is a folder, not a file; give a file name"),
        (
            errno.EEXIST,
            "bad name",
            "/data/x is a file where a folder is needed; choose another place",
        ),
        (
            errno.ELOOP,
            "bad name",
            "/data/x is a symbolic link; links are not followed, choose another place",
        ),
        (
            errno.ENOTDIR,
            "not found",
            "a part of /data/x is a file, not a folder; choose another place",
        ),
        (errno.ENOENT, "not found", "/data/x: no such file or folder; check the path"),
        (errno.ENOMEM, "memory", "not enough memory; close other programs or work on less at once"),
        (
            errno.EIO,
            "input/output",
            "the disk could not be read or written (/data/x); check the disk",
        ),
    ],
)
def test_each_operating_system_error_has_its_own_sentence(code, kind, sentence):
    assert errors.classify(os_error(code, "/data/x")) == (kind, sentence)


def test_an_os_error_without_a_file_name_says_a_file():
    assert errors.classify(OSError(errno.ENOSPC, "No space left on device")) == (
        "disk full",
        "the disk is full (writing a file); free some space and try again",
    )


def test_an_os_error_of_another_kind_is_unexpected_and_quoted():
    kind, sentence = errors.classify(os_error(errno.EAGAIN, "/x"))
    assert kind == "unexpected"
    assert sentence == (
        f"an unexpected error (BlockingIOError: [Errno {errno.EAGAIN}] "
        f"{os.strerror(errno.EAGAIN)}: '/x'); nothing was lost that had been saved. "
        "Please report it with the log"
    )


@pytest.mark.parametrize(
    ("exc", "kind", "sentence"),
    [
        (
            KeyboardInterrupt(),
            "interrupted",
            "interrupted (Ctrl+C); what was not finished was rolled back",
        ),
        (
            RecursionError(),
            "too complex",
            "the input is nested too deeply; simplify it and try again",
        ),
        (
            MemoryError(),
            "memory",
            "not enough memory; close other programs or work on less at once",
        ),
        (
            OverflowError(),
            "too complex",
            "a number is too large (at most 64 bits); use a smaller one",
        ),
        (
            UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"),
            "bad name",
            "the text holds bytes that are not valid text (is it a binary file?); "
            "give plain UTF-8 text",
        ),
    ],
)
def test_python_errors_by_their_kind(exc, kind, sentence):
    assert errors.classify(exc) == (kind, sentence)


def test_the_real_cause_is_found_through_the_chain_of_causes():
    try:
        try:
            raise os_error(errno.ENOSPC, "/d/f")
        except OSError as inner:
            raise RuntimeError("write failed") from inner
    except RuntimeError as outer:
        assert errors.classify(outer)[0] == "disk full"
    try:
        try:
            raise MemoryError
        except MemoryError:
            raise ValueError("while handling") from None  # context kept, cause hidden
    except ValueError as outer:
        outer.__suppress_context__ = False
        assert errors.classify(outer)[0] == "memory"


def test_a_cycle_of_causes_ends_as_unexpected():
    a, b = ValueError("a"), ValueError("b")
    a.__cause__, b.__cause__ = b, a
    assert errors.classify(a)[0] == "unexpected"


def test_a_long_message_is_cut_at_200_characters():
    kind, sentence = errors.classify(ValueError("x" * 250))
    assert kind == "unexpected"
    assert f"(ValueError: {'x' * 200}…)" in sentence
    assert "x" * 201 not in sentence
    exact = errors.classify(ValueError("y" * 200))[1]
    assert f"(ValueError: {'y' * 200})" in exact


def sqlite_error(message, code=None):
    exc = sqlite3.OperationalError(message)
    if code is not None:
        exc.sqlite_errorcode = code
    return exc


LIB = "/data/lib.sqlite"


@pytest.mark.parametrize(
    ("exc", "kind", "sentence"),
    [
        (
            sqlite_error("database or disk is full"),
            "disk full",
            "the disk is full; nothing was changed by this step. Free some space and try again",
        ),
        (
            sqlite_error("x", 13),
            "disk full",
            "the disk is full; nothing was changed by this step. Free some space and try again",
        ),
        (
            sqlite_error("attempt to write a readonly database"),
            "read-only",
            "the library is read-only (the file or its folder); "
            "make both writable or open another library",
        ),
        (
            sqlite_error("file is read-only"),
            "read-only",
            "the library is read-only (the file or its folder); "
            "make both writable or open another library",
        ),
        (
            sqlite_error("x", 8 | (1 << 8)),
            "read-only",
            "the library is read-only (the file or its folder); "
            "make both writable or open another library",
        ),
        (
            sqlite_error("database is locked"),
            "locked",
            "the library is busy: another readinglist is writing to it; try again",
        ),
        (
            sqlite_error("the database is busy"),
            "locked",
            "the library is busy: another readinglist is writing to it; try again",
        ),
        (
            sqlite_error("x", 5),
            "locked",
            "the library is busy: another readinglist is writing to it; try again",
        ),
        (
            sqlite_error("x", 6),
            "locked",
            "the library is busy: another readinglist is writing to it; try again",
        ),
        (sqlite_error("x", 3), "permission", "no permission to use the library; check it"),
        (sqlite_error("x", 23), "permission", "no permission to use the library; check it"),
        (
            sqlite_error("unable to open database file"),
            "permission",
            "the library cannot be opened: its folder is missing, not writable, or the path is "
            "a folder; choose another path with --db",
        ),
        (
            sqlite_error("x", 14),
            "permission",
            "the library cannot be opened: its folder is missing, not writable, or the path is "
            "a folder; choose another path with --db",
        ),
        (
            sqlite_error("x", 18),
            "too complex",
            "the request is too complex (too many terms or too deeply nested); simplify it",
        ),
        (
            sqlite_error("x", 7),
            "memory",
            "not enough memory; close other programs or work on less at once",
        ),
        (
            sqlite_error("disk I/O error"),
            "input/output",
            "the disk could not be read or written; check the disk and try again",
        ),
        (
            sqlite_error("x", 10),
            "input/output",
            "the disk could not be read or written; check the disk and try again",
        ),
        (
            sqlite_error("database disk image is malformed"),
            "input/output",
            "the library could not be read (database disk image is malformed); try again",
        ),
        (
            sqlite_error("file is not a database"),
            "input/output",
            "the library could not be read (file is not a database); try again",
        ),
        (sqlite_error("x", 11), "input/output", "the library could not be read (x); try again"),
        (sqlite_error("x", 26), "input/output", "the library could not be read (x); try again"),
        (
            sqlite_error("no such table: papers"),
            "unexpected",
            "a database error (no such table: papers); nothing was changed by this step",
        ),
    ],
)
def test_each_sqlite_error_without_a_library_path(exc, kind, sentence):
    assert errors.classify(exc) == (kind, sentence)


@pytest.mark.parametrize(
    "text",
    [
        "Expression tree is too large (maximum depth 1000)",
        "too many SQL variables",
        "parser stack overflow",
        "fts5: too many terms",
        "LIKE or GLOB pattern too complex",
        "string or blob too big",
        "too many columns on t",
    ],
)
def test_sqlite_limits_say_the_request_is_too_complex(text):
    assert errors.classify(sqlite_error(text))[0] == "too complex"


def test_sqlite_sentences_name_the_library(tmp_path):
    lib = tmp_path / "lib.sqlite"
    assert errors.classify(sqlite_error("attempt to write a readonly database"), lib)[1] == (
        f"the library {lib} is read-only (the file or its folder); "
        "make both writable or open another library"
    )
    assert errors.classify(sqlite_error("x", 3), lib)[1] == (
        f"no permission to use the library {lib}; check it"
    )
    assert errors.classify(sqlite_error("unable to open database file"), lib)[1].startswith(
        f"the library {lib} cannot be opened"
    )


def test_damaged_is_said_only_when_the_integrity_check_fails(tmp_path):
    good = tmp_path / "good.sqlite"
    with sqlite3.connect(good) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    malformed = sqlite_error("database disk image is malformed")
    assert errors.classify(malformed, good) == (
        "input/output",
        "the library could not be read (database disk image is malformed); try again",
    )
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert not errors.intact(bad)
    assert errors.classify(malformed, bad) == (
        "damaged",
        f"the library {bad} is damaged (its integrity check fails); "
        "'readinglist restore' lists the backups to go back to",
    )


def test_a_library_in_use_is_not_called_damaged(tmp_path):
    path = tmp_path / "busy.sqlite"
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("CREATE TABLE t (x)")
    writer.execute("BEGIN EXCLUSIVE")
    writer.execute("INSERT INTO t VALUES (1)")
    try:
        assert errors.intact(path)
    finally:
        writer.rollback()
        writer.close()


def test_explain_writes_the_traceback_to_the_log_and_names_it(tmp_path, monkeypatch):
    monkeypatch.setenv("READINGLIST_LOG_DIR", str(tmp_path / "logs"))
    try:
        raise os_error(errno.ENOSPC, "/d/out.md")
    except OSError as exc:
        problem = errors.explain(exc, "the export")
    log = tmp_path / "logs" / "readinglist.log"
    assert problem.log == log
    assert str(problem) == (
        "the export failed: the disk is full (writing /d/out.md); free some space and try "
        f"again (details in {log})"
    )
    text = log.read_text()
    assert text.startswith("--- 2026-11-2")  # the pinned day, as local time
    assert " while the export\nTraceback (most recent call last):" in text
    assert "OSError: [Errno 28]" in text
    quiet = errors.explain(ValueError("v"), log=False)
    assert quiet.log is None and quiet.doing == "working"
    assert str(quiet).startswith("working failed: an unexpected error (ValueError: v)")
    assert log.read_text() == text  # nothing more logged


def test_the_log_is_rotated_once_it_passes_a_mebibyte(tmp_path, monkeypatch):
    monkeypatch.setenv("READINGLIST_LOG_DIR", str(tmp_path))
    log = tmp_path / "readinglist.log"
    log.write_text("x" * (errors.MAX_LOG + 1))
    assert errors.write_log(ValueError("new"), "testing") == log
    assert (tmp_path / "readinglist.log.1").stat().st_size == errors.MAX_LOG + 1
    assert log.read_text().startswith("--- ") and "ValueError: new" in log.read_text()
    # At exactly the limit it is kept and appended to.
    log.write_text("y" * errors.MAX_LOG)
    errors.write_log(ValueError("more"), "testing")
    assert log.read_text().startswith("y" * errors.MAX_LOG)


def test_a_log_that_cannot_be_written_is_left_out(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("READINGLIST_LOG_DIR", str(blocker / "logs"))
    assert errors.write_log(ValueError("v"), "testing") is None
    problem = errors.explain(ValueError("v"), "the import")
    assert problem.log is None and "details in" not in str(problem)


def test_the_log_folder_defaults_to_the_users_state_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("READINGLIST_LOG_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert errors.log_dir() == tmp_path / "state" / "readinglist"
    monkeypatch.setenv("READINGLIST_LOG_DIR", "~/logs")
    assert errors.log_dir() == errors.Path("~/logs").expanduser()


def test_a_full_or_read_only_disk_is_named_whatever_sqlite_says(tmp_path, monkeypatch):
    lib = tmp_path / "lib.sqlite"
    io_error = sqlite_error("disk I/O error")
    assert errors.classify(io_error, lib)[0] == "input/output"

    class Usage:
        free = 64 * 1024 - 1

    monkeypatch.setattr(errors.shutil, "disk_usage", lambda path: Usage)
    assert errors.classify(io_error, lib)[0] == "disk full"
    assert errors.classify(io_error)[0] == "input/output"  # no library: no disk to look at
    Usage.free = 64 * 1024
    assert errors.classify(io_error, lib)[0] == "input/output"

    class Flags:
        f_flag = os.ST_RDONLY

    monkeypatch.setattr(errors.os, "statvfs", lambda path: Flags)
    assert errors.classify(sqlite_error("unable to open database file"), lib) == (
        "read-only",
        f"the library {lib} is read-only (the file or its folder); "
        "make both writable or open another library",
    )

    def fails(path):
        raise OSError(errno.ENOENT, "gone")

    monkeypatch.setattr(errors.os, "statvfs", fails)
    monkeypatch.setattr(errors.shutil, "disk_usage", fails)
    assert errors.classify(io_error, lib)[0] == "input/output"


def test_the_log_folder_is_made_with_its_parents_and_odd_text_is_kept(tmp_path, monkeypatch):
    folder = tmp_path / "a" / "b" / "logs"
    monkeypatch.setenv("READINGLIST_LOG_DIR", str(folder))
    problem = errors.explain(ValueError("name \udcff undecodable"), "the import")
    assert problem.kind == "unexpected" and problem.log == folder / "readinglist.log"
    assert "name \\udcff undecodable" in problem.log.read_text(encoding="utf-8")
