"""Highlights: a note shows rendered on hover, and 重点 never looks like a search hit — on screen, in dark
mode and on paper (issue 19, items 9 and 10)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from desktop import reader_view, theme
from index.reports import html_pages
from index.userdata.notes import COLORS

# The tooltip raises itself, which the offscreen platform only warns about.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore(r".*propagateSizeHints.*", r".*does not support raise.*")]

DOC = "jilin-2021-kaifaqu"
CLAUSE = "jilin-2021-kaifaqu/c3/s12"


def _reader_with_note(win, qtbot, note: str, color: str = "重点"):
    reader = win.open_clause(CLAUSE)
    clause = win.corpus.clause(CLAUSE)
    at = clause.text.find("招商")
    win.services.notes().add(CLAUSE, clause.text[at:at + 6], note=note, color=color)
    win.services.annotations_changed.emit(DOC)
    qtbot.waitUntil(lambda: any(n.get("note") == note for n in reader.annotations()), timeout=10000)
    return reader, next(n for n in reader.annotations() if n.get("note") == note)


def _viewport_point(reader, offset: int) -> QPoint:
    from PySide6.QtGui import QTextCursor

    cur = QTextCursor(reader.text.document())
    cur.setPosition(reader.qpos(offset))
    return reader.text.cursorRect(cur).center() + QPoint(3, 0)


def _hover(reader, offset: int) -> str:
    vp = reader.text.viewport()
    pos = _viewport_point(reader, offset)
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, pos, vp.mapToGlobal(pos)))
    return QToolTip.text()


def test_hovering_a_highlight_shows_its_note_rendered_and_sanitised(win, qtbot):
    note = "与浙江对比：**专班**推进\n\n- 第一\n- 第二 <script>alert(1)</script> [链接](javascript:alert(1))"
    reader, painted = _reader_with_note(win, qtbot, note)
    shown = _hover(reader, painted["start"] + 1)
    assert "<strong>专班</strong>" in shown and "<li>第一</li>" in shown
    assert "**" not in shown and "<script" not in shown and "javascript:" not in shown
    assert QToolTip.isVisible()
    _hover(reader, painted["end"] + 40)  # off the highlight: the tooltip goes
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=5000)


def test_a_long_note_is_cut_in_the_tooltip(win, qtbot):
    reader, painted = _reader_with_note(win, qtbot, "**长**" + "很" * 1000)
    shown = _hover(reader, painted["start"] + 1)
    assert "<strong>长</strong>" in shown and "…" in shown and shown.count("很") < 500


def _pixels(reader, start: int, end: int) -> set[str]:
    """The colours painted behind characters ``start``…``end`` (each character's cell, left part)."""
    image = reader.text.viewport().grab().toImage()
    out = set()
    for offset in range(start, end):
        p = _viewport_point(reader, offset) - QPoint(2, 0)
        for dy in (-4, 4):
            out.add(QColor(image.pixel(p.x(), p.y() + dy)).name())
    return out


@pytest.mark.parametrize("dark", [False, True])
def test_key_highlight_and_search_hits_differ_on_screen(win, qtbot, app, dark):
    if dark:
        theme.apply_palette(app, Qt.ColorScheme.Dark)
    try:
        reader, painted = _reader_with_note(win, qtbot, "重点", "重点")
        clause = win.corpus.clause(CLAUSE)
        hit = clause.text.find("招商", painted["end"] - clause.start + 1)
        reader.show_clause(CLAUSE, [(hit, hit + 2)])
        qtbot.wait(50)
        note_px = _pixels(reader, painted["start"], painted["end"])
        hit_px = _pixels(reader, clause.start + hit, clause.start + hit + 2)
        assert QColor(COLORS["重点"]).name() in note_px
        assert reader_view.SEARCH_COLOR in hit_px and QColor(COLORS["重点"]).name() not in hit_px
    finally:
        theme.apply_palette(app, Qt.ColorScheme.Light)


def test_search_hit_colour_is_far_from_every_note_colour():
    hit = QColor(reader_view.SEARCH_COLOR)
    from desktop import models

    # the same in the reader, the results list and on paper
    assert reader_view.SEARCH_COLOR == html_pages.SEARCH_HIT_BG == models.SEARCH_HIT_BG
    for name, hexcode in COLORS.items():
        other = QColor(hexcode)
        hue_gap = min(abs(hit.hue() - other.hue()), 360 - abs(hit.hue() - other.hue()))
        assert hue_gap >= 60, (name, hue_gap)
    assert QColor(reader_view.FIND_COLOR).hue() != hit.hue()


def test_printed_page_marks_search_hits_in_a_way_black_and_white_keeps(win):
    """On paper a hit is bold and underlined as well as lavender; a 重点 note is only its colour."""
    from index.reports.html_pages import painted

    html = painted("招商引资重点", [(0, 2), (4, 6, COLORS["重点"])])
    hit_style, note_style = html.split('style="')[1].split('"')[0], html.split('style="')[2].split('"')[0]
    assert "font-weight:bold" in hit_style and "text-decoration:underline" in hit_style
    assert html_pages.SEARCH_HIT_BG in hit_style
    assert note_style == f"background-color:{COLORS['重点']}"
