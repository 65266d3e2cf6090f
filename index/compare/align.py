"""Clause alignment: for one clause, its counterparts in other documents.

Provinces never number alike, so alignment is by subject. For each target
document every unit (``index.compare.units``) gets a cheap first-stage score
(library-IDF bigram cosine and sentence matching); the best few are scored
by the calibrated model (``index.compare.scoring``; the best five are
compared back to the source's document, so that A→B and B→A agree), whose
probability is the match's ``score`` (0–1) and ``confidence`` (0–100) with
a band. A document whose best candidate stays below the model's cut is "no
counterpart". On a large library the candidates come from the search index
(``index.compare.candidates``) instead of every unit of every document.

A user's pin (``index.compare.comparisons``) overrides the automatic result.
"""

from __future__ import annotations

import dataclasses
import math
import operator
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from itertools import islice, repeat
from pathlib import Path

import numpy as np

from index.base.errors import check_cancel
from index.compare import frames, scoring, topics, unitstore, wording
from index.compare.inverted import DocTerms
from index.compare.numbers import extract_numbers
from index.compare.records import Column, Comparison, Evidence, Match
from index.compare.reverse import BACK_K, relation, reverse_of
from index.compare.stats import Idf, TermStats, keep, stats_for
from index.compare.topics import document_topics, find_topic, load_topics, membership, unit_topics
from index.compare.units import Unit, VectorCache, cosine, first_features, unit_of, units
from index.compare.wording import bigrams, load_segmenter_ahead, matching_text, shared_spans, words
from index.library.clauses import Clause

TOP_K = 15  # candidates per document scored by the models
ROLE_EXTRA = 4  # more candidates per document: units in the source's frame role below the first TOP_K
BRIDGES = 10  # other documents whose best candidates form the library's expansion of the source
FULL_COLUMNS = 30  # at scale, up to this many chosen columns are scored on every unit
FIRST_KEPT = 20_000  # first-pass results kept per library state
LISTED_KEPT = 8_000  # documents' coverage-matrix columns kept per library state (``Context.listed``)
EVIDENCE_TERMS = 5
# A candidate the coverage lists under the source's main topic comes first when the most probable is not listed, it
# is among the first ``TOPIC_FIRST_AMONG`` and its probability is at least ``TOPIC_FIRST`` of the best's
# (``Session._topic_first``): development folds, bench/README.md (issue 15, 2026-12-04, branch agree16).
TOPIC_FIRST = 0.3
TOPIC_FIRST_AMONG = 3
MIN_CLAUSES_FOR_BOILERPLATE = 50


