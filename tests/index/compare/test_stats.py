"""Library statistics: counted over the user's whole library and following it as it grows."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.compare import align, stats
from index.library.corpus import Corpus
from index.reports.spans import find_numbers


def _doc(folder: Path, doc_id: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc_id}.md").write_text(f"---\nid: {doc_id}\ntitle: {doc_id}\nregion: 甲省\n---\n\n{body}\n",
                                         encoding="utf-8")


def test_frequencies_come_from_the_library_and_follow_imports(tmp_path):
    bundled, imported = tmp_path / "docs", tmp_path / "documents"
    _doc(bundled, "a", "第一条　开发区应当推行标准地出让。\n\n第二条　开发区应当建立链长制。")
    corpus = Corpus(bundled, imported_dir=imported)
    before = stats.corpus_stats(corpus)
    assert before.df("应当") == 2 and before.df("链长") == 1 and before.clauses == 2
    _doc(imported, "b", "第一条　开发区应当建立链长制，推行链主企业培育。")
    corpus.reload()
    after = stats.corpus_stats(corpus)
    assert after.key != before.key
    assert after.df("链长") == 2 and after.clauses == 3
    assert align.context(corpus).stats.key == after.key  # comparisons use the library as it is now


def test_idf_of_a_term_in_every_clause_is_zero():
    corpus = Corpus(imported_dir=None)
    idf = stats.Idf(stats.corpus_stats(corpus))
    assert idf("开发") < 0.5 < idf("链长")


def test_numbers_have_one_definition():
    # 500强 was taught to the comparison's extractor only; exports now use the same one.
    text = "招引一批世界500强企业，亩均税收不低于30万元。"
    assert [text[s:e] for s, e in find_numbers(text)] == ["500强", "30万元"]


def _fresh_df(corpus, gram: str) -> int:
    from index.compare.wording import bigrams, matching_text

    return sum(gram in set(bigrams(matching_text(c.text))) for c in corpus.all_clauses())


def test_running_totals_equal_a_fresh_count_after_imports_edits_and_removals(tmp_path):
    bundled, imported = tmp_path / "docs", tmp_path / "documents"
    _doc(bundled, "a", "第一条　开发区应当推行标准地出让。\n\n第二条　开发区应当建立链长制。")
    _doc(imported, "b", "第一条　开发区应当建立链长制。")
    _doc(imported, "c", "第一条　推行标准地。\n\n第二条　链长制。")
    corpus = Corpus(bundled, imported_dir=imported)
    first = stats.corpus_stats(corpus)
    assert first.df("链长") == 3 and first.clauses == 5
    (imported / "c.md").unlink()  # removed
    _doc(imported, "b", "第一条　开发区应当推行标准地出让。")  # edited: no longer mentions 链长
    _doc(imported, "d", "第一条　链长制。\n\n第二条　链长。")  # added
    corpus.reload()
    now = stats.corpus_stats(corpus)
    for gram in ("链长", "标准", "应当", "开发"):
        assert now.df(gram) == _fresh_df(corpus, gram), gram
    assert now.clauses == len(list(corpus.all_clauses())) == 5
    assert first.df("链长") == 3  # a snapshot keeps the numbers of its library state


def test_frequencies_asked_of_the_index_are_kept_for_the_next_command_in_the_same_index_state(tmp_path):
    from index.library.manifest import Manifest
    from index.search.searcher import SearchIndex

    corpus = Corpus(imported_dir=None)
    index = SearchIndex(corpus, tmp_path / "index")
    index.ensure()
    manifest = Manifest(tmp_path / "manifest.sqlite")
    try:
        first = stats.IndexStats(index, manifest)
        asked = {g: first.df(g) for g in ("开发", "链长", "营商", "无此")}
        assert asked["开发"] > asked["链长"] > 0 and asked["无此"] == 0
        first.keep()

        class Unasked:  # the same index state, but asking its term dictionary fails
            def __getattr__(self, name):
                return getattr(index, name)

            def term_frequency(self, gram):
                raise AssertionError(f"asked the index for {gram}")

        again = stats.IndexStats(Unasked(), Manifest(tmp_path / "manifest.sqlite"))
        assert {g: again.df(g) for g in asked} == asked

        class Changed(Unasked):  # another index state: the stored frequencies do not hold
            def generation_key(self):
                return "another generation"

        with pytest.raises(AssertionError, match="asked the index"):
            stats.IndexStats(Changed(), Manifest(tmp_path / "manifest.sqlite")).df("开发")
    finally:
        index.close()
        manifest.close()
