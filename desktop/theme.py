"""Fonts, palette and icons: how the app looks (light and dark follow the system)."""

from __future__ import annotations

import functools
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from index.base import paths

# Preferred families first; Qt falls back along the list for missing glyphs.
UI_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
               "WenQuanYi Micro Hei", "Noto Sans CJK TC", "sans-serif"]
READER_FAMILIES = ["Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC",
                   "Noto Serif CJK TC", "Noto Sans CJK SC", "serif"]


def icon_path() -> Path:
    return paths.resources_dir() / "icons" / "zoneref.svg"


def app_icon() -> QIcon:
    """The app icon: PNG renderings of ``zoneref.svg`` (no SVG plugin needed) plus the SVG."""
    icon = QIcon()
    for size in (32, 64, 256):
        icon.addFile(str(icon_path().with_name(f"zoneref-{size}.png")))
    icon.addFile(str(icon_path()))
    return icon


def icon_file(name: str, size: int = 32) -> Path:
    """The PNG of an interface icon (``tools/make_icons.py`` renders 16 and 32 px from ``NAME.svg``)."""
    return icon_path().with_name(f"{name}-{size}.png")


@functools.cache
def icon(name: str) -> QIcon:
    """An interface icon shipped in ``resources/icons`` (pin, orphan, imported, draft): never a font glyph.

    Made once per name (a library row asks for its status icon at every paint and size hint: finding the
    files each time was most of a filter keystroke at 3,500 documents)."""
    out = QIcon()
    for size in (16, 32):
        out.addFile(str(icon_file(name, size)))
    return out


def ui_font() -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSize(10)
    return font


def reader_font(size: int) -> QFont:
    font = QFont()
    font.setFamilies(READER_FAMILIES)
    font.setPointSize(max(8, min(40, size)))
    return font


def _dark_palette() -> QPalette:
    pal = QPalette()
    base, window, text = QColor(32, 33, 36), QColor(45, 46, 50), QColor(225, 225, 225)
    pal.setColor(QPalette.ColorRole.Window, window)
    pal.setColor(QPalette.ColorRole.WindowText, text)
    pal.setColor(QPalette.ColorRole.Base, base)
    pal.setColor(QPalette.ColorRole.AlternateBase, window)
    pal.setColor(QPalette.ColorRole.Text, text)
    pal.setColor(QPalette.ColorRole.Button, window)
    pal.setColor(QPalette.ColorRole.ButtonText, text)
    pal.setColor(QPalette.ColorRole.ToolTipBase, base)
    pal.setColor(QPalette.ColorRole.ToolTipText, text)
    pal.setColor(QPalette.ColorRole.Highlight, QColor(64, 120, 200))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(140, 140, 140))
    pal.setColor(QPalette.ColorRole.Link, QColor(120, 170, 255))
    return pal


def apply_palette(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Light or dark palette according to ``scheme`` (default: the system colour scheme)."""
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        app.setPalette(_dark_palette())
    else:
        app.setPalette(app.style().standardPalette())


def is_dark() -> bool:
    """Whether the palette in use is a dark one (light text on a dark window)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128
