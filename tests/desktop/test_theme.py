"""Colours: the palette follows the system's light or dark scheme."""

from __future__ import annotations

import pytest

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_palette_follows_the_system_scheme(app):
    """The handler connected to the system's colour-scheme signal switches light ↔ dark palettes."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QPalette

    from desktop import theme
    from desktop.compare_view import NUMBER_FG, NUMBER_FG_DARK, spans_html

    hints = QGuiApplication.styleHints()
    try:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
        pal = app.palette()
        assert pal.color(QPalette.ColorRole.Window).lightness() < 80
        assert pal.color(QPalette.ColorRole.Text).lightness() > 180
        assert theme.is_dark()
        number = [{"start": 0, "end": 4}]
        assert NUMBER_FG_DARK in spans_html("1000万元", [], number)
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
        assert app.palette().color(QPalette.ColorRole.Window).lightness() > 180
        assert not theme.is_dark()
        assert NUMBER_FG in spans_html("1000万元", [], number)
    finally:
        theme.apply_palette(app)
