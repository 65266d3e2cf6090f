"""The application set-up: translations compiled and loaded; every visible string in the main views is translated
(Chinese is the default UI)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "zoneref_zh_CN.ts"
# ASCII words allowed in the Chinese UI: names and formats.
ALLOWED = {"ZoneRef", "Markdown"}

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def english_sources() -> set[str]:
    out = set()
    for msg in ET.parse(TS).getroot().iter("message"):
        src = msg.find("source").text or ""
        tr = msg.find("translation")
        text = "".join(tr.itertext()).strip()
        if text != src:  # a string whose translation is itself (ZoneRef) is fine to show
            out.add(src)
            out.add(src.replace("&", ""))
    return out


def visible_strings(win) -> list[tuple[str, str]]:
    """(where, text) for every UI string a user can see in the window and its menus."""
    found: list[tuple[str, str]] = [("title", win.windowTitle())]
    for menu in win.menuBar().findChildren(QMenu):
        found.append(("menu", menu.title()))
        found += [("action", a.text()) for a in menu.actions() if a.text()]
    for w in win.findChildren(QLabel):
        found.append(("label", re.sub(r"<[^>]+>", "", w.text())))
    for w in win.findChildren(QAbstractButton):
        found.append(("button", w.text()))
    for w in win.findChildren(QLineEdit):
        found.append(("placeholder", w.placeholderText()))
    for w in win.findChildren(QPlainTextEdit):
        found.append(("placeholder", w.placeholderText()))
    for w in win.findChildren(QTabWidget):
        found += [("tab", w.tabText(i)) for i in range(w.count())]
    for w in win.findChildren(QDockWidget):
        found.append(("dock", w.windowTitle()))
    for w in win.findChildren(QComboBox):
        found += [("combo", w.itemText(i)) for i in range(w.count())]
    for w in win.findChildren(QAbstractItemView):
        if isinstance(w, QListView) or "coverage" in w.objectName():
            continue  # list items and coverage headers are content (documents, regions, topics)
        model = w.model()
        if model is not None:
            found += [("header", str(model.headerData(c, Qt.Orientation.Horizontal) or ""))
                      for c in range(model.columnCount(QModelIndex()))]
    return [(where, text) for where, text in found if text and text.strip()]


def test_translations_compiled_and_loaded(app):
    from PySide6.QtCore import QCoreApplication

    assert (TS.with_suffix(".qm")).stat().st_size > 1000
    assert QCoreApplication.translate("MainWindow", "Library") == "文库"
    assert QCoreApplication.translate("NotesView", "%n note(s)", "", 3) == "共 3 条批注"
    # Qt's own strings too (qtbase translator)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_english_string_visible_in_main_views(app, qtbot, language):
    """In Chinese nothing English shows; in English the same walk finds the sources (so it can fail)."""
    from desktop import app as app_module
    from desktop.mainwindow import MainWindow

    app_module.install_translators(app, language)

    win = MainWindow()
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    win.start_background()
    reader = win.open_document("jilin-2021-kaifaqu")
    clause = win.corpus.clauses("jilin-2021-kaifaqu")[2]
    reader.select(clause.start, clause.start + 6)
    reader._annotate(True)
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    win.search_view.set_query("招商引资")
    qtbot.waitUntil(lambda: win.search_view.results_count() > 0, timeout=10000)
    win.compare_clause(clause.id)
    qtbot.waitUntil(win.compare_view.is_ready, timeout=30000)
    win.show_coverage()
    qtbot.waitUntil(win.coverage_view.is_ready, timeout=30000)
    win.notes_view.select_first()

    english = english_sources()
    shown = visible_strings(win) + [("context menu", a.text()) for a in reader.build_context_menu().actions()]
    assert len(shown) > 80
    bad = [(where, text) for where, text in shown if text in english or text.replace("&", "") in english]
    win.save_state = lambda: None
    win.close()
    app_module.install_translators(app, "zh_CN")
    if language == "en":
        assert len(bad) > 50
        return
    assert not bad, f"untranslated: {bad}"
    # Strings that never went through tr() show up as English words.
    words = [(where, text) for where, text in shown
             if set(re.findall(r"[A-Za-z]{3,}", text)) - ALLOWED and where not in ("label",)]
    assert not words, f"English words in the Chinese UI: {words}"


def test_a_new_app_starts_in_fusion_with_the_arguments_kept(tmp_path):
    """create_app gives Qt ``-style Fusion`` when it makes the app (no second style made later)."""
    code = ("import sys\nfrom desktop import app\n"
            "qapp = app.create_app(['zoneref', '--flag'])\n"
            "print(qapp.style().name(), qapp.arguments()[1:])\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                               "ZONEREF_HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["fusion", "['--flag']"]


def test_the_gui_process_hands_the_interpreter_lock_over_every_millisecond(tmp_path):
    """create_app sets the switch interval the GUI thread waits at most per Python call while a worker runs
    Python (``GIL_SWITCH_S``, 1 ms); the engine and the CLI alone keep Python's default (5 ms)."""
    code = ("import sys\nimport desktop.cli, index.workspace\nprint(sys.getswitchinterval())\n"
            "from desktop import app\napp.create_app(['zoneref'])\nprint(sys.getswitchinterval())\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "ZONEREF_HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr
    assert [float(x) for x in proc.stdout.split()] == [0.005, 0.001]


@pytest.mark.parametrize(("language", "shown"), [("zh_CN", ["重点", "待办", "强", "弱"]),
                                                 ("en", ["Key point", "To do", "strong", "weak"])])
def test_colours_and_bands_kept_in_chinese_show_in_the_interfaces_language(app, language, shown):
    """The English interface showed 84 · 中 and colour names 重点 / 疑问 in Chinese."""
    from desktop import app as app_module
    from desktop import labels

    app_module.install_translators(app, language)
    try:
        assert [labels.colour("重点"), labels.colour("待办"), labels.band("强"), labels.band("弱")] == shown
        assert labels.colour("自定义") == "自定义" and labels.band(None) == ""
    finally:
        app_module.install_translators(app, "zh_CN")


def test_a_home_that_cannot_be_used_is_a_message_box_not_a_crash(qapp, tmp_path, monkeypatch, capsys):
    """A launch from the desktop has no terminal: ``ZONEREF_HOME`` naming a file stopped the app with a
    traceback (FileExistsError) before any window; now a message box says which folder and why."""
    from PySide6.QtWidgets import QMessageBox

    from desktop import cli

    afile = tmp_path / "afile"
    afile.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("ZONEREF_HOME", str(afile))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    try:
        assert cli.main(["gui"]) == 1
    finally:
        import gc

        gc.enable()  # the launch pauses the collector for its window (test_cli_commands)
    assert len(shown) == 1 and f"ZONEREF_HOME {afile} is not a usable folder" in shown[0]
    assert "not a usable folder" in capsys.readouterr().err
