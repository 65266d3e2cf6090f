"""The compare view's document chooser on a library of many documents: a few columns, filters to add more."""

from __future__ import annotations

from index.library.documents import render_markdown
from index.library.shortlist import DEFAULT_COLUMNS

REGIONS = ["浙江省", "江苏省", "河南省", "吉林省", "广东省", "四川省", "山东省", "湖北省", "福建省", "安徽省"]


def _library(home, n=60):
    docs = home / "documents"
    docs.mkdir(exist_ok=True)
    for k in range(n):
        region = REGIONS[k % len(REGIONS)]
        meta = {"id": f"gen-{k:03d}", "title": f"{region}开发区招商引资办法{k}", "region": region, "level": "省级",
                "year": 2001 + k % 24}
        (docs / f"gen-{k:03d}.md").write_text(render_markdown(meta, "第一条 加强招商引资，设立招商专班。\n"),
                                             encoding="utf-8")


def test_many_documents_open_a_few_columns_and_filters_add_more(zoneref_home, open_window, qtbot):
    from PySide6.QtCore import QItemSelectionModel

    _library(zoneref_home)
    win = open_window(restore=False)
    view = win.compare_view
    view.set_doc_order([])
    win.compare_clause("jilin-2021-kaifaqu/c3/s12")
    qtbot.waitUntil(view.is_ready, timeout=60000)
    assert len(win.corpus.documents()) == 65
    assert 1 < len(view.columns) <= DEFAULT_COLUMNS + 1  # the source and the documents that matter
    assert view.doc_list.count() == len(view.columns) - 1  # the chooser lists the compared ones, not all 65

    view._toggle_docs()  # 文件… opens the chooser
    view.region_box.setCurrentIndex(view.region_box.findData("福建省"))
    view._filter_matches()
    listed = [view.matches.docs[r] for r in range(view.matches.rowCount())]
    assert listed and all(d.region == "福建省" for d in listed)
    assert not set(d.id for d in listed) & set(view.chosen_docs())
    view.year_from.setValue(2010)
    listed = view.matches.docs
    assert listed and all(d.get("year") >= 2010 for d in listed)
    pick = listed[0].id
    view.match_view.selectionModel().select(view.matches.index(0), QItemSelectionModel.SelectionFlag.Select)
    view._add_selected()
    qtbot.waitUntil(lambda: view.is_ready() and pick in view.column_doc_ids(), timeout=60000)
    assert view.chosen_docs()[-1] == pick  # added as the last column, and remembered
