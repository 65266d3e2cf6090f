"""Engine errors as text for the user: a translated sentence, then the engine's detail."""

from __future__ import annotations

from desktop.settings import QT_TRANSLATE_NOOP

# What went wrong, per engine error code, in the user's language; the
# engine's own (English) message follows as the detail.
ERROR_TITLES = {
    "database": QT_TRANSLATE_NOOP("Errors", "The notes database cannot be used."),
    "database_newer": QT_TRANSLATE_NOOP("Errors", "The notes database was written by a newer ZoneRef; "
                                                  "please update ZoneRef."),
    "search_index": QT_TRANSLATE_NOOP("Errors", "The search index cannot be used; try File → Rebuild search index."),
    "comparison_set": QT_TRANSLATE_NOOP("Errors", "The comparison set cannot be used."),
    "comparison_set_file": QT_TRANSLATE_NOOP("Errors", "This file is not a valid comparison set."),
    "unknown_topic": QT_TRANSLATE_NOOP("Errors", "There is no such topic."),
    "bundled_document": QT_TRANSLATE_NOOP("Errors", "Bundled documents cannot be removed; only imported ones."),
    "note": QT_TRANSLATE_NOOP("Errors", "The note cannot be saved."),
    "quote_not_found": QT_TRANSLATE_NOOP("Errors", "The quoted text was not found in the clause."),
    "bad_color": QT_TRANSLATE_NOOP("Errors", "Unknown highlight colour."),
    "notes_import": QT_TRANSLATE_NOOP("Errors", "The notes file cannot be imported."),
    "export": QT_TRANSLATE_NOOP("Errors", "The export failed."),
    "content": QT_TRANSLATE_NOOP("Errors", "A document in the library cannot be read."),
}


def error_text(exc: BaseException) -> str:
    """A typed engine error as text for a message box: a translated sentence, then the engine's detail."""
    from PySide6.QtCore import QCoreApplication

    from index.base.errors import KnownError, UnknownIdError

    title = ERROR_TITLES.get(getattr(exc, "code", "")) if isinstance(exc, KnownError) else None
    if isinstance(exc, UnknownIdError) and not title:
        return QCoreApplication.translate("Errors", "Not found: %1").replace("%1", str(exc))
    if isinstance(exc, KnownError):
        if title:
            return (QCoreApplication.translate("Errors", title) + "\n"
                    + QCoreApplication.translate("Errors", "Details: %1").replace("%1", str(exc)))
        return QCoreApplication.translate("Errors", "The operation could not be completed:\n%1").replace("%1", str(exc))
    return QCoreApplication.translate("Errors", "Unexpected error (a bug): %1").replace("%1", repr(exc))
