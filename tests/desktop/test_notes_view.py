"""The notes panel: filters, jumping to a passage, highlights across a restart; the notes database at start-up:
a recovered database is reported, re-anchoring runs on a worker."""

from __future__ import annotations

import re
import threading

import pytest

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def _close(w) -> None:
    w.save_state = lambda: None
    w.close()


def test_damaged_database_is_reported_at_start(open_window, qtbot, zoneref_home):
    damaged = b"this is not a database at all\n" * 100
    (zoneref_home / "zoneref.db").write_bytes(damaged)
    w = open_window(restore=False)
    qtbot.waitUntil(lambda: w.recovery_box is not None and w.recovery_box.isVisible(), timeout=10000)
    box = w.recovery_box
    assert box.windowTitle() == "笔记数据库已修复"
    assert "没有找到完好的备份" in box.text()
    kept = next(zoneref_home.glob("*damaged*"))
    assert kept.read_bytes() == damaged  # kept aside, never deleted
    assert str(kept) in box.detailedText()
    # the fresh database works: a highlight is stored
    reader = w.open_document("hebei-2017-kaifaqu")
    clause = w.corpus.clauses("hebei-2017-kaifaqu")[2]
    reader.select(clause.start, clause.start + 4)
    reader._annotate(False)
    assert len(w.services.notes().list()) == 1
    box.accept()
    _close(w)


def test_healthy_database_shows_no_report(open_window, qtbot):
    w = open_window(restore=False)
    qtbot.waitUntil(lambda: w.services.reanchor_runs >= 1, timeout=10000)
    assert w.recovery_box is None and w.services.recovery_report is None
    _close(w)


def _imported_doc(tmp_path):
    from index.library.imported import Library

    f = tmp_path / "b.txt"
    f.write_text("关于促进开发区招商引资的通知\n\n一、设立招商专班，统筹招商引资工作。\n\n二、加强用地保障，盘活存量土地。\n",
                 encoding="utf-8")
    return Library().import_paths([f]).imported[0]["doc_id"]


def _change_text(zoneref_home, doc_id: str, old: str, new: str) -> None:
    """Edit an imported document's text on disk, as a newer import of it would."""
    path = zoneref_home / "documents" / f"{doc_id}.md"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"content_hash: \w+", "content_hash: " + "0" * 64, text).replace(old, new)
    path.write_text(text, encoding="utf-8")


def test_reanchoring_runs_on_a_worker_and_repaints(open_window, qtbot, tmp_path, zoneref_home, monkeypatch):
    from index.userdata.notes import NoteStore

    doc_id = _imported_doc(tmp_path)
    w = open_window(restore=False)
    reader = w.open_document(doc_id)
    for word in ("招商专班", "盘活存量"):
        clause = next(c for c in w.corpus.clauses(doc_id) if word in c.text)
        at = clause.start + clause.text.find(word)
        reader.select(at, at + 4)
        reader._annotate(False)
    qtbot.waitUntil(lambda: w.services.reanchor_runs >= 1, timeout=10000)
    _close(w)

    # The text changes: a sentence is inserted before the first note, the second note's words are gone.
    _change_text(zoneref_home, doc_id, "一、设立", "（新增一句话。）一、设立")
    _change_text(zoneref_home, doc_id, "盘活存量土地", "提高土地效率")
    threads = []
    original = NoteStore.reanchor_document

    def spy(self, doc):
        threads.append(threading.get_ident())
        return original(self, doc)

    monkeypatch.setattr(NoteStore, "reanchor_document", spy)
    w2 = open_window(restore=False)
    reader2 = w2.open_document(doc_id)
    body = reader2.body
    qtbot.waitUntil(lambda: w2.services.reanchor_runs >= 1, timeout=10000)
    assert threads and threading.get_ident() not in threads  # never on the GUI thread
    qtbot.waitUntil(lambda: len(reader2.annotations()) == 1, timeout=5000)
    note = reader2.annotations()[0]
    assert body[note["start"]:note["end"]] == "招商专班"  # moved with its text
    painted = [(s.cursor.selectionStart(), s.cursor.selectionEnd()) for s in reader2.text.extraSelections()]
    assert (note["start"], note["end"]) in painted
    orphans = w2.services.notes().orphans()
    assert [o.quote for o in orphans] == ["盘活存量"]  # kept for review, not deleted
    assert "1" in w2.statusBar().currentMessage()
    qtbot.waitUntil(lambda: "孤立" in w2.notes_view.count.text(), timeout=5000)
    _close(w2)


