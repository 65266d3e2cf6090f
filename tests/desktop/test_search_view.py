"""The search view: typing a query, facets, opening a result, the query language."""

from __future__ import annotations

import pytest

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_typing_a_query_fills_results(win, qtbot):
    view = win.search_view
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.query.insert("招商")  # typed in two steps: the debounce and stale-drop paths both run
    view.query.insert("引资")
    qtbot.waitUntil(lambda: view.results_count() > 0, timeout=10000)
    rows = view.model.rows
    assert all("招商引" in r["text"] or "招商引" in r["text"].replace("資", "资") for r in rows)
    assert {r["doc_id"] for r in rows} >= {"jilin-2021-kaifaqu", "zhejiang-2022-kaifaqu"}
    assert "7" in view.status.text() or str(len(rows)) in view.status.text()


def test_facet_filter_limits_results(win, qtbot):
    view = win.search_view
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("招商引资")
    qtbot.waitUntil(lambda: view.results_count() > 0, timeout=10000)
    before = view.results_count()
    facets = view.regions.model()
    for row in range(facets.rowCount()):
        if not facets.key(row).startswith("吉林"):
            facets.set_ticked(row, False)
    qtbot.waitUntil(lambda: view.results_count() < before and view.results_count() > 0, timeout=10000)
    assert {r["region"] for r in view.model.rows} == {"吉林省"}


def test_opening_a_result_scrolls_reader_to_clause(win, qtbot):
    view = win.search_view
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("土地")
    qtbot.waitUntil(lambda: view.results_count() > 3, timeout=10000)
    hit = view.model.hit(view.results_count() - 1)  # a late clause, so the reader must scroll
    view.table.doubleClicked.emit(view.model.index(view.results_count() - 1, 0))
    reader = win.current_reader()
    assert reader is not None and reader.doc_id == hit["doc_id"]
    qtbot.waitUntil(lambda: reader.visible_clause_id() == hit["clause_id"])
    clause = win.corpus.clause(hit["clause_id"])
    spans = reader.search_highlights()
    assert spans and all(clause.start <= s < e <= clause.end for s, e in spans)
    assert all("土地" == reader.body[s:e] or reader.body[s:e] in ("土地",) for s, e in spans)


def test_enter_in_search_box_opens_the_selected_result(win, qtbot):
    view = win.search_view
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("招商引资")
    qtbot.waitUntil(lambda: view.results_count() > 1, timeout=10000)
    view.table.selectRow(1)
    hit = view.model.hit(1)
    qtbot.keyClick(view.query, "\r")
    reader = win.current_reader()
    assert reader is not None and reader.doc_id == hit["doc_id"]
    assert reader.current_clause_id() == hit["clause_id"]
    assert reader.search_highlights()


def test_query_language_and_translated_notices(win, qtbot):
    view = win.search_view
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("招商引资 地区:浙江")
    qtbot.waitUntil(lambda: view.results_count() > 0, timeout=10000)
    assert {r["region"] for r in view.model.rows} == {"浙江省"}
    zhejiang = view.results_count()
    view.set_query("招商引资")
    qtbot.waitUntil(lambda: view.results_count() > zhejiang, timeout=10000)
    everything = view.results_count()
    assert any("走出去" in r["text"] for r in view.model.rows)
    view.set_query("招商引资 -走出去")  # exclusion
    qtbot.waitUntil(lambda: 0 < view.results_count() < everything, timeout=10000)
    assert not any("走出去" in r["text"] for r in view.model.rows)
    view.set_query('"招商引资')  # an unbalanced quote: read literally, and the status says so in Chinese
    qtbot.waitUntil(lambda: "提示" in view.status.text(), timeout=10000)
    assert "按字面检索" in view.status.text() and "literally" not in view.status.text()
    assert view.results_count() > 0
    view.set_query("招商引资 地区:火星")  # a filter no document passes: named, not a bare 0
    qtbot.waitUntil(lambda: "火星" in view.status.text(), timeout=10000)
    assert view.results_count() == 0 and "文库中没有符合 地区:火星 的文件" in view.status.text()


