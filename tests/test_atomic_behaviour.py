"""Files written whole or not at all, with the permissions a user expects."""

import errno
import os
import stat

import pytest

from readinglist.core import atomic


def test_a_new_file_is_readable_by_others_and_an_old_one_keeps_its_mode(tmp_path):
    new = tmp_path / "new.md"
    atomic.write_text(new, "héllo\n")
    assert new.read_text(encoding="utf-8") == "héllo\n"
    assert stat.S_IMODE(new.stat().st_mode) == 0o644
    old = tmp_path / "old.md"
    old.write_text("old")
    old.chmod(0o600)
    atomic.write_text(old, "new")
    assert old.read_text() == "new" and stat.S_IMODE(old.stat().st_mode) == 0o600
    with atomic.replacing(tmp_path / "b.bin", "wb") as out:
        out.write(b"\x00\xff")
    assert (tmp_path / "b.bin").read_bytes() == b"\x00\xff"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.bin", "new.md", "old.md"]


def test_a_failure_leaves_the_old_file_and_names_the_users_file(tmp_path):
    path = tmp_path / "list.md"
    path.write_text("old")
    with pytest.raises(OSError) as caught, atomic.replacing(path) as out:
        out.write("half")
        raise OSError(errno.ENOSPC, "No space left on device")
    assert caught.value.filename == str(path)
    assert path.read_text() == "old" and [p.name for p in tmp_path.iterdir()] == ["list.md"]
    with pytest.raises(ValueError), atomic.replacing(path) as out:
        raise ValueError("not an OSError: left as it is")
    assert path.read_text() == "old"


def test_a_folder_or_a_missing_folder_is_refused_before_writing(tmp_path):
    with pytest.raises(IsADirectoryError) as caught:
        atomic.write_text(tmp_path, "x")
    assert caught.value.filename == str(tmp_path)
    with pytest.raises(FileNotFoundError) as caught:
        atomic.write_text(tmp_path / "no" / "x.md", "x")
    assert caught.value.filename == str(tmp_path / "no")


def test_a_file_system_that_cannot_sync_a_folder_still_gets_the_file(tmp_path, monkeypatch):
    real = os.fsync

    def fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "Invalid argument")
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    atomic.write_text(tmp_path / "x.md", "whole")
    assert (tmp_path / "x.md").read_text() == "whole"
    atomic.fsync_file(tmp_path / "x.md")