def test_stale_note_is_not_painted_at_old_offsets(open_window, qtbot, tmp_path, zoneref_home):
    """Before the worker has re-anchored, a note whose quote moved is left out, then painted where it went."""
    doc_id = _imported_doc(tmp_path)
    w = open_window(restore=False)
    reader = w.open_document(doc_id)
    clause = next(c for c in w.corpus.clauses(doc_id) if "用地保障" in c.text)
    at = clause.start + clause.text.find("用地保障")
    reader.select(at, at + 4)
    reader._annotate(False)
    qtbot.waitUntil(lambda: w.services.reanchor_runs >= 1, timeout=10000)
    _close(w)
    _change_text(zoneref_home, doc_id, "二、加强", "二、进一步加强")

    w2 = open_window(restore=False, start=False)  # no start_background: only the reader's own check runs
    reader2 = w2.open_document(doc_id)
    records = w2.notes_view.paint_records(doc_id)
    assert records == []  # the old offsets now point at other words
    assert w2.services.reanchoring()
    qtbot.waitUntil(lambda: len(reader2.annotations()) == 1, timeout=10000)
    note = reader2.annotations()[0]
    assert reader2.body[note["start"]:note["end"]] == "用地保障"
    _close(w2)


def _mark_as_newer_version(home) -> None:
    """Make the user database look written by a future ZoneRef (schema version 999)."""
    import sqlite3

    conn = sqlite3.connect(home / "zoneref.db")
    conn.execute("PRAGMA user_version = 999")
    conn.close()


def test_database_from_a_newer_version_is_explained_not_crashed(open_window, qtbot, zoneref_home):
    _mark_as_newer_version(zoneref_home)
    w = open_window(restore=False)
    qtbot.waitUntil(lambda: "更新版本" in w.notes_view.count.text(), timeout=10000)
    qtbot.wait(300)  # the re-anchoring timer has fired too, and given up quietly
    assert not w.services.reanchoring()
    _close(w)


def test_compare_works_without_a_usable_database(open_window, qtbot, zoneref_home):
    _mark_as_newer_version(zoneref_home)
    w = open_window(restore=False)
    w.compare_clause("jilin-2021-kaifaqu/c3/s12")
    qtbot.waitUntil(w.compare_view.is_ready, timeout=30000)
    assert len(w.compare_view.columns) == 5
    assert "更新版本" in w.compare_view.title.text()
    _close(w)


def test_highlight_survives_restart_and_notes_search(open_window, qtbot):
    w = open_window()
    reader = w.open_document("henan-2017-kaifaqu")
    clause = w.corpus.clauses("henan-2017-kaifaqu")[3]
    reader.select(clause.start, clause.start + 4)
    reader._annotate(False)
    w.close()
    w2 = open_window()
    reader2 = w2.open_document("henan-2017-kaifaqu")
    qtbot.waitUntil(lambda: len(reader2.annotations()) == 1)
    view = w2.notes_view
    view.search.setText(clause.text[1:2])  # a one-character query
    view.refresh()
    assert view.model.rowCount() == 1
    view.search.setText("不在任何批注里")
    view.refresh()
    assert view.model.rowCount() == 0
    w2.save_state = lambda: None
    w2.close()


