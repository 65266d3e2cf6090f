"""NoteStore: add, edit, delete, filters, search (1-2 characters, both scripts), bookmarks, re-anchoring."""

from __future__ import annotations

import sqlite3

import pytest

from index.base.errors import UnknownIdError
from index.library.corpus import Corpus
from index.library.documents import render_markdown
from index.userdata import database as userdb
from index.userdata.notes import COLORS, BadColorError, NoteError, NoteStore, QuoteNotFoundError

DOC = "test-2020-yuanqu"
BODY = (
    "一、总体要求\n\n坚持改革创新，推动开發區高质量发展。\n\n"
    "二、用地保障\n\n（一）对开发区用地给予保障，支持开发区盘活存量土地。\n\n"
    "（二）鼓励标准厂房建设。\n\n"
    "三、财政支持\n\n省财政对开发区基础设施建设给予补助。\n"
)


def _write_doc(folder, body=BODY, doc_id=DOC, region="测试省"):
    meta = {"id": doc_id, "title": "测试园区办法", "region": region, "year": 2020, "status": "正式"}
    (folder / f"{doc_id}.md").write_text(render_markdown(meta, body), encoding="utf-8")


@pytest.fixture
def home_docs(zoneref_home):
    folder = zoneref_home / "documents"
    folder.mkdir()
    _write_doc(folder)
    return folder


@pytest.fixture
def store(home_docs):
    return NoteStore(userdb.open_db(), Corpus())


def _clause(store, text):
    return next(c for c in store.corpus.clauses(DOC) if text in c.text)


def test_add_locates_quote_in_clause_and_stores_selector(store):
    clause = _clause(store, "盘活存量")
    a = store.add(clause.id, "盘活存量土地", note="记得**核对**", color="疑问", tags=["用地", "用地", " 土地 "])
    body = store.corpus.document(DOC).body
    assert body[a.start:a.end] == "盘活存量土地"
    assert a.prefix.endswith("支持开发区") and a.suffix.startswith("。")
    assert a.tags == ("用地", "土地")
    got = store.get(a.uuid)
    assert got == a
    rec = got.to_dict()
    assert set(rec) >= {"uuid", "doc_id", "clause_id", "quote", "prefix", "suffix", "start", "end", "color",
                        "note", "note_html", "tags", "created", "updated", "orphan"}
    assert "<strong>核对</strong>" in rec["note_html"]
    assert rec["color_hex"] == COLORS["疑问"]


def test_add_accepts_other_script_and_stores_document_text(store):
    clause = _clause(store, "开發區")
    a = store.add(clause.id, "开发区高质量")
    assert a.quote == "开發區高质量"


def test_add_with_offsets(store):
    body = store.corpus.document(DOC).body
    start = body.index("标准厂房")
    clause = _clause(store, "标准厂房")
    a = store.add(clause.id, None, start=start, end=start + 4)
    assert a.quote == "标准厂房"
    with pytest.raises(QuoteNotFoundError):
        store.add(clause.id, "别的字", start=start, end=start + 4)


def test_add_errors(store):
    clause = _clause(store, "标准厂房")
    with pytest.raises(QuoteNotFoundError):
        store.add(clause.id, "盘活存量土地")  # in the document, not in this clause
    with pytest.raises(UnknownIdError):
        store.add(f"{DOC}/c99", "土地")
    with pytest.raises(BadColorError):
        store.add(clause.id, "标准厂房", color="紫色")
    with pytest.raises(NoteError):
        store.add(clause.id, "标准厂房", tags=["x" * 100])
    assert store.list() == []


def test_edit_and_delete(store):
    clause = _clause(store, "标准厂房")
    a = store.add(clause.id, "标准厂房", tags=["甲"])
    b = store.edit(a.uuid, note="新的", color="todo", tags=["乙", "丙"])
    assert (b.note, b.color, b.tags) == ("新的", "待办", ("乙", "丙"))
    assert b.updated >= a.updated and b.created == a.created
    assert store.get(a.uuid) == b
    assert [t["name"] for t in store.tags()] == ["丙", "乙"]  # 甲 no longer used
    store.delete(a.uuid)
    with pytest.raises(UnknownIdError):
        store.get(a.uuid)
    with pytest.raises(UnknownIdError):
        store.delete(a.uuid)
    with pytest.raises(UnknownIdError):
        store.edit(a.uuid, note="x")
    assert store.tags() == []


