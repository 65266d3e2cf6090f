"""Render the app icon and the interface's small icons from their SVGs in ``resources/icons``.

Writes ``zoneref-{32,64,256}.png`` (window icon fallbacks), ``zoneref.ico``
(Windows executable: PNG-compressed entries, 16–256 px) and ``zoneref.icns``
(macOS: PNG entries, 16–512 px) beside the SVG. Both container formats are a
small header and a table of PNGs, so no imaging library is needed; Qt renders
the SVG. Each interface icon (``UI_ICONS``: pin, orphan …) becomes
``NAME-16.png`` and ``NAME-32.png`` (high-DPI): the app draws these, never a
symbol character whose glyph depends on the fonts installed.

    .venv/bin/python tools/make_icons.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (32, 64, 256)
# The interface's icons (desktop.theme.icon) and their PNG sizes.
UI_ICONS = ("pin", "orphan", "imported", "draft", "swap")
UI_SIZES = (16, 32)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size.
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}


def render(svg: Path, size: int) -> bytes:
    """The SVG drawn at ``size``×``size`` pixels, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data)


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding each PNG (the Vista+ PNG-in-ICO form)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    offset = 6 + 16 * len(pngs)
    entries, blobs = [], []
    for size, png in sorted(pngs.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICO directory
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding each PNG under its size's element type."""
    body = b"".join(ICNS_TYPES[size] + struct.pack(">I", 8 + len(png)) + png for size, png in sorted(pngs.items()))
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg = ICONS / "zoneref.svg"
    sizes = sorted(set(PNG_SIZES) | set(ICO_SIZES) | set(ICNS_TYPES))
    pngs = {size: render(svg, size) for size in sizes}
    for size in PNG_SIZES:
        (ICONS / f"zoneref-{size}.png").write_bytes(pngs[size])
    (ICONS / "zoneref.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "zoneref.icns").write_bytes(icns({s: pngs[s] for s in ICNS_TYPES}))
    for name in UI_ICONS:
        for size in UI_SIZES:
            (ICONS / f"{name}-{size}.png").write_bytes(render(ICONS / f"{name}.svg", size))
    print(f"wrote PNGs {PNG_SIZES}, zoneref.ico {ICO_SIZES}, zoneref.icns {tuple(ICNS_TYPES)}, "
          f"{', '.join(UI_ICONS)} at {UI_SIZES} in {ICONS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
