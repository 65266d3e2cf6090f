"""Clause alignment: counterparts, calibrated scores, evidence, pins, topic columns, the labelled set."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import sys
import types
from pathlib import Path

import pytest

from index.base.errors import UnknownIdError
from index.compare import align, comparisons, records, scoring
from index.compare.topics import UnknownTopicError, find_topic
from index.compare.wording import bigrams, matching_text
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
        sys.modules[name] = module  # dataclasses in the module look themselves up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "bench"))


def _best(result) -> dict[str, str]:
    return {col.doc_id: col.matches[0].clause_id for col in result.columns if col.matches}


def test_counterparts_shape_order_and_json_contract(corpus):
    result = align.counterparts(corpus, SRC, pins={})
    assert isinstance(result, records.Comparison)
    data = result.to_dict()
    assert data["source"]["id"] == SRC and data["source"]["citation"]
    docs = [col["doc_id"] for col in data["columns"]]
    assert "jilin-2021-kaifaqu" not in docs and len(docs) == 4
    for col in data["columns"]:
        assert {"doc_id", "region", "title", "decision", "matches"} <= set(col)
        scores = [m["score"] for m in col["matches"]]
        assert scores == sorted(scores, reverse=True) and len(scores) <= 3
        for m in col["matches"]:
            assert {"clause_id", "score", "confidence", "band", "text", "shared", "source_shared", "numbers",
                    "pinned", "heading", "label", "evidence", "reverse", "topic_first", "topic_column"} <= set(m)
            assert 0 <= m["score"] <= 1 and abs(m["confidence"] - 100 * m["score"]) <= 0.5
            assert m["band"] in ("强", "中", "弱")
            assert set(m["evidence"]) == {"terms", "topics", "numbers", "role"}
            assert m["clause_id"].startswith(col["doc_id"] + "/")
            assert all(0 <= s < e <= len(m["text"]) for s, e in m["shared"])


def test_counterparts_finds_the_same_measure_across_scripts(corpus):
    result = align.counterparts(corpus, SRC, pins={})
    best = _best(result)
    assert best["hebei-2017-kaifaqu"] == "hebei-2017-kaifaqu/h2/p4"  # 放权, 点菜
    zhejiang = {m.clause_id: m for c in result.columns if c.doc_id == "zhejiang-2022-kaifaqu" for m in c.matches}
    match = zhejiang["zhejiang-2022-kaifaqu/c4/s5"]
    assert "标准地+承诺制" in [match.text[s:e] for s, e in match.shared]
    assert any("承诺制" in t for t in match.evidence.terms)


def test_jilins_delegation_clause_finds_zhejiangs_fangguanfu_section_first(corpus):
    # A known miss of round 2 (the other documents' say pulled it toward 四（一）推动开发区立法): compared back,
    # 四（五）深化放管服改革 finds 吉林 （一） first and wins.
    best = _best(align.counterparts(corpus, SRC, pins={}))
    assert best["zhejiang-2022-kaifaqu"] == "zhejiang-2022-kaifaqu/c4/s5"


def test_jilins_delegation_clause_finds_henans_administration_section_first(corpus):
    # A known miss until the ``frame`` signal (2026-12-03): 河南 一（二）3.深化改革,開放帶動, a principle naming
    # 行政審批制度改革, found 吉林 （一） first when compared back and won; a principle now weighs as one.
    best = _best(align.counterparts(corpus, SRC, pins={}))
    assert best["henan-2017-kaifaqu"] == "henan-2017-kaifaqu/c9/s2"


def test_doc_selection_limit_and_unknown_ids(corpus):
    result = align.counterparts(corpus, SRC, doc_ids=["henan-2017-kaifaqu", "hebei-2017-kaifaqu"], limit=1, pins={})
    assert [c.doc_id for c in result.columns] == ["henan-2017-kaifaqu", "hebei-2017-kaifaqu"]
    assert all(len(c.matches) <= 1 for c in result.columns)
    with pytest.raises(UnknownIdError):
        align.counterparts(corpus, "jilin-2021-kaifaqu/c99", pins={})
    with pytest.raises(UnknownIdError):
        align.counterparts(corpus, SRC, doc_ids=["nowhere"], pins={})


def test_no_counterpart_below_the_models_cut(corpus):
    shipped = scoring.load_model()
    strict = scoring.Model(**{**shipped.__dict__, "none_below": 1.01})
    assert align.counterparts(corpus, SRC, pins={}, model=shipped).columns[0].matches
    result = align.counterparts(corpus, SRC, pins={}, model=strict)
    assert all(col.matches == [] for col in result.columns)
    # Each silent column says why: the document does not treat the subject (presence below the cut).
    assert {col.to_dict()["no_counterpart"]["reason"] for col in result.columns} == {"subject"}
    assert all(col.no_counterpart is None for col in align.counterparts(corpus, SRC, pins={}, model=shipped).columns
               if col.matches)


def test_no_counterpart_where_the_coverage_lacks_the_sources_topic_and_the_comparison_is_weak(corpus):
    """``absent_below``: 浙江 二（四）推动区域合作 against 嘉兴. 嘉兴's column lists nothing under 区域合作 (the labels give it
    no clause on the subject), its best candidate is 弱 and shares none of the source's topics: no counterpart,
    although the presence model alone would show it. (The example was 河北 协同联动 p1 until the exemplar vote,
    2026-12-05: that unit is no longer listed under 区域合作 itself, a recall miss, so the rule has no topic to
    read.)"""
    source, doc = "zhejiang-2022-kaifaqu/c2/s4", "jiaxing-2015-kaifaqu"
    shipped = scoring.load_model()
    assert shipped.absent_below > 0
    session = _session(corpus, shipped, source)
    ranked = session.rank(doc)
    assert session.unlisted(doc) and ranked.none and ranked.presence >= shipped.none_below
    assert ranked.values["doc_topic"] < shipped.absent_below and ranked.candidates[0].probability < shipped.medium
    silent = align.counterparts(corpus, source, [doc], pins={}).columns[0]
    assert silent.matches == [] and silent.no_counterpart == {"reason": "coverage",
                                                              "topic": {"id": "quyu_hezuo", "name": "区域合作与飞地"}}
    marked = align.counterparts(corpus, source, [doc], pins={doc: {"decision": "none", "clause_id": None}}).columns[0]
    assert marked.decision == "none" and marked.no_counterpart is None  # the user said so: no reason of ours
    assert align.counterparts(corpus, source, [doc], pins={}, model=dataclasses.replace(shipped, absent_below=0.0)
                              ).columns[0].matches


def test_the_coverage_says_no_counterpart_only_where_it_lists_nothing_under_the_sources_topic(corpus):
    # Every band 弱 and every topic cosine under the cut: only the columns lacking 吉林 （一）'s topic go silent.
    shipped = scoring.load_model()
    loose = dataclasses.replace(shipped, absent_below=2.0, medium=1.01, strong=1.02)
    session = _session(corpus, loose)
    unlisted = {d: session.unlisted(d) for d in session.bridges}
    assert not unlisted["zhejiang-2022-kaifaqu"]  # 四（五）深化放管服改革 is listed
    for doc_id, lacking in unlisted.items():
        assert session.rank(doc_id).none == lacking, doc_id


def _session(corpus, model, source_id=SRC):
    ctx = align.context(corpus, None, model)
    unit = align.unit_of(corpus, corpus.clause(source_id))
    return align.Session(ctx, unit, align.bridge_docs(ctx, unit), model)


def test_candidates_compared_back_prefer_the_one_whose_best_back_is_the_source(corpus):
    shipped = scoring.load_model()
    plain = dataclasses.replace(shipped, mutual={})
    keen = dataclasses.replace(shipped, mutual={"logit": 1.0, "back": 0.0, "back_top": 50.0})
    for doc in ("hebei-2017-kaifaqu", "henan-2017-kaifaqu", "jiaxing-2015-kaifaqu", "zhejiang-2022-kaifaqu"):
        cands = _session(corpus, keen).second(doc)
        top = cands[: scoring.MUTUAL_K]
        assert all(c.back and set(c.back) == set(scoring.MUTUAL) for c in cands)
        if any(c.back["back_top"] for c in top):
            assert cands[0].back["back_top"] == 1.0, doc  # one finding the source back wins
        # The flag is a fact: the candidate's own best match back in the source's document is the source.
        for c in top:
            back = _session(corpus, keen).first_of(c.unit, "jilin-2021-kaifaqu", align.BACK_K)
            assert c.back["back_top"] == (1.0 if back[0].unit.id == SRC else 0.0)
        # Without a mutual part nothing is compared back and the second-pass order stands.
        same = _session(corpus, plain).second(doc)
        assert [c.joint for c in same] == [c.logit for c in same]
        assert all(c.back["back_top"] == 0.0 for c in same)
        assert [c.logit for c in same] == sorted((c.logit for c in same), reverse=True)


def test_a_model_without_a_mutual_part_still_loads():
    data = scoring.load_model().to_dict()
    assert set(data["mutual"]) == set(scoring.MUTUAL) and data["mutual"]["back_top"] > 0  # the shipped model's
    data.pop("mutual")
    assert scoring.model_from_dict(data).mutual == {}
    assert scoring.model_from_dict(data).joint_logit({"logit": 1.5, "back": -2.0, "back_top": 1.0}) == 1.5


def test_bands_follow_the_models_cuts(corpus):
    model = scoring.load_model()
    assert model.band(model.strong) == "强" and model.band(model.medium) == "中"
    assert model.band(max(model.medium - 0.01, 0.0)) == "弱" or model.medium == 0.0
    assert 0.0 <= model.medium <= model.strong <= 1.0


def test_pins_override_automatic_results(corpus):
    pins = {"hebei-2017-kaifaqu": {"decision": "pin", "clause_id": "hebei-2017-kaifaqu/h2/p6"},
            "henan-2017-kaifaqu": {"decision": "none", "clause_id": None}}
    result = align.counterparts(corpus, SRC, pins=pins)
    cols = {c.doc_id: c for c in result.columns}
    first = cols["hebei-2017-kaifaqu"].matches[0]
    assert first.clause_id == "hebei-2017-kaifaqu/h2/p6" and first.pinned is True
    assert [m.clause_id for m in cols["hebei-2017-kaifaqu"].matches].count("hebei-2017-kaifaqu/h2/p6") == 1
    assert cols["henan-2017-kaifaqu"].matches == [] and cols["henan-2017-kaifaqu"].decision == "none"
    assert cols["zhejiang-2022-kaifaqu"].decision == "auto"


def test_the_workspace_applies_the_users_pins(zoneref_home):
    from index.workspace import Workspace

    ws = Workspace()
    assert ws.compare(SRC).columns[0].decision == "auto"  # no database yet
    assert not ws.has_db()  # comparing never creates one
    comparisons.set_none(ws.db(), SRC, "hebei-2017-kaifaqu")
    assert align.counterparts(ws.corpus, SRC).columns[0].decision == "auto"  # the engine: only what it is given
    cols = {c.doc_id: c for c in ws.compare(SRC).columns}
    assert cols["hebei-2017-kaifaqu"].matches == []
    assert cols["henan-2017-kaifaqu"].matches != []


def test_bare_chapter_heading_compares_as_its_chapter(corpus):
    result = align.counterparts(corpus, "jilin-2021-kaifaqu/c6", doc_ids=["henan-2017-kaifaqu"], pins={})
    assert result.columns[0].matches


def test_a_chapter_source_carries_the_text_it_was_compared_as(corpus):
    """A bare chapter heading compares as its chapter: the source record carries that text (the spans of the
    shared wording point into it), and a report shows it as the source, not the heading alone."""
    from index.reports.builders import comparison_table

    chapter = corpus.clause("jilin-2021-kaifaqu/c6")
    first_section = corpus.clause(f"{chapter.id}/s20")
    result = align.counterparts(corpus, chapter.id, doc_ids=["henan-2017-kaifaqu", "zhejiang-2022-kaifaqu"], pins={})
    source = result.to_dict()["source"]
    compared = source["compared_text"]
    assert compared.startswith(chapter.text) and first_section.text in compared and len(compared) > len(chapter.text)
    spans = [span for col in result.columns for m in col.matches for span in m.source_shared]
    assert spans and all(0 <= a < b <= len(compared) for a, b in spans)
    assert any(b > len(chapter.text) for _, b in spans)  # shared wording lies in the sections, past the heading
    table = comparison_table(corpus, result.to_dict())
    entry = next(e for row in table.rows for cell in row.cells for e in cell if e.role == "source")
    assert first_section.text[:20] in entry.text


def test_topic_columns_use_the_same_score_scale(corpus):
    result = align.topic_columns(corpus, "招商引資")
    assert result.topic["id"] == "zhaoshang"
    cols = {c.doc_id: c for c in result.columns}
    assert len(cols) == 5
    jilin = cols["jilin-2021-kaifaqu"].matches
    assert jilin[0].clause_id == "jilin-2021-kaifaqu/c3/s12"
    for col in result.columns:
        for m in col.matches:
            assert 0 <= m.score <= 1 and abs(m.confidence - 100 * m.score) <= 0.5 and m.band in ("强", "中", "弱")
            assert m.evidence.topics == ["招商引资"] and m.evidence.terms
    with pytest.raises(UnknownTopicError):
        align.topic_columns(corpus, "no such topic")


@pytest.mark.parametrize("topic", ["zhaoshang", "zimaoqu", "shuzihua"])
def test_topic_columns_read_the_stored_tags_as_tagging_afresh_would(corpus, monkeypatch, topic):
    """The tags kept at import name each document's units on the topic: those alone are scored again, a document
    without the topic is not parsed, and the columns are those tagging every unit afresh gives."""
    afresh = align.topic_columns(corpus, topic, model=scoring.load_model())  # a model given: every unit tagged
    parsed = []
    real = align.units
    monkeypatch.setattr(align, "units", lambda c, doc_id: parsed.append(doc_id) or real(c, doc_id))
    stored = align.topic_columns(corpus, topic)
    assert stored.to_dict() == afresh.to_dict()
    assert sorted(parsed) == sorted(c.doc_id for c in stored.columns if c.matches)


def test_the_second_pass_knows_which_candidates_the_coverage_matrix_lists_under_the_sources_topic(corpus):
    """``in_topic``: a candidate is listed in its document's column of the coverage matrix under the source's main
    topic. The shipped model reads the tags kept at import, another model tags afresh: the same units, in the same
    order (most probable first, as the topic comparison shows them)."""
    from index.compare.topics import document_topics, unit_topics
    from index.compare.units import units

    model = scoring.load_model()
    ctx = align.context(corpus)
    source = next(u for u in units(corpus, "jilin-2021-kaifaqu") if u.id == "jilin-2021-kaifaqu/c3/s12")
    main = unit_topics(source)[0]
    for doc_id in ("zhejiang-2022-kaifaqu", "hebei-2017-kaifaqu"):
        afresh = {t: tuple(u.id for _, u, _ in hits) for t, hits in document_topics(units(corpus, doc_id)).items()}
        assert ctx.listed(doc_id, model.topic) == afresh  # from the stored tags
        assert ctx.listed(doc_id, dict(model.topic)) == afresh  # another model object: tagged afresh
        session = align.Session(ctx, source, [], model)
        cands = session.logits(doc_id)
        assert {c.unit.id for c in cands if c.second["in_topic"] == 1.0} == set(afresh[main]) & {c.unit.id for c in cands}
        assert any(c.second["in_topic"] == 1.0 for c in cands)


def test_warm_prepares_every_unit(corpus):
    from index.compare.units import units

    assert align.warm(corpus, ["hebei-2017-kaifaqu"]) == len(units(corpus, "hebei-2017-kaifaqu")) > 20


def _doc(folder: Path, doc_id: str, region: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc_id}.md").write_text(
        f"---\nid: {doc_id}\ntitle: {region}测试文件\nregion: {region}\nyear: 2020\n---\n\n{body}\n", encoding="utf-8")


def _best_of_two(tmp_path: Path, first: tuple[str, str], second: tuple[str, str], source: str):
    """The best counterpart of ``source`` in a library of two documents, (id, body) each: 甲省's and 乙省's."""
    content = tmp_path / "docs"
    for (doc_id, body), region in ((first, "甲省"), (second, "乙省")):
        _doc(content, doc_id, region, body)
    return align.counterparts(Corpus(content, imported_dir=None), source, pins={}).columns[0].matches[0]


def test_counterparts_in_a_small_library_with_unseen_words(tmp_path):
    best = _best_of_two(tmp_path, ("a-2020", "一、土地\n\n（一）推行標準地改革。新增工業用地全部按標準地出讓，畝均稅收不低於30萬元。\n\n"
                        "（二）建設零碳示範園。"),
                        ("b-2021", "一、用地保障\n\n（一）深化标准地改革。新增工业用地按标准地出让，亩均税收不低于50万元。\n\n"
                        "（二）加强人才保障。引进高层次人才。"), "a-2020/c1/s1")
    assert best.clause_id == "b-2021/c1/s1"
    assert [n["value"] for n in best.numbers] == [500000.0]
    assert "标准地改革" in [best.text[s:e] for s, e in best.shared]


def test_a_regulation_article_is_one_unit_with_its_paragraphs(tmp_path):
    best = _best_of_two(tmp_path, ("reg-a", "第一章　总则\n\n第一条　为了促进开发区发展，制定本条例。\n\n"
                        "第二条　开发区应当节约集约用地。\n\n开发区应当推行标准地出让，盘活存量土地和低效用地。\n"),
                        ("reg-b", "第一章　总则\n\n第一条　为了规范开发区管理，制定本条例。\n\n"
                        "第二条　开发区应当盘活存量土地，推行标准地出让，提高亩均效益。\n"), "reg-b/ch1/art2")
    assert best.clause_id == "reg-a/ch1/art2"  # the article, not its second paragraph
    assert "盘活存量土地" in best.text and best.text.startswith("第二条")


# -- issue 15, "tried as a new user would" ------------------------------------------

def test_performance_incentives_find_zhejiangs_assessment_and_pay_clause(corpus):
    # 吉林 （五）深化績效激勵機制改革 → 浙江 四（三） says 建立…以绩效为中心的考核与激励分配机制.
    result = align.counterparts(corpus, "jilin-2021-kaifaqu/c2/s5", pins={})
    cols = {c.doc_id: c for c in result.columns}
    assert cols["zhejiang-2022-kaifaqu"].matches[0].clause_id == "zhejiang-2022-kaifaqu/c4/s3"
    assert "绩效" in cols["zhejiang-2022-kaifaqu"].matches[0].evidence.terms
    assert cols["jiaxing-2015-kaifaqu"].matches[0].clause_id == "jiaxing-2015-kaifaqu/c2/s1"  # 人事、分配制度改革


YUNNAN = """一、强化招商引资

