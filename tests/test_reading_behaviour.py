"""Files an import may read, the sentence for each other kind, and the write lock's wait."""

import os
import socket
import stat

import pytest

from readinglist.core import reading, writelock
from readinglist.core.models import ImportCancelled


@pytest.mark.parametrize(
    ("mode", "kind"),
    [
        (stat.S_IFREG, None),
        (stat.S_IFIFO, "a named pipe (FIFO)"),
        (stat.S_IFCHR, "a device"),
        (stat.S_IFBLK, "a device"),
        (stat.S_IFSOCK, "a socket"),
        (stat.S_IFDIR, "a folder"),
        (stat.S_IFLNK, "a special file"),
    ],
)
def test_each_kind_of_file_is_named(mode, kind):
    assert reading.kind_of(mode | 0o644) == kind


def test_refusals_say_what_the_path_is(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    assert reading.refusal(fifo) == (
        "a named pipe (FIFO), not a regular file: only files are imported"
    )
    assert reading.refusal(tmp_path) == "a folder, not a regular file: only files are imported"
    (tmp_path / "f.txt").write_text("x")
    assert reading.refusal(tmp_path / "f.txt") is None
    assert reading.refusal(tmp_path / "missing") is None
    with pytest.raises(reading.NotARegularFile) as caught:
        reading.open_regular(fifo)
    assert str(caught.value) == "a named pipe (FIFO), not a regular file: only files are imported"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "s"))
        assert reading.refusal(tmp_path / "s").startswith("a socket, not a regular file")
    finally:
        server.close()


def test_a_regular_file_reads_whole_and_checks_for_cancel_every_chunk(tmp_path):
    data = bytes(range(256)) * (3 * reading.CHUNK // 256 + 7)
    path = tmp_path / "big.bin"
    path.write_bytes(data)
    checks = []
    with reading.open_regular(path, lambda: checks.append(1)) as reader:
        assert reader.read() == data
        assert reader.fileno() >= 0
    assert len(checks) >= len(data) // reading.CHUNK
    with reading.open_regular(str(path)) as reader:
        assert reader.read(10) == data[:10]


def test_cancel_stops_a_read_at_the_next_chunk(tmp_path):
    path = tmp_path / "big.bin"
    path.write_bytes(b"x" * (4 * reading.CHUNK))
    reads = []

    def check():
        reads.append(1)
        if len(reads) > 2:
            raise ImportCancelled()

    with reading.open_regular(path, check) as reader, pytest.raises(ImportCancelled):
        reader.read()
    assert len(reads) == 3


def test_a_second_writer_waits_then_says_who_is_busy(tmp_path):
    library = tmp_path / "lib.sqlite"
    assert writelock.lock_path(library) == tmp_path / "lib.sqlite.writelock"
    with writelock.write_lock(library, "importing"):
        with (
            pytest.raises(writelock.Busy) as caught,
            writelock.write_lock(library, "restoring", wait=0.1),
        ):
            pass
        assert str(caught.value) == (
            f"{library}: another readinglist is importing, backing up or restoring; "
            "waited 0 s before restoring. Try again when it is done"
        )
        with (
            pytest.raises(ImportCancelled),
            writelock.write_lock(library, "importing", wait=5, cancelled=lambda: True),
        ):
            pass
    with writelock.write_lock(library, "backing up", wait=0):
        pass  # free again
    assert oct(os.stat(writelock.lock_path(library)).st_mode & 0o777) == "0o644"
