"""Pins, saved comparison sets and their export/import (user database)."""

from __future__ import annotations

import json

import pytest

from index.base.errors import UnknownIdError
from index.compare import comparisons
from index.userdata import database as userdb

SRC = "zhejiang-2022-kaifaqu/c4/s5"


@pytest.fixture
def db():
    database = userdb.open_db()
    yield database
    database.conn.close()


def test_pins_set_replace_none_and_clear(db):
    comparisons.set_pin(db, SRC, "jilin-2021-kaifaqu", "jilin-2021-kaifaqu/c1/s3")
    comparisons.set_pin(db, SRC, "jilin-2021-kaifaqu", "jilin-2021-kaifaqu/c1/s1")  # replaces
    comparisons.set_none(db, SRC, "hebei-2017-kaifaqu")
    pins = comparisons.pins_map(db, SRC)
    assert pins["jilin-2021-kaifaqu"]["clause_id"] == "jilin-2021-kaifaqu/c1/s1"
    assert pins["jilin-2021-kaifaqu"]["decision"] == "pin"
    assert pins["hebei-2017-kaifaqu"]["decision"] == "none" and pins["hebei-2017-kaifaqu"]["clause_id"] is None
    assert len(comparisons.pins_for(db, SRC)) == 2
    assert comparisons.pins_for(db, "jilin-2021-kaifaqu/c1/s1") == []
    assert comparisons.clear_pin(db, SRC, "hebei-2017-kaifaqu") is True
    assert comparisons.clear_pin(db, SRC, "hebei-2017-kaifaqu") is False
    assert list(comparisons.pins_map(db, SRC)) == ["jilin-2021-kaifaqu"]


def test_pins_persist_across_connections(db):
    comparisons.set_none(db, SRC, "henan-2017-kaifaqu")
    again = userdb.open_db()
    try:
        assert comparisons.pins_map(again, SRC)["henan-2017-kaifaqu"]["decision"] == "none"
    finally:
        again.conn.close()


def test_pin_rejects_clause_of_another_document(db):
    with pytest.raises(comparisons.ComparisonSetError):
        comparisons.set_pin(db, SRC, "jilin-2021-kaifaqu", "henan-2017-kaifaqu/c9/s2")
    with pytest.raises(comparisons.ComparisonSetError):
        comparisons.set_none(db, SRC, "zhejiang-2022-kaifaqu")  # the source's own document
    assert comparisons.pins_for(db, SRC) == []


def _payload():
    return {"source_clause_id": SRC, "doc_ids": ["jilin-2021-kaifaqu", "henan-2017-kaifaqu"],
            "pins": [{"source_clause_id": SRC, "doc_id": "jilin-2021-kaifaqu",
                      "clause_id": "jilin-2021-kaifaqu/c1/s1", "decision": "pin"}]}


def test_save_list_load_delete_sets(db):
    saved = comparisons.save_set(db, "放管服对比", _payload())
    comparisons.save_set(db, "招商", {"topic": "zhaoshang", "doc_ids": []})
    assert saved["name"] == "放管服对比"
    names = {s["name"]: s for s in comparisons.list_sets(db)}
    assert set(names) == {"放管服对比", "招商"}
    assert names["放管服对比"]["pin_count"] == 1 and names["招商"]["topic"] == "zhaoshang"
    loaded = comparisons.load_set(db, "放管服对比")
    assert loaded["doc_ids"] == ["jilin-2021-kaifaqu", "henan-2017-kaifaqu"]
    assert comparisons.set_pins_map(loaded, SRC)["jilin-2021-kaifaqu"]["clause_id"] == "jilin-2021-kaifaqu/c1/s1"
    with pytest.raises(comparisons.ComparisonSetError):
        comparisons.save_set(db, "招商", {"topic": "rencai"}, overwrite=False)
    assert comparisons.delete_set(db, "招商") is True
    assert comparisons.delete_set(db, "招商") is False
    with pytest.raises(UnknownIdError):
        comparisons.load_set(db, "招商")


@pytest.mark.parametrize("payload", [
    {},
    {"source_clause_id": SRC, "topic": "zhaoshang"},
    {"topic": "zhaoshang", "doc_ids": "jilin"},
    {"topic": "zhaoshang", "pins": [{"decision": "maybe"}]},
    {"source_clause_id": SRC, "pins": [{"source_clause_id": SRC, "doc_id": "jilin-2021-kaifaqu",
                                        "decision": "pin"}]},
])
def test_bad_payloads_are_rejected(db, payload):
    with pytest.raises(comparisons.ComparisonSetError):
        comparisons.save_set(db, "x", payload)
    assert comparisons.list_sets(db) == []


