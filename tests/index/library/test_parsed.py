"""Parsed clauses kept per document (``index.library.parsed``): the same clauses as a parse, never stale or damaged."""

from __future__ import annotations

import hashlib

import pytest

from index.library import clauses as clauses_module
from index.library import parsed
from index.library.clauses import parse_clauses
from index.library.corpus import Corpus
from index.library.documents import render_markdown
from index.library.manifest import FILE_NAME

BODY = ("一、总体要求\n\n（一）加强招商引资，设立招商专班。\n\n（二）盘活存量土地，提高亩均效益。\n\n"
        "第一章 总则\n\n第一条 为了促进开发区发展，制定本条例。\n\n本条例适用于本省开发区。\n\n"
        "第二条 【管理体制】开发区实行管委会制度。\n\n（一）统筹规划；\n\n（二）招商引资。\n")


def write(folder, doc_id, body=BODY):
    path = folder / f"{doc_id}.md"
    path.write_text(render_markdown({"id": doc_id, "title": f"文件{doc_id}", "region": "湖北省"}, body),
                    encoding="utf-8")
    return path


@pytest.fixture()
def library(tmp_path):
    docs = tmp_path / "documents"
    docs.mkdir()
    write(docs, "d0")
    write(docs, "d1", BODY.replace("招商专班", "招商专班和专家委员会"))
    return docs


def corpus_of(folder, tmp_path):
    return Corpus(tmp_path / "no-bundled", folder, manifest=tmp_path / FILE_NAME)


def no_parsing(monkeypatch):
    def fail(*_a, **_k):
        pytest.fail("a document was parsed although its clauses are kept")
    monkeypatch.setattr(clauses_module, "parse_clauses", fail)


def test_kept_clauses_are_the_parse_and_spare_the_next_corpus_parsing(library, tmp_path, monkeypatch):
    first = corpus_of(library, tmp_path)
    want = {d: parse_clauses(d, first.document(d).body) for d in ("d0", "d1")}
    assert {d: first.clauses(d) for d in want} == want
    assert any(c.kind == "article" for c in want["d0"]) and any(c.parent for c in want["d0"])
    assert (tmp_path / parsed.FOLDER / "d0.clauses").exists()

    no_parsing(monkeypatch)
    again = corpus_of(library, tmp_path)
    got = {d: again.clauses(d) for d in want}
    assert got == want
    assert [type(v) for c in got["d0"] for v in vars(c).values()] == \
        [type(v) for c in want["d0"] for v in vars(c).values()]
    assert again.clause("d0/ch1/art1").text.startswith("第一条")


def test_a_changed_document_is_parsed_again(library, tmp_path):
    corpus_of(library, tmp_path).clauses("d0")
    changed = BODY.replace("第二条 【管理体制】开发区实行管委会制度。", "第二条 开发区实行管委会制度。\n\n第三条 新增一条。")
    write(library, "d0", changed)
    got = corpus_of(library, tmp_path).clauses("d0")
    assert got == parse_clauses("d0", changed)
    assert got[-1].id != parse_clauses("d0", BODY)[-1].id  # the kept parse of the old body was not used


@pytest.mark.parametrize("damage", ["truncate", "flip", "garbage", "empty"])
def test_a_damaged_file_is_parsed_again_and_written_anew(library, tmp_path, monkeypatch, damage):
    corpus_of(library, tmp_path).clauses("d0")
    path = tmp_path / parsed.FOLDER / "d0.clauses"
    good = path.read_bytes()
    bad = {"truncate": good[:-9], "flip": good[:40] + bytes([good[40] ^ 1]) + good[41:], "garbage": b"\x00" * 64,
           "empty": b""}[damage]
    path.write_bytes(bad)
    calls = []
    real = clauses_module.parse_clauses
    monkeypatch.setattr(clauses_module, "parse_clauses", lambda *a: calls.append(a[0]) or real(*a))
    assert corpus_of(library, tmp_path).clauses("d0") == real("d0", corpus_of(library, tmp_path).document("d0").body)
    assert calls == ["d0"]
    assert path.read_bytes() == good  # written again as it was


def test_a_file_is_trusted_only_for_the_body_document_parser_and_format_it_was_made_from(library, tmp_path):
    body = corpus_of(library, tmp_path).document("d0").body
    key = {"format": parsed.FORMAT, "parser": clauses_module.PARSER_VERSION, "doc": "d0",
           "hash": hashlib.sha256(body.encode()).hexdigest(), "length": len(body)}
    data = parsed.to_bytes(parse_clauses("d0", body), key)
    assert parsed.from_bytes(data, key, body) == parse_clauses("d0", body)
    for name, other in (("format", parsed.FORMAT + 1), ("parser", clauses_module.PARSER_VERSION + 1), ("doc", "d1"),
                        ("hash", "0" * 64), ("length", len(body) + 1)):
        assert parsed.from_bytes(data, {**key, name: other}, body) is None, name
    # A row's span outside the body (written with a valid checksum) is refused.
    short = body[:10]
    assert parsed.from_bytes(parsed.to_bytes(parse_clauses("d0", body), {**key, "length": 10}),
                             {**key, "length": 10}, short) is None


