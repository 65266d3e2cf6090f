"""Library: importing real files, dedupe, versions, removal, bad input, kills."""

from __future__ import annotations

import hashlib
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest

from bench.gen_import_folder import (
    BAD_INPUT_LIMIT,
    BAD_INPUTS,
    write_bad_input,
    write_docx,
    write_html,
    write_pdf,
    write_scanned_pdf,
    write_txt,
)
from index.base.errors import UnknownIdError
from index.library.corpus import Corpus
from index.library.documents import load_file
from index.library.imported import BundledDocumentError, Library, collect_files

REPO = Path(__file__).resolve().parents[3]


def policy(title: str, extra: str = "", signer: str | None = None, date: str = "2019年5月6日") -> str:
    signer = signer or title.split("关于")[0]
    return textwrap.dedent(f"""\
        {title}

        一、总体要求

        （一）指导思想。推动开发区高质量发展，{extra}打造开放型经济新高地。

        （二）发展目标。到2025年，开发区综合实力显著增强。

        二、主要任务

        （一）加大招商引资力度。大力招引一批世界500强企业。

        {signer}
        {date}
        """)


@pytest.fixture
def folder(tmp_path) -> Path:
    """One real file per format, in a nested folder with noise."""
    src = tmp_path / "src"
    (src / "sub").mkdir(parents=True)
    write_txt(src / "gbk.txt", policy("湖北省人民政府关于促进开发区发展的意见"), "gbk")
    write_txt(src / "sub" / "big5.txt", "\n".join(__import__("opencc").OpenCC("s2t").convert(
        policy("臺灣省經濟部關於加工出口區發展的辦法", signer="臺灣省經濟部")).splitlines()), "big5")
    write_docx(src / "word.docx", "江苏省商务厅关于推进开发区创新提升的实施意见",
               [("p", "苏商开发〔2020〕88号"), ("h1", "一、总体要求"), ("p", "（一）推动开发区高质量发展。"),
                ("p", "江苏省商务厅"), ("p", "2020年4月1日")])
    write_html(src / "page.html", "广州市人民政府办公厅关于印发开发区管理办法的通知",
               policy("广州市人民政府办公厅关于印发开发区管理办法的通知").split("\n\n")[1:])
    write_pdf(src / "scan-with-text.pdf", [["四川省人民政府关于加快开发区", "转型发展的意见", "一、总体要求",
                                           "（一）指导思想。推动开发区高质量发展。", "四川省人民政府",
                                           "2018年7月9日"]])
    (src / "law.md").write_text("# 湖南省开发区条例\n\n（2020年7月30日湖南省第十三届人民代表大会常务委员会第十九次会议通过）\n\n"
                                "## 第一章 总则\n\n第一条 为了促进开发区发展，制定本条例。\n\n第二条 本条例适用于本省开发区。\n",
                                encoding="utf-8")
    (src / "photo.jpg").write_bytes(b"\xff\xd8\xff" + b"0" * 100)
    (src / ".hidden.txt").write_text("ignored", encoding="utf-8")
    return src


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())} if folder.exists() else {}


def test_folder_import_reads_every_format(folder, zoneref_home):
    report = Library().import_paths([folder])
    assert report.errors == []
    assert len(report.imported) == 6
    # The hidden file is listed with its reason, not silently left out (issue 17).
    assert [(Path(s["path"]).name, s["reason"]) for s in report.skipped] == [
        (".hidden.txt", "a hidden file: not imported"), ("photo.jpg", "unsupported file type")]
    by_file = {Path(r["path"]).name: r for r in report.imported}
    assert by_file["gbk.txt"]["region"] == "湖北省"
    assert by_file["big5.txt"]["region"] == "台湾省"
    assert by_file["word.docx"]["region"] == "江苏省"
    assert by_file["page.html"]["region"] == "广东省"
    assert by_file["scan-with-text.pdf"]["region"] == "四川省"
    assert by_file["law.md"]["region"] == "湖南省"
    assert all(r["clause_count"] >= 2 for r in report.imported)

    corpus = Corpus()
    imported = [d for d in corpus.documents() if d.source == "imported"]
    assert len(imported) == 6 and len(corpus.documents()) == 11
    for doc in imported:
        stored = load_file(doc.path, "imported")
        # the hash in the front matter is the one the search index fingerprints
        assert doc.content_hash == hashlib.sha256(stored.body.encode()).hexdigest()
        assert stored.meta["content_hash"] == doc.content_hash
        assert doc.path.parent == zoneref_home / "documents"
    word = corpus.document(by_file["word.docx"]["doc_id"])
    assert word.get("doc_number") == "苏商开发〔2020〕88号"
    assert word.get("issued") == "2020-04-01"
    assert word.get("issuer") == "江苏省商务厅"
    law = corpus.document(by_file["law.md"]["doc_id"])
    assert law.get("history")[0]["date"] == "2020-07-30"
    assert [c.label for c in corpus.clauses(law.id) if c.kind == "article"] == ["第一条", "第二条"]
    assert corpus.document(by_file["big5.txt"]["doc_id"]).get("script") == "繁体"