（一）健全招商工作机制。

1.建立招商引资项目库。

2.完善招商考核办法。

（二）优化营商服务。推行企业开办全程网上办理，压缩审批时限。

（三）创新招商方式。大力开展产业链招商、以商招商、精准招商，发挥专业招商队伍作用，鼓励各地依法出台招商引资奖励政策，吸引战略投资者和重大项目落户开发区。
"""


def test_the_clause_using_jilins_own_wording_wins_both_ways(tmp_path):
    # 吉林 （十二） against a 云南 document: the one-line item 1.建立招商引资项目库 used to rank above
    # （三）创新招商方式, which uses 吉林's own wording; A→B and B→A disagreed.
    imported = tmp_path / "documents"
    _doc(imported, "yunnan-2021-test", "云南省", YUNNAN)
    corpus = Corpus(ROOT / "content" / "docs", imported_dir=imported)
    there = align.counterparts(corpus, "jilin-2021-kaifaqu/c3/s12", doc_ids=["yunnan-2021-test"], pins={})
    top = there.columns[0].matches[0]
    assert top.clause_id == "yunnan-2021-test/c1/s3"
    assert any("产业链招商" in t or "以商招商" in t for t in top.evidence.terms)
    back = align.counterparts(corpus, top.clause_id, doc_ids=["jilin-2021-kaifaqu"], pins={})
    assert back.columns[0].matches[0].clause_id == "jilin-2021-kaifaqu/c3/s12"


def test_clause_and_topic_comparisons_share_one_scale(corpus):
    clause = align.counterparts(corpus, "jilin-2021-kaifaqu/c3/s12", pins={})
    topic = align.topic_columns(corpus, "zhaoshang")
    for result in (clause, topic):
        for col in result.columns:
            for m in col.matches:
                assert 0 <= m.confidence <= 100 and m.band in ("强", "中", "弱")
    # A clause tagged with the topic finds, in each document, a clause the topic comparison lists.
    listed = {c.doc_id: {m.clause_id for m in c.matches} for c in topic.columns}
    for col in clause.columns:
        if col.matches and listed[col.doc_id]:
            assert col.matches[0].clause_id in listed[col.doc_id], col.doc_id


def test_coverage_does_not_count_a_passing_mention(corpus):
    from index.compare import topics

    matrix = topics.coverage(corpus).matrix
    # 浙江 二（二）加大招商引资力度 mentions 亩均 twice: it is about investment, not land.
    assert "zhejiang-2022-kaifaqu/c2/s2" not in matrix["tudi_jiyue"]["zhejiang-2022-kaifaqu"]
    assert "zhejiang-2022-kaifaqu/c5/s2" in matrix["tudi_jiyue"]["zhejiang-2022-kaifaqu"]
    assert "zhejiang-2022-kaifaqu/c2/s2" in matrix["zhaoshang"]["zhejiang-2022-kaifaqu"]


def test_coverage_lists_zhejiangs_citation_of_free_trade_zone_reforms(corpus):
    # 浙江 四（五）深化“放管服”改革 cites 自贸试验区“证照分离”改革成果: the cell 复制自贸区经验 × 浙江 was empty.
    from index.compare import topics

    assert topics.coverage(corpus).matrix["zimaoqu"]["zhejiang-2022-kaifaqu"] == ["zhejiang-2022-kaifaqu/c4/s5"]
    column = {c.doc_id: c for c in align.topic_columns(corpus, "复制自贸区经验").columns}["zhejiang-2022-kaifaqu"]
    assert [m.clause_id for m in column.matches] == ["zhejiang-2022-kaifaqu/c4/s5"]  # the same in topic comparison


def test_a_topic_no_unit_names_by_keyword_stays_empty(tmp_path):
    # The rescue needs one of the topic's keywords: a synonym alone (复制推广) does not list a unit.
    from index.compare import topics

    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "t.md").write_text("---\nid: t\ntitle: t\nregion: 甲省\n---\n\n一、招商引资\n\n（一）创新招商方式。"
                                 "开展产业链招商、以商招商，复制推广先进地区招商经验。\n", encoding="utf-8")
    matrix = topics.coverage(Corpus(folder, imported_dir=None)).matrix
    assert matrix["zimaoqu"]["t"] == [] and matrix["zhaoshang"]["t"] == ["t/c1/s1"]


# -- the labelled set ------------------------------------------------------------------

def test_labelled_set_is_well_formed():
    bench = _bench("bench_align")
    corpus = bench.labelled_corpus()
    labels = bench.load_labels()
    names = {s["name"] for s in labels["subjects"]}
    assert len(labels["documents"]) >= 10 and len(names) >= 30
    kinds = {d["kind"] for d in labels["documents"].values()}
    assert kinds == {"policy", "regulation", "national"}
    from index.compare.units import units

    for doc_id, doc in labels["documents"].items():
        unit_ids = {u.id for u in units(corpus, doc_id)}
        assert set(doc["clauses"]) == unit_ids, doc_id  # every unit labelled, nothing else
        for subjects in doc["clauses"].values():
            assert set(subjects) <= names


def test_second_reading_names_labelled_clauses_and_is_summed_per_stratum():
    """The blind second reading (``second_reading.json``) reads clauses the labels have, on subjects they know, one
    answer each; ``bench/second_reading.py`` sets it beside the labels, so a relabelled clause moves its figures."""
    reading_tool = _bench("second_reading")
    labels = _bench("bench_align").load_labels()
    reading = json.loads(reading_tool.READING.read_text(encoding="utf-8"))
    clauses = {cid for d in labels["documents"].values() for cid in d["clauses"]}
    topics = {s["topic"] for s in labels["subjects"] if s["topic"]}
    names = {s["name"] for s in labels["subjects"]}
    assert reading["coverage"] and reading["pairs"]
    for item in reading["coverage"]:
        assert item["clause"] in clauses and item["topic"] in topics and isinstance(item["reader"], bool)
    for item in reading["pairs"]:
        assert {item["source"], item["candidate"]} <= clauses and item["subject"] in names
        assert isinstance(item["reader"], bool)
    subjects = {cid: subs for d in labels["documents"].values() for cid, subs in d["clauses"].items()}
    topic_of = {s["name"]: s["topic"] for s in labels["subjects"]}
    summary = reading_tool.summarise(reading, subjects, topic_of)
    assert sum(n for n, _ in summary["coverage"].values()) == len(reading["coverage"])
    assert sum(n for n, _ in summary["pairs"].values()) == len(reading["pairs"])
    # One candidate relabelled with the subject the reader was asked about: the reader now agrees there iff it said yes.
    item = reading["pairs"][0]
    flipped = {**subjects, item["candidate"]: [*subjects[item["candidate"]], item["subject"]]}
    before = sum(a for _, a in summary["pairs"].values())
    after = sum(a for _, a in reading_tool.summarise(reading, flipped, topic_of)["pairs"].values())
    was_labelled = item["subject"] in subjects[item["candidate"]]
    assert after - before == (0 if was_labelled else (1 if item["reader"] else -1))


@pytest.mark.slow
def test_method_beats_the_bigram_baseline_on_held_out_documents():
    bench = _bench("bench_align")
    corpus = bench.labelled_corpus()
    labels = bench.Labels(bench.load_labels())
    engine = bench.Engine(corpus)
    base = bench.BigramTfidf(corpus)
    rows = bench.run_folds(engine, labels, base, labels.queries(), "document")
    mean = {k: sum(r[k] for r in rows) / len(rows) for k in ("p@1", "r@3", "base p@1", "base r@3")}
    assert mean["p@1"] > mean["base p@1"] + 0.05
    assert mean["r@3"] >= mean["base r@3"]


def test_no_counterpart_cuts_fall_between_the_values_seen():
    """``choose_cuts``: the 无对应 cuts are chosen between the training values, not on a 0.01 grid. On the grid,
    one step took in the last unanswerable queries and two answerable ones at once, and no cut was left: the rule
    was switched off for the fold (河北's and 广西's folds, 2026-12-04)."""
    bench = _bench("bench_align")
    values = [(0.001 * i, False) for i in range(1, 9)] + [(0.0095, True), (0.0096, True), (0.02, False), (0.02, False)]
    assert bench._highest_cut(values, [i / 100 for i in range(1, 100)], 0.95) == 0.0  # the grid: switched off
    cut = bench._highest_cut(values, bench._midpoints(v for v, _ in values), 0.95)
    assert 0.008 < cut <= 0.0095  # the eight unanswerable queries below it, the answerable ones above
    assert bench._midpoints([]) == [] and bench._midpoints([0.3]) == [0.3001]


def test_development_never_loads_the_held_out_documents():
    bench = _bench("bench_align")
    held = bench.held_out()
    labels = bench.load_labels()
    assert len(held) == 4 and set(held) <= set(labels["documents"])
    kinds = {labels["documents"][d]["kind"] for d in held}
    assert {"policy", "regulation"} <= kinds
    dev = [d for d in labels["documents"] if d not in held]
    assert not {d.id for d in bench.labelled_corpus(dev).documents()} & set(held)
    assert not {q.src_doc for q in bench.Labels(labels, dev).queries()} & set(held)


@pytest.fixture
def at_scale(tmp_path, monkeypatch):
    """The bundled corpus and its search index, compared as a large library is (statistics from the index)."""
    from index.compare import stats
    from index.search.searcher import SearchIndex

    corpus = Corpus(ROOT / "content" / "docs", imported_dir=None)
    index = SearchIndex(corpus, tmp_path / "index")
    index.ensure()
    monkeypatch.setattr(stats, "SMALL_LIBRARY_CLAUSES", 0)
    monkeypatch.setattr(align, "_contexts", {})
    yield corpus, index
    index.close()


def test_every_document_a_column_at_scale_is_not_compared_back(at_scale):
    # At scale (statistics from the search index) with more columns than FULL_COLUMNS, comparing each
    # document's best candidates back would cost seconds: the second-pass order stands there.
    corpus, index = at_scale
    model = dataclasses.replace(scoring.load_model(), mutual={"logit": 1.0, "back": 0.0, "back_top": 1.0})
    ctx = align.context(corpus, index, model)
    unit = align.unit_of(corpus, corpus.clause(SRC))
    assert align.session_for(ctx, unit, None, index).compare_back is False
    assert align.session_for(ctx, unit, ["henan-2017-kaifaqu"], index).compare_back is True
    assert align.session_for(align.context(corpus, None, model), unit).compare_back is True


def test_chosen_columns_at_scale_read_only_the_bridges_of_the_index_candidates(at_scale, monkeypatch):
    # The chosen-columns path stops reading the index's candidates once it has its bridge documents
    # (candidate_pools is lazy): the same bridges as from every candidate, and every unit of the columns.
    from index.compare import candidates
    from index.compare.units import units

    corpus, index = at_scale
    monkeypatch.setattr(align, "BRIDGES", 2)
    ctx = align.context(corpus, index)
    unit = align.unit_of(corpus, corpus.clause(SRC))
    every = candidates.candidate_units(ctx, unit, None, index)
    assert len([d for d in every if d != unit.clause.doc_id]) > 2  # more candidates than bridges
    session = align.session_for(ctx, unit, ["henan-2017-kaifaqu"], index)
    assert session.bridges == align.bridge_docs(ctx, unit, every)
    assert set(session.pools) == {*session.bridges, "henan-2017-kaifaqu"}
    assert session.pools["henan-2017-kaifaqu"] == units(corpus, "henan-2017-kaifaqu")


def test_the_index_query_leaves_out_bigrams_that_reach_no_other_document(at_scale):
    # The rarest bigrams of a clause are often its own alone: a query of them reached 6 of 3,447 documents.
    from index.compare import candidates

    corpus, index = at_scale
    ctx = align.context(corpus, index)
    unit = align.unit_of(corpus, corpus.clause(SRC))
    terms = candidates.query_terms(ctx, unit)
    assert terms and all(ctx.stats.df(g) >= candidates.MIN_CLAUSES for g in terms)
    rare = [g for g in bigrams(matching_text(unit.text)) if 0 < ctx.stats.df(g) < candidates.MIN_CLAUSES]
    assert rare  # the source has bigrams found in fewer clauses, and they were left out
    assert len(terms) <= candidates.QUERY_TERMS


def test_a_document_the_index_candidates_do_not_reach_is_not_compared_rather_than_without_counterpart(
        at_scale, monkeypatch):
    # Every document a column at scale scores only the documents the index's candidates reach; the others are
    # "unreached" (not compared), never claimed to have no counterpart; a reached one keeps its own reason.
    from index.compare import candidates
    from index.reports.model import NOT_COMPARED, no_counterpart_text

    corpus, index = at_scale
    monkeypatch.setattr(candidates, "PER_DOC", 1)
    monkeypatch.setattr(candidates, "LIMIT", 2)  # the source's own document and one other
    cmp = align.counterparts(corpus, SRC, search_index=index)
    reasons = {c.doc_id: (c.no_counterpart or {}).get("reason") for c in cmp.columns}
    session = align.session_for(align.context(corpus, index), align.unit_of(corpus, corpus.clause(SRC)), None, index)
    reached = [d for d in session.pools if d != SRC.split("/")[0]]
    assert len(reached) == 1 and reasons[reached[0]] != "unreached"
    assert {r for d, r in reasons.items() if d not in reached} == {"unreached"}
    column = next(c for c in cmp.columns if c.doc_id != reached[0]).to_dict()
    assert column["matches"] == [] and column["no_counterpart"] == {"reason": "unreached", "topic": None}
    assert no_counterpart_text(column["no_counterpart"]) == NOT_COMPARED and "无对应" not in NOT_COMPARED
    # Chosen columns are scored on every unit: none of them is unreached.
    chosen = align.counterparts(corpus, SRC, doc_ids=["hebei-2017-kaifaqu", "jiaxing-2015-kaifaqu"],
                                search_index=index)
    assert all((c.no_counterpart or {}).get("reason") != "unreached" for c in chosen.columns)


def test_segmenter_is_loaded_ahead_on_a_thread_of_its_own():
    import subprocess

    code = ("import sys, threading\nfrom index.compare import wording\nwording.load_segmenter_ahead()\n"
            "[t.join() for t in threading.enumerate() if t.name == 'segmenter']\n"
            "print('rjieba' in sys.modules, wording.word_bounds('开发区管理')[0] == frozenset({0, 3}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["True", "True"]


def test_reverse_ranks_of_a_pass_are_each_candidates_own_to_the_bit(corpus):
    # One product for all of a pass's candidates gives the ranks and margins one candidate at a time gave.
    ctx = align.context(corpus)
    source = align.unit_of(corpus, corpus.clause(SRC))
    own = align.units(corpus, source.clause.doc_id)
    cands = [source, *align.units(corpus, "zhejiang-2022-kaifaqu")[:14]]  # the source itself is its own best
    src = ctx.vectors.get(source).text
    want = []
    for cand in cands:
        text = ctx.vectors.get(cand).text
        mine = align.cosine(text, src)
        others = [align.cosine(text, ctx.vectors.get(u).text) for u in own if u.id != source.id]
        want.append((sum(1 for x in others if x > mine) + 1, mine - max(others, default=0.0)))
    got = align.reverse_ranks(ctx, source, own, cands)
    assert [r for r, _ in got] == [r for r, _ in want]
    assert [g for _, g in got] == pytest.approx([g for _, g in want], abs=1e-12)
    assert got == [align.reverse_ranks(ctx, source, own, [c])[0] for c in cands]  # batched = one by one, exactly
    assert any(r > 1 for r, _ in got) and any(g > 0 for _, g in got)  # both sides of the margin were exercised
    assert align.reverse_ranks(ctx, source, own, []) == []
    assert align.reverse_ranks(ctx, source, [source], cands[:1])[0] == (1, align.cosine(
        ctx.vectors.get(cands[0]).text, src))  # no other unit: margin over 0.0


def test_first_passes_at_once_are_each_units_first_pass_to_the_bit(corpus):
    # A column's best candidates compared back at once (``first_passes``: one product for their first stages,
    # one for their own candidates compared back) give the candidates each ``first_pass`` gives alone.
    target = "zhejiang-2022-kaifaqu"
    backs = align.units(corpus, target)[:7]
    own = align.unit_of(corpus, corpus.clause(SRC)).clause.doc_id
    alone = align.Context(corpus, *_fresh_parts(corpus))
    want = [align.first_pass(alone, u, own, k=align.BACK_K) for u in backs]
    ctx = align.Context(corpus, *_fresh_parts(corpus))
    align.first_passes(ctx, [*backs, backs[0]], own, align.BACK_K)
    assert len(ctx.first) == len(backs)  # each unit once, kept
    got = [align.first_pass(ctx, u, own, k=align.BACK_K) for u in backs]
    assert len(ctx.first) == len(backs)  # read back, not passed again
    assert got == want  # the same candidates, stages and signals, to the bit
    assert all(got) and any(c.values["rev"] < 1.0 for cands in got for c in cands)


def test_a_kept_first_pass_is_given_as_copies(corpus):
    """``first_pass`` hands out copies of its kept candidates (``Candidate.copied``, as ``dataclasses.replace``):
    equal, and a caller's shares and logits do not reach the kept ones."""
    ctx = align.Context(corpus, *_fresh_parts(corpus))
    source = align.unit_of(corpus, corpus.clause(SRC))
    first = align.first_pass(ctx, source, "zhejiang-2022-kaifaqu")
    again = align.first_pass(ctx, source, "zhejiang-2022-kaifaqu")
    assert first and again == first == [dataclasses.replace(c) for c in first]
    assert all(a is not b for a, b in zip(first, again, strict=True))
    first[0].share, first[0].logit = 0.5, 2.0
    kept = align.first_pass(ctx, source, "zhejiang-2022-kaifaqu")[0]
    assert (kept.share, kept.logit) == (0.0, 0.0) and kept == again[0]


