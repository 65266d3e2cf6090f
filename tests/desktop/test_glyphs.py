"""No symbol glyphs that depend on the installed fonts in the interface: icons shipped in resources/ instead
(issue 19, item 8).

Every Chinese system font (SimSun, Microsoft YaHei, Noto Sans CJK …) covers
GBK, so the interface's text may use ASCII and GBK characters; a symbol
outside them (📌 ⚠ ✗ ⇩ ⚑ ›) shows as an empty box on a machine without an
emoji or symbol font, and must be an icon.
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The GUI's modules: the CLI and the self-test print to a terminal, whose fonts are the terminal's business.
UI_MODULES = sorted(p for p in (ROOT / "desktop").rglob("*.py") if "cli" not in p.parts and p.name != "selftest.py")
TRANSLATIONS = sorted((ROOT / "resources" / "translations").glob("*.ts"))


def font_dependent(text: str) -> set[str]:
    """Characters of ``text`` outside ASCII and GBK."""
    out = set()
    for ch in text:
        if ord(ch) > 127:
            try:
                ch.encode("gbk")
            except UnicodeEncodeError:
                out.add(ch)
    return out


def test_the_check_sees_the_glyphs_that_were_there():
    assert font_dependent("📌 ⚠ ✗ ⇩ ⚑ › 招商引資 — · … →") == set("📌⚠✗⇩⚑›")


@pytest.mark.parametrize("module", UI_MODULES, ids=lambda p: str(p.relative_to(ROOT)))
def test_interface_strings_use_no_font_dependent_symbols(module):
    found = {}
    for tok in tokenize.generate_tokens(io.StringIO(module.read_text(encoding="utf-8")).readline):
        if tok.type == tokenize.STRING or tok.type == getattr(tokenize, "FSTRING_MIDDLE", None):
            for ch in font_dependent(tok.string):
                found.setdefault(ch, tok.start[0])
    assert not found, {f"U+{ord(ch):04X} {ch}": f"line {line}" for ch, line in found.items()}


@pytest.mark.parametrize("ts", TRANSLATIONS, ids=lambda p: p.name)
def test_translations_use_no_font_dependent_symbols(ts):
    text = "".join(re.findall(r"<(?:translation|numerusform)[^>]*>(.*?)</", ts.read_text(encoding="utf-8"), re.S))
    assert not font_dependent(text)


def test_every_icon_the_interface_names_is_shipped():
    names = set()
    for module in UI_MODULES:
        text = module.read_text(encoding="utf-8")
        names |= set(re.findall(r"""\bicon(?:_file)?\(["'](\w+)["']""", text))  # theme.icon("pin")
        names |= set(re.findall(r"""\["_icon"\] = ["'](\w+)["']""", text))  # a model row's icon
    assert {"pin", "orphan", "imported", "draft"} <= names
    for name in names:
        assert (ROOT / "resources" / "icons" / f"{name}.svg").exists(), name
        for size in (16, 32):
            assert (ROOT / "resources" / "icons" / f"{name}-{size}.png").stat().st_size > 100, (name, size)


def test_pinned_match_shows_the_pin_icon_and_it_loads(win, qtbot):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QTextDocument

    from desktop.compare_view import PIN_ICON
    from index.compare import comparisons

    source, target = "jilin-2021-kaifaqu/c3/s12", "hebei-2017-kaifaqu/h2/p6"
    comparisons.set_pin(win.services.db(), source, "hebei-2017-kaifaqu", target)
    win.compare_clause(source)
    qtbot.waitUntil(win.compare_view.is_ready, timeout=60000)
    col = next(c for c in win.compare_view.columns if c.doc_id == "hebei-2017-kaifaqu")
    html = col.body.toHtml()
    assert PIN_ICON in html and "📌" not in html
    image = col.body.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(PIN_ICON))
    assert image is not None and not image.isNull() and image.width() == 32  # the shipped 32 px PNG, loaded


def test_orphan_marker_is_an_icon(app):
    from PySide6.QtCore import Qt

    from desktop.models import RecordTableModel

    model = RecordTableModel([("doc", "Document")])
    model.set_rows([{"doc": "吉林", "_icon": "orphan"}, {"doc": "河北"}])
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DisplayRole) == "吉林"
    assert not model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole).isNull()
    assert model.data(model.index(1, 0), Qt.ItemDataRole.DecorationRole) is None
