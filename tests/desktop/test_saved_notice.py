"""After an export: Word properties from the preferences, and a confirmation that opens the file or its folder
(issue 19, items 6 and 7)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from desktop import settings

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


@pytest.fixture
def save_as(monkeypatch, tmp_path):
    """Answer the save dialog with ``tmp_path/name`` (Word chosen)."""
    def answer(name: str) -> Path:
        target = tmp_path / name
        monkeypatch.setattr(QFileDialog, "getSaveFileName",
                            staticmethod(lambda *_a, **_k: (str(target), "Word (*.docx)")))
        return target
    return answer


@pytest.fixture
def opened(monkeypatch):
    """URLs the app asked the desktop to open (nothing is really opened)."""
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


def test_author_preference_is_declared_once_with_the_system_user_as_default(app):
    import getpass

    assert settings.EXPORT_AUTHOR in settings.PREFERENCES
    assert settings.EXPORT_AUTHOR.default == getpass.getuser()
    assert settings.get(settings.EXPORT_AUTHOR) == getpass.getuser()


def test_preferences_dialog_edits_the_author(app, qtbot):
    dlg = settings.PreferencesDialog()
    qtbot.addWidget(dlg)
    dlg.author.setText("  王五  ")
    dlg.accept()
    assert settings.get(settings.EXPORT_AUTHOR) == "王五"


def test_compare_export_is_stamped_and_confirmed_with_open_buttons(win, qtbot, save_as, opened):
    settings.put(settings.EXPORT_AUTHOR, "赵六")
    win.compare_clause("jilin-2021-kaifaqu/c3/s12")
    qtbot.waitUntil(win.compare_view.is_ready, timeout=60000)
    target = save_as("对照表.docx")
    assert not win.saved_notice.isVisible()
    win.compare_view.export()
    props = docx.Document(str(target)).core_properties
    assert props.author == "赵六" and props.title == "开发区政策条款对照表" and props.subject.startswith("开发区政策条款对照")

    notice = win.saved_notice
    assert notice.isVisible() and notice.path == target.resolve()
    assert "对照表.docx" in notice.label.text() and notice.label.toolTip() == str(target.resolve())
    notice.open_button.click()
    notice.folder_button.click()
    assert [u.toLocalFile() for u in opened] == [str(target.resolve()), str(target.parent.resolve())]
    notice.close_button.click()
    assert not notice.isVisible()


def test_search_export_is_confirmed_too(win, qtbot, save_as):
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=120000)
    win.search_view.set_query("招商引资")
    qtbot.waitUntil(lambda: win.search_view.results_count() > 0, timeout=30000)
    target = save_as("检索.docx")
    win.export_current()
    assert target.exists() and win.saved_notice.isVisible() and win.saved_notice.path == target.resolve()
    assert docx.Document(str(target)).core_properties.subject == "开发区政策检索结果：招商引资"


def test_a_failed_export_is_not_confirmed(win, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda *a, **_k: warned.append(a[2])))
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *_a, **_k: (str(tmp_path / "missing" / "x.docx"), "Word (*.docx)")))
    win.compare_clause("jilin-2021-kaifaqu/c3/s12")
    qtbot.waitUntil(win.compare_view.is_ready, timeout=60000)
    win.compare_view.export()
    assert warned and not win.saved_notice.isVisible()