def _fresh_parts(corpus):
    ctx = align.context(corpus)
    idf = align.Idf(ctx.stats)
    return ctx.stats, idf, align.VectorCache(idf), ctx.model


def test_a_fresh_workspace_reads_the_pins_without_opening_the_database(zoneref_home):
    """``zoneref compare`` reads the pins on a read-only connection (``schema.peek``): same decisions, and
    the database is not opened fully (no integrity check, migration or backup on a read)."""
    from index.workspace import Workspace

    writer = Workspace()
    comparisons.set_none(writer.db(), SRC, "hebei-2017-kaifaqu")
    reader = Workspace()
    assert reader.pins(SRC) == comparisons.pins_map(writer.db(), SRC) != {}
    assert reader._db is None
    cols = {c.doc_id: c for c in reader.compare(SRC).columns}
    assert cols["hebei-2017-kaifaqu"].decision == "none" and cols["hebei-2017-kaifaqu"].matches == []


@pytest.fixture(scope="module")
def with_regulations(tmp_path_factory) -> Corpus:
    """The bundled policies with two regulations, the State Council's and the ministry's documents."""
    import shutil

    folder = tmp_path_factory.mktemp("with-regulations")
    for path in (ROOT / "content" / "docs").glob("*.md"):
        shutil.copy(path, folder)
    for name in ("jiangsu-2018-tiaoli", "guangxi-2020-tiaoli", "guoban-2019-kaifaqu", "shangwubu-2020-jingkaiqu"):
        shutil.copy(ROOT / "tests" / "data" / "alignment" / "docs" / f"{name}.md", folder)
    return Corpus(folder, imported_dir=None)


