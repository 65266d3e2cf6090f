"""Export (W3C JSON-LD, Markdown, CSV) and validated, idempotent, all-or-nothing import."""

from __future__ import annotations

import csv
import json
from datetime import UTC, datetime, timedelta

import pytest

from index.library.corpus import Corpus
from index.userdata import database as userdb
from index.userdata import notes_io
from index.userdata.notes import NoteStore

DOC = "jilin-2021-kaifaqu"


@pytest.fixture
def store():
    return NoteStore(userdb.open_db(), Corpus())


def _fill(store):
    c = store.corpus
    clauses = [cl for cl in c.clauses(DOC) if len(cl.text) > 40][:3]
    other = next(cl for cl in c.clauses("hebei-2017-kaifaqu") if len(cl.text) > 40)
    made = [
        store.add(clauses[0].id, clauses[0].text[10:20], note="**要点**：见[文件](https://www.gov.cn/x)",
                  tags=["用地", "招商"], color="疑问"),
        store.add(clauses[1].id, clauses[1].text[5:9], note='=1+2 "引号", 逗号\n第二行'),
        store.add(clauses[2].id, clauses[2].text[0:12], tags=["用地"], color="待办"),
        store.add(other.id, other.text[3:15], note="河北"),
    ]
    store.bookmark(clauses[0].id)
    return made


def _dicts(store):
    return sorted((a.to_dict() for a in store.list()), key=lambda d: d["uuid"])


def test_w3c_export_shape(store, tmp_path):
    made = _fill(store)
    out = tmp_path / "notes.jsonld"
    assert notes_io.export_w3c(store, out) == 4
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["@context"][0] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["total"] == 4
    item = next(i for i in data["first"]["items"] if i["id"] == f"urn:uuid:{made[0].uuid}")
    assert item["type"] == "Annotation"
    assert item["target"]["source"] == f"urn:zoneref:doc:{DOC}"
    quote_sel = next(s for s in item["target"]["selector"] if s["type"] == "TextQuoteSelector")
    assert quote_sel["exact"] == made[0].quote and quote_sel["prefix"] == made[0].prefix
    pos = next(s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector")
    assert (pos["start"], pos["end"]) == (made[0].start, made[0].end)
    purposes = sorted(b["purpose"] for b in item["body"])
    assert purposes == ["classifying", "commenting", "tagging", "tagging"]


def test_round_trip_into_empty_home(store, tmp_path, monkeypatch):
    _fill(store)
    out = tmp_path / "notes.jsonld"
    notes_io.export(store, "w3c", out)
    before = _dicts(store)
    other_home = tmp_path / "other-home"
    other_home.mkdir()
    monkeypatch.setenv("ZONEREF_HOME", str(other_home))
    fresh = NoteStore(userdb.open_db(), Corpus())
    assert fresh.list() == []
    report = notes_io.import_file(fresh, out)
    assert report == {"ok": True, "added": 4, "updated": 0, "unchanged": 0, "orphaned": [], "replaced_characters": 0,
                      "backup": None}
    assert _dicts(fresh) == before
    # Idempotent: importing again changes nothing.
    again = notes_io.import_w3c(fresh, out)  # a Path works too
    assert (again["added"], again["updated"], again["unchanged"]) == (0, 0, 4)
    assert _dicts(fresh) == before


def test_newer_modified_wins(store, tmp_path):
    a = _fill(store)[0]
    out = tmp_path / "old.jsonld"
    notes_io.export(store, "w3c", out)
    store.edit(a.uuid, note="本地更新")
    report = notes_io.import_file(store, out)  # the file is older: nothing changes
    assert report["unchanged"] == 4 and store.get(a.uuid).note == "本地更新"
    data = json.loads(out.read_text(encoding="utf-8"))
    item = next(i for i in data["first"]["items"] if i["id"].endswith(a.uuid))
    item["modified"] = (datetime.now(UTC) + timedelta(hours=1)).isoformat()  # newer, not absurd
    next(b for b in item["body"] if b["purpose"] == "commenting")["value"] = "文件更新"
    report = notes_io.import_w3c(store, json.dumps(data))
    assert report["updated"] == 1 and report["unchanged"] == 3
    assert store.get(a.uuid).note == "文件更新"


def _valid_item(store):
    a = _fill(store)[0]
    return a, notes_io.to_w3c(a)


def _mutations():
    def huge_note(i):
        next(b for b in i["body"] if b["purpose"] == "commenting")["value"] = "长" * 200_001

    def sql_in_doc(i):
        i["target"]["source"] = "urn:zoneref:doc:x'; DROP TABLE annotations;--"

    def html_in_clause(i):
        i["target"]["clause"] = "<script>alert(1)</script>"

    def unknown_doc(i):
        i["target"]["source"] = "urn:zoneref:doc:nowhere-1999"
        i["target"]["clause"] = "nowhere-1999/c1"

    def wrong_type_start(i):
        i["target"]["selector"][1]["start"] = "12"

    def bool_start(i):
        i["target"]["selector"][1]["start"] = True

    def bad_uuid(i):
        i["id"] = "urn:uuid:not-a-uuid"

    def bad_date(i):
        i["created"] = "last week"

    def future_time(i):
        i["modified"] = "2999-01-01T00:00:00Z"

    def created_after_modified(i):
        i["created"] = "2030-01-01T00:00:00Z"
        i["modified"] = "2020-01-01T00:00:00Z"

    def bad_color(i):
        next(b for b in i["body"] if b["purpose"] == "classifying")["value"] = "<b>red</b>"

    def quote_not_text(i):
        i["target"]["selector"][0]["exact"] = {"$gt": ""}

    def no_target(i):
        del i["target"]

    def nul_in_note(i):
        next(b for b in i["body"] if b["purpose"] == "commenting")["value"] = "a\x00b"

    return [huge_note, sql_in_doc, html_in_clause, unknown_doc, wrong_type_start, bool_start, bad_uuid,
            bad_date, future_time, created_after_modified, bad_color, quote_not_text, no_target, nul_in_note]


@pytest.mark.parametrize("mutate", _mutations(), ids=lambda f: f.__name__)
def test_hostile_item_rejects_whole_file_and_changes_nothing(store, mutate):
    a, item = _valid_item(store)
    fresh = notes_io.to_w3c(a)
    fresh["id"] = "urn:uuid:00000000-0000-4000-8000-000000000001"  # a valid new one alongside
    mutate(item)
    if mutate.__name__ not in ("bad_date", "future_time", "created_after_modified"):
        item["modified"] = (datetime.now(UTC) + timedelta(hours=1)).isoformat()  # would win if accepted
    before = _dicts(store)
    with pytest.raises(notes_io.NotesImportError) as err:
        notes_io.import_w3c(store, json.dumps({"type": "AnnotationPage", "items": [fresh, item]}))
    report = err.value.report
    assert report["ok"] is False and report["error_count"] >= 1
    assert all(e["item"] == 1 for e in report["errors"])
    assert _dicts(store) == before
    assert "annotations" in store.db.table_names()


@pytest.mark.parametrize("raw", [b"", b"{", b"\xff\xfe garbage", b"[1, 2]", b'{"type": "Annotation"}',
                                 b"[" * 100_000 + b"]" * 100_000, b'"just a string"', b"null"])
def test_malformed_files_are_rejected(store, raw):
    _fill(store)
    before = _dicts(store)
    with pytest.raises(notes_io.NotesImportError) as err:
        notes_io.import_w3c(store, raw)
    assert err.value.report["errors"]
    assert _dicts(store) == before


def test_duplicate_uuid_in_file_is_rejected(store):
    a, item = _valid_item(store)
    with pytest.raises(notes_io.NotesImportError):
        notes_io.import_w3c(store, json.dumps([item, item]))


def test_import_of_text_that_changed_reanchors_or_orphans(store):
    a, item = _valid_item(store)
    store.delete(a.uuid)
    item["target"]["selector"][0]["exact"] = "这段文字不在文件里"
    item["target"]["selector"][1]["start"] = 5
    item["target"]["selector"][1]["end"] = 14
    report = notes_io.import_w3c(store, json.dumps([item]))
    assert report["orphaned"] == [a.uuid]
    assert store.get(a.uuid).orphan and store.get(a.uuid).note == a.note


def test_markdown_export_groups_by_document_and_clause(store, tmp_path):
    made = _fill(store)
    out = tmp_path / "notes.md"
    notes_io.export(store, "markdown", out)
    text = out.read_text(encoding="utf-8")
    c = store.corpus
    title = c.document(DOC).title
    assert f"## 《{title}》" in text
    assert f"出处：{c.citation(c.clause(made[0].clause_id))}" in text
    assert f"> {made[0].quote}" in text and "**要点**" in text
    assert text.count("\n## 《") == 2 and text.count("\n### ") == 4
    # Clauses of one document appear in document order under its heading.
    jilin = text.index(f"## 《{title}》")
    positions = [text.index(f"> {m.quote}") for m in made[:3]]
    assert jilin < min(positions) and positions == sorted(positions)


def test_csv_export_for_excel(store, tmp_path):
    made = _fill(store)
    out = tmp_path / "notes.csv"
    notes_io.export(store, "csv", out, tag="用地")
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines(keepends=True)))
    assert {r["uuid"] for r in rows} == {made[0].uuid, made[2].uuid}
    assert rows[0]["tags"] == "用地; 招商" and rows[0]["citation"].startswith("《")
    out_all = tmp_path / "all.csv"
    notes_io.export(store, "csv", out_all)
    rows = list(csv.DictReader(out_all.read_bytes().decode("utf-8-sig").splitlines(keepends=True)))
    formula = next(r for r in rows if r["uuid"] == made[1].uuid)
    assert formula["note"] == '\'=1+2 "引号", 逗号\n第二行'  # defused, multi-line kept


