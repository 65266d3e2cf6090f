"""Qt's own dialogs speak the interface language: Qt's catalogue from PySide6, plus ZoneRef's for its gaps;
the bundle keeps Qt's Chinese and English catalogues (issue 19, item 11)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QLibraryInfo, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QMessageBox,
    QTabWidget,
)

ROOT = Path(__file__).resolve().parents[2]
# Not words to translate: paths, file-type filters, paper sizes (ANSI C, JIS B5 …).
NOT_WORDS = re.compile(r"^/|\*\.|^(ANSI|JIS|ISO) \w+$")


def english_texts(widget) -> set[str]:
    """Visible texts of ``widget`` and its children that are English words and no Chinese."""
    found = [widget.windowTitle()]
    found += [w.text() for w in widget.findChildren(QLabel)]
    for b in widget.findChildren(QAbstractButton):
        found += [b.text(), b.toolTip()]
    for c in widget.findChildren(QComboBox):
        found += [c.itemText(i) for i in range(c.count())]
    for a in widget.findChildren(QAction):
        found += [a.text(), a.toolTip()]
    for v in widget.findChildren(QAbstractItemView):
        if v.model() is not None:
            found += [str(v.model().headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(v.model().columnCount(QModelIndex()))]
    found += [g.title() for g in widget.findChildren(QGroupBox)]
    for t in widget.findChildren(QTabWidget):
        found += [t.tabText(i) for i in range(t.count())]
    return {t for t in found if t and re.search(r"[A-Za-z]{3,}", t) and not re.search(r"[\u4e00-\u9fff]", t)
            and not NOT_WORDS.search(t)}


def qt_dialogs(qtbot) -> dict:
    """The Qt dialogs ZoneRef shows: file dialogs (Qt's own, as on a desktop without a native one), message
    and input boxes, print preview and print dialog."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog

    out = {}
    for mode in ("open", "save", "folder"):
        d = QFileDialog()
        d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        if mode == "save":
            d.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        elif mode == "folder":
            d.setFileMode(QFileDialog.FileMode.Directory)
        out[f"file dialog ({mode})"] = d
    buttons = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "", "", buttons.Yes | buttons.No | buttons.Ok | buttons.Cancel
                      | buttons.Save | buttons.Close)
    box.setDetailedText("…")
    out["message box"] = box
    out["input dialog"] = QInputDialog()
    printer = QPrinter()
    out["print preview"] = QPrintPreviewDialog(printer)
    out["print dialog"] = QPrintDialog(printer)
    out["_printer"] = printer
    for name, d in out.items():
        if not name.startswith("_"):
            qtbot.addWidget(d)
            d.show()
    return out


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_qt_dialogs_speak_the_interface_language(app, qtbot, language):
    """In Chinese no English word shows in Qt's dialogs; in English the same walk finds them (so it can fail)."""
    from desktop import app as app_module

    app_module.install_translators(app, language)
    try:
        shown = {name: english_texts(d) for name, d in qt_dialogs(qtbot).items() if not name.startswith("_")}
    finally:
        app_module.install_translators(app, "zh_CN")
    if language == "en":
        assert "&Look in:" in shown["file dialog (open)"] and "Print" in shown["print dialog"]
        assert sum(map(len, shown.values())) > 20
        return
    assert not {k: v for k, v in shown.items() if v}, shown


def test_qt_catalogue_comes_from_pyside6_and_zoneref_fills_its_gaps(app):
    from PySide6.QtCore import QCoreApplication

    from desktop import app as app_module

    qt_file, ours = app_module.translator_files()
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    assert Path(qt_file) == qt_dir / "qtbase_zh_CN.qm" and "PySide6" in qt_dir.parts
    assert Path(ours).name == "zoneref_zh_CN.qm"
    assert QCoreApplication.translate("QFileDialog", "File &name:") == "文件名称(&N)："  # Qt's own
    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："  # ZoneRef's, for Qt's gap


def test_bundle_keeps_qt_catalogues_for_chinese_and_english():
    spec = (ROOT / "build.spec").read_text(encoding="utf-8")
    keep = re.compile(re.search(r'_keep_qm = re\.compile\(r"([^"]+)"\)', spec).group(1))
    folder = "PySide6/Qt/translations/"
    for name in ("qtbase_zh_CN.qm", "qtbase_en.qm"):
        assert keep.search(folder + name), name
    for name in ("qtbase_de.qm", "qtbase_zh_TW.qm", "designer_zh_CN.qm", "assistant_en.qm"):
        assert not keep.search(folder + name), name


def test_no_tr_call_sits_inside_an_f_string():
    # lupdate does not look inside f-strings: such a string never reaches the catalogue and shows in English
    # ("not scored" in the compare view, "undated" in 修订对照).
    import io
    import tokenize

    found = []
    for path in sorted((ROOT / "desktop").rglob("*.py")):
        for tok in tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline):
            prefix = tok.string[:3].lower() if tok.type == tokenize.STRING else ""
            if "f" in prefix.split("'")[0].split('"')[0] and re.search(r"\b(tr|translate)\(\s*['\"]", tok.string):
                found.append(f"{path.relative_to(ROOT)}:{tok.start[0]}")
    assert not found, found
