"""The topic taxonomy, clause tagging and the coverage matrix."""

from __future__ import annotations

import pytest

from index.base.text import normalise, to_simplified
from index.compare import topics
from index.compare.units import units as topics_units
from index.library.corpus import Corpus


def _corpus() -> Corpus:
    return Corpus(imported_dir=None)


def test_taxonomy_has_required_topics_in_both_scripts():
    loaded = topics.load_topics()
    assert len(loaded) >= 20
    names = {t.name for t in loaded}
    for required in ("招商引资", "营商环境与放管服", "管理体制", "人事薪酬与绩效", "市场化运营", "产业链与链长制",
                     "科技创新", "数字化与智慧园区", "绿色低碳", "土地集约", "金融支持", "财政支持", "人才",
                     "对外贸易与保税", "区域合作与飞地", "复制自贸区经验", "开发区升级与整合", "考核评价",
                     "组织保障", "产城融合"):
        assert required in names
    for t in loaded:
        assert t.keywords and t.synonyms
        words = t.keywords + t.synonyms
        # Both scripts are listed: some word has a traditional form beside its simplified one.
        assert any(w != to_simplified(w) and to_simplified(w) in words for w in words), t.id


def test_find_topic_by_id_and_either_script():
    assert topics.find_topic("zhaoshang").name == "招商引资"
    assert topics.find_topic("招商引資").id == "zhaoshang"
    with pytest.raises(topics.UnknownTopicError):
        topics.find_topic("不存在的专题")


@pytest.mark.parametrize(("clause_id", "topic"), [
    ("jilin-2021-kaifaqu/c3/s12", "zhaoshang"),
    ("henan-2017-kaifaqu/c7/s1", "zhaoshang"),
    ("jilin-2021-kaifaqu/c6/s22", "jinrong"),
    ("zhejiang-2022-kaifaqu/c3/s5", "chanyelian"),
    ("jilin-2021-kaifaqu/c3/s11", "chanyelian"),
    ("jiaxing-2015-kaifaqu/c3/s10", "tudi_jiyue"),
    ("jilin-2021-kaifaqu/c6/s23", "rencai"),
    ("hebei-2017-kaifaqu/h2/p6", "zimaoqu"),
    ("zhejiang-2022-kaifaqu/c4/s5", "fangguanfu"),
    ("henan-2017-kaifaqu/c8/s3", "chancheng"),
    # 予以资金支持 in passing, but its nearest labelled units elsewhere treat 财政资金支持 (the exemplar vote; not
    # listed before it)
    ("hebei-2017-kaifaqu/h5/p2", "caizheng"),
])
def test_tag_clause_finds_the_topic(clause_id, topic):
    assert topic in topics.tag_clause(_corpus().clause(clause_id))


def test_responsibility_notes_do_not_tag():
    c = _corpus()
    # jilin (二) names 省人力资源社会保障厅 etc. only in its "按职责分工负责" note.
    clause = c.clause("jilin-2021-kaifaqu/c1/s2")
    assert "人力" in normalise(clause.text)
    assert "rencai" not in topics.tag_clause(clause)
    assert topics.tag_clause(c.clause("henan-2017-kaifaqu/end")) == []


def test_coverage_matrix_has_every_cell():
    c = _corpus()
    cov = topics.coverage(c)
    doc_ids = [d["doc_id"] for d in cov["documents"]]
    # Columns as the compare chooser lists documents: provinces in the official order, the newest first.
    assert doc_ids == ["hebei-2017-kaifaqu", "jilin-2021-kaifaqu", "zhejiang-2022-kaifaqu", "jiaxing-2015-kaifaqu",
                       "henan-2017-kaifaqu"]
    assert set(cov["matrix"]) == {t["id"] for t in cov["topics"]}
    for row in cov["matrix"].values():
        assert list(row) == doc_ids
    assert "jilin-2021-kaifaqu/c6/s20" in cov["matrix"]["caizheng"]["jilin-2021-kaifaqu"]
    # Zhejiang's draft has no fiscal-support clause: an explicit empty cell.
    assert cov["matrix"]["caizheng"]["zhejiang-2022-kaifaqu"] == []
    assert any(cell == [] for row in cov["matrix"].values() for cell in row.values())


def test_coverage_restricted_to_documents():
    cov = topics.coverage(_corpus(), ["hebei-2017-kaifaqu"])
    assert [d["doc_id"] for d in cov["documents"]] == ["hebei-2017-kaifaqu"]
    assert all(list(row) == ["hebei-2017-kaifaqu"] for row in cov["matrix"].values())


