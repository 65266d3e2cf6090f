"""The rules a user's metadata follows (``index.library.fields``): the same for the import dialog, 编辑文件信息
and ``zoneref edit``."""

from __future__ import annotations

import pytest

from bench.gen_import_folder import write_txt
from index.library import fields
from index.library.corpus import Corpus
from index.library.imported import Library


@pytest.mark.parametrize(("field", "value", "problem"), [
    ("year", "二〇二一年", "year"), ("year", "20210", "year"), ("year", "21", "year"), ("year", "1800", "year"),
    ("year", True, "year"), ("region", "火星", "region"), ("title", "  ", "empty"),
    ("region", "", "empty"), ("issued", "2017-13-01", "date"), ("issued", "20171212", "date"),
    ("year", "2021", None), ("year", "２０２１", None), ("year", 2021, None), ("year", "", None),
    ("region", "吉林", None), ("region", "全国", None), ("region", "不详", None), ("issued", "2017-12-12", None),
    ("city", "火星市", None), ("title", "关于开发区的意见", None),
])
def test_each_value_is_judged_the_same_way(field, value, problem):
    assert fields.problem(field, value) == problem


@pytest.mark.parametrize("typed", ["廣東", "廣東省", "广东", "全國", "內蒙古"])
def test_a_region_typed_in_traditional_script_is_the_region(typed):
    # 廣東 (an HK or Taiwan input method, text pasted from the document) was refused: "must be a province-level
    # region" for --region 廣東 on import and edit, and in the dialogs.
    assert fields.problem("region", typed) is None
    assert fields.checked({"region": typed})["region"] in ("广东省", "全国", "内蒙古自治区")


def test_checked_types_and_cleans_the_changes():
    assert fields.checked({"year": " ２０２１ ", "region": "吉林", "city": "", "title": " 标题 "}) == {
        "year": 2021, "region": "吉林省", "city": None, "title": "标题"}
    with pytest.raises(fields.MetadataError) as caught:
        fields.checked({"title": "标题", "year": "二〇二一年"}, "doc-1")
    assert (caught.value.field, caught.value.problem, caught.value.code) == ("year", "year", "metadata")
    assert str(caught.value).startswith("doc-1: year must be")


def test_update_metadata_refuses_what_the_rules_refuse(tmp_path):
    write_txt(tmp_path / "a.txt", "关于开发区的若干措施\n\n一、总体要求\n\n（一）推动开发区发展。\n")
    doc_id = Library().import_paths([tmp_path / "a.txt"]).imported[0]["doc_id"]
    for changes in ({"title": ""}, {"region": "火星"}, {"year": "20210"}):
        with pytest.raises(fields.MetadataError):
            Library().update_metadata(doc_id, changes)
    doc = Library().update_metadata(doc_id, {"region": "湖北", "year": "2021"})
    assert (doc.region, doc.get("year")) == ("湖北省", 2021) and Corpus().document(doc_id).region == "湖北省"