def test_notes_filters_and_jump_to_passage(win, qtbot):
    from index.userdata.notes import COLORS

    names = list(COLORS)
    reader = win.open_document("hebei-2017-kaifaqu")
    clauses = win.corpus.clauses("hebei-2017-kaifaqu")
    late = clauses[-3]
    for clause, color in ((clauses[2], names[0]), (late, names[1])):
        reader.select(clause.start, clause.start + 4)
        reader._annotate(False, color)
    store = win.services.notes()
    second = next(a for a in store.list() if a.clause_id == late.id)
    store.edit(second.uuid, tags=["用地"])
    view = win.notes_view
    view.refresh_filters()
    view.refresh()
    assert view.model.rowCount() == 2
    view.color_filter.setCurrentIndex(view.color_filter.findData(names[1]))
    view.refresh()
    assert [r["uuid"] for r in view.model.rows] == [second.uuid]
    view.color_filter.setCurrentIndex(0)
    view.tag_filter.setCurrentIndex(view.tag_filter.findData("用地"))
    view.refresh()
    assert [r["uuid"] for r in view.model.rows] == [second.uuid]
    view.tag_filter.setCurrentIndex(0)
    # The document filter lists the documents that have notes, with how many (not the library's thousands).
    listed = [view.doc_filter.itemData(i) for i in range(1, view.doc_filter.count())]
    assert listed == [reader.doc_id] and view.doc_filter.itemText(1).endswith("（2）")
    assert view.doc_filter.findData("henan-2017-kaifaqu") == -1
    view.doc_filter.setCurrentIndex(1)
    view.refresh()
    assert view.model.rowCount() == 2
    third = store.add(clauses[3].id, clauses[3].text[:2])
    store.delete(third.uuid)
    view.refresh_filters()  # the chosen document stays chosen, and listed, whatever its count
    assert view.doc_filter.currentData() == reader.doc_id
    view.doc_filter.setCurrentIndex(0)
    view.refresh()
    # double-click jumps: another tab first, then the reader opens with the passage selected
    win.show_search()
    row = next(i for i, r in enumerate(view.model.rows) if r["uuid"] == second.uuid)
    view.table.doubleClicked.emit(view.model.index(row, 0))
    assert win.current_reader() is reader
    assert reader.selection() == (late.start, late.start + 4)
    assert reader.text.verticalScrollBar().value() > 0  # scrolled down to it
    assert reader.text.viewport().rect().contains(reader.text.cursorRect().center())  # the passage is in view


def test_a_hidden_notes_panel_lists_new_documents_in_its_filter_when_shown(win, qtbot, tmp_path):
    from index.workspace import Changes
    from tests.desktop.conftest import import_into

    view = win.notes_view
    win.notes_dock.show()
    view.refresh()
    win.notes_dock.hide()
    before = view.doc_filter.count()
    report, _changes = import_into(win.services, tmp_path / "a.txt")
    doc_id = report.imported[0]["doc_id"]
    clause = win.corpus.clauses(doc_id)[1]
    win.services.notes().add(clause.id, clause.text[:4])
    win.services.apply(Changes(notes=frozenset({doc_id})))
    assert view.doc_filter.count() == before  # hidden: read again when it shows
    win.notes_dock.show()
    qtbot.waitUntil(lambda: view.doc_filter.count() == before + 1, timeout=5000)
    assert view.doc_filter.findData(doc_id) > 0 and view.doc_filter.itemText(view.doc_filter.findData(doc_id)) \
        .endswith("（1）")


def _two_notes(win, qtbot):
    clause = win.corpus.clause("jilin-2021-kaifaqu/c3/s12")
    store = win.services.notes()
    at = clause.text.find("招商")
    first = store.add(clause.id, clause.text[at:at + 4], note="旧批注")
    second = store.add(clause.id, clause.text[at + 4:at + 8], note="")
    view = win.notes_view
    win.notes_dock.show()
    view.refresh()
    assert view.select_uuid(first.uuid)
    return view, store, first, second