def test_unknown_format(store, tmp_path):
    with pytest.raises(ValueError):
        notes_io.export(store, "xml", tmp_path / "x")


def test_an_import_that_writes_over_notes_keeps_them_in_a_backup_first(store, tmp_path):
    """A file with the same ids and newer times (a colleague's copy of an export, edited) replaced the notes' own
    text with no question and no copy: restore and recover take a safety backup first, import took none."""
    import sqlite3

    from index.userdata import backups

    a = _fill(store)[0]
    out = tmp_path / "theirs.jsonld"
    notes_io.export(store, "w3c", out)
    assert notes_io.import_file(store, out)["backup"] is None  # nothing written over: no backup
    store.edit(a.uuid, note="本地批注")
    data = json.loads(out.read_text(encoding="utf-8"))
    item = next(i for i in data["first"]["items"] if i["id"].endswith(a.uuid))
    item["modified"] = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    next(b for b in item["body"] if b["purpose"] == "commenting")["value"] = "文件批注"
    report = notes_io.import_w3c(store, json.dumps(data))
    assert report["updated"] == 1 and store.get(a.uuid).note == "文件批注"
    kept = report["backup"]
    assert kept and backups.backup_reason(kept) == "before_import"
    with sqlite3.connect(f"file:{kept}?mode=ro", uri=True) as db:
        assert db.execute("SELECT note FROM annotations WHERE uuid = ?", (a.uuid,)).fetchone() == ("本地批注",)
    db.close()
