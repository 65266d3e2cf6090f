"""The library tree: regions, counts, drafts flagged."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from desktop.models import ID_ROLE, KIND_ROLE

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def shown_docs(lib, parent=None) -> int:
    """The document rows the filtered tree holds (earlier versions under their latest count too)."""
    parent = lib.tree.rootIndex() if parent is None else parent
    n = 0
    for row in range(lib.proxy.rowCount(parent)):
        idx = lib.proxy.index(row, 0, parent)
        n += (idx.data(KIND_ROLE) == "doc") + shown_docs(lib, idx)
    return n


def test_library_groups_by_region_and_counts(idle_win):
    lib = idle_win.library
    regions = lib.model.groups()
    assert any(r.startswith("浙江省") and "2" in r for r in regions)
    assert lib.model.document_count() == 5
    first = lib.model.index(0, 0)  # a narrow dock elides a long region (新疆维吾尔自治区（95）): the tip shows it whole
    assert first.data(Qt.ItemDataRole.ToolTipRole) == first.data() == regions[0]
    assert lib.model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) is None
    lib.filter_edit.setText("吉林")
    assert shown_docs(lib) == 1
    lib.filter_edit.setText("開發區")  # traditional filter finds simplified titles too
    assert shown_docs(lib) >= 3


def test_draft_is_flagged(idle_win):
    lib = idle_win.library
    flags = []
    model = lib.model
    for r in range(model.rowCount()):
        region = model.index(r, 0)
        for lr in range(model.rowCount(region)):
            level = model.index(lr, 0, region)
            for dr in range(model.rowCount(level)):
                flags.append(model.index(dr, 1, level).data())
    assert sum("征求意见稿" in f for f in flags) == 1
    # 正式, the state of the other four, is not repeated on every row (the details say it): the column
    # marks only what is worth a look.
    assert flags.count("") == 4 and "正式" not in "".join(flags)


@pytest.fixture
def large(monkeypatch):
    """The library tree as it is past 300 documents: regions closed, their rows made when opened."""
    from desktop import library_view
    from desktop.models import LibraryModel

    monkeypatch.setattr(LibraryModel, "BUILD_ALL_UP_TO", 0)
    monkeypatch.setattr(library_view, "EXPAND_ALL_UP_TO", 0)


def _region(lib, prefix: str):
    root = lib.tree.rootIndex()
    return next(lib.proxy.index(r, 0, root) for r in range(lib.proxy.rowCount(root))
                if lib.proxy.index(r, 0, root).data().startswith(prefix))


def test_a_large_librarys_region_gets_its_rows_when_opened(idle_win, large):
    lib = idle_win.library
    lib.tree.collapseAll()
    lib.refresh()
    zhejiang = _region(lib, "浙江省")
    assert lib.model.rowCount(lib.proxy.mapToSource(zhejiang)) == 0  # not made yet
    assert lib.proxy.hasChildren(zhejiang) and not lib.tree.isExpanded(zhejiang)
    lib.tree.expand(zhejiang)
    assert lib.proxy.rowCount(zhejiang) >= 1
    level = lib.proxy.index(0, 0, zhejiang)
    docs = [lib.proxy.index(r, 0, level).data(ID_ROLE) for r in range(lib.proxy.rowCount(level))]
    assert docs and all(idle_win.corpus.document(d).region == "浙江省" for d in docs)
    jilin = _region(lib, "吉林省")
    assert lib.model.rowCount(lib.proxy.mapToSource(jilin)) == 0
    lib.filter_edit.setText("吉林")  # the filter looks at documents of regions never opened
    assert shown_docs(lib) == 1
    lib.filter_edit.setText("")
    doc_id = next(d.id for d in idle_win.corpus.documents() if d.region == "河南省")
    assert lib.select_document(doc_id) and lib.tree.currentIndex().data(ID_ROLE) == doc_id


def test_a_refresh_keeps_open_regions_and_the_current_document_and_shows_new_ones(idle_win, large, tmp_path):
    from tests.desktop.conftest import import_into

    lib = idle_win.library
    lib.tree.collapseAll()
    lib.refresh()
    lib.tree.expand(_region(lib, "浙江省"))
    current = next(d.id for d in idle_win.corpus.documents() if d.region == "吉林省")
    assert lib.select_document(current)
    report, _changes = import_into(idle_win.services, tmp_path / "a.txt")
    assert lib.model.document_count() == 6 and any(g.startswith("云南省") for g in lib.model.groups())
    assert lib.tree.isExpanded(_region(lib, "浙江省")) and lib.tree.isExpanded(_region(lib, "吉林省"))
    assert not lib.tree.isExpanded(_region(lib, "河南省"))
    assert lib.tree.currentIndex().data(ID_ROLE) == current
    assert lib.select_document(report.imported[0]["doc_id"])


def test_a_filter_matching_many_documents_shows_their_regions_closed(idle_win, monkeypatch):
    """A first character typed matches most of a 3,500-document library: opening every region froze the
    window; past ``EXPAND_MATCHES_UP_TO`` matches the regions holding them show, closed, with the count."""
    from desktop import library_view

    lib = idle_win.library
    monkeypatch.setattr(library_view, "EXPAND_MATCHES_UP_TO", 2)
    lib.filter_edit.setText("开发区")  # every bundled title but none: more than 2
    root = lib.tree.rootIndex()
    regions = [lib.proxy.index(r, 0, root) for r in range(lib.proxy.rowCount(root))]
    assert regions and not any(lib.tree.isExpanded(r) for r in regions)
    assert shown_docs(lib) == len(lib.proxy.accepted) >= 3
    assert f"{len(lib.proxy.accepted)} / 5" in lib.count_label.text()  # 显示 4 / 5 份文件
    assert all(int(r.data().split("（")[1].rstrip("）")) == shown_docs(lib, r) for r in regions)  # what matches
    lib.filter_edit.setText("吉林")  # one match: opened down to it
    jilin = _region(lib, "吉林省")
    assert lib.tree.isExpanded(jilin) and shown_docs(lib) == 1 and jilin.data() == "吉林省（1）"
    lib.filter_edit.setText("")  # no filter: the regions count all their documents again
    assert _region(lib, "浙江省").data() == "浙江省（2）"


def test_the_filter_is_prepared_on_a_worker_and_kept_only_for_the_listing_it_was_made_for(idle_win, qtbot):
    from desktop.models import filter_haystacks

    lib = idle_win.library
    model = lib.model
    model._hay = None
    listing = model.listing()
    assert listing is not None
    lib.prepare_filter(idle_win.services)
    lib._prepare_timer.stop()
    lib._prepare()  # now, not after PREPARE_AFTER_MS
    qtbot.waitUntil(lambda: model._hay is not None and lib._preparing is None, timeout=10000)
    assert model.listing() is None  # made: nothing left to prepare
    here = filter_haystacks(model._docs.values())  # what the first keystroke would have made on this thread
    assert model._hay == here and any("开发区" in hay for hay in here.values())
    assert model.matching("开发区") == {d for d, hay in here.items() if "开发区" in hay}
    model._hay = None
    listing = model.listing()
    model.reload()  # the library changed meanwhile: what was made for the listing before is not installed
    assert not model.set_haystacks(listing, here) and model._hay is None
    assert not model.set_haystacks(model.listing(), dict(list(here.items())[1:]))  # not every document's
    assert model.set_haystacks(model.listing(), here) and model._hay is here


def test_bringing_a_reader_to_the_front_shows_its_document_in_the_library(idle_win, large):
    """A document opened from search or a comparison left the library where it was (at 3,500 documents, every
    region closed): nothing said where the document read stands. Only its own region's rows are made."""
    lib = idle_win.library
    lib.tree.collapseAll()
    lib.refresh()
    idle_win.open_document("henan-2017-kaifaqu")
    idle_win.open_document("jilin-2021-kaifaqu")
    assert lib.selected_document() == "jilin-2021-kaifaqu"
    jilin = _region(lib, "吉林省")
    assert lib.tree.isExpanded(jilin) and lib.tree.isExpanded(lib.tree.currentIndex().parent())
    assert lib.model.rowCount(lib.proxy.mapToSource(_region(lib, "浙江省"))) == 0  # other regions not made
    idle_win.tabs.setCurrentIndex(idle_win.tabs.indexOf(idle_win.open_document("henan-2017-kaifaqu", focus=False)))
    assert lib.selected_document() == "henan-2017-kaifaqu"
    lib.filter_edit.setText("吉林")  # a filter that hides the document: the selection stays
    assert not lib.select_document("henan-2017-kaifaqu")


