"""Engine errors as text for the user: a translated sentence, then the engine's detail."""

from __future__ import annotations

from desktop.settings import QT_TRANSLATE_NOOP

# What went wrong, per engine error code, in the user's language; the
# engine's own (English) message follows as the detail.
ERROR_TITLES = {
    "database": QT_TRANSLATE_NOOP("Errors", "The notes database cannot be used."),
    "database_newer": QT_TRANSLATE_NOOP("Errors", "The notes database was written by a newer ZoneRef; "
                                                  "please update ZoneRef."),
    "database_full": QT_TRANSLATE_NOOP("Errors", "The disk is full, so the notes cannot be saved. Free some space "
                                                 "and try again; your notes are safe."),
    "database_read_only": QT_TRANSLATE_NOOP("Errors", "The notes database cannot be written (a read-only file, "
                                                      "folder or disk). Check its permissions; your notes are "
                                                      "safe and can still be read."),
    "database_io": QT_TRANSLATE_NOOP("Errors", "The disk reported an error with the notes database. Check the "
                                               "disk, close every ZoneRef window and start again; the file was "
                                               "left as it is."),
    "database_busy": QT_TRANSLATE_NOOP("Errors", "Another ZoneRef window or command is using the notes database. "
                                                 "Close it and try again."),
    "database_damaged": QT_TRANSLATE_NOOP("Errors", "The notes database is damaged and could not be repaired now; "
                                                    "it was left as it is."),
    "not_notes_database": QT_TRANSLATE_NOOP("Errors", "The chosen file is not a ZoneRef notes database; your notes "
                                                      "were not changed."),
    "reader_start": QT_TRANSLATE_NOOP("Errors", "The processes that read imported files could not start."),
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
    "export_in_use": QT_TRANSLATE_NOOP("Errors", "The export failed: the file is open in another program (Word, WPS, "
                                                 "Excel…) or read-only. Close it there, or choose another name, and "
                                                 "export again; the file was left as it was."),
    "content": QT_TRANSLATE_NOOP("Errors", "A document in the library cannot be read."),
}
# A metadata value the engine's rules refuse (``index.library.fields``), per (field, problem): the whole
# message, no English detail after it.
METADATA_PROBLEMS = {
    ("title", "empty"): QT_TRANSLATE_NOOP("Errors", "The title cannot be empty."),
    ("region", "empty"): QT_TRANSLATE_NOOP("Errors", "The region cannot be empty; write 不详 if it is not known."),
    ("region", "region"): QT_TRANSLATE_NOOP("Errors", "The region must be a province-level region (e.g. 湖北省 or "
                                                      "湖北), 全国 for a national document, or 不详."),
    ("year", "year"): QT_TRANSLATE_NOOP("Errors", "The year must be four digits from 1949 to 2100, e.g. 2017."),
    ("date", "date"): QT_TRANSLATE_NOOP("Errors", "The date must be written YYYY-MM-DD, e.g. 2017-12-12."),
}


def metadata_problem_text(field: str, problem: str) -> str:
    """Why a metadata value is refused (``index.library.fields.problem``), in the user's language."""
    from PySide6.QtCore import QCoreApplication

    text = METADATA_PROBLEMS.get((field, problem)) or METADATA_PROBLEMS.get((problem, problem))
    if text is None:  # a rule without its own sentence: still the user's language, naming the field
        return QCoreApplication.translate("Errors", "This value cannot be used: %1").replace("%1", field)
    return QCoreApplication.translate("Errors", text)


def error_text(exc: BaseException) -> str:
    """A typed engine error as text for a message box: a translated sentence, then the engine's detail."""
    from PySide6.QtCore import QCoreApplication

    from index.base.errors import KnownError, UnknownIdError
    from index.library.fields import MetadataError

    if isinstance(exc, MetadataError):
        return metadata_problem_text(exc.field, exc.problem)
    title = ERROR_TITLES.get(getattr(exc, "code", "")) if isinstance(exc, KnownError) else None
    if isinstance(exc, UnknownIdError) and not title:
        return QCoreApplication.translate("Errors", "Not found: %1").replace("%1", str(exc))
    if isinstance(exc, KnownError):
        if title:
            return (QCoreApplication.translate("Errors", title) + "\n"
                    + QCoreApplication.translate("Errors", "Details: %1").replace("%1", str(exc)))
        return QCoreApplication.translate("Errors", "The operation could not be completed:\n%1").replace("%1", str(exc))
    return QCoreApplication.translate("Errors", "Unexpected error (a bug): %1").replace("%1", repr(exc))