@pytest.mark.parametrize(("source", "target", "expected"), [
    ("jiangsu-2018-tiaoli/ch1/art1", "guoban-2019-kaifaqu", "guoban-2019-kaifaqu/pre"),
    ("guoban-2019-kaifaqu/pre", "jiangsu-2018-tiaoli", "jiangsu-2018-tiaoli/ch1/art1"),
    ("shangwubu-2020-jingkaiqu/pre", "jiangsu-2018-tiaoli", "jiangsu-2018-tiaoli/ch1/art1"),
    ("jiaxing-2015-kaifaqu/pre", "guangxi-2020-tiaoli", "guangxi-2020-tiaoli/ch1/art1"),
])
def test_a_purpose_statement_finds_the_other_documents_purpose_statement(with_regulations, source, target, expected):
    """第一条 为了……制定本条例 and 为……现提出如下意见 answer each other (``frames``), not 第二条 (scope), a
    regulation's history header or a clause sharing more words (all four were misses of the folds before)."""
    result = align.counterparts(with_regulations, source, doc_ids=[target], pins={})
    assert result.columns[0].matches[0].clause_id == expected


def test_a_regulations_scope_does_not_treat_the_kinds_of_zone_it_names(with_regulations):
    """江苏 and 广西 第二条 (本条例适用于……；前款所称开发区，是指……综合保税区……) state the regulation's scope
    (``frames.SCOPE``): the zones they name are what the regulation applies to, not its clauses on bonded zones and
    foreign trade (both were listed under 对外贸易与保税 before)."""
    from index.compare import topics

    matrix = topics.coverage(with_regulations).matrix
    for doc in ("jiangsu-2018-tiaoli", "guangxi-2020-tiaoli"):
        assert f"{doc}/ch1/art2" not in matrix["duiwai_maoyi"][doc]
    assert "guangxi-2020-tiaoli/ch4/art14" in matrix["duiwai_maoyi"]["guangxi-2020-tiaoli"]  # its own clause on them


