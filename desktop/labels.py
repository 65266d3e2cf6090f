"""Names the engine keeps in Chinese, as data (a note's colour, a match's band), shown in the interface's
language: the Chinese interface shows them as they are, the English one translated."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

_COLOURS = {"重点": QT_TRANSLATE_NOOP("Labels", "Key point"), "疑问": QT_TRANSLATE_NOOP("Labels", "Question"),
            "对比": QT_TRANSLATE_NOOP("Labels", "Compare"), "待办": QT_TRANSLATE_NOOP("Labels", "To do")}
_BANDS = {"强": QT_TRANSLATE_NOOP("Labels", "strong"), "中": QT_TRANSLATE_NOOP("Labels", "medium"),
          "弱": QT_TRANSLATE_NOOP("Labels", "weak")}


def colour(name: str) -> str:
    """A note colour's name (重点 …) in the interface's language."""
    return QCoreApplication.translate("Labels", _COLOURS[name]) if name in _COLOURS else name


def band(name: str | None) -> str:
    """A match's band (强 / 中 / 弱) in the interface's language."""
    return QCoreApplication.translate("Labels", _BANDS[name]) if name in _BANDS else (name or "")
