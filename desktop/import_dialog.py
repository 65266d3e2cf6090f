"""Import the user's own files: read, confirm the guessed metadata, add.

The two engine steps of ``index.library.imported`` run on workers through ``ops``:
``prepare_files`` reads and guesses (progress, cancel), the user corrects the
title, region, issuer, level, status and year in a table, and
``Library.add`` writes the documents and updates the search index and
annotations. The worker uses its own ``Corpus``; the window reloads its own
when the dialog reports the new ids.

Signals:
    imported(list): the new document ids.
"""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QProgressBar,
    QTableWidgetItem,
    QWidget,
)

from desktop import ops
from desktop.errors import error_text, metadata_problem_text
from desktop.widgets import row_table, vbox

# The metadata the user confirms, in column order.
EDITABLE = (("title", "Title"), ("region", "Region"), ("issuer", "Issuer"), ("level", "Level"),
            ("status", "Status"), ("year", "Year"))
#: Behind a cell whose value the rules refuse (translucent: readable on a light and a dark palette).
INVALID = QColor(220, 40, 40, 70)
FILL_MS = 25  # the table's rows are filled in passes of this long, the window answering between them
FILTER = "*.txt *.text *.md *.markdown *.docx *.doc *.wps *.html *.htm *.xhtml *.mht *.mhtml *.pdf *.ofd *.zip"
# Why a file was refused, by the engine's error code (index.library.readers.errors); the engine's detail follows.
PROBLEMS = {
    "unreadable": QT_TRANSLATE_NOOP("ImportDialog", "The file does not exist or cannot be read."),
    "unsupported": QT_TRANSLATE_NOOP("ImportDialog", "This file type cannot be imported (txt, md, docx, doc, wps, "
                                                     "html, mht, pdf, ofd, or a zip of them)."),
    "too_large": QT_TRANSLATE_NOOP("ImportDialog", "The file is larger than the import size limit."),
    "empty": QT_TRANSLATE_NOOP("ImportDialog", "The file is empty."),
    "binary": QT_TRANSLATE_NOOP("ImportDialog", "This is not a text file (an image, archive or program?)."),
    "undecodable": QT_TRANSLATE_NOOP("ImportDialog", "The text is in no known encoding (UTF-8/16, GB18030/GBK, Big5)."),
    "corrupt": QT_TRANSLATE_NOOP("ImportDialog", "The file is damaged."),
    "password": QT_TRANSLATE_NOOP("ImportDialog", "The file is password-protected; remove the password and import "
                                                  "again."),
    "zip_bomb": QT_TRANSLATE_NOOP("ImportDialog", "The file would expand far beyond any real document; refused."),
    "no_content": QT_TRANSLATE_NOOP("ImportDialog", "The page holds no document text (only navigation or links)."),
    "no_text_layer": QT_TRANSLATE_NOOP("ImportDialog", "The PDF or OFD file has no text (a scan?); ZoneRef "
                                                       "cannot read scans."),
    "too_long": QT_TRANSLATE_NOOP("ImportDialog", "The text is far longer than any policy document; split it and "
                                                  "import the parts."),
    "time_limit": QT_TRANSLATE_NOOP("ImportDialog", "Reading the file took too long and was stopped (a damaged or "
                                                    "hostile file?). Save it again in its program and import that."),
    "memory_limit": QT_TRANSLATE_NOOP("ImportDialog", "Reading the file needed too much memory and was stopped (a "
                                                      "damaged or hostile file?). Save it again in its program and "
                                                      "import that."),
    "reader_crashed": QT_TRANSLATE_NOOP("ImportDialog", "Reading the file failed unexpectedly; it was refused. Save "
                                                        "it again in its program and import that."),
}
# Why a file read may not be a policy document (``index.library.doubts``' codes): it is marked, never refused.
DOUBTS = {
    "too_short": QT_TRANSLATE_NOOP("ImportDialog", "Too short to be a policy document, and without a policy's form."),
    "not_chinese": QT_TRANSLATE_NOOP("ImportDialog", "Mostly not Chinese text."),
    "no_policy_form": QT_TRANSLATE_NOOP("ImportDialog", "No document kind in its title (意见, 办法, 条例 …), no document "
                                                        "number, no numbered clauses, no issuer and date: a news item "
                                                        "or a table?"),
}
#: Behind the clause count of a file that may not be a policy document (translucent amber).
DOUBTFUL = QColor(240, 160, 0, 90)
# Why a file in a folder was skipped (``collect_files``' codes); other reasons show the engine's text.
SKIPPED = {
    "unsupported": QT_TRANSLATE_NOOP("ImportDialog", "Not a file type ZoneRef imports; skipped."),
    "hidden": QT_TRANSLATE_NOOP("ImportDialog", "A hidden file or folder; skipped."),
    "lock_file": QT_TRANSLATE_NOOP("ImportDialog", "A lock file Word keeps while a document is open; skipped."),
    "link_outside": QT_TRANSLATE_NOOP("ImportDialog", "A link to outside the folder; not followed."),
    "link_to_folder": QT_TRANSLATE_NOOP("ImportDialog", "A link to a folder; not followed (import that folder "
                                                        "itself if you want it)."),
    "link_loop": QT_TRANSLATE_NOOP("ImportDialog", "A link that leads back to itself; skipped."),
    "link_broken": QT_TRANSLATE_NOOP("ImportDialog", "A link to a file that does not exist; skipped."),
    "link_not_file": QT_TRANSLATE_NOOP("ImportDialog", "A link to something that is not a file; not followed."),
    "archive_in_archive": QT_TRANSLATE_NOOP("ImportDialog", "An archive inside an archive; not opened (extract it "
                                                            "and import it on its own)."),
}


