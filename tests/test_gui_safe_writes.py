"""The window asks before replacing an export and shows user text as plain text."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from readinglist.gui import plain_text

HOSTILE = '<img src="/tmp/photo.png"><b>bold</b>'


def test_export_asks_before_replacing_a_file(qtbot, window, tmp_path, monkeypatch):
    target = tmp_path / "list.md"
    target.write_text("mine")
    asked = []
    monkeypatch.setattr(plain_text, "ask", lambda _p, _t, text: asked.append(text) or False)
    dialog = window.open_export()
    assert dialog.save_to(target) == []
    assert asked == [f"{target} exists. Replace it with this export?"]
    assert target.read_text() == "mine"
    monkeypatch.setattr(plain_text, "ask", lambda *_: True)
    assert dialog.save_to(target) == [target]
    assert target.read_text().startswith("# Reading list")


def test_export_failure_is_a_sentence_in_the_dialog(qtbot, window, tmp_path):
    dialog = window.open_export()
    assert dialog.save_to(tmp_path / "missing" / "list.md") == []
    box = dialog.findChild(QMessageBox, "exportFailed")
    assert box.text().startswith("The export failed:")
    assert "no such file or folder" in box.text()


def test_delete_tag_prompt_shows_the_name_as_plain_text(qtbot, window, sample_library, monkeypatch):
    sample_library.add_tags([1], [HOSTILE])
    shown = []

    def capture(box):
        shown.append((box.textFormat(), box.text()))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "exec", capture)
    window.annotator.ask_delete_tag(window, HOSTILE)
    assert shown == [
        (
            Qt.TextFormat.PlainText,
            f"Remove the tag “{HOSTILE}” from 1 paper? You can undo this (Ctrl+Z).",
        )
    ]


def test_rename_tag_prompt_label_is_plain_text(qtbot, window, sample_library, monkeypatch):
    from PySide6.QtWidgets import QInputDialog

    formats = []

    def capture(dialog):
        formats.extend(label.textFormat() for label in dialog.findChildren(QLabel))
        return 0

    monkeypatch.setattr(QInputDialog, "exec", capture)
    window.annotator.ask_rename_tag(window, HOSTILE)
    assert formats and set(formats) == {Qt.TextFormat.PlainText}


def test_error_messages_and_search_errors_are_plain_text(qtbot, window):
    window.show_error(f"Cannot export to {HOSTILE}")
    box = window.findChild(QMessageBox, "errorMessage")
    assert box.textFormat() == Qt.TextFormat.PlainText
    assert window.search_error.textFormat() == Qt.TextFormat.PlainText
