"""Clause alignment: for one clause, its counterparts in other documents.

Provinces never number alike, so alignment is by subject. For each target
document every unit (``index.compare.units``) gets a cheap first-stage score
(library-IDF bigram cosine and sentence matching); the best few are scored
by the calibrated model (``index.compare.scoring``), whose probability is
the match's ``score`` (0–1) and ``confidence`` (0–100) with a band. A
document whose best candidate stays below the model's cut is "no
counterpart". On a large library the candidates come from the search index
(``index.compare.candidates``) instead of every unit of every document.

A user's pin (``index.compare.comparisons``) overrides the automatic result.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections.abc import Callable, Iterable, Mapping

from index.base.errors import check_cancel
from index.compare import scoring
from index.compare.numbers import extract_numbers
from index.compare.records import Column, Comparison, Evidence, Match
from index.compare.stats import Idf, TermStats, stats_for
from index.compare.topics import find_topic, load_topics, membership, unit_topics
from index.compare.units import Unit, VectorCache, cosine, unit_of, units
from index.compare.wording import matching_text, shared_spans, words
from index.library.clauses import Clause

TOP_K = 8  # candidates per document scored by the full model
EVIDENCE_TERMS = 5
MIN_CLAUSES_FOR_BOILERPLATE = 50


@dataclasses.dataclass
class Context:
    """Everything a comparison needs about the library in its current state."""

    corpus: object
    stats: TermStats
    idf: Idf
    vectors: VectorCache
    model: scoring.Model

    @property
    def highlight_floor(self) -> float:
        # A shared phrase is highlighted if one of its bigrams is in at most ~1 clause in 8.
        n = self.idf.n
        if n < MIN_CLAUSES_FOR_BOILERPLATE:
            return 0.0  # too few clauses to tell boilerplate from subject: keep every phrase
        return max(0.0, math.log((n + 1) / (n / 8 + 0.5)))


_contexts: dict[tuple, Context] = {}
_lock = threading.Lock()


def context(corpus, search_index=None, model: scoring.Model | None = None) -> Context:
    """The comparison context of ``corpus`` now (kept while the library does not change)."""
    stats = stats_for(corpus, search_index)
    model = model or scoring.load_model()
    key = (stats.key, id(model))
    with _lock:
        hit = _contexts.get(key)
        if hit is None or hit.corpus is not corpus:
            idf = Idf(stats)
            hit = Context(corpus, stats, idf, VectorCache(idf), model)
            if len(_contexts) >= 4:
                _contexts.pop(next(iter(_contexts)))
            _contexts[key] = hit
        return hit


@dataclasses.dataclass
class Scored:
    """A candidate unit with its probability and signals."""

    unit: Unit
    probability: float
    values: dict[str, float]


def _reverse_rank(ctx: Context, source: Unit, own_units: list[Unit], cand: Unit) -> int:
    """The source's rank among its own document's units when ``cand`` is compared back (text cosine)."""
    cv = ctx.vectors.get(cand).text
    mine = cosine(cv, ctx.vectors.get(source).text)
    better = sum(1 for u in own_units if u.id != source.id and cosine(cv, ctx.vectors.get(u).text) > mine)
    return better + 1


def rank(ctx: Context, source: Unit, doc_id: str, candidates: list[Unit] | None = None) -> list[Scored]:
    """The best candidate units of ``doc_id`` for ``source``, most probable first (no cut applied).

    Args:
        ctx: the library's comparison context.
        source: the unit compared from.
        doc_id: the target document.
        candidates: the units to consider (default: all the document's units).
    """
    pool = units(ctx.corpus, doc_id) if candidates is None else candidates
    if not pool:
        return []
    q = ctx.vectors.get(source)
    vecs = [ctx.vectors.get(u) for u in pool]
    stages = [scoring.first_stage(q, v) for v in vecs]
    dist = scoring.relative(stages)
    order = sorted(range(len(pool)), key=lambda i: (-stages[i], pool[i].clause.start))
    own = units(ctx.corpus, source.clause.doc_id)
    doc_topic = max((cosine(q.topics, v.topics) for v in vecs), default=0.0)
    out = []
    for r, i in enumerate(order[:TOP_K], start=1):
        unit = pool[i]
        values = scoring.pair_values(q, vecs[i], stages[i], r, _reverse_rank(ctx, source, own, unit),
                                     unit.parent, dist, doc_topic)
        out.append(Scored(unit, ctx.model.probability(values), values))
    out.sort(key=lambda s: (-s.probability, s.unit.clause.start))
    return out


def select(ctx: Context, ranked: list[Scored], limit: int) -> list[Scored]:
    """Apply the calibrated cut: [] for "no counterpart", else the best few worth showing."""
    if not ranked or ranked[0].probability < ctx.model.none_below:
        return []
    return [ranked[0], *(s for s in ranked[1:limit] if s.probability >= ctx.model.show_floor)]


# -- evidence and records --------------------------------------------------------

def evidence(ctx: Context, source_text: str, source_topics: set[str], unit: Unit,
             phrases: list[str] = ()) -> Evidence:
    """Shared key terms, shared topics, shared numbers.

    Key terms: the shared phrases (the highlighted wording), longest and
    rarest first, then the single words both use that are rarest in the library.
    """
    weight = ctx.idf
    floor = ctx.highlight_floor

    def telling(term: str) -> float:
        return max(map(weight, _grams(term)), default=0.0)

    terms: list[str] = []
    for p in sorted(dict.fromkeys(phrases), key=lambda t: (-len(t) * telling(t), t)):
        if not any(p in t for t in terms):
            terms.append(p)
    mine = set(words(matching_text(unit.text)))
    scored = {w: telling(w) for w in dict.fromkeys(words(matching_text(source_text))) if w in mine}
    for w, x in sorted(scored.items(), key=lambda kv: -kv[1]):
        if x >= floor and not any(w in t for t in terms):
            terms.append(w)
    names = {t.id: t.name for t in load_topics()}
    both = [names[t] for t in unit_topics(unit) if t in source_topics]
    found = {(n["kind"], n["value"], n["unit"]): n["text"] for n in extract_numbers(unit.text)}
    theirs = {(n["kind"], n["value"], n["unit"]) for n in extract_numbers(source_text)}
    numbers = [text for key, text in found.items() if key in theirs and key[0] != "year"]
    return Evidence(terms=terms[:EVIDENCE_TERMS], topics=both, numbers=numbers)


def _grams(term: str) -> list[str]:
    return [term[i:i + 2] for i in range(len(term) - 1)] or [term]


def _match(ctx: Context, source: Unit | None, unit: Unit, probability: float | None, pinned: bool,
           source_topics: set[str] | None = None) -> Match:
    band = None if probability is None else ctx.model.band(probability)
    rec = Match(clause_id=unit.id, score=None if probability is None else round(probability, 4),
                confidence=None if probability is None else scoring.confidence(probability), band=band,
                text=unit.text, shared=[], source_shared=[], numbers=extract_numbers(unit.text), pinned=pinned,
                heading=unit.clause.heading, label=unit.clause.label)
    if source is not None:
        sa, sb = shared_spans(source.text, unit.text, weight=ctx.idf, floor=ctx.highlight_floor)
        rec.shared = [list(x) for x in sb]
        rec.source_shared = [list(x) for x in sa]
        norm = matching_text(unit.text)
        rec.evidence = evidence(ctx, source.text, source_topics or set(unit_topics(source)), unit,
                                [norm[s:e] for s, e in sb if e - s >= 3])
    return rec


def _column_docs(corpus, exclude: str | None, doc_ids: Iterable[str] | None) -> list:
    if doc_ids is None:
        return [d for d in corpus.documents() if d.id != exclude]
    return [corpus.document(d) for d in dict.fromkeys(doc_ids) if d != exclude]


def counterparts(corpus, clause_id: str, doc_ids: Iterable[str] | None = None, limit: int = 3,
                 pins: Mapping[str, Mapping] | None = None, cancel: Callable[[], bool] | None = None,
                 search_index=None, model: scoring.Model | None = None) -> Comparison:
    """A clause's counterparts in every other document.

    Args:
        corpus: an ``index.library.corpus.Corpus``.
        clause_id: the clause to start from.
        doc_ids: the documents to show as columns (default: every other one),
            in this order.
        limit: at most this many matches per column.
        pins: ``{doc_id: {"decision": "pin"|"none", "clause_id": ...}}``;
            the user's are applied by ``Workspace.compare``; ``None``: none.
        cancel: polled between documents; True stops with ``Cancelled``.
        search_index: the library's search index; on a large library it gives
            the term statistics and the candidates.
        model: the scoring model (default: the shipped one; for evaluation).

    Returns:
        A ``Comparison`` (``to_dict()``: ``{"source": clause record + "numbers",
        "columns": [{"doc_id", "region", "title", "decision", "matches":
        [{"clause_id", "score", "confidence", "band", "text", "shared",
        "source_shared", "numbers", "pinned", "heading", "label", "evidence"}]}]}``).
        ``matches`` is ``[]`` for "no counterpart" (automatic or the user's
        decision, which ``decision`` tells apart: "auto", "pin" or "none").

    Raises:
        UnknownIdError: the clause or a document does not exist.
        Cancelled: ``cancel`` returned True.
    """
    clause = corpus.clause(clause_id)
    ctx = context(corpus, search_index, model)
    source = unit_of(corpus, clause)
    pins = pins or {}
    record = corpus.clause_record(clause)
    record["numbers"] = extract_numbers(clause.text)
    docs = _column_docs(corpus, clause.doc_id, doc_ids)
    pools = _candidate_pools(ctx, source, [d.id for d in docs], search_index)
    src_topics = set(unit_topics(source))
    columns: list[Column] = []
    for doc in docs:
        check_cancel(cancel, "comparison")
        pin = pins.get(doc.id)
        matches: list[Match] = []
        decision = "auto"
        if pin and pin.get("decision") == "none":
            decision = "none"
        else:
            pool = pools.get(doc.id) if pools is not None else None
            ranked = [] if pools is not None and not pool else rank(ctx, source, doc.id, pool)
            auto = select(ctx, ranked, limit)
            if pin and pin.get("decision") == "pin" and pin.get("clause_id"):
                decision = "pin"
                pinned = corpus.clause(pin["clause_id"])
                unit = unit_of(corpus, pinned)
                p = next((s.probability for s in ranked if s.unit.id == unit.id), None)
                matches.append(_match(ctx, source, unit, p, True, src_topics))
                auto = [s for s in auto if s.unit.id != unit.id][: max(limit - 1, 0)]
            matches += [_match(ctx, source, s.unit, s.probability, False, src_topics) for s in auto]
        columns.append(Column(doc.id, doc.region, doc.title, decision, matches))
    return Comparison(columns=columns, source=record)


def _candidate_pools(ctx: Context, source: Unit, doc_ids: list[str], search_index) -> dict[str, list[Unit]] | None:
    """Candidate units per document from the search index on a large library; None: every unit."""
    if search_index is None or ctx.stats.key[0] != "index":
        return None
    from index.compare.candidates import candidate_units

    return candidate_units(ctx, source, doc_ids, search_index)


def topic_columns(corpus, topic: str, doc_ids: Iterable[str] | None = None,
                  cancel: Callable[[], bool] | None = None, model: scoring.Model | None = None) -> Comparison:
    """Each document's units on one topic, most probable first.

    Args:
        corpus: an ``index.library.corpus.Corpus``.
        topic: a topic id or name (either script).
        doc_ids: the documents to show (default: all).
        cancel: polled between documents; True stops with ``Cancelled``.

    Returns:
        A ``Comparison`` with ``topic`` (the topic dict) and the same column
        shape as ``counterparts``; ``score`` is the calibrated probability that
        the clause treats the topic, ``shared`` is empty (no source clause),
        and ``evidence`` names the topic words found.

    Raises:
        UnknownTopicError: no such topic.
    """
    t = find_topic(topic)
    ctx = context(corpus, None, model)
    columns = []
    for doc in _column_docs(corpus, None, doc_ids):
        check_cancel(cancel, "comparison")
        hits = []
        for unit in units(corpus, doc.id):
            p, words = membership(unit, t.id)
            if p >= ctx.model.topic["cut"]:
                hits.append((p, unit, words))
        hits.sort(key=lambda x: (-x[0], x[1].clause.start))
        matches = []
        for p, unit, words in hits:
            m = _match(ctx, None, unit, p, False)
            m.evidence = Evidence(terms=words[:EVIDENCE_TERMS], topics=[t.name])
            matches.append(m)
        columns.append(Column(doc.id, doc.region, doc.title, "auto", matches))
    return Comparison(columns=columns, topic=t.to_dict())


def prepare() -> None:
    """Build the per-process tables (taxonomy, model, segmenter) ahead of the first comparison.

    Optional: the GUI can call this on a worker thread after start-up.
    """
    scoring.load_model()
    load_topics()
    from index.compare.wording import word_bounds

    word_bounds("开发区")


def warm(corpus, doc_ids: Iterable[str]) -> int:
    """Compute and keep the unit vectors of some documents ahead of time (on a worker).

    Returns:
        How many units were prepared.
    """
    ctx = context(corpus)
    n = 0
    for doc_id in doc_ids:
        for unit in units(corpus, doc_id):
            ctx.vectors.get(unit)
            n += 1
    return n


def is_candidate(clause: Clause, corpus) -> bool:
    """Whether a clause is a unit a comparison can propose."""
    return any(u.id == clause.id for u in units(corpus, clause.doc_id))
