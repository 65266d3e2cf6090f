"""The search index on disk: damage is detected and rebuilt, updates match rebuilds, readers stay safe.

Each test builds a small corpus of its own in ``tmp_path`` (the five seed
documents plus a few generated ones), so it can change documents freely.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from index.base.text import normalise
from index.library.corpus import Corpus
from index.library.documents import render_markdown
from index.search import store as search_store
from index.search.rows import doc_info
from index.search.searcher import BuildCancelled, SearchIndex

ROOT = Path(__file__).resolve().parents[3]
SEED_DOCS = ROOT / "content" / "docs"
BIG = 100_000
# Queries that between them touch both scripts, the seed and the extra documents.
QUERIES = ["开发区", "開發區", "土地", "园区建设", "招商", "示范区", "高质量发展", "区", "科技 -土地",
           "土地 OR 用地", "开发区 region:安徽", "year:2020"]


def write_doc(folder: Path, doc_id: str, region: str, body: str, year: int = 2020) -> None:
    meta = {"id": doc_id, "title": f"{region}开发区文件", "region": region, "level": "省级", "year": year}
    (folder / f"{doc_id}.md").write_text(render_markdown(meta, body), encoding="utf-8")


def extra_body(n: int) -> str:
    return (f"一、总体要求\n\n（一）园区建设。推进第{n}号示范区建设和管理工作，支持科技创新。\n\n"
            f"（二）土地保障。加强开发区土地集约利用，第{n}批用地指标优先保障。\n\n"
            f"二、保障措施\n\n（一）招商引资。開發區招商引資第{n}輪，推動高質量發展。\n")


@pytest.fixture
def content(tmp_path) -> Path:
    folder = tmp_path / "docs"
    shutil.copytree(SEED_DOCS, folder)
    for n in range(3):
        write_doc(folder, f"extra-{n}", "安徽省", extra_body(n))
    return folder


def fresh_corpus(content: Path) -> Corpus:
    return Corpus(content, imported_dir=None)


def answers(ix: SearchIndex, queries=QUERIES) -> dict[str, dict[str, float]]:
    """clause id -> score for every hit of every query (order-free: ties may differ)."""
    out = {}
    for q in queries:
        result = ix.search(q, limit=BIG)
        assert result.total == len(result.hits), q
        out[q] = {h.clause_id: h.score for h in result.hits}
    return out


def brute(corpus: Corpus, needle: str) -> set[str]:
    n = normalise(needle)
    return {c.id for c in corpus.all_clauses() if n in normalise(c.text)}


def live(folder: Path) -> Path:
    gen = search_store.live_generation(folder)
    assert gen is not None
    return gen


@pytest.fixture
def built(content, tmp_path):
    """(index, its folder, the answers of a fresh full build)."""
    folder = tmp_path / "index"
    ix = SearchIndex(fresh_corpus(content), folder)
    ix.ensure()
    yield ix, folder, answers(ix)
    ix.close()


def reopened(content: Path, folder: Path) -> SearchIndex:
    """What the next app start sees: a new instance over the same folder."""
    ix = SearchIndex(fresh_corpus(content), folder)
    ix.ensure()
    return ix


# -- damage while the app is closed ----------------------------------------------

def test_deleted_index_folder_is_rebuilt_on_next_start(built, content):
    ix, folder, expect = built
    ix.close()
    shutil.rmtree(folder)
    again = reopened(content, folder)
    assert answers(again) == expect
    assert again.status()["clauses"] == len(list(fresh_corpus(content).all_clauses()))


@pytest.mark.parametrize("victim", ["pst", "trm", "toc", "side-json", "side-txt", "side-hits", "side-arr"])
def test_truncated_file_is_detected_and_rebuilt(built, content, victim):
    ix, folder, expect = built
    ix.close()
    gen = live(folder)
    pattern = {"pst": "*.pst", "trm": "*.trm", "toc": "_MAIN_*.toc", "side-json": "side-*.json",
               "side-txt": "side-*.txt", "side-hits": "side-*.hits", "side-arr": "side-*.arr"}[victim]
    (path,) = gen.glob(pattern)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(search_store.IndexBroken):
        search_store.open_generation(gen, wait=0.5)
    again = reopened(content, folder)
    assert live(folder) != gen, "the damaged generation must not be used"
    assert answers(again) == expect
    again.close()
    assert not gen.exists(), "the damaged generation is pruned after the rebuild"


@pytest.mark.parametrize("garbage", [b"", b"\xff\xfe garbage", b"gen-does-not-exist", b"../../etc", b"gen-x/../.."])
def test_garbage_current_is_rebuilt(built, content, garbage):
    ix, folder, expect = built
    ix.close()
    (folder / search_store.CURRENT).write_bytes(garbage)
    again = reopened(content, folder)
    assert search_store.live_generation(folder) is not None
    assert answers(again) == expect


def test_missing_side_table_is_rebuilt_without_waiting(built, content):
    ix, folder, expect = built
    ix.close()
    gen = live(folder)
    for side in gen.glob("side-*.json"):
        side.unlink()
    # Nobody holds the update lock, so there is no writer to wait for: even
    # with an hour's patience the open gives up at once.
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(_try_open(gen, wait=3600)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    assert not worker.is_alive() and outcome == ["broken"]
    again = reopened(content, folder)
    assert live(folder) != gen
    assert answers(again) == expect
    again.close()
    assert not gen.exists(), "the broken generation is pruned once replaced"


def _try_open(gen: Path, wait: float) -> str:
    try:
        _, reader, _ = search_store.open_generation(gen, wait=wait)
    except search_store.IndexBroken:
        return "broken"
    reader.close()
    return "opened"


def test_open_waits_for_an_update_that_is_writing_its_side_table(built):
    from whoosh.filedb.filestore import FileStorage

    ix, folder, _ = built
    ix.close()
    gen = live(folder)
    (side,) = gen.glob("side-*.json")
    saved = side.read_bytes()
    side.unlink()
    # An updater between Whoosh's commit and its side table holds the lock.
    lock = FileStorage(str(gen)).lock(search_store.LOCK)
    assert lock.acquire(blocking=False)
    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(_try_open(gen, wait=3600)), daemon=True)
    worker.start()
    worker.join(timeout=0.5)
    assert worker.is_alive() and outcome == [], "the reader must wait for the writer"
    side.write_bytes(saved)
    lock.release()
    worker.join(timeout=60)
    assert outcome == ["opened"]
    assert _try_open(gen, wait=0) == "opened"


def test_half_built_generation_is_ignored(built, content):
    ix, folder, expect = built
    ix.close()
    good = live(folder)
    # A build that crashed before writing its side table: Whoosh files, no side-*.json.
    half = folder / "gen-20000101T000000-1-1"
    shutil.copytree(good, half)
    for side in half.glob("side-*"):
        side.unlink()
    again = reopened(content, folder)
    assert live(folder) == good, "an intact live generation is kept"
    assert answers(again) == expect
    again.close()
    # Pointed at by CURRENT (the swap can never do that, but a hand edit could): rebuilt, not used.
    (folder / search_store.CURRENT).write_text(half.name, encoding="utf-8")
    again = reopened(content, folder)
    assert live(folder) not in (half, good)
    assert answers(again) == expect


def test_analyzer_version_bump_rebuilds(built, content, monkeypatch):
    ix, folder, expect = built
    old_fp = ix.status()["fingerprint"]
    ix.close()
    gen = live(folder)
    monkeypatch.setattr(search_store, "ANALYZER_VERSION", search_store.ANALYZER_VERSION + 1)
    again = reopened(content, folder)
    assert live(folder) != gen
    status = again.status()
    assert status["fingerprint"] != old_fp
    assert json.loads(next(live(folder).glob("side-*.json")).read_text("utf-8"))["analyzer"] == \
        search_store.ANALYZER_VERSION
    assert answers(again) == expect


_PATTERNS = {"pst": "*.pst", "side-txt": "side-*.txt", "side-hits": "side-*.hits", "side-ids": "side-*.ids",
             "side-paths": "side-*.paths", "side-arr": "side-*.arr"}


@pytest.mark.parametrize("victim", sorted(_PATTERNS))
def test_a_file_damaged_in_place_is_found_when_read_and_rebuilt(built, content, victim):
    """Garbage of the same size passes the open's size check; the first read it breaks (a text that does not
    decode, an offset out of range, a postings block that does not unpickle) finds it by the checksums, and the
    index is rebuilt and the query answered (it raised UnicodeDecodeError, IndexError, "Block tag error")."""
    ix, folder, expect = built
    ix.close()
    gen = live(folder)
    (path,) = gen.glob(_PATTERNS[victim])
    path.write_bytes(random.Random(7).randbytes(path.stat().st_size))
    again = reopened(content, folder)
    assert live(folder) == gen, "the sizes are right: opened as it is"
    # 土地 first: its hits' texts are read (a phrase's confirmation reads garbage text as no match, silently:
    # only the status, which reads every file, finds that).
    assert answers(again, ["土地", *QUERIES]) == expect
    assert live(folder) != gen, "the damaged generation must not be used"
    assert again.status()["damaged"] is None
    again.close()
    assert not gen.exists(), "the damaged generation is pruned after the rebuild"


def test_status_reads_every_file_and_a_damaged_generation_is_rebuilt_next(built, content):
    """A changed byte no read trips over (a character of a clause text) is found by the status, which marks the
    generation: the next ``ensure`` (any process) rebuilds it. The status said nothing before."""
    ix, folder, expect = built
    assert ix.status()["damaged"] is None
    ix.close()
    gen = live(folder)
    (path,) = gen.glob("side-*.txt")
    data = bytearray(path.read_bytes())
    data[100] ^= 1  # the low byte of a UTF-16 code unit: still text
    path.write_bytes(bytes(data))
    again = SearchIndex(fresh_corpus(content), folder)
    assert again.status()["damaged"] == f"{path.name} does not match its checksum"
    again.close()
    again = reopened(content, folder)
    assert live(folder) != gen
    assert again.status()["damaged"] is None
    assert answers(again) == expect


def test_a_read_failing_on_intact_files_is_a_bug_raised_as_it_is(built, monkeypatch):
    """The checksums tell damage from a bug: a failure with every file as built is not answered by a rebuild."""
    from index.search.executor import Executor

    ix, folder, _ = built
    gen = live(folder)

    def run(*_args, **_kwargs):
        raise IndexError("a bug")

    monkeypatch.setattr(Executor, "run", run)
    with pytest.raises(IndexError, match="a bug"):
        ix.search("开发区")
    assert live(folder) == gen and not (gen / search_store.DAMAGED).exists()


def test_damage_that_cannot_be_rebuilt_there_says_what_to_do(built, content, monkeypatch):
    import index.search.searcher as searcher

    ix, folder, _ = built
    ix.close()
    (path,) = live(folder).glob("side-*.ids")
    path.write_bytes(random.Random(7).randbytes(path.stat().st_size))
    again = reopened(content, folder)

    def build(folder, *_args, **_kwargs):
        raise search_store.SearchIndexError(f"cannot write the search index in {folder}: read-only file system")

    monkeypatch.setattr(searcher, "build_generation", build)
    with pytest.raises(search_store.SearchIndexError, match=r"^the search index is damaged \(.*ids does not match"
                                                            r".*read-only file system.*run zoneref index rebuild"):
        again.search("开发区")


def test_updates_keep_every_checksum_true(built, content):
    """An update and a metadata edit record the checksums of the files they write and keep the others'."""
    ix, folder, expect = built
    write_doc(content, "extra-3", "安徽省", extra_body(3), year=2021)
    (content / "extra-0.md").unlink()
    ix.corpus.reload()
    ix.add_documents(["extra-3"])
    ix.remove_documents(["extra-0"])
    gen = live(folder)
    info = next(d for d in json.loads(next(gen.glob("side-*.json")).read_text("utf-8"))["docs"]
                if d["id"] == "extra-1")
    ix.close()
    search_store.update_documents_info(gen, {"extra-1": {**info, "region": "江苏省"}})
    (side,) = gen.glob("side-*.json")
    meta = json.loads(side.read_text("utf-8"))
    assert set(meta["sums"]) == set(meta["files"]) and len(meta["files"]) > 8
    assert search_store.damage(gen, int(side.stem.split("-")[1])) is None
    assert SearchIndex(fresh_corpus(content), folder).status()["damaged"] is None


