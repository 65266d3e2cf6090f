"""The app icon files the bundle uses are well-formed and hold every size."""

from __future__ import annotations

import struct
from pathlib import Path

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_ico_has_every_size_as_png_and_qt_reads_it(qapp):
    from PySide6.QtGui import QImageReader

    data = (ICONS / "zoneref.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = set()
    for i in range(count):
        w, _h, _c, _r, _planes, _bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert data[offset:offset + 8] == PNG_MAGIC and offset + length <= len(data)
        sizes.add(w or 256)
    assert {16, 32, 48, 256} <= sizes
    reader = QImageReader(str(ICONS / "zoneref.ico"))
    assert reader.imageCount() == count and not reader.read().isNull()


def test_icns_elements_are_pngs_and_lengths_add_up():
    data = (ICONS / "zoneref.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    at, kinds = 8, []
    while at < len(data):
        kind, length = data[at:at + 4], struct.unpack_from(">I", data, at + 4)[0]
        assert data[at + 8:at + 16] == PNG_MAGIC
        kinds.append(kind)
        at += length
    assert at == len(data) and {b"ic07", b"ic08", b"icp4"} <= set(kinds)