def test_a_pasted_passage_says_in_chinese_that_its_sentences_were_searched(win, qtbot):
    """A passage no clause holds whole is searched for its sentences (notice_code passage_parts): the status says
    so in Chinese, not in the engine's English."""
    view = win.search_view
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    texts = [c.text for c in win.corpus.clauses("hebei-2017-kaifaqu") if len(c.text) > 30][:2]
    view.set_query("\n".join(t[:100] for t in texts))
    qtbot.waitUntil(lambda: "没有条款包含整段文字" in view.status.text(), timeout=10000)
    assert view.results_count() >= 2 and "passage" not in view.status.text()


def test_a_query_that_finds_nothing_says_what_to_try(win, qtbot):
    """量子纠缠火星基地 showed 共 0 条相关条款 and an empty table, nothing more."""
    view = win.search_view
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("量子纠缠火星基地")
    qtbot.waitUntil(lambda: "共 0 条" in view.status.text(), timeout=10000)
    assert "更短的词" in view.status.text()
    view.set_query("招商引资 量子纠缠")
    qtbot.waitUntil(lambda: "每个词都须出现" in view.status.text(), timeout=10000)
    assert view.results_count() == 0


def test_result_rows_are_fitted_to_their_text_a_pass_at_a_time(win, qtbot, monkeypatch):
    from desktop import search_view

    monkeypatch.setattr(search_view, "FIT_MS", 0)  # one row a pass
    view = win.search_view
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("开发区")
    qtbot.waitUntil(lambda: view.results_count() > 6, timeout=10000)
    assert not view.rows_fitted()  # the results came: their rows are fitted in the passes after
    qtbot.waitUntil(view.rows_fitted, timeout=10000)
    batched = [view.table.rowHeight(r) for r in range(view.results_count())]
    view.table.resizeRowsToContents()  # all at once, as it was done before
    assert batched == [view.table.rowHeight(r) for r in range(view.results_count())]


def test_a_snippet_is_laid_out_once_for_measuring_and_painting_until_the_results_change(win, qtbot):
    view = win.search_view
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("开发区")
    qtbot.waitUntil(lambda: view.results_count() > 6 and view.rows_fitted(), timeout=10000)
    kept = dict(view.snippets._laid_out)
    assert len(kept) >= view.results_count()  # each row's snippet, measured at the column's width
    view.table.viewport().repaint()  # painting lays out nothing again
    assert view.snippets._laid_out == kept
    view.set_query("招商引资")  # new results: the old layouts are let go
    qtbot.waitUntil(lambda: view._last[0] == "招商引资" and not view._busy and view.rows_fitted(), timeout=10000)
    assert not set(view.snippets._laid_out.values()) & set(kept.values())


def test_the_region_column_fits_every_region_without_asking_each_result_row(win, qtbot):
    from PySide6.QtWidgets import QHeaderView

    from index.library.regions import region_key

    view = win.search_view
    win.show_search()
    header = view.table.horizontalHeader()
    assert header.sectionResizeMode(1) != QHeaderView.ResizeMode.ResizeToContents  # it asked all 200 rows
    regions = {d.region for d in win.corpus.documents()} | {"新疆维吾尔自治区", "内蒙古自治区", "广西壮族自治区"}
    widest = max(view.table.fontMetrics().horizontalAdvance(r) for r in sorted(regions, key=region_key))
    assert view.table.columnWidth(1) > widest  # no region is cut off