def test_same_content_twice_is_not_duplicated(tmp_path):
    text = policy("浙江省商务厅关于开发区的意见")
    write_txt(tmp_path / "a.txt", text, "utf-8")
    write_txt(tmp_path / "b.txt", text, "gbk")  # same text, other encoding
    report = Library().import_paths([tmp_path / "a.txt", tmp_path / "b.txt"])
    assert len(report.imported) == 1
    assert report.skipped[0]["reason"] == f"duplicate of {report.imported[0]['doc_id']}"
    again = Library().import_paths([tmp_path / "a.txt"])
    assert again.imported == [] and again.skipped[0]["doc_id"] == report.imported[0]["doc_id"]


def test_bundled_text_is_a_duplicate(tmp_path):
    body = Corpus(imported_dir=None).document("jilin-2021-kaifaqu").body
    (tmp_path / "jilin.txt").write_text(body, encoding="utf-8")
    report = Library().import_paths([tmp_path / "jilin.txt"])
    assert report.skipped[0]["doc_id"] == "jilin-2021-kaifaqu"


def test_new_version_keeps_both_and_links_them(tmp_path):
    title = "安徽省人民政府关于开发区改革的意见"
    write_txt(tmp_path / "v1.txt", policy(title), "utf-8")
    write_txt(tmp_path / "v2.txt", policy(title, extra="全面深化改革，"), "utf-8")
    lib = Library()
    first = lib.import_paths([tmp_path / "v1.txt"]).imported[0]
    second = lib.import_paths([tmp_path / "v2.txt"]).imported[0]
    assert second["doc_id"] != first["doc_id"]
    assert second["version"] == 2 and second["supersedes"] == first["doc_id"]
    corpus = Corpus()
    assert corpus.document(first["doc_id"]).get("superseded_by") == second["doc_id"]
    assert corpus.document(second["doc_id"]).get("supersedes") == first["doc_id"]
    # removing the new version makes the old one current again
    Library().remove(second["doc_id"])
    assert Corpus().document(first["doc_id"]).get("superseded_by") is None


def test_remove(tmp_path, zoneref_home):
    write_txt(tmp_path / "a.txt", policy("福建省商务厅关于开发区的意见"))
    doc_id = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    Library().remove(doc_id)
    assert not Corpus().has_document(doc_id)
    assert list((zoneref_home / "documents").glob("*.md")) == []
    with pytest.raises(UnknownIdError):
        Library().remove(doc_id)
    with pytest.raises(BundledDocumentError):
        Library().remove("hebei-2017-kaifaqu")
    assert Corpus().has_document("hebei-2017-kaifaqu")


def test_update_metadata_confirms_a_guess(tmp_path):
    write_txt(tmp_path / "a.txt", policy("某开发区管理委员会关于招商的通知", signer="某开发区管理委员会"))
    doc_id = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    assert Corpus().document(doc_id).region == "不详"
    before = Corpus().document(doc_id).content_hash
    doc = Library().update_metadata(doc_id, {"region": "山东省", "city": "青岛市"})
    assert doc.region == "山东省" and doc.get("city") == "青岛市"
    assert doc.content_hash == before and doc.id == doc_id
    assert "region" not in (doc.get("inferred") or {})


def test_region_and_title_overrides(tmp_path):
    write_txt(tmp_path / "a.txt", policy("关于开发区的若干措施", signer="管委会"))
    report = Library().import_paths([tmp_path / "a.txt"], region="陕西省", title="西安开发区若干措施")
    rec = report.imported[0]
    assert (rec["region"], rec["title"]) == ("陕西省", "西安开发区若干措施")
    assert rec["doc_id"].startswith("shaanxi-")


def index_state(home: Path) -> tuple[dict, list[str], dict[str, bytes]]:
    """What must not change: the search index's status, the corpus's documents, every index file's bytes."""
    from index.search.searcher import SearchIndex

    status = SearchIndex(Corpus()).status()
    files = {str(p.relative_to(home)): p.read_bytes() for p in sorted((home / "index").rglob("*")) if p.is_file()}
    return status, sorted(d.id for d in Corpus().documents()), files


@pytest.mark.parametrize("kind", sorted(BAD_INPUTS))
def test_bad_input_is_refused_and_changes_nothing(tmp_path, zoneref_home, kind):
    from index.search.searcher import SearchIndex

    write_txt(tmp_path / "good.txt", policy("辽宁省人民政府关于开发区的意见"))
    Library().import_paths([tmp_path / "good.txt"])
    SearchIndex(Corpus()).ensure()
    docs = zoneref_home / "documents"
    before, before_index = snapshot(docs), index_state(zoneref_home)
    assert before_index[0]["documents"] == 6
    bad, code = write_bad_input(kind, tmp_path)
    report = Library().import_paths([bad], max_bytes=BAD_INPUT_LIMIT)
    assert report.imported == []
    assert [e["code"] for e in report.errors] == [code]
    assert report.errors[0]["error"] and report.errors[0]["path"] == str(bad)
    assert snapshot(docs) == before
    assert index_state(zoneref_home) == before_index


