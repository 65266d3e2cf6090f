"""文件 → 恢复批注…: bring notes back from a backup or a set-aside database file.

Lists the backups (``backups/``) and the files a recovery or a restore set
aside (``zoneref.db.damaged-…``), newest first, with how many notes each
holds. **Merge** adds the notes a file has and the database does not (and
newer versions of those it has; nothing is deleted): the safe choice.
**Replace** makes the notes exactly the file's, keeping the current state
as a backup first. **Choose a file…** merges any other copy (another
computer's ``zoneref.db``, say).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidgetItem,
)

from desktop.errors import error_text
from desktop.settings import QT_TRANSLATE_NOOP
from desktop.widgets import row_table, vbox
from index.base.errors import KnownError

# Why a backup was taken (its file name says), as the user reads it.
REASONS = {
    "daily": QT_TRANSLATE_NOOP("RecoveryDialog", "Daily"),
    "changes": QT_TRANSLATE_NOOP("RecoveryDialog", "After changes"),
    "exit": QT_TRANSLATE_NOOP("RecoveryDialog", "On closing"),
    "manual": QT_TRANSLATE_NOOP("RecoveryDialog", "By hand"),
    "before_restore": QT_TRANSLATE_NOOP("RecoveryDialog", "Before a restore"),
    "before_recover": QT_TRANSLATE_NOOP("RecoveryDialog", "Before a recovery"),
    "damaged": QT_TRANSLATE_NOOP("RecoveryDialog", "Damaged file set aside"),
    "replaced": QT_TRANSLATE_NOOP("RecoveryDialog", "Replaced file set aside"),
}


class RecoveryDialog(QDialog):
    """Backups and set-aside files, with Merge, Replace and Choose a file….

    Args:
        services: the window's ``Services`` (the merge and the restore go through it).
    """

    def __init__(self, services, parent=None):
        super().__init__(parent)
        self.setObjectName("recovery_dialog")
        self.services = services
        self.setWindowTitle(self.tr("Recover notes"))
        self.resize(760, 420)
        intro = QLabel(self.tr("Merge adds the notes a copy has and yours do not (nothing is deleted). Replace makes "
                               "your notes exactly the copy's; your notes as they are now are kept as a backup "
                               "first."))
        intro.setWordWrap(True)
        self.table = row_table([self.tr("Time"), self.tr("Kind"), self.tr("Notes"), self.tr("File")], stretch=3,
                               name="recovery_files", read_only=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.merge_button = QPushButton(self.tr("Merge into my notes"))
        self.replace_button = QPushButton(self.tr("Replace my notes with this copy…"))
        self.choose_button = QPushButton(self.tr("Choose a file…"))
        for button in (self.merge_button, self.replace_button, self.choose_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.merge_button.clicked.connect(lambda: self.merge(self.selected()))
        self.replace_button.clicked.connect(lambda: self.replace(self.selected()))
        self.choose_button.clicked.connect(self._choose)
        self.table.itemSelectionChanged.connect(self._enable)
        vbox(intro, (self.table, 1), buttons, parent=self)
        self.refresh()

    def refresh(self) -> None:
        """List the set-aside files, then the backups, newest first."""
        from index.userdata import backups, dbfile, recovery

        db_path = self.services.workspace.db_path
        rows = []
        for path in recovery.set_aside_files(db_path):
            kind = "damaged" if ".damaged-" in path.name else "replaced"
            rows.append((dbfile.stamp_time(path.name.rsplit("-", 1)[-1]) or "", kind, path))
        rows += [(backups.backup_time(p) or "", backups.backup_reason(p), p) for p in backups.backups(db_path)]
        self.table.setRowCount(0)
        for when, kind, path in rows:
            row = self.table.rowCount()
            self.table.insertRow(row)
            count = backups.count_notes(path)
            cells = [_local_time(when), self.tr(REASONS[kind]) if kind in REASONS else kind,
                     "?" if count is None else str(count), str(path)]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(path))
                if column == 2:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        for column in range(3):  # time, kind, notes whole; the file name takes the rest
            self.table.resizeColumnToContents(column)
        if self.table.rowCount():
            self.table.selectRow(0)
        self._enable()

    def selected(self) -> Path | None:
        items = self.table.selectedItems()
        return Path(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _enable(self) -> None:
        chosen = self.selected() is not None
        self.merge_button.setEnabled(chosen)
        self.replace_button.setEnabled(chosen)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a ZoneRef notes database"),
                                              str(self.services.workspace.home),
                                              self.tr("Notes databases (*.db *.db.*);;All files (*)"))
        if path:
            self.merge(Path(path))

    def merge(self, path: Path | None) -> object | None:
        """Merge ``path``'s notes into the user's; tells the user what came back. Returns the ``MergeReport``."""
        if path is None:
            return None
        return self._carry_out(self.services.recover_notes, path, lambda report: (
            self.tr("Added %1 note(s), updated %2; %3 were already there. %4 bookmark(s), %5 pinned "
                    "decision(s) and %6 comparison set(s) came back too.")
            .replace("%1", str(report.added)).replace("%2", str(report.updated))
            .replace("%3", str(report.unchanged)).replace("%4", str(report.bookmarks))
            .replace("%5", str(report.pins)).replace("%6", str(report.sets))))

    def replace(self, path: Path | None, confirm: bool = True) -> object | None:
        """Replace the user's notes with ``path``'s, after asking; returns the ``RestoreReport``."""
        if path is None:
            return None
        if confirm and QMessageBox.question(
                self, self.windowTitle(),
                self.tr("Replace all your notes with this copy? Your notes as they are now are kept as a backup "
                        "first.")) != QMessageBox.StandardButton.Yes:
            return None
        return self._carry_out(self.services.restore_notes, path, lambda report: (
            self.tr("Your notes are now the copy's: %1 note(s). The notes as they were (%2) are kept in %3.")
            .replace("%1", str(report.notes)).replace("%2", str(report.notes_before))
            .replace("%3", str(report.safety_copy))))

    def _carry_out(self, action, path: Path, told) -> object | None:
        """``action(path)``; tells the user ``told(report)``, or the error. Returns the report, None on error."""
        from index.userdata.troubles import NotNotesDatabaseError

        try:
            report = action(path)
        except NotNotesDatabaseError:  # the file's fault, not the notes': say which file, and that no note changed
            QMessageBox.warning(self, self.windowTitle(), self.tr(
                "%1 is not a ZoneRef notes database (another program's file, an empty one, or one no longer "
                "recognisable as a database). Your notes were not changed.").replace("%1", path.name))
            return None
        except KnownError as exc:
            QMessageBox.warning(self, self.windowTitle(), error_text(exc))
            return None
        self._tell(told(report))
        self.refresh()
        return report

    def _tell(self, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Information, self.windowTitle(), text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("recovery_result")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.result_box = box
        box.open()


def _local_time(when: str) -> str:
    """A backup's UTC time (2026-12-06T02:20:00Z) as this computer's clock shows it (2026-12-06 10:20:00 in
    China): the dialog said UTC, eight hours off what the user remembers."""
    import datetime as dt

    try:
        moment = dt.datetime.fromisoformat(when.replace("Z", "+00:00"))
    except ValueError:
        return when.replace("T", " ").rstrip("Z")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