def test_scrolling_to_the_last_result_shows_the_next_page(win, qtbot, monkeypatch):
    """At 3,500 documents 招商引资 matched 17,555 clauses and only the first 200 could be seen, ever."""
    from desktop import search_view

    monkeypatch.setattr(search_view, "LIMIT", 6)
    view = win.search_view
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("开发区")
    qtbot.waitUntil(lambda: view.results_count() == 6 and not view._busy, timeout=10000)
    total = view.result.total
    assert total > 12 and f"共 {total} 条相关条款（显示前 6 条" in view.status.text()
    expected = [h.clause_id for h in win.services.index.search("开发区", limit=12).hits]
    view.table.scrollToBottom()  # the view asks the model for more when its last row shows
    qtbot.waitUntil(lambda: view.results_count() == 12, timeout=10000)
    assert [view.model.hit(r)["clause_id"] for r in range(12)] == expected
    assert [h.clause_id for h in view.result.hits] == expected  # what 导出… and print take
    assert "显示前 12 条" in view.status.text()
    qtbot.waitUntil(view.rows_fitted, timeout=10000)  # the new rows are fitted to their text too
    # A page that comes after another query was sent is dropped, and the shown rows stay as they are.
    shown = view.model._shown
    view.model.next_query_id()  # as run_query does when the next query goes out
    page = win.services.index.search("开发区", limit=6, offset=12)
    assert not view.model.append_results(shown, page) and view.results_count() == 12


def test_an_answer_for_another_query_or_a_page_of_nothing_new_adds_no_rows(app, qtbot):
    from desktop.models import SearchResultsModel
    from index.library.corpus import Corpus
    from index.search.searcher import Hit, SearchResult

    corpus = Corpus(imported_dir=None)
    clauses = corpus.clauses("jilin-2021-kaifaqu")[:4]

    def result(cs, total=4):
        r = SearchResult(query="q", total=total)
        r.hits = [Hit(clause_id=c.id, doc_id=c.doc_id, region="吉林省", score=1.0, heading="", path=[], text=c.text,
                      snippet=c.text[:20], highlights=[], snippet_highlights=[]) for c in cs]
        return r

    model = SearchResultsModel(corpus)
    asked = []
    model.more_wanted.connect(lambda qid, offset: asked.append((qid, offset)))
    qid = model.next_query_id()
    assert model.set_results(qid, result(clauses[:2]))
    assert model.canFetchMore() and model.more_available() == 2
    model.fetchMore()
    model.fetchMore()  # asked once until the page comes
    assert asked == [(qid, 2)] and not model.canFetchMore()
    assert not model.append_results(qid, result(clauses[:2]))  # nothing new: the library changed since
    assert model.rowCount() == 2 and not model.canFetchMore()  # and no more asked for this query
    newer = model.next_query_id()
    assert model.set_results(newer, result(clauses[:2]))
    assert model.canFetchMore()
    model.fetchMore()
    assert model.append_results(newer, result(clauses[2:])) and model.rowCount() == 4
    assert not model.canFetchMore() and [r["clause_id"] for r in model.rows] == [c.id for c in clauses]


def test_the_filters_count_hits_only_while_a_query_shows_them(win, qtbot):
    """Before any query the filters must not read 浙江省（0）; after the query is cleared its counts went on
    showing beside an empty result list."""
    view = win.search_view
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    labels = [view.region_model.data(view.region_model.index(r)) for r in range(view.region_model.rowCount())]
    assert labels and not any("（" in label for label in labels), labels
    view.set_query("招商引资")
    qtbot.waitUntil(lambda: view.results_count() > 0, timeout=10000)
    counted = view.region_model.data(view.region_model.index(0))
    assert counted.endswith("）"), counted
    view.set_query("")
    qtbot.waitUntil(lambda: view.results_count() == 0, timeout=10000)
    assert view.region_model.data(view.region_model.index(0)) == labels[0]
    assert view.doc_model.data(view.doc_model.index(0)).count("（") == 0