def test_what_is_typed_in_a_note_is_kept_without_save(win, qtbot, monkeypatch):
    """Typing in a note, then choosing another (or closing the window) dropped the text without a word."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view, store, first, second = _two_notes(win, qtbot)
    view.editor.insertPlainText("补充：")  # typed, as a user types (not set)
    assert view.has_unsaved_edits()
    view.select_uuid(second.uuid)  # another note chosen: the first keeps what was typed
    assert store.get(first.uuid).note == "补充：旧批注"
    view.editor.insertPlainText("待核实")
    qtbot.waitUntil(lambda: store.get(second.uuid).note == "待核实", timeout=5000)  # written when typing stops
    assert not view.has_unsaved_edits() and view.editor.toPlainText() == "待核实"  # the editor left as it was
    view.editor.insertPlainText("，已核实")
    path = win.services.workspace.db_path
    win.close()  # closing the window writes it too
    import sqlite3

    with sqlite3.connect(path) as db:
        assert db.execute("SELECT note FROM annotations WHERE uuid = ?", (second.uuid,)).fetchone() == ("待核实，已核实",)


def test_a_deleted_note_leaves_the_editor_and_the_filters(win, qtbot, monkeypatch):
    """After 删除 the editor still showed the deleted note with Save enabled (typing and saving did nothing), and
    the document filter still counted it."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view, store, first, second = _two_notes(win, qtbot)
    view.delete_current()
    assert view.current is None and not view.editor.isEnabled() and not view.save_button.isEnabled()
    assert view.editor.toPlainText() == ""
    counts = [view.doc_filter.itemText(i) for i in range(view.doc_filter.count())]
    assert any("（1）" in text for text in counts) and not any("（2）" in text for text in counts)


def test_the_list_tells_a_documents_versions_apart(win, qtbot):
    """The 文件 column showed 云南 for a note on each of two versions: they looked like duplicates."""
    view, store, first, second = _two_notes(win, qtbot)
    assert {rec["doc"] for rec in view.model.rows} == {"吉林 2021"}


def test_a_note_that_cannot_be_written_keeps_what_was_typed_and_stays_chosen(win, qtbot, monkeypatch):
    """A failed write (a paste past the limit, a database locked by another process) warned, then the next note
    was loaded over the text, and the window closed anyway."""
    from PySide6.QtWidgets import QMessageBox

    from index.userdata.notes import NoteError

    warned, asked = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    view, store, first, second = _two_notes(win, qtbot)
    monkeypatch.setattr(type(store), "edit", lambda *a, **k: (_ for _ in ()).throw(NoteError("locked")))
    view.editor.insertPlainText("很长的补充")
    view.select_uuid(second.uuid)
    assert warned and view.current["uuid"] == first.uuid and view.editor.toPlainText() == "很长的补充旧批注"
    view.refresh()
    assert view.editor.toPlainText() == "很长的补充旧批注" and view.has_unsaved_edits()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    win.close()
    assert asked and win.isVisible()  # asked first, and kept open when told no


def test_writing_a_note_leaves_the_tags_and_colour_another_window_set(win, qtbot):
    """Every pause in typing wrote the panel's old tags and colour over what another process had set."""
    view, store, first, second = _two_notes(win, qtbot)
    view.editor.insertPlainText("补充")
    store.edit(first.uuid, tags=["用地"], color="疑问")  # another window, meanwhile
    assert view.flush()
    saved = store.get(first.uuid)
    assert (saved.note, saved.tags, saved.color) == ("补充旧批注", ("用地",), "疑问")
    view.editor.insertPlainText("再")  # typed, not yet written: an export or a print holds it all the same
    notes = [n.note for g in view.report().groups for c in g.clauses for n in c.notes]
    assert "补充再旧批注" in notes