def test_a_generation_another_build_is_about_to_make_live_is_not_pruned(built, content):
    """A build writes its side table a moment before it points CURRENT at it; another process's build that
    pruned in between deleted it ("finished": it had a side table), and CURRENT then named a folder that was
    gone: with six imports at once, most failed with "the index just built … cannot be opened"."""
    ix, folder, expect = built
    ix.close()
    good = live(folder)
    other = folder / "gen-20000101T000000-2-2"  # another process's build, finished, not yet swapped in
    shutil.copytree(good, other)
    search_store.prune(folder, keep="gen-none", retired=good.name)
    assert other.exists(), "a finished generation just made is left to its build"
    assert good.exists(), "the generation CURRENT names is never deleted"
    (folder / search_store.CURRENT).write_text(other.name, encoding="utf-8")
    again = reopened(content, folder)
    assert live(folder) == other and answers(again) == expect
    again.close()
    past = time.time() - 120
    os.utime(good, (past, past))
    search_store.prune(folder, keep=other.name)
    assert not good.exists(), "a finished generation left for a minute goes"


# -- documents that change -------------------------------------------------------

def test_changed_document_content_updates_the_index(built, content):
    ix, folder, _ = built
    old_fp = ix.status()["fingerprint"]
    ix.close()
    write_doc(content, "extra-1", "安徽省", "一、总体要求\n\n（一）新条款。推进甲乙丙丁专项行动。\n")
    corpus = fresh_corpus(content)
    again = SearchIndex(corpus, folder)
    again.ensure()
    assert again.status()["fingerprint"] != old_fp
    assert {h.clause_id for h in again.search("甲乙丙丁").hits} == brute(corpus, "甲乙丙丁") == {"extra-1/c1/s1"}
    assert not any(h.doc_id == "extra-1" for h in again.search("示范区", limit=BIG).hits)
    # Same answers as building from scratch over the changed corpus.
    scratch = SearchIndex(fresh_corpus(content), folder.parent / "scratch")
    scratch.rebuild()
    assert answers(again) == answers(scratch)