def test_a_filter_list_ticks_one_row_only_from_its_menu(win, qtbot):
    """At 3,005 documents, searching one document meant unticking the other 3,004 by hand, each untick a new
    search. Right-click on a row: 只勾选此项 ticks it alone (one search), 全部勾选 ticks them all again."""
    from desktop.models import FacetModel

    view = win.search_view
    win.show_search()
    qtbot.waitUntil(lambda: win.services.index is not None, timeout=60000)
    view.set_query("招商引资")
    qtbot.waitUntil(lambda: view.results_count() > 0, timeout=10000)
    assert len({r["doc_id"] for r in view.model.rows}) > 1
    model = view.doc_model
    row = next(r for r in range(model.rowCount()) if model.key(r) == "jilin-2021-kaifaqu")
    searches = []
    model.ticks_changed.connect(lambda: searches.append(1))
    menu = view.facet_menu(view.docs, row)
    only, every = menu.actions()
    assert only.isEnabled() and not every.isEnabled()  # all ticked: nothing to tick again
    only.trigger()
    assert len(searches) == 1 and model.ticked() == ("jilin-2021-kaifaqu",)
    qtbot.waitUntil(lambda: {r["doc_id"] for r in view.model.rows} == {"jilin-2021-kaifaqu"}, timeout=10000)
    menu = view.facet_menu(view.docs, -1)  # on no row: only 全部勾选
    only, every = menu.actions()
    assert not only.isEnabled() and every.isEnabled()
    every.trigger()
    assert len(searches) == 2 and model.ticked() == ()
    qtbot.waitUntil(lambda: len({r["doc_id"] for r in view.model.rows}) > 1, timeout=10000)
    # The regions' list has the same menu.
    region_row = next(r for r in range(view.region_model.rowCount()) if view.region_model.key(r) == "浙江省")
    view.facet_menu(view.regions, region_row).actions()[0].trigger()
    qtbot.waitUntil(lambda: {r["region"] for r in view.model.rows} == {"浙江省"}, timeout=10000)
    # 3,000 rows: one change said once, every row's tick box repainted.
    big = FacetModel()
    big.set_keys([f"doc-{k}" for k in range(3000)], str)
    said, painted = [], []
    big.ticks_changed.connect(lambda: said.append(1))
    big.dataChanged.connect(lambda first, last, roles: painted.append((first.row(), last.row())))
    big.tick_only(1234)
    assert said == [1] and big.ticked() == ("doc-1234",) and painted == [(0, 2999)]


def test_hits_in_documents_of_one_short_title_are_told_apart(app):
    """At 3,005 documents 837 shared their short title with another (five 嘉兴·关于推进开发区整合优化的指导意见):
    the results' 文件 column showed their hits alike. It shows each document's date under its short title, and
    its tooltip the whole title with issuer and number, not the clause's text."""
    from PySide6.QtCore import Qt

    from desktop.models import SearchResultsModel
    from index.search.searcher import Hit, SearchResult

    class Doc:
        def __init__(self, doc_id, issued):
            self.id, self.title, self.short_title = doc_id, "嘉兴市人民政府关于推进开发区整合优化的指导意见", "嘉兴·推进开发区整合优化的指导意见"
            self.card = {"issued": issued, "issuer": "嘉兴市人民政府", "doc_number": f"嘉政发〔{issued[:4]}〕3号"}

        def get(self, key, default=None):
            return self.card.get(key, default)

    class Library:
        docs = {"a": Doc("a", "2016-03-01"), "b": Doc("b", "2021-07-15")}

        def has_document(self, doc_id):
            return doc_id in self.docs

        def document(self, doc_id):
            return self.docs[doc_id]

    model = SearchResultsModel(Library())
    result = SearchResult(query="整合", total=2)
    result.hits = [Hit(clause_id=f"{d}/c1", doc_id=d, region="浙江省", score=1.0, heading="", path=[], text="整合优化",
                       snippet="整合优化", highlights=[], snippet_highlights=[]) for d in ("a", "b")]
    assert model.set_results(model.next_query_id(), result)
    shown = [model.index(r, 0).data() for r in range(2)]
    assert shown[0] != shown[1]
    assert shown[0] == "嘉兴·推进开发区整合优化的指导意见\n2016-03-01"
    tip = model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("嘉兴市人民政府关于推进开发区整合优化的指导意见\n") and "嘉政发〔2021〕3号" in tip
    assert model.index(1, 3).data(Qt.ItemDataRole.ToolTipRole) == "整合优化"  # the snippet's: the clause's text