def test_deleting_a_note_deleted_elsewhere_says_so_and_clears_the_editor(win, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    warned = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    view, store, first, second = _two_notes(win, qtbot)
    store.delete(first.uuid)
    view.delete_current()
    assert warned and view.current is None and not view.editor.isEnabled()


def test_a_note_changed_elsewhere_while_typed_keeps_both_versions(win, qtbot, monkeypatch):
    """What was typed was written over a note another process (zoneref notes edit, a second window) had changed
    meanwhile: its version (天数缩短为 5 天) was gone without a word."""
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view, store, first, second = _two_notes(win, qtbot)
    view.editor.insertPlainText("补充")
    store.edit(first.uuid, note="天数缩短为 5 天")  # the other process, while this one types
    assert view.flush()
    assert store.get(first.uuid).note == "补充旧批注"  # what was typed, on the note
    kept = [a for a in store.list(doc_id=first.doc_id) if a.note == "天数缩短为 5 天"]
    assert len(kept) == 1 and (kept[0].start, kept[0].end, kept[0].quote) == (first.start, first.end, first.quote)
    assert told and len(store.list()) == 3
    view.editor.insertPlainText("再")  # written again: no conflict with its own write, no third copy
    assert view.flush() and store.get(first.uuid).note == "补充再旧批注" and len(store.list()) == 3
    qtbot.waitUntil(lambda: len(view.model.rows) == 3, timeout=5000)  # the kept version is listed


def test_a_note_deleted_elsewhere_while_typed_is_kept_with_what_was_typed(win, qtbot, monkeypatch):
    """A note deleted by another process while typed in could not be written ("unknown annotation"): every other
    note was refused (the panel stayed on it), and closing the window lost what was typed."""
    from PySide6.QtWidgets import QMessageBox

    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view, store, first, second = _two_notes(win, qtbot)
    view.editor.insertPlainText("补充")
    view.tags.setText("用地")
    view.tags.textEdited.emit("用地")
    store.delete(first.uuid)
    assert view.flush()
    kept = store.get(first.uuid)
    assert (kept.note, kept.tags, kept.quote, kept.start, kept.created) == (
        "补充旧批注", ("用地",), first.quote, first.start, first.created)
    assert not kept.orphan and told
    view.select_uuid(second.uuid)
    assert view.current["uuid"] == second.uuid


def test_a_delete_that_fails_keeps_the_note_and_what_was_typed(win, qtbot, monkeypatch):
    """删除 refused (the database locked by another process, a read-only disk) still emptied the editor: the note
    stayed in the database, and what had been typed in it was dropped without being written."""
    from PySide6.QtWidgets import QMessageBox

    from index.userdata.notes import NoteError

    warned = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    view, store, first, second = _two_notes(win, qtbot)
    view.editor.insertPlainText("补充")
    delete = type(store).delete
    monkeypatch.setattr(type(store), "delete", lambda *a, **k: (_ for _ in ()).throw(NoteError("locked")))
    view.delete_current()
    assert warned and view.current["uuid"] == first.uuid and view.editor.isEnabled()
    assert view.editor.toPlainText() == "补充旧批注" and view.has_unsaved_edits()
    monkeypatch.setattr(type(store), "delete", delete)
    assert view.flush() and store.get(first.uuid).note == "补充旧批注"


def test_save_on_a_note_not_typed_in_shows_the_newer_version_written_elsewhere(win, qtbot):
    """保存 on a note as it was read wrote the panel's old text over another process's newer one."""
    view, store, first, second = _two_notes(win, qtbot)
    store.edit(first.uuid, note="另一进程")
    view.save_current()
    assert store.get(first.uuid).note == "另一进程" and len(store.list()) == 2
    qtbot.waitUntil(lambda: view.editor.toPlainText() == "另一进程", timeout=5000)


def test_an_edit_the_database_refused_is_written_at_the_next_start_after_a_crash(open_window, qtbot, monkeypatch,
                                                                                 zoneref_home):
    """A refused autosave kept the text only in the editor: a crash (or a power cut) before the next write
    lost it. It is kept in unsaved-notes.json and written when ZoneRef next starts."""
    from PySide6.QtWidgets import QMessageBox

    from index.userdata import drafts
    from index.userdata.notes import NoteError

    warned, told = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warned.append(a[2]))
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: told.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view, store, first, second = _two_notes(open_window(), qtbot)
    real_edit = type(store).edit
    monkeypatch.setattr(type(store), "edit", lambda *a, **k: (_ for _ in ()).throw(NoteError("database is locked")))
    view.editor.insertPlainText("停电前写的")
    view.tags.setText("土地")
    view.tags.textEdited.emit("土地")
    assert not view.flush()
    assert "下次启动" in warned[-1]
    kept = drafts.pending(zoneref_home)
    assert [(d["base"]["uuid"], d["edit"]) for d in kept] == [(first.uuid, {"note": "停电前写的旧批注", "tags": ["土地"]})]
    # The process dies here: nothing else writes it. The database is free again at the next start.
    monkeypatch.setattr(type(store), "edit", real_edit)
    second_window = open_window()
    qtbot.waitUntil(lambda: bool(told), timeout=30000)
    assert "1 条" in told[0] and drafts.pending(zoneref_home) == []
    note = second_window.services.notes().get(first.uuid)
    assert (note.note, note.tags) == ("停电前写的旧批注", ("土地",))


