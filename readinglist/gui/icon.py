"""The application icon, drawn from the SVG shipped in readinglist/resources."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap

from readinglist.resources import ICON, resource_path

# Sizes rendered by hand when Qt's SVG icon engine plugin is missing.
FALLBACK_SIZES = (16, 22, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The readinglist icon; a null QIcon only when the SVG file itself is missing."""
    path = resource_path(ICON)
    if not path.is_file():
        return QIcon()
    icon = QIcon(str(path))
    if not icon.isNull() and not icon.pixmap(QSize(32, 32)).isNull():
        return icon
    return _rendered_icon(str(path))


def _rendered_icon(path: str) -> QIcon:
    """Render the SVG at fixed sizes with QtSvg (a trimmed Qt may lack the SVG icon engine)."""
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(path)
    icon = QIcon()
    if not renderer.isValid():
        return icon
    for size in FALLBACK_SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        icon.addPixmap(pixmap)
    return icon
