"""The library manifest: facts computed once, changes noticed, damage repaired."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from index.compare import topics
from index.library import clauses as clauses_module
from index.library import corpus as corpus_module
from index.library import manifest as manifest_module
from index.library.corpus import Corpus
from index.library.documents import render_markdown
from index.library.manifest import FILE_NAME, Manifest

BODY = "一、总体要求\n\n（一）加强招商引资，设立招商专班。\n\n（二）盘活存量土地，提高亩均效益。\n"


def write(folder, doc_id, title, body=BODY, **meta):
    path = folder / f"{doc_id}.md"
    path.write_text(render_markdown({"id": doc_id, "title": title, "region": "湖北省", **meta}, body), encoding="utf-8")
    return path


@pytest.fixture()
def library(tmp_path):
    docs = tmp_path / "documents"
    docs.mkdir()
    for i in range(3):
        write(docs, f"d{i}", f"文件{i}")
    return docs


def corpus_of(folder, tmp_path):
    return Corpus(tmp_path / "no-bundled", folder, manifest=tmp_path / FILE_NAME)


def no_parsing(monkeypatch):
    """Make any document read or parse fail the test."""
    def fail(*_a, **_k):
        pytest.fail("a document was read although the manifest knows it")
    monkeypatch.setattr(corpus_module, "load_file", fail)
    monkeypatch.setattr(clauses_module, "parse_clauses", fail)  # the corpus imports it when it first parses


def test_facts_come_from_the_manifest_once_computed(library, tmp_path, monkeypatch):
    first = corpus_of(library, tmp_path)
    counts = {d.id: first.clause_count(d.id) for d in first.documents()}
    tags = {d.id: first.topic_tags(d.id) for d in first.documents()}
    hashes = {d.id: d.content_hash for d in first.documents()}
    assert counts == {"d0": 3, "d1": 3, "d2": 3}
    assert [cid for cid, _ in tags["d0"]["zhaoshang"]] == ["d0/c1/s1"]

    no_parsing(monkeypatch)
    again = corpus_of(library, tmp_path)
    assert [d.title for d in again.documents()] == ["文件0", "文件1", "文件2"]
    assert {d.id: again.clause_count(d.id) for d in again.documents()} == counts
    assert {d.id: again.topic_tags(d.id) for d in again.documents()} == tags
    assert {d.id: d.content_hash for d in again.documents()} == hashes
    assert topics.coverage(again)["matrix"]  # the coverage matrix without parsing a document


def test_changed_removed_and_added_documents_are_noticed(library, tmp_path):
    c = corpus_of(library, tmp_path)
    before = {d.id: d.content_hash for d in c.documents()}
    assert c.clause_count("d1") == 3

    write(library, "d1", "文档1", body=BODY + "\n（三）新增一款。\n")  # changed: title and body
    (library / "d2.md").unlink()  # removed
    write(library, "d3", "文件3")  # added
    c = corpus_of(library, tmp_path)
    docs = {d.id: d for d in c.documents()}
    assert sorted(docs) == ["d0", "d1", "d3"]
    assert docs["d1"].title == "文档1" and docs["d1"].content_hash != before["d1"]
    assert docs["d0"].content_hash == before["d0"]
    assert c.clause_count("d1") == 4
    rows = Manifest(tmp_path / FILE_NAME).rows("imported")
    assert sorted(rows) == ["d0.md", "d1.md", "d3.md"]  # the removed file's row is gone


def test_a_damaged_manifest_is_rebuilt_from_the_documents(library, tmp_path):
    c = corpus_of(library, tmp_path)
    listed = [(d.id, d.title, d.content_hash) for d in c.documents()]
    c.manifest.close()
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"{FILE_NAME}{suffix}").unlink(missing_ok=True)
    (tmp_path / FILE_NAME).write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)  # garbage after a valid magic
    rebuilt = corpus_of(library, tmp_path)
    assert [(d.id, d.title, d.content_hash) for d in rebuilt.documents()] == listed
    assert rebuilt.clause_count("d0") == 3
    rebuilt.manifest.close()
    with sqlite3.connect(tmp_path / FILE_NAME) as conn:  # a sound database again, holding every document
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3


def test_a_file_rewritten_with_the_same_body_keeps_its_topic_tags(library, tmp_path, monkeypatch):
    """A copied, restored or touched file (new identity, same body) is read again but not tagged again;
    one whose body changed is."""
    c = corpus_of(library, tmp_path)
    tags = {d.id: c.topic_tags(d.id) for d in c.documents()}
    calls = []
    real = topics.document_tags
    monkeypatch.setattr(topics, "document_tags", lambda clauses: calls.append(clauses[0].doc_id) or real(clauses))
    for name in ("d0.md", "d1.md"):  # a new inode and times, as a copy has
        path = library / name
        text = path.read_text(encoding="utf-8")
        path.unlink()
        path.write_text(text, encoding="utf-8")
    write(library, "d2", "文件2", body=BODY.replace("招商专班", "招商队伍"))
    again = corpus_of(library, tmp_path)
    assert {d.id: again.topic_tags(d.id) for d in again.documents() if d.id != "d2"} == \
        {k: v for k, v in tags.items() if k != "d2"}
    assert again.topic_tags("d2") and calls == ["d2"]


def test_derived_facts_follow_the_tagger_version(library, tmp_path, monkeypatch):
    c = corpus_of(library, tmp_path)
    c.topic_tags("d0")
    calls = []
    real = topics.document_tags
    monkeypatch.setattr(topics, "document_tags", lambda clauses: calls.append(1) or real(clauses))
    assert corpus_of(library, tmp_path).topic_tags("d0") and not calls  # stored, current
    monkeypatch.setattr(topics, "TAGGER_VERSION", topics.TAGGER_VERSION + 1)
    topics.tagger_version.cache_clear()
    try:
        assert corpus_of(library, tmp_path).topic_tags("d0") and calls == [1]  # recomputed once
        assert corpus_of(library, tmp_path).topic_tags("d0") and calls == [1]  # then stored again
    finally:
        monkeypatch.undo()
        topics.tagger_version.cache_clear()


def test_a_wrong_stored_hash_is_corrected_when_the_body_is_read(library, tmp_path):
    c = corpus_of(library, tmp_path)
    right = c.document("d0").content_hash
    c.manifest.update("imported", "d0.md", content_hash="0" * 64, clause_count=99)
    c = corpus_of(library, tmp_path)
    assert c.document("d0").content_hash == "0" * 64  # trusted while only listing (nothing hashed)
    c.clauses("d0")  # reading the body checks it
    assert c.document("d0").content_hash == right
    assert c.clause_count("d0") == 3
    assert corpus_of(library, tmp_path).document("d0").content_hash == right


def test_yaml_dates_and_bad_front_matter(library, tmp_path):
    (library / "d9.md").write_text("---\nid: d9\ntitle: 有日期\nregion: 河南省\nissued: 2017-12-12\n---\n\n正文\n",
                                   encoding="utf-8")
    corpus_of(library, tmp_path).documents()
    assert corpus_of(library, tmp_path).document("d9").get("issued") == dt.date(2017, 12, 12)
    (library / "d8.md").write_text("no front matter", encoding="utf-8")
    c = corpus_of(library, tmp_path)
    assert "d8" not in [d.id for d in c.documents()] and "d9" in [d.id for d in c.documents()]
    assert [u.name for u in c.unreadable()] == ["d8"]  # left out and reported, the rest still listed


@pytest.mark.parametrize("value", ["2019-99-99", "2019-02-30", "2019-01-01 25:00:00", "2019-01-01 10:00:00 +99:00",
                                   "!!timestamp 2019-13-01"])
def test_a_yaml_date_that_is_no_date_stays_the_text_written(library, tmp_path, value):
    """``issued: 2019-99-99`` made PyYAML raise ValueError ("month must be in 1..12") out of every listing: it
    reads as the quoted text would, and the document is listed with it."""
    (library / "d7.md").write_text(f"---\nid: d7\ntitle: 坏日期\nregion: 河南省\nissued: {value}\n---\n\n正文\n",
                                   encoding="utf-8")
    text = value.removeprefix("!!timestamp ")
    c = corpus_of(library, tmp_path)
    assert "d7" in [d.id for d in c.documents()] and not c.unreadable()
    assert c.document("d7").get("issued") == text
    assert corpus_of(library, tmp_path).document("d7").get("issued") == text  # from the manifest too


def test_an_unwritable_manifest_is_kept_in_memory(library, tmp_path):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the manifest's folder should be", encoding="utf-8")
    c = Corpus(tmp_path / "no-bundled", library, manifest=blocked / FILE_NAME)
    assert [d.id for d in c.documents()] == ["d0", "d1", "d2"] and c.clause_count("d2") == 3


def test_a_manifest_another_process_is_setting_up_is_waited_for_not_set_aside(tmp_path, caplog):
    """Commands started at once on a fresh home: one sets the manifest up while another's set-up has read the
    (old) version and then writes. SQLite refused that write at once ("database is locked": a read cannot turn
    into a write once another has committed), which set the file aside as damaged, deleting it under the
    other process (the warning in 4 of 4 tries of six commands at once). Now the set-up waits its turn."""
    import threading

    path = tmp_path / FILE_NAME
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("PRAGMA journal_mode=WAL")
    other.execute("BEGIN IMMEDIATE")  # the other process, in the middle of its set-up
    other.execute(manifest_module._SCHEMA)  # noqa: SLF001
    other.execute(f"PRAGMA user_version = {manifest_module.SCHEMA_VERSION}")
    other.execute("INSERT INTO documents (source, name, folder, identity, doc_id, title, region, content_hash, "
                  "card, meta) VALUES ('imported', 'd9.md', '', '', 'd9', '', '', '', '{}', '{}')")
    done = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    done.start()
    m = Manifest(path)
    try:
        m._connect()  # noqa: SLF001 - the set-up under test
        assert m.path == path and not getattr(m, "read_only", False)
        assert list(m.rows("imported")) == ["d9.md"], "the other process's row is still there"
    finally:
        done.join()
        m.close()
        other.close()
    assert not [r.getMessage() for r in caplog.records if r.name == manifest_module.__name__]


def test_a_manifest_locked_past_the_busy_timeout_is_read_not_set_aside(library, tmp_path, monkeypatch, caplog):
    c = corpus_of(library, tmp_path)
    listed = c.listings()
    c.manifest.close()
    path = tmp_path / FILE_NAME
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("PRAGMA user_version = 4")  # an upgrade to make: a write
    other.execute("BEGIN IMMEDIATE")  # another process writing, for longer than the timeout
    monkeypatch.setattr(manifest_module, "BUSY_TIMEOUT", 0.2, raising=False)
    try:
        locked = corpus_of(library, tmp_path)
        assert [(d.id, text) for d, text in locked.listings()] == [(d.id, text) for d, text in listed]
        locked.manifest.close()
    finally:
        other.rollback()
        other.close()
    text = " ".join(r.getMessage() for r in caplog.records)
    assert "damaged" not in text and "locked" in text
    with sqlite3.connect(path) as conn:  # left as it was: nothing deleted under the other process
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 3
    conn.close()


def test_a_read_only_manifest_is_read_and_never_set_aside(library, tmp_path, monkeypatch, caplog):
    """A read-only home (simulated: this test may run as root) made every write fail with "attempt to write a
    readonly database", taken for damage: the file was deleted and every command said it was damaged."""
    c = corpus_of(library, tmp_path)
    listed = {d.id: d.title for d in c.documents()}
    c.manifest.close()
    path = tmp_path / FILE_NAME
    kept = path.read_bytes()
    connect = sqlite3.connect

    def read_only(database, *args, **kwargs):
        if str(database) == str(path):
            return connect(f"{path.as_uri()}?mode=ro", *args, uri=True, **kwargs)
        return connect(database, *args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", read_only)
    write(library, "d1", "改过的文件1")  # a change to write down
    write(library, "d3", "新文件3")
    c = corpus_of(library, tmp_path)
    assert {d.id: d.title for d in c.documents()} == {**listed, "d1": "改过的文件1", "d3": "新文件3"}
    assert c.clause_count("d3") == 3
    c.manifest.close()
    messages = [r.getMessage() for r in caplog.records if r.name == manifest_module.__name__]
    assert len(messages) == 1 and "cannot be written" in messages[0] and "damaged" not in messages[0]
    assert path.read_bytes() == kept


# The table as schema version 3 had it (before the stored listing records).
SCHEMA_3 = """
CREATE TABLE documents (
    source TEXT NOT NULL, name TEXT NOT NULL, folder TEXT NOT NULL, identity TEXT NOT NULL, doc_id TEXT NOT NULL,
    title TEXT NOT NULL, region TEXT NOT NULL, meta TEXT NOT NULL, card TEXT NOT NULL, content_hash TEXT NOT NULL,
    clause_count INTEGER, clauses_version INTEGER, topics TEXT, topics_version TEXT, PRIMARY KEY (source, name))
"""
COLUMNS_3 = ("source", "name", "folder", "identity", "doc_id", "title", "region", "meta", "card", "content_hash",
             "clause_count", "clauses_version", "topics", "topics_version")


def test_a_manifest_of_schema_3_is_upgraded_in_place(library, tmp_path, monkeypatch):
    write(library, "d1", "文件1", supersedes="d0", superseded_by=7)  # a chain the versions module follows
    c = corpus_of(library, tmp_path)
    listed = c.listings()
    tags = {d.id: c.topic_tags(d.id) for d in c.documents()}
    c.manifest.close()
    with sqlite3.connect(tmp_path / FILE_NAME) as conn:  # the same rows, as version 3 kept them
        rows = conn.execute(f"SELECT {', '.join(COLUMNS_3)} FROM documents").fetchall()
        conn.execute("DROP TABLE documents")
        conn.execute(SCHEMA_3)
        conn.executemany(f"INSERT INTO documents VALUES ({', '.join('?' * len(COLUMNS_3))})", rows)
        conn.execute("PRAGMA user_version = 3")
    conn.close()

    no_parsing(monkeypatch)  # upgraded, not rebuilt: no document is read again
    upgraded = corpus_of(library, tmp_path)
    assert [(d.id, text) for d, text in upgraded.listings()] == [(d.id, text) for d, text in listed]
    assert {d.id: upgraded.topic_tags(d.id) for d in upgraded.documents()} == tags
    assert [d.links() for d in upgraded.documents()] == [(None, None), ("d0", None), (None, None)]
    assert upgraded.versions().keys() == {"d0", "d1"}
    assert upgraded.document("d1").meta["superseded_by"] == 7  # the whole front matter, read when asked for
    upgraded.manifest.close()
    with sqlite3.connect(tmp_path / FILE_NAME) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == manifest_module.SCHEMA_VERSION == 5
        assert conn.execute("SELECT count(*) FROM documents WHERE listing IS NOT NULL").fetchone()[0] == 3
        # 4 → 5 rendered each row's topics --json entries from its stored tags
        assert conn.execute("SELECT count(*) FROM documents WHERE topics_cells IS NOT NULL").fetchone()[0] == 3
        assert not conn.execute("SELECT name FROM sqlite_master WHERE name = 'documents_3'").fetchall()
    conn.close()


def test_listings_follow_changed_removed_and_added_documents(library, tmp_path):
    c = corpus_of(library, tmp_path)
    assert [json.loads(text)["title"] for _, text in c.listings()] == ["文件0", "文件1", "文件2"]
    write(library, "d1", "文档1", body=BODY + "\n（三）新增一款。\n")
    (library / "d2.md").unlink()
    write(library, "d3", "文件3", city="武汉市")
    records = {json.loads(text)["id"]: json.loads(text) for _, text in corpus_of(library, tmp_path).listings()}
    assert sorted(records) == ["d0", "d1", "d3"]
    assert (records["d1"]["title"], records["d1"]["clause_count"]) == ("文档1", 4)
    assert records["d3"]["city"] == "武汉市" and records["d0"]["clause_count"] == 3


def test_a_listing_is_made_again_when_the_stored_one_is_from_older_code(library, tmp_path, monkeypatch):
    corpus_of(library, tmp_path).listings()
    monkeypatch.setattr(corpus_module, "LISTING_VERSION", "next")
    monkeypatch.setattr(corpus_module, "document_record", lambda doc, count: {"id": doc.id, "n": count})
    assert [text for _, text in corpus_of(library, tmp_path).listings()] == \
        ['{"id":"d0","n":3}', '{"id":"d1","n":3}', '{"id":"d2","n":3}']
    assert Manifest(tmp_path / FILE_NAME).row("imported", "d0.md")["listing_version"] == "next"  # stored


def test_a_reload_keeps_the_documents_whose_files_did_not_move(library, tmp_path):
    corpus = corpus_of(library, tmp_path)
    before = {d.id: d for d in corpus.documents()}
    assert before["d0"].get("region") == "湖北省"  # decoded once
    write(library, "d1", "文件一（修订）")  # rewritten: a new identity
    (library / "d2.md").unlink()
    write(library, "d3", "文件3")
    corpus.reload()
    after = {d.id: d for d in corpus.documents()}
    assert sorted(after) == ["d0", "d1", "d3"]
    assert after["d0"] is before["d0"]  # the same file: the same document, with what it decoded
    assert after["d1"] is not before["d1"] and after["d1"].title == "文件一（修订）"
    corpus.reload()
    assert corpus.document("d1") is after["d1"] and corpus.document("d3") is after["d3"]


def test_a_manifest_of_schema_4_gets_its_topics_json_entries_without_tagging_again(library, tmp_path, monkeypatch):
    """4 → 5 adds ``topics_cells``, rendered from the stored tags; ``topics --json`` then joins them."""
    import json

    from index.compare import topics

    c = corpus_of(library, tmp_path)
    expected = json.dumps(topics.coverage(c).to_dict(), ensure_ascii=False, separators=(",", ":"))
    c.manifest.close()
    with sqlite3.connect(tmp_path / FILE_NAME) as conn:  # as version 4 kept them: no topics_cells column
        conn.execute("ALTER TABLE documents DROP COLUMN topics_cells")
        conn.execute("PRAGMA user_version = 4")
    conn.close()

    no_parsing(monkeypatch)
    upgraded = corpus_of(library, tmp_path)
    rendered = topics.coverage(upgraded, rendered=True)
    assert "".join(rendered.json_chunks()) == expected
    assert rendered.to_dict() == json.loads(expected)  # its pairs decoded when asked for
    upgraded.manifest.close()
    with sqlite3.connect(tmp_path / FILE_NAME) as conn:
        assert conn.execute("SELECT count(*) FROM documents WHERE topics_cells IS NULL").fetchone()[0] == 0
    conn.close()


def test_topics_json_entries_follow_the_tags_they_are_rendered_from(library, tmp_path, monkeypatch):
    """A document tagged again (a new tagger) has its stored entries rendered again, in the file and in memory."""
    import json

    from index.compare import topics

    c = corpus_of(library, tmp_path)
    assert topics.coverage(c, rendered=True).rendered  # every document's entries read at once, and kept
    monkeypatch.setattr(topics, "tagger_version", lambda: "another tagger")
    monkeypatch.setattr(topics, "document_tags", lambda clauses: {"tudi_jiyue": [(f"{clauses[0].doc_id}/x\"1", 42)]}
                        if clauses else {})
    again = topics.coverage(c, rendered=True)
    text = "".join(again.json_chunks())
    assert text == json.dumps(again.to_dict(), ensure_ascii=False, separators=(",", ":"))
    assert json.loads(text)["cells"]["tudi_jiyue"]["d1"] == [{"clause_id": 'd1/x"1', "confidence": 42}]
    c.manifest.close()
    fresh = corpus_of(library, tmp_path)
    assert "".join(topics.coverage(fresh, rendered=True).json_chunks()) == text


def test_a_listing_made_by_another_corpus_is_installed_as_its_own(library, tmp_path):
    """A worker's corpus lists the library (``fresh_listing``); the GUI's installs it with ``reload(listing)``
    and then knows what a listing of its own would, reading front matter through its own manifest."""
    corpus = corpus_of(library, tmp_path)
    assert [d.id for d in corpus.documents()] == ["d0", "d1", "d2"]
    write(library, "d3", "文件3", level="省级")
    worker = corpus_of(library, tmp_path)
    listing = worker.fresh_listing()
    worker.manifest.close()
    assert [d.id for d in corpus.documents()] == ["d0", "d1", "d2"]  # nothing here changed while it listed
    corpus.reload(listing)
    assert [d.id for d in corpus.documents()] == ["d0", "d1", "d2", "d3"]
    assert corpus.document("d3").get("level") == "省级" and corpus.document("d3").meta["title"] == "文件3"
    assert listing.stored.manifest is corpus.manifest
    assert corpus.version_groups() == corpus_of(library, tmp_path).version_groups()
    assert corpus.files_key() == corpus_of(library, tmp_path).files_key()
    with pytest.raises(ValueError):
        corpus.reload(Corpus(tmp_path / "elsewhere", library, manifest=tmp_path / FILE_NAME).fresh_listing())


def test_the_tagger_version_follows_the_models_topic_part_alone(tmp_path, monkeypatch):
    """Refitting the comparison's other parts must not tag every library again; a new topic part must."""
    import json

    from index.base import paths

    shipped = json.loads(paths.compare_model().read_text(encoding="utf-8"))
    model = tmp_path / "compare_model.json"
    monkeypatch.setattr(paths, "compare_model", lambda: model)

    def version_of(data) -> str:
        model.write_text(json.dumps(data), encoding="utf-8")
        topics.tagger_version.cache_clear()
        return topics.tagger_version()

    try:
        base = version_of(shipped)
        assert version_of({**shipped, "none_below": 0.123, "presence": {"bias": 9.0, "weights": {}}}) == base
        topic = {**shipped["topic"], "cut": shipped["topic"]["cut"] + 0.01}
        assert version_of({**shipped, "topic": topic}) != base
        model.write_text("not json", encoding="utf-8")
        topics.tagger_version.cache_clear()
        assert topics.tagger_version() != base
    finally:
        monkeypatch.undo()
        topics.tagger_version.cache_clear()


def _tagger_version_changes(monkeypatch, owner, getter: str, copy: Path, edited: bytes) -> bool:
    """Whether ``topics.tagger_version`` changes when the file ``owner.getter()`` names (copied to ``copy``)
    becomes ``edited``."""
    copy.write_bytes(getattr(owner, getter)().read_bytes())
    monkeypatch.setattr(owner, getter, lambda: copy)
    try:
        topics.tagger_version.cache_clear()
        base = topics.tagger_version()
        copy.write_bytes(edited)
        topics.tagger_version.cache_clear()
        return topics.tagger_version() != base
    finally:
        monkeypatch.undo()
        topics.tagger_version.cache_clear()


def test_the_tagger_version_follows_the_frame_patterns(tmp_path, monkeypatch):
    """A unit's frame role is a membership signal (a scope statement's zones are not its topics): editing
    ``content/frames.yaml`` must tag every library again, as editing the taxonomy does."""
    from index.compare import frames

    edited = frames.frames_path().read_bytes() + b"\n# edited\n"
    assert _tagger_version_changes(monkeypatch, frames, "frames_path", tmp_path / "frames.yaml", edited)


def test_the_tagger_version_follows_the_exemplars(tmp_path, monkeypatch):
    """The exemplars' vote is a membership signal: new exemplars must tag every library again."""
    from index.base import paths

    edited = json.dumps({"units": []}).encode()
    assert _tagger_version_changes(monkeypatch, paths, "topic_exemplars", tmp_path / "topic_exemplars.json", edited)


def tag_reads(monkeypatch):
    """Record the manifest's reads of stored tags: (one document's row, every row)."""
    single, bulk = [], []
    real_one, real_all = Manifest.topics_of, Manifest.topics
    monkeypatch.setattr(Manifest, "topics_of", lambda self, *a: single.append(a) or real_one(self, *a))
    monkeypatch.setattr(Manifest, "topics", lambda self, *a: bulk.append(a) or real_all(self, *a))
    return single, bulk


def test_a_few_documents_tags_are_read_alone_and_many_at_once(library, tmp_path, monkeypatch):
    """A comparison asks for a dozen documents' tags: only their rows are read (reading every row took ~0.4 s
    at 3,500 documents); past ``TAGS_ONE_BY_ONE`` (the coverage matrix) every row is read at once."""
    first = corpus_of(library, tmp_path)
    tags = {d.id: first.stored_tags(d.id) for d in first.documents()}
    assert tags["d0"]["zhaoshang"] == [["c1/s1", tags["d0"]["zhaoshang"][0][1]]]
    no_parsing(monkeypatch)
    single, bulk = tag_reads(monkeypatch)
    again = corpus_of(library, tmp_path)
    assert again.stored_tags("d1") == tags["d1"]
    assert single == [("imported", "d1.md")] and not bulk
    monkeypatch.setattr(corpus_module, "TAGS_ONE_BY_ONE", 1)
    assert {d.id: again.stored_tags(d.id) for d in again.documents()} == tags
    assert len(single) == 1 and len(bulk) == 1  # d0 and d2 came with one read of every row


def test_tags_expected_for_most_of_the_library_are_read_at_once(library, tmp_path, monkeypatch):
    """The coverage matrix of the whole library says so first (``Corpus.expect_tags``): every row's tags in one
    query; a comparison's few documents (fewer than half the library) are still read a row at a time."""
    first = corpus_of(library, tmp_path)
    tags = {d.id: first.stored_tags(d.id) for d in first.documents()}
    no_parsing(monkeypatch)
    single, bulk = tag_reads(monkeypatch)
    few = corpus_of(library, tmp_path)
    few.expect_tags(1)
    assert few.stored_tags("d1") == tags["d1"]
    assert single == [("imported", "d1.md")] and not bulk
    single.clear()
    most = corpus_of(library, tmp_path)
    most.expect_tags(len(tags))
    assert bulk == [("imported",)]
    assert {d.id: most.stored_tags(d.id) for d in most.documents()} == tags
    assert not single and len(bulk) == 1


def test_a_library_copied_with_its_times_is_not_read_again(library, tmp_path, monkeypatch):
    """A library folder copied or moved elsewhere with its files' times (a backup restored, another disk):
    every file has a new inode, change time and folder, but the same size, modification time and body. Its rows
    stand (the body's hash checked, the front matter not parsed) and take the new folder; a file whose body
    changed while its size and time stayed is read again."""
    import os
    import shutil

    first = corpus_of(library, tmp_path)
    want = {d.id: (d.title, first.clause_count(d.id), first.topic_tags(d.id)) for d in first.documents()}
    moved = tmp_path / "elsewhere" / "documents"
    shutil.copytree(library, moved)  # copy2: times kept, new inodes
    changed = moved / "d2.md"
    st = changed.stat()
    changed.write_text(changed.read_text(encoding="utf-8").replace("招商专班", "招商队伍"), encoding="utf-8")
    os.utime(changed, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, same time, another body
    assert changed.stat().st_size == st.st_size
    read = []
    real = corpus_module.load_file
    monkeypatch.setattr(corpus_module, "load_file", lambda path, source: read.append(path.name) or real(path, source))
    again = corpus_of(moved, tmp_path)
    got = {d.id: (d.title, again.clause_count(d.id), again.topic_tags(d.id)) for d in again.documents()}
    assert read == ["d2.md"]  # only the changed body was read whole
    assert {k: v for k, v in got.items() if k != "d2"} == {k: v for k, v in want.items() if k != "d2"}
    assert again.clause("d2/c1/s1").text.endswith("招商队伍。")
    with sqlite3.connect(tmp_path / FILE_NAME) as conn:
        assert {f for (f,) in conn.execute("SELECT folder FROM documents")} == {str(moved)}
    read.clear()
    assert [d.id for d in corpus_of(moved, tmp_path).documents()] == ["d0", "d1", "d2"] and read == []


def test_a_document_written_and_recorded_is_not_read_again_where_listings_have_no_inode(library, tmp_path,
                                                                                        monkeypatch):
    """Windows: ``os.scandir``'s stat has no inode (0), ``os.stat``'s has the file's index. The row
    ``Corpus.record`` wrote after an import or a metadata edit never matched the next listing: each such file
    was taken for a moved one and its body read again at the next start."""
    import os
    import types

    from index.library.documents import load_file

    real_scandir = os.scandir

    class Entry:  # a DirEntry as Windows has it
        def __init__(self, entry):
            self._entry = entry

        def __getattr__(self, name):
            return getattr(self._entry, name)

        def stat(self, **kwargs):
            st = self._entry.stat(**kwargs)
            return types.SimpleNamespace(st_ino=0, st_size=st.st_size, st_mtime_ns=st.st_mtime_ns,
                                         st_ctime_ns=st.st_ctime_ns)

    class Listing:
        def __init__(self, path="."):
            self._it = real_scandir(path)

        def __iter__(self):
            return (Entry(e) for e in self._it)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._it.close()

        def close(self):
            self._it.close()

    monkeypatch.setattr(os, "scandir", Listing)
    monkeypatch.setattr(manifest_module, "os", types.SimpleNamespace(name="nt"))
    first = corpus_of(library, tmp_path)
    assert [d.id for d in first.documents()] == ["d0", "d1", "d2"]
    first.record(load_file(write(library, "d1", "文件1（修订）"), "imported"))  # a metadata edit
    checked = []
    real = corpus_module._moved_unchanged  # noqa: SLF001
    monkeypatch.setattr(corpus_module, "_moved_unchanged", lambda *a: checked.append(a[0]) or real(*a))
    again = corpus_of(library, tmp_path)
    assert [d.title for d in again.documents()] == ["文件0", "文件1（修订）", "文件2"] and checked == []