def test_a_management_body_with_a_development_company_is_market_operation(with_regulations):
    """江苏 第十一条 (“管理机构＋开发运营公司”模式, 市场化方式) is its clause on 市场化运营: it named the topic with
    none of its words (开发运营 is the topic's own expression) and was listed under 基础设施 and 招商引资 instead."""
    from index.compare import topics

    matrix = topics.coverage(with_regulations).matrix
    assert "jiangsu-2018-tiaoli/ch3/art11" in matrix["shichanghua"]["jiangsu-2018-tiaoli"]


@pytest.mark.parametrize("clause_id", ["jiangsu-2018-tiaoli/ch3/art10", "shangwubu-2020-jingkaiqu/c4/s12"])
def test_the_staffs_performance_appraisal_is_personnel_and_pay_not_the_zones_evaluation(with_regulations, clause_id):
    """江苏 第十条 (全员聘用、岗位管理和绩效考核……薪酬分配制度) and 商务部 （十二） (全员岗位聘任和绩效薪酬制度) treat the
    staff's pay and appraisal (人事薪酬与绩效): they were listed under 考核评价, the evaluation of zones, first."""
    from index.compare import topics

    matrix = topics.coverage(with_regulations).matrix
    doc = clause_id.split("/", 1)[0]
    assert clause_id in matrix["renshi_xinchou"][doc]
    assert clause_id not in matrix["kaohe"][doc]


