"""The main window: library (left), tabs (centre), notes (right).

The centre tabs are readers (one per open document) plus the search,
compare, coverage and 修订对照 (redline) views. Layout, splitters, open tabs and
preferences persist through ``desktop.settings``.
"""

from __future__ import annotations

import gc
import logging
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QLabel,
    QMainWindow,
    QSplitter,
    QTabBar,
    QTabWidget,
    QWidget,
)

from desktop import ops, settings
from desktop.errors import error_text
from desktop.library_view import LibraryView
from desktop.search_view import SearchView
from desktop.services import Services
from index.base.errors import KnownError

if TYPE_CHECKING:  # made on first use, not on the start-up path (each Qt class touched costs its enums)
    from PySide6.QtWidgets import QMessageBox

    from desktop.reader_view import ReaderView


def _reader_class():
    """``ReaderView``, imported when first needed (a first start shows no reader)."""
    from desktop.reader_view import ReaderView

    return ReaderView

log = logging.getLogger(__name__)
CARRY_LISTED = 10  # notes not copied named in the message, at most

#: The notes load once the search index is open, or this long after the first paint if it is not yet.
NOTES_AFTER_MS = 2000


def tab_title(title: str, limit: int = 14) -> str:
    """A reader tab's label: the short title, cut to ``limit`` characters (the tooltip has it all)."""
    return title if len(title) <= limit else title[:limit - 1] + "…"


class _FirstPaint(QObject):
    """Calls ``done`` on the first pass of the event loop after its window's first paint, then goes away."""

    def __init__(self, done, window):
        super().__init__(window)
        self.done = done

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self.done)
        return False


class _TabBar(QTabBar):
    """Tabs that shrink (…) to no fewer than ``SHORTEST`` characters, so a short name (检索, 主题覆盖) is never
    cut; past that, the tabs scroll. Qt's own minimum cut every tab to one character (主…, S…)."""

    SHORTEST = 6

    def minimumTabSizeHint(self, index: int):  # noqa: N802 - Qt override
        hint = self.tabSizeHint(index)
        text, metrics = self.tabText(index), self.fontMetrics()
        spare = metrics.horizontalAdvance(text) - metrics.horizontalAdvance(text[:self.SHORTEST] + "…")
        if spare > 0:
            hint.setWidth(hint.width() - spare)
        return hint


class _Tabs(QTabWidget):
    """The window's tabs; with none open, a line in their place says how to open one (links: search, compare,
    topic coverage) rather than a blank area. The line is made when the last tab is first closed."""

    def __init__(self, empty_text, link_activated):
        super().__init__()
        self.setTabBar(_TabBar())
        self._empty_text = empty_text
        self._link_activated = link_activated
        self.empty: QLabel | None = None

    def tabInserted(self, index: int) -> None:  # noqa: N802 - Qt override
        super().tabInserted(index)
        self._show_empty()

    def tabRemoved(self, index: int) -> None:  # noqa: N802 - Qt override
        super().tabRemoved(index)
        self._show_empty()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self.empty is not None:
            self.empty.setGeometry(self.rect())

    def _show_empty(self) -> None:
        if self.count() == 0 and self.empty is None:
            self.empty = QLabel(self)
            self.empty.setObjectName("no_tabs")
            self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.empty.setWordWrap(True)
            self.empty.setText(self._empty_text())
            self.empty.linkActivated.connect(self._link_activated)
            self.empty.setGeometry(self.rect())
        if self.empty is not None:
            self.empty.setVisible(self.count() == 0)