@dataclasses.dataclass
class Context:
    """Everything a comparison needs about the library in its current state."""

    corpus: object
    stats: TermStats
    idf: Idf
    vectors: VectorCache
    model: scoring.Model
    store: Path | None = None  # where the library keeps its units' bigram counts (``unitstore``)
    first: dict = dataclasses.field(default_factory=dict)  # first-pass results (``first_pass``)
    _terms: dict = dataclasses.field(default_factory=dict)  # per document (``terms``)
    _words: dict = dataclasses.field(default_factory=dict)  # per document, its units' kept words (``know_words``)
    _facts: dict = dataclasses.field(default_factory=dict)  # per document, its units' kept features (``terms``)
    _tagger: str | None = None  # ``topics.tagger_version`` (the kept features' topic weights depend on it)
    _listed: dict = dataclasses.field(default_factory=dict)  # per (document, topic model): ``listed``

    def terms(self, doc_id: str, doc_units: list[Unit]) -> DocTerms:
        """Some units of a document (all of them, or a pool) as inverted lists (``DocTerms``), kept.

        A whole document's units' bigram counts are read from the library's store (``unitstore``).
        """
        # Keyed by the units' identities (at C speed: asked ~900 times a comparison); the entry holds the
        # units themselves, so no identity is reused while it is kept.
        key = (doc_id, tuple(map(id, doc_units)))
        hit = self._terms.get(key)
        if hit is None:
            if len(self._terms) >= 64:
                self._terms.pop(next(iter(self._terms)))
            whole = units(self.corpus, doc_id)
            facts = None
            if len(whole) == len(doc_units) and all(map(operator.is_, whole, doc_units)):
                enc = unitstore.load_or_encode(self.store, doc_id, [u.text for u in doc_units],
                                               lambda: [first_features(u) for u in doc_units])
                if self.store is not None:
                    if self._tagger is None:
                        self._tagger = topics.tagger_version()
                    facts = self._facts[doc_id] = unitstore.Facts(self.store, doc_id, doc_units, self._tagger)
            else:
                enc = unitstore.encode([first_features(u) for u in doc_units])
            hit = self._terms[key] = (tuple(doc_units), DocTerms(enc, self.idf))
            self.vectors.offer(doc_units, hit[1], facts)
        return hit[1]

    def listed(self, doc_id: str, topic_model: dict) -> dict[str, tuple[str, ...]]:
        """The units a document's column of the coverage matrix lists, by topic (``topics.document_topics``), most
        probable first: the order the topic comparison shows them in.

        With the shipped model, the tags the library keeps (computed at import); with another (a fold
        of ``bench/bench_align.py``), the document's units tagged by it.
        """
        key = (doc_id, id(topic_model))
        hit = self._listed.get(key)
        if hit is None or hit[0] is not topic_model:  # (an id can be reused once its model is gone)
            if topic_model is scoring.load_model().topic:
                found = {tid: tuple(cid for cid, _ in pairs) for tid, pairs in self.corpus.topic_tags(doc_id).items()}
            else:
                found = {tid: tuple(u.id for _, u, _ in hits)
                         for tid, hits in document_topics(units(self.corpus, doc_id), topic_model).items()}
            if len(self._listed) >= LISTED_KEPT:
                self._listed.pop(next(iter(self._listed)))
            hit = self._listed[key] = (topic_model, found)
        return hit[1]

    def keep_facts(self) -> None:
        """Write the units' features described since they were read (``unitstore.Facts.keep``)."""
        for facts in self._facts.values():
            facts.keep()

    def know_words(self, unit: Unit) -> None:
        """Make the segmenter's words of ``unit`` known (``wording.know_words``), read from the library's store
        (``unitstore``: every unit of its document's, by their texts) when kept there: the shared wording then
        needs no segmenter. Only the units asked for are normalised (a match's, the source's), not all of their
        documents' (~1,000 texts of a 12-column comparison)."""
        if self.store is None:
            return
        doc_id = unit.clause.doc_id
        kept = self._words.get(doc_id)
        if kept is None:
            if len(self._words) >= 64:
                self._words.pop(next(iter(self._words)))
            texts = [u.text for u in units(self.corpus, doc_id)]
            found = unitstore.load_or_segment(self.store, doc_id, texts, wording.segmenter_key(),
                                              lambda: [wording.word_lengths(matching_text(t)) for t in texts])
            kept = self._words[doc_id] = dict(zip(texts, found, strict=True))
        lengths = kept.get(unit.text)
        if lengths is not None:
            wording.know_words(matching_text(unit.text), lengths)

    def remember_first(self, key: tuple, value) -> None:
        if len(self.first) >= FIRST_KEPT:
            self.first.pop(next(iter(self.first)))
        self.first[key] = value

    @property
    def highlight_floor(self) -> float:
        # A shared phrase is highlighted if one of its bigrams is in at most ~1 clause in 8.
        n = self.idf.n
        if n < MIN_CLAUSES_FOR_BOILERPLATE:
            return 0.0  # too few clauses to tell boilerplate from subject: keep every phrase
        return max(0.0, math.log((n + 1) / (n / 8 + 0.5)))


_contexts: dict[tuple, Context] = {}
_lock = threading.Lock()


def _store_folder(corpus) -> Path | None:
    """The ``unitstore`` folder beside the library's manifest file (None: the manifest is in memory)."""
    path = getattr(getattr(corpus, "manifest", None), "path", None)
    return None if path is None else Path(path).parent / unitstore.FOLDER


def context(corpus, search_index=None, model: scoring.Model | None = None) -> Context:
    """The comparison context of ``corpus`` now (kept while the library does not change)."""
    stats = stats_for(corpus, search_index)
    model = model or scoring.load_model()
    key = (stats.key, id(model))
    with _lock:
        hit = _contexts.get(key)
        if hit is None or hit.corpus is not corpus:
            idf = Idf(stats)
            hit = Context(corpus, stats, idf, VectorCache(idf), model, _store_folder(corpus))
            if len(_contexts) >= 4:
                _contexts.pop(next(iter(_contexts)))
            _contexts[key] = hit
        return hit


@dataclasses.dataclass
class Candidate:
    """A candidate unit of one target document, through the passes."""

    unit: Unit
    stage: float  # first-stage score
    values: dict[str, float]  # first-pass signals (``scoring.FIRST``)
    rev_gap: float = 0.0  # compared back: the source's cosine margin over its document's next closest unit
    share: float = 0.0  # first-pass softmax share among the document's candidates
    second: dict[str, float] = dataclasses.field(default_factory=dict)  # second-pass signals
    logit: float = 0.0  # second-pass logit
    back: dict[str, float] = dataclasses.field(default_factory=dict)  # compared back (``scoring.MUTUAL``)
    joint: float = 0.0  # logit once compared back (``Model.joint_logit``): orders the candidates
    probability: float = 0.0  # calibrated probability that it is a right counterpart

    def copied(self) -> Candidate:
        """A shallow copy, as ``dataclasses.replace(self)`` makes one, without a call of ``__init__`` per field
        (~700 a comparison, each ~2x faster)."""
        twin = object.__new__(Candidate)
        twin.__dict__.update(self.__dict__)
        return twin


