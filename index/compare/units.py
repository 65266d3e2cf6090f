"""The units a comparison proposes, and their text features.

A *unit* is what an official would cite as a counterpart: a policy's
section （十二）, item 1., or headed paragraph; a regulation's article 第九条
with all its paragraphs (款) and enumerations, since an article's subject
spans its paragraphs. Bare headings (一、总体要求, 第二章 管理体制) and
signatures are not units.

Features are computed once per unit and kept (``features``); the weighted
vectors depend on the library's term statistics and are kept per statistics
state (``vectors``).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from itertools import repeat
from operator import mul, truediv

from index.base.text import normalise
from index.compare import frames
from index.compare.stats import Idf
from index.compare.taxonomy import score_text
from index.compare.wording import bigrams, matching_text
from index.library.clauses import Clause

Vector = dict[str, float]

MIN_OWN = 10  # characters of own content for a clause with children to be a unit itself
_SENTENCE = re.compile(r"[。；;！!？?\n]+")
_RUN = re.compile(r"[^\W_]+")


@dataclasses.dataclass(frozen=True)
class Unit:
    """One comparable unit of a document.

    Attributes:
        clause: the clause that names the unit (its id is the match's id).
        text: the unit's text, original script: the clause's own text, or an
            article with its paragraphs and enumerations.
        parent: other units lie inside this one (a section with items).
    """

    clause: Clause
    text: str
    parent: bool
    position: float = 0.0  # 0 = first unit of its document, 1 = last
    context: str = ""  # the headings of the chapters and sections above it

    @property
    def id(self) -> str:
        return self.clause.id


def _content_length(text: str) -> int:
    return sum(len(run) for run in _RUN.findall(matching_text(text)))


def own_content(clause: Clause) -> int:
    """Characters of a clause's own content, without its label and heading."""
    return _content_length(clause.text) - len(clause.heading or "") - len(clause.label or "")


def _own_at_least(clause: Clause, n: int) -> bool:
    """``own_content(clause) >= n``, without normalising a text too short to have it: the content is at most
    the text's length (``matching_text`` keeps it), and most parents are a bare label and heading (一、总体要求)."""
    if len(clause.text) - len(clause.heading or "") - len(clause.label or "") < n:
        return False
    return own_content(clause) >= n


def _in_article(clause: Clause, by_id: Mapping[str, Clause]) -> Clause | None:
    parent = clause.parent
    while parent:
        p = by_id[parent]
        if p.kind == "article":
            return p
        parent = p.parent
    return None


def units(corpus, doc_id: str) -> list[Unit]:
    """The units of a document, in document order."""
    return _units(corpus, doc_id, corpus.document(doc_id).content_hash)


_UNITS: dict[tuple[str, str], tuple[Unit, ...]] = {}
_UNITS_KEPT = 4096


def _make_units(clauses: list[Clause]) -> tuple[Unit, ...]:
    by_id = {c.id: c for c in clauses}
    children: dict[str, list[Clause]] = {}
    for c in clauses:
        if c.parent:
            children.setdefault(c.parent, []).append(c)
    # Each article's descendants' texts, in document order: one pass over the ids' prefixes
    # (scanning every clause for every article was quadratic: a third of importing a regulation).
    articles = {c.id for c in clauses if c.kind == "article"}
    below: dict[str, list[str]] = {}
    for d in clauses:
        at = d.id.find("/")
        while at >= 0:
            prefix = d.id[:at]
            if prefix in articles:
                below.setdefault(prefix, []).append(d.text)
            at = d.id.find("/", at + 1)
    out: list[tuple[Clause, str, bool]] = []  # (clause, text, has children): each unit made once, below
    for c in clauses:
        if c.kind == "closing" or _in_article(c, by_id) is not None:
            continue
        kids = children.get(c.id, [])
        if c.kind == "article":
            out.append((c, "\n".join([c.text, *below.get(c.id, ())]), False))
        elif not kids or _own_at_least(c, MIN_OWN):
            out.append((c, c.text, bool(kids)))
    # A parent is a unit "with children" only if a child is a unit too.
    ids = {c.id for c, _, _ in out}
    last = max(len(out) - 1, 1)
    return tuple(Unit(c, text, parent and any(k.id in ids for k in children.get(c.id, [])), i / last,
                      _context(c, by_id))
                 for i, (c, text, parent) in enumerate(out))


def _context(clause: Clause, by_id: Mapping[str, Clause]) -> str:
    heads = []
    parent = clause.parent
    while parent:
        p = by_id[parent]
        heads.append(p.heading or "")
        parent = p.parent
    return " ".join(reversed([h for h in heads if h]))


def _units(corpus, doc_id: str, content_hash: str) -> list[Unit]:
    key = (doc_id, content_hash)
    hit = _UNITS.get(key)
    if hit is None:
        if len(_UNITS) >= _UNITS_KEPT:
            _UNITS.pop(next(iter(_UNITS)))
        hit = _UNITS[key] = _make_units(corpus.clauses(doc_id))
    return list(hit)


def unit_of(corpus, clause: Clause) -> Unit:
    """The unit to compare from when the user starts at ``clause``.

    A unit is itself; a paragraph or item of an article compares as its own
    text; a bare heading (一、优化营商环境) stands for everything under it.
    """
    for u in units(corpus, clause.doc_id):
        if u.id == clause.id:
            return u
    kids = [c.text for c in corpus.clauses(clause.doc_id) if c.id.startswith(clause.id + "/")]
    if own_content(clause) < MIN_OWN and kids:
        return Unit(clause, "\n".join([clause.text, *kids]), True)
    return Unit(clause, clause.text, False)


def containing_unit(corpus, clause_id: str) -> str:
    """The id of the unit a clause belongs to (an article for its 款), else the clause's own id."""
    doc_id = clause_id.split("/", 1)[0]
    best = clause_id
    for u in units(corpus, doc_id):
        if clause_id == u.id:
            return u.id
        if clause_id.startswith(u.id + "/") and u.clause.kind == "article":
            best = u.id
    return best


# -- features ------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Features:
    """What the scorer needs of a unit beyond its text's bigrams (``first_features``), before any library
    weighting."""

    lead: Counter  # bigram counts of its heading, or else of its first sentence
    topics: Vector  # unit vector of taxonomy topic weights
    length: int  # content characters
    context: Counter  # bigram counts of the headings above the unit


@functools.lru_cache(maxsize=4_000)
def _first_features(text: str) -> tuple[Counter, tuple[Counter, ...]]:
    """The bigram counts of a text and of each of its sentences: what the first stage reads of every unit."""
    norm = matching_text(text)
    counts = Counter(bigrams(norm))
    sentences = tuple(Counter(g) for g in (bigrams(p) for p in _SENTENCE.split(norm)) if len(g) >= 3)
    return counts, sentences


@functools.lru_cache(maxsize=4_000)
def _features(heading: str, text: str, label: str, context: str) -> Features:
    norm = matching_text(text)
    if heading:
        lead = Counter(bigrams(normalise(heading)))
    else:
        body = norm[len(label):] if label and norm.startswith(normalise(label)) else norm
        lead = Counter(bigrams(_SENTENCE.split(body.strip(), maxsplit=1)[0][:60]))
    return Features(lead, unit_vector(score_text(heading, text)), _content_length(text),
                    Counter(bigrams(normalise(context))))


def first_features(unit: Unit) -> tuple[Counter, tuple[Counter, ...]]:
    """The bigram counts of the unit's text and of each of its sentences (what the first stage reads)."""
    return _first_features(unit.text)


def features(unit: Unit) -> Features:
    """The unit's features (cached by its text)."""
    return _features(unit.clause.heading or "", unit.text, unit.clause.label or "", unit.context)


def unit_vector(vec: Mapping[str, float]) -> Vector:
    """``vec`` scaled to length 1 (empty if all zero)."""
    values = vec.values()
    norm = math.sqrt(sum(map(mul, values, values)))
    return dict(zip(vec.keys(), map(truediv, values, repeat(norm)), strict=True)) if norm else {}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit vectors (iterating the smaller one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a.keys(), repeat(0.0))))