@pytest.mark.parametrize(("source", "target", "expected"), [
    # an item under 嘉兴's 目标要求 whose words are about approval reform → 浙江's 发展目标, not its 放管服 section
    ("jiaxing-2015-kaifaqu/c1/s2/i1", "zhejiang-2022-kaifaqu", "zhejiang-2022-kaifaqu/c1/s2"),
    # 浙江's 发展目标 → the items under 嘉兴's 目标要求, not its 重要意义
    ("zhejiang-2022-kaifaqu/c1/s2", "jiaxing-2015-kaifaqu", "jiaxing-2015-kaifaqu/c1/s2/"),
    # 浙江's goal 开发区综合位次进一步前移 (rankings) → 嘉兴's goals, not its （二）完善评价体系 (evaluation)
    ("zhejiang-2022-kaifaqu/c1/s2/i1", "jiaxing-2015-kaifaqu", "jiaxing-2015-kaifaqu/c1/s2/"),
])
def test_goals_find_the_other_documents_goals(corpus, source, target, expected):
    """Units in the same frame role (``frames``: goals under 发展目标 / 目标要求) answer each other even when their
    words do not (each was a miss of the development folds before the ``frame`` signal)."""
    result = align.counterparts(corpus, source, doc_ids=[target], pins={})
    assert result.columns[0].matches[0].clause_id.startswith(expected)
    assert result.columns[0].matches[0].evidence.role == "发展目标"


