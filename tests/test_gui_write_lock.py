"""The window never restores over a running import."""

from PySide6.QtWidgets import QMessageBox


def test_restore_during_an_import_in_the_window_is_refused(qtbot, window, sample_library, tmp_path):
    old = sample_library.backup("manual")
    big = tmp_path / "huge.txt"
    big.write_bytes(b"y" * (100 * 1024 * 1024))
    window.import_paths([str(big)])
    window.backups.restore(old.path)
    box = window.findChild(QMessageBox, "errorMessage")
    assert box.text() == "An import is running: restore once it is done, or cancel it first."
    window.imports.cancel()
    with qtbot.waitSignal(window.imports.finished, timeout=20000):
        pass
    assert sample_library.total() == 314