_TF = [1.0, 1.0]  # sublinear tf by count: 1.0 for 0 and 1, then 1 + ln(count) (``sublinear_tf``)


def sublinear_tf(top: int) -> list[float]:
    """The sublinear tf of every count up to ``top``, by count (``weigh``; ``inverted.Lists``): shared, read only."""
    while len(_TF) <= top:
        _TF.append(1.0 + math.log(len(_TF)))
    return _TF


def weigh(counts: Mapping[str, int], idf: Idf) -> Vector:
    """Sublinear tf × library idf, as a unit vector (``unit_vector``'s sums, mapped at C speed: ~1,300 a
    comparison weighs its candidates' headings and contexts)."""
    if not counts:
        return {}
    tf = sublinear_tf(max(counts.values()))
    values = list(map(mul, map(tf.__getitem__, counts.values()), idf.weights(counts)))
    norm = math.sqrt(sum(map(mul, values, values)))
    return dict(zip(counts, map(truediv, values, repeat(norm)), strict=True)) if norm else {}


def _added(a: Counter, b: Counter) -> Counter:
    """``a + b``: the same counts in the same order, without ``Counter.__add__``'s Python loop over both (it
    dropped counts below 1: bigram counts have none, else it is used)."""
    if min(a.values(), default=1) < 1 or min(b.values(), default=1) < 1:
        return a + b
    out = Counter(a)  # copied at C speed
    out.update(b)  # b's counts added (its new bigrams after a's, in b's order, as ``__add__`` puts them)
    return out