def test_the_documents_list_is_narrowed_by_a_filter_box_keeping_its_ticks(win, qtbot, monkeypatch):
    """At 3,005 documents the 文件 list showed ~4 characters of a title at each end and nothing narrowed its rows.
    A box above it shows the documents whose title, issuer or number holds every word typed (開發區 as 开发区),
    made on a worker; a row it hides keeps its tick, and typing in it is no new search."""
    import threading

    from PySide6.QtCore import Qt

    from desktop import search_view

    made_on = []
    real = search_view.stored_haystacks
    monkeypatch.setattr(search_view, "stored_haystacks",
                        lambda *a: made_on.append(threading.current_thread()) or real(*a))
    view = win.search_view
    win.show_search()
    model = view.doc_model
    assert model.rowCount() == 5 and "5" in view.doc_count.text()
    searches = []
    model.ticks_changed.connect(lambda: searches.append(1))
    model.set_ticked(next(r for r in range(5) if model.key(r) == "jilin-2021-kaifaqu"), False)
    view.doc_filter.setFocus()
    for ch in "開發區":  # typed (keyClicks takes ASCII only)
        view.doc_filter.insert(ch)
    qtbot.waitUntil(model.filtered, timeout=10000)
    assert made_on and threading.main_thread() not in made_on  # the haystacks: on a worker, once
    shown = {model.key(r) for r in range(model.rowCount())}
    assert shown == {"jilin-2021-kaifaqu", "jiaxing-2015-kaifaqu", "zhejiang-2022-kaifaqu", "henan-2017-kaifaqu"}
    assert "4" in view.doc_count.text() and "5" in view.doc_count.text()
    view.doc_filter.setText("河南 2017")  # every word, anywhere: the region and the year
    assert [model.key(0)] == ["henan-2017-kaifaqu"] and model.rowCount() == 1
    view.doc_filter.setText("豫政办")  # the document number
    assert model.rowCount() == 1 and model.key(0) == "henan-2017-kaifaqu"
    # jilin, hidden, is still unticked; the others, hidden, still ticked; no search was asked by the box.
    assert len(searches) == 1 and "jilin-2021-kaifaqu" not in model.ticked() and len(model.ticked()) == 4
    assert len(made_on) == 1
    # 只勾选显示的 1 项: henan alone, the hidden rows unticked, one search.
    menu = view.facet_menu(view.docs, 0)
    shown_only = menu.actions()[2]
    assert shown_only.isEnabled()
    shown_only.trigger()
    assert model.ticked() == ("henan-2017-kaifaqu",) and len(searches) == 2
    assert not view.facet_menu(view.docs, 0).actions()[2].isEnabled()  # already so
    # Down goes into the list; Esc in the box clears it and every row shows again, the ticks as they were.
    qtbot.keyClick(view.doc_filter, Qt.Key.Key_Down)
    assert view.docs.hasFocus() and view.docs.currentIndex().row() == 0
    view.doc_filter.setFocus()
    qtbot.keyClick(view.doc_filter, Qt.Key.Key_Escape)
    assert view.doc_filter.text() == "" and not model.filtered() and model.rowCount() == 5
    assert model.ticked() == ("henan-2017-kaifaqu",) and len(searches) == 2
    assert len(view.facet_menu(view.docs, 0).actions()) == 2  # no filter: no 只勾选显示的
    # The library changed (an import): the filter stays on the rows listed again, its haystacks made again.
    view.doc_filter.setText("豫政办")
    view.refresh_facets()
    assert model.rowCount() == 1 and model.key(0) == "henan-2017-kaifaqu"
    qtbot.waitUntil(lambda: len(made_on) == 2, timeout=10000)
