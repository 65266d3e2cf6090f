"""The engine objects one window works with (``Services``), and their background work."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


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