class Vectors:
    """A unit's weighted vectors under one library state.

    The first stage reads ``text`` and ``sentences`` of every unit of a
    document; the rest (heading, context, topics, length) only the best
    few candidates' signals read, so they are computed when first read
    (the taxonomy and four more weightings, for ~1 unit in 7).
    """

    def __init__(self, unit: Unit, idf: Idf, weighed: tuple[Vector, tuple[Vector, ...]] | None = None,
                 described: Callable[[], Features] | None = None, contexts: dict[str, Vector] | None = None):
        if weighed is None:
            counts, sentences = _first_features(unit.text)
            weighed = weigh(counts, idf), tuple(weigh(s, idf) for s in sentences)
        self.text: Vector = weighed[0]
        self.sentences: tuple[Vector, ...] = weighed[1]
        self.position: float = unit.position
        self.preamble: bool = unit.clause.kind == "preamble"
        self._unit = unit
        self._idf = idf
        self._described = described  # the unit's ``features`` from elsewhere (``unitstore.Facts``)
        self._contexts = contexts  # weighed contexts by ``Unit.context``, shared by the units of one ``Idf``

    @functools.cached_property
    def _rest(self) -> tuple[Vector, Vector, Vector, Vector, int]:
        f = features(self._unit) if self._described is None else self._described()
        weight = self._idf
        # The context's bigrams are a function of ``Unit.context`` alone: weighed once for the units under the
        # same headings (a section's items), read only.
        context = None if self._contexts is None else self._contexts.get(self._unit.context)
        if context is None:
            context = weigh(f.context, weight)
            if self._contexts is not None:
                self._contexts[self._unit.context] = context
        return weigh(f.lead, weight), f.topics, context, weigh(_added(f.context, f.lead), weight), f.length

    @functools.cached_property
    def role(self) -> str | None:
        """Its role in its document's frame: ``frames.PURPOSE``, ``SCOPE``, ``GOALS``, ``GUIDANCE`` or None."""
        return frames.unit_role(self._unit)

    lead = property(lambda self: self._rest[0], doc="The heading's (or first sentence's) weighted bigrams.")
    topics = property(lambda self: self._rest[1], doc="The unit vector of its taxonomy topic weights.")
    context = property(lambda self: self._rest[2], doc="The weighted bigrams of the headings above it.")
    path = property(lambda self: self._rest[3], doc="The headings above and its own heading (or first sentence).")
    length = property(lambda self: self._rest[4], doc="Its content characters.")


class VectorCache:
    """Weighted vectors per unit for one ``Idf`` (one library state); bounded.

    Units whose document was weighed as inverted lists (``inverted.DocTerms``, ``offer``) take their text
    and sentence vectors from there instead of weighing their counts again (the same vectors).
    """

    def __init__(self, idf: Idf, size: int = 4_000):
        self.idf = idf
        self.size = size
        self._memo: dict[tuple[str, str], Vectors] = {}
        self._offered: dict[tuple[str, str, float], tuple] = {}
        self._contexts: dict[str, Vector] = {}  # ``Vectors.context`` by ``Unit.context``

    def offer(self, doc_units: Sequence[Unit], terms, facts=None) -> None:
        """Units weighed by ``terms`` (``inverted.DocTerms`` of exactly these units, in order), and their
        ``Features`` from ``facts`` (``unitstore.Facts`` of the same units; None: computed)."""
        if len(self._offered) >= 4 * self.size:
            self._offered.clear()
        for i, unit in enumerate(doc_units):
            self._offered[(unit.id, unit.text, unit.position)] = (terms, i, facts)

    def get(self, unit: Unit) -> Vectors:
        key = (unit.id, unit.text, unit.position)
        hit = self._memo.get(key)
        if hit is None:
            offered = self._offered.get(key)
            if len(self._contexts) >= self.size:
                self._contexts.clear()
            if offered is None:
                hit = Vectors(unit, self.idf, contexts=self._contexts)
            else:
                terms, i, facts = offered
                hit = Vectors(unit, self.idf, terms.vectors(i),
                              None if facts is None else functools.partial(facts.get, i, unit), self._contexts)
            if len(self._memo) >= self.size:
                self._memo.pop(next(iter(self._memo)))
            self._memo[key] = hit
        return hit
