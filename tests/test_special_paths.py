"""Libraries in folders whose names hold URI syntax ('#', '?', '%') back up and restore."""

import pytest

from readinglist.core.errors import intact
from readinglist.core.library import Library

FOLDERS = ["papers #1", "what?", "100% read", "a#b?c=d%20e"]


@pytest.mark.parametrize("folder", FOLDERS)
def test_restore_works_in_a_folder_with_uri_characters(tmp_path, samples, folder):
    with Library(tmp_path / folder / "library.sqlite") as lib:
        lib.import_files([samples])
        lib.set_note(1, "before the accident")
        backup = lib.backup()
        lib.delete_papers(lib.ids(""))
        lib.restore(backup.path)
        assert lib.total() == 314 and lib.paper(1).note == "before the accident"


@pytest.mark.parametrize("folder", FOLDERS)
def test_integrity_check_reads_the_library_in_such_a_folder(tmp_path, folder):
    Library(tmp_path / folder / "library.sqlite").close()
    assert intact(tmp_path / folder / "library.sqlite")
    (tmp_path / folder / "broken.sqlite").write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    assert not intact(tmp_path / folder / "broken.sqlite")
