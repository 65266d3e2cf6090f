"""Carrying notes from one version of a document onto another: the 2017 law's notes onto its 2023 revision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import cli

DATA = Path(__file__).resolve().parents[2] / "data" / "regulations" / "tune"


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, (json.loads(out) if "--json" in argv and out.strip() else out + err)


@pytest.fixture
def laws(capsys):
    """The 2017 law with three notes, then its 2023 revision imported."""
    code, rep = run(capsys, "import", str(DATA / "t29_xingzheng_fuyifa_2017.txt"), "--json")
    old = rep["imported"][0]["doc_id"]
    notes = {}
    for clause, quote, note, color in (
            ("ch1/art1", "保障和监督行政机关依法行使职权", "立法目的", "重点"),  # 2023: 监督和保障 …
            ("ch1/art1", "防止和纠正违法的或者不当的具体行政行为", "2023年是否删去“具体”？", "疑问"),  # 2023: …行政行为
            ("ch2/art6", "有下列情形之一的，公民、法人或者其他组织可以依照本法申请行政复议", "范围", "对比")):  # as it was
        code, rec = run(capsys, "notes", "add", "--clause", f"{old}/{clause}", "--quote", quote, "--note", note,
                        "--color", color, "--tag", "复议", "--json")
        assert code == 0, rec
        notes[note] = rec
    code, rep = run(capsys, "import", str(DATA / "t30_xingzheng_fuyifa_2023.txt"), "--json")
    new = rep["imported"][0]["doc_id"]
    assert rep["imported"][0]["supersedes"] == old
    return old, new, notes


def test_notes_are_copied_where_the_passage_is_and_changed_passages_are_named(capsys, laws):
    old, new, notes = laws
    code, report = run(capsys, "notes", "carry", old, new, "--json")
    assert code == 0
    assert [a["note"] for a in report["copied"]] == ["范围"]
    copied = report["copied"][0]
    assert copied["doc_id"] == new and copied["clause_id"] == f"{new}/ch2/se1/art7"  # 第六条 became 第七条
    assert copied["color"] == "对比" and copied["tags"] == ["复议"] and copied["created"] == notes["范围"]["created"]
    assert [a["note"] for a in report["reworded"]] == ["2023年是否删去“具体”？"]
    assert report["reworded"][0]["quote"] == "防止和纠正违法的或者不当的具体行政行为"  # as highlighted, not rewritten
    assert [a["uuid"] for a in report["changed"]] == [notes["立法目的"]["uuid"]]
    code, on_new = run(capsys, "notes", "list", "--doc", new, "--json")
    assert len(on_new) == 2 and not any(a["orphan"] for a in on_new)
    code, on_old = run(capsys, "notes", "list", "--doc", old, "--json")
    assert {a["uuid"] for a in on_old} == {n["uuid"] for n in notes.values()}  # the originals stay
    code, _ = run(capsys, "notes", "edit", copied["uuid"], "--note", "范围（2023 第七条）", "--json")
    code, again = run(capsys, "notes", "carry", old, new, "--json")  # a second time copies nothing twice
    assert again["copied"] == again["reworded"] == [] and again["already"] == 2 and len(again["changed"]) == 1
    code, text = run(capsys, "notes", "carry", old, new)
    assert "0 copied" in text and "立法目的" in text


def test_carrying_needs_two_versions_of_one_document(capsys, laws):
    old, new, _ = laws
    for args, words in (((old, "hebei-2017-kaifaqu"), "link them as versions first"),
                        ((old, old), "already on this version"), ((old, "nope"), "unknown document")):
        code, text = run(capsys, "notes", "carry", *args)
        assert code != 0 and words in text, text
    code, on_hebei = run(capsys, "notes", "list", "--doc", "hebei-2017-kaifaqu", "--json")
    assert on_hebei == []


def test_the_workspace_carries_from_every_other_version_with_notes(laws):
    from index.workspace import Workspace

    old, new, _ = laws
    ws = Workspace()
    assert ws.versions_with_notes(new) == [old] and ws.versions_with_notes(old) == []
    report, changes = ws.carry_notes(new)
    assert len(report.copied) == 1 and len(report.reworded) == 1 and changes.notes == frozenset({new})
    assert ws.versions_with_notes(old) == [new]  # now the new version has notes of its own
    ws.close()


def test_carrying_again_onto_a_version_whose_notes_are_not_placed_again_yet_copies_nothing_twice(capsys, laws):
    """The copies were known by their place: when the new version's text had changed and its notes were not yet
    placed again (the window does that on a worker, later), a second carry copied both notes again."""
    import sqlite3

    from index.userdata.connection import default_path

    old, new, _notes = laws
    code, first = run(capsys, "notes", "carry", old, new, "--json")
    assert len(first["copied"]) + len(first["reworded"]) == 2
    with sqlite3.connect(default_path()) as db:  # as after the new version's text changed: placed on the old one
        db.execute("UPDATE annotations SET start = start + 7, \"end\" = \"end\" + 7, anchored_hash = 'before' "
                   "WHERE doc_id = ?", (new,))
    db.close()
    code, again = run(capsys, "notes", "carry", old, new, "--json")
    assert again["copied"] == again["reworded"] == [] and again["already"] == 2
    code, on_new = run(capsys, "notes", "list", "--doc", new, "--json")
    assert len(on_new) == 2


def test_notes_carried_after_the_clock_was_set_back_can_be_exported_and_imported(laws, zoneref_home, monkeypatch):
    """A copy keeps its original's creation time but was stamped "updated" by the clock: set back (the notes were
    written while it was ahead), each copy was created after it was modified, and an export holding one was
    refused whole by the import ("created is after modified"): no note of the file could be brought back."""
    import json

    from index.userdata import notes as notes_module
    from index.userdata import notes_io
    from index.workspace import Workspace

    old, new, _notes = laws
    monkeypatch.setattr(notes_module, "now_iso", lambda: "2020-01-01T00:00:00.000Z")  # before the notes' times
    ws = Workspace(zoneref_home)
    store = ws.notes()
    report = store.carry_forward(old, new)
    assert all(a.created <= a.updated for a in report.copied + report.reworded)
    monkeypatch.undo()
    raw = json.dumps(notes_io.w3c_collection(store.list(doc_id=new)), ensure_ascii=False)
    assert len(notes_io.parse_w3c(raw, store.corpus)) == 2
    ws.close()