def test_documents_with_notes_are_counted(store):
    assert store.documents() == {}
    a = store.add(_clause(store, "盘活").id, "盘活")
    store.add(_clause(store, "补助").id, "补助")
    store.add("jilin-2021-kaifaqu/c3/s12", store.corpus.clause("jilin-2021-kaifaqu/c3/s12").text[:4])
    assert store.documents() == {DOC: 2, "jilin-2021-kaifaqu": 1}
    store.delete(a.uuid)
    assert store.documents() == {DOC: 1, "jilin-2021-kaifaqu": 1}


def test_filters(store):
    c1, c2 = _clause(store, "盘活"), _clause(store, "补助")
    a = store.add(c1.id, "盘活存量土地", tags=["用地"], color="重点")
    b = store.add(c2.id, "基础设施", tags=["财政", "用地"], color="对比")
    assert [x.uuid for x in store.list(tag="用地")] == [a.uuid, b.uuid]
    assert [x.uuid for x in store.list(tag="财政")] == [b.uuid]
    assert store.list(tag="没有") == []
    assert [x.uuid for x in store.list(color="对比")] == [b.uuid]
    assert len(store.list(doc_id=DOC)) == 2 and store.list(doc_id="other") == []
    assert len(store.list(region="测试")) == 2 and len(store.list(region="测试省")) == 2
    assert store.list(region="浙江") == []
    assert [x.uuid for x in store.list(clause_id=c2.id)] == [b.uuid]
    day = a.created[:10]
    assert len(store.list(since=day, until=day)) == 2
    assert store.list(until="2000-01-01") == [] and store.list(since="2999-01-01") == []
    with pytest.raises(NoteError):
        store.list(since="yesterday")


@pytest.mark.parametrize("query, hits", [
    ("土", 1), ("土地", 1), ("盘活存量", 1),    # 1, 2 and 4 characters
    ("開", 1), ("开发", 1), ("開發區", 1),     # traditional query, simplified text (and back)
    ("核对", 1), ("核", 1),                     # the note
    ("政策", 1),                                 # a tag
    ("基础 补", 1), ("土地 补", 0), ("", 2),    # several words must all match
    ("%", 0), ("_", 0), ('"', 0), ("不在", 0),
])
def test_search_short_and_cross_script(store, query, hits):
    store.add(_clause(store, "盘活").id, "盘活存量土地", note="要核对", tags=["政策"])
    store.add(_clause(store, "开發區").id, "开發區高质量")
    store.add(_clause(store, "补助").id, "基础设施建设给予补助")
    found = store.list(search=query)
    if query == "":
        assert len(found) == 3
    else:
        assert len(found) == hits


def test_search_sees_edits(store):
    a = store.add(_clause(store, "补助").id, "基础设施")
    assert store.list(search="审计") == []
    store.edit(a.uuid, note="交审计")
    assert [x.uuid for x in store.list(search="审计")] == [a.uuid]
    assert [x.uuid for x in store.list(search="交审计")] == [a.uuid]


def test_bookmarks(store):
    clause = _clause(store, "补助")
    first = store.bookmark(clause.id)
    assert store.bookmark(clause.id) == first  # idempotent
    assert [b["clause_id"] for b in store.bookmarks()] == [clause.id]
    assert store.unbookmark(clause.id) is True
    assert store.unbookmark(clause.id) is False
    with pytest.raises(UnknownIdError):
        store.bookmark(f"{DOC}/nope")