def test_a_kept_edit_is_forgotten_once_the_panel_writes_it(win, qtbot, monkeypatch, zoneref_home):
    from PySide6.QtWidgets import QMessageBox

    from index.userdata import drafts
    from index.userdata.notes import NoteError

    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    view, store, first, second = _two_notes(win, qtbot)
    real_edit = type(store).edit
    monkeypatch.setattr(type(store), "edit", lambda *a, **k: (_ for _ in ()).throw(NoteError("database is locked")))
    view.editor.insertPlainText("一")
    assert not view.flush() and len(drafts.pending(zoneref_home)) == 1
    monkeypatch.setattr(type(store), "edit", real_edit)
    view.editor.insertPlainText("二")
    assert view.flush() and drafts.pending(zoneref_home) == []
    assert not (zoneref_home / drafts.FILE_NAME).exists() and store.get(first.uuid).note == "一二旧批注"


def test_a_refused_autosave_says_so_under_the_editor_and_tries_again_without_a_dialog(win, qtbot, monkeypatch):
    """A refused autosave (the database locked by another process) put a modal warning over the editor every
    1.5 s of typing: the keyboard went to the dialog mid-sentence. It is said under the editor and retried."""
    from PySide6.QtWidgets import QMessageBox

    from desktop import notes_view
    from index.userdata.notes import NoteError

    dialogs = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: dialogs.append(a[2]))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    monkeypatch.setattr(notes_view, "AUTOSAVE_RETRY_MS", 200)
    view, store, first, second = _two_notes(win, qtbot)
    real_edit = type(store).save_edit
    tries = []

    def locked(*a, **k):
        tries.append(1)
        raise NoteError("database is locked")

    monkeypatch.setattr(type(store), "save_edit", locked)
    view.editor.insertPlainText("锁住时写的")
    qtbot.waitUntil(lambda: len(tries) >= 2, timeout=10000)  # tried, then tried again
    view.refresh()  # a refresh unasked (another write) tries too, and says so in the same place
    assert len(tries) >= 3 and not dialogs and view.has_unsaved_edits()
    assert not view.save_problem.isHidden() and "locked" in view.save_problem.text()
    assert view.editor.toPlainText() == "锁住时写的旧批注"
    monkeypatch.setattr(type(store), "save_edit", real_edit)  # the other process lets go
    qtbot.waitUntil(lambda: not view.has_unsaved_edits(), timeout=10000)
    assert store.get(first.uuid).note == "锁住时写的旧批注" and view.save_problem.isHidden() and not dialogs


def test_a_note_written_while_another_program_holds_the_database_does_not_freeze_the_window(win, qtbot):
    """Another program holding the user database (a notes import in a second ZoneRef, a SQLite browser) made the
    panel's write wait 8 times the 10 s busy timeout, ~87 s with the window frozen. The window's writes try once,
    for a second (``services.LOCK_WAIT_S``); the panel says so under the editor and tries again later."""
    import sqlite3

    from index.userdata.connection import default_path

    view, store, first, second = _two_notes(win, qtbot)
    other = sqlite3.connect(str(default_path()), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    began = []
    store.db.conn.set_trace_callback(lambda sql: began.append(sql) if sql.startswith("BEGIN") else None)
    try:
        view.editor.insertPlainText("锁住时")
        view._autosave_now()  # what the autosave timer runs
        assert began == ["BEGIN IMMEDIATE"] and view.has_unsaved_edits()
        assert not view.save_problem.isHidden() and view._autosave.isActive()  # said, and tried again later
    finally:
        store.db.conn.set_trace_callback(None)
        other.execute("ROLLBACK")
        other.close()
    view._autosave_now()
    assert not view.has_unsaved_edits() and store.get(first.uuid).note == "锁住时旧批注"
