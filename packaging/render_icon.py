"""Render resources/readinglist.svg to PNG files (for .ico / .icns and hicolor sizes).

    python packaging/render_icon.py OUT_DIR [SIZE ...]     # default sizes: 256 512

Writes OUT_DIR/readinglist-SIZE.png. Needs PySide6 (QtSvg) and no screen.
"""

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

SVG = Path(__file__).resolve().parents[1] / "resources" / "readinglist.svg"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    sizes = [int(size) for size in argv[1:]] or [256, 512]
    _app = QGuiApplication([])
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        print(f"render_icon: cannot read {SVG}", file=sys.stderr)
        return 1
    out.mkdir(parents=True, exist_ok=True)
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        target = out / f"readinglist-{size}.png"
        if not image.save(str(target)):
            print(f"render_icon: cannot write {target}", file=sys.stderr)
            return 1
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