def test_compare_versions_with_no_reader_in_front_takes_the_librarys_document(idle_win, monkeypatch):
    """前往 → 修订对照 (Ctrl+Shift+D) from the search tab asked the library for a method it did not have."""
    shown = []
    monkeypatch.setattr(type(idle_win), "show_redline", lambda self, doc_id=None, new_id=None: shown.append(doc_id))
    idle_win.show_search()
    assert idle_win.library.select_document("henan-2017-kaifaqu")
    idle_win._redline_of_current()
    assert shown == ["henan-2017-kaifaqu"]
    idle_win.library.tree.setCurrentIndex(idle_win.library.tree.model().index(0, 0))  # a region row: no document
    idle_win._redline_of_current()
    assert shown == ["henan-2017-kaifaqu", None]


def test_a_provinces_levels_come_in_the_official_order(idle_win):
    # 浙江省 holds a 省级 policy and 嘉兴's 市级 one: 市级 sorted first by its characters (市 < 省).
    lib = idle_win.library
    zhejiang = next(lib.model.index(r, 0) for r in range(lib.model.rowCount()) if lib.model.index(r, 0).data()
                    .startswith("浙江省"))
    levels = [lib.model.index(r, 0, zhejiang).data() for r in range(lib.model.rowCount(zhejiang))]
    assert [lv.split("（")[0] for lv in levels] == ["省级", "市级"]


