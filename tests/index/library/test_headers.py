"""The imported documents' front-matter cache: same documents as parsing, and never stale."""

from __future__ import annotations

import json
import os

import pytest

from index.base.errors import ContentError
from index.library.corpus import Corpus
from index.library.documents import load_header, render_markdown
from index.library.headers import CACHE_NAME, load_headers


def write(folder, doc_id, title, body="第一条 正文。\n", **meta):
    path = folder / f"{doc_id}.md"
    path.write_text(render_markdown({"id": doc_id, "title": title, "region": "湖北省", **meta}, body),
                    encoding="utf-8")
    return path


def same(a, b):
    return [(d.id, d.title, d.region, d.meta, d.source, d.path, d.content_hash) for d in a] == \
           [(d.id, d.title, d.region, d.meta, d.source, d.path, d.content_hash) for d in b]


def test_cached_listing_equals_parsing_and_follows_changes(tmp_path):
    for i in range(3):
        write(tmp_path, f"d{i}", f"文件{i}", content_hash=f"{i:064x}", inferred={"title": {"value": "x", "from": ["y"]}})
    parsed = [load_header(p, "imported") for p in sorted(tmp_path.glob("*.md"))]
    first = load_headers(tmp_path)
    assert same(first, parsed)
    assert sorted(json.loads((tmp_path / CACHE_NAME).read_text(encoding="utf-8"))["files"]) == \
        ["d0.md", "d1.md", "d2.md"]
    assert same(load_headers(tmp_path), parsed)  # from the cache now

    # a rewritten file (same size even) is read again; a removed one disappears
    path = tmp_path / "d1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("文件1", "文档1"), encoding="utf-8")
    (tmp_path / "d2.md").unlink()
    again = load_headers(tmp_path)
    assert [d.title for d in again] == ["文件0", "文档1"]
    assert sorted(json.loads((tmp_path / CACHE_NAME).read_text(encoding="utf-8"))["files"]) == ["d0.md", "d1.md"]


def test_cache_is_used_not_the_yaml(tmp_path, monkeypatch):
    write(tmp_path, "d0", "文件")
    load_headers(tmp_path)
    import index.library.headers as headers

    monkeypatch.setattr(headers, "load_header", lambda *a, **k: pytest.fail("parsed a cached file"))
    assert [d.title for d in load_headers(tmp_path)] == ["文件"]


def test_damaged_cache_and_uncacheable_front_matter(tmp_path):
    write(tmp_path, "d0", "文件")
    (tmp_path / "d1.md").write_text("---\nid: d1\ntitle: 有日期\nregion: 河南省\nissued: 2017-12-12\n---\n\n正文\n",
                                    encoding="utf-8")
    (tmp_path / CACHE_NAME).write_text("{not json", encoding="utf-8")
    (tmp_path / f"{CACHE_NAME}.tmp-999999999").write_text("half-written by a killed process", encoding="utf-8")
    docs = load_headers(tmp_path)
    assert [d.id for d in docs] == ["d0", "d1"]
    assert str(docs[1].get("issued")) == "2017-12-12"
    files = json.loads((tmp_path / CACHE_NAME).read_text(encoding="utf-8"))["files"]
    assert list(files) == ["d0.md"]  # a YAML date does not survive JSON: never cached
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(CACHE_NAME)] == [CACHE_NAME]
    (tmp_path / "d2.md").write_text("no front matter", encoding="utf-8")
    with pytest.raises(ContentError):
        load_headers(tmp_path)


def test_read_only_folder_still_lists(tmp_path):
    write(tmp_path, "d0", "文件")
    tmp_path.chmod(0o555)
    try:
        if os.access(tmp_path, os.W_OK):
            pytest.skip("running as root: the folder stays writable")
        assert [d.id for d in load_headers(tmp_path)] == ["d0"]
    finally:
        tmp_path.chmod(0o755)


def test_corpus_lists_imported_documents_through_the_cache(zoneref_home):
    folder = zoneref_home / "documents"
    folder.mkdir()
    write(folder, "hubei-2020-0000abcd", "湖北省开发区条例", content_hash="a" * 64)
    docs = [d for d in Corpus().documents() if d.source == "imported"]
    assert [d.id for d in docs] == ["hubei-2020-0000abcd"] and docs[0].content_hash == "a" * 64
    assert (folder / CACHE_NAME).exists()
    assert Corpus().document("hubei-2020-0000abcd").body.startswith("第一条")