def test_postings_are_records_as_numbered_until_an_update_renumbers_them(built, content):
    """A generation built whole numbers its records as Whoosh numbers its documents, so postings skip the lookup;
    after an update (a document deleted in place, another appended) they go through it, with the same answers."""
    ix, folder, _ = built
    terms = {"开发": 1.0, "园区": 0.5, "示范区": 0.75, "企业": 0.25}
    assert ix._ready()._same_numbers  # noqa: SLF001 - the shortcut under test
    write_doc(content, "extra-3", "安徽省", extra_body(3), year=2021)
    (content / "extra-0.md").unlink()
    ix.corpus.reload()
    ix.add_documents(["extra-3"])
    ix.remove_documents(["extra-0"])
    ex = ix._ready()  # noqa: SLF001
    assert not ex._same_numbers  # noqa: SLF001 - a deleted document's number maps to no record now
    scratch = SearchIndex(fresh_corpus(content), folder.parent / "scratch")
    scratch.rebuild()
    assert scratch._ready()._same_numbers  # noqa: SLF001
    got = ix.similar_clauses(terms, per_doc=1_000, limit=100_000)
    assert got and not any(doc_id == "extra-0" for doc_id, _, _ in got)
    assert sorted(got) == sorted(scratch.similar_clauses(terms, per_doc=1_000, limit=100_000))