@dataclasses.dataclass
class Ranked:
    """One target document's candidates, most probable first, and whether it treats the subject."""

    doc_id: str
    candidates: list[Candidate]
    presence: float  # probability that the document treats the source's subject
    values: dict[str, float]  # the presence model's signals
    # Why "no counterpart" (None when there are candidates to show): "nothing" (no unit of it comes close),
    # "unreached" (at scale: the search index's candidates did not reach the document, it was not compared), "subject"
    # (presence below the model's cut: the document does not treat the subject) or "coverage"
    # (``Session.absent``: its coverage lists nothing under the source's main topic and the best is weak).
    why_none: str | None = None
    # The candidate placed first ahead of a more probable one because the coverage lists it under the source's main
    # topic (``Session._topic_first``), None when the order is the probabilities'.
    topic_first: str | None = None

    @property
    def none(self) -> bool:
        """"No counterpart": no candidates, presence below the model's cut, or ``Session.absent``."""
        return self.why_none is not None


def reverse_ranks(ctx: Context, source: Unit, own_units: list[Unit], cands: list[Unit]) -> list[tuple[int, float]]:
    """When each of ``cands`` is compared back (text cosine): the source's rank among its own document's units,
    and its margin over the best other unit (negative when another is closer).

    All candidates at once: one product of the candidates' text vectors with the document's inverted lists
    (each cell summed in the order a single candidate's would be: the same floats).
    """
    if not cands:
        return []
    vectors = ctx.vectors
    texts = [vectors.get(c).text for c in cands]
    totals = ctx.terms(source.clause.doc_id, own_units).text.products(texts)  # own units × candidates
    return _ranks_back(vectors.get(source).text, source.id, own_units, texts, totals)


def _ranks_back(src: dict[str, float], sid: str, own_units: list[Unit], texts: list[dict[str, float]],
                totals: np.ndarray) -> list[tuple[int, float]]:
    """``reverse_ranks`` from the products of the source's document's units with the candidates' texts."""
    others = totals[np.fromiter((u.id != sid for u in own_units), dtype=bool, count=len(own_units))]
    mine = [cosine(text, src) for text in texts]
    # Per candidate (column): how many other units are closer, and the closest (comparisons and maxima: exact).
    closer = np.count_nonzero(others > np.array(mine), axis=0).tolist()
    best = others.max(axis=0).tolist() if len(others) else [0.0] * len(texts)
    return [(n + 1, m - b) for n, m, b in zip(closer, mine, best, strict=True)]


def first_pass(ctx: Context, source: Unit, doc_id: str, pool: list[Unit] | None = None,
               k: int = TOP_K) -> list[Candidate]:
    """The ``k`` best units of ``doc_id`` by first-stage score, with their first-pass signals (no model).

    Kept per library state (``Context.first``): a comparison, its reverse
    checks and the evaluation ask for the same pairs many times.
    """
    key = _first_key(source, doc_id, pool, k)
    hit = ctx.first.get(key)
    if hit is None:
        hit = _first_passes(ctx, [source], doc_id, pool, k)[0]
    return [c.copied() for c in hit]


def _first_key(source: Unit, doc_id: str, pool: list[Unit] | None, k: int) -> tuple:
    return source.id, source.text, doc_id, None if pool is None else tuple(u.id for u in pool), k


def first_passes(ctx: Context, sources: list[Unit], doc_id: str, k: int = TOP_K) -> None:
    """Make the ``first_pass`` of several units of one document over ``doc_id`` at once (kept for
    ``first_pass``): their first stages, and their candidates compared back, each one product (the same floats
    as one by one). A unit already passed is not passed again."""
    todo = list({u.id: u for u in sources if _first_key(u, doc_id, None, k) not in ctx.first}.values())
    if todo:
        _first_passes(ctx, todo, doc_id, None, k)


def _first_passes(ctx: Context, sources: list[Unit], doc_id: str, pool: list[Unit] | None,
                  k: int) -> list[list[Candidate]]:
    """``first_pass`` of ``sources`` (all of one document), kept in ``ctx.first``."""
    given = pool
    pool = units(ctx.corpus, doc_id) if pool is None else pool
    found: list[list[Candidate]] = [[] for _ in sources]
    if pool:
        qs = [ctx.vectors.get(source) for source in sources]
        every = ctx.terms(doc_id, pool).stages_of(qs)  # scoring.first_stage of every unit, at once
        own_doc = sources[0].clause.doc_id
        own = units(ctx.corpus, own_doc)
        picks = []
        starts = [u.clause.start for u in pool]
        for q, stages in zip(qs, every, strict=True):
            # Best first stage, then document order: each unit's key made at C speed (no Python call per unit).
            order = sorted(range(len(pool)), key=list(zip(map(operator.neg, stages), starts, strict=True)).__getitem__)
            picks.append(order[:k] + _same_role(q, pool, order[k:]))
        # Every source's candidates compared back to their document in one product (columns: candidates).
        texts = [ctx.vectors.get(pool[i]).text for best in picks for i in best]
        totals = ctx.terms(own_doc, own).text.products(texts) if texts else None
        at = 0
        for source, q, stages, best, out in zip(sources, qs, every, picks, found, strict=True):
            cols = slice(at, at + len(best))
            at += len(best)
            backs = _ranks_back(q.text, source.id, own, texts[cols], totals[:, cols]) if best else []
            dist = scoring.relative(stages)
            for r, (i, (rev_rank, rev_gap)) in enumerate(zip(best, backs, strict=True), start=1):
                unit = pool[i]
                values = scoring.pair_values(q, ctx.vectors.get(unit), stages[i], r, rev_rank, unit.parent, dist)
                out.append(Candidate(unit, stages[i], values, rev_gap))
    for source, out in zip(sources, found, strict=True):
        ctx.remember_first(_first_key(source, doc_id, given, k), out)
    return found


