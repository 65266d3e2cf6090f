"""The views' Qt models: stale results are dropped."""

from __future__ import annotations

import pytest

# Qt warnings fail a test; the offscreen platform's size-hint notice is expected.
pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore(r".*propagateSizeHints.*")]


def test_search_results_model_drops_stale(app):
    from desktop.models import SearchResultsModel
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
    assert "background-color" in model.rows[0]["snippet_html"]