def test_a_segment_whose_documents_are_all_replaced_is_not_read(built, content):
    """An update that replaces every document of an earlier update's segment leaves that segment all deleted:
    postings and positions skip it (Whoosh would walk each of its postings to find none alive), the answers
    are those of a fresh build."""
    ix, folder, _ = built
    terms = {"开发": 1.0, "园区": 0.5, "示范区": 0.75, "企业": 0.25, "招商": 0.5}
    write_doc(content, "extra-3", "安徽省", extra_body(3), year=2021)
    ix.corpus.reload()
    ix.add_documents(["extra-3"])
    write_doc(content, "extra-3", "安徽省", extra_body(4), year=2021)
    ix.corpus.reload()
    ix.add_documents(["extra-3"])
    ex = ix._ready()  # noqa: SLF001
    dead = [leaf for leaf, _ in ex.leaves if leaf.doc_count() == 0]
    assert dead and all(leaf.doc_count_all() for leaf in dead)  # a segment of deleted documents only
    assert len(ex._live) == len(ex.leaves) - len(dead)  # noqa: SLF001 - the skip under test
    scratch = SearchIndex(fresh_corpus(content), folder.parent / "scratch")
    scratch.rebuild()
    got = ix.similar_clauses(terms, per_doc=1_000, limit=100_000)
    assert any(doc_id == "extra-3" for doc_id, _, _ in got)
    assert sorted(got) == sorted(scratch.similar_clauses(terms, per_doc=1_000, limit=100_000))
    assert answers(ix, [*QUERIES, "第4号示范区", "第3号示范区"]) == answers(scratch, [*QUERIES, "第4号示范区", "第3号示范区"])


def test_a_comparison_query_keeps_no_postings(built):
    """``similar`` reads each bigram's postings once and lets them go (a comparison's bigrams are its own: kept,
    they were ~14 MB of a comparison at 3,440 documents); a search keeps its terms' for the next query."""
    ix, _, _ = built
    terms = {"开发": 1.0, "园区": 0.5, "企业": 0.25}
    ex = ix._ready()  # noqa: SLF001
    ex._cache.clear()  # noqa: SLF001 - the cache under test (the fixture's searches filled it)
    got = ix.similar_clauses(terms, per_doc=1_000, limit=100_000)
    assert got and not ex._cache  # noqa: SLF001
    ix.search("园区")
    assert ("t", "园区") in ex._cache  # noqa: SLF001
    assert ix.similar_clauses(terms, per_doc=1_000, limit=100_000) == got  # the same, whether kept or read


def test_incremental_add_and_remove_match_a_full_rebuild(built, content):
    ix, folder, _ = built
    gen = live(folder)
    for n in (3, 4):
        write_doc(content, f"extra-{n}", "安徽省", extra_body(n), year=2021)
    (content / "extra-0.md").unlink()
    ix.corpus.reload()
    ix.add_documents(["extra-3", "extra-4"])
    ix.remove_documents(["extra-0", "never-indexed"])
    assert live(folder) == gen, "small changes are applied in place, not by a rebuild"
    assert ix.status()["documents"] == 9
    scratch = SearchIndex(fresh_corpus(content), folder.parent / "scratch")
    scratch.rebuild()
    got, expect = answers(ix), answers(scratch)
    assert got == expect
    assert got["示范区"] and any(cid.startswith("extra-4/") for cid in got["示范区"])
    assert not any(cid.startswith("extra-0/") for q in got.values() for cid in q)
    assert ix.search("开发区", limit=5).facets == scratch.search("开发区", limit=5).facets
    # And ensure() on a new instance finds the updated index current: no rebuild.
    again = reopened(content, folder)
    assert live(folder) == gen
    assert answers(again) == expect