def _same_role(q, pool: list[Unit], rest: list[int]) -> list[int]:
    """Of the units ranked below the first ``k`` (``rest``), the first ``ROLE_EXTRA`` that play the source's
    role in their document's frame (purpose, guidance, goals: ``frames``), in document order: the items
    under 目标要求 share the frame, rarely the words, of another document's 发展目标."""
    if q.role is None or not rest:
        return []
    # Read in document order until enough are found: a unit's role is worked out when first asked (its headings,
    # then, if they give the role or the role is the purpose, its text normalised and searched).
    return list(islice((i for i in sorted(rest) if frames.plays(pool[i], q.role)), ROLE_EXTRA))


def _shares(model: scoring.Model, cands: list[Candidate]) -> None:
    for c, s in zip(cands, scoring.softmax([scoring.linear(model.first, c.values) for c in cands]), strict=True):
        c.share = s


class Session:
    """One source unit against the library: the passes over every document it is compared with.

    Args:
        ctx: the library's comparison context.
        source: the unit compared from.
        bridges: the other documents whose best candidates form the library's
            expansion of the source (second pass); a function of the source
            and the library only, so a pair's score does not depend on which
            columns are shown.
        model: the scoring model.
        pools: per document, the units to consider (at scale, from the
            search index); a document absent from a given ``pools`` has no
            candidates. None: every unit of every document.
        compare_back: compare each document's best few candidates back to
            the source's document (``scoring.MUTUAL``); None: when the model
            has a mutual part. Off, candidates keep the second-pass order.
    """

    def __init__(self, ctx: Context, source: Unit, bridges: Iterable[str], model: scoring.Model,
                 pools: Mapping[str, list[Unit]] | None = None, compare_back: bool | None = None):
        self.ctx = ctx
        self.source = source
        self.model = model
        self.pools = pools
        self.compare_back = bool(model.mutual) if compare_back is None else compare_back
        self._first: dict[str, list[Candidate]] = {}
        self._ranked: dict[str, Ranked] = {}
        self._backed: set[str] = set()  # documents whose candidates were compared back
        self._topic: str | None | bool = False  # the source's main topic (``in_topic``); False: not yet read
        self.bridges = [d for d in dict.fromkeys(bridges) if d != source.clause.doc_id]
        # The expansion: each bridge document's candidates' text vectors weighted by their shares.
        self._expansion: dict[str, dict[str, float]] = {}
        self._total: dict[str, float] = {}
        for doc_id in self.bridges:
            part: dict[str, float] = {}
            for c in self.first(doc_id):
                for g, x in ctx.vectors.get(c.unit).text.items():
                    part[g] = part.get(g, 0.0) + c.share * x
            self._expansion[doc_id] = part
            for g, x in part.items():
                self._total[g] = self._total.get(g, 0.0) + x

    def first_of(self, unit: Unit, doc_id: str, k: int) -> list[Candidate]:
        """Any unit's ``k`` best candidates in a document by this session's first pass (the model's shares),
        most probable first; not kept (``index.compare.reverse`` compares a counterpart back with it)."""
        cands = first_pass(self.ctx, unit, doc_id, k=k)
        _shares(self.model, cands)
        cands.sort(key=lambda c: (-c.share, c.unit.clause.start))
        return cands

    def reached(self, doc_id: str) -> bool | None:
        """Whether the search index's candidates reached the document (None: every unit of it is scored)."""
        return None if self.pools is None else doc_id in self.pools

    def first(self, doc_id: str) -> list[Candidate]:
        """The document's candidates with their first-pass shares."""
        hit = self._first.get(doc_id)
        if hit is None:
            if self.pools is not None and not self.pools.get(doc_id):
                hit = []
            else:
                pool = None if self.pools is None else self.pools[doc_id]
                hit = first_pass(self.ctx, self.source, doc_id, pool)
                _shares(self.model, hit)
            self._first[doc_id] = hit
        return hit

    def _prf(self, doc_id: str, cands: list[Candidate]) -> list[float]:
        own = self._expansion.get(doc_id, {})
        n = len(self.bridges) - (doc_id in self._expansion)
        if n <= 0:
            return [0.0] * len(cands)
        out = []
        for c in cands:
            vec = self.ctx.vectors.get(c.unit).text
            # x * (total - own) for each of the vector's bigrams at C speed, summed in its order.
            out.append(sum(map(operator.mul, vec.values(), map(operator.sub, map(self._total.get, vec, repeat(0.0)),
                                                              map(own.get, vec, repeat(0.0))))) / n)
        return out

    def unlisted(self, doc_id: str) -> bool:
        """Whether the source treats a topic and the document's column of the coverage matrix lists no unit under it."""
        return self.main_topic() is not None and not self.in_topic(doc_id)

    def absent(self, doc_id: str, cands: list[Candidate], values: Mapping[str, float]) -> bool:
        """"No counterpart" from the coverage matrix: the document lists nothing under the source's main topic,
        the best candidate (``cands``, most probable first) is below the 中 band and no candidate shares the
        source's topics beyond the model's ``absent_below`` (``values["doc_topic"]``)."""
        return (values["doc_topic"] < self.model.absent_below and cands[0].probability < self.model.medium
                and self.unlisted(doc_id))

    def main_topic(self) -> str | None:
        """The id of the topic the source treats most (``topics.unit_topics``), None if it treats none."""
        if self._topic is False:
            found = unit_topics(self.source, self.model.topic)
            self._topic = found[0] if found else None
        return self._topic

    def in_topic(self, doc_id: str) -> tuple[str, ...]:
        """The document's units listed under the source's main topic (none when the source treats none)."""
        topic = self.main_topic()
        if topic is None:
            return ()
        return self.ctx.listed(doc_id, self.model.topic).get(topic, ())

    def _topic_first(self, doc_id: str, cands: list[Candidate]) -> str | None:
        """Put first the candidate the topic comparison shows, when it is close enough (``cands``: most probable first).

        When the document's column of the coverage matrix lists units under the source's main topic and the most
        probable candidate is not one of them, the most probable listed one among the first ``TOPIC_FIRST_AMONG``
        comes first if its probability is at least ``TOPIC_FIRST`` of the best's and it compares back at least as
        well (its own best match back is the source, or the best's is not either: a pair that agrees both ways is
        not given up). A clause comparison and a topic comparison then show the same clause. The probabilities
        are not changed: the match shown first may score lower than the next, and says why (``Match.topic_first``).

        Returns:
            The id of the unit moved first, or None.
        """
        listed = self.in_topic(doc_id)
        if not listed or cands[0].unit.id in listed:
            return None
        best = cands[0]
        for i, c in enumerate(cands[1:TOPIC_FIRST_AMONG], start=1):
            if c.unit.id in listed:
                if c.probability >= TOPIC_FIRST * best.probability and \
                        (c.back.get("back_top", 0.0) or not best.back.get("back_top", 0.0)):
                    cands.insert(0, cands.pop(i))
                    return c.unit.id
                return None  # only the most probable listed one is a candidate to move
        return None

    def logits(self, doc_id: str) -> list[Candidate]:
        """The document's candidates with second-pass logits, not yet compared back."""
        cands = self.first(doc_id)
        if cands and not cands[0].second:
            listed = self.in_topic(doc_id)
            for c, extra in zip(cands, scoring.prf_values(self._prf(doc_id, cands)), strict=True):
                c.second = {**c.values, **extra, "in_topic": 1.0 if c.unit.id in listed else 0.0}
                c.logit = scoring.linear(self.model.second, c.second)
            cands.sort(key=lambda c: (-c.logit, c.unit.clause.start))
        return cands

    def second(self, doc_id: str) -> list[Candidate]:
        """The document's candidates with second-pass logits, compared back, best (``joint``) first."""
        cands = self.logits(doc_id)
        if cands and doc_id not in self._backed:
            # Only a document that is ranked is compared back: the bridges' presence signals read the
            # second-pass logits alone (comparing them back too was ~40 % of a 12-column comparison).
            self._backed.add(doc_id)
            self._compare_back(cands)
            cands.sort(key=lambda c: (-c.joint, c.unit.clause.start))
        return cands

    def _compare_back(self, cands: list[Candidate]) -> None:
        """The best ``MUTUAL_K`` candidates (second-pass order) compared back to the source's document.

        Joint assignment between the two documents: a candidate whose own
        best match back (first pass, as ``index.compare.reverse``) is the
        source gains, one that prefers another clause of the source's
        document loses; the others count as not finding the source.
        """
        own = self.source.clause.doc_id
        if self.compare_back:
            first_passes(self.ctx, [c.unit for c in cands[:scoring.MUTUAL_K]], own, BACK_K)  # at once, kept
        for i, c in enumerate(cands):
            share, top = 0.0, False
            if self.compare_back and i < scoring.MUTUAL_K:
                back = self.first_of(c.unit, own, BACK_K)
                share = next((b.share for b in back if b.unit.id == self.source.id), 0.0)
                top = bool(back) and back[0].unit.id == self.source.id
            c.back = scoring.mutual_values(c.logit, share, top, c.second.get("in_topic", 0.0))
            c.joint = self.model.joint_logit(c.back) if self.compare_back else c.logit

    def rank(self, doc_id: str) -> Ranked:
        """The document's candidates, most probable first, with the presence decision."""
        hit = self._ranked.get(doc_id)
        if hit is not None:
            return hit
        if self.reached(doc_id) is False:  # the search index's candidates did not reach it: not compared
            hit = self._ranked[doc_id] = Ranked(doc_id, [], 0.0, {}, "unreached")
            return hit
        cands = self.second(doc_id)
        if not cands:
            hit = Ranked(doc_id, [], 0.0, {}, "nothing")
        else:
            # Presence reads the second pass (as it did before comparing back), the shares the joint logits.
            others = [max(c.logit for c in self.logits(d)) for d in self.bridges if d != doc_id and self.logits(d)]
            top = max(cands, key=lambda c: c.logit)
            values = scoring.presence_values(sorted((c.logit for c in cands), reverse=True),
                                             max(c.stage for c in cands), max(c.values["topic"] for c in cands),
                                             top.values["z"], others, top.values["rev"], top.rev_gap)
            presence_logit = self.model.presence_logit(values)
            shares = scoring.softmax([c.joint for c in cands])
            for c, s in zip(cands, shares, strict=True):
                c.probability = self.model.probability(s, presence_logit)
            cands.sort(key=lambda c: (-c.probability, c.unit.clause.start))
            first = self._topic_first(doc_id, cands)
            presence = scoring.sigmoid(presence_logit)
            why = "subject" if presence < self.model.none_below else \
                "coverage" if self.absent(doc_id, cands, values) else None
            hit = Ranked(doc_id, cands, presence, values, why, first)
        self._ranked[doc_id] = hit
        return hit


