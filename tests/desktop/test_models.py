"""The views' Qt models: stale results are dropped."""

from __future__ import annotations

import pytest

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_search_results_model_drops_stale(app):
    from desktop.models import HTML_ROLE, SearchResultsModel
    from index.search.searcher import Hit, SearchResult
    from index.workspace import Workspace

    model = SearchResultsModel(Workspace().corpus)
    hit = Hit(clause_id="hebei-2017-kaifaqu/h1/p1", doc_id="hebei-2017-kaifaqu", region="河北省", score=1.0,
              heading="", path=["开放拉动"], text="壮大开发区招商主体队伍。", snippet="壮大开发区招商主体队伍。",
              highlights=[[5, 7]])
    old, new = model.next_query_id(), model.next_query_id()
    assert model.set_results(new, SearchResult("招商", 1, [hit]))
    assert not model.set_results(old, SearchResult("招商", 2, [hit, hit]))
    assert model.rowCount() == 1
    assert "background-color" in model.index(0, 3).data(HTML_ROLE)


def test_facet_model_ticks_counts_and_tooltips(app, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QPalette

    from desktop.models import FacetModel

    model = FacetModel(tip=lambda key: f"《{key}》")
    model.set_entries([("a", "甲"), ("b", "乙"), ("c", "丙")])
    assert model.rowCount() == 3 and model.ticked() == ()  # all ticked: no filter
    assert [model.data(model.index(r)) for r in range(3)] == ["甲", "乙", "丙"]
    assert model.data(model.index(1), Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(1), Qt.ItemDataRole.ToolTipRole) == "《b》"
    assert model.flags(model.index(0)) & Qt.ItemFlag.ItemIsUserCheckable
    with qtbot.waitSignal(model.ticks_changed):
        assert model.setData(model.index(1), Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert model.ticked() == ("a", "c")
    assert model.data(model.index(1), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    with qtbot.assertNotEmitted(model.ticks_changed):
        model.set_counts({"a": 4})  # counts are not ticks: no new query
        model.set_ticked(1, False)  # already unticked: nothing changes
    assert [model.data(model.index(r)) for r in range(3)] == ["甲（4）", "乙（0）", "丙（0）"]
    # A row without hits is greyed; one with hits, and every row before the first counts, in the list's colour.
    assert model.data(model.index(0), Qt.ItemDataRole.ForegroundRole) is None
    assert model.data(model.index(1), Qt.ItemDataRole.ForegroundRole).color() == \
        QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
    model.set_ticked(0, False)
    model.set_ticked(2, False)
    assert model.ticked() == ("\x00none",)  # none ticked: nothing matches
    model.set_entries([("a", "甲")])
    assert model.ticked() == () and model.data(model.index(0)) == "甲"


def test_a_facet_can_list_the_rows_with_the_most_hits_first_keeping_ticks_and_the_current_row(app, qtbot):
    """At 3,500 documents the few a query finds were scattered through the list in library order."""
    from PySide6.QtCore import QPersistentModelIndex, Qt

    from desktop.models import FacetModel

    model = FacetModel(most_first=True)
    model.set_entries([("a", "甲"), ("b", "乙"), ("c", "丙"), ("d", "丁")])
    model.set_ticked(1, False)  # 乙 unticked
    current = QPersistentModelIndex(model.index(1))
    model.set_counts({"c": 5, "d": 5, "a": 1})
    assert [model.data(model.index(r)) for r in range(4)] == ["丙（5）", "丁（5）", "甲（1）", "乙（0）"]
    assert current.row() == 3 and current.data(Qt.ItemDataRole.UserRole) == "b"
    assert model.data(model.index(3), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert set(model.ticked()) == {"a", "c", "d"}
    model.set_counts({"b": 2})  # another query: ties back in the order given
    assert [model.key(r) for r in range(4)] == ["b", "a", "c", "d"]
    plain = FacetModel()
    plain.set_entries([("a", "甲"), ("b", "乙")])
    plain.set_counts({"b": 3})
    assert [plain.key(r) for r in range(2)] == ["a", "b"]  # regions keep the official order


def test_facet_labels_are_made_only_for_the_rows_shown(app, qtbot):
    """3,500 documents' short titles read at start decoded every document's card on the GUI thread; a row's
    label is asked for when the list first shows it."""
    from PySide6.QtWidgets import QListView

    from desktop.models import FacetModel

    asked = []
    model = FacetModel()
    model.set_keys([f"d{k}" for k in range(3000)], lambda key: asked.append(key) or f"文件{key}")
    assert asked == []
    view = QListView()
    view.setUniformItemSizes(True)
    view.setModel(model)
    view.resize(200, 300)
    view.show()
    qtbot.waitExposed(view)
    assert 0 < len(set(asked)) < 100 and model.data(model.index(2999)) == "文件d2999"


def test_a_word_headings_marks_do_not_show_in_a_search_snippet():
    """Imported Word and Markdown headings are # lines: a hit on one showed ## 鼓励金融创新."""
    from desktop.models import snippet_html

    html = snippet_html({"text": "## 鼓励金融创新", "snippet": "## 鼓励金融创新", "highlights": [[3, 7]]})
    assert "## " not in html and "#鼓" not in html and "鼓励金融" in html


def test_a_facet_filter_hides_rows_without_changing_their_ticks(app, qtbot):
    """The search view's documents' filter box: rows it hides keep their ticks, 只勾选此项 unticks them too,
    and rows counted while it shows some keep the order of their counts."""
    from PySide6.QtCore import Qt

    from desktop.models import FacetModel, matching_keys

    model = FacetModel(most_first=True)
    model.set_entries([("a", "甲"), ("b", "乙"), ("c", "丙"), ("d", "丁")])
    model.set_ticked(1, False)  # 乙 unticked
    with qtbot.assertNotEmitted(model.ticks_changed):
        model.set_shown({"a", "c", "d"})
    assert [model.key(r) for r in range(model.rowCount())] == ["a", "c", "d"] and model.filtered()
    assert model.ticked() == ("a", "c", "d") and model.ticked_count() == 3 and model.total() == 4
    model.set_ticked(0, False)  # 甲, shown
    assert model.ticked() == ("c", "d")
    model.set_counts({"d": 3, "b": 9})
    assert [model.data(model.index(r)) for r in range(3)] == ["丁（3）", "甲（0）", "丙（0）"]
    model.tick_only(0)  # 丁 alone: the hidden 乙 stays unticked
    assert model.ticked() == ("d",)
    model.tick_shown()
    assert model.ticked() == ("a", "c", "d") and model.only_shown_ticked()
    model.set_shown(None)
    assert [model.key(r) for r in range(4)] == ["b", "d", "a", "c"] and not model.filtered()  # by their counts
    assert model.data(model.index(0), Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked  # 乙, hidden till now
    hay = {"x": "嘉兴·开发区活动方案 嘉兴市人民政府办公室", "y": "浙江·指导意见 浙江省商务厅"}
    assert matching_keys(hay, "嘉興 辦公室") == {"x"}  # traditional, two words
    assert matching_keys(hay, "  ") is None and matching_keys(hay, "商务厅") == {"y"}