def test_an_update_copies_the_kept_records_as_a_rebuild_writes_them(built, content):
    """The update copies the side table's kept records as bytes (``Side.kept_parts``), in runs around the
    removed documents: every record reads back as a rebuild writes it, and no unused heading path stays."""
    ix, folder, _ = built
    write_doc(content, "extra-6", "安徽省", "一、總體要求\n\n（一）改寫。開發區條款已改寫。\n")
    (content / "extra-2.md").unlink()
    ix.corpus.reload()
    ix.add_documents(["extra-6", "extra-1"])  # extra-1 re-added: removed from the middle, appended at the end
    ix.remove_documents(["extra-2"])
    scratch = SearchIndex(fresh_corpus(content), folder.parent / "scratch")
    scratch.rebuild()

    def records(index):
        index.ensure()
        side = index._exec.side  # noqa: SLF001
        return {side.cid(r): (side.shown(r), int(side.lengths[r]), side.meta["docs"][int(side.doc_of[r])],
                              int(side.signpost[r])) for r in range(side.n)}, side
    got, side = records(ix)
    expect, _ = records(scratch)
    assert got == expect
    assert {cid for cid, rec in got.items() if rec[3]} >= {"extra-6/c1", "extra-1/c1", "extra-1/c2"}  # 一、 二、
    assert len(np.unique(side._path_of)) == len(side._paths) - 1  # noqa: SLF001


def test_worker_build_without_reopening_gives_the_same_index(built, content, tmp_path):
    """ensure(keep_open=False), as the import worker runs it: the index on disk is complete and current,
    and its side table (written from the rows in document-number order) equals one read back from Whoosh."""
    _ix, _folder, expect = built
    folder = tmp_path / "worker-index"
    worker = SearchIndex(fresh_corpus(content), folder)
    worker.ensure(keep_open=False)
    assert worker._exec is None  # noqa: SLF001 - built, not opened
    gen = live(folder)
    app = reopened(content, folder)
    assert live(folder) == gen, "the app finds the worker's index current: no rebuild"
    assert answers(app) == expect
    # The records copied as stored (the update path's ``kept_parts``) and written again give the same files.
    from whoosh import index as whoosh_index

    ix = whoosh_index.open_dir(str(gen))
    n = ix.latest_generation()
    side = search_store.load_side(gen, n)
    before = {p: (gen / p.name).read_bytes() for p in side.files.values()}
    arrays, parts = side.kept_parts(np.arange(side.n))
    arrays["doc_of"] = side.doc_of
    search_store._write_side_parts(gen, n, arrays, {k: [bytes(v) for v in vs] for k, vs in parts.items()},  # noqa: SLF001
                                   side.docrec, side.meta["docs"], side.meta["doc_hashes"], side.meta["built_at"])
    for view in (v for vs in parts.values() for v in vs):
        view.release()
    side.close()
    assert {p: (gen / p.name).read_bytes() for p in before} == before
    app.close()


def test_hits_show_the_corpus_text_heading_and_path_after_updates(built, content):
    ix, folder, _ = built
    write_doc(content, "extra-5", "安徽省", extra_body(5))
    write_doc(content, "extra-1", "安徽省", "一、總體要求\n\n（一）改寫。開發區條款已改寫。\n")
    ix.corpus.reload()
    ix.add_documents(["extra-5", "extra-1"])
    corpus = fresh_corpus(content)
    hits = ix.search("year:2020", limit=BIG).hits + ix.search("开发区", limit=BIG).hits
    assert {h.doc_id for h in hits} >= {"extra-1", "extra-5", "jilin-2021-kaifaqu"}
    for hit in hits:
        clause = corpus.clause(hit.clause_id)
        assert (hit.text, hit.heading, hit.path) == (clause.text, clause.heading or "", corpus.path(clause))
        assert hit.region == corpus.document(hit.doc_id).region


def test_reindexing_a_document_replaces_its_clauses(built, content):
    ix, folder, _ = built
    write_doc(content, "extra-2", "安徽省", "一、总体要求\n\n（一）替换。只剩这一条款。\n")
    ix.corpus.reload()
    ix.add_documents(["extra-2"])
    assert {h.clause_id for h in ix.search("替换", limit=BIG).hits} == {"extra-2/c1/s1"}
    assert ix.search("doc:extra-2", limit=BIG).total == len(ix.corpus.clauses("extra-2"))


def test_too_many_segments_rebuilds_and_stays_correct(built, content, monkeypatch):
    ix, folder, _ = built
    monkeypatch.setattr(search_store, "MAX_SEGMENTS", 3)
    gens = {live(folder)}
    for n in range(3, 9):
        write_doc(content, f"extra-{n}", "安徽省", extra_body(n), year=2000 + n)
        ix.corpus.reload()
        ix.add_documents([f"extra-{n}"])
        gens.add(live(folder))
    assert len(gens) > 1, "past MAX_SEGMENTS an update must rebuild"
    scratch = SearchIndex(fresh_corpus(content), folder.parent / "scratch")
    scratch.rebuild()
    assert answers(ix) == answers(scratch)
    assert ix.search("year:2008", limit=BIG).total == len(ix.corpus.clauses("extra-8"))
    assert len([p for p in folder.iterdir() if p.name.startswith("gen-")]) == 1, "old generations are pruned"