def test_bad_inputs_have_distinct_messages(tmp_path):
    """Each cause says what is wrong, not one generic "import failed"."""
    made = [write_bad_input(kind, tmp_path)[0] for kind in sorted(BAD_INPUTS) if kind != "missing"]
    report = Library().import_paths(made, max_bytes=BAD_INPUT_LIMIT)
    messages = [e["error"] for e in report.errors]
    assert len(messages) == len(made) == len(set(messages))


def test_progress_and_cancel(tmp_path):
    for i in range(5):
        write_txt(tmp_path / f"{i}.txt", policy(f"云南省人民政府关于第{i}开发区的意见"))
    seen = []
    report = Library().import_paths([tmp_path], progress=lambda done, total, path: seen.append((done, total)),
                                    cancel=lambda: len(seen) >= 2, workers=1)
    assert seen == [(1, 5), (2, 5)]
    assert report.cancelled and len(report.imported) == 2
    assert len([d for d in Corpus().documents() if d.source == "imported"]) == 2


def test_an_import_leaves_no_reference_cycle_holding_the_library(tmp_path):
    # Freed by reference counting when the import returns: a cycle (the progress callback naming the batch's
    # writes) kept the batch's state alive until a full collection, ~100 ms of a window's GUI thread.
    import gc
    import weakref

    for i in range(3):
        write_txt(tmp_path / f"{i}.txt", policy(f"云南省人民政府关于第{i}开发区的意见"))
    gc.disable()
    try:
        lib = Library()
        lib.import_paths([tmp_path], progress=lambda done, total, path: None, workers=1)
        ref = weakref.ref(lib)
        del lib
        assert ref() is None
    finally:
        gc.enable()


def test_reader_processes_give_the_same_result_as_this_process(tmp_path, zoneref_home, monkeypatch):
    import index.library.readers.candidates as candidates

    src = tmp_path / "src"
    src.mkdir()
    for i in range(6):
        write_txt(src / f"{i}.txt", policy(f"甘肃省人民政府关于第{i}开发区的意见"), "gbk")
    pooled = Library().import_paths([src], workers=2)
    ids_pooled = [r["doc_id"] for r in pooled.imported]
    for path in (zoneref_home / "documents").iterdir():
        path.unlink()
    monkeypatch.setattr(candidates, "READ_IN_WORKERS", False)
    single = Library().import_paths([src], workers=1)
    assert ids_pooled == [r["doc_id"] for r in single.imported]  # the same documents, in the same order
    assert len(ids_pooled) == 6


def test_indexes_are_updated_incrementally(tmp_path, monkeypatch):
    calls = []

    class FakeIndex:
        def __init__(self, corpus, folder=None):
            self.corpus = corpus

        def add_documents(self, ids):
            assert all(self.corpus.has_document(i) for i in ids)  # the corpus already sees them
            calls.append(("add", list(ids)))

        def remove_documents(self, ids):
            calls.append(("remove", list(ids)))

        def rebuild(self, *a, **k):
            raise AssertionError("an import must not rebuild the index")

        def ensure(self, *a, **k):
            calls.append(("ensure", len(self.corpus.documents())))

    class FakeNotes:
        def __init__(self, db, corpus):
            pass

        def reanchor_document(self, doc_id):
            calls.append(("reanchor", doc_id))

    import index.library.imported as library

    monkeypatch.setattr(library, "INDEX_IN_WORKER", False)  # the fake index lives in this process only
    monkeypatch.setitem(sys.modules, "index.search.searcher", types.SimpleNamespace(SearchIndex=FakeIndex))
    monkeypatch.setitem(sys.modules, "index.userdata.notes", types.SimpleNamespace(NoteStore=FakeNotes))
    monkeypatch.setitem(sys.modules, "index.userdata.database", types.SimpleNamespace(open_db=lambda path=None: None))
    title = "青海省人民政府关于开发区的意见"
    write_txt(tmp_path / "v1.txt", policy(title))
    write_txt(tmp_path / "v2.txt", policy(title, extra="加快改革，"))
    first = Library().import_paths([tmp_path / "v1.txt"]).imported[0]["doc_id"]
    second = Library().import_paths([tmp_path / "v2.txt"]).imported[0]["doc_id"]
    Library().remove(second)
    assert calls == [("add", [first]), ("reanchor", first), ("add", [second]), ("reanchor", first),
                     ("reanchor", second), ("remove", [second]), ("reanchor", second)]
    calls.clear()
    Library().import_paths([tmp_path / "nothing-here.txt"])
    assert calls == []  # a failed import touches no index
    bulk = tmp_path / "bulk"
    bulk.mkdir()
    for i in range(25):
        write_txt(bulk / f"{i}.txt", policy(f"青海省人民政府关于第{i}开发区的意见"))
    Library().import_paths([bulk], workers=1)
    assert calls[0] == ("ensure", 5 + 1 + 25)  # one pass, not 25 additions


