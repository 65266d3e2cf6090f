"""The QApplication: translators, palette, fonts, icon.

Chinese is the default UI language; English is a setting applied at the next
start. Qt's own ``qtbase`` translation is installed next to ours so standard
dialogs (file dialogs, message box buttons) speak the same language (Picard's
``i18n/qt.py``). The palette follows the system light/dark scheme.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, Qt, QTranslator, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from desktop import settings
from desktop.settings import QT_TRANSLATE_NOOP
from index.base import paths

log = logging.getLogger(__name__)

# Preferred families first; Qt falls back along the list for missing glyphs.
UI_FAMILIES = ["Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
               "WenQuanYi Micro Hei", "Noto Sans CJK TC", "sans-serif"]
READER_FAMILIES = ["Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC",
                   "Noto Serif CJK TC", "Noto Sans CJK SC", "serif"]

# Keep translators alive as long as the app (Qt does not own them).
_translators: list[QTranslator] = []
_follows_scheme = False


def translations_dir() -> Path:
    return paths.resources_dir() / "translations"


def icon_path() -> Path:
    return paths.resources_dir() / "icons" / "zoneref.svg"


def app_icon() -> QIcon:
    """The app icon: PNG renderings of ``zoneref.svg`` (no SVG plugin needed) plus the SVG."""
    icon = QIcon()
    for size in (32, 64, 256):
        icon.addFile(str(icon_path().with_name(f"zoneref-{size}.png")))
    icon.addFile(str(icon_path()))
    return icon


def install_translators(app: QApplication, language: str) -> None:
    """Install Qt's and ZoneRef's translators for ``language`` (``zh_CN`` or ``en``).

    Source strings are English, so ``en`` needs only an empty translator;
    it still loads ``zoneref_en.qm`` to keep the two paths symmetrical.
    """
    for tr in _translators:
        app.removeTranslator(tr)
    _translators.clear()
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"zoneref_{language}", str(translations_dir()))):
        tr = QTranslator(app)
        if tr.load(name, folder):
            app.installTranslator(tr)
            _translators.append(tr)


def ui_font() -> QFont:
    font = QFont()
    font.setFamilies(UI_FAMILIES)
    font.setPointSize(10)
    return font


def reader_font(size: int) -> QFont:
    font = QFont()
    font.setFamilies(READER_FAMILIES)
    font.setPointSize(max(8, min(40, size)))
    return font


def _dark_palette() -> QPalette:
    pal = QPalette()
    base, window, text = QColor(32, 33, 36), QColor(45, 46, 50), QColor(225, 225, 225)
    pal.setColor(QPalette.ColorRole.Window, window)
    pal.setColor(QPalette.ColorRole.WindowText, text)
    pal.setColor(QPalette.ColorRole.Base, base)
    pal.setColor(QPalette.ColorRole.AlternateBase, window)
    pal.setColor(QPalette.ColorRole.Text, text)
    pal.setColor(QPalette.ColorRole.Button, window)
    pal.setColor(QPalette.ColorRole.ButtonText, text)
    pal.setColor(QPalette.ColorRole.ToolTipBase, base)
    pal.setColor(QPalette.ColorRole.ToolTipText, text)
    pal.setColor(QPalette.ColorRole.Highlight, QColor(64, 120, 200))
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor(140, 140, 140))
    pal.setColor(QPalette.ColorRole.Link, QColor(120, 170, 255))
    return pal


def apply_palette(app: QApplication, scheme: Qt.ColorScheme | None = None) -> None:
    """Light or dark palette according to ``scheme`` (default: the system colour scheme)."""
    if scheme is None:
        scheme = QGuiApplication.styleHints().colorScheme()
    if scheme == Qt.ColorScheme.Dark:
        app.setPalette(_dark_palette())
    else:
        app.setPalette(app.style().standardPalette())


def is_dark() -> bool:
    """Whether the palette in use is a dark one (light text on a dark window)."""
    return QGuiApplication.palette().color(QPalette.ColorRole.Window).lightness() < 128


def create_app(argv: list[str] | None = None) -> QApplication:
    """The QApplication, configured; reuses an existing instance (tests)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("ZoneRef")
    app.setOrganizationName("ZoneRef")
    app.setApplicationDisplayName("ZoneRef")
    app.setStyle("Fusion")
    app.setFont(ui_font())
    app.setWindowIcon(app_icon())
    apply_palette(app)
    global _follows_scheme
    if not _follows_scheme:  # once per process: create_app is called again by tests
        QGuiApplication.styleHints().colorSchemeChanged.connect(lambda scheme: apply_palette(app, scheme))
        _follows_scheme = True
    install_translators(app, settings.get(settings.LANGUAGE))
    return app


