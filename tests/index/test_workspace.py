"""The Workspace: one handle on the engine, what its operations change, and what others changed."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.workspace import Changes, Workspace, documents_changed

POLICY = "贵州省人民政府关于推进开发区高质量发展的意见\n\n一、总体要求\n\n（一）坚持黔中招商引资。\n"


def write(path: Path, text: str = POLICY) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_come_from_the_home_and_the_content(tmp_path):
    ws = Workspace(tmp_path / "home", content=tmp_path / "content")
    assert ws.imported_dir == tmp_path / "home" / "documents"
    assert ws.index_dir == tmp_path / "home" / "index"
    assert ws.db_path == tmp_path / "home" / "zoneref.db"
    assert ws.docs_dir == tmp_path / "content" / "docs"
    assert ws.topics_path == tmp_path / "content" / "topics.yaml"
    assert Workspace(tmp_path / "h2", imports=False).imported_dir is None
    worker = ws.worker()
    assert (worker.home, worker.content_dir) == (ws.home, ws.content_dir) and worker.corpus is not ws.corpus


def test_default_home_is_zoneref_home(zoneref_home):
    assert Workspace().home == zoneref_home


def test_changes_combine_and_say_what_they_touch():
    assert not Changes()
    a = documents_changed(added=["x"])
    assert a and a.documents and a.index and a.notes_of("x") and not a.notes_of("y")
    b = Changes(pins=True)
    both = a | b
    assert both.added == {"x"} and both.pins and not both.sets
    assert Changes(all_notes=True).notes_of("anything")
    assert documents_changed() == Changes()
    assert both.to_dict()["added"] == ["x"]


def test_operations_return_what_they_changed(tmp_path, zoneref_home):
    ws = Workspace()
    report, changes = ws.import_paths([write(tmp_path / "a.txt")], workers=1)
    doc_id = report.imported[0]["doc_id"]
    assert changes.added == {doc_id} and changes.index and ws.corpus.has_document(doc_id)
    doc, changes = ws.edit_document(doc_id, {"region": "贵州省", "year": 2023})
    assert changes.edited == {doc_id} and not changes.added and doc.get("year") == 2023
    doc, changes = ws.remove_document(doc_id)
    assert changes.removed == {doc_id} and not ws.corpus.has_document(doc_id)
    report, changes = ws.import_paths([tmp_path / "missing.txt"], workers=1)
    assert not changes and report.errors


def test_reading_never_creates_the_user_database(zoneref_home):
    ws = Workspace()
    assert ws.pins("jilin-2021-kaifaqu/c3/s12") == {}
    ws.compare("jilin-2021-kaifaqu/c3/s12", doc_ids=["henan-2017-kaifaqu"])
    assert not ws.has_db() and not (zoneref_home / "zoneref.db").exists()


def test_another_handles_changes_are_noticed_once(tmp_path, zoneref_home):
    gui, cli = Workspace(), Workspace()
    assert not gui.external_changes()  # the first look takes the snapshot
    report, _ = cli.import_paths([write(tmp_path / "a.txt")], workers=1)
    doc_id = report.imported[0]["doc_id"]
    seen = gui.external_changes()
    assert seen.added == {doc_id} and seen.index
    assert gui.corpus.has_document(doc_id)  # reloaded before it returns
    assert not gui.external_changes()
    cli.edit_document(doc_id, {"title": "贵州省开发区意见（修订）"})
    seen = gui.external_changes()
    assert seen.edited == {doc_id} and gui.corpus.document(doc_id).title == "贵州省开发区意见（修订）"
    cli.remove_document(doc_id)
    assert gui.external_changes().removed == {doc_id}


def test_a_scan_made_elsewhere_finds_what_the_look_itself_would(tmp_path, zoneref_home):
    # The GUI stats the document files on a worker (``scan_documents``) when a scan is due, then looks.
    gui, cli = Workspace(), Workspace()
    assert gui.documents_scan_due()  # the first look takes the snapshot
    assert not gui.external_changes(scanned=gui.scan_documents())
    assert not gui.documents_scan_due()  # nothing moved: the next look stats no file
    report, _ = cli.import_paths([write(tmp_path / "a.txt")], workers=1)
    doc_id = report.imported[0]["doc_id"]
    assert gui.documents_scan_due()  # the folder's time moved
    seen = gui.external_changes(reload=False, scanned=gui.scan_documents())
    assert seen.added == {doc_id}
    assert not gui.documents_scan_due() and not gui.external_changes(reload=False).documents


def test_changes_found_without_reloading_leave_the_corpus_for_a_listing(tmp_path, zoneref_home):
    gui, cli = Workspace(), Workspace()
    before = [d.id for d in gui.corpus.documents()]
    gui.external_changes()
    report, _ = cli.import_paths([write(tmp_path / "a.txt")], workers=1)
    doc_id = report.imported[0]["doc_id"]
    seen = gui.external_changes(reload=False)
    assert seen.added == {doc_id} and [d.id for d in gui.corpus.documents()] == before  # as it was
    worker = gui.worker()
    listing = worker.list_documents()
    worker.close()
    gui.reload(seen, listing)  # what Services.apply does once a worker has listed the library
    assert gui.corpus.has_document(doc_id) and not gui.external_changes()


def test_changes_applied_from_a_worker_are_not_reported_again(tmp_path, zoneref_home):
    gui = Workspace()
    gui.external_changes()
    worker = gui.worker()
    _, changes = worker.import_paths([write(tmp_path / "a.txt")], workers=1)
    other = Workspace()
    _, other_changes = other.import_paths([write(tmp_path / "b.txt", POLICY.replace("黔中", "黔东南"))], workers=1)
    gui.reload(changes)  # what Services.apply does with a worker's result
    seen = gui.external_changes()
    assert seen.added == other_changes.added  # only the other process's document


def test_notes_written_elsewhere_are_noticed(zoneref_home):
    gui, cli = Workspace(), Workspace()
    gui.db()
    gui.external_changes()
    cli.notes().add("jilin-2021-kaifaqu/c3/s12", "招商引資", note="另一进程")
    seen = gui.external_changes()
    assert seen.all_notes and seen.pins and seen.notes_of("hebei-2017-kaifaqu")
    assert not gui.external_changes()
    gui.notes().add("jilin-2021-kaifaqu/c3/s12", "招商", note="本进程")
    assert not gui.external_changes()  # our own commits do not move data_version


@pytest.mark.slow
def test_an_index_rebuilt_elsewhere_is_noticed(zoneref_home):
    gui, cli = Workspace(), Workspace()
    gui.search_index().ensure()
    gui.external_changes()
    cli.search_index().rebuild()
    assert gui.external_changes().index