def test_index_failure_keeps_the_import_and_says_so(tmp_path, monkeypatch):
    class Broken:
        def __init__(self, corpus, folder=None):
            raise OSError("disk full")

    monkeypatch.setitem(sys.modules, "index.search.searcher", types.SimpleNamespace(SearchIndex=Broken))
    write_txt(tmp_path / "a.txt", policy("宁夏回族自治区人民政府关于开发区的意见"))
    report = Library().import_paths([tmp_path / "a.txt"])
    assert len(report.imported) == 1 and "rebuilt" in report.index_notice


@pytest.mark.parametrize("error", ["known", "bug"])
def test_an_index_failure_the_engine_knows_is_one_line_a_bug_keeps_its_traceback(tmp_path, monkeypatch, caplog,
                                                                                   error):
    """Parallel imports printed a whole traceback on stderr for a handled, expected failure ("the index just
    built … cannot be opened", another import's index swapped in meanwhile) although the import succeeded."""
    from index.search.store import SearchIndexError

    class Broken:
        def __init__(self, corpus, folder=None):
            if error == "known":
                raise SearchIndexError(f"the index just built in {folder} cannot be opened")
            raise RuntimeError("a bug")

    monkeypatch.setitem(sys.modules, "index.search.searcher", types.SimpleNamespace(SearchIndex=Broken))
    write_txt(tmp_path / "a.txt", policy("宁夏回族自治区人民政府关于开发区的意见"))
    report = Library().import_paths([tmp_path / "a.txt"])
    assert len(report.imported) == 1 and "rebuilt" in report.index_notice
    (record,) = [r for r in caplog.records if "search index update failed" in r.getMessage()]
    assert bool(record.exc_info) == (error == "bug")


KILL_CHILD = textwrap.dedent("""
    import os, signal, sys
    sys.path.insert(0, {repo!r})
    import index.library.imported as library
    import index.search.store as search_store
    mode, src = sys.argv[1], sys.argv[2]
    if mode == "during-write":
        real = os.replace
        def replace(a, b):
            if len(os.listdir(os.path.dirname(b))) >= 4:  # two documents done, third mid-write
                os.kill(os.getpid(), signal.SIGKILL)
            real(a, b)
        library.os.replace = replace
    if mode == "during-index":
        # every document written; Whoosh has committed, its side table not yet written
        search_store._write_side_parts = lambda *a, **k: os.kill(os.getpid(), signal.SIGKILL)
    def progress(done, total, path):
        if mode == "between-files" and done == 3:
            os.kill(os.getpid(), signal.SIGKILL)
    if __name__ == "__main__":  # files are read in spawned reader processes, which import this script
        library.Library().import_paths([src], progress=progress, workers=1)
""")