@pytest.mark.parametrize(("source", "target", "expected"), [
    # 嘉兴 (一)推进改革创新 (行政审批制度改革) → 浙江 (五)深化"放管服"改革, not (三)推进市场化运营改革;
    # → 河北 设立行政审批局 (放权), not 打好改革"百日施工战" (every reform's timetable)
    # Known miss on the five bundled documents since the refit with the frame heading words (2026-12-05; right on the
    # 12 labelled documents): 浙江 (一)推动开发区立法 compared back finds 嘉兴 (一) first, so it gains ``back_top``
    # and leads (0.44 to 0.30 since the exemplar vote).
    pytest.param("jiaxing-2015-kaifaqu/c2/s1", "zhejiang-2022-kaifaqu", "zhejiang-2022-kaifaqu/c4/s5",
                 marks=pytest.mark.xfail(strict=True, reason="back_top after the 2026-12-05 refits: 0.44 vs 0.30")),
    # Known miss since the exemplar vote (2026-12-05): 河北 打好改革"百日施工战" 0.86 before 设立行政审批局 0.73.
    pytest.param("jiaxing-2015-kaifaqu/c2/s1", "hebei-2017-kaifaqu", "hebei-2017-kaifaqu/h2/p4",
                 marks=pytest.mark.xfail(strict=True, reason="h2/p1 0.86 vs h2/p4 0.73 after the exemplar vote")),
    # 河南 (二)提升基礎設施水平 → 河北 优化开发区营商环境 (基础设施建设, 九通一平), listed under 基础设施: first on its own
    # since the exemplar vote (second, moved first by ``_topic_first``, before it)
    ("henan-2017-kaifaqu/c8/s2", "hebei-2017-kaifaqu", "hebei-2017-kaifaqu/h1/p6"),
    # ``in_topic`` in the model compared back too (branch agree-15h): 河南 九（二）提高行政管理效能 (放管服) → 浙江
    # (五)深化"放管服"改革, not (一)推动开发区立法; 浙江 五（四）加强人才保障 → 河南 (三)引进创新引领型人才和团队, not
    # (三)加强政策扶持
    ("henan-2017-kaifaqu/c9/s2", "zhejiang-2022-kaifaqu", "zhejiang-2022-kaifaqu/c4/s5"),
    ("zhejiang-2022-kaifaqu/c5/s4", "henan-2017-kaifaqu", "henan-2017-kaifaqu/c5/s3"),
    # 吉林 (十七)加大吸引外資力度 → 嘉兴 (七)提升利用外资质量效益, not (六)提升平台国际化水平
    # Known miss since the refit of branch cover-15c (the comparison's weights, not the coverage: both units are in
    # 嘉兴's 利用外资 column): (六) at 75 before (七) at 74. 吉林 is held out: not chased.
    pytest.param("jilin-2021-kaifaqu/c5/s17", "jiaxing-2015-kaifaqu", "jiaxing-2015-kaifaqu/c3/s7",
                 marks=pytest.mark.xfail(strict=True, reason="(六) 75 vs (七) 74 after the cover-15c refit")),
    # 浙江 三（五）深化产业链"链长制" → 河北 加速战略性新兴产业和现代服务业聚集, not 创新开发区招商方式 (a known miss from the
    # refit of branch agree-15h until the exemplar vote, 2026-12-05)
    ("zhejiang-2022-kaifaqu/c3/s5", "hebei-2017-kaifaqu", "hebei-2017-kaifaqu/h4/p1"),
])
def test_a_counterpart_the_coverage_matrix_lists_under_the_sources_topic_wins(corpus, source, target, expected):
    """``in_topic``: of close candidates, the one the topic comparison would show under the source's main topic
    wins (each was wrong with the model before the signal)."""
    result = align.counterparts(corpus, source, doc_ids=[target], pins={})
    assert result.columns[0].matches[0].clause_id == expected


def _candidates(*rows):
    """Candidates (unit id, probability, whether the source is its best match back), most probable first."""
    out = []
    for uid, p, back_top in rows:
        c = align.Candidate(unit=types.SimpleNamespace(id=uid), stage=0.0, values={}, probability=p)
        c.back = {"back_top": 1.0 if back_top else 0.0}
        out.append(c)
    return out


