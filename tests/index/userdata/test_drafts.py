"""Note edits the database refused are kept in unsaved-notes.json until written (``index.userdata.drafts``)."""

from __future__ import annotations

from index.userdata import drafts
from index.userdata.notes import NoteError
from tests.index.userdata.test_notes import _clause, home_docs, store  # noqa: F401 - fixtures


def test_kept_edits_are_written_once_the_database_takes_them_and_a_later_edit_replaces_an_earlier(
        store, zoneref_home, monkeypatch):  # noqa: F811
    a = store.add(_clause(store, "用地").id, "用地", note="旧")
    b = store.add(_clause(store, "厂房").id, "厂房", note="")
    drafts.keep(zoneref_home, a.to_dict(), {"note": "第一次", "color": None})
    drafts.keep(zoneref_home, a.to_dict(), {"note": "第二次"})
    drafts.keep(zoneref_home, b.to_dict(), {"tags": ["土地"]})
    assert [d["edit"] for d in drafts.pending(zoneref_home)] == [{"note": "第二次"}, {"tags": ["土地"]}]
    real = type(store).edit
    monkeypatch.setattr(type(store), "edit", lambda *a, **k: (_ for _ in ()).throw(NoteError("database is locked")))
    assert drafts.apply(store, zoneref_home) == (0, 2) and len(drafts.pending(zoneref_home)) == 2  # kept, not lost
    monkeypatch.setattr(type(store), "edit", real)
    assert drafts.apply(store, zoneref_home) == (2, 0)
    assert store.get(a.uuid).note == "第二次" and store.get(b.uuid).tags == ("土地",)
    assert not (zoneref_home / drafts.FILE_NAME).exists()


def test_a_damaged_file_is_set_aside_not_deleted(zoneref_home):
    (zoneref_home / drafts.FILE_NAME).write_text('{"not": "a list"}', encoding="utf-8")
    assert drafts.pending(zoneref_home) == []
    assert (zoneref_home / (drafts.FILE_NAME + ".unreadable")).read_text(encoding="utf-8") == '{"not": "a list"}'
    drafts.drop(zoneref_home, "no-such-note")  # nothing kept: nothing written
    assert not (zoneref_home / drafts.FILE_NAME).exists()
