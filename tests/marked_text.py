"""What a text widget shows marked: runs of text drawn on a coloured background."""

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument


def marked_runs(document: QTextDocument) -> list[str]:
    """Every run of text whose format paints a background (search marks, differences)."""
    runs = []
    block = document.begin()
    while block.isValid():
        for part in block.textFormats():
            if part.format.background().style() != Qt.BrushStyle.NoBrush:
                runs.append(block.text()[part.start : part.start + part.length])
        block = block.next()
    return runs
