"""index.base.highlight: marked text as HTML, and index.base.text's occurrence finding."""

from __future__ import annotations

from index.base.highlight import marked_html, runs
from index.base.text import find_all, find_in_text, occurrences


def test_runs_cut_where_the_marks_change():
    assert runs(6, [(1, 4, "a"), (3, 5, "b")]) == [
        (0, 1, frozenset()), (1, 3, frozenset({"a"})), (3, 4, frozenset({"a", "b"})),
        (4, 5, frozenset({"b"})), (5, 6, frozenset())]
    assert runs(3, [(-5, 99, "a"), (2, 2, "b")]) == [(0, 3, frozenset({"a"}))]  # clipped; empty ignored
    assert runs(0, [(0, 1, "a")]) == []
    assert runs(4, [(0, 2, "a"), (0, 2, "a")]) == [(0, 2, frozenset({"a"})), (2, 4, frozenset())]


def test_marked_html_escapes_and_styles_each_run():
    out = marked_html("a<b\n招商", [(0, 3, "x"), (4, 6, "y")], lambda k: "color:red" if "x" in k else "")
    assert out == '<span style="color:red">a&lt;b</span><br>招商'
    assert marked_html("", [(0, 1, "x")], lambda k: "c") == ""


def test_occurrences_are_found_once():
    assert find_all("aaaa", "aa") == [0, 2]
    assert find_all("aaaa", "aa", overlapping=True) == [0, 1, 2]
    assert find_all("abc", "") == []
    assert occurrences("开发区开发", ["开发", "发区"]) == [(0, 3), (3, 5)]
    text = "推进開發區建设，开发区"
    assert find_in_text(text, "开发区") == [(2, 5), (8, 11)]