def test_level_key_orders_levels_as_official_lists_do():
    from index.library.regions import level_key

    assert sorted(["县级", "市级", "其他", "国家级", "省级", None], key=level_key) == \
        ["国家级", "省级", "市级", "县级", "其他", None]


def test_removing_the_selected_document_clears_its_details(idle_win, qtbot, tmp_path):
    # The pane kept the removed document's title, status and clause count while no row was selected.
    from tests.desktop.conftest import import_into, settled

    lib = idle_win.library
    report, _changes = import_into(idle_win.services, tmp_path / "a.txt")
    doc_id = report.imported[0]["doc_id"]
    assert lib.select_document(doc_id) and "云南省" in lib.detail.text()
    _doc, changes = idle_win.services.workspace.remove_document(doc_id)
    idle_win.services.apply(changes)
    settled(idle_win.services)
    assert not idle_win.corpus.has_document(doc_id)
    assert lib.selected_document() is None and lib.detail.text() == ""



def test_enter_and_down_in_the_filter_reach_its_matches(idle_win, qtbot, monkeypatch):
    """Enter in the filter box did nothing and Down stayed in it: the matches were reached by the mouse only.
    Down makes the first match current (its region opened even when many matches show closed), Enter opens it."""
    from desktop import library_view

    lib = idle_win.library
    opened = []
    lib.document_activated.connect(opened.append)
    lib.filter_edit.setText("吉林")
    lib.tree.setCurrentIndex(lib.tree.rootIndex())
    qtbot.keyClick(lib.filter_edit, Qt.Key.Key_Return)
    jilin = lib.selected_document()
    assert jilin and opened == [jilin] and "吉林" in lib.corpus.document(jilin).title
    monkeypatch.setattr(library_view, "EXPAND_MATCHES_UP_TO", 0)  # every match under a closed region
    lib.filter_edit.setText("开发区")
    lib.tree.setCurrentIndex(lib.tree.rootIndex())
    qtbot.keyClick(lib.filter_edit, Qt.Key.Key_Down)
    first = lib.selected_document()
    assert first in lib.proxy.accepted and lib.tree.currentIndex().data(KIND_ROLE) == "doc"
    assert lib.tree.isExpanded(lib.tree.currentIndex().parent()) and opened == [jilin]
    qtbot.keyClick(lib.filter_edit, Qt.Key.Key_Return)  # the current match, not the first again
    assert opened == [jilin, first]
    lib.filter_edit.setText("没有这样的文件")
    qtbot.keyClick(lib.filter_edit, Qt.Key.Key_Return)
    qtbot.keyClick(lib.filter_edit, Qt.Key.Key_Down)
    assert opened == [jilin, first] and lib.selected_document() is None


def test_a_filter_matching_nothing_says_so_and_offers_the_text_search(idle_win, qtbot):
    """A filter matching no document left a blank list (the count below said 0 of 5): it is said under the box,
    with a link that searches the documents' text for the same words."""
    lib = idle_win.library
    lib.filter_edit.setText("亩均<论英雄>")
    assert not lib.no_match.isHidden() and "亩均&lt;论英雄&gt;" in lib.no_match.text()
    lib.no_match.linkActivated.emit("search")
    assert idle_win.tabs.currentWidget() is idle_win.search_view
    assert idle_win.search_view.query.text() == "亩均<论英雄>"
    lib.filter_edit.setText("吉林")
    assert lib.no_match.isHidden()


def test_a_documents_title_has_the_panels_width_and_its_status_stays_on_the_row(idle_win):
    """The 状态 column took ~110 px of a narrow panel and each level indented 20 px: titles showed 6–9
    characters. The status is drawn at the end of the document's second line; the column is hidden."""
    lib = idle_win.library
    lib.filter_edit.setText("浙江省")
    draft = next(d for d in lib.proxy.accepted if lib.corpus.document(d).get("status") == "征求意见稿")
    assert lib.select_document(draft)
    row = lib.tree.currentIndex()
    assert lib.tree.isColumnHidden(1) and lib.tree.isHeaderHidden()
    depth = 3  # region > level > document
    assert lib.tree.visualRect(row).right() >= lib.tree.viewport().width() - 2
    assert lib.tree.visualRect(row).left() <= depth * 16
    assert "征求意见稿" in row.siblingAtColumn(1).data()  # what the delegate draws at the line's end