def test_reanchor_after_text_change(store, home_docs):
    keep = store.add(_clause(store, "补助").id, "基础设施建设给予补助")
    gone = store.add(_clause(store, "标准厂房").id, "鼓励标准厂房建设", note="重要")
    fuzzy = store.add(_clause(store, "盘活").id, "对开发区用地给予保障，支持开发区盘活存量土地")
    changed = ("前言：新增一段。\n\n" + BODY).replace("（二）鼓励标准厂房建设。\n\n", "").replace(
        "支持开发区盘活", "支持开发区积极盘活")
    _write_doc(home_docs, changed)
    store.corpus.reload()
    placed = {a.uuid: a for a in store.for_document(DOC)}  # re-anchors on its own
    body = store.corpus.document(DOC).body
    assert body[placed[keep.uuid].start:placed[keep.uuid].end] == "基础设施建设给予补助"
    assert gone.uuid not in placed
    assert "积极盘活存量土地" in body[placed[fuzzy.uuid].start:placed[fuzzy.uuid].end]
    orphans = store.orphans()
    assert [o.uuid for o in orphans] == [gone.uuid]
    assert orphans[0].note == "重要" and orphans[0].quote == "鼓励标准厂房建设"  # kept, not deleted
    # The text comes back: the orphan is placed again.
    _write_doc(home_docs, BODY)
    store.corpus.reload()
    report = store.reanchor_all()
    assert report.recovered == [gone.uuid]
    assert store.orphans() == []


def test_reanchor_never_moves_to_another_document(store, home_docs):
    a = store.add(_clause(store, "补助").id, "基础设施建设给予补助")
    _write_doc(home_docs, "一、其他\n\n无关内容。\n")
    _write_doc(home_docs, BODY, doc_id="test-2021-other")  # the quote now lives elsewhere only
    store.corpus.reload()
    report = store.reanchor_all()
    assert report.orphaned == [a.uuid]
    got = store.get(a.uuid)
    assert got.orphan and got.doc_id == DOC


def test_document_removed_makes_orphans_not_deletions(store, home_docs):
    a = store.add(_clause(store, "补助").id, "基础设施")
    (home_docs / f"{DOC}.md").unlink()
    store.corpus.reload()
    store.reanchor_all()
    assert store.get(a.uuid).orphan


def test_writes_are_committed_for_other_connections(store, zoneref_home):
    store.add(_clause(store, "补助").id, "基础设施")
    other = sqlite3.connect(str(zoneref_home / "zoneref.db"))
    assert other.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
    assert not store.db.conn.in_transaction


def test_a_parser_that_cuts_clauses_otherwise_has_every_note_placed_again_once(store, monkeypatch):
    # A note keeps the clause id it was placed in; after a parser change (a table of contents no longer read as
    # chapters) it named a clause that no longer existed until the document's text changed.
    from index.library import clauses as clause_module
    from index.userdata import notes as notes_module

    a = store.add(_clause(store, "补助").id, "基础设施建设给予补助")
    store.db.execute("UPDATE annotations SET clause_id = 'old/c9' WHERE uuid = ?", (a.uuid,))
    assert store.reanchor_all().kept == 0  # nothing changed: nothing to do
    monkeypatch.setattr(clause_module, "PARSER_VERSION", clause_module.PARSER_VERSION + 1)
    assert notes_module.anchor_key(store.corpus.document(DOC)).endswith(f"p{clause_module.PARSER_VERSION}")
    report = store.reanchor_all()
    assert report.kept == 1 and store.get(a.uuid).clause_id == _clause(store, "补助").id


def test_an_edit_of_a_note_changed_or_deleted_meanwhile_loses_neither(store):
    """``edit`` wrote an editor's text over another process's newer note, and failed on one deleted meanwhile."""
    base = store.add(_clause(store, "盘活存量").id, "盘活存量土地", note="旧")
    store.edit(base.uuid, note="另一进程")
    saved, copy, restored = store.save_edit(base, note="我的")
    assert (saved.note, copy.note, restored) == ("我的", "另一进程", False)
    assert (copy.start, copy.end, copy.quote) == (base.start, base.end, base.quote) and len(store.list()) == 2
    assert store.save_edit(saved, note="我的再")[1] is None  # its own last write is no conflict
    store.delete(base.uuid)
    saved, copy, restored = store.save_edit(base, tags=["用地"])
    assert restored and copy is None and (saved.note, saved.tags, saved.start) == ("旧", ("用地",), base.start)


def test_saving_a_note_as_it_was_read_leaves_a_newer_version_alone(store):
    """Save clicked on a note not typed in wrote the editor's old text back over another process's newer one
    (kept only as a second note)."""
    base = store.add(_clause(store, "盘活存量").id, "盘活存量土地", note="旧")
    store.edit(base.uuid, note="另一进程")
    saved, copy, restored = store.save_edit(base, note="旧", color="疑问")
    assert (saved.note, saved.color, copy, restored, len(store.list())) == ("另一进程", "疑问", None, False, 1)
