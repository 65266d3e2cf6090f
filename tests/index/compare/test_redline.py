"""修订对照: article alignment and character-level changes between two versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.compare.redline import compare, mark_changes
from index.library.corpus import Corpus
from index.library.documents import render_markdown

DATA = Path(__file__).resolve().parents[2] / "data" / "regulations" / "tune"


def corpus_of(tmp_path: Path, **bodies: str) -> Corpus:
    folder = tmp_path / "docs"
    folder.mkdir(exist_ok=True)
    for doc_id, body in bodies.items():
        (folder / f"{doc_id}.md").write_text(
            render_markdown({"id": doc_id, "title": "某某条例", "region": "上海市"}, body), encoding="utf-8")
    return Corpus(content_dir=folder, imported_dir=None)


def regulations(tmp_path: Path, old: str, new: str) -> Corpus:
    return corpus_of(tmp_path, old=(DATA / old).read_text(encoding="utf-8"),
                     new=(DATA / new).read_text(encoding="utf-8"))


def marked(text: str, spans: list) -> list[str]:
    return [text[s:e] for s, e in spans]


def test_a_few_amendments_one_inserted_article_renumbers_the_rest(tmp_path):
    c = regulations(tmp_path, "t01_shanghai_shehuijiuzhu_2018.txt", "t02_shanghai_shehuijiuzhu_2021.txt")
    red = compare(c, "old", "new")
    # 第七条 … 第十二条 are 第六条 … 第十一条 renumbered: unchanged, and counted as renumbered.
    assert red.summary == {"unchanged": 8, "changed": 3, "added": 1, "removed": 0, "moved": 0}
    assert red.renumbered == 4 and red.to_dict()["renumbered"] == 4
    by_new = {r.new.label: r for r in red.rows if r.new}
    assert by_new["第六条"].change == "added" and by_new["第六条"].old is None
    assert by_new["第七条"].change == "unchanged" and by_new["第七条"].old.label == "第六条"  # renumbered only
    assert by_new["第十二条"].change == "unchanged"
    fifth = by_new["第五条"]
    assert fifth.change == "changed" and fifth.old_spans == []
    assert marked(fifth.new.text, fifth.new_spans) == ["、退役军人事务"]
    tenth = by_new["第十条"]
    assert (marked(tenth.old.text, tenth.old_spans), marked(tenth.new.text, tenth.new_spans)) == (["六"], ["八"])
    assert [r.new.label for r in red.rows] == [f"第{n}条" for n in
                                               "一 二 三 四 五 六 七 八 九 十 十一 十二".split()]


def test_a_heavy_revision_most_articles_changed(tmp_path):
    c = regulations(tmp_path, "t29_xingzheng_fuyifa_2017.txt", "t30_xingzheng_fuyifa_2023.txt")
    red = compare(c, "old", "new")
    s = red.summary
    assert s["changed"] + s["moved"] + s["removed"] >= 8 and s["unchanged"] == 2  # of 12 old articles
    assert sum(s.values()) == len(red.rows)
    pairs = {(r.old.label if r.old else None, r.new.label if r.new else None): r.change for r in red.rows}
    assert pairs[("第十一条", "第十二条")] == "unchanged"  # the fee article: renumbered, same words
    assert pairs[("第八条", "第十条")] == "moved"  # the 60-day article moved past others and changed
    assert pairs[("第十二条", "第十三条")] == "changed"  # 施行: a new date, the old repeal clause gone
    assert pairs[("第一条", "第一条")] == "changed"
    first = next(r for r in red.rows if r.old and r.old.label == "第一条")
    assert "具体" in marked(first.old.text, first.old_spans)
    assert "监督和保障" in marked(first.new.text, first.new_spans)
    for row in red.rows:
        for unit, spans in ((row.old, row.old_spans), (row.new, row.new_spans)):
            for start, end in spans:
                assert unit is not None and 0 <= start < end <= len(unit.text)
                assert unit.text[start:end].strip()
    # removed articles stand after the kept article before them
    order = [(r.old.label if r.old else "", r.change) for r in red.rows]
    assert order.index(("第三条", "removed")) == order.index(("第二条", "changed")) + 1


def test_identical_bodies_are_unchanged_whatever_their_number_place_or_spacing(tmp_path):
    old = "第一条　甲乙丙丁。\n\n第二条　戊己庚辛。\n\n第三条　本条例自2020年1月1日起施行。\n"
    new = ("第一条　戊己 庚辛。\n\n第二条　新增一条，讲开发区。\n\n第三条　甲乙丙丁。\n\n"
           "第四条　本条例自2021年1月1日起施行。\n")
    red = compare(corpus_of(tmp_path, old=old, new=new), "old", "new")
    changes = {(r.old.label if r.old else None, r.new.label if r.new else None): r for r in red.rows}
    assert changes[("第一条", "第三条")].change == "unchanged" and changes[("第一条", "第三条")].moved
    assert changes[("第二条", "第一条")].change == "unchanged"
    assert changes[(None, "第二条")].change == "added"
    third = changes[("第三条", "第四条")]
    assert third.change == "changed" and marked(third.new.text, third.new_spans) == ["1"]


def test_an_article_rewritten_in_place_is_changed_not_removed_beside_one_added(tmp_path):
    # "第二条修改为：…": the same number, other words, between the same neighbours. It read 0 条修改, 1 条新增,
    # 1 条删除, with 〔删除〕（删除） on the new side.
    old = "第一条　甲乙丙丁。\n\n第二条　开发区管理委员会应当公开知识产权保护体系。\n\n第三条　戊己庚辛。\n"
    new = "第一条　甲乙丙丁。\n\n第二条　财政部门鼓励建立土地供应和使用管理制度。\n\n第三条　戊己庚辛。\n"
    red = compare(corpus_of(tmp_path, old=old, new=new), "old", "new")
    assert [(r.old.label, r.new.label, r.change) for r in red.rows] == [
        ("第一条", "第一条", "unchanged"), ("第二条", "第二条", "changed"), ("第三条", "第三条", "unchanged")]
    assert red.summary["changed"] == 1 and red.summary["added"] == red.summary["removed"] == 0


def test_a_removed_article_is_marked_once_and_a_renumbered_one_is_marked(tmp_path):
    from index.reports.html_redline import redline_body
    from index.reports.redline_table import redline_table

    old = "第一条　甲乙丙丁。\n\n第二条　开发区应当公开知识产权保护体系。\n\n第三条　戊己庚辛。\n"
    new = "第一条　甲乙丙丁。\n\n第二条　戊己庚辛。\n"
    red = compare(corpus_of(tmp_path, old=old, new=new), "old", "new")
    assert red.summary["removed"] == 1 and red.renumbered == 1
    table = redline_table(red, unchanged=True)
    body = redline_body(table, header=False)
    assert body.count("删除") == 1  # 〔删除〕 alone, not 〔删除〕（删除）
    assert "〔序号调整〕" in body and "其中 1 条序号调整" in table.summary


def test_a_moved_and_edited_article_is_moved(tmp_path):
    old = ("第一条　开发区应当推行标准地出让，提高土地利用效率，严格执行亩均税收标准。\n\n"
           "第二条　开发区管理机构应当优化营商环境。\n\n第三条　开发区应当加强安全生产监督管理工作。\n")
    new = ("第一条　开发区管理机构应当优化营商环境。\n\n第二条　开发区应当加强安全生产监督管理工作。\n\n"
           "第三条　开发区应当推行标准地出让，提高土地利用效率，严格执行亩均效益标准。\n")
    red = compare(corpus_of(tmp_path, old=old, new=new), "old", "new")
    moved = [r for r in red.rows if r.change == "moved"]
    assert len(moved) == 1 and (moved[0].old.label, moved[0].new.label) == ("第一条", "第三条")
    assert marked(moved[0].old.text, moved[0].old_spans) == ["税收"]
    assert red.summary["moved"] == 1 and red.summary["unchanged"] == 2


def test_a_change_of_script_is_no_change(tmp_path):
    old = "第一条　為了促進開發區發展，制定本條例。\n"
    new = "第一条　为了促进开发区发展，制定本条例。\n"
    red = compare(corpus_of(tmp_path, old=old, new=new), "old", "new")
    assert [r.change for r in red.rows] == ["unchanged"]


def test_documents_without_articles_compare_clause_by_clause(tmp_path):
    old = "一、总体要求\n\n（一）指导思想。推动开发区高质量发展。\n\n（二）发展目标。到2025年建成。\n"
    new = "一、总体要求\n\n（一）指导思想。推动开发区高质量发展。\n\n（二）发展目标。到2027年建成。\n\n（三）基本原则。创新驱动。\n"
    red = compare(corpus_of(tmp_path, old=old, new=new), "old", "new")
    assert [(r.new.label if r.new else None, r.change) for r in red.rows] == [
        ("一、", "unchanged"), ("（一）", "unchanged"), ("（二）", "changed"), ("（三）", "added")]


def test_json_record_shape(tmp_path):
    c = regulations(tmp_path, "t01_shanghai_shehuijiuzhu_2018.txt", "t02_shanghai_shehuijiuzhu_2021.txt")
    data = compare(c, "old", "new").to_dict()
    assert data["old"] == "old" and data["new"] == "new"
    assert set(data["summary"]) == {"unchanged", "changed", "added", "removed", "moved"}
    added = next(r for r in data["rows"] if r["change"] == "added")
    assert added["old_clause"] is None and added["new_clause"].endswith("/art6") and added["old_spans"] == []
    for row in data["rows"]:
        assert {"old_clause", "new_clause", "change", "old_spans", "new_spans"} <= row.keys()


@pytest.mark.parametrize(("old", "new", "deleted", "inserted"), [
    ("第一条　甲乙丙。", "第二条　甲乙丙丁。", [], ["丁"]),  # the number is not the text
    ("第一条　甲 乙\n丙。", "第一条　甲乙丙。", [], []),
])
def test_mark_changes_ignores_numbers_and_whitespace(old, new, deleted, inserted):
    a, b = mark_changes(old, 4, new, 4)
    assert marked(old, a) == deleted and marked(new, b) == inserted