def test_export_import_roundtrip(db, tmp_path):
    comparisons.save_set(db, "放管服对比", _payload())
    path = comparisons.export_set(db, "放管服对比", tmp_path / "set.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == comparisons.FILE_FORMAT and data["payload"]["source_clause_id"] == SRC
    comparisons.delete_set(db, "放管服对比")
    imported = comparisons.import_set(db, path)
    assert imported["name"] == "放管服对比"
    assert comparisons.load_set(db, "放管服对比")["pins"] == _payload()["pins"]
    # Importing again under the same name needs overwrite or a new name.
    with pytest.raises(comparisons.ComparisonSetError):
        comparisons.import_set(db, path)
    assert comparisons.import_set(db, path, name="副本")["name"] == "副本"
    for blank in ("", "  "):  # a name given empty is refused, not taken for the file's
        with pytest.raises(comparisons.ComparisonSetError, match="set name"):
            comparisons.import_set(db, path, name=blank, overwrite=True)
    assert comparisons.import_set(db, path, overwrite=True)["name"] == "放管服对比"


@pytest.mark.parametrize("content", [
    "not json at all",
    json.dumps({"format": "something-else", "version": 1, "name": "x", "payload": {"topic": "a"}}),
    json.dumps({"format": "zoneref-comparison-set", "version": 99, "name": "x", "payload": {"topic": "a"}}),
    json.dumps({"format": "zoneref-comparison-set", "version": 1, "name": "", "payload": {"topic": "a"}}),
    json.dumps({"format": "zoneref-comparison-set", "version": 1, "name": "x", "payload": {"doc_ids": []}}),
    json.dumps([1, 2, 3]),
    # a lone surrogate (UnicodeEncodeError when stored) and nesting past the parser (RecursionError): tracebacks
    json.dumps({"format": "zoneref-comparison-set", "version": 1, "name": "sur\ud800", "payload": {"topic": "a"}}),
    json.dumps({"format": "zoneref-comparison-set", "version": 1, "name": "x",
                "payload": {"source_clause_id": f"{SRC}\ud800"}}),
    json.dumps({"format": "zoneref-comparison-set", "version": 1, "name": "x",
                "payload": {"topic": "rencai", "doc_ids": ["jilin-2021-kaifaqu", "\udc00"]}}),
    json.dumps({"format": "zoneref-comparison-set", "version": 1, "name": "x", "payload": {
        "source_clause_id": SRC, "pins": [{"source_clause_id": SRC, "doc_id": "jilin-2021-kaifaqu",
                                           "clause_id": "jilin-2021-kaifaqu/c1/s1\ud800", "decision": "pin"}]}}),
    "[" * 100_000,
    '{"format": "zoneref-comparison-set", "version": 1, "name": "x", "payload": ' + "[" * 100_000,
])
def test_bad_import_file_changes_nothing(db, tmp_path, content):
    comparisons.save_set(db, "existing", {"topic": "rencai"})
    before = comparisons.list_sets(db)
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(comparisons.SetFileError):
        comparisons.import_set(db, path, overwrite=True)
    assert comparisons.list_sets(db) == before


def test_missing_import_file_is_a_clear_error(db, tmp_path):
    with pytest.raises(comparisons.SetFileError, match="missing.json"):
        comparisons.import_set(db, tmp_path / "missing.json")


def test_a_set_naming_ids_not_in_the_library(db, tmp_path):
    """A colleague's set is imported whatever their library holds (the ids not in this one are listed); used,
    its source clause must be here, and its documents that are not are left out. Before, a set of a missing
    clause was used as if it named only the clause's own document (``--docs names only …``)."""
    from index.library.corpus import Corpus

    corpus = Corpus()
    ghost = {"source_clause_id": "nope/c1", "doc_ids": ["nope"], "pins": []}
    assert comparisons.missing_ids(ghost, corpus) == ["nope/c1", "nope"]
    path = tmp_path / "ghost.json"
    path.write_text(json.dumps({"format": comparisons.FILE_FORMAT, "version": 1, "name": "ghost",
                                "payload": ghost}), encoding="utf-8")
    with pytest.raises(comparisons.ComparisonSetError, match="set 'ghost' refers to clause nope/c1, which is "
                                                                "not in your library"):
        comparisons.usable_set(comparisons.load_set(db, comparisons.import_set(db, path)["name"]), corpus)

    half = {**_payload(), "doc_ids": ["nope", "jilin-2021-kaifaqu"]}
    comparisons.save_set(db, "half", half)
    assert comparisons.missing_ids(half, corpus) == ["nope"]
    usable, left_out = comparisons.usable_set(comparisons.load_set(db, "half"), corpus)
    assert usable["doc_ids"] == ["jilin-2021-kaifaqu"] and left_out == ["nope"]
    comparisons.save_set(db, "elsewhere", {**_payload(), "doc_ids": ["nope", "gone"]})
    with pytest.raises(comparisons.ComparisonSetError, match="nope, gone, none of which"):
        comparisons.usable_set(comparisons.load_set(db, "elsewhere"), corpus)
    assert comparisons.missing_ids(_payload(), corpus) == []
    assert comparisons.usable_set(comparisons.load_set(db, "half") | {"doc_ids": []}, corpus)[1] == []