def run_gui(argv: list[str] | None = None) -> int:
    """Launch the main window and run the event loop."""
    app = create_app(argv)
    show_main_window()
    return app.exec()


def show_main_window(size: tuple[int, int] | None = None, **kwargs):
    """The main window as a launch shows it: shown, then its background work (index, notes) started.

    ``run_gui`` and the benchmarks' probes (``gui --time-startup``,
    ``bench/gui_import_probe.py``) all start it here. ``kwargs`` go to ``MainWindow``.
    """
    from desktop.mainwindow import MainWindow

    win = MainWindow(**kwargs)
    if size is not None:
        win.resize(*size)
    win.show()
    win.start_background()
    return win


class Services(QObject):
    """The engine objects one window works with, created lazily.

    The search index opens on a worker (``open_index``) after the window is
    shown, so start-up never waits for it and never loads jieba. The user
    database is opened on the GUI thread on first use: its calls are small
    local SQLite transactions (milliseconds), and an ``sqlite3`` connection
    belongs to the thread that made it.

    Re-anchoring (finding each note's passage again after a document's text
    changed) runs on a worker with its own database connection
    (``reanchor_in_background``); the reader paints only notes whose quote is
    still where it was, and repaints when the worker is done.

    Signals:
        index_ready(object): the opened ``SearchIndex``.
        index_failed(object): the exception from opening it.
        index_progress(int, int): documents indexed, documents in all (while building).
        annotations_changed(object): a document id, or None for all.
        db_recovered(object): the ``userdb.RecoveryReport`` of a damaged database
            that was set aside and restored when it was opened.
        reanchored(object): the ``ReanchorReport`` of a background re-anchoring.
    """

    index_ready = Signal(object)
    index_failed = Signal(object)
    index_progress = Signal(int, int)
    annotations_changed = Signal(object)
    db_recovered = Signal(object)
    reanchored = Signal(object)

    def __init__(self, corpus=None, parent=None):
        super().__init__(parent)
        from index.library.corpus import Corpus

        self.corpus = corpus or Corpus()
        self.index = None
        self._index_op = None
        self._db = None
        self._notes = None
        self.recovery_report = None
        self._reanchor_op = None
        self._pending_all = False  # a re-anchoring of every document is waiting
        self._pending_docs: set[str] = set()  # documents waiting to be re-anchored
        self.reanchor_runs = 0  # finished runs (tests)
        self._checked_all = False  # every document's notes were re-anchored in this session
        self._checked: set[str] = set()  # documents whose notes were

    def open_index(self) -> None:
        """Open (or build) the search index on a worker; emits ``index_ready``."""
        if self.index is None and self._index_op is None:
            self._run_index_op(rebuild=False)

    def rebuild_index(self, parent) -> None:
        """Rebuild the index from scratch (progress dialog with Cancel); reopens it when done."""
        if self._index_op is None:
            self.index = None
            self._run_index_op(rebuild=True, dialog_parent=parent)

    def _run_index_op(self, rebuild: bool, dialog_parent=None) -> None:
        """``SearchIndex.ensure`` (or ``rebuild``) on a worker; progress to ``index_progress``."""
        from desktop import ops

        corpus = self.corpus

        def work(progress, cancelled):
            from index.search.searcher import SearchIndex

            idx = SearchIndex(corpus)
            (idx.rebuild if rebuild else idx.ensure)(progress=progress, cancel=cancelled)
            return idx

        def done(idx):
            self._index_op = None
            self.index = idx
            self.index_ready.emit(idx)

        def failed(exc):
            self._index_op = None
            if rebuild and getattr(exc, "code", None) == "cancelled":
                self.open_index()  # the old index is still on disk: open it again
            else:
                self.index_failed.emit(exc)

        op = ops.Op(work, done, failed, parent=self)
        if dialog_parent is not None:
            from PySide6.QtCore import QCoreApplication

            label = QCoreApplication.translate("Services", "Rebuilding the search index…")
            op = op.with_progress(dialog_parent, label, delay_ms=0)
        op.on_progress = lambda d, t, _m: self.index_progress.emit(d, t)  # the search view's status line
        self._index_op = op
        op.run()

    def library_changed(self) -> None:
        """Documents were imported or removed (by a worker with its own Corpus)."""
        self.corpus.reload()
        self._checked_all = False
        self._checked.clear()
        if self.index is not None:
            self.index = None
            self.open_index()  # reopen: the worker updated it on disk

    def db(self):
        """The user database, opened on first use (damage is recovered and reported: ``db_recovered``)."""
        if self._db is None:
            from index.userdata.database import open_db, take_recovery_report

            self._db = open_db()
            report = take_recovery_report()
            if report is not None:
                self.recovery_report = report
                self.db_recovered.emit(report)
        return self._db

    def reanchor_in_background(self, doc_ids=None) -> None:
        """Re-place notes of documents whose text changed, on a worker.

        Args:
            doc_ids: documents to re-anchor; ``None`` checks every document
                (``NoteStore.reanchor_all``, cheap when nothing changed).

        The worker opens its own connection (an ``sqlite3`` connection belongs
        to its thread) after this thread has opened, recovered and migrated the
        database. When it is done ``reanchored`` is emitted, and
        ``annotations_changed(None)`` so readers repaint. A request made while
        one runs waits and runs after it.
        """
        try:
            self.db()
        except Exception:  # noqa: BLE001 - the notes panel shows why the database cannot be opened
            log.warning("notes database unavailable; no re-anchoring", exc_info=True)
            return
        if doc_ids is None:
            self._pending_all = True
        else:
            self._pending_docs |= set(doc_ids)
        if self._reanchor_op is None:
            self._start_reanchor()

    def _start_reanchor(self) -> None:
        from desktop import ops
        from index.userdata import database as userdb

        everything, docs = self._pending_all, sorted(self._pending_docs)
        self._pending_all, self._pending_docs = False, set()
        if not everything and not docs:
            return
        path = userdb.default_path()
        content, imported = self.corpus.content_dir, self.corpus.imported_dir

        def work():
            from index.library.corpus import Corpus
            from index.userdata.notes import NoteStore, ReanchorReport

            db = userdb.open_db(path, recover=False)
            try:
                store = NoteStore(db, Corpus(content, imported))
                if everything:
                    return store.reanchor_all()
                total = ReanchorReport()
                for doc_id in docs:
                    total += store.reanchor_document(doc_id)
                return total
            finally:
                db.close()

        def finish(report, error=None):
            self._reanchor_op = None
            self.reanchor_runs += 1
            if error is not None:
                log.error("re-anchoring failed", exc_info=error)
            else:
                self._checked_all = self._checked_all or everything
                self._checked.update(docs)
                self.reanchored.emit(report)
                self.annotations_changed.emit(None)
            self._start_reanchor()

        self._reanchor_op = ops.Op(work, finish, lambda exc: finish(None, exc), parent=self).run()

    def anchors_checked(self, doc_id: str) -> bool:
        """Whether ``doc_id``'s notes were re-anchored against its current text in this session."""
        return self._checked_all or doc_id in self._checked

    def reanchoring(self) -> bool:
        """Whether a background re-anchoring is running or waiting."""
        return self._reanchor_op is not None or self._pending_all or bool(self._pending_docs)

    def notes_ready(self) -> bool:
        """Whether the note store is open (opening it imports sqlite-utils: ~0.3 s)."""
        return self._notes is not None

    def notes(self):
        """The ``NoteStore`` over the user database."""
        if self._notes is None:
            from index.userdata.notes import NoteStore

            self._notes = NoteStore(self.db(), self.corpus)
        return self._notes


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

    if isinstance(exc, UnknownIdError):
        return QCoreApplication.translate("Errors", "Not found: %1").replace("%1", str(exc))
    if isinstance(exc, KnownError):
        title = ERROR_TITLES.get(getattr(exc, "code", ""))
        if title:
            return (QCoreApplication.translate("Errors", title) + "\n"
                    + QCoreApplication.translate("Errors", "Details: %1").replace("%1", str(exc)))
        return QCoreApplication.translate("Errors", "The operation could not be completed:\n%1").replace("%1", str(exc))
    return QCoreApplication.translate("Errors", "Unexpected error (a bug): %1").replace("%1", repr(exc))