def test_office_names_do_not_count_for_a_topic():
    """省商务厅 names an office: its 商务 is not 商务服务 (a coverage false positive on the development folds)."""
    assert "xiandai_fuwuye" not in topics.score_text("", "浙江省商务厅关于推进开发区高质量发展的指导意见")
    assert "xiandai_fuwuye" not in topics.score_text("", "经省商務、科技等部门审核")
    assert "xiandai_fuwuye" in topics.score_text("", "发展商务服务和现代物流")
    zhejiang_preamble = next(c for c in _corpus().clauses("zhejiang-2022-kaifaqu") if c.id.endswith("/pre"))
    assert "xiandai_fuwuye" not in topics.tag_clause(zhejiang_preamble)


def test_coverage_json_chunks_are_the_records_json():
    """``topics --json`` is written piece by piece (``json_chunks``): the same text as ``to_dict()`` encoded whole,
    with the ids JSON must escape."""
    import json

    from index.compare.records import Coverage

    cov = topics.coverage(_corpus())
    odd = Coverage(topics=[{"id": 't"1', "name": "专题\u009b"}, {"id": "t%2", "name": "二"}],
                   documents=[{"doc_id": d, "region": "省", "title": "题"} for d in ('d\\"1', "d%2", "d3", "d4")],
                   tags={'d\\"1': {'t"1': [["c1", 87], ["c\u20282", 3]], "t%2": []},
                         "d%2": {"t%2": [["c%s", 5], ["c2", 7]], "gone": [["c9", 1]]},
                         "d3": {'t"1': [["c\x01", 4]], "t%2": [["c1", 12.5]]}})
    empty = Coverage(topics=[], documents=[], tags={})
    for record in (cov, odd, empty, topics.coverage(_corpus(), ["hebei-2017-kaifaqu"]), topics.coverage(_corpus(), rendered=True)):
        assert "".join(record.json_chunks()) == json.dumps(record.to_dict(), ensure_ascii=False, separators=(",", ":"))
    assert cov.to_dict()["cells"]["caizheng"]["jilin-2021-kaifaqu"][0].keys() == {"clause_id", "confidence"}