@pytest.mark.parametrize("mode", ["between-files", "during-write", "during-index"])
def test_killed_import_leaves_only_whole_documents(tmp_path, zoneref_home, mode):
    from index.search.searcher import SearchIndex

    src = tmp_path / "src"
    src.mkdir()
    for i in range(6):
        write_txt(src / f"{i}.txt", policy(f"黑龙江省人民政府关于第{i}开发区的意见", extra=f"冰雪{i}号产业，"))
    SearchIndex(Corpus()).ensure()
    status_before = SearchIndex(Corpus()).status()
    script = tmp_path / "child.py"
    script.write_text(KILL_CHILD.format(repo=str(REPO)), encoding="utf-8")
    proc = subprocess.run([sys.executable, str(script), mode, str(src)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == -9, proc.stderr
    docs = zoneref_home / "documents"
    stored = sorted(docs.glob("*.md"))
    assert 1 <= len(stored) <= 6 if mode == "during-index" else 1 <= len(stored) < 6
    for path in stored:  # every document there is complete and consistent
        doc = load_file(path, "imported")
        assert doc.meta["content_hash"] == hashlib.sha256(doc.body.encode()).hexdigest()
        assert "（一）加大招商引资力度" in doc.body
    # The index holds none of the interrupted import: the old index, or (killed
    # mid-update) none that opens, which the next start rebuilds.
    status = SearchIndex(Corpus()).status()
    if mode == "during-index":
        assert status["fingerprint"] in (status_before["fingerprint"], None)
    else:
        assert status == status_before
    # the next import cleans up and completes the rest; the index follows
    report = Library().import_paths([src])
    assert len(report.imported) + len(report.skipped) == 6 and not report.errors
    assert len(list(docs.glob("*.md"))) == 6
    assert not [p for p in docs.iterdir() if not p.name.endswith(".md")]
    index = SearchIndex(Corpus())
    index.ensure()
    assert index.status()["documents"] == 11
    assert {h.doc_id for h in index.search("冰雪", limit=50).hits} == {p.stem for p in docs.glob("*.md")}


def test_a_folder_holding_the_user_home_skips_it(tmp_path, zoneref_home):
    write_txt(tmp_path / "a.txt", policy("重庆市人民政府关于开发区的意见"))
    Library().import_paths([tmp_path / "a.txt"])
    (zoneref_home / "notes.txt").write_text("辽宁省人民政府关于开发区的意见。" * 5, encoding="utf-8")
    files, _, _ = collect_files([tmp_path])
    assert files == [tmp_path / "a.txt"]


def test_collect_files_reports_missing_and_unsupported(tmp_path):
    (tmp_path / "a.xls").write_bytes(b"x")
    files, skipped, errors = collect_files([tmp_path / "missing", tmp_path / "a.xls"])
    assert files == [] and skipped == []
    assert [e["code"] for e in errors] == ["unreadable", "unsupported"]


def test_real_search_index_follows_imports_and_removals(tmp_path):
    import index.search.searcher as search
    corpus = Corpus()
    index = search.SearchIndex(corpus)
    index.ensure()
    before = index.status()["fingerprint"]
    write_scanned_pdf(tmp_path / "scan.pdf")
    assert Library(corpus).import_paths([tmp_path / "scan.pdf"]).errors
    assert search.SearchIndex(Corpus()).status()["fingerprint"] == before  # a refused file changes nothing

    write_txt(tmp_path / "a.txt", policy("西藏自治区人民政府关于开发区的意见", extra="发展高原特色青稞产业，"))
    doc_id = Library(corpus).import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    # status() only opens the index: it shows what the import itself wrote
    assert search.SearchIndex(Corpus()).status()["documents"] == 6
    fresh = search.SearchIndex(Corpus())
    assert {h.doc_id for h in fresh.search("青稞").hits} == {doc_id}
    Library(Corpus()).remove(doc_id)
    assert search.SearchIndex(Corpus()).status()["documents"] == 5
    assert search.SearchIndex(Corpus()).search("青稞").total == 0


def test_annotations_of_a_removed_document_become_orphans_and_come_back(tmp_path):
    import index.userdata.database as userdb
    import index.userdata.notes as notes
    write_txt(tmp_path / "a.txt", policy("新疆维吾尔自治区人民政府关于开发区的意见"))
    doc_id = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    corpus = Corpus()
    clause = next(c for c in corpus.clauses(doc_id) if "招商引资" in c.text)
    note = notes.NoteStore(userdb.open_db(), corpus).add(clause.id, "招商引资", note="核对")
    Library().remove(doc_id)
    kept = notes.NoteStore(userdb.open_db(), Corpus()).get(note.uuid)
    assert kept.orphan and kept.note == "核对"  # kept, not deleted
    again = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    assert again == doc_id  # same text, same id
    assert not notes.NoteStore(userdb.open_db(), Corpus()).get(note.uuid).orphan


def test_regulation_in_word_is_parsed_into_chapters_sections_articles_paragraphs_and_items(tmp_path):
    path = write_docx(tmp_path / "条例.docx", "湖北省开发区条例", [
        ("p", "（2010年3月26日湖北省第十一届人民代表大会常务委员会第十五次会议通过）"),
        ("h1", "第一章　总则"), ("h2", "第一节　一般规定"),
        ("p", "第一条　为了促进开发区发展，制定本条例。"),
        ("p", "第二条　开发区应当遵循下列原则："), ("p", "（一）统筹规划；"), ("p", "（二）集约发展。"),
        ("p", "开发区管理机构依照本条例履行职责。"),
        ("h2", "第二节　规划"), ("p", "第三条　省人民政府组织编制开发区总体规划。"),
        ("h1", "第二章　附则"), ("p", "第四条　本条例自2010年5月1日起施行。"),
    ])
    rec = Library().import_paths([path]).imported[0]
    corpus = Corpus()
    doc = corpus.document(rec["doc_id"])
    assert (doc.title, doc.region, doc.get("issued")) == ("湖北省开发区条例", "湖北省", "2010-03-26")
    kinds = {c.id.split("/", 1)[1]: c.kind for c in corpus.clauses(doc.id) if "/" in c.id}
    assert {k: kinds.get(k) for k in ("ch1", "ch1/se1", "ch1/se1/art2", "ch1/se1/art2/s1", "ch1/se1/art2/k2",
                                       "ch1/se2/art3", "ch2/art4")} == {
        "ch1": "chapter", "ch1/se1": "section", "ch1/se1/art2": "article", "ch1/se1/art2/s1": "section",
        "ch1/se1/art2/k2": "paragraph", "ch1/se2/art3": "article", "ch2/art4": "article"}
    assert rec["clause_count"] == len(corpus.clauses(doc.id))


def test_notes_on_an_old_version_stay_on_it(tmp_path):
    import index.userdata.database as userdb
    import index.userdata.notes as notes
    title = "内蒙古自治区人民政府关于开发区的意见"
    write_txt(tmp_path / "v1.txt", policy(title))
    write_txt(tmp_path / "v2.txt", policy(title, extra="加快改革，").replace("大力招引一批世界500强企业。", "精准招商。"))
    v1 = Library().import_paths([tmp_path / "v1.txt"]).imported[0]["doc_id"]
    corpus = Corpus()
    clause = next(c for c in corpus.clauses(v1) if "世界500强" in c.text)
    note = notes.NoteStore(userdb.open_db(), corpus).add(clause.id, "世界500强", note="旧版")
    v2 = Library().import_paths([tmp_path / "v2.txt"]).imported[0]["doc_id"]
    kept = notes.NoteStore(userdb.open_db(), Corpus()).get(note.uuid)
    # never moved to the new version (whose text lacks the quote), never orphaned while v1 stands
    assert (kept.clause_id.split("/")[0], kept.orphan, kept.quote) == (v1, False, "世界500强")
    assert notes.NoteStore(userdb.open_db(), Corpus()).list(doc_id=v2) == []
    Library().remove(v1)
    assert notes.NoteStore(userdb.open_db(), Corpus()).get(note.uuid).orphan


def test_edited_region_reaches_the_search_filters(tmp_path):
    from index.search.searcher import SearchIndex

    write_txt(tmp_path / "a.txt", policy("关于发展冰雪旅游开发区的若干措施", signer="管委会"))
    doc_id = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    assert {h.doc_id for h in SearchIndex(Corpus()).search("冰雪旅游", regions=["吉林省"]).hits} == set()
    Library().update_metadata(doc_id, {"region": "吉林省"})
    assert {h.doc_id for h in SearchIndex(Corpus()).search("冰雪旅游", regions=["吉林省"]).hits} == {doc_id}


def test_markdown_law_collection_one_article_per_line(tmp_path):
    """The layout of public law collections: ``# title``, ``##`` chapters, one article per line, no blank lines."""
    (tmp_path / "law.md").write_text(
        "# 湖南省开发区条例\n\n（2020年7月30日湖南省第十三届人民代表大会常务委员会第十九次会议通过）\n\n"
        "## 第一章 总则\n第一条 为了促进开发区发展，制定本条例。\n第二条 本条例适用于本省开发区。\n开发区应当依法管理。\n"
        "第三条 开发区实行下列制度：\n（一）规划制度；\n（二）考核制度。\n## 第二章 附则\n第四条 本条例自公布之日起施行。\n",
        encoding="utf-8")
    rec = Library().import_paths([tmp_path / "law.md"]).imported[0]
    assert (rec["title"], rec["region"]) == ("湖南省开发区条例", "湖南省")
    corpus = Corpus()
    ids = [c.id.split("/", 1)[1] for c in corpus.clauses(rec["doc_id"]) if "/" in c.id]
    assert ids == ["pre", "ch1", "ch1/art1", "ch1/art2", "ch1/art2/k2", "ch1/art3", "ch1/art3/s1", "ch1/art3/s2",
                   "ch2", "ch2/art4"]
    assert corpus.document(rec["doc_id"]).get("issued") == "2020-07-30"


def _bulk_folder(tmp_path, n=25):
    src = tmp_path / "bulk"
    src.mkdir()
    for i in range(n):
        write_txt(src / f"{i}.txt", policy(f"广西壮族自治区人民政府关于第{i}开发区的意见", extra=f"沿边{i}号口岸，"))
    return src


@pytest.mark.parametrize("streamed", [True, False])
def test_bulk_import_indexes_in_a_worker_process(tmp_path, monkeypatch, streamed):
    """A bulk import's index is built in a worker process: while the documents are written (``feed``), or
    in one pass after them."""
    import index.library.imported as library
    from index.search.feed import bulk_index
    from index.search.searcher import SearchIndex

    spawned = []
    real = library._in_worker_process

    def spy(func, *args):
        spawned.append(func)
        return real(func, *args)

    monkeypatch.setattr(library, "_in_worker_process", spy)
    monkeypatch.setattr(library, "STREAM_INDEX", streamed)
    src = _bulk_folder(tmp_path)
    SearchIndex(Corpus()).ensure()
    report = Library().import_paths([src], workers=1)
    assert len(report.imported) == 25 and report.index_notice is None
    assert spawned == ([] if streamed else [bulk_index])
    index = SearchIndex(Corpus())
    assert index.status()["documents"] == 30  # opens what the worker wrote
    assert len({h.doc_id for h in index.search("沿边", limit=100).hits}) == 25


def test_an_import_keeps_the_clauses_its_readers_parsed(tmp_path, zoneref_home, monkeypatch):
    """Each imported document's clauses, as its reader parsed them, are kept (``index.library.parsed``): the
    index worker and every later command read them instead of parsing the document again."""
    from index.library import clauses as clauses_module
    from index.library import parsed

    report = Library().import_paths([_bulk_folder(tmp_path, 3)], workers=1)
    ids = [r["doc_id"] for r in report.imported]
    assert set(ids) <= {p.stem for p in (zoneref_home / parsed.FOLDER).iterdir()}
    want = {d: clauses_module.parse_clauses(d, Corpus().document(d).body) for d in ids}
    monkeypatch.setattr(clauses_module, "parse_clauses", lambda *_a: pytest.fail("parsed again"))
    assert {d: Corpus().clauses(d) for d in ids} == want
    one_pass = Corpus(one_pass=True)  # an index build reads them too
    assert {d: one_pass.clauses(d) for d in ids} == want


def test_adding_many_confirmed_candidates_builds_the_index_while_writing(tmp_path, monkeypatch):
    """The import dialog's path (read, confirm, ``add``) feeds the index worker too."""
    import index.library.imported as library
    from index.library.readers.candidates import prepare_file
    from index.search.searcher import SearchIndex

    monkeypatch.setattr(library, "_in_worker_process", lambda *_a: pytest.fail("no index pass after the writes"))
    src = _bulk_folder(tmp_path)
    SearchIndex(Corpus()).ensure()
    report = Library().add([prepare_file(p) for p in sorted(src.iterdir())])
    assert len(report.imported) == 25 and report.index_notice is None
    index = SearchIndex(Corpus())
    assert index.status()["documents"] == 30 and len({h.doc_id for h in index.search("沿边", limit=100).hits}) == 25
    index.close()


def test_an_index_built_during_the_import_is_the_index_of_the_library(tmp_path, zoneref_home):
    """Documents reach the feed in the order they are written; the index is the one a build over the
    library makes: same documents, clauses and fingerprint, same hits in the same order."""
    from index.search.searcher import SearchIndex

    write_txt(tmp_path / "first.txt", policy("海南省人民政府关于自由贸易港开发区的意见", extra="沿边口岸，"))
    Library().import_paths([tmp_path / "first.txt"])  # a library with an imported document already
    Library().import_paths([_bulk_folder(tmp_path)], workers=2)
    streamed = SearchIndex(Corpus())
    queries = ("沿边", "开发区", "口岸", "意見")
    got = {q: [(h.clause_id, round(h.score, 9)) for h in streamed.search(q, limit=200).hits] for q in queries}
    status = streamed.status()
    streamed.close()
    rebuilt = SearchIndex(Corpus())
    rebuilt.rebuild()
    expected = rebuilt.status()
    assert (status["documents"], status["clauses"], status["fingerprint"]) == \
        (expected["documents"], expected["clauses"], expected["fingerprint"]) and status["documents"] == 31
    assert got == {q: [(h.clause_id, round(h.score, 9)) for h in rebuilt.search(q, limit=200).hits] for q in queries}
    rebuilt.close()


def test_a_feed_abandoned_or_outrun_leaves_a_working_index(tmp_path, zoneref_home):
    """An import that stops before the end of its feed swaps nothing in; a library that is not what the feed
    indexed (a document removed meanwhile) gets its index built from the library instead."""
    from index.search.feed import IndexFeed
    from index.search.searcher import SearchIndex
    from index.search.store import CURRENT

    Library().import_paths([_bulk_folder(tmp_path, 3)])
    SearchIndex(Corpus()).ensure()
    live = (zoneref_home / "index" / CURRENT).read_bytes()
    corpus = Corpus()
    feed = IndexFeed(corpus, zoneref_home / "index")
    feed.abort()
    assert (zoneref_home / "index" / CURRENT).read_bytes() == live

    feed = IndexFeed(corpus, zoneref_home / "index")  # told of 3 documents; one is then removed
    gone = next(d for d in corpus.documents() if d.source == "imported")
    Library().remove(gone.id)
    feed.finish()
    index = SearchIndex(Corpus())  # not the feed's 8 documents: the index of the library as it is
    assert index.status()["documents"] == 7 and not index.search(gone.id.split("-")[0], doc_ids=[gone.id]).hits
    index.close()


def test_one_pass_corpus_keeps_one_document_and_indexes_like_the_corpus(tmp_path, zoneref_home):
    from index.search.feed import bulk_index
    from index.search.searcher import SearchIndex

    write_txt(tmp_path / "a.txt", policy("海南省人民政府关于自由贸易港开发区的意见"))
    Library().import_paths([tmp_path / "a.txt"])
    corpus = Corpus()
    one = Corpus(corpus.content_dir, corpus.imported_dir, one_pass=True)
    for doc in corpus.documents():
        for clause in corpus.clauses(doc.id):
            assert one.path(one.clause(clause.id)) == corpus.path(clause)
    assert len(one._clauses) == 1  # only the document it is on
    SearchIndex(Corpus()).rebuild()
    expected = SearchIndex(Corpus()).status()
    bulk_index(corpus.content_dir, corpus.imported_dir, zoneref_home / "index")  # ensure(): current, nothing to do
    (zoneref_home / "index" / "CURRENT").unlink()
    bulk_index(corpus.content_dir, corpus.imported_dir, zoneref_home / "index")  # a full build through the one-pass corpus
    built = SearchIndex(Corpus()).status()
    assert (built["documents"], built["clauses"], built["fingerprint"]) == \
        (expected["documents"], expected["clauses"], expected["fingerprint"])
    assert SearchIndex(Corpus()).search("自由贸易港").total > 0


def test_a_large_librarys_incremental_index_update_runs_in_a_worker_process(tmp_path, zoneref_home, monkeypatch):
    """Past UPDATE_IN_PROCESS_UP_TO documents an import's index update runs in a spawned process (a GUI
    importing into a large library would otherwise freeze while the side table is rewritten)."""
    import index.library.imported as imported
    from index.search.searcher import SearchIndex

    SearchIndex(Corpus()).ensure()
    monkeypatch.setattr(imported, "UPDATE_IN_PROCESS_UP_TO", 0)
    monkeypatch.setattr(imported, "_update_index", lambda *a: pytest.fail("updated in this process"))
    write_txt(tmp_path / "a.txt", policy("甘肃省人民政府关于开发区的意见", extra="沙漠光伏园区，"))
    report = Library().import_paths([tmp_path / "a.txt"])
    assert len(report.imported) == 1 and not report.index_notice
    assert [h.doc_id for h in SearchIndex(Corpus()).search("沙漠光伏园区").hits] == [report.imported[0]["doc_id"]]


def test_a_reader_keeps_no_text_of_the_files_it_prepared(tmp_path):
    """A reader process prepares thousands of files, each once: what tagging remembers of their texts is
    dropped after each (it grew each reader by ~200 MB over a 3,500-file import); loaded data stays."""
    from index.compare import taxonomy, units, wording
    from index.library.readers.candidates import prepare_file

    write_txt(tmp_path / "a.txt", policy("海南省人民政府关于自由贸易港开发区招商引资的意见", extra="土地集约利用，"))
    cand = prepare_file(tmp_path / "a.txt")
    assert cand.topics and "zhaoshang" in cand.topics  # it was tagged
    assert not units._UNITS and wording.matching_text.cache_info().currsize == 0
    assert taxonomy.topic_hits.cache_info().currsize == 0
    assert taxonomy._matchers.cache_info().currsize >= 1  # the taxonomy, loaded once, is kept


def test_update_metadata_waits_for_a_reader_holding_the_document_open(tmp_path, monkeypatch):
    """Windows refuses to rename over a file another process has open (the GUI reading the document while the
    CLI edits its metadata): the edit failed at once with PermissionError."""
    import os
    import time

    write_txt(tmp_path / "a.txt", policy("某开发区管理委员会关于招商的通知", signer="某开发区管理委员会"))
    doc_id = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    real, refused = os.replace, []

    def replace(src, dst):
        if str(dst).endswith(f"{doc_id}.md") and not refused:
            refused.append(dst)
            raise PermissionError(13, "Access is denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(time, "sleep", lambda s: None)
    assert Library().update_metadata(doc_id, {"region": "山东省"}).region == "山东省"
    assert refused and Corpus().document(doc_id).region == "山东省"


def test_a_temp_file_writer_is_looked_for_without_signalling_it(monkeypatch):
    """``os.kill(pid, 0)`` asked whether a killed import's process still ran; on Windows signal 0 is
    CTRL_C_EVENT, sent to every process of the console."""
    import os

    from index.library import imported

    def no_signals(pid, sig):
        raise AssertionError(f"os.kill({pid}, {sig}) sends CTRL_C_EVENT on Windows")

    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    monkeypatch.setattr(os, "kill", no_signals)
    assert imported._alive(os.getpid())  # noqa: SLF001
    assert not imported._alive(int(done.stdout))  # noqa: SLF001 - it has ended


def test_remove_waits_for_a_reader_holding_the_document_open(tmp_path, zoneref_home, monkeypatch):
    """Windows refuses to delete a file another process has open (the GUI reading the document while the CLI
    removes it): the removal failed at once with PermissionError."""
    import os
    import time

    write_txt(tmp_path / "a.txt", policy("福建省商务厅关于开发区的意见"))
    doc_id = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    real, refused = os.remove, []

    def remove(path, *args, **kwargs):
        if str(path).endswith(f"{doc_id}.md") and len(refused) < 2:
            refused.append(path)
            raise PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process", str(path))
        real(path, *args, **kwargs)

    monkeypatch.setattr(os, "remove", remove)
    monkeypatch.setattr(time, "sleep", lambda s: None)
    Library().remove(doc_id)
    assert len(refused) == 2 and not Corpus().has_document(doc_id)
    assert list((zoneref_home / "documents").glob("*.md")) == []


def test_an_unreadable_document_is_moved_out_while_another_process_reads_it(zoneref_home, monkeypatch):
    """Windows refuses to move a file another process has open for a moment: moving an unreadable document out
    of the library failed at once with PermissionError."""
    import os
    import time

    folder = zoneref_home / "documents"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\n正文\n", encoding="utf-8")
    assert [u.name for u in Corpus().unreadable()] == ["broken"]
    real, refused = os.replace, []

    def replace(src, dst):
        if str(src).endswith("broken.md") and not refused:
            refused.append(src)
            raise PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process", str(src))
        real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(time, "sleep", lambda s: None)
    moved = Library().remove_unreadable("broken")
    assert refused and moved.read_text(encoding="utf-8").endswith("正文\n") and not (folder / "broken.md").exists()
