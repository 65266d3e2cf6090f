"""The notes panel: every annotation, filters, search, editing with preview.

Filters (document, tag, colour), full-text search (1- and 2-character and
cross-script queries work: ``NoteStore.list(search=…)``), and an "orphans"
switch listing notes whose passage could not be found again, for review.
Double-click jumps to the passage. The editor shows the note's Markdown and
its sanitised HTML preview from the engine (``index.userdata.markup``); links in the
preview open only after the user confirms.

Signals:
    open_requested(dict): the annotation record to jump to.
"""

from __future__ import annotations

import html
import logging
import re

from PySide6.QtCore import Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QWidget,
)

from desktop import labels
from desktop.errors import error_text
from desktop.models import RecordTableModel
from desktop.widgets import ServiceView, hbox, vbox

log = logging.getLogger(__name__)

AUTOSAVE_MS = 1500  # typing stopped this long: the note is written
AUTOSAVE_RETRY_MS = 5000  # an autosave refused (the database locked by another process) is tried again after this


class NotesView(ServiceView):
    open_requested = Signal(dict)

    def __init__(self, services, parent=None):
        super().__init__(services, "notes", parent)
        self.current: dict | None = None
        self.colors: dict[str, str] = {}  # the engine's palette, read on first refresh (keeps start-up light)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search notes and quotes"))
        self.search.setClearButtonEnabled(True)
        self.doc_filter = QComboBox()
        self.tag_filter = QComboBox()
        self.color_filter = QComboBox()
        self.orphans_only = QCheckBox(self.tr("Orphans only"))
        self.orphans_only.setToolTip(self.tr("Notes whose passage could not be found again; review them"))
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        for box in (self.doc_filter, self.tag_filter, self.color_filter):
            box.activated.connect(lambda _i: self.refresh())
        self.orphans_only.toggled.connect(lambda _on: self.refresh())
        self.count = QLabel()

        self.model = RecordTableModel([("doc", self.tr("Document")), ("quote", self.tr("Quote")),
                                       ("note_line", self.tr("Note")), ("color_shown", self.tr("Colour"))], self)
        self.table = QTableView()
        self.table.setObjectName("notes_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._select(cur.row()))
        self.table.doubleClicked.connect(lambda idx: self._jump(idx.row()))

        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("note_editor")
        self.editor.setPlaceholderText(self.tr("Write a note (Markdown)…"))
        self.editor.textChanged.connect(self._preview_later)
        self.editor.textChanged.connect(lambda: self._edited("note"))
        self.preview = QTextBrowser()
        self.preview.setObjectName("note_preview")
        self.preview.setOpenLinks(False)
        self.preview.anchorClicked.connect(self._link)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(200)
        self._preview_timer.timeout.connect(self._render_preview)
        self.tags = QLineEdit()
        self.tags.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags.textEdited.connect(lambda _t: self._edited("tags"))
        self.color = QComboBox()
        self.color.activated.connect(lambda _i: self._edited("color"))
        # What is typed is kept without a click on Save: written a moment after the typing stops, and at once
        # when another note is chosen, the panel is hidden or the window closes (it was dropped silently).
        self._dirty: set[str] = set()  # the fields edited and not yet written: note, tags, color
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._autosave_now)
        # An autosave refused is said here, under the editor, not in a dialog over the typing; gone once written.
        self.save_problem = QLabel()
        self.save_problem.setObjectName("note_save_problem")
        self.save_problem.setWordWrap(True)
        self.save_problem.setStyleSheet("color: #c62828")
        self.save_problem.hide()
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.clicked.connect(self.save_current)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_current)
        self.jump_button = QPushButton(self.tr("Go to passage"))
        self.jump_button.clicked.connect(lambda: self.current and self.open_requested.emit(self.current))

        top = QWidget()
        vbox(self.search, self.doc_filter, hbox((self.tag_filter, 1), (self.color_filter, 1)),
             hbox(self.orphans_only, 1, self.count), (self.table, 1), parent=top, margins=0)
        bottom = QWidget()
        vbox(self.quote, (self.editor, 1), QLabel(self.tr("Preview")), (self.preview, 1),
             hbox((self.tags, 1), self.color), self.save_problem,
             hbox(self.jump_button, 1, self.delete_button, self.save_button),
             parent=bottom, margins=0)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("notes_splitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(bottom)
        self.splitter.setSizes([300, 300])
        vbox(self.splitter, parent=self, margins=4)
        self._set_editor_enabled(False)
        self._filled = False
        self._stale_filters = False  # the library or tags changed while the panel was hidden

    # -- data -------------------------------------------------------------
    def store(self):
        return self.services.notes()

    def _fill_once(self) -> None:
        if self._filled:
            return
        self._filled = True
        from index.userdata.notes import COLORS

        self.colors = COLORS
        for name, hexcode in self.colors.items():
            self.color.addItem(labels.colour(name), name)
            self.color.setItemData(self.color.count() - 1, _swatch(hexcode), Qt.ItemDataRole.DecorationRole)
        self.filters_changed()  # the filter lists: now if the panel shows, else when it first shows

    def refresh_filters(self) -> None:
        """Re-read the document and tag lists (after an import or a tag change)."""
        self._stale_filters = False
        if self._filled:
            self._fill_filters()

    def filters_changed(self) -> None:
        """The library or the tags changed: the filter lists are read again now if the panel shows, else when it
        next shows (the document list is a row per document: 3,500 of them took ~50 ms on every import)."""
        if self.isVisible():
            self.refresh_filters()
        else:
            self._stale_filters = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        if self._stale_filters:
            self.refresh_filters()
        super().showEvent(event)

    def _fill_filters(self) -> None:
        keep = (self.doc_filter.currentData(), self.tag_filter.currentData(), self.color_filter.currentData())
        self.doc_filter.clear()
        self.doc_filter.addItem(self.tr("All documents"), None)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), None)
        try:
            # The documents that have notes, with how many (the library's 3,500 documents, nearly all without
            # a note, made a drop-down of 3,500 rows); the chosen one stays while its last note is deleted.
            counts = self.store().documents()
            docs = self.corpus.documents()
            for doc in docs:
                if doc.id in counts or doc.id == keep[0]:
                    self.doc_filter.addItem(f"{doc.region} · {doc.subject_title}（{counts.get(doc.id, 0)}）", doc.id)
            for doc_id in sorted(set(counts) - {d.id for d in docs}):  # notes of a removed document
                self.doc_filter.addItem(f"{doc_id}（{counts[doc_id]}）", doc_id)
            for tag in self.store().tags():
                self.tag_filter.addItem(f"{tag['name']}（{tag['count']}）", tag["name"])
        except Exception:  # noqa: BLE001 - the lists still work without the store's names
            pass
        self.color_filter.clear()
        self.color_filter.addItem(self.tr("All colours"), None)
        for name, hexcode in self.colors.items():
            self.color_filter.addItem(labels.colour(name), name)
            self.color_filter.setItemData(self.color_filter.count() - 1, _swatch(hexcode),
                                          Qt.ItemDataRole.DecorationRole)
        for box, value in zip((self.doc_filter, self.tag_filter, self.color_filter), keep, strict=True):
            box.setCurrentIndex(max(0, box.findData(value)))

    def refresh(self) -> None:
        """Re-read the list with the current filters (what was typed in the open note written first, and the
        cursor kept where it was: a refresh may come while the user types, after another write)."""
        self._fill_once()
        if not self._autosave_now():  # a refresh comes unasked (another write): no dialog
            return  # what was typed could not be written: the list and the editor stay as they are
        cursor = self.editor.textCursor().position()
        try:
            found = self.store().list(doc_id=self.doc_filter.currentData(), tag=self.tag_filter.currentData(),
                                      color=self.color_filter.currentData(),
                                      search=self.search.text().strip() or None,
                                      orphan=True if self.orphans_only.isChecked() else None)
            orphans = len(self.store().orphans())
        except Exception as exc:  # noqa: BLE001 - shown in the panel
            self.count.setText(error_text(exc))
            return
        rows = []
        for a in found:
            rec = a.to_dict()
            doc = self.corpus.document(a.doc_id) if self.corpus.has_document(a.doc_id) else None
            # The place and the year: two versions of one document (云南 2021, 云南 2023) are told apart.
            rec["doc"] = (doc.short_title.split("·", 1)[0] + (f" {doc.get('year')}" if doc.get("year") else "")
                          if doc else a.doc_id)
            if a.orphan:
                rec["_icon"] = "orphan"  # its passage is gone: to review
            rec["note_line"] = _one_line(a.note)
            rec["_color"] = a.color_hex
            rec["color_shown"] = labels.colour(a.color)
            rec["_tooltip"] = a.quote[:300]
            rows.append(rec)
        uuid = self.current["uuid"] if self.current else None
        self.model.set_rows(rows)
        text = self.tr("%n note(s)", "", len(rows))
        if orphans:
            text += "　" + self.tr("%n orphan(s) to review", "", orphans)
        self.count.setText(text)
        if uuid and self.select_uuid(uuid):
            kept = self.editor.textCursor()
            kept.setPosition(min(cursor, len(self.editor.toPlainText())))
            self.editor.setTextCursor(kept)

    def report(self):
        """The notes listed now (filters applied) as an ``index.reports`` notes report, or None; what was just
        typed is written first, so the report holds it."""
        self.flush()
        if not self.model.rows:
            return None
        from index.reports import notes_report

        return notes_report(self.corpus, self.model.rows)

    def export(self) -> bool:
        """导出…: the notes listed as Word, Markdown, HTML or PDF. False if none."""
        from desktop import printing

        return printing.export_shown(self, "notes")

    def print_preview(self) -> bool:
        """打印预览…: the notes listed, as the HTML export lays them out. False if none."""
        from desktop import printing

        return printing.preview_shown(self, "notes")

    def paint_records(self, doc_id: str) -> list[dict]:
        """The reader's highlights for one document: body offsets, colour, note.

        Until the document's notes were re-anchored in this session, only
        notes whose quote is still at its offsets are returned; if any is not
        (the document's text changed), re-anchoring is queued on a worker
        (``Services.reanchor_in_background``), which repaints when done: the
        GUI thread never re-anchors.
        """
        from index.base.text import normalise

        try:
            found = self.store().list(doc_id=doc_id, orphan=False)
            body = self.corpus.document(doc_id).body
        except Exception:  # noqa: BLE001 - a reader without highlights is still a reader
            return []
        placed = [a for a in found if a.start is not None and a.end is not None]
        if not self.services.anchors_checked(doc_id):
            # A fuzzy re-anchoring keeps the user's own quote, so this test is
            # only made before the worker has seen the document (no loop).
            fresh = [a for a in placed if normalise(body[a.start:a.end]) == normalise(a.quote)]
            if len(fresh) < len(placed):
                self.services.reanchor_in_background([doc_id])
                placed = fresh
        return [{"uuid": a.uuid, "start": a.start, "end": a.end, "hex": a.color_hex, "note": a.note,
                 "orphan": a.orphan} for a in placed]

    # -- selection and editing --------------------------------------------------
    def select_first(self) -> None:
        if self.model.rowCount():
            self.table.selectRow(0)

    def select_uuid(self, uuid: str) -> bool:
        for row, rec in enumerate(self.model.rows):
            if rec["uuid"] == uuid:
                self.table.selectRow(row)
                return True
        return False

    def _select(self, row: int) -> None:
        if not self.flush():  # the note being left keeps what was typed in it; if it cannot, it stays chosen
            self._reselect_current()
            return
        if not 0 <= row < len(self.model.rows):
            self.current = None
            self._set_editor_enabled(False)
            return
        self.current = self.model.rows[row]
        rec = self.current
        doc = self.corpus.document(rec["doc_id"]) if self.corpus.has_document(rec["doc_id"]) else None
        where = doc.title if doc else rec["doc_id"]
        orphan = ("<br><span style='color:#c62828'>" + html.escape(self.tr("Orphan: this passage was not found in "
                  "the current text. The note is kept; review or delete it.")) + "</span>") if rec["orphan"] else ""
        self.quote.setText(f"<b>《{html.escape(where)}》</b><br>“{html.escape(rec['quote'][:200])}”{orphan}")
        self.editor.blockSignals(True)
        self.editor.setPlainText(rec["note"])
        self.editor.blockSignals(False)
        self.preview.setHtml(rec.get("note_html") or "")
        self.tags.setText(", ".join(rec.get("tags") or []))
        self.color.setCurrentIndex(max(0, self.color.findData(rec["color"])))
        self._dirty = set()
        self.save_problem.hide()
        self._set_editor_enabled(True)
        # A note whose document was removed has no passage to go to (it said "unknown document id").
        self.jump_button.setEnabled(doc is not None)

    def _set_editor_enabled(self, on: bool) -> None:
        for w in (self.editor, self.tags, self.color, self.save_button, self.delete_button, self.jump_button):
            w.setEnabled(on)
        if not on:
            self.quote.setText(self.tr("Select a note to edit it. Select text in the reader to add one."))
            self.editor.blockSignals(True)
            self.editor.clear()
            self.editor.blockSignals(False)
            self.preview.clear()

    def _preview_later(self) -> None:
        self._preview_timer.start()

    def _render_preview(self) -> None:
        from index.userdata.markup import render_note

        self.preview.setHtml(render_note(self.editor.toPlainText()))

    def _edited(self, field: str) -> None:
        if self.current is not None and self.editor.isEnabled():
            self._dirty.add(field)
            self._autosave.start(AUTOSAVE_MS)

    def has_unsaved_edits(self) -> bool:
        return bool(self._dirty)

    def _reselect_current(self) -> None:
        """Show the note being edited as chosen again, its editor as it is (a write of it failed)."""
        row = next((k for k, rec in enumerate(self.model.rows) if rec["uuid"] == self.current["uuid"]), None)
        if row is not None:
            blocker = self.table.selectionModel().blockSignals(True)
            self.table.selectRow(row)
            self.table.selectionModel().blockSignals(blocker)

    def flush(self, quiet: bool = False) -> bool:
        """Write what was typed in the open note now, if anything (quietly: the list is not re-read, so the
        cursor stays where it is). False if it could not be written; the text stays, and the reason was shown:
        in a dialog, or with ``quiet`` under the editor, the write tried again after ``AUTOSAVE_RETRY_MS``."""
        self._autosave.stop()
        if not self._dirty or self.current is None:
            return True
        if not self._write(quiet):
            if quiet:
                self._autosave.start(AUTOSAVE_RETRY_MS)
            return False
        self.services.annotations_changed.emit(self.current["doc_id"])
        return True

    def _autosave_now(self) -> bool:
        """Typing stopped, or the list is re-read unasked: ``flush`` without a dialog (one stole the keyboard
        mid-sentence, every 1.5 s while the database stayed locked)."""
        return self.flush(quiet=True)

    def _write(self, quiet: bool = False) -> bool:
        """Write the fields edited (only those: a tag or colour another window set is not written over).
        Refused: the reason in a dialog, or with ``quiet`` on the panel's line under the editor."""
        from index.base import paths
        from index.userdata import drafts
        from index.userdata.markup import render_note
        from index.userdata.notes import Annotation

        edited = self._dirty
        tags = [t.strip() for t in self.tags.text().replace("，", ",").split(",") if t.strip()]
        edit = {"note": self.editor.toPlainText() if "note" in edited else None,
                "color": self.color.currentData() if "color" in edited else None,
                "tags": tags if "tags" in edited else None}
        try:
            # Against the note as it was read: one another process changed meanwhile keeps its version as a
            # second note, one it deleted is written back (both were lost: written over, or refused for good).
            saved, copy, restored = self.store().save_edit(Annotation.from_dict(self.current), **edit)
        except Exception as exc:  # noqa: BLE001 - shown to the user; what was typed stays in the editor
            text = reason = error_text(exc)
            try:  # and in a file of its own, written at the next start if the window never writes it
                drafts.keep(paths.user_home(), Annotation.from_dict(self.current).to_dict(), edit)
                text += "\n\n" + self.tr("What you typed is kept, and will be written when ZoneRef next starts "
                                           "if it cannot be written before.")
            except Exception:  # noqa: BLE001 - the editor still holds it; the message says it is not written
                log.warning("the refused note edit could not be kept either", exc_info=True)
            if quiet:  # the reason on the line (the whole message, three paragraphs, was cut off); all of it on hover
                self.save_problem.setText(self.tr("Not saved yet, trying again:") + " " + " ".join(reason.split("\n")))
                self.save_problem.setToolTip(text)
                self.save_problem.show()
            else:
                QMessageBox.warning(self, self.tr("Notes"), text)
            return False
        self._dirty = set()
        self.save_problem.hide()
        try:
            drafts.drop(paths.user_home(), self.current["uuid"])
        except OSError:
            log.warning("a kept note edit could not be forgotten; it is written again at the next start",
                        exc_info=True)
        if "note" in edited and saved.note != self.editor.toPlainText():
            QTimer.singleShot(0, self.refresh)  # not typed in, and written elsewhere meanwhile: that one is shown
        if copy is not None or restored:
            QTimer.singleShot(0, self.refresh)  # the kept version, or the note written back, is listed
            QMessageBox.information(self, self.tr("Notes"), self.tr(
                "This note was changed elsewhere (another window or zoneref notes) while you typed in it. What you "
                "typed is saved; the other version is kept as a second note on the same passage.")
                if copy is not None else self.tr(
                "This note was deleted elsewhere (another window or zoneref notes) while you typed in it. It is "
                "kept, with what you typed."))
        self.current.update(note=saved.note, color=saved.color, tags=list(saved.tags), updated=saved.updated,
                            note_line=_one_line(saved.note), note_html=render_note(saved.note))
        self.table.viewport().update()  # its row shows the note as written
        if "tags" in edited:
            self._fill_filters()
        return True

    def save_current(self) -> None:
        if not self.current:
            return
        self._autosave.stop()
        self._dirty.add("note")  # Save writes the note as the editor holds it, and any other field edited
        if not self._write():
            return
        doc_id = self.current["doc_id"]
        self._fill_filters()
        self.refresh()
        self.services.annotations_changed.emit(doc_id)

    def hideEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.flush()
        super().hideEvent(event)

    def delete_current(self) -> None:
        if not self.current:
            return
        answer = QMessageBox.question(self, self.tr("Delete note"), self.tr("Delete this highlight and its note?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        from index.base.errors import UnknownIdError

        doc_id = self.current["doc_id"]
        self._autosave.stop()
        try:
            self.store().delete(self.current["uuid"])
        except Exception as exc:  # noqa: BLE001 - deleted elsewhere already, or the database refuses: said
            QMessageBox.warning(self, self.tr("Notes"), error_text(exc))
            if not isinstance(exc, UnknownIdError):  # refused: the note stays, and so does what was typed in it
                if self._dirty:
                    self._autosave.start(AUTOSAVE_MS)
                return
        self._dirty = set()
        self.save_problem.hide()
        self.current = None
        self._set_editor_enabled(False)  # it showed the deleted note, and Save on it did nothing
        self._fill_filters()  # its document's count and its tags
        self.refresh()
        self.services.annotations_changed.emit(doc_id)

    def add_annotation(self, clause_id: str, quote: str, start: int, end: int, with_note: bool,
                       color: str | None = None) -> dict | None:
        """Store a highlight of the reader's selection; with a note, focus the editor."""
        from index.userdata.notes import DEFAULT_COLOR

        self._fill_once()
        try:
            a = self.store().add(clause_id, quote, color=color or DEFAULT_COLOR, start=start, end=end)
        except Exception as exc:  # noqa: BLE001 - shown to the user
            QMessageBox.warning(self, self.tr("Notes"), error_text(exc))
            return None
        self.services.annotations_changed.emit(a.doc_id)
        self._fill_filters()
        self.refresh()
        self.select_uuid(a.uuid)
        if with_note:
            dock = self.parentWidget()
            if dock is not None:
                dock.show()
                dock.raise_()
            self.editor.setFocus()
        return a.to_dict()

    def _jump(self, row: int) -> None:
        if 0 <= row < len(self.model.rows):
            self.open_requested.emit(self.model.rows[row])

    def _link(self, url: QUrl) -> None:
        """Links in notes open only after the user confirms, in the system browser."""
        answer = QMessageBox.question(self, self.tr("Open link"),
                                      self.tr("Open this address in your browser?\n%1").replace("%1", url.toString()))
        if answer == QMessageBox.StandardButton.Yes:
            QDesktopServices.openUrl(url)


def _one_line(markdown: str) -> str:
    """A note's Markdown as one line of plain words for the list (markers dropped)."""
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)]|#+|>)\s+", "", markdown, flags=re.MULTILINE)
    text = re.sub(r"(\*\*|__|\*|`)", "", text)
    return " ".join(text.split())


def _swatch(hexcode: str):
    from PySide6.QtGui import QColor, QIcon, QPixmap

    pix = QPixmap(12, 12)
    pix.fill(QColor(hexcode))
    return QIcon(pix)
