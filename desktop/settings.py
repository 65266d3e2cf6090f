"""Preferences and remembered layout: every setting declared once, here.

Only ``desktop/`` touches ``QSettings``. The file lives in the user data folder
(``settings.ini``), so ``ZONEREF_HOME`` isolates it too (tests get a fresh one
each). Each setting has a key, a default, a type and a translatable title that
the preferences dialog shows (Picard's ``options.py`` habit).
"""

from __future__ import annotations

import dataclasses
from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QSettings
from PySide6.QtWidgets import QDialog

from index.base import paths


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Mark ``text`` for translation in ``context``; translated where shown."""
    return text


@dataclasses.dataclass(frozen=True)
class Setting:
    """One declared setting.

    Attributes:
        key: the QSettings key.
        default: value when unset; its type is the setting's type.
        title: English source string, translated in context ``Settings``.
        choices: allowed values for a choice setting (empty for free values).
    """

    key: str
    default: Any
    title: str = ""
    choices: tuple = ()

    def display_title(self) -> str:
        return QCoreApplication.translate("Settings", self.title) if self.title else self.key


LANGUAGE = Setting("ui/language", "zh_CN", QT_TRANSLATE_NOOP("Settings", "Interface language (applies on restart)"),
                   ("zh_CN", "en"))
FONT_SIZE = Setting("reader/font_size", 14, QT_TRANSLATE_NOOP("Settings", "Reader font size"))
SIMPLIFIED = Setting("reader/simplified", False,
                     QT_TRANSLATE_NOOP("Settings", "Show traditional-script documents in simplified characters"))
SEARCH_DELAY = Setting("search/delay_ms", 200, QT_TRANSLATE_NOOP("Settings", "Search-as-you-type delay (ms)"))
# Word exports name their author (文件 → 信息 in Word); the system user's name until the user gives another.
EXPORT_AUTHOR = Setting("export/author", paths.system_user_name(), QT_TRANSLATE_NOOP("Settings", "Author of exported Word files"))
# Layout memory: no titles, they are not preferences the user edits.
GEOMETRY = Setting("window/geometry", QByteArray())
WINDOW_STATE = Setting("window/state", QByteArray())
SPLITTERS = Setting("window/splitters", {})
OPEN_TABS = Setting("window/open_tabs", [])
CURRENT_TAB = Setting("window/current_tab", 0)
COMPARE_DOCS = Setting("compare/doc_order", [])
COVERAGE_BY_DOCUMENT = Setting("coverage/by_document", False)
RECENT_DOCS = Setting("reader/recent_documents", [])  # most recent first: a comparison's default columns
RECENT_LIMIT = 12

ALL = [LANGUAGE, FONT_SIZE, SIMPLIFIED, SEARCH_DELAY, EXPORT_AUTHOR, GEOMETRY, WINDOW_STATE, SPLITTERS, OPEN_TABS,
       CURRENT_TAB, COMPARE_DOCS, COVERAGE_BY_DOCUMENT, RECENT_DOCS]
PREFERENCES = [s for s in ALL if s.title]


def settings_path():
    return paths.user_home() / "settings.ini"


def _store() -> QSettings:
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def get(setting: Setting) -> Any:
    """The stored value coerced to the default's type, or the default."""
    value = _store().value(setting.key, setting.default)
    return _coerce(value, setting.default)


def put(setting: Setting, value: Any) -> None:
    """Store a value (written to disk at once, so a crash loses nothing)."""
    store = _store()
    store.setValue(setting.key, value)
    store.sync()


def _coerce(value: Any, default: Any) -> Any:
    if value is None:
        return default
    if isinstance(default, bool):
        if isinstance(value, str):
            return value.lower() in ("true", "1", "yes")
        return bool(value)
    if isinstance(default, int):
        try:
            return int(value)
        except (TypeError, ValueError):
            return default
    if isinstance(default, list):
        if isinstance(value, str):
            return [value] if value else []
        return list(value) if isinstance(value, (list, tuple)) else default
    if isinstance(default, dict):
        return dict(value) if isinstance(value, dict) else default
    if isinstance(default, QByteArray):
        return value if isinstance(value, QByteArray) else QByteArray()
    return value



class PreferencesDialog(QDialog):
    """One row per setting in ``PREFERENCES``; OK stores them."""

    def __init__(self, parent=None):
        # The dialog's widgets are imported here: each Qt class costs its enums, and start-up needs none of them.
        from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QFormLayout, QLineEdit, QSpinBox

        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        form = QFormLayout(self)
        self.language = QComboBox()
        for code, name in (("zh_CN", "中文（简体）"), ("en", "English")):
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(get(LANGUAGE))))
        self.font_size = QSpinBox()
        self.font_size.setRange(8, 40)
        self.font_size.setValue(get(FONT_SIZE))
        self.simplified = QCheckBox()
        self.simplified.setChecked(get(SIMPLIFIED))
        self.delay = QSpinBox()
        self.delay.setRange(0, 2000)
        self.delay.setSingleStep(50)
        self.delay.setValue(get(SEARCH_DELAY))
        self.author = QLineEdit(get(EXPORT_AUTHOR))
        self.author.setObjectName("export_author")
        self.author.setPlaceholderText(EXPORT_AUTHOR.default)
        for setting, widget in ((LANGUAGE, self.language), (FONT_SIZE, self.font_size),
                                (SIMPLIFIED, self.simplified), (SEARCH_DELAY, self.delay),
                                (EXPORT_AUTHOR, self.author)):
            form.addRow(setting.display_title(), widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def accept(self) -> None:
        put(LANGUAGE, self.language.currentData())
        put(FONT_SIZE, self.font_size.value())
        put(SIMPLIFIED, self.simplified.isChecked())
        put(SEARCH_DELAY, self.delay.value())
        put(EXPORT_AUTHOR, self.author.text().strip())
        super().accept()


def remember_recent(doc_id: str) -> None:
    """Put ``doc_id`` first among the recently read documents (``RECENT_DOCS``)."""
    recent = [d for d in get(RECENT_DOCS) if d != doc_id]
    put(RECENT_DOCS, [doc_id, *recent][:RECENT_LIMIT])


def include_new_documents(workspace, changes) -> None:
    """New documents join the compared ones (``COMPARE_DOCS``: remembered, the compare view may not exist yet).

    A bulk import (more documents than a comparison shows by default) adds
    none: the user picks among them by region, level and year. Here, not in
    the compare view's module: the window calls it after every change, and
    importing that module on the GUI thread after the first import was
    ~10 ms (~40 ms while a worker lists the library).
    """
    from index.library.shortlist import DEFAULT_COLUMNS

    if not changes.added or len(changes.added) > DEFAULT_COLUMNS:
        return
    corpus = workspace.corpus
    chosen = [d for d in get(COMPARE_DOCS) if corpus.has_document(d)]
    if not chosen:
        chosen = workspace.compare_choice(None, get(RECENT_DOCS))
    put(COMPARE_DOCS, chosen + sorted(d for d in changes.added if d not in chosen))
