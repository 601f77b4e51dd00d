"""Dialogs and labels that show user text (tag names, titles, paths) as plain text.

Qt guesses rich text from the first tag it sees, so a tag named
``<img src=/home/me/photo.png>`` would be rendered, image and all. Everything
here sets Qt.PlainText, so user text is shown as typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox, QWidget

PLAIN = Qt.TextFormat.PlainText


def plain_label(text: str = "", object_name: str = "") -> QLabel:
    label = QLabel(objectName=object_name) if object_name else QLabel()
    label.setTextFormat(PLAIN)
    label.setText(text)
    return label


def message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    parent: QWidget | None = None,
) -> QMessageBox:
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(PLAIN)
    box.setText(text)
    return box


def ask(parent: QWidget | None, title: str, text: str) -> bool:
    """A Yes/No question whose text is shown as typed."""
    box = message_box(
        QMessageBox.Icon.Question,
        title,
        text,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        parent,
    )
    box.setObjectName("question")
    return box.exec() == QMessageBox.StandardButton.Yes


def get_text(parent: QWidget | None, title: str, label: str, text: str = "") -> tuple[str, bool]:
    """QInputDialog.getText with its label as plain text."""
    dialog = QInputDialog(parent)
    dialog.setObjectName("textQuestion")
    dialog.setWindowTitle(title)
    dialog.setInputMode(QInputDialog.InputMode.TextInput)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    for child in dialog.findChildren(QLabel):
        child.setTextFormat(PLAIN)
    accepted = dialog.exec() == QInputDialog.DialogCode.Accepted
    return dialog.textValue(), accepted