def choose_files(parent: QWidget) -> list[str]:
    files, _ = QFileDialog.getOpenFileNames(
        parent, QCoreApplication.translate("ImportDialog", "Import files"), "",
        QCoreApplication.translate("ImportDialog", "Documents (%1);;All files (*)").replace("%1", FILTER))
    return files


def choose_folder(parent: QWidget) -> list[str]:
    folder = QFileDialog.getExistingDirectory(parent, QCoreApplication.translate("ImportDialog", "Import folder"))
    return [folder] if folder else []


class ImportDialog(QDialog):
    imported = Signal(list)
    carry_notes_wanted = Signal(list)  # new versions' ids: copy their earlier versions' notes onto them

    def __init__(self, services, paths: list[str], parent=None):
        super().__init__(parent)
        self.services = services
        self.paths = paths
        self.candidates: list = []
        self.errors: list[dict] = []
        self.skipped: list[dict] = []
        self._op: ops.Op | None = None
        self.setWindowTitle(self.tr("Import documents"))
        self.resize(1000, 460)
        self.status = QLabel(self.tr("Reading %n file(s)…", "", len(paths)))
        self.status.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        titles = [self.tr("Title"), self.tr("Region"), self.tr("Issuer"), self.tr("Level"), self.tr("Status"),
                  self.tr("Year")]
        self.table = row_table(titles + [self.tr("Clauses"), self.tr("File")], stretch=0)
        self.table.setWordWrap(False)  # a long file name is elided on one line (its whole path on hover)
        # Short values get the width of their longest kind (measured, not asked of thousands of rows: a
        # folder's import lists every file); the title takes what is left.
        widest = {"level": "国家级", "status": "征求意见稿", "year": "20210", len(EDITABLE): "99999"}
        columns = {k: i for i, (k, _) in enumerate(EDITABLE)}
        metrics = self.table.fontMetrics()
        for key, sample in widest.items():
            column = columns.get(key, key)
            header = self.table.horizontalHeaderItem(column).text()
            self.table.setColumnWidth(column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(header))
                                      + 24)
        self.table.setColumnWidth(len(EDITABLE) + 1, 200)
        self.invalid: dict[tuple[int, int], str] = {}  # (row, column) → why the rules refuse its value
        self._filling = False
        self._ready = False  # every row is in the table and nothing was imported yet
        self.table.itemChanged.connect(self._cell_changed)
        self.check = QLabel()
        self.check.setObjectName("import_check")
        self.check.setWordWrap(True)
        self.check.setStyleSheet("QLabel { color: #c62828; }")
        self.check.setVisible(False)
        self.problems = QLabel()
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setEnabled(False)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        # Shown after an import that brought a new version of a document the user has notes on.
        self.carry_button = self.buttons.addButton(self.tr("Copy the notes onto the new versions"),
                                                   QDialogButtonBox.ButtonRole.ActionRole)
        self.carry_button.setVisible(False)
        self.carry_button.clicked.connect(self._carry_notes)
        self._carry_to: list[str] = []
        self.buttons.accepted.connect(self._add)
        self.buttons.rejected.connect(self._cancel)
        vbox(self.status, self.progress, QLabel(self.tr("Check the metadata guessed from each file (guesses in olive: "
                                                        "please check them); edit any cell.")),
             (self.table, 1), self.check, self.problems, self.buttons, parent=self)
        self._read()

    # -- step 1: read and guess ------------------------------------------
    def _read(self) -> None:
        paths = list(self.paths)

        def work(progress, cancelled):
            # Its modules and the folder walk in ``ops.lane``: after the window's start-up imports (the
            # notes'), never beside them. The files are then read in processes, this thread mostly waits.
            with ops.lane():
                from index.library.imported import collect_files, prepare_files

                files, skipped, errors = collect_files(paths)
            found = []
            for n, (status, item) in enumerate(prepare_files(files, cancel=cancelled), start=1):
                (found if status == "ok" else errors).append(item)
                progress(n, len(files), item.shown if status == "ok" else item["path"])
            if cancelled():  # nothing was added yet: close, as the user asked
                raise ops.Cancelled("import cancelled while reading")
            return found, skipped, errors

        self._op = ops.Op(work, self._read_done, self._failed, parent=self)
        self._op.on_progress = self._on_progress
        self._op.run()

    def _on_progress(self, done: int, total: int, message: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.status.setText(self.tr("Reading %1 of %2: %3").replace("%1", str(done)).replace("%2", str(total))
                            .replace("%3", message))

    def _read_done(self, result) -> None:
        self._op = None
        self.candidates, self.skipped, self.errors = result
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.table.setRowCount(len(self.candidates))
        text = self.tr("%n file(s) ready to import.", "", len(self.candidates))
        doubted = sum(1 for c in self.candidates if c.doubt)
        if doubted:
            text += " " + self.tr("%n of them may not be policy documents (their clause count is marked; hover it for "
                                  "why): untick a row's title to leave its file out.", "", doubted)
        self.status.setText(text)
        self._show_problems()
        self._filled = 0
        self._fill_rows()

    def _fill_rows(self) -> None:
        """Fill the table a pass at a time (``FILL_MS`` each; 3,500 rows at once held the window 0.15–0.18 s);
        Import is offered once every row is there, so that no unfilled row reads as emptied by the user."""
        deadline = time.perf_counter() + FILL_MS / 1000
        while self._filled < len(self.candidates):  # at least one row a pass
            self._fill_row(self._filled, self.candidates[self._filled])
            self._filled += 1
            if time.perf_counter() >= deadline:
                break
        if self._filled < len(self.candidates):
            QTimer.singleShot(0, self, self._fill_rows)
        else:
            self._ready = True
            self._offer_import()

    def _fill_row(self, row: int, cand) -> None:
        self._filling = True
        try:
            for col, (key, _) in enumerate(EDITABLE):
                value = cand.meta.get(key)
                item = QTableWidgetItem("" if value is None else str(value))
                if col == 0:  # the row's tick: import this file
                    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                    item.setCheckState(Qt.CheckState.Checked)
                self.table.setItem(row, col, item)
                self._mark(item)
        finally:
            self._filling = False
        count = QTableWidgetItem(str(cand.clause_count))
        count.setFlags(count.flags() & ~Qt.ItemFlag.ItemIsEditable)
        count.setToolTip(cand.shown)
        if cand.doubt:
            count.setBackground(QBrush(DOUBTFUL))
            count.setToolTip(self.tr("May not be a policy document:") + " " + self.tr(DOUBTS[cand.doubt]) + "\n"
                             + cand.shown)
        self.table.setItem(row, len(EDITABLE), count)
        # Which file each row is (a folder's, or a zip's member): its name, the whole path on hover.
        name = QTableWidgetItem(cand.meta.get("source_file") or cand.shown)
        name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
        name.setToolTip(cand.shown)
        self.table.setItem(row, len(EDITABLE) + 1, name)

    # -- the user's corrections ---------------------------------------------
    def _cell_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() >= len(EDITABLE):
            return
        self._filling = True  # the marks below change the item again
        try:
            self._mark(item)
        finally:
            self._filling = False
        self._offer_import()

    def _mark(self, item: QTableWidgetItem) -> None:
        """Colour a metadata cell: olive while it holds the guess, red while the rules
        (``index.library.fields``, the ones 编辑文件信息 and ``zoneref edit`` keep) refuse its value."""
        from index.library import fields

        row, col = item.row(), item.column()
        key = EDITABLE[col][0]
        meta = self.candidates[row].meta
        text = item.text().strip()
        guessed = key in (meta.get("inferred") or {}) and text == ("" if meta.get(key) is None else str(meta[key]))
        problem = fields.problem(key, text)
        if problem:
            self.invalid[(row, col)] = metadata_problem_text(key, problem)
        else:
            self.invalid.pop((row, col), None)
        item.setBackground(QBrush(INVALID) if problem else QBrush())
        item.setForeground(QBrush(Qt.GlobalColor.darkYellow) if guessed else QBrush())
        tips = [self.tr("Guessed from the text; please check")] if guessed else []
        item.setToolTip("\n".join(tips + ([self.invalid[(row, col)]] if problem else [])))

    def ticked(self, row: int) -> bool:
        """Whether the file of ``row`` is to be imported (its title's tick; a row not yet filled is)."""
        item = self.table.item(row, 0)
        return item is None or item.checkState() == Qt.CheckState.Checked

    def _blocking(self) -> dict[tuple[int, int], str]:
        """The refused cells of the ticked rows: an unticked file is not imported, its cells do not matter."""
        return {cell: why for cell, why in self.invalid.items() if self.ticked(cell[0])}

    def _offer_import(self) -> None:
        """Import is offered once every row is in, at least one is ticked and no ticked row's cell holds a
        value the rules refuse; the first such cell is named below the table."""
        blocking = self._blocking()
        ticked = sum(1 for row in range(len(self.candidates)) if self.ticked(row))
        self.import_button.setEnabled(self._ready and ticked > 0 and not blocking)
        self.import_button.setText(self.tr("Import") if ticked == len(self.candidates)
                                   else self.tr("Import %n file(s)", "", ticked))
        if blocking:
            row, col = min(blocking)
            text = self.tr("Row %1, %2: %3").replace("%1", str(row + 1)).replace(
                "%2", self.table.horizontalHeaderItem(col).text()).replace("%3", blocking[(row, col)])
            if len(blocking) > 1:
                text += " " + self.tr("(%n cell(s) to correct in all)", "", len(blocking))
            self.check.setText(text)
        self.check.setVisible(bool(blocking))

    def problem_lines(self) -> list[str]:
        """One line per refused or skipped file: its name, a translated reason, the engine's detail."""
        lines = []
        for e in self.errors:
            reason = PROBLEMS.get(e.get("code", ""))
            text = f"{self.tr(reason)} ({e['error']})" if reason else e["error"]
            lines.append(f"× {Path(e['path']).name}: {text}")
        for s in self.skipped:
            if s.get("doc_id"):
                text = self.tr("Already in the library as %1.").replace("%1", s["doc_id"])
            elif s.get("code") in SKIPPED:
                text = self.tr(SKIPPED[s["code"]])
            else:
                text = s["reason"]
            lines.append(f"– {Path(s['path']).name}: {text}")
        return lines

    def _show_problems(self) -> None:
        lines = self.problem_lines()
        self.problems.setText("\n".join(lines[:12]) + ("\n…" if len(lines) > 12 else ""))

    def edited_candidates(self) -> list:
        """The ticked candidates with the user's edits applied to their metadata, typed as the front matter
        holds them.

        Raises:
            MetadataError: a cell holds a value the rules refuse (Import is not offered while one does).
        """
        from index.library import fields

        out = []
        for row, cand in enumerate(self.candidates):
            if not self.ticked(row):
                continue
            meta = dict(cand.meta)
            inferred = dict(meta.get("inferred") or {})
            for col, (key, _) in enumerate(EDITABLE):
                text = (self.table.item(row, col).text() if self.table.item(row, col) else "").strip()
                old = "" if meta.get(key) is None else str(meta.get(key))
                if text != old:
                    meta[key] = fields.checked({key: text})[key]
                    inferred.pop(key, None)
            meta["inferred"] = inferred
            cand.meta = meta
            out.append(cand)
        return out

    # -- step 2: add --------------------------------------------------------
    def _add(self) -> None:
        if self._blocking() or not self._ready:
            return
        candidates = self.edited_candidates()
        self._ready = False
        self.import_button.setEnabled(False)
        self.status.setText(self.tr("Importing…"))

        worker = self.services.workspace.worker()

        def work(progress, cancelled):
            report, changes = worker.add_candidates(candidates, progress=progress, cancel=cancelled)
            # New versions of documents the user has notes on (this worker's library lists them already).
            noted = [r["doc_id"] for r in report.imported
                     if r.get("supersedes") and worker.versions_with_notes(r["doc_id"])]
            return report, changes, noted

        self._op = self.services.writing(ops.Op(work, self._add_done, self._failed, parent=self))
        self._op.on_progress = lambda d, t, m: (self.progress.setRange(0, max(t, 1)), self.progress.setValue(d))
        self._op.run()

    def _add_done(self, result) -> None:
        report, changes, noted = result
        self._op = None
        self.errors += report.errors
        self.skipped += report.skipped
        ids = [r["doc_id"] for r in report.imported]
        if report.cancelled:
            # Documents added before the cancel stay (each one whole); say so.
            self.status.setText(self.tr("Import cancelled; %n document(s) were imported before it.", "", len(ids)))
        else:
            self.status.setText(self.tr("Imported %n document(s).", "", len(ids)))
        self._show_problems()
        self.services.apply(changes)
        if ids:
            self.imported.emit(ids)
        self.cancel_button.setText(self.tr("Close"))
        self._offer_notes(noted)

    def _offer_notes(self, new_versions: list[str]) -> None:
        """Offer to copy the user's notes on earlier versions onto ``new_versions``, just imported."""
        self._carry_to = new_versions
        if self._carry_to:
            self.status.setText(self.status.text() + " " + self.tr(
                "You have notes on earlier versions of %n of them.", "", len(self._carry_to)))
            self.carry_button.setVisible(True)

    def _carry_notes(self) -> None:
        self.carry_button.setEnabled(False)
        self.carry_notes_wanted.emit(list(self._carry_to))  # one operation: one summary, one writer at a time

    def _failed(self, exc: BaseException) -> None:
        self._op = None
        if isinstance(exc, ops.Cancelled):
            self.reject()
            return
        self.status.setText(error_text(exc))
        self.progress.setRange(0, 1)

    def _cancel(self) -> None:
        if self._op is not None:
            self._op.stop()
            self.status.setText(self.tr("Cancelling…"))
        else:
            self.reject()


# Fields the user can correct after the import, in form order.
DETAILS = (("title", QT_TRANSLATE_NOOP("MetadataDialog", "Title")),
           ("region", QT_TRANSLATE_NOOP("MetadataDialog", "Region")),
           ("city", QT_TRANSLATE_NOOP("MetadataDialog", "City")),
           ("issuer", QT_TRANSLATE_NOOP("MetadataDialog", "Issuer")),
           ("level", QT_TRANSLATE_NOOP("MetadataDialog", "Level")),
           ("doc_number", QT_TRANSLATE_NOOP("MetadataDialog", "Document number")),
           ("issued", QT_TRANSLATE_NOOP("MetadataDialog", "Date issued (YYYY-MM-DD)")),
           ("year", QT_TRANSLATE_NOOP("MetadataDialog", "Year")),
           ("status", QT_TRANSLATE_NOOP("MetadataDialog", "Status")))


class MetadataDialog(QDialog):
    """Correct an imported document's metadata later (``Library.update_metadata`` on a worker).

    Fields still guessed from the text are marked; saving confirms what the
    user changed. The body, id and content hash never change.

    Signals:
        saved(str): the document id, after the change is on disk and in the index.
    """

    saved = Signal(str)

    def __init__(self, services, doc_id: str, parent=None):
        super().__init__(parent)
        from PySide6.QtWidgets import QFormLayout, QLineEdit

        from index.library.readers.candidates import UNKNOWN_REGION

        self.services = services
        self.doc_id = doc_id
        self._op: ops.Op | None = None
        doc = services.corpus.document(doc_id)
        self.setWindowTitle(self.tr("Document information"))
        self.resize(640, 0)
        inferred = doc.get("inferred") or {}
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        self.original: dict[str, str] = {}
        for key, label in DETAILS:
            value = doc.get(key)
            text = "" if value is None else str(value)
            edit = QLineEdit(text)
            if key in inferred or (key == "region" and text == UNKNOWN_REGION):
                edit.setToolTip(self.tr("Guessed from the text; please check"))
                edit.setStyleSheet("QLineEdit { background: #fff8dc; }")
            self.fields[key] = edit
            self.original[key] = text
            form.addRow(self.tr(label), edit)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        vbox(form, self.message, self.buttons, parent=self)

    def changes(self) -> dict:
        """The edited fields, typed as the front matter holds them (``index.library.fields.checked``).

        Raises:
            MetadataError: a value the rules refuse (an empty title, a year or date that is not one, a region
                that is no place).
        """
        from index.library import fields

        edited = {key: edit.text().strip() for key, edit in self.fields.items()
                  if edit.text().strip() != self.original[key]}
        return fields.checked(edited, self.doc_id)

    def save(self) -> None:
        from index.library.fields import MetadataError

        try:
            changes = self.changes()
        except MetadataError as exc:
            self.message.setText(error_text(exc))
            self.fields[exc.field].setFocus()
            return
        if not changes:
            self.accept()
            return
        self.buttons.setEnabled(False)
        doc_id = self.doc_id

        worker = self.services.workspace.worker()

        def work(progress, cancelled):
            return worker.edit_document(doc_id, changes)

        self._op = self.services.writing(ops.Op(work, self._saved, self._failed, parent=self))
        self._op.run()

    def _saved(self, result) -> None:
        self._op = None
        self.services.apply(result[1])
        self.saved.emit(self.doc_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._op = None
        self.buttons.setEnabled(True)
        self.message.setText(error_text(exc))
