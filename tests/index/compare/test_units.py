"""Units' weighted vectors: the first stage's at once, the candidates' signals' when first read."""

from __future__ import annotations

from pathlib import Path

from index.compare import stats
from index.compare.units import Vectors, features, first_features, units, weigh
from index.library.corpus import Corpus

ROOT = Path(__file__).resolve().parents[3]


def test_vectors_weigh_the_rest_only_when_read_and_as_the_features_say():
    corpus = Corpus(ROOT / "content" / "docs", imported_dir=None)
    idf = stats.Idf(stats.corpus_stats(corpus))
    unit = next(u for u in units(corpus, "jilin-2021-kaifaqu") if u.context and u.clause.heading)
    v = Vectors(unit, idf)
    f = features(unit)
    counts, sentences = first_features(unit)
    assert v.text == weigh(counts, idf) and v.sentences == tuple(weigh(s, idf) for s in sentences)
    assert "_rest" not in vars(v)  # heading, context and topics not computed for the first stage
    assert v.lead == weigh(f.lead, idf) and v.lead
    assert v.context == weigh(f.context, idf) and v.context
    assert v.path == weigh(f.context + f.lead, idf)
    assert v.topics == f.topics and v.length == f.length > 0
    assert v.position == unit.position and v.preamble is (unit.clause.kind == "preamble")


def test_a_caches_vectors_share_a_context_weighed_once_and_equal_their_own_to_the_bit():
    # ``VectorCache`` weighs the headings above a unit once for the units under the same headings; every
    # vector is the one a ``Vectors`` of its own makes, in the same order.
    from index.compare import stats
    from index.compare.units import VectorCache, Vectors, units
    from index.library.corpus import Corpus

    corpus = Corpus(ROOT / "content" / "docs", imported_dir=None)
    idf = stats.Idf(stats.corpus_stats(corpus))
    doc = units(corpus, "jilin-2021-kaifaqu")
    cache = VectorCache(idf)
    got = [cache.get(u) for u in doc]
    for unit, vec in zip(doc, got, strict=True):
        own = Vectors(unit, idf)
        for part in ("lead", "context", "path", "topics"):
            assert list(getattr(vec, part).items()) == list(getattr(own, part).items())
        assert vec.length == own.length
    by_context = {}
    for unit, vec in zip(doc, got, strict=True):
        by_context.setdefault(unit.context, []).append(vec.context)
    shared = [vecs for ctx, vecs in by_context.items() if ctx and len(vecs) > 1]
    assert shared and all(v is vecs[0] for vecs in shared for v in vecs)  # one weighing per context
