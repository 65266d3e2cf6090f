"""The engine objects one window works with (``Services``), and their background work."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from index.base.memory import keep_long_lived

log = logging.getLogger(__name__)


# A write of the window waits this long for a lock another program holds, then is refused and said (the notes
# panel tries again by itself); the engine's own wait, ~87 s, froze the window.
LOCK_WAIT_S = 1.0


class Services(QObject):
    """The window's handle on the engine: a ``Workspace``, its background work, and what changed.

    The search index opens on a worker (``open_index``) after the window is
    shown, so start-up never waits for it and never loads jieba. The user
    database is opened on the GUI thread on first use: its calls are small
    local SQLite transactions (milliseconds), and an ``sqlite3`` connection
    belongs to the thread that made it. Workers never touch this workspace:
    they open ``workspace.worker()``, a handle on the same folders.

    Re-anchoring (finding each note's passage again after a document's text
    changed) runs on a worker with its own database connection
    (``reanchor_in_background``); the reader paints only notes whose quote is
    still where it was, and repaints when the worker is done.

    Changes, whoever made them, arrive at ``apply``: an operation of this
    window passes the ``Changes`` it returned, and a timer polls
    ``Workspace.external_changes`` for what other processes did (a CLI
    import, a second window). ``apply`` brings the engine objects in step and
    emits ``changed`` once; the main window refreshes exactly the views that
    show what changed.

    Signals:
        changed(object): the ``Changes`` just applied.
        index_ready(object): the opened ``SearchIndex``.
        index_failed(object): the exception from opening it.
        index_progress(int, int): documents indexed, documents in all (while building).
        annotations_changed(object): a document id, or None for all.
        db_recovered(object): the ``userdb.RecoveryReport`` of a damaged database
            that was set aside and restored when it was opened.
        db_trouble(object): the ``DatabaseError`` that made the notes database open
            read-only (a full disk, a read-only folder …): notes can be read, not saved.
        reanchored(object): the ``ReanchorReport`` of a background re-anchoring.
    """

    changed = Signal(object)
    index_ready = Signal(object)
    index_failed = Signal(object)
    index_progress = Signal(int, int)
    annotations_changed = Signal(object)
    db_recovered = Signal(object)
    db_trouble = Signal(object)
    reanchored = Signal(object)

    #: How often other processes' changes are looked for (the target is "noticed within 2 s").
    POLL_MS = 1000

    def __init__(self, workspace=None, parent=None):
        super().__init__(parent)
        from index.workspace import Workspace

        self.workspace = workspace or Workspace()
        self.corpus = self.workspace.corpus
        self.index = None
        self._index_op = None
        self._db = None
        self._notes = None
        self.recovery_report = None
        self.trouble = None  # why the notes database is read-only, if it is
        self._reanchor_op = None
        self._pending_all = False  # a re-anchoring of every document is waiting
        self._pending_docs: set[str] = set()  # documents waiting to be re-anchored
        self.reanchor_runs = 0  # finished runs (tests)
        self._checked_all = False  # every document's notes were re-anchored in this session
        self._checked: set[str] = set()  # documents whose notes were
        self._poll = None
        self._writes: set = set()  # ops writing documents now (``writing``)
        self._background = None
        self._background_lock = threading.Lock()
        self._listing = None  # the ops.Op listing the library after documents changed (``apply``)
        self._scan = None  # the ops.Op stat-ing the document files for a look at other processes' changes
        self._writes_started = 0  # write operations started (``writing``): a scan from before one is dropped
        self._listing_changes = None  # the changes it waits to apply

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

        worker = self.workspace.worker()

        def work(progress, cancelled):
            idx = worker.search_index()
            (idx.rebuild if rebuild else idx.ensure)(progress=progress, cancel=cancelled)
            idx.warm()  # here, on the worker: the first query then finds its scratch memory ready
            return idx

        def done(idx):
            self._index_op = None
            self.index = idx
            self.index_ready.emit(idx)
            keep_long_lived()  # the open index's objects: later full collections need not walk them

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

    def run_engine(self, work: Callable[..., Any], on_success, on_failure, parent,
                   on_progress: Callable[[int, int, str], None] | None = None) -> Any:
        """Run ``work(engine, cancelled)`` on a worker, with the workspace handle background work shares.

        With ``on_progress`` the work is ``work(engine, cancelled, progress)`` and what it reports through
        ``progress(done, total)`` reaches ``on_progress(done, total, message)`` on this thread.

        The handle (``workspace.worker()``) keeps its parsed clauses between
        operations, and a lock lets one operation use it at a time; a new
        handle replaces it when documents change. Returns the ``ops.Op``:
        ``cancel()`` it when a newer request supersedes it.
        """
        from desktop import ops

        if self._background is None:
            self._background = self.workspace.worker()
        engine, lock = self._background, self._background_lock

        def run(cancelled, progress):
            with lock:
                if cancelled():
                    raise ops.Cancelled("superseded before it started")
                return work(engine, cancelled) if on_progress is None else work(engine, cancelled, progress)

        op = ops.Op(run, on_success, on_failure, parent=parent)
        op.on_progress = on_progress
        return op.run()

    # -- changes -------------------------------------------------------------------
    def apply(self, changes) -> None:
        """Bring the engine objects in step with ``changes`` and tell the views (``changed``), once.

        When documents changed, the library is listed again on a worker first
        (3,500 files' ``stat``, the manifest's rows, the version groups: half a
        second under load, a freeze on this thread) and swapped in here; a
        change arriving meanwhile supersedes that listing and is applied with it.
        """
        if not changes:
            return
        if changes.documents:
            self._list_then_apply(changes)
        else:
            self._apply_now(changes)

    def applying(self) -> bool:
        """Whether documents changed and the library is being listed again before the change is applied."""
        return self._listing is not None

    def _list_then_apply(self, changes) -> None:
        from desktop import ops

        if self._listing is not None:  # superseded: its listing may miss these changes
            self._listing.cancel()
            changes = self._listing_changes | changes
        worker = self.workspace.worker()

        def work(cancelled):
            try:
                if cancelled():
                    raise ops.Cancelled("superseded before it started")
                return worker.list_documents()
            finally:
                worker.close()

        def done(listing, error=None):
            self._listing = self._listing_changes = None
            if error is not None:  # listed here instead (the next look at the library does it)
                log.warning("listing the library on a worker failed", exc_info=error)
            self._apply_now(changes, listing)

        op = ops.Op(work, done, lambda exc: done(None, exc), parent=self)
        self._listing, self._listing_changes = op, changes
        self.writing(op).run()  # other processes' changes are looked for after it: they are in its listing

    def _apply_now(self, changes, listing=None) -> None:
        if changes.documents or changes.index:
            self.workspace.reload(changes, listing)
        if changes.documents:
            # A running op keeps the old handle; the next one gets a fresh corpus. What the old one listed is freed
            # on a background thread (dropped here: ~14 ms of this thread at 3,500 documents, ~40 ms under load).
            old, self._background = self._background, None
            if old is not None:
                old.corpus.let_go()
            for doc_id in changes.added | changes.removed | changes.edited:
                self._checked.discard(doc_id)
            if changes.removed or changes.edited:
                self._checked_all = False
        # Reopen the index (a worker or another process changed it on disk) once the views are refreshed: its
        # worker lists the library first, and sharing the interpreter lock with it made the refresh after an
        # import several times slower (~40 ms of work held the GUI thread 150-250 ms).
        reopen = bool(changes.documents or changes.index) and self.index is not None and self._index_op is None
        if reopen:
            old_index, self.index = self.index, None
            old_index.corpus.let_go()  # the index's own listing of the library, freed as the handle's above
        if changes.all_notes:
            self.annotations_changed.emit(None)
        else:
            for doc_id in sorted(changes.notes):
                self.annotations_changed.emit(doc_id)
        self.changed.emit(changes)
        if changes.documents:
            keep_long_lived()  # the listing just swapped in lives until the next change
        if reopen:
            self.open_index()

    def watch(self) -> None:
        """Start looking for other processes' changes (every ``POLL_MS``); the first look takes a snapshot."""
        from PySide6.QtCore import QTimer

        if self._poll is None:
            self._poll = QTimer(self)
            self._poll.setInterval(self.POLL_MS)
            self._poll.timeout.connect(self.check_external)
            self._poll.start()
            self.check_external()

    def writing(self, op):
        """Mark ``op`` (not yet run) as writing documents through a worker handle; returns it.

        While one runs, the look for other processes' changes waits: the files it
        writes are this window's own (its ``apply`` marks them seen), and reloading
        the library at every look while an import writes hundreds of files froze
        the window for seconds at a time.
        """
        self._writes.add(op)
        self._writes_started += 1
        op.on_end = lambda: self._writes.discard(op)
        return op

    def looking(self) -> bool:
        """Whether a look for other processes' changes is stat-ing the document files on a worker."""
        return self._scan is not None

    def check_external(self) -> None:
        """Apply what other processes changed since the last look (not while this window writes documents).

        When every document file is to be stat-ed (``Workspace.documents_scan_due``), that happens on a
        worker and the look ends when it is back; a write of this window started meanwhile drops the scan
        (its own files would look like another process's), and the next look scans again.
        """
        from desktop import ops

        if self._writes or self._scan is not None:
            return
        if not self.workspace.documents_scan_due():
            self._look()
            return
        workspace, started = self.workspace, self._writes_started

        def done(scanned):
            self._scan = None
            if not self._writes and self._writes_started == started:
                self._look(scanned)

        def failed(exc):
            self._scan = None
            log.warning("looking for external changes failed", exc_info=exc)

        self._scan = ops.Op(workspace.scan_documents, done, failed, parent=self)
        self._scan.run()

    def _look(self, scanned=None) -> None:
        try:  # ``apply`` lists the library on a worker
            changes = self.workspace.external_changes(reload=False, scanned=scanned)
        except Exception:  # noqa: BLE001 - a failed look is retried at the next tick
            log.warning("looking for external changes failed", exc_info=True)
            return
        self.apply(changes)

    def db(self):
        """The user database, opened on first use (damage is recovered and reported: ``db_recovered``)."""
        if self._db is None:
            from index.userdata.connection import wait_briefly

            self._db = self.workspace.db()
            wait_briefly(self._db, LOCK_WAIT_S)  # a write on the window's thread never waits ~87 s for a lock
            report, self.workspace.recovery_report = self.workspace.recovery_report, None
            if report is not None:
                self.recovery_report = report
                self.db_recovered.emit(report)
            if self.workspace.db_trouble is not None:
                self.trouble = self.workspace.db_trouble
                self.db_trouble.emit(self.trouble)
        return self._db

    def recover_notes(self, file):
        """Merge the notes of a set-aside file, a backup or a copy into the user's; returns the ``MergeReport``."""
        self.db()
        report, changes = self.workspace.recover_notes(file)
        self.apply(changes)
        return report

    def restore_notes(self, backup=None):
        """Replace the user's notes with a backup's (the state before is kept); returns the ``RestoreReport``."""
        self.db()
        report, changes = self.workspace.restore_notes(backup)
        self.apply(changes)
        return report

    def close(self) -> None:
        """Close the engine at the end of the window's life (the notes are backed up if they changed)."""
        if self._poll is not None:
            self._poll.stop()
        if self._listing is not None:  # a change not applied yet: nothing is left to show it
            self._listing.cancel()
            self._listing = self._listing_changes = None
        if self._scan is not None:  # a look in flight: its outcome is dropped
            self._scan.cancel()
            self._scan = None
        self.workspace.close()
        self._db = None
        self._notes = None

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

        everything, docs = self._pending_all, sorted(self._pending_docs)
        self._pending_all, self._pending_docs = False, set()
        if not everything and not docs:
            return
        worker = self.workspace.worker()

        def work():
            from index.userdata.notes import ReanchorReport

            try:
                store = worker.notes()
                if everything:
                    return store.reanchor_all()
                total = ReanchorReport()
                for doc_id in docs:
                    total += store.reanchor_document(doc_id)
                return total
            finally:
                worker.close()

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
            self.db()
            self._notes = self.workspace.notes()
        return self._notes

