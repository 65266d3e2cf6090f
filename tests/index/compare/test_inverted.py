"""A document's units as inverted lists: the first stage of every unit at once, as unit by unit."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.compare import scoring, stats
from index.compare.inverted import DocTerms
from index.compare.units import VectorCache, Vectors, cosine, first_features, units
from index.library.corpus import Corpus

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def bundled():
    corpus = Corpus(ROOT / "content" / "docs", imported_dir=None)
    return corpus, stats.Idf(stats.corpus_stats(corpus))


def test_lists_hold_the_weights_weigh_gives_to_the_bit(bundled):
    corpus, idf = bundled
    doc = units(corpus, "henan-2017-kaifaqu")
    terms = DocTerms([first_features(u) for u in doc], idf)
    lists = terms.text
    for row, unit in enumerate(doc):
        for gram, weight in Vectors(unit, idf).text.items():
            at, n = lists.starts[lists.vocab[gram]], lists.lengths[lists.vocab[gram]]
            rows = lists.rows[at:at + n].tolist()
            assert lists.weights[at + rows.index(row)] == weight  # not approximately: the same products


@pytest.mark.parametrize("target", ["zhejiang-2022-kaifaqu", "jilin-2021-kaifaqu"])
def test_stages_and_cosines_are_the_unit_by_unit_scores(bundled, target):
    corpus, idf = bundled
    pool = units(corpus, target)
    vecs = [Vectors(u, idf) for u in pool]
    terms = DocTerms([first_features(u) for u in pool], idf)
    checked = 0
    for source in units(corpus, "jiaxing-2015-kaifaqu")[:12] + pool[:3]:
        q = Vectors(source, idf)
        stages = terms.stages(q)
        want = [scoring.first_stage(q, v) for v in vecs]
        assert stages == pytest.approx(want, abs=1e-12)
        assert terms.cosines(q.text).tolist() == pytest.approx([cosine(q.text, v.text) for v in vecs], abs=1e-12)
        assert [s == 0.0 for s in stages] == [w == 0.0 for w in want]  # nothing shared: exactly 0.0, as before
        checked += sum(w > 0 for w in want)
    assert checked > 50  # the texts share wording: the sums were exercised, not only zeros


def test_stages_of_several_texts_are_each_texts_stages_to_the_bit(bundled):
    # One product for several texts (the best candidates of a column compared back at once) gives each text's
    # stages exactly as alone: every cell is summed in the same order.
    corpus, idf = bundled
    pool = units(corpus, "zhejiang-2022-kaifaqu")
    terms = DocTerms([first_features(u) for u in pool], idf)
    qs = [Vectors(u, idf) for u in units(corpus, "jiaxing-2015-kaifaqu")[:9]]
    qs.append(Vectors(pool[0], idf))
    qs.insert(3, Vectors(units(corpus, "hebei-2017-kaifaqu")[0], idf))
    got = terms.stages_of(qs)
    assert got == [terms.stages(q) for q in qs]  # not approximately
    assert sum(s > 0 for stages in got for s in stages) > 50
    assert terms.stages_of(qs[:1]) == [terms.stages(qs[0])]
    empty = DocTerms([], idf)
    assert empty.stages_of(qs[:2]) == [[], []]


def test_a_unit_without_sentences_or_shared_bigrams_scores_zero(bundled):
    corpus, idf = bundled
    pool = units(corpus, "hebei-2017-kaifaqu")[:4]
    terms = DocTerms([first_features(u) for u in pool] + [({}, ())], idf)  # a unit with no bigram at all
    q = Vectors(pool[0], idf)
    stages = terms.stages(q)
    assert stages[-1] == 0.0 and stages[0] > 0.9  # itself: cosine 1, each sentence its own best
    empty = DocTerms([], idf)
    assert empty.stages(q) == [] and empty.cosines(q.text).tolist() == []


@pytest.mark.parametrize("doc_id", ["jilin-2021-kaifaqu", "hebei-2017-kaifaqu"])
def test_a_units_vectors_from_the_lists_are_weighs_to_the_bit_in_its_order(bundled, doc_id):
    corpus, idf = bundled
    doc = units(corpus, doc_id)
    terms = DocTerms([first_features(u) for u in doc] + [({}, ())], idf)  # and a unit with no bigram at all
    for i, unit in enumerate(doc):
        want = Vectors(unit, idf)
        text, sentences = terms.vectors(i)
        assert list(text.items()) == list(want.text.items())  # the same floats, in the same order (sums follow it)
        assert [list(s.items()) for s in sentences] == [list(s.items()) for s in want.sentences]
    assert terms.vectors(len(doc)) == ({}, ())
    cache = VectorCache(idf)
    cache.offer(doc, terms)
    got = cache.get(doc[3])
    assert list(got.text.items()) == list(Vectors(doc[3], idf).text.items()) and got.lead == Vectors(doc[3], idf).lead


def test_products_of_many_queries_are_each_cells_sum_in_the_querys_order_to_the_bit(bundled):
    """Several queries at once, with bigrams no unit holds and an empty query: each cell is the sum of its
    shared entries' products added in the query's order, exactly as one query's loop would add them."""
    corpus, idf = bundled
    pool = units(corpus, "zhejiang-2022-kaifaqu")
    terms = DocTerms([first_features(u) for u in pool], idf)
    rows = [terms.vectors(i)[0] for i in range(len(pool))]
    queries = [Vectors(u, idf).text for u in units(corpus, "jilin-2021-kaifaqu")[:6]]
    queries[1] = {"甲乙": 0.5, **queries[1], "丙丁": 0.25}  # bigrams of no unit, before and after
    queries.insert(3, {})
    got = terms.text.products(queries)
    assert got.shape == (len(pool), len(queries))
    shared = 0
    for j, q in enumerate(queries):
        for r, row in enumerate(rows):
            want = 0.0
            for g, x in q.items():
                if g in row:
                    want += row[g] * x
                    shared += 1
            assert got[r, j] == want  # not approximately: the same products, added in the same order
    assert shared > 50 and not got[:, 3].any()


@pytest.mark.parametrize("size", [50, 70_000])
def test_lists_group_each_bigrams_rows_in_row_order_under_any_vocabulary_size(size):
    """Ids sorted as uint16 below 2**16 entries of vocabulary, as they are above: the same lists."""
    import numpy as np

    from index.compare.inverted import Lists

    rng = np.random.default_rng(7)
    sizes = rng.integers(1, 30, 40)
    ids = rng.integers(0, size, int(sizes.sum()))
    lists = Lists({f"g{i}": i for i in range(size)}, ids, np.ones(len(ids), dtype=np.intp), sizes, np.ones(size))
    rows = np.repeat(np.arange(len(sizes)), sizes)
    for g in np.unique(ids).tolist():
        at, n = lists.starts[g], lists.lengths[g]
        assert lists.rows[at:at + n].tolist() == rows[ids == g].tolist()  # every row holding it, in row order
