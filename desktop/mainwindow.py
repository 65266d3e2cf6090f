"""The main window: library (left), tabs (centre), notes (right).

The centre tabs are readers (one per open document) plus the search,
compare, coverage and 修订对照 (redline) views. Layout, splitters, open tabs and
preferences persist through ``desktop.settings``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QMessageBox, QSplitter, QTabWidget

from desktop import ops, settings
from desktop.compare_view import CompareView
from desktop.coverage_view import CoverageView
from desktop.errors import error_text
from desktop.library_view import LibraryView
from desktop.notes_view import NotesView
from desktop.reader_view import ReaderView
from desktop.redline_view import RedlineView
from desktop.search_view import SearchView
from desktop.services import Services
from index.base.errors import KnownError

log = logging.getLogger(__name__)


def tab_title(title: str, limit: int = 14) -> str:
    """A reader tab's label: the short title, cut to ``limit`` characters (the tooltip has it all)."""
    return title if len(title) <= limit else title[:limit - 1] + "…"


class MainWindow(QMainWindow):
    def __init__(self, services: Services | None = None, restore: bool = True):
        super().__init__()
        self.setObjectName("main_window")
        self.services = services or Services(parent=self)
        self.corpus = self.services.corpus
        self.setWindowTitle(self.tr("ZoneRef — Development-zone policy reference"))
        self.resize(1366, 768)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)  # many tabs shrink before they scroll
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.setCentralWidget(self.tabs)

        self.library = LibraryView(self.corpus)
        self.library.document_activated.connect(lambda doc_id: self.open_document(doc_id))
        self.library_dock = self._dock(self.library, self.tr("Library"), "library_dock",
                                       Qt.DockWidgetArea.LeftDockWidgetArea)
        self.resizeDocks([self.library_dock], [300], Qt.Orientation.Horizontal)
        self._paint_timer = QTimer(self)
        self._paint_timer.setSingleShot(True)
        self._paint_timer.setInterval(300)
        self._paint_timer.timeout.connect(self._repaint_annotations)
        self._build_views()
        self._build_menus()
        self.recovery_box: QMessageBox | None = None
        self.services.db_recovered.connect(self.show_recovery_report)
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
        self.compare_view = CompareView(self.services)
        self.compare_view.open_requested.connect(lambda cid: self.open_clause(cid))
        self.coverage_view = CoverageView(self.services)
        self.coverage_view.open_requested.connect(lambda cid: self.open_clause(cid))
        self.coverage_view.topic_requested.connect(self.compare_topic)
        self.redline_view = RedlineView(self.services)
        self.notes_view = NotesView(self.services)
        self.notes_view.open_requested.connect(self.open_annotation)
        self.notes_dock = self._dock(self.notes_view, self.tr("Notes"), "notes_dock",
                                     Qt.DockWidgetArea.RightDockWidgetArea)
        self.notes_dock.hide()  # until the user adds a note or opens it (View menu); restoreState may show it
        self.notes_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.services.annotations_changed.connect(self._repaint_annotations)

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
        file_menu.addSeparator()
        self._action(file_menu, self.tr("Export…"), self.export_current, QKeySequence("Ctrl+E"))
        self._action(file_menu, self.tr("Print preview…"), self.print_current, QKeySequence.StandardKey.Print)
        self._action(file_menu, self.tr("Rebuild search index…"), self.rebuild_index)
        self._action(file_menu, self.tr("Close tab"), lambda: self.close_tab(self.tabs.currentIndex()),
                     QKeySequence.StandardKey.Close)
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
        self._action(go, self.tr("Compare"), self.show_compare, QKeySequence("Ctrl+Shift+K"))
        self._action(go, self.tr("Topic coverage"), self.show_coverage, QKeySequence("Ctrl+Shift+M"))
        self._action(go, self.tr("Compare versions (修订对照)"), self._redline_of_current, QKeySequence("Ctrl+Shift+D"))
        self._action(go, self.tr("Next tab"), lambda: self._step_tab(1), QKeySequence.StandardKey.NextChild)
        self._action(go, self.tr("Previous tab"), lambda: self._step_tab(-1), QKeySequence.StandardKey.PreviousChild)

        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.tr("About ZoneRef"), self.show_about)

    def _action(self, menu, text: str, slot, key=None) -> QAction:
        action = QAction(text, self)
        if key is not None:
            action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def start_background(self) -> None:
        """After the window shows: open the search index (worker) and load the notes.

        Both wait a moment so the first paint and first input are not queued
        behind them: a worker importing numpy and Whoosh holds the GIL too.
        """
        QTimer.singleShot(150, self.services.open_index)
        # The notes modules (sqlite-utils: ~0.2 s) are imported on a worker first: imported here,
        # they froze the window for 0.3 s after its first paint. Then the notes load, and the
        # notes of documents whose text changed are placed again, on a worker.
        QTimer.singleShot(400, lambda: ops.Op(_import_notes, lambda _m: self._notes_ready(),
                                              lambda _e: self._notes_ready(), parent=self).run())
        # Changes other processes make (a CLI import, a second window) are looked for every second.
        QTimer.singleShot(1000, self.services.watch)

    def _notes_ready(self) -> None:
        self.notes_view.refresh()
        self.services.reanchor_in_background()

    # -- tabs ------------------------------------------------------------------
    def _fixed_tab(self, widget, title: str) -> None:
        idx = self.tabs.indexOf(widget)
        if idx < 0:
            idx = self.tabs.addTab(widget, title)
        self.tabs.setCurrentIndex(idx)

    def show_search(self) -> None:
        self._fixed_tab(self.search_view, self.tr("Search"))
        self.search_view.focus_query()

    def show_compare(self) -> None:
        self._fixed_tab(self.compare_view, self.tr("Compare"))

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
        """Ask which document ``doc_id`` is a version of, and link them (on a worker)."""
        from PySide6.QtWidgets import QInputDialog

        doc = self.corpus.document(doc_id)
        others = [d for d in self.corpus.documents() if d.id != doc_id]
        labels = [f"{d.region} · {d.short_title}（{d.get('issued') or d.get('year') or '—'}）" for d in others]
        # Likely versions first: the same title once version marks are set aside.
        from index.library.versions import version_key

        key = version_key(doc.title)
        order = sorted(range(len(others)), key=lambda k: version_key(others[k].title) != key)
        label, ok = QInputDialog.getItem(self, self.tr("Link versions"),
                                         self.tr("“%1” is a version of:").replace("%1", doc.short_title),
                                         [labels[k] for k in order], 0, False)
        if not ok:
            return
        other = others[order[[labels[k] for k in order].index(label)]].id
        worker = self.services.workspace.worker()
        ops.Op(lambda: worker.link_versions(doc_id, other), self.services.apply, self.show_error, parent=self).run()

    def unlink_version(self, doc_id: str) -> None:
        """Take ``doc_id`` out of its versions (on a worker)."""
        worker = self.services.workspace.worker()
        ops.Op(lambda: worker.unlink_version(doc_id), self.services.apply, self.show_error, parent=self).run()

    def readers(self) -> list[ReaderView]:
        return [w for i in range(self.tabs.count()) if isinstance(w := self.tabs.widget(i), ReaderView)]

    def current_reader(self) -> ReaderView | None:
        w = self.tabs.currentWidget()
        return w if isinstance(w, ReaderView) else None

    def open_document(self, doc_id: str, focus: bool = True) -> ReaderView | None:
        """Open (or switch to) the reader tab of a document."""
        for reader in self.readers():
            if reader.doc_id == doc_id:
                if focus:
                    self.tabs.setCurrentWidget(reader)
                return reader
        try:
            reader = ReaderView(self.corpus, doc_id)
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

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget is None:
            return
        self.tabs.removeTab(index)
        if isinstance(widget, ReaderView):
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
        if focus is not None and self.notes_view.isAncestorOf(focus):
            return self.notes_view
        return self.tabs.currentWidget()

    def export_current(self) -> None:
        """文件 → 导出… (Ctrl+E): what the view in use shows (compare, search, coverage, notes)."""
        view = self._view_in_use()
        if not (hasattr(view, "export") and view.export()):
            self.statusBar().showMessage(self.tr("Nothing to export here: export works in compare, search, "
                                                 "topic coverage and the notes panel."), 5000)

    def print_current(self) -> None:
        """文件 → 打印预览… (Ctrl+P): the reader with its highlights, or the compare, search or coverage view."""
        view = self._view_in_use()
        if isinstance(view, ReaderView):
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

    def import_paths(self, paths: list) -> None:
        if not paths:
            return
        from desktop.import_dialog import ImportDialog

        dlg = ImportDialog(self.services, [str(p) for p in paths], self)
        dlg.open()

    def edit_document(self, doc_id: str):
        """Open the dialog that corrects an imported document's metadata; returns it."""
        from desktop.import_dialog import MetadataDialog

        dlg = MetadataDialog(self.services, doc_id, self)
        dlg.open()
        return dlg

    def remove_document(self, doc_id: str, confirm: bool = True) -> None:
        """Remove an imported document (its notes are kept as orphans), on a worker."""
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
        ops.Op(lambda: worker.remove_document(doc_id), lambda result: self.services.apply(result[1]),
               self.show_error, parent=self).run()

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
            self.coverage_view.documents_changed()
        if (changes.documents or changes.pins):
            self.compare_view.apply_changes(changes)
        self.redline_view.apply_changes(changes)
        if (changes.documents or changes.notes or changes.all_notes):
            self.notes_view.refresh_filters()
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
        from index import __version__

        QMessageBox.about(self, self.tr("About ZoneRef"),
                          self.tr("ZoneRef %1: an offline reference for development-zone policy documents.\n"
                                  "Your notes and imported documents stay on this computer.")
                          .replace("%1", __version__))

    def show_recovery_report(self, report) -> None:
        """Tell the user their notes database was damaged and what was done (window-modal, not blocking)."""
        if report is None:
            return
        if report.restored_from is not None:
            what = self.tr("It was replaced by the backup of %1. Changes made after that backup are not in it; "
                           "the damaged file is kept for recovery by hand.").replace("%1", str(report.backup_time))
        else:
            what = self.tr("No good backup was found, so an empty notes database was started. "
                           "The damaged file is kept for recovery by hand.")
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Notes database repaired"),
                          self.tr("Your notes database was damaged and could not be used.") + "\n\n" + what,
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("recovery_report")
        box.setDetailedText(self.tr("Problem: %1\nDamaged file kept at: %2\nRestored from: %3")
                            .replace("%1", report.problem).replace("%2", str(report.moved_to))
                            .replace("%3", str(report.restored_from or "—")))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recovery_box = box
        box.open()

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
        QMessageBox.warning(self, self.tr("ZoneRef"), error_text(exc))

    # -- persistence -----------------------------------------------------------
    def tab_states(self) -> list[str]:
        out = []
        for i in range(self.tabs.count()):
            w = self.tabs.widget(i)
            if isinstance(w, ReaderView):
                out.append(f"doc:{w.doc_id}|{w.visible_clause_id() or ''}")
            elif w is self.search_view:
                out.append("search")
            elif w is self.compare_view:
                out.append("compare")
            elif w is self.coverage_view:
                out.append("coverage")
            elif w is self.redline_view:
                out.append(f"redline:{self.redline_view.state()}")
        return out

    def save_state(self) -> None:
        settings.put(settings.GEOMETRY, self.saveGeometry())
        settings.put(settings.WINDOW_STATE, self.saveState())
        settings.put(settings.OPEN_TABS, self.tab_states())
        settings.put(settings.CURRENT_TAB, self.tabs.currentIndex())
        splitters = {s.objectName(): s.saveState() for s in self.findChildren(QSplitter) if s.objectName()}
        settings.put(settings.SPLITTERS, splitters)
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
        elif entry == "compare":
            self.show_compare()
        elif entry == "coverage":
            self.show_coverage()
        elif entry.startswith("redline:"):
            old_id, _, new_id = entry[8:].partition("|")
            if self.corpus.has_document(old_id) and self.corpus.has_document(new_id):
                self.show_redline(old_id, new_id)

    def _restore_splitters(self) -> None:
        for splitter in self.findChildren(QSplitter):
            state = self._splitter_states.get(splitter.objectName())
            if state is not None:
                splitter.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.save_state()
        super().closeEvent(event)


def _import_notes():
    """Import the notes store's modules (run on a worker; a later import on the GUI thread is then free)."""
    import index.userdata.notes

    return index.userdata.notes
