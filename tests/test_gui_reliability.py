"""The window and other writers, backups, and an unreadable library (pytest-qt)."""

import pytest

pytest.importorskip("PySide6")


from readinglist.core.library import Library  # noqa: E402
from readinglist.gui.open_failure import move_aside  # noqa: E402


def test_changes_by_another_process_show_up(qtbot, window, sample_library):
    with Library(sample_library.path) as cli:  # a second connection, as the CLI has
        cli.add_tags([1, 2], ["from-cli"])
        cli.delete_papers([3])
    assert window.watch.check()
    assert window.tag_panel.counts() == {"from-cli": 2}
    assert window.model.rowCount() == 313
    assert not window.watch.check()  # nothing new since


def test_the_window_s_own_import_is_not_announced_as_an_outside_change(
    qtbot, window, tmp_path
):
    digest = tmp_path / "digest.txt"
    digest.write_text("new\n\nMay 5\n\nA Paper Nobody Had\n\n" + "An abstract. " * 10)
    with qtbot.waitSignal(window.imports.finished, timeout=20000) as done:
        window.import_paths([str(digest)])
    assert done.args[0].added == 1
    qtbot.waitUntil(lambda: not window.imports.running)
    assert not window.watch.check()  # its commits came from the import's own connection
    assert "outside this window" not in window.statusBar().currentMessage()


def test_restore_backup_from_the_window(qtbot, window, sample_library):
    sample_library.set_note(1, "keep this")
    window.backups.back_up_now()
    [made] = sample_library.backups()
    window.annotator.delete_papers(sample_library.ids(""))
    assert window.model.rowCount() == 0
    window.backups.restore(made.path)
    assert window.model.rowCount() == 314
    assert sample_library.paper(1).note == "keep this"
    assert window.undo_stack.count() == 0
    assert {b.reason for b in sample_library.backups()} == {"manual", "before-restore"}


def test_an_unreadable_library_is_moved_aside_not_overwritten(tmp_path):
    path = tmp_path / "library.sqlite"
    path.write_bytes(b"precious but broken")
    aside = move_aside(path)
    assert not path.exists() and aside.read_bytes() == b"precious but broken"
    assert aside.name.startswith("library.sqlite.unreadable-")
