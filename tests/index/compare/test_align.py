"""Clause alignment: counterparts, thresholds, pins, topic columns, and the labelled set."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from index.base.errors import UnknownIdError
from index.compare import align, comparisons
from index.compare.topics import UnknownTopicError
from index.library.corpus import Corpus

ROOT = Path(__file__).resolve().parents[3]
SRC = "jilin-2021-kaifaqu/c1/s1"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(ROOT / "content" / "docs", imported_dir=None)


def _bench(name: str):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_counterparts_shape_and_order(corpus):
    result = align.counterparts(corpus, SRC, pins={})
    assert result["source"]["id"] == SRC and result["source"]["citation"]
    docs = [col["doc_id"] for col in result["columns"]]
    assert "jilin-2021-kaifaqu" not in docs and len(docs) == 4
    for col in result["columns"]:
        assert {"doc_id", "region", "matches"} <= set(col)
        scores = [m["score"] for m in col["matches"]]
        assert scores == sorted(scores, reverse=True)
        assert len(scores) <= 3
        for m in col["matches"]:
            assert {"clause_id", "score", "text", "shared", "numbers", "pinned"} <= set(m)
            assert m["clause_id"].startswith(col["doc_id"] + "/")
            assert all(0 <= s < e <= len(m["text"]) for s, e in m["shared"])


def test_counterparts_finds_the_same_measure_across_scripts(corpus):
    result = align.counterparts(corpus, SRC, pins={})
    best = {col["doc_id"]: col["matches"][0]["clause_id"] for col in result["columns"] if col["matches"]}
    assert best["hebei-2017-kaifaqu"] == "hebei-2017-kaifaqu/h2/p4"  # 放权, 点菜
    assert best["henan-2017-kaifaqu"] == "henan-2017-kaifaqu/c9/s2"
    assert best["zhejiang-2022-kaifaqu"] == "zhejiang-2022-kaifaqu/c4/s5"
    zhejiang = next(c for c in result["columns"] if c["doc_id"] == "zhejiang-2022-kaifaqu")["matches"][0]
    assert "标准地+承诺制" in [zhejiang["text"][s:e] for s, e in zhejiang["shared"]]


def test_doc_selection_limit_and_unknown_ids(corpus):
    result = align.counterparts(corpus, SRC, doc_ids=["henan-2017-kaifaqu", "hebei-2017-kaifaqu"], limit=1, pins={})
    assert [c["doc_id"] for c in result["columns"]] == ["henan-2017-kaifaqu", "hebei-2017-kaifaqu"]
    assert all(len(c["matches"]) <= 1 for c in result["columns"])
    with pytest.raises(UnknownIdError):
        align.counterparts(corpus, "jilin-2021-kaifaqu/c99", pins={})
    with pytest.raises(UnknownIdError):
        align.counterparts(corpus, SRC, doc_ids=["nowhere"], pins={})


def test_no_counterpart_below_threshold(corpus):
    ranked = align.rank(corpus, corpus.clause(SRC), "hebei-2017-kaifaqu")
    assert align.select(ranked, 3) != []
    strict = align.Weights(threshold=1.01)
    assert align.select(ranked, 3, strict) == []
    result = align.counterparts(corpus, SRC, pins={}, weights=strict)
    assert all(col["matches"] == [] for col in result["columns"])


def test_pins_override_automatic_results(corpus):
    pins = {"hebei-2017-kaifaqu": {"decision": "pin", "clause_id": "hebei-2017-kaifaqu/h2/p6"},
            "henan-2017-kaifaqu": {"decision": "none", "clause_id": None}}
    result = align.counterparts(corpus, SRC, pins=pins)
    cols = {c["doc_id"]: c for c in result["columns"]}
    first = cols["hebei-2017-kaifaqu"]["matches"][0]
    assert first["clause_id"] == "hebei-2017-kaifaqu/h2/p6" and first["pinned"] is True
    assert [m["clause_id"] for m in cols["hebei-2017-kaifaqu"]["matches"]].count("hebei-2017-kaifaqu/h2/p6") == 1
    assert cols["henan-2017-kaifaqu"]["matches"] == [] and cols["henan-2017-kaifaqu"]["decision"] == "none"
    assert cols["zhejiang-2022-kaifaqu"]["decision"] == "auto"


def test_the_workspace_applies_the_users_pins(zoneref_home):
    from index.workspace import Workspace

    ws = Workspace()
    assert ws.compare(SRC)["columns"][0]["decision"] == "auto"  # no database yet
    assert not ws.has_db()  # comparing never creates one
    comparisons.set_none(ws.db(), SRC, "hebei-2017-kaifaqu")
    assert align.counterparts(ws.corpus, SRC)["columns"][0]["decision"] == "auto"  # the engine: only what it is given
    cols = {c["doc_id"]: c for c in ws.compare(SRC)["columns"]}
    assert cols["hebei-2017-kaifaqu"]["matches"] == []
    assert cols["henan-2017-kaifaqu"]["matches"] != []


def test_bare_chapter_heading_compares_as_its_chapter(corpus):
    result = align.counterparts(corpus, "jilin-2021-kaifaqu/c6", doc_ids=["henan-2017-kaifaqu"], pins={})
    assert result["columns"][0]["matches"]


def test_topic_columns(corpus):
    result = align.topic_columns(corpus, "招商引資")
    assert result["topic"]["id"] == "zhaoshang"
    cols = {c["doc_id"]: c for c in result["columns"]}
    assert len(cols) == 5
    assert "jilin-2021-kaifaqu/c3/s12" in [m["clause_id"] for m in cols["jilin-2021-kaifaqu"]["matches"]]
    with pytest.raises(UnknownTopicError):
        align.topic_columns(corpus, "no such topic")


def test_method_beats_bigram_tfidf_baseline_on_labelled_set(corpus):
    bench = _bench("bench_align")
    baseline = _bench("baseline_tfidf").BigramTfidf(corpus)
    labels = bench.load_labels()
    rank_fn, _ = bench.method(corpus)
    for protocol in ("clause", "subject"):
        ours = bench.evaluate(corpus, rank_fn, labels, None, protocol=protocol)
        base = bench.evaluate(corpus, baseline.rank, labels, None, protocol=protocol)
        assert ours["queries"] == base["queries"] > 100
        assert ours["p@1"] > base["p@1"] + 0.05, protocol
        assert ours["r@3"] >= base["r@3"], protocol


def test_labelled_set_is_well_formed(corpus):
    labels = _bench("bench_align").load_labels()
    assert len(labels["subjects"]) >= 15
    assert {s["split"] for s in labels["subjects"]} == {"tune", "heldout"}
    for subject in labels["subjects"]:
        assert set(subject["labels"]) == set(labels["docs"])
        for doc_id, ids in subject["labels"].items():
            for cid in ids:
                assert corpus.clause(cid).doc_id == doc_id


def test_warm_prepares_every_candidate(corpus):
    n = align.warm(corpus, ["hebei-2017-kaifaqu"])
    clauses = corpus.clauses("hebei-2017-kaifaqu")
    parents = {c.parent for c in clauses if c.parent}
    assert n == sum(align.is_candidate(c, c.id in parents) for c in clauses) > 20


def _doc(folder: Path, doc_id: str, region: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc_id}.md").write_text(
        f"---\nid: {doc_id}\ntitle: {region}测试文件\nregion: {region}\nyear: 2020\n---\n\n{body}\n", encoding="utf-8")


def test_counterparts_in_a_small_library_with_unseen_words(tmp_path):
    content = tmp_path / "docs"
    _doc(content, "a-2020", "甲省", "一、土地\n\n（一）推行標準地改革。新增工業用地全部按標準地出讓，畝均稅收不低於30萬元。\n\n"
         "（二）建設零碳示範園。")
    _doc(content, "b-2021", "乙省", "一、用地保障\n\n（一）深化标准地改革。新增工业用地按标准地出让，亩均税收不低于50万元。\n\n"
         "（二）加强人才保障。引进高层次人才。")
    _doc(content, "c-2022", "丙省", "一、其他\n\n（一）落款说明。本文件自印发之日起施行。")
    corpus = Corpus(content, imported_dir=None)
    result = align.counterparts(corpus, "a-2020/c1/s1", pins={})
    cols = {c["doc_id"]: c for c in result["columns"]}
    best = cols["b-2021"]["matches"][0]
    assert best["clause_id"] == "b-2021/c1/s1"
    assert [n["value"] for n in best["numbers"]] == [500000.0]
    assert "标准地改革" in [best["text"][s:e] for s, e in best["shared"]]
    assert cols["c-2022"]["matches"] == []  # nothing on land: no counterpart