def test_an_older_parser_s_file_is_not_used(library, tmp_path, monkeypatch):
    corpus_of(library, tmp_path).clauses("d0")
    calls = []
    real = clauses_module.parse_clauses
    monkeypatch.setattr(clauses_module, "PARSER_VERSION", clauses_module.PARSER_VERSION + 1)
    monkeypatch.setattr(clauses_module, "parse_clauses", lambda *a: calls.append(a[0]) or real(*a))
    corpus_of(library, tmp_path).clauses("d0")
    assert calls == ["d0"]


def test_nothing_is_kept_without_a_manifest_file_or_in_one_pass_and_a_failed_write_is_harmless(library, tmp_path):
    Corpus(tmp_path / "no-bundled", library, manifest=None).clauses("d0")
    Corpus(tmp_path / "no-bundled", library, one_pass=True, manifest=tmp_path / FILE_NAME).clauses("d0")
    assert not (tmp_path / parsed.FOLDER).exists()
    (tmp_path / parsed.FOLDER).write_text("a file where the folder should be")
    c = corpus_of(library, tmp_path)
    assert c.clauses("d0") == parse_clauses("d0", c.document("d0").body)


def test_removing_a_document_deletes_its_kept_clauses(tmp_path, zoneref_home):
    from index.workspace import Workspace

    src = tmp_path / "yunnan.txt"
    src.write_text("云南省人民政府关于促进开发区高质量发展的意见\n\n一、招商引资\n\n（一）创新招商方式。推行产业链招商。\n",
                   encoding="utf-8")
    ws = Workspace()
    doc_id = ws.import_paths([src], workers=1)[0].imported[0]["doc_id"]
    ws.corpus.clauses(doc_id)
    ws.corpus.clauses("jilin-2021-kaifaqu")
    folder = zoneref_home / parsed.FOLDER
    assert (folder / f"{doc_id}.clauses").exists()
    ws.remove_document(doc_id)
    assert not (folder / f"{doc_id}.clauses").exists()
    assert (folder / "jilin-2021-kaifaqu.clauses").exists()  # the others' stay


def test_a_one_pass_corpus_reads_kept_clauses_and_writes_none(library, tmp_path, monkeypatch):
    """An index build (one pass, its manifest in memory, ``parsed_dir`` naming the folder) reads what the
    library kept, parses only what is not kept, and writes nothing."""
    kept = corpus_of(library, tmp_path)
    want = kept.clauses("d0")
    folder = tmp_path / parsed.FOLDER
    before = sorted(p.name for p in folder.iterdir())
    calls = []
    real = clauses_module.parse_clauses
    monkeypatch.setattr(clauses_module, "parse_clauses", lambda *a: calls.append(a[0]) or real(*a))
    build = Corpus(tmp_path / "no-bundled", library, one_pass=True, manifest=None, parsed_dir=folder)
    build.documents()  # listing with a manifest in memory parses each file for its count (not kept clauses)
    calls.clear()
    assert build.clauses("d0") == want and calls == []
    assert build.clauses("d1") == real("d1", build.document("d1").body) and calls == ["d1"]
    assert sorted(p.name for p in folder.iterdir()) == before


def test_clauses_kept_from_elsewhere_are_trusted_only_for_their_body(library, tmp_path):
    """``Corpus.keep_parsed`` writes what a reader made; read back, it is checked like any kept file."""
    corpus = corpus_of(library, tmp_path)
    body = corpus.document("d0").body
    digest = hashlib.sha256(body.encode("utf-8")).hexdigest()
    good = parsed.to_bytes(parse_clauses("d0", body), parsed.key_for("d0", body, digest))
    corpus.keep_parsed(corpus.document("d0"), good)
    assert (tmp_path / parsed.FOLDER / "d0.clauses").read_bytes() == good
    other = corpus.document("d1").body
    wrong = parsed.to_bytes(parse_clauses("d1", other), parsed.key_for("d1", other, digest))
    corpus.keep_parsed(corpus.document("d1"), wrong)  # made for another body: parsed again, written anew
    assert corpus_of(library, tmp_path).clauses("d1") == parse_clauses("d1", other)
    assert (tmp_path / parsed.FOLDER / "d1.clauses").read_bytes() != wrong