def test_add_documents_rejects_unknown_ids(built):
    from index.base.errors import UnknownIdError

    ix, _, expect = built
    with pytest.raises(UnknownIdError):
        ix.add_documents(["no-such-doc"])
    assert answers(ix) == expect


# -- cancel, other instances ---------------------------------------------------------

def test_cancelled_build_keeps_the_old_index(built, content):
    ix, folder, expect = built
    gen = live(folder)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 3

    with pytest.raises(BuildCancelled):
        ix.rebuild(cancel=cancel)
    assert live(folder) == gen
    assert [p.name for p in folder.iterdir() if p.name.startswith("gen-")] == [gen.name], "no half-built leftovers"
    assert answers(ix) == expect
    again = reopened(content, folder)
    assert live(folder) == gen and answers(again) == expect


def test_cancelled_first_build_leaves_nothing_to_open(content, tmp_path):
    ix = SearchIndex(fresh_corpus(content), tmp_path / "index")
    with pytest.raises(BuildCancelled):
        ix.ensure(cancel=lambda: True)
    assert search_store.live_generation(tmp_path / "index") is None
    assert ix.status()["fingerprint"] is None
    assert ix.search("开发区").total > 0  # the next use builds it


def test_progress_reports_every_document(content, tmp_path):
    seen = []
    SearchIndex(fresh_corpus(content), tmp_path / "index").rebuild(progress=lambda d, t: seen.append((d, t)))
    assert seen == [(i, 8) for i in range(1, 9)]


def test_second_instance_sees_the_first_ones_update(built, content):
    ix, folder, _ = built
    other = SearchIndex(fresh_corpus(content), folder)
    assert other.search("甲乙丙丁").total == 0
    write_doc(content, "extra-9", "安徽省", "一、总体要求\n\n（一）新条款。推进甲乙丙丁专项行动。\n")
    ix.corpus.reload()
    ix.add_documents(["extra-9"])
    other.corpus.reload()
    assert {h.clause_id for h in other.search("甲乙丙丁").hits} == {"extra-9/c1/s1"}
    (content / "extra-9.md").unlink()
    ix.corpus.reload()
    ix.remove_documents(["extra-9"])
    assert other.search("甲乙丙丁").total == 0
    ix.rebuild()
    assert other.search("甲乙丙丁").total == 0
    assert answers(other) == answers(ix)
    other.close()


# -- another process reading while this one writes -----------------------------------

READER = textwrap.dedent("""
    import json, sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[1])
    from index.library.corpus import Corpus
    from index.search.searcher import SearchIndex

    content, folder, stop = Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])
    expect = json.loads(sys.argv[5])
    ix = SearchIndex(Corpus(content, imported_dir=None), folder)
    n = bad = 0
    while not stop.exists():
        for query, want in expect.items():
            got = sorted(h.clause_id for h in ix.search(query, limit=100000).hits)
            if got != want:
                bad += 1
                print("MISMATCH", query, len(got), len(want), flush=True)
        n += 1
    print("DONE", n, bad, flush=True)
""")


def test_an_open_side_table_still_reads_after_an_update_drops_its_files(built, content):
    """Seen in CI: another process searching while this one updated failed with FileNotFoundError: its side
    table mapped a part (the texts) only when a query first needed it, and the update had dropped the file."""
    ix, folder, _ = built
    gen_dir = live(folder)
    with search_store.whoosh_index.FileIndex(search_store.FileStorage(str(gen_dir)),
                                             schema=search_store.schema()).reader() as reader:
        gen = reader.generation()
    other = search_store.load_side(gen_dir, gen)
    before = (other.norm(0), other.cid(other.n - 1))
    other.close()
    side = search_store.load_side(gen_dir, gen)  # opened, no record read yet
    try:
        write_doc(content, "extra-7", "安徽省", extra_body(7))
        ix.corpus.reload()
        ix.add_documents(["extra-7"])  # a new generation; the old side files are dropped
        assert not search_store.side_path(gen_dir, gen, "txt").exists()
        assert (side.norm(0), side.cid(side.n - 1)) == before and side.shown(0)[2]
    finally:
        side.close()


