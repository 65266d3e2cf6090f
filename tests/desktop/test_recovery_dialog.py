"""The window when the notes database is in trouble or was repaired, and 文件 → 恢复批注… (issue 17)."""

from __future__ import annotations

import pytest

from tests.faults.helpers import damage_an_index, mounted_tmpfs, remount

pytestmark = [pytest.mark.faults, pytest.mark.qt_log_level_fail("WARNING"),
              pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]

CLAUSE = "jilin-2021-kaifaqu/c3/s12"
QUOTE = "招商引資"


def _notes(home, count: int, start: int = 0) -> None:
    from index.workspace import Workspace

    ws = Workspace(home)
    for i in range(start, start + count):
        ws.notes().add(CLAUSE, QUOTE, note=f"第{i}条")
    ws.close()


def test_read_only_notes_are_shown_and_saving_says_why(open_window, qtbot, tmp_path, monkeypatch):
    with mounted_tmpfs(tmp_path / "disk", "16m") as disk:
        home = disk / "home"
        home.mkdir()
        monkeypatch.setenv("ZONEREF_HOME", str(home))
        _notes(home, 3)
        remount(disk, "ro")
        w = open_window(restore=False)
        qtbot.waitUntil(lambda: w.trouble_box is not None and w.trouble_box.isVisible(), timeout=10000)
        qtbot.waitUntil(w.trouble_label.isVisible, timeout=5000)  # lasting, in the status bar
        assert w.trouble_label.text() == "批注为只读"
        assert "无法写入" in w.trouble_box.text()
        w.trouble_box.accept()
        assert len(w.services.notes().list()) == 3  # reading goes on
        warnings = []
        monkeypatch.setattr("desktop.notes_view.QMessageBox.warning", lambda *a: warnings.append(a[2]))
        reader = w.open_document("jilin-2021-kaifaqu")
        clause = w.corpus.clause(CLAUSE)
        reader.select(clause.start, clause.start + 4)
        reader._annotate(False)
        assert warnings and "无法写入" in warnings[0]
        w.close()


def test_repaired_database_offers_to_recover_later_notes(open_window, qtbot, zoneref_home):
    from index.userdata import backups
    from index.workspace import Workspace

    _notes(zoneref_home, 3)
    for made in backups.backups(zoneref_home / "zoneref.db"):
        made.unlink()  # only the manual backup below: the two later notes are in no backup
    ws = Workspace(zoneref_home)
    ws.backup_notes()
    ws.notes().add(CLAUSE, QUOTE, note="later 1")
    ws.notes().add(CLAUSE, QUOTE, note="later 2")
    ws.db().conn.close()  # no exit backup
    ws._db = ws._notes = None
    damage_an_index(zoneref_home / "zoneref.db")

    w = open_window(restore=False)
    qtbot.waitUntil(lambda: w.recovery_box is not None and w.recovery_box.isVisible(), timeout=10000)
    box = w.recovery_box
    assert "3" in box.text() and "损坏" in box.text()
    assert "damaged-" in box.detailedText() and "backups" in box.detailedText()  # both files named
    assert len(w.services.notes().list()) == 3
    button = next(b for b in box.buttons() if b.objectName() == "recover_damaged")
    button.click()
    qtbot.waitUntil(lambda: getattr(w, "recovery_dialog", None) is not None, timeout=5000)
    assert len(w.services.notes().list()) == 5  # the two notes made after the backup came back
    assert "已添加 2 条" in w.recovery_dialog.result_box.text()
    w.close()


def test_recovery_dialog_merges_and_replaces(open_window, qtbot, zoneref_home):
    from desktop.recovery_dialog import RecoveryDialog
    from index.userdata import backups

    _notes(zoneref_home, 2)
    w = open_window(restore=False)
    w.services.notes().add(CLAUSE, QUOTE, note="in the window")
    dialog = RecoveryDialog(w.services, w)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(backups.backups(zoneref_home / "zoneref.db")) >= 1
    old = next(b for b in backups.backups(zoneref_home / "zoneref.db") if backups.backup_reason(b) == "exit")
    report = dialog.replace(old, confirm=False)
    assert report.notes == 2 and report.notes_before == 3
    assert len(w.services.notes().list()) == 2
    merged = dialog.merge(report.safety_copy)
    assert merged.added == 1 and len(w.services.notes().list()) == 3
    w.close()


def test_unreadable_document_files_are_reported_and_moved_out(open_window, qtbot, zoneref_home):
    folder = zoneref_home / "documents"
    folder.mkdir(exist_ok=True)
    (folder / "hand-edited.md").write_text("---\nid: hand-edited\ntitle: [unclosed\n---\n\n正文\n", encoding="utf-8")
    w = open_window(restore=False)
    qtbot.waitUntil(lambda: w.unreadable_box is not None and w.unreadable_box.isVisible(), timeout=10000)
    assert "hand-edited.md" in w.unreadable_box.detailedText()
    move = next(b for b in w.unreadable_box.buttons() if b.objectName() == "move_unreadable")
    move.click()
    assert not (folder / "hand-edited.md").exists()
    assert (zoneref_home / "unreadable-documents" / "hand-edited.md").exists()
    assert w.services.workspace.unreadable_documents() == []
    w.close()


@pytest.mark.parametrize("made", ["text", "foreign"])
def test_choosing_a_file_that_is_not_a_notes_database_says_so(open_window, qtbot, zoneref_home, tmp_path,
                                                              monkeypatch, made):
    # It said 笔记数据库已损坏，目前无法修复 (and English), as if the user's own notes were damaged.
    import sqlite3

    from desktop.recovery_dialog import RecoveryDialog

    _notes(zoneref_home, 2)
    w = open_window(restore=False)
    chosen = tmp_path / "chosen.db"
    if made == "text":
        chosen.write_text("hello", encoding="utf-8")
    else:
        with sqlite3.connect(chosen) as conn:
            conn.execute("CREATE TABLE accounts (name)")
    dialog = RecoveryDialog(w.services, w)
    qtbot.addWidget(dialog)
    warnings = []
    monkeypatch.setattr("desktop.recovery_dialog.QMessageBox.warning", lambda *a: warnings.append(a[2]))
    monkeypatch.setattr("desktop.recovery_dialog.QFileDialog.getOpenFileName", lambda *a: (str(chosen), ""))
    dialog.choose_button.click()
    assert dialog.replace(chosen, confirm=False) is None
    assert len(warnings) == 2
    for text in warnings:
        assert "chosen.db 不是 ZoneRef 笔记数据库" in text and "您的批注未作任何改动" in text
        assert "损坏" not in text and "database" not in text
    assert len(w.services.notes().list()) == 2
    w.close()


@pytest.mark.skipif(not hasattr(__import__("time"), "tzset"), reason="the time zone is set by TZ on POSIX only")
def test_backup_times_are_shown_on_this_computers_clock(monkeypatch):
    """The dialog listed times in UTC, eight hours off a clock in China."""
    import time

    from desktop.recovery_dialog import _local_time

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        assert _local_time("2026-12-06T02:20:00Z") == "2026-12-06 10:20:00"
        assert _local_time("not a time") == "not a time"
    finally:
        monkeypatch.undo()
        time.tzset()