class MainWindow(QMainWindow):
    def __init__(self, services: Services | None = None, restore: bool = True):
        super().__init__()
        self.setObjectName("main_window")
        self.services = services or Services(parent=self)
        self.corpus = self.services.corpus
        self.setWindowTitle(self.tr("ZoneRef — Development-zone policy reference"))
        self.resize(1366, 768)
        self.tabs = _Tabs(self._no_tabs_text, self._no_tabs_link)
        self.tabs.setObjectName("tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)  # many tabs shrink before they scroll
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.setCentralWidget(self.tabs)

        self.library = LibraryView(self.corpus)
        self.library.document_activated.connect(lambda doc_id: self.open_document(doc_id))
        self.library_dock = self._dock(self.library, self.tr("Library"), "library_dock",
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.resizeDocks([self.library_dock], [300], Qt.Orientation.Horizontal)
        self._painted = False
        self._background_pending = False
        self._notes_started = False
        self._paint_watch = _FirstPaint(self._first_paint, self)
        self.installEventFilter(self._paint_watch)
        self._paint_timer = QTimer(self)
        self._paint_timer.setSingleShot(True)
        self._paint_timer.setInterval(300)
        self._paint_timer.timeout.connect(self._repaint_annotations)
        self._build_views()
        self._build_menus()
        self.statusBar()  # made now: one made after the window shows stays hidden
        self.recovery_box: QMessageBox | None = None
        self.trouble_box: QMessageBox | None = None
        self.unreadable_box: QMessageBox | None = None
        self.carry_box: QMessageBox | None = None  # what copying notes from other versions did
        self.trouble_label: QLabel | None = None
        self.services.db_recovered.connect(self.show_recovery_report)
        self.services.db_trouble.connect(self.show_db_trouble)
        self.services.reanchored.connect(self._reanchored)
        self.services.changed.connect(self.apply_changes)
        if self.services.recovery_report is not None:
            QTimer.singleShot(0, lambda: self.show_recovery_report(self.services.recovery_report))
        if restore:
            self.restore_state()

    # -- construction --------------------------------------------------------
    def _dock(self, widget, title: str, name: str, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        return dock

    def _build_views(self) -> None:
        self.search_view = SearchView(self.services)
        self.search_view.open_requested.connect(self.open_hit)
        self._made: dict[str, QWidget] = {}  # the views made on first use, by ``_make``'s names
        self.notes_dock = self._dock(None, self.tr("Notes"), "notes_dock",
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.notes_dock.hide()  # until the user adds a note or opens it (View menu); restoreState may show it
        self.notes_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.notes_dock.visibilityChanged.connect(self._notes_dock_shown)
        self.services.annotations_changed.connect(self._repaint_annotations)

    def _notes_dock_shown(self, shown: bool) -> None:
        """The panel is made when its dock first shows (or when a reader paints notes: ``_repaint_annotations``)."""
        if shown:
            self.notes_view  # noqa: B018 - made on first use

    def made(self, name: str):
        """The view ``name`` (see ``_make``) if it has been made, else None: asking makes nothing."""
        return self._made.get(name)

    def _lazy(self, name: str):
        """The view ``name``, made the first time it is needed (start-up imports none of their modules)."""
        view = self._made.get(name)
        if view is None:
            view = self._made[name] = self._make(name)
        return view

    def _make(self, name: str) -> QWidget:
        if name == "notes":  # the notes panel sits in ``notes_dock``
            from desktop.notes_view import NotesView

            view = NotesView(self.services)
            view.open_requested.connect(self.open_annotation)
            self.notes_dock.setWidget(view)
            if self.services.notes_ready():  # the notes loaded while it was not made (``_notes_ready``)
                view.refresh()
        elif name == "saved":  # “Saved: …” with Open / Open folder, in the status bar (at the first export)
            from desktop.saved_notice import SavedNotice

            view = SavedNotice()
            self.statusBar().addWidget(view, 1)
        elif name == "compare":
            from desktop.compare_view import CompareView

            view = CompareView(self.services)
            view.open_requested.connect(lambda cid: self.open_clause(cid))
        elif name == "redline":  # 修订对照
            from desktop.redline_view import RedlineView

            view = RedlineView(self.services)
        elif name == "coverage":
            from desktop.coverage_view import CoverageView

            view = CoverageView(self.services)
            view.open_requested.connect(lambda cid: self.open_clause(cid))
            view.topic_requested.connect(self.compare_topic)
        else:
            raise ValueError(f"no view called {name!r}")
        return view

    notes_view = property(lambda self: self._lazy("notes"), doc="The notes panel (NotesView), made on first use.")
    saved_notice = property(lambda self: self._lazy("saved"), doc="The status bar's SavedNotice, made on first use.")
    compare_view = property(lambda self: self._lazy("compare"), doc="The CompareView, made on first use.")
    redline_view = property(lambda self: self._lazy("redline"), doc="The 修订对照 RedlineView, made on first use.")
    coverage_view = property(lambda self: self._lazy("coverage"), doc="The CoverageView, made on first use.")

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.tr("Import files…"), self.import_files)
        file_menu.addAction(self.tr("Import folder…"), self.import_folder)
        self.library.files_dropped.connect(self.import_paths)
        self.library.remove_requested.connect(self.remove_document)
        self.library.edit_requested.connect(self.edit_document)
        self.library.redline_requested.connect(self.show_redline)
        self.library.link_requested.connect(self.link_versions)
        self.library.unlink_requested.connect(self.unlink_version)
        self.library.carry_notes_requested.connect(self.carry_notes)
        self.library.search_requested.connect(self.search_for)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Export…"), self.export_current, QKeySequence("Ctrl+E"))
        self._action(file_menu, self.tr("Print preview…"), self.print_current, QKeySequence.StandardKey.Print)
        self._action(file_menu, self.tr("Rebuild search index…"), self.rebuild_index)
        self._action(file_menu, self.tr("Recover notes…"), self.recover_notes)
        self._action(file_menu, self.tr("Close tab"), lambda: self.close_tab(self.tabs.currentIndex()),
                     QKeySequence.StandardKey.Close, also=("Ctrl+W",))
        self._action(file_menu, self.tr("Quit"), self.close, QKeySequence.StandardKey.Quit)

        edit = bar.addMenu(self.tr("&Edit"))
        self._action(edit, self.tr("Copy citation"), self._copy_citation, QKeySequence("Ctrl+Shift+C"))
        self._action(edit, self.tr("Find in document"), self._find_in_reader, QKeySequence.StandardKey.Find)
        self._action(edit, self.tr("Preferences…"), self.show_preferences, QKeySequence.StandardKey.Preferences)

        view = bar.addMenu(self.tr("&View"))
        zoom_in = self._action(view, self.tr("Zoom in"), lambda: self._zoom(1), QKeySequence.StandardKey.ZoomIn)
        zoom_in.setShortcuts([QKeySequence("Ctrl+="), QKeySequence(QKeySequence.StandardKey.ZoomIn)])
        self._action(view, self.tr("Zoom out"), lambda: self._zoom(-1), QKeySequence.StandardKey.ZoomOut)
        self._action(view, self.tr("Actual size"), lambda: self._zoom(0), QKeySequence("Ctrl+0"))
        self.simplified_action = QAction(self.tr("Show traditional documents in simplified"), self, checkable=True)
        self.simplified_action.setChecked(bool(settings.get(settings.SIMPLIFIED)))
        self.simplified_action.toggled.connect(self._set_simplified)
        view.addAction(self.simplified_action)
        view.addSeparator()
        view.addAction(self.library_dock.toggleViewAction())
        view.addAction(self.notes_dock.toggleViewAction())

        go = bar.addMenu(self.tr("&Go"))
        self._action(go, self.tr("Search"), self.show_search, QKeySequence("Ctrl+K"))
        self._action(go, self.tr("Compare"), self.compare_here, QKeySequence("Ctrl+Shift+K"))
        self._action(go, self.tr("Topic coverage"), self.show_coverage, QKeySequence("Ctrl+Shift+M"))
        self._action(go, self.tr("Compare versions (修订对照)"), self._redline_of_current, QKeySequence("Ctrl+Shift+D"))
        self._action(go, self.tr("Next tab"), lambda: self._step_tab(1), QKeySequence.StandardKey.NextChild,
                     also=("Ctrl+Tab",))
        self._action(go, self.tr("Previous tab"), lambda: self._step_tab(-1), QKeySequence.StandardKey.PreviousChild,
                     also=("Ctrl+Shift+Tab",))

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("About ZoneRef"), self.show_about)

    def _action(self, menu, text: str, slot, key=None, also: tuple[str, ...] = ()) -> QAction:
        """A menu action; ``key`` its shortcut, ``also`` more keys for it (the README's, whatever the platform's
        standard key is: Qt's Close is Ctrl+F4 on some desktops, not Ctrl+W)."""
        action = QAction(text, self)
        if key is not None:
            keys = QKeySequence.keyBindings(key) if isinstance(key, QKeySequence.StandardKey) else [QKeySequence(key)]
            keys += [QKeySequence(k) for k in also if QKeySequence(k) not in keys]
            action.setShortcuts(keys)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def start_background(self) -> None:
        """Once the window has painted: open the search index (worker) and load the notes.

        Nothing starts before the first paint (a slow X server can take a while
        to expose the window), and then each waits a moment so the first input
        is not queued behind them: a worker importing numpy and Whoosh holds
        the GIL too.
        """
        if self._painted:
            self._start_background_now()
        else:
            self._background_pending = True

    def _first_paint(self) -> None:
        self._painted = True
        if not gc.isenabled():  # ``zoneref gui`` pauses the cyclic collector until the window is on screen
            # What start-up made (Qt's Python types and enums, the library) stays: freezing it keeps later
            # collections from walking it again.
            gc.freeze()
            gc.enable()
        if self._background_pending:
            self._background_pending = False
            self._start_background_now()

    def _start_background_now(self) -> None:
        QTimer.singleShot(150, self.services.open_index)
        # The notes modules (sqlite-utils: ~0.2 s) are imported on a worker first: imported here,
        # they froze the window for 0.3 s after its first paint. Then the notes load, and the
        # notes of documents whose text changed are placed again, on a worker. The import waits for
        # the search index (both workers share one interpreter lock: together, the index was ready
        # ~0.3 s later on 3,500 documents), but never more than NOTES_AFTER_MS.
        self.services.index_ready.connect(self._load_notes)
        self.services.index_failed.connect(self._load_notes)
        QTimer.singleShot(NOTES_AFTER_MS, self._load_notes)

    def _load_notes(self, *_args) -> None:
        if self._notes_started:
            return
        self._notes_started = True
        ops.Op(_import_notes, lambda _m: self._notes_ready(), lambda _e: self._notes_ready(), parent=self).run()
        # Changes other processes make (a CLI import, a second window) are looked for every second.
        QTimer.singleShot(1000, self.services.watch)
        QTimer.singleShot(500, self.check_unreadable)
        self.library.prepare_filter(self.services)  # the library filter's first keystroke, made ahead on a worker

    def _notes_ready(self) -> None:
        """The notes modules are imported (on a worker): open the note store here, re-anchor on a worker.

        The panel is filled if it was made; else it is made when its dock first shows or a reader paints
        notes (``_make``). Made here while hidden, its module and widgets were ~15 ms of this thread on a
        quiet machine, 70-115 ms while an import's processes had the processors.
        """
        self._write_kept_edits()
        view = self.made("notes")
        if view is not None:
            view.refresh()
        else:
            try:
                self.services.notes()
            except Exception:  # noqa: BLE001 - the notes panel shows why when it opens
                log.warning("the notes database could not be opened", exc_info=True)
        self.services.reanchor_in_background()

    def _write_kept_edits(self) -> None:
        """Write the note edits the database refused last time (``index.userdata.drafts``), and say so."""
        from index.base import paths
        from index.userdata import drafts

        try:
            home = paths.user_home()
            if not (home / drafts.FILE_NAME).exists():  # the usual start: nothing kept, the store not asked for
                return
            written, kept = drafts.apply(self.services.notes(), home)
        except Exception:  # noqa: BLE001 - kept for the next start; the notes panel shows a database's trouble
            log.warning("the kept note edits could not be written", exc_info=True)
            return
        if written:
            from PySide6.QtWidgets import QMessageBox

            self.services.annotations_changed.emit(None)  # every document's
            QMessageBox.information(self, self.tr("Notes"), self.tr(
                "%n note edit(s) that could not be saved last time were written now.", "", written))
        if kept:
            log.warning("%d kept note edit(s) could not be written yet; tried again at the next start", kept)

    # -- tabs ------------------------------------------------------------------
    def _fixed_tab(self, widget, title: str) -> None:
        idx = self.tabs.indexOf(widget)
        if idx < 0:
            idx = self.tabs.addTab(widget, title)
        self.tabs.setCurrentIndex(idx)

    def show_search(self) -> None:
        self._fixed_tab(self.search_view, self.tr("Search"))
        self.search_view.focus_query()

    def search_for(self, text: str) -> None:
        """The Search tab, ``text`` searched at once."""
        self._fixed_tab(self.search_view, self.tr("Search"))
        self.search_view.set_query(text)

    def show_compare(self) -> None:
        self._fixed_tab(self.compare_view, self.tr("Compare"))

    def compare_here(self) -> None:
        """Ctrl+Shift+K: compare the reader's clause (the selection's, else the one being read); else show compare."""
        reader = self.current_reader()
        clause_id = reader.clause_for_action() if reader is not None else None
        if clause_id:
            self.compare_clause(clause_id)
        else:
            self.show_compare()

    def show_coverage(self) -> None:
        self._fixed_tab(self.coverage_view, self.tr("Topic coverage"))
        self.coverage_view.ensure_loaded()

    def show_redline(self, doc_id: str | None = None, new_id: str | None = None) -> None:
        """The 修订对照 tab: ``doc_id`` against its previous version, or ``doc_id`` → ``new_id``."""
        self._fixed_tab(self.redline_view, self.tr("Compare versions"))
        if doc_id and new_id:
            self.redline_view.show_versions(doc_id, new_id)
        elif doc_id:
            self.redline_view.show_document(doc_id)

    def _redline_of_current(self) -> None:
        reader = self.current_reader()
        doc_id = reader.doc_id if reader is not None else self.library.selected_document()
        self.show_redline(doc_id)

    def link_versions(self, doc_id: str) -> None:
        """Ask which document ``doc_id`` is a version of (``document_picker``), and link them (on a worker)."""
        from desktop.document_picker import pick_document
        from index.library.versions import version_key

        doc = self.corpus.document(doc_id)
        others = [d for d in self.corpus.documents() if d.id != doc_id]
        # Likely versions first: the same title once version marks are set aside (stable: library order after).
        key = version_key(doc.title)
        others.sort(key=lambda d: version_key(d.title) != key)
        other = pick_document(self, self.tr("Link versions"),
                              self.tr("“%1” is a version of:").replace("%1", doc.short_title), others,
                              lambda words: self.services.workspace.documents_matching(text=words))
        if other is None:
            return
        worker = self.services.workspace.worker()
        self.services.writing(ops.Op(lambda: worker.link_versions(doc_id, other), self.services.apply, self.show_error,
                                     parent=self)).run()

    def unlink_version(self, doc_id: str) -> None:
        """Take ``doc_id`` out of its versions (on a worker)."""
        worker = self.services.workspace.worker()
        self.services.writing(ops.Op(lambda: worker.unlink_version(doc_id), self.services.apply, self.show_error,
                                     parent=self)).run()

    def carry_notes(self, doc_ids: str | list[str]) -> None:
        """Copy the notes of each document's other versions onto it (``Workspace.carry_notes``), one document
        after another in one operation on a worker, then say in one summary what was copied and which notes'
        passages changed."""
        ids = [doc_ids] if isinstance(doc_ids, str) else list(doc_ids)
        worker = self.services.workspace.worker()

        def done(result) -> None:
            report, changes = result
            self.services.apply(changes)
            self._show_carried(report, len(ids))

        self.services.writing(ops.Op(lambda: worker.carry_notes(ids), done, self.show_error, parent=self)).run()

    def _show_carried(self, report, documents: int = 1) -> None:
        from PySide6.QtWidgets import QMessageBox

        lines = []
        if not (report.copied or report.reworded or report.changed or report.already):
            lines.append(self.tr("The other versions of this document have no notes."))
        else:
            copied = len(report.copied) + len(report.reworded)
            lines.append(self.tr("%n note(s) copied to this version.", "", copied) if documents == 1 else
                         self.tr("%n note(s) copied to the new versions of %1 documents.", "", copied)
                         .replace("%1", str(documents)))
        if report.already:
            lines.append(self.tr("%n note(s) were here already.", "", report.already))
        if report.reworded:
            lines.append(self.tr("%n of them sit on text that reads a little differently here; the highlight is kept "
                                 "as it was: please check.", "", len(report.reworded)))
            # Which ones: a reworded passage may say something else (20万元 became 30万元).
            lines += [f"　「{a.quote[:40]}」 {self._citation(a.clause_id)}" for a in report.reworded[:CARRY_LISTED]]
            if len(report.reworded) > CARRY_LISTED:
                lines.append(self.tr("… and %n more", "", len(report.reworded) - CARRY_LISTED))
        if report.changed:
            lines.append(self.tr("%n note(s) not copied: their passage changed in this version (they stay on their "
                                 "own version; 修订对照 shows the changes):", "", len(report.changed)))
            lines += [f"　「{a.quote[:40]}」 {self._citation(a.clause_id)}" for a in report.changed[:CARRY_LISTED]]
            if len(report.changed) > CARRY_LISTED:
                lines.append(self.tr("… and %n more", "", len(report.changed) - CARRY_LISTED))
        if self.carry_box is None:
            self.carry_box = QMessageBox(QMessageBox.Icon.Information, self.tr("Notes from other versions"), "",
                                         QMessageBox.StandardButton.Ok, self)
        self.carry_box.setText("\n".join(lines))
        self.carry_box.open()

    def _citation(self, clause_id: str) -> str:
        try:
            return self.corpus.citation(self.corpus.clause(clause_id))
        except KnownError:
            return clause_id

    def readers(self) -> list[ReaderView]:
        reader = _reader_class()
        return [w for i in range(self.tabs.count()) if isinstance(w := self.tabs.widget(i), reader)]

    def current_reader(self) -> ReaderView | None:
        w = self.tabs.currentWidget()
        return w if isinstance(w, _reader_class()) else None

    def open_document(self, doc_id: str, focus: bool = True) -> ReaderView | None:
        """Open (or switch to) the reader tab of a document."""
        for reader in self.readers():
            if reader.doc_id == doc_id:
                if focus:
                    self.tabs.setCurrentWidget(reader)
                return reader
        try:
            reader = _reader_class()(self.corpus, doc_id)
        except KnownError as exc:
            self.show_error(exc)
            return None
        reader.annotate_requested.connect(self.annotate)
        reader.compare_requested.connect(self.compare_clause)
        settings.remember_recent(doc_id)  # a comparison's default columns include what the user reads
        reader.redline_requested.connect(self.show_redline)
        idx = self.tabs.addTab(reader, tab_title(reader.doc.short_title))
        self.tabs.setTabToolTip(idx, reader.doc.title)
        if focus:
            self.tabs.setCurrentIndex(idx)
        if self.services.notes_ready():
            self._repaint_annotations(reader.doc_id)
        else:
            # The notes database (sqlite-utils) loads after the first paint.
            self._paint_timer.start()
        return reader

    def open_clause(self, clause_id: str, spans: list | None = None) -> ReaderView | None:
        """Open the clause's document and scroll to it, highlighting ``spans`` (clause-text offsets)."""
        reader = self.open_document(clause_id.split("/", 1)[0])
        if reader is not None:
            reader.show_clause(clause_id, spans)
        return reader

    def open_hit(self, hit: dict) -> None:
        self.open_clause(hit["clause_id"], hit.get("highlights") or [])

    def open_annotation(self, record: dict) -> None:
        reader = self.open_document(record["doc_id"])
        if reader is None:
            return
        if record.get("clause_id"):
            reader.show_clause(record["clause_id"])
        if not record.get("orphan") and record.get("start") is not None:
            reader.select(record["start"], record["end"])

    def _tab_shown(self, index: int) -> None:
        """A reader's tab comes to the front: the library shows where its document is (its row current)."""
        reader_view = sys.modules.get("desktop.reader_view")  # not imported yet: no reader is open (start-up)
        widget = self.tabs.widget(index)
        if reader_view is not None and isinstance(widget, reader_view.ReaderView):
            self.library.select_document(widget.doc_id)

    def _no_tabs_text(self) -> str:
        return self.tr("No tab is open. Double-click a document in the library to read it, or open "
                       "<a href=\"search\">Search</a> (Ctrl+K), <a href=\"compare\">Compare</a> (Ctrl+Shift+K) or "
                       "<a href=\"coverage\">Topic coverage</a> (Ctrl+Shift+M).")

    def _no_tabs_link(self, link: str) -> None:
        {"search": self.show_search, "compare": self.show_compare, "coverage": self.show_coverage}[link]()

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is None:
            return
        self.tabs.removeTab(index)
        if isinstance(widget, _reader_class()):
            widget.deleteLater()

    def _step_tab(self, step: int) -> None:
        if self.tabs.count():
            self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())

    # -- actions ---------------------------------------------------------------
    def annotate(self, clause_id: str, quote: str, start: int, end: int, with_note: bool, color: str = "") -> None:
        if with_note:
            self.notes_dock.show()
        self.notes_view.add_annotation(clause_id, quote, start, end, with_note, color or None)

    def _repaint_annotations(self, doc_id: str | None = None) -> None:
        for reader in self.readers():
            if doc_id is None or reader.doc_id == doc_id:
                reader.set_annotations(self.notes_view.paint_records(reader.doc_id))

    def compare_clause(self, clause_id: str) -> None:
        self.show_compare()
        self.compare_view.start_from_clause(clause_id)

    def compare_topic(self, topic: str) -> None:
        self.show_compare()
        self.compare_view.start_from_topic(topic)

    def _copy_citation(self) -> None:
        reader = self.current_reader()
        if reader is not None:
            text = reader.copy_citation()
            self.statusBar().showMessage(self.tr("Copied: %1").replace("%1", text), 4000)

    def _view_in_use(self):
        """The notes panel if the keyboard focus is in it, else the current tab's view."""
        focus = QApplication.focusWidget()
        if focus is not None and self.made("notes") is not None and self.notes_view.isAncestorOf(focus):
            return self.notes_view
        return self.tabs.currentWidget()

    def export_current(self) -> None:
        """文件 → 导出… (Ctrl+E): what the view in use shows (compare, search, coverage, notes)."""
        view = self._view_in_use()
        if not (hasattr(view, "export") and view.export()):
            self.statusBar().showMessage(self.tr("Nothing to export here: export works in compare, search, "
                                                 "topic coverage and the notes panel."), 5000)

    def show_saved(self, path) -> None:
        """After an export: where the file went, with 打开 / 打开所在文件夹 (``printing.confirm_saved``)."""
        self.saved_notice.show_saved(path)

    def print_current(self) -> None:
        """文件 → 打印预览… (Ctrl+P): the reader with its highlights, or the compare, search or coverage view."""
        view = self._view_in_use()
        if isinstance(view, _reader_class()):
            self._print_reader()
        elif not (hasattr(view, "print_preview") and view.print_preview()):
            self.statusBar().showMessage(self.tr("Nothing to print here."), 5000)

    def _print_reader(self) -> None:
        reader = self.current_reader()
        if reader is not None:
            from desktop import printing

            spans: dict[str, list] = {}  # clause id → clause-text spans, as the report wants them
            for n in reader.annotations():
                clause = reader.clause_at(n["start"]) if n.get("start") is not None else None
                if clause is not None:
                    spans.setdefault(clause.id, []).append((n["start"] - clause.start, n["end"] - clause.start,
                                                            n.get("hex") or "#FFD54F"))
            for s, e in reader.search_highlights():
                clause = reader.clause_at(s)
                if clause is not None:
                    spans.setdefault(clause.id, []).append((s - clause.start, e - clause.start))
            printing.preview_document(self, self.corpus, reader.doc_id, highlights=spans or None,
                                      simplified=reader.simplified)

    def _find_in_reader(self) -> None:
        reader = self.current_reader()
        if reader is not None:
            reader.find_edit.setFocus()
            reader.find_edit.selectAll()

    def _zoom(self, step: int) -> None:
        for reader in self.readers():
            reader.zoom(step)
        if self.made("compare") is not None:
            self.compare_view.apply_font()

    def _set_simplified(self, on: bool) -> None:
        settings.put(settings.SIMPLIFIED, on)
        for reader in self.readers():
            reader.simplified_box.setChecked(on)

    def import_files(self) -> None:
        from desktop.import_dialog import choose_files

        self.import_paths(choose_files(self))

    def import_folder(self) -> None:
        from desktop.import_dialog import choose_folder

        self.import_paths(choose_folder(self))

    def import_paths(self, paths: list):
        """Open the import dialog on ``paths`` (files, folders, zip archives); returns it (None for no paths)."""
        if not paths:
            return None
        from desktop.import_dialog import ImportDialog

        dlg = ImportDialog(self.services, [str(p) for p in paths], self)
        dlg.carry_notes_wanted.connect(self.carry_notes)
        dlg.open()
        return dlg

    def edit_document(self, doc_id: str):
        """Open the dialog that corrects an imported document's metadata; returns it."""
        from desktop.import_dialog import MetadataDialog

        dlg = MetadataDialog(self.services, doc_id, self)
        dlg.open()
        return dlg

    def remove_document(self, doc_id: str, confirm: bool = True) -> None:
        """Remove an imported document (its notes are kept as orphans), on a worker."""
        from PySide6.QtWidgets import QMessageBox

        doc = self.corpus.document(doc_id)
        if confirm and QMessageBox.question(
                self, self.tr("Remove document"),
                self.tr("Remove “%1” from the library? Its notes are kept for review.").replace("%1", doc.title)
        ) != QMessageBox.StandardButton.Yes:
            return
        for reader in self.readers():
            if reader.doc_id == doc_id:
                self.close_tab(self.tabs.indexOf(reader))

        worker = self.services.workspace.worker()
        self.services.writing(ops.Op(lambda: worker.remove_document(doc_id), lambda result: self.services.apply(result[1]),
                                     self.show_error, parent=self)).run()

    def apply_changes(self, changes) -> None:
        """Refresh what shows ``changes`` (``Services.changed``: this window's operations and other processes')."""
        if changes.documents:
            for reader in self.readers():
                if reader.doc_id in changes.removed:
                    self.close_tab(self.tabs.indexOf(reader))
                elif reader.doc_id in changes.edited:
                    reader.reload_document()
            self.library.refresh()
            self.search_view.refresh_facets()
            if self.made("coverage") is not None:
                self.coverage_view.documents_changed()
        settings.include_new_documents(self.services.workspace, changes)
        if (changes.documents or changes.pins) and self.made("compare") is not None:
            self.compare_view.apply_changes(changes)
        if self.made("redline") is not None:
            self.redline_view.apply_changes(changes)
        if (changes.documents or changes.notes or changes.all_notes) and self.made("notes") is not None:
            self.notes_view.filters_changed()
            self.notes_view.refresh()

    def rebuild_index(self) -> None:
        """Rebuild the search index on a worker, with progress and Cancel (the old index stays if cancelled)."""
        self.services.rebuild_index(self)

    def show_preferences(self) -> None:
        dlg = settings.PreferencesDialog(self)
        if dlg.exec():
            for reader in self.readers():
                reader.apply_preferences()

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from index import __version__

        QMessageBox.about(self, self.tr("About ZoneRef"),
                          self.tr("ZoneRef %1: an offline reference for development-zone policy documents.\n"
                                  "Your notes and imported documents stay on this computer.")
                          .replace("%1", __version__))

    def show_recovery_report(self, report) -> None:
        """Tell the user their notes database was damaged and what was done, naming both files (window-modal)."""
        if report is None:
            return
        from PySide6.QtWidgets import QMessageBox

        notes = "?" if report.notes is None else str(report.notes)
        if report.restored_from is not None:
            what = self.tr("It was restored from the backup of %1, which holds %2 note(s). Notes made after that "
                           "backup may still be in the damaged file, which is kept: Recover notes from it brings "
                           "them back.").replace("%1", str(report.backup_time)).replace("%2", notes)
        else:
            what = self.tr("No good backup was found, so the %1 note(s) still readable in it were saved into a new "
                           "notes database. The damaged file is kept.").replace("%1", notes)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Notes database repaired"),
                          self.tr("Your notes database was damaged and could not be used.") + "\n\n" + what,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("recovery_report")
        box.setDetailedText(self.tr("Problem: %1\nDamaged file kept at: %2\nRestored from: %3")
                            .replace("%1", report.problem).replace("%2", str(report.moved_to))
                            .replace("%3", str(report.restored_from or "—")))
        if report.restored_from is not None:
            merge = box.addButton(self.tr("Recover notes from the damaged file"), QMessageBox.ButtonRole.ActionRole)
            merge.setObjectName("recover_damaged")
            merge.clicked.connect(lambda: self.recover_notes(report.moved_to))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recovery_box = box
        box.open()

    def show_db_trouble(self, trouble) -> None:
        """The notes database is read-only (a full disk, a read-only folder …): a lasting sign, and why, once."""
        if self.trouble_label is None:
            self.trouble_label = QLabel(self.tr("Notes are read-only"))
            self.trouble_label.setObjectName("db_trouble")
            self.trouble_label.setStyleSheet("color: #b71c1c; font-weight: bold;")
            self.statusBar().addPermanentWidget(self.trouble_label)
        self.trouble_label.setToolTip(error_text(trouble))
        if self.trouble_box is None:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Notes are read-only"),
                              self.tr("Your notes can be read, searched and exported, but not changed until this is "
                                      "fixed:") + "\n\n" + error_text(trouble), QMessageBox.StandardButton.Ok, self)
            box.setObjectName("db_trouble_box")
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.trouble_box = box
            box.open()

    def recover_notes(self, file=None) -> None:
        """文件 → 恢复批注…: the backups and set-aside files; with ``file``, merge that one straight away."""
        from desktop.recovery_dialog import RecoveryDialog

        dialog = RecoveryDialog(self.services, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recovery_dialog = dialog
        dialog.open()
        if file:
            dialog.merge(file)

    def check_unreadable(self) -> None:
        """Tell the user about document files the library could not read, and offer to move them out."""
        problems = self.services.workspace.unreadable_documents()
        imported = [p for p in problems if self.services.workspace.imported_dir is not None
                    and p.path.parent == self.services.workspace.imported_dir]
        if not problems or self.unreadable_box is not None:
            return
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some documents cannot be read"),
                          self.tr("%n document file(s) cannot be read and were left out of the library. The rest "
                                  "of the library works as usual.", "", len(problems)),
                          QMessageBox.StandardButton.Close, self)
        box.setObjectName("unreadable_documents")
        box.setDetailedText("\n".join(f"{p.to_dict()['path']}: {p.reason}" for p in problems))
        if imported:
            move = box.addButton(self.tr("Move them out of the library"), QMessageBox.ButtonRole.ActionRole)
            move.setObjectName("move_unreadable")
            move.clicked.connect(lambda: self.move_unreadable([p.name for p in imported]))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.unreadable_box = box
        box.open()

    def move_unreadable(self, names: list[str]) -> None:
        """Move unreadable imported document files to ``unreadable-documents/`` (kept, out of the library)."""
        from index.library.imported import UNREADABLE_DIR

        changes = None
        for name in names:
            try:
                _moved, change = self.services.workspace.remove_unreadable(name)
            except KnownError as exc:
                self.show_error(exc)
                continue
            changes = change if changes is None else changes | change
        if changes is not None:
            self.services.apply(changes)
            self.statusBar().showMessage(
                self.tr("Moved to %1; the files are kept there.").replace(
                    "%1", str(self.services.workspace.home / UNREADABLE_DIR)), 10000)

    def _reanchored(self, report) -> None:
        """After background re-anchoring: refresh the notes list and say what changed."""
        if report is None:
            return
        changed = report.moved + report.fuzzy + len(report.recovered)
        if (changed or report.orphaned):
            self.notes_view.refresh()
        if report.orphaned:
            self.statusBar().showMessage(
                self.tr("%n note(s) could not be found in the changed text; they are listed for review "
                        "(Notes → Orphans only).", "", len(report.orphaned)), 10000)
        elif changed:
            self.statusBar().showMessage(self.tr("%n note(s) were placed again in changed documents.", "",
                                                 changed), 6000)

    def show_error(self, exc: BaseException) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self, self.tr("ZoneRef"), error_text(exc))

    # -- persistence -----------------------------------------------------------
    def tab_states(self) -> list[str]:
        out = []
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if isinstance(w, _reader_class()):
                out.append(f"doc:{w.doc_id}|{w.visible_clause_id() or ''}")
            elif w is self.search_view:
                out.append("search")
            elif w is self.made("compare"):
                out.append("compare" + (f"|{start}" if (start := w.starting_point()) else ""))
            elif w is self.made("coverage"):
                out.append("coverage")
            elif w is self.made("redline"):
                out.append(f"redline:{w.state()}")
        return out

    def save_state(self) -> None:
        settings.put(settings.GEOMETRY, self.saveGeometry())
        settings.put(settings.WINDOW_STATE, self.saveState())
        settings.put(settings.OPEN_TABS, self.tab_states())
        settings.put(settings.CURRENT_TAB, self.tabs.currentIndex())
        splitters = {s.objectName(): s.saveState() for s in self.findChildren(QSplitter) if s.objectName()}
        settings.put(settings.SPLITTERS, splitters)
        if self.made("compare") is not None:
            self.compare_view.save_state()

    def restore_state(self) -> None:
        geometry = settings.get(settings.GEOMETRY)
        if not geometry.isEmpty():
            self.restoreGeometry(geometry)
        state = settings.get(settings.WINDOW_STATE)
        if not state.isEmpty():
            self.restoreState(state)
        for entry in settings.get(settings.OPEN_TABS):
            self._restore_tab(str(entry))
        if self.tabs.count() == 0:
            self.show_search()
        current = settings.get(settings.CURRENT_TAB)
        if 0 <= current < self.tabs.count():
            self.tabs.setCurrentIndex(current)
        self._splitter_states = settings.get(settings.SPLITTERS)
        self._restore_splitters()

    def _restore_tab(self, entry: str) -> None:
        if entry.startswith("doc:"):
            doc_id, _, clause_id = entry[4:].partition("|")
            if self.corpus.has_document(doc_id):
                reader = self.open_document(doc_id)
                if reader is not None and clause_id:
                    reader.show_clause(clause_id)
        elif entry == "search":
            self.show_search()
        elif entry == "compare" or entry.startswith("compare|"):
            self.show_compare()
            self.compare_view.restore_starting_point(entry.partition("|")[2])
        elif entry == "coverage":
            self.show_coverage()
        elif entry.startswith("redline:"):
            old_id, _, new_id = entry[8:].partition("|")
            if self.corpus.has_document(old_id) and self.corpus.has_document(new_id):
                self.show_redline(old_id, new_id)

    def _restore_splitters(self) -> None:
        if not self._splitter_states:
            return  # a first start: nothing saved, no walk over every child (~5 ms)
        for splitter in self.findChildren(QSplitter):
            state = self._splitter_states.get(splitter.objectName())
            if state is not None:
                splitter.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self.made("notes") is not None and not self.notes_view.flush():  # what was typed, not yet written
            from PySide6.QtWidgets import QMessageBox

            answer = QMessageBox.question(self, self.tr("Notes"), self.tr(
                "The note being edited could not be saved. Close anyway and lose what was typed?"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_state()
        self.services.close()  # backs the notes up if this session changed them
        super().closeEvent(event)


def _import_notes():
    """Import the notes store's modules (run on a worker; a later import on the GUI thread is then free).

    The re-anchoring's (rapidfuzz) come too, in the same ``ops.lane`` turn: an import dialog opened
    meanwhile reads its files after them, not beside them. sqlite-utils' plugins are never looked for
    (``connection.wrap``), so no entry points are read here.
    """
    with ops.lane():
        import index.userdata.anchoring
        import index.userdata.notes

    return index.userdata.notes