def test_topic_words_and_weights_do_not_depend_on_string_hashing():
    """The topic words a match shows as evidence, and the weights summed over them, come out the same in every
    process (they were in set order, which PYTHONHASHSEED changes)."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = ("import json\nfrom index.compare.taxonomy import topic_hits\n"
            "from index.library.corpus import Corpus\n"
            "c = Corpus(imported_dir=None)\n"
            "print(json.dumps([topic_hits(x.heading or '', x.text) for x in c.clauses('jilin-2021-kaifaqu')]))\n")
    repo = str(Path(__file__).resolve().parents[3])
    runs = {json.dumps(json.loads(subprocess.run(
        [sys.executable, "-c", code], env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": repo},
        capture_output=True, text=True, check=True).stdout), sort_keys=True) for seed in ("1", "2", "3", "4")}
    assert len(runs) == 1


def test_the_taxonomy_file_is_parsed_once_for_its_topics_and_its_ignored_phrases(tmp_path, monkeypatch):
    from index.compare import taxonomy

    path = tmp_path / "topics.yaml"
    path.write_text("topics:\n  - id: tudi\n    name: 土地\n    keywords: [用地]\nignore: [商务厅]\n", encoding="utf-8")
    parsed = []
    real = taxonomy.yamldata.load
    monkeypatch.setattr(taxonomy.yamldata, "load", lambda *a, **k: parsed.append(1) or real(*a, **k))
    assert [t.id for t in taxonomy.load_topics(path)] == ["tudi"]
    assert taxonomy._ignored(path) == ("商务厅",)  # noqa: SLF001 - the module's own reader
    assert len(parsed) == 1


@pytest.mark.parametrize("clause_id", [
    "zhejiang-2022-kaifaqu/c1/s2/i1",  # 开发区综合位次进一步前移: an item under (二)发展目标, no topic word of its own
    "jiaxing-2015-kaifaqu/c1/s2/i3",  # an item under 目标要求 naming 智能化
    "henan-2017-kaifaqu/c1/s2/i1",  # 創新引領,提升結構: an item under 基本原則 (traditional)
])
def test_goals_and_guidance_treat_their_topic_whatever_they_name(clause_id):
    """A unit in the goals or guidance role of its document's frame (``frames``) treats 指导思想与发展目标
    (the taxonomy's ``roles``): coverage lists it there even without the topic's words."""
    corpus = Corpus(imported_dir=None)
    doc_id = clause_id.split("/", 1)[0]
    unit = next(u for u in topics_units(corpus, doc_id) if u.id == clause_id)
    values, _ = topics.unit_values(unit)["zhidao_mubiao"]
    assert values["role"] == 1.0
    assert "zhidao_mubiao" in topics.unit_topics(unit)
    listed = topics.document_topics(topics_units(corpus, doc_id))["zhidao_mubiao"]
    assert clause_id in {u.id for _, u, _ in listed}


def test_other_units_get_no_role_signal():
    corpus = Corpus(imported_dir=None)
    unit = next(u for u in topics_units(corpus, "zhejiang-2022-kaifaqu") if u.id == "zhejiang-2022-kaifaqu/c2/s2")
    assert all(values["role"] == 0.0 for values, _ in topics.unit_values(unit).values())


def test_the_other_topics_a_goal_names_are_marked_framed():
    """A goal that names 绿色低碳 (浙江 发展目标 3.) states an aim: its other topics carry ``framed`` (the
    membership model weighs it), its role's topic does not."""
    corpus = Corpus(imported_dir=None)
    unit = next(u for u in topics_units(corpus, "zhejiang-2022-kaifaqu") if u.id == "zhejiang-2022-kaifaqu/c1/s2/i3")
    values = {tid: v for tid, (v, _) in topics.unit_values(unit).items()}
    assert values["lvse_ditan"]["framed"] == 1.0 and values["zhidao_mubiao"]["framed"] == 0.0
    plain = next(u for u in topics_units(corpus, "zhejiang-2022-kaifaqu") if u.id == "zhejiang-2022-kaifaqu/c2/s2")
    assert all(v["framed"] == 0.0 for v, _ in topics.unit_values(plain).values())


def test_a_topic_the_heading_above_names_is_marked():
    """``above``: the heading a unit stands under (吉林 一、持續優化營商環境, traditional) names the topic too."""
    corpus = Corpus(imported_dir=None)
    unit = next(u for u in topics_units(corpus, "jilin-2021-kaifaqu") if u.id == "jilin-2021-kaifaqu/c1/s1")
    values = {tid: v for tid, (v, _) in topics.unit_values(unit).items()}
    assert values["fangguanfu"]["above"] == 1.0
    assert all(v["above"] == 0.0 for tid, v in values.items() if tid != "fangguanfu")


def test_a_topic_naming_an_unknown_role_says_so(tmp_path, monkeypatch):
    from index.base.errors import ContentError
    from index.compare import taxonomy

    path = tmp_path / "topics.yaml"
    path.write_text("topics:\n  - id: mubiao\n    name: 目标\n    keywords: [目标]\n    roles: [goal]\n", encoding="utf-8")
    monkeypatch.setattr(taxonomy, "topics_path", lambda: path)
    monkeypatch.setattr(topics, "load_topics", lambda: taxonomy.load_topics(path))
    topics._role_topics.cache_clear()  # noqa: SLF001 - the module's own cache
    try:
        with pytest.raises(ContentError, match="unknown frame role 'goal'"):
            topics._role_topics()  # noqa: SLF001
    finally:
        topics._role_topics.cache_clear()  # noqa: SLF001


def test_coverage_reports_its_progress_per_document():
    corpus = Corpus(imported_dir=None)
    seen = []
    topics.coverage(corpus, progress=lambda done, total: seen.append((done, total)))
    n = len(corpus.documents())
    assert seen[0] == (0, n) and seen[-1] == (n, n)
    assert all(d <= t for d, t in seen)


def test_forget_texts_empties_the_text_caches_and_tagging_again_gives_the_same_tags():
    """A reader process forgets each document's texts after tagging it (``forget_texts``): every bounded cache
    of ``index.compare`` is empty, and the next document is tagged as in a fresh process."""
    from index.compare import taxonomy, wording

    corpus = Corpus()
    clauses = corpus.clauses("jilin-2021-kaifaqu")
    first = topics.document_tags(clauses)
    assert taxonomy.topic_hits.cache_info().currsize and wording.matching_text.cache_info().currsize
    topics.forget_texts()
    assert taxonomy.topic_hits.cache_info().currsize == 0 and wording.matching_text.cache_info().currsize == 0
    assert topics.document_tags(clauses) == first
