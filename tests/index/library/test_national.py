"""全国: a region of its own, first in the library, the comparison and coverage columns, and a search filter."""

from __future__ import annotations

from pathlib import Path

from index.compare.topics import coverage_by_region
from index.library.national import is_national_body
from index.library.regions import region_key
from index.workspace import Workspace

DATA = Path(__file__).resolve().parents[2] / "data" / "regulations" / "tune"


def as_dict(record):
    return record.to_dict() if hasattr(record, "to_dict") else record


def test_national_bodies():
    for name in ("全国人民代表大会常务委员会", "国务院办公厅", "商务部、国家市场监督管理总局", "最高人民法院",
                 "最高人民检察院", "国家发展和改革委员会", "海关总署", "中国人民银行", "财政部 税务总局", "商务部办公厅"):
        assert is_national_body(name), name
    for name in ("上海市人民政府", "省商务厅", "发展和改革委员会", "开发区管理委员会", ""):
        assert not is_national_body(name), name
    assert sorted(["浙江省", "不详", "全国", "北京市"], key=region_key) == ["全国", "北京市", "浙江省", "不详"]
    # The administrative division codes' order, not the characters': 上海 after 黑龙江, 云南 after 贵州.
    assert sorted(["云南省", "上海市", "内蒙古自治区", "黑龙江省", "贵州省", "某地"], key=region_key) == \
        ["内蒙古自治区", "黑龙江省", "上海市", "贵州省", "云南省", "某地"]


def test_coverage_by_province_lists_the_provinces_in_the_official_order():
    # The library lists the bundled policies (河北 吉林 浙江 河南) before imported documents: provinces in order of
    # first appearance put 北京 after 河南. The library tree and every list have the official order.
    docs = [("hb", "河北省"), ("jl", "吉林省"), ("zj", "浙江省"), ("bj", "北京市"), ("zj2", "浙江省"), ("qg", "全国")]
    coverage = {"documents": [{"doc_id": d, "region": r, "title": d} for d, r in docs],
                "matrix": {"t": {d: [f"{d}/c1"] for d, _ in docs}}}
    merged = coverage_by_region(coverage)
    assert [c["region"] for c in merged["documents"]] == ["全国", "北京市", "河北省", "吉林省", "浙江省"]
    assert merged["documents"][4]["members"] == ["zj", "zj2"]
    assert merged["matrix"]["t"]["region:浙江省"] == ["zj/c1", "zj2/c1"]


def test_a_national_document_is_the_first_column_and_a_search_filter():
    ws = Workspace()
    report, _ = ws.import_paths([DATA / "t22_guobanfa_kaifaqu_yijian.txt"])
    doc_id = report.imported[0]["doc_id"]
    assert doc_id.startswith("quanguo-") and report.imported[0]["region"] == "全国"
    assert ws.corpus.documents()[0].id == doc_id
    coverage = as_dict(ws.coverage())
    assert coverage["documents"][0]["doc_id"] == doc_id
    assert coverage_by_region(coverage)["documents"][0]["region"] == "全国"
    columns = as_dict(ws.compare("jilin-2021-kaifaqu/c3/s12"))["columns"]
    assert columns[0]["doc_id"] == doc_id
    index = ws.search_index()
    index.ensure()
    for query in ("开发区 region:全国", "开发区 level:国家级"):
        hits = index.search(query, limit=50).hits
        assert hits and {h.doc_id for h in hits} == {doc_id}, query
    facets = index.search("开发区").facets["region"]
    assert facets.get("全国")
