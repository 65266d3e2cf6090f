"""Services: changes from this window and from other processes reach every view; superseded work never lands."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.desktop.conftest import POLICY, import_into, looked, settled

ROOT = Path(__file__).resolve().parents[2]


def zoneref(home: Path, *args: str) -> subprocess.CompletedProcess:
    """The real ``zoneref`` command in another process, on the same user data folder."""
    env = {**os.environ, "ZONEREF_HOME": str(home), "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.slow
def test_a_cli_import_while_the_window_is_open_reaches_every_view(win, qtbot, tmp_path, zoneref_home):
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=120000)
    win.show_search()
    win.search_view.set_query("滇中招商")
    qtbot.waitUntil(lambda: win.search_view.status.text() != "", timeout=30000)
    assert win.search_view.results_count() == 0
    qtbot.waitUntil(lambda: win.services._poll is not None, timeout=10000)  # watching for other processes
    seen = []
    win.services.changed.connect(seen.append)

    src = tmp_path / "云南.txt"
    src.write_text(POLICY, encoding="utf-8")
    done = zoneref(zoneref_home, "import", str(src), "--json")
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: any(c.added for c in seen), timeout=10000)
    doc_id = next(iter(seen[-1].added))

    # the library, the filters and comparisons know the document without a restart
    assert win.library.select_document(doc_id)
    assert win.library.model.document_count() == 6
    regions = [win.search_view.region_model.key(i) for i in range(win.search_view.region_model.rowCount())]
    assert "云南省" in regions
    assert doc_id in win.compare_view.chosen_docs()
    # search finds its clause and names it by its title, and opening it works
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    win.search_view.set_query("滇中招商")
    qtbot.waitUntil(lambda: win.search_view.results_count() > 0, timeout=30000)
    row = win.search_view.model.hit(0)
    assert row["doc_id"] == doc_id and row["doc_title"] != doc_id
    reader = win.open_document(doc_id)
    assert reader is not None and reader.doc_id == doc_id

    # removed by another process: its tab closes and the library forgets it
    assert zoneref(zoneref_home, "remove", doc_id).returncode == 0
    qtbot.waitUntil(lambda: any(c.removed for c in seen), timeout=10000)
    assert not win.corpus.has_document(doc_id)
    assert all(r.doc_id != doc_id for r in win.readers())
    assert win.library.model.document_count() == 5


@pytest.mark.slow
def test_a_note_added_by_another_process_shows_in_the_notes_panel(win, qtbot, zoneref_home):
    qtbot.waitUntil(lambda: win.services.notes_ready() and win.services._poll is not None, timeout=30000)
    before = win.notes_view.model.rowCount()
    done = zoneref(zoneref_home, "notes", "add", "--clause", "jilin-2021-kaifaqu/c3/s12", "--quote", "招商引資",
                   "--note", "另一窗口的批注")
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(lambda: win.notes_view.model.rowCount() == before + 1, timeout=10000)


def test_changes_of_this_window_reach_the_views_once(win, qtbot, tmp_path):
    seen = []
    win.services.changed.connect(seen.append)
    report, changes = import_into(win.services, tmp_path / "a.txt", settle=False)
    doc_id = report.imported[0]["doc_id"]
    assert changes.added == {doc_id} and changes.index
    assert seen == []  # the library is being listed on a worker: the change is applied after
    settled(win.services)
    assert seen == [changes]
    assert win.library.select_document(doc_id) and doc_id in win.compare_view.chosen_docs()
    win.services.check_external()  # the poll after our own change finds nothing new
    settled(win.services)
    assert seen == [changes]


def test_a_listing_superseded_by_a_newer_change_is_dropped_and_both_are_applied_once(win, qtbot, tmp_path):
    """Documents changed: the library is listed on a worker and swapped in. A change arriving meanwhile drops
    that listing (it may have missed the change) and one listing applies both, in one ``changed``."""
    seen = []
    win.services.changed.connect(seen.append)
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(POLICY, encoding="utf-8")
    second.write_text(POLICY.replace("云南省", "贵州省").replace("滇中", "黔中"), encoding="utf-8")
    report_a, changes_a = win.services.workspace.import_paths([first], workers=1)
    win.services.apply(changes_a)
    listing = win.services._listing
    assert listing is not None and win.services.applying()
    report_b, changes_b = win.services.workspace.import_paths([second], workers=1)
    win.services.apply(changes_b)
    assert listing.cancelled() and win.services._listing is not listing
    settled(win.services)
    assert len(seen) == 1 and seen[0].added == changes_a.added | changes_b.added
    for report in (report_a, report_b):
        assert win.library.select_document(report.imported[0]["doc_id"])
    assert win.library.model.document_count() == 7


def test_a_change_still_being_listed_when_the_window_closes_is_dropped(win, qtbot, tmp_path):
    from desktop import ops

    seen = []
    win.services.changed.connect(seen.append)
    import_into(win.services, tmp_path / "a.txt", settle=False)
    assert win.services.applying()
    win.services.close()
    assert not win.services.applying()
    assert ops.wait_all(30000)
    qtbot.wait(50)  # the worker's outcome, had it been kept, would arrive now
    assert seen == []


def test_another_processs_change_is_listed_on_a_worker_before_it_shows(win, qtbot, tmp_path):
    from index.workspace import Workspace

    win.services.watch()  # the first look: a snapshot, its files' stats on a worker
    assert win.services.looking()
    looked(win.services)
    seen = []
    win.services.changed.connect(seen.append)
    src = tmp_path / "a.txt"
    src.write_text(POLICY, encoding="utf-8")
    report, _ = Workspace().import_paths([src], workers=1)  # as a CLI import does, in its own handle
    doc_id = report.imported[0]["doc_id"]
    win.services.check_external()  # a file was added: every file is stat-ed, on a worker
    assert win.services.looking() and not win.services.applying()
    looked(win.services)
    assert win.services.applying() and not win.corpus.has_document(doc_id)  # the window's library as it was
    settled(win.services)
    assert any(doc_id in c.added for c in seen) and win.library.select_document(doc_id)


def test_the_window_does_not_reload_its_own_writes_while_they_run(win, qtbot, tmp_path):
    """An import through the window writes files the watch would take for another process's, and reload the
    library at every look while the import runs (seconds of freeze at 3,500 documents); it waits instead."""
    import threading

    from desktop import ops

    win.services.watch()
    looked(win.services)
    seen = []
    win.services.changed.connect(seen.append)
    src = tmp_path / "a.txt"
    src.write_text(POLICY, encoding="utf-8")
    worker = win.services.workspace.worker()
    written, release = threading.Event(), threading.Event()

    def work():
        result = worker.import_paths([src], workers=1)
        written.set()
        release.wait(10)
        return result

    op = win.services.writing(ops.Op(work, lambda result: win.services.apply(result[1])))
    op.run()
    assert written.wait(60)
    win.services.check_external()  # the file is on disk, the import not yet delivered: nothing is reloaded
    assert seen == []
    release.set()
    qtbot.waitUntil(lambda: len(seen) == 1, timeout=30000)
    doc_id = next(iter(seen[0].added))
    assert win.library.select_document(doc_id)
    win.services.check_external()  # the look after it finds nothing new: the window's own write, applied once
    settled(win.services)
    assert len(seen) == 1 and not win.services._writes


def test_a_look_overlapping_a_write_of_this_window_is_dropped(win, qtbot, tmp_path, monkeypatch):
    """A look stats the files on a worker; if this window starts writing meanwhile, the scan may hold its own
    files half written: it is dropped, and the next look scans again."""
    from desktop import ops
    from index.workspace import Workspace

    # The window's own start first: its notes load once the index is open, and their re-anchoring is a
    # worker of its own that must not overlap the look this test holds back.
    qtbot.waitUntil(lambda: win._notes_started and win.services._reanchor_op is None, timeout=30000)
    win.services.watch()
    looked(win.services)
    seen = []
    win.services.changed.connect(seen.append)
    gate = threading.Event()
    scan = win.services.workspace.scan_documents
    monkeypatch.setattr(win.services.workspace, "scan_documents", lambda: (gate.wait(10), scan())[1])
    src = tmp_path / "a.txt"
    src.write_text(POLICY, encoding="utf-8")
    report, _ = Workspace().import_paths([src], workers=1)  # another process's change: a scan is due
    win.services.check_external()
    assert win.services.looking()
    write = win.services.writing(ops.Op(lambda: None, lambda result: None))
    write.run()
    gate.set()
    looked(win.services)
    qtbot.waitUntil(lambda: not win.services._writes, timeout=10000)
    assert seen == [] and not win.services.applying()
    win.services.check_external()
    settled(win.services)
    assert any(report.imported[0]["doc_id"] in c.added for c in seen)


def test_a_superseded_comparison_never_overwrites_the_newer_one(win, qtbot, monkeypatch):
    """The race: comparison A is slow, B is asked for meanwhile; A finishing later must not win."""
    from index.workspace import Workspace

    first, second = "jilin-2021-kaifaqu/c3/s12", "zhejiang-2022-kaifaqu/c2/s2"
    release = threading.Event()
    a_started = threading.Event()
    a_saw_cancel = []
    real = Workspace.compare

    def compare(self, clause_id, *args, cancel=None, **kwargs):
        if clause_id == first:
            a_started.set()
            release.wait(30)
            a_saw_cancel.append(cancel())
        return real(self, clause_id, *args, cancel=cancel, **kwargs)

    monkeypatch.setattr(Workspace, "compare", compare)
    shown = []
    original_show = win.compare_view._show
    monkeypatch.setattr(win.compare_view, "_show", lambda result: (shown.append(result), original_show(result)))
    win.compare_clause(first)
    assert a_started.wait(10)
    win.compare_clause(second)
    release.set()
    qtbot.waitUntil(lambda: win.compare_view.is_ready(), timeout=60000)
    qtbot.wait(300)  # time for a stale delivery, if there were one
    assert [r["source"]["id"] for r in shown] == [second]
    assert win.compare_view.result["source"]["id"] == second
    assert a_saw_cancel == [True]  # the engine loop was told to stop


def test_a_superseded_coverage_is_dropped(win, qtbot, monkeypatch):
    from index.workspace import Workspace

    calls = []
    release = threading.Event()
    real = Workspace.coverage

    class Numbered:  # the real coverage, its record marked with which call made it
        def __init__(self, coverage, call):
            self.coverage, self.call = coverage, call

        def to_dict(self):
            return {**self.coverage.to_dict(), "call": self.call}

    def coverage(self, doc_ids=None, cancel=None, progress=None):
        calls.append(len(calls))
        call = len(calls)
        if call == 1:
            release.wait(30)
        return Numbered(real(self, doc_ids, cancel=None), call)

    monkeypatch.setattr(Workspace, "coverage", coverage)
    win.coverage_view.refresh()
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=10000)
    win.coverage_view.refresh()
    release.set()
    qtbot.waitUntil(lambda: win.coverage_view.is_ready(), timeout=60000)
    qtbot.wait(300)
    assert win.coverage_view.data["call"] == 2


def test_after_a_change_the_index_reopens_once_the_views_are_refreshed(win, qtbot):
    from index.workspace import Changes

    qtbot.waitUntil(lambda: win.services.index is not None, timeout=120000)
    seen = []
    win.services.changed.connect(lambda _c: seen.append((win.services.index, win.services._index_op)))
    win.services.apply(Changes(index=True))  # another process rewrote the index
    # The views refresh with the old index gone and no worker yet competing with them for the interpreter lock.
    assert seen == [(None, None)] and win.services._index_op is not None
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=120000)  # then it reopens


def test_after_a_change_what_the_old_handles_listed_is_let_go_in_the_background(win, qtbot, monkeypatch):
    from index.library.corpus import Corpus
    from index.workspace import Changes

    qtbot.waitUntil(lambda: win.services.index is not None, timeout=120000)
    background = win.services._background = win.services.workspace.worker()  # as a comparison left it
    old_index = win.services.index
    let_go = []
    monkeypatch.setattr(Corpus, "let_go", lambda self: let_go.append(self))
    win.services._apply_now(Changes(edited=frozenset({"jilin-2021-kaifaqu"})))
    assert win.services._background is None and win.services.index is not old_index
    assert any(c is background.corpus for c in let_go) and any(c is old_index.corpus for c in let_go)
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=120000)