def bridge_docs(ctx: Context, source: Unit, pools: Mapping[str, list[Unit]] | None = None) -> list[str]:
    """The documents whose say counts in the second pass: all others, or the most similar ``BRIDGES``.

    A function of the source and the library alone. With ``pools`` (the
    search index's candidates on a large library) the documents are those of
    the pools, in the pools' order.
    """
    own = source.clause.doc_id
    if pools is not None:
        return [d for d in pools if d != own][:BRIDGES]
    docs = [d.id for d in ctx.corpus.documents() if d.id != own]
    if len(docs) <= BRIDGES or not hasattr(ctx.stats, "document_scores"):
        return docs[:BRIDGES]
    # The documents holding most of the source's distinctive wording (tf × library IDF).
    counts = Counter(bigrams(matching_text(source.text)))
    scores = ctx.stats.document_scores({g: min(c, 3) * ctx.idf(g) for g, c in counts.items()})
    return sorted(docs, key=lambda d: (-scores.get(d, 0.0), d))[:BRIDGES]


def _why_none(session: Session, ranked: Ranked) -> dict | None:
    """``Column.no_counterpart`` of a ranked document: why it shows no match, and for "coverage" the topic its
    coverage lacks (``{"id", "name"}``)."""
    if ranked.why_none is None:
        return None
    topic = None
    if ranked.why_none == "coverage":  # ``Session.absent`` holds only where the source has a main topic
        t = find_topic(session.main_topic())
        topic = {"id": t.id, "name": t.name}
    return {"reason": ranked.why_none, "topic": topic}