@pytest.mark.parametrize(("rows", "listed", "first"), [
    # the most probable is not in the source topic's column, the second is and is close enough: it comes first
    ((("a", 0.5, False), ("b", 0.2, False), ("c", 0.1, False)), {"b"}, "b"),
    # … also when it agrees both ways and the best does not
    ((("a", 0.5, False), ("b", 0.2, True)), {"b"}, "b"),
    # not when the best agrees both ways and the listed one does not (a mutual pair is not given up)
    ((("a", 0.5, True), ("b", 0.2, False)), {"b"}, None),
    # not below TOPIC_FIRST of the best's probability
    ((("a", 0.5, False), ("b", 0.1, False)), {"b"}, None),
    # not beyond the first TOPIC_FIRST_AMONG
    ((("a", 0.5, False), ("b", 0.3, False), ("c", 0.3, False), ("d", 0.3, False)), {"d"}, None),
    # only the most probable listed one: c is not tried when b may not move
    ((("a", 0.5, True), ("b", 0.4, False), ("c", 0.3, True)), {"b", "c"}, None),
    # the best is listed, or nothing is: the order stays
    ((("a", 0.5, False), ("b", 0.4, False)), {"a", "b"}, None),
    ((("a", 0.5, False), ("b", 0.4, False)), set(), None),
])
def test_the_candidate_the_topic_comparison_shows_comes_first_when_close(rows, listed, first):
    """``Session._topic_first``: a clause comparison shows first the unit a topic comparison lists under the source's
    main topic when it is close to the best (bench/README.md, issue 15, branch agree16)."""
    cands = _candidates(*rows)
    session = types.SimpleNamespace(in_topic=lambda _doc: frozenset(listed))
    moved = align.Session._topic_first(session, "doc", cands)
    assert moved == first
    expected = [r[0] for r in rows]
    if first is not None:
        expected.remove(first)
        expected.insert(0, first)
    assert [c.unit.id for c in cands] == expected


@pytest.mark.parametrize(("source", "target", "expected", "topic"), [
    # 河北 政策促动 支持开发区开放发展 (予以资金支持) → 吉林 (二十)加大財政支持 (0.30, listed under 财政支持), not
    # (十八)提升對外貿易 (0.78)
    ("hebei-2017-kaifaqu/h5/p2", "jilin-2021-kaifaqu", "jilin-2021-kaifaqu/c6/s20", "财政支持"),
    # 吉林 (十七)加大吸引外資力度 → 浙江 (三)全方位拓展国际合作 (0.29, listed under 利用外资与国际合作), not
    # (二)加大招商引资力度 (0.38; the labels count both)
    ("jilin-2021-kaifaqu/c5/s17", "zhejiang-2022-kaifaqu", "zhejiang-2022-kaifaqu/c2/s3", "利用外资与国际合作"),
    # Known misses since the exemplar vote (2026-12-05): the source's strongest topic is now another it treats too.
    # 河北 创新开发区招商方式 → 嘉兴 (六)提升平台国际化水平: the source is now first 市场化运营 (引进产业资本…建设运营;
    # labelled 招商引资, 市场化运营, 金融支持), and 嘉兴 (二)加快体制机制创新 is listed there.
    pytest.param("hebei-2017-kaifaqu/h1/p2", "jiaxing-2015-kaifaqu", "jiaxing-2015-kaifaqu/c3/s6", "招商引资",
                 marks=pytest.mark.xfail(strict=True, reason="the source's strongest topic is 市场化运营 since the vote")),
    # 浙江 (四)推动园区提档升级 → 嘉兴 (二)加快体制机制创新: the source is now first 对外贸易与保税 (labelled 设立、升级 and
    # 对外贸易与保税).
    pytest.param("zhejiang-2022-kaifaqu/c4/s4", "jiaxing-2015-kaifaqu", "jiaxing-2015-kaifaqu/c3/s2", "开发区升级与整合",
                 marks=pytest.mark.xfail(strict=True, reason="the source's strongest topic is 对外贸易与保税 since the vote")),
])
def test_a_clause_comparison_shows_first_what_the_topic_comparison_lists(corpus, source, target, expected, topic):
    """``Session._topic_first`` on the bundled documents: each first match is right on the labels and was second
    before (the more probable candidate, not on the source's topic, was first); it says why, and the more probable
    one is shown after it."""
    result = align.counterparts(corpus, source, doc_ids=[target], pins={})
    first, *rest = result.columns[0].matches
    assert first.clause_id == expected
    assert first.topic_first["name"] == topic
    assert rest and rest[0].score > first.score and rest[0].topic_first is None
    assert result.to_dict()["columns"][0]["matches"][0]["topic_first"]["name"] == topic


@pytest.mark.parametrize(("source", "target", "first", "topic", "listed"), [
    # 吉林 (一)加大放權力度 → 嘉兴 1.加快构建对外开放新体制 (加快行政审批制度改革): 嘉兴 lists (一)推进改革创新 under
    # 营商环境与放管服, not 1. (both are right on the labels; the topic line points at the other)
    ("jilin-2021-kaifaqu/c1/s1", "jiaxing-2015-kaifaqu", "jiaxing-2015-kaifaqu/c1/s2/i1", "营商环境与放管服",
     ["jiaxing-2015-kaifaqu/c2/s1"]),
    # 吉林 (五)深化績效激勵機制改革 → 河南 3.深化改革,開放帶動: 河南 lists nothing under 人事薪酬与绩效
    ("jilin-2021-kaifaqu/c2/s5", "henan-2017-kaifaqu", "henan-2017-kaifaqu/c1/s2/i3", "人事薪酬与绩效", []),
])
def test_a_first_match_the_topic_comparison_would_not_show_says_what_it_lists(corpus, source, target, first, topic,
                                                                               listed):
    """``Match.topic_column``: where the coverage does not list the first match under the source's main topic, the
    match says which clauses it does list there (the topic comparison's column), or that it lists none; the matches
    after the first carry nothing."""
    result = align.counterparts(corpus, source, doc_ids=[target], pins={})
    matches = result.columns[0].matches
    assert matches[0].clause_id == first
    assert matches[0].topic_column == {"id": find_topic(topic).id, "name": topic, "clause_ids": listed}
    assert all(m.topic_column is None for m in matches[1:])
    column = align.topic_columns(corpus, topic, doc_ids=[target]).columns[0]
    assert [m.clause_id for m in column.matches] == listed
    assert result.to_dict()["columns"][0]["matches"][0]["topic_column"]["clause_ids"] == listed


@pytest.mark.parametrize(("source", "target", "first"), [
    # the match is listed under the source's topic (基础设施): the topic comparison shows it too
    ("henan-2017-kaifaqu/c8/s2", "hebei-2017-kaifaqu", "hebei-2017-kaifaqu/h1/p6"),
    # 吉林 (二十)加大財政支持 → 河北 政策促动 支持开发区开放发展 (予以资金支持), which 河北's coverage lists under 财政支持
    ("jilin-2021-kaifaqu/c6/s20", "hebei-2017-kaifaqu", "hebei-2017-kaifaqu/h5/p2"),
])
def test_a_first_match_the_topic_comparison_shows_carries_no_topic_column(corpus, source, target, first):
    result = align.counterparts(corpus, source, doc_ids=[target], pins={})
    assert result.columns[0].matches[0].clause_id == first
    assert result.columns[0].matches[0].topic_column is None