@pytest.mark.slow
def test_another_process_searching_while_this_one_writes(built, content, tmp_path):
    ix, folder, _ = built
    # Queries about documents the writer never touches: their answers must never change.
    stable = {q: sorted(h.clause_id for h in ix.search(q, limit=BIG).hits)
              for q in ("开发区 doc:hebei-2017-kaifaqu", "開發區 region:吉林", "土地 year:2017")}
    assert all(stable.values())
    stop = tmp_path / "stop"
    child = subprocess.Popen([sys.executable, "-c", READER, str(ROOT), str(content), str(folder), str(stop),
                              json.dumps(stable, ensure_ascii=False)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                             env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    try:
        for round_ in range(6):
            write_doc(content, "extra-7", "安徽省", extra_body(70 + round_))
            ix.corpus.reload()
            ix.add_documents(["extra-7"])
            ix.remove_documents(["extra-7"])
            (content / "extra-7.md").unlink()
            ix.corpus.reload()
            if round_ % 2:
                ix.rebuild()
            for q, want in stable.items():
                assert sorted(h.clause_id for h in ix.search(q, limit=BIG).hits) == want
    finally:
        stop.touch()
        out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    assert "MISMATCH" not in out, out
    done = out.split()
    assert done[-3] == "DONE" and int(done[-2]) > 0 and done[-1] == "0", out


# -- the files are Whoosh's own format ---------------------------------------------------

def test_whooshs_own_reader_reads_the_bulk_postings(built):
    """Postings written by ``search_bulk`` read back through Whoosh's public API unchanged."""
    from whoosh import query as wq

    from index.base.text import normalise
    from index.search.analysis import term_counts

    ix, folder, _ = built
    ix.close()
    w_ix, reader, side = search_store.open_generation(live(folder))
    try:
        cid_of = {docnum: side.cid(int(side.docrec[docnum])) for docnum in range(len(side.docrec))}
        texts = {c.id: normalise(c.text) for c in ix.corpus.all_clauses()}
        for term in ("开发", "区", "土地", "开发区"[1:], "rcep", "招商"):
            expect = {cid: term_counts(norm)[term] for cid, norm in texts.items() if term_counts(norm)[term]}
            with w_ix.searcher() as s:
                got = {cid_of[d] for d in s.docs_for_query(wq.Term("t", term))}
            assert got == set(expect), term
            matcher, weights = reader.postings("t", term), {}
            while matcher.is_active():
                weights[cid_of[matcher.id()]] = matcher.weight()
                matcher.next()
            assert weights == {c: float(n) for c, n in expect.items()}, term
        assert sorted(reader.lexicon("t")) == list(reader.lexicon("t")), "terms are in byte order"
        assert side.n == reader.doc_count()
    finally:
        reader.close()


def test_long_posting_lists_span_several_blocks_and_chunks(content, tmp_path, monkeypatch):
    from index.search import bulk as search_bulk
    from index.search import postings

    # Blocks of 7 postings, postings computed 5,000 characters at a time and merged per term.
    monkeypatch.setattr(postings, "BLOCK", 7)
    monkeypatch.setattr(search_bulk, "CHUNK_CHARS", 5_000)
    chunks = []
    real = search_bulk.gram_postings
    monkeypatch.setattr(search_bulk, "gram_postings", lambda texts: chunks.append(len(texts)) or real(texts))
    small = SearchIndex(fresh_corpus(content), tmp_path / "small-blocks")
    small.rebuild()
    assert len(chunks) > 5  # both fields a chunk at a time, computed as the clauses came
    assert sum(chunks) == 2 * len(list(fresh_corpus(content).all_clauses()))
    monkeypatch.setattr(postings, "BLOCK", 4096)
    monkeypatch.setattr(search_bulk, "CHUNK_CHARS", 4_000_000)
    big = SearchIndex(fresh_corpus(content), tmp_path / "big-blocks")
    big.rebuild()
    assert answers(small) == answers(big)
    corpus = fresh_corpus(content)
    assert {h.clause_id for h in small.search("开发", limit=BIG).hits} == brute(corpus, "开发")
    from index.search import executor as search_exec

    monkeypatch.setattr(search_exec, "TEXT_CHECK_MAX", 0)  # prove 3+ characters by positions
    for ix in (small, big):
        ix._ready()._cache.clear()
    assert answers(small) == answers(big)
    for q in ("高质量发展", "开发区", "國家級開發區"):
        assert {h.clause_id for h in small.search(q, limit=BIG).hits} == brute(corpus, q)


def test_wide_counts_and_far_positions_are_written_in_wider_blocks(content, tmp_path, monkeypatch):
    """A term counted 300 times in a clause (weights wider than 8 bits) and bigrams past offset 65,535
    (positions wider than 16 bits) read back exactly: weights through Whoosh's own matcher, positions by a
    search that must prove a longer string by them."""
    from index.search import executor as search_exec

    far = "甲" * 300 + "乙丙" * 20 + "。" + "丁" * 70_000 + "戊己庚辛。"
    write_doc(content, "extra-far", "安徽省", f"一、总体要求\n\n（一）{far}\n")
    ix = SearchIndex(fresh_corpus(content), tmp_path / "wide")
    ix.rebuild()
    monkeypatch.setattr(search_exec, "TEXT_CHECK_MAX", 0)  # prove 3+ characters by positions
    corpus = fresh_corpus(content)
    for q in ("戊己庚", "丁戊己庚辛", "乙丙乙", "甲甲甲"):
        assert {h.clause_id for h in ix.search(q, limit=BIG).hits} == brute(corpus, q) == {"extra-far/c1/s1"}, q
    ix.close()
    _w_ix, reader, _side = search_store.open_generation(live(tmp_path / "wide"))
    try:
        weights = {}
        for term, want in (("甲", 300), ("丁丁", 69_999), ("乙丙", 20)):
            matcher = reader.postings("t", term)
            while matcher.is_active():
                weights[term] = max(weights.get(term, 0), matcher.weight())
                matcher.next()
            assert weights[term] == want, term
    finally:
        reader.close()


def test_a_front_matter_edit_reaches_the_filters_without_reindexing(built, content):
    """Correcting a document's region or year (its front matter only) updates the filters at the next open."""
    ix, folder, _ = built
    assert ix.search("安徽 region:江西").total == 0
    before = sorted(p.name for p in live(folder).iterdir() if p.suffix in (".seg", ".toc"))
    ix.close()
    path = content / "extra-1.md"
    text = path.read_text(encoding="utf-8")
    assert "region: 安徽省" in text and "year: 2020" in text
    path.write_text(text.replace("region: 安徽省", "region: 江西省").replace("year: 2020", "year: 2031"),
                    encoding="utf-8")
    again = reopened(content, folder)
    assert {h.doc_id for h in again.search("region:江西", limit=50).hits} == {"extra-1"}
    assert {h.doc_id for h in again.search("year:2031", limit=50).hits} == {"extra-1"}
    assert "extra-1" not in again.search("region:安徽", limit=BIG).facets["doc"]
    # Only the side table's document records changed: the Whoosh files are the same ones.
    assert sorted(p.name for p in live(folder).iterdir() if p.suffix in (".seg", ".toc")) == before
    again.close()


def test_long_strings_read_from_their_rarest_bigrams_give_the_same_answers(built, monkeypatch):
    """A long string's few candidates from its rarest bigrams, checked by text and scored from it, equal
    intersecting every bigram's postings: the same clauses and the same scores."""
    from index.search import executor

    ix, _, _ = built
    queries = ["开发区管理委员会", "加大招商引资力度", "“推进开发区整合优化”", "開發區高質量發展", "高质量发展",
               "土地集约利用", "园区建设 管理体制", "不存在的一串字符"]
    quick = {q: {h.clause_id: h.score for h in ix.search(q, limit=BIG).hits} for q in queries}
    assert any(len(v) > 2 for v in quick.values())
    monkeypatch.setattr(executor.Executor, "_few", lambda *a, **k: None)
    ix.close()
    slow = {q: {h.clause_id: h.score for h in ix.search(q, limit=BIG).hits} for q in queries}
    assert quick == slow


def test_filter_fields_are_read_again_only_when_a_document_file_changed(built, content, monkeypatch):
    """Opening reads every document's card for the filters only if a file changed since they were last found
    current (``info.key``); an edit is still seen (as in the test above)."""
    from index.search import searcher

    ix, folder, _ = built
    ix.close()
    reopened(content, folder).close()  # writes the key if the first open did not
    read = []
    monkeypatch.setattr(searcher, "doc_info", lambda d: read.append(d.id) or doc_info(d))
    reopened(content, folder).close()
    assert read == []
    path = content / "extra-1.md"
    path.write_text(path.read_text(encoding="utf-8").replace("region: 安徽省", "region: 江西省"), encoding="utf-8")
    again = reopened(content, folder)
    assert "extra-1" in read
    assert {h.doc_id for h in again.search("region:江西", limit=50).hits} == {"extra-1"}
    again.close()
    (live(folder) / searcher.INFO_KEY).write_text("garbage", encoding="utf-8")
    read.clear()
    reopened(content, folder).close()
    assert "extra-1" in read  # a key that does not match is no reason to trust the records


def test_a_streamed_build_answers_as_a_build_over_the_library(content, tmp_path):
    """Documents streamed in another order (``stream``), then checked against the library: the same answers,
    hit order included, as a full build; a library that is not what was streamed swaps nothing in."""
    corpus = fresh_corpus(content)
    docs = corpus.documents()
    folder = tmp_path / "streamed"
    gen = search_store.build_generation(folder, fresh_corpus(content), stream=reversed(docs), final=lambda: docs)
    streamed = SearchIndex(fresh_corpus(content), folder)
    full = SearchIndex(fresh_corpus(content), tmp_path / "full")
    full.rebuild()
    assert answers(streamed) == answers(full)
    for q in QUERIES:
        assert [h.clause_id for h in streamed.search(q, limit=BIG).hits] == \
            [h.clause_id for h in full.search(q, limit=BIG).hits], q
    assert streamed.status()["fingerprint"] == full.status()["fingerprint"]
    streamed.close()

    with pytest.raises(search_store.StaleBuild):
        search_store.build_generation(folder, fresh_corpus(content), stream=iter(docs[1:]), final=lambda: docs)
    assert search_store.live_generation(folder) == gen and sorted(p.name for p in folder.iterdir()) == \
        sorted([gen.name, search_store.CURRENT])