def select(model: scoring.Model, ranked: Ranked, limit: int) -> list[Candidate]:
    """Apply the calibrated cuts: [] for "no counterpart", else the best few worth showing."""
    if ranked.none:
        return []
    cands = ranked.candidates
    # A candidate moved first for the topic (``Session._topic_first``) puts the more probable one second: shown
    # whatever its probability, so that the match its detail line speaks of is there to see.
    moved = ranked.topic_first is not None
    return [cands[0], *(c for i, c in enumerate(cands[1:limit], start=1)
                        if c.probability >= model.show_floor or (moved and i == 1))]


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


def _unit_match(model: scoring.Model, unit: Unit, probability: float | None, pinned: bool) -> Match:
    """A unit as a match on the calibrated scale, with no source clause to share wording with."""
    band = None if probability is None else model.band(probability)
    return Match(clause_id=unit.id, score=None if probability is None else round(probability, 4),
                 confidence=None if probability is None else scoring.confidence(probability), band=band,
                 text=unit.text, shared=[], source_shared=[], numbers=extract_numbers(unit.text), pinned=pinned,
                 heading=unit.clause.heading, label=unit.clause.label)


def _match(ctx: Context, source: Unit | None, unit: Unit, probability: float | None, pinned: bool,
           source_topics: set[str] | None = None) -> Match:
    rec = _unit_match(ctx.model, unit, probability, pinned)
    if source is not None:
        ctx.know_words(source)
        ctx.know_words(unit)
        sa, sb = shared_spans(source.text, unit.text, weight=ctx.idf, floor=ctx.highlight_floor)
        rec.shared = [list(x) for x in sb]
        rec.source_shared = [list(x) for x in sa]
        norm = matching_text(unit.text)
        rec.evidence = evidence(ctx, source.text, source_topics or set(unit_topics(source)), unit,
                                [norm[s:e] for s, e in sb if e - s >= 3])
        role = frames.unit_role(source)
        if role is not None and role == frames.unit_role(unit):
            rec.evidence.role = frames.ROLE_NAMES[role]
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
        A ``Comparison`` (``to_dict()``: ``{"source": clause record + "numbers", "compared_text" (the unit
        compared: a section with its articles …), "compared_numbers",
        "columns": [{"doc_id", "region", "title", "decision", "matches":
        [{"clause_id", "score", "confidence", "band", "text", "shared",
        "source_shared", "numbers", "pinned", "heading", "label", "evidence", "reverse", "topic_first",
        "topic_column"}]}]}``);
        ``reverse`` (the first match only, in the first ``FULL_COLUMNS``
        columns with a match; else None) is that match compared back to the
        source's document (``index.compare.reverse``):
        ``{"clause_id", "mutual", "reason", "source_rank", "topics", "label",
        "heading", "relation"}``.
        ``topic_first`` (``{"id", "name"}`` or None) is set on a first match placed ahead of a more probable
        one because the coverage lists it under the source's main topic (``Session._topic_first``).
        ``topic_column`` (``{"id", "name", "clause_ids"}`` or None, the first match only) names what the coverage
        lists under the source's main topic in the document when that is not the match (``listed_instead``).
        ``matches`` is ``[]`` for "no counterpart" (automatic or the user's
        decision, which ``decision`` tells apart: "auto", "pin" or "none").

    Raises:
        UnknownIdError: the clause or a document does not exist.
        Cancelled: ``cancel`` returned True.
    """
    clause = corpus.clause(clause_id)
    ctx = context(corpus, search_index, model)
    if ctx.store is None:
        load_segmenter_ahead()  # the shared wording needs it at the end (with a store, its words are mostly kept)
    source = unit_of(corpus, clause)
    pins = pins or {}
    record = corpus.clause_record(clause)
    record["numbers"] = extract_numbers(clause.text)
    # What was compared (a section with its articles, an article with its paragraphs): ``source_shared`` spans are
    # offsets into it, and the front ends show it as the source.
    record["compared_text"] = source.text
    record["compared_numbers"] = extract_numbers(source.text)
    docs = _column_docs(corpus, clause.doc_id, doc_ids)
    session = session_for(ctx, source, None if doc_ids is None else [d.id for d in docs], search_index)
    src_topics = set(unit_topics(source))
    columns: list[Column] = []
    reversed_columns = 0
    for doc in docs:
        check_cancel(cancel, "comparison")
        pin = pins.get(doc.id)
        matches: list[Match] = []
        decision = "auto"
        why_none = None
        if pin and pin.get("decision") == "none":
            decision = "none"
        else:
            ranked = session.rank(doc.id)
            auto = select(ctx.model, ranked, limit)
            why_none = _why_none(session, ranked)
            if pin and pin.get("decision") == "pin" and pin.get("clause_id"):
                decision = "pin"
                pinned = corpus.clause(pin["clause_id"])
                unit = unit_of(corpus, pinned)
                p = next((c.probability for c in ranked.candidates if c.unit.id == unit.id), None)
                matches.append(_match(ctx, source, unit, p, True, src_topics))
                auto = [c for c in auto if c.unit.id != unit.id][: max(limit - 1, 0)]
            matches += [_match(ctx, source, c.unit, c.probability, False, src_topics) for c in auto]
            if decision == "auto" and auto and ranked.topic_first == auto[0].unit.id:
                t = find_topic(session.main_topic())
                matches[0].topic_first = {"id": t.id, "name": t.name}
            first = unit if decision == "pin" else (auto[0].unit if auto else None)
            if first is not None:
                matches[0].topic_column = listed_instead(ctx, session, doc.id, first.id)
            if first is not None and reversed_columns < FULL_COLUMNS:
                # Compared back, for the first match only (one first pass over the source's document),
                # in the first FULL_COLUMNS columns with a match (every document a column stays fast).
                matches[0].reverse = reverse_of(session, first)
                reversed_columns += 1
        columns.append(Column(doc.id, doc.region, doc.title, decision, matches,
                              why_none if decision == "auto" and not matches else None))
    keep(ctx.stats)
    ctx.keep_facts()
    return Comparison(columns=columns, source=record)


def listed_instead(ctx: Context, session: Session, doc_id: str, match_id: str) -> dict | None:
    """``Match.topic_column`` of a document's first match: the source's main topic and what the coverage lists
    under it in the document, when that is not the match (the topic comparison would show those clauses)."""
    topic = session.main_topic()
    if topic is None:
        return None
    listed = session.in_topic(doc_id)
    # Listed itself, or the section it sits in or an item of it (the same text at another level, as ``reverse``).
    if any(cid == match_id or relation(match_id, cid) for cid in listed):
        return None
    t = find_topic(topic)
    return {"id": t.id, "name": t.name, "clause_ids": list(listed)}


def session_for(ctx: Context, source: Unit, doc_ids: list[str] | None = None, search_index=None) -> Session:
    """The ``Session`` of ``source`` in the library: every unit, or at scale the search index's candidates.

    At scale (statistics from the search index) the library-wide query picks
    the bridge documents. With at most ``FULL_COLUMNS`` chosen columns, the
    columns and the bridges are scored on every unit, as in a small library;
    with more (every document a column: ~2 s as a process at 3,440 documents) every
    document is scored on the units the query found
    (``index.compare.candidates``); a document it did not reach is not
    compared (``Ranked.why_none`` "unreached"), and no document's candidates are compared back
    (``Session.compare_back``): faster, and measurably less accurate
    (bench/README.md).

    Args:
        doc_ids: the target documents (None: all).
    """
    if search_index is None or ctx.stats.key[0] != "index":
        return Session(ctx, source, bridge_docs(ctx, source), ctx.model)
    from index.compare.candidates import candidate_pools, candidate_units

    if doc_ids is not None and len(doc_ids) <= FULL_COLUMNS:
        # Of the index's candidates only the bridge documents count here: the rest are never read.
        own = source.clause.doc_id
        bridges = list(islice((d for d, _ in candidate_pools(ctx, source, None, search_index) if d != own), BRIDGES))
        pools = {doc_id: units(ctx.corpus, doc_id) for doc_id in [*bridges, *doc_ids]}
        return Session(ctx, source, bridges, ctx.model, pools)
    pools = candidate_units(ctx, source, None, search_index)
    bridges = bridge_docs(ctx, source, pools)
    if doc_ids is not None:
        pools = {**pools, **candidate_units(ctx, source, doc_ids, search_index)}
    # Every document a column: comparing each one's best candidates back (a first pass over the source's
    # document per candidate) would cost seconds; the second-pass order stands there.
    return Session(ctx, source, bridges, ctx.model, pools, compare_back=False)


def topic_columns(corpus, topic: str, doc_ids: Iterable[str] | None = None,
                  cancel: Callable[[], bool] | None = None, model: scoring.Model | None = None,
                  progress: Callable[[int, int], None] | None = None) -> Comparison:
    """Each document's units on one topic, most probable first.

    Args:
        corpus: an ``index.library.corpus.Corpus``.
        topic: a topic id or name (either script).
        doc_ids: the documents to show (default: all).
        cancel: polled between documents; True stops with ``Cancelled``.
        progress: called ``(done, total)`` with the documents read (every document of 3,440: ~20 s).

    Returns:
        A ``Comparison`` with ``topic`` (the topic dict) and the same column
        shape as ``counterparts``; ``score`` is the calibrated probability that
        the clause treats the topic, ``shared`` is empty (no source clause),
        and ``evidence`` names the topic words found (and the unit's frame role when the topic's
        ``roles`` name it: the items under 发展目标 for 指导思想与发展目标).

    Raises:
        UnknownTopicError: no such topic.
    """
    t = find_topic(topic)
    scorer = model or scoring.load_model()
    columns = []
    docs = _column_docs(corpus, None, doc_ids)
    for done, doc in enumerate(docs):
        check_cancel(cancel, "comparison")
        if progress is not None:
            progress(done, len(docs))
        matches = []
        for p, unit, found in _topic_units(corpus, doc.id, t.id, scorer, stored=model is None):
            m = _unit_match(scorer, unit, p, False)
            role = frames.unit_role(unit)
            m.evidence = Evidence(terms=list(found[:EVIDENCE_TERMS]), topics=[t.name],
                                  role=frames.ROLE_NAMES[role] if role in t.roles else "")
            matches.append(m)
        columns.append(Column(doc.id, doc.region, doc.title, "auto", matches))
    if progress is not None:
        progress(len(docs), len(docs))
    return Comparison(columns=columns, topic=t.to_dict())


def _topic_units(corpus, doc_id: str, topic_id: str, scorer: scoring.Model, stored: bool) -> list[tuple]:
    """``document_topics(...)[topic_id]`` of one document: ``(probability, unit, words)``, most probable first.

    With ``stored`` (the shipped model), the tags the library keeps (computed
    at import by ``document_topics``) name the units: only those are scored
    again, for their exact probability and words, and a document without the
    topic is not parsed. Tagging every unit of 3,500 documents took tens of
    seconds.
    """
    if stored:
        listed = corpus.topic_tags(doc_id).get(topic_id)
        if not listed:
            return []
        by_id = {u.id: u for u in units(corpus, doc_id)}
        found = [by_id.get(cid) for cid, _ in listed]
        if None not in found:
            hits = [(p, unit, words) for unit in found for p, words in [membership(unit, topic_id, scorer.topic)]]
            return sorted(hits, key=lambda x: (-x[0], x[1].clause.start))
    return document_topics(units(corpus, doc_id), scorer.topic).get(topic_id, [])


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
