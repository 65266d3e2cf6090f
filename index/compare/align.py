"""Clause alignment: for one clause, its counterparts in other documents.

Provinces never number alike, so alignment is by subject. The score of a
candidate clause combines four signals, all on ``normalise``d text so both
scripts compare:

* a TF-IDF cosine over character bigrams, where the IDF comes from the bundled
  corpus (a fixed background, so adding a column never changes a score), the
  heading counts several times, and bigrams of boilerplate every policy uses
  (加快, 推进, 支持, 开发区 …) and responsibility notes are damped;
* a sentence-level score: each sentence of one clause against its best
  sentence in the other, averaged both ways, so one shared measure is not
  drowned by the rest of a long clause;
* the cosine of the two clauses' topic weights (``index.compare.topics``);
* nothing else: weights and the "no counterpart" threshold are tuned on the
  tuning half of ``tests/data/alignment_labels.json`` by ``bench/bench_align.py``.

A user's pin (``index.compare.comparisons``) overrides the automatic result.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from itertools import repeat
from operator import add, mul, truediv
from typing import TypedDict

from index.base import paths
from index.base.errors import check_cancel
from index.base.text import normalise
from index.compare.topics import find_topic, score_text, tag_clause, topic_scores
from index.compare.wording import extract_numbers, matching_text, shared_spans
from index.library.clauses import Clause

Vector = dict[str, float]

# Words every development-zone policy repeats; their bigrams say little.
BOILERPLATE = (
    "国家级", "开发区", "经济技术", "高新技术", "产业集聚区", "园区", "加快", "推进", "推动", "支持",
    "鼓励", "积极", "加强", "加大", "发展", "建设", "提升", "实施", "深化", "完善", "进一步", "全面",
    "大力", "着力", "按照", "有关", "相关", "各地", "省级", "市级", "以上", "一批", "形成", "提高",
    "构建", "打造", "强化", "优化", "创新", "力度", "水平", "机制", "体系", "重点", "要求", "工作",
    "实现", "开展", "有条件", "符合条件", "规定", "政策", "措施", "政府", "企业", "项目", "给予",
)
_SENTENCE = re.compile(r"[。；;！!？?\n]+")


@dataclasses.dataclass(frozen=True)
class Weights:
    """Tunable parameters of the score (defaults tuned on the tuning split)."""

    heading_boost: float = 1.0  # heading bigrams count this many more times
    boilerplate: float = 0.5  # multiplier for boilerplate bigrams
    clause: float = 0.45  # weight of the whole-clause cosine
    sentence: float = 0.25  # weight of the sentence-level score
    topic: float = 0.15  # weight of the topic cosine
    heading: float = 0.0  # weight of the heading-to-heading cosine
    parent: float = 0.6  # multiplier for candidates that have sub-clauses (prefer the specific clause)
    threshold: float = 0.11  # best score below this: "no counterpart"
    floor: float = 0.6  # other matches must reach floor * best


DEFAULT_WEIGHTS = Weights()


@dataclasses.dataclass
class Features:
    vector: Vector
    sentences: list[Vector]
    topics: Vector
    heading: Vector


# -- text to vectors -----------------------------------------------------

_RUN = re.compile(r"[^\W_]+")  # letters, digits and CJK: text between punctuation and spaces


def bigrams(norm: str) -> list[str]:
    """Character bigrams of normalised text, never across punctuation or spaces."""
    out: list[str] = []
    for run in _RUN.findall(norm):
        out.extend(map(add, run, run[1:]))  # pairs of neighbours, at C speed
    return out


@functools.cache
def _boilerplate_bigrams() -> frozenset[str]:
    return frozenset(g for w in BOILERPLATE for g in bigrams(w))


@functools.cache
def background_idf() -> tuple[dict[str, float], float]:
    """IDF of bigrams over the bundled corpus's clauses, and the IDF of an unseen bigram."""
    from index.library.corpus import Corpus

    corpus = Corpus(paths.content_dir() / "docs", imported_dir=None)
    df: Counter[str] = Counter()
    n = 0
    for clause in corpus.all_clauses():
        n += 1
        df.update(set(bigrams(matching_text(clause.text))))
    idf = {g: math.log((n + 1) / (c + 1)) + 1.0 for g, c in df.items()}
    return idf, math.log(n + 1) + 1.0


@functools.lru_cache(maxsize=8)
def _term_weights(boilerplate: float) -> tuple[dict[str, float], float]:
    """IDF with the boilerplate damping folded in: one lookup per bigram."""
    idf, unseen = background_idf()
    table = dict(idf)
    for g in _boilerplate_bigrams():
        table[g] = table.get(g, unseen) * boilerplate
    return table, unseen


def _weigh(counts: Mapping[str, float], w: Weights) -> Vector:
    table, unseen = _term_weights(w.boilerplate)
    get = table.get
    log = math.log
    return _unit({g: (1.0 + log(c) if c != 1 else 1.0) * get(g, unseen) for g, c in counts.items()})


def _unit(vec: Mapping[str, float]) -> Vector:
    values = vec.values()
    norm = math.sqrt(sum(map(mul, values, values)))
    return dict(zip(vec.keys(), map(truediv, values, repeat(norm)), strict=True)) if norm else {}


def cosine(a: Vector, b: Vector) -> float:
    """Dot product of two unit vectors (iterating the smaller one)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(map(mul, a.values(), map(b.get, a.keys(), repeat(0.0))))


@functools.lru_cache(maxsize=200_000)
def _features(heading: str, text: str, w: Weights) -> Features:
    norm = matching_text(text)
    counts = Counter(bigrams(norm))
    for g in bigrams(normalise(heading)):
        counts[g] += w.heading_boost
    sentences = []
    for piece in _SENTENCE.split(norm):
        grams = bigrams(piece)
        if len(grams) >= 3:
            sentences.append(_weigh(Counter(grams), w))
    head = _weigh(Counter(bigrams(normalise(heading))), w) if heading and w.heading else {}
    return Features(_weigh(counts, w), sentences, _unit(score_text(heading, text)), head)


def sentence_score(a: list[Vector], b: list[Vector]) -> float:
    """Each sentence's best match in the other text, averaged, both ways."""
    if not a or not b:
        return 0.0
    best_b = [0.0] * len(b)
    total_a = 0.0
    for va in a:
        best = 0.0
        for j, vb in enumerate(b):
            s = cosine(va, vb)
            best = max(best, s)
            if s > best_b[j]:
                best_b[j] = s
        total_a += best
    return 0.5 * (total_a / len(a) + sum(best_b) / len(b))


def score(fa: Features, fb: Features, w: Weights = DEFAULT_WEIGHTS) -> float:
    """How well two clauses (as features) treat the same subject, in [0, 1]."""
    return (w.clause * cosine(fa.vector, fb.vector)
            + w.sentence * sentence_score(fa.sentences, fb.sentences)
            + w.topic * cosine(fa.topics, fb.topics)
            + w.heading * cosine(fa.heading, fb.heading))


def prepare() -> None:
    """Build the per-process tables (background IDF, taxonomy) ahead of the first comparison.

    Optional: the first ``counterparts`` call does it anyway; the GUI can call
    this on a worker thread at start-up so the first comparison is quick.
    """
    _term_weights(DEFAULT_WEIGHTS.boilerplate)
    score_text("", "")


def warm(corpus, doc_ids: Iterable[str], w: Weights = DEFAULT_WEIGHTS) -> int:
    """Compute and cache the candidate features of some documents ahead of time.

    The GUI can call this on a worker thread when the user picks the columns
    of a comparison: later ``counterparts`` calls then only score (about a
    sixth of the cold cost on a large library, see ``bench/bench_compare.py``).

    Returns:
        How many clauses were prepared.
    """
    n = 0
    for doc_id in doc_ids:
        for clause in _candidates(corpus, doc_id):
            candidate_features(clause, w)
            n += 1
    return n


# -- clauses ---------------------------------------------------------------

def _own_content(clause: Clause) -> int:
    return _content_length(clause.text) - len(clause.heading or "") - len(clause.label or "")


@functools.lru_cache(maxsize=100_000)
def _content_length(text: str) -> int:
    return sum(len(run) for run in _RUN.findall(matching_text(text)))


def is_candidate(clause: Clause, has_children: bool) -> bool:
    """Clauses worth proposing: with text of their own (not a bare chapter heading, not a signature)."""
    if clause.kind == "closing":
        return False
    return _own_content(clause) >= 10 or not has_children


def source_features(corpus, clause: Clause, w: Weights = DEFAULT_WEIGHTS) -> Features:
    """Features of the clause a comparison starts from.

    A bare chapter heading (一、持续优化营商环境) stands for its whole chapter,
    so its children's text is added.
    """
    text = clause.text
    if _own_content(clause) < 10:
        kids = [c.text for c in corpus.clauses(clause.doc_id) if c.id.startswith(clause.id + "/")]
        text = "\n".join([text, *kids])
    return _features(clause.heading or "", text, w)


def candidate_features(clause: Clause, w: Weights = DEFAULT_WEIGHTS) -> Features:
    return _features(clause.heading or "", clause.text, w)


def _candidates(corpus, doc_id: str) -> list[Clause]:
    clauses = corpus.clauses(doc_id)
    parents = {c.parent for c in clauses if c.parent}
    return [c for c in clauses if is_candidate(c, c.id in parents)]


def rank(corpus, clause: Clause, doc_id: str, w: Weights = DEFAULT_WEIGHTS) -> list[tuple[float, Clause]]:
    """Every candidate clause of ``doc_id`` with its score, best first (no threshold)."""
    fs = source_features(corpus, clause, w)
    clauses = corpus.clauses(doc_id)
    parents = {c.parent for c in clauses if c.parent}
    scored = [(score(fs, candidate_features(c, w), w) * (w.parent if c.id in parents else 1.0), c)
              for c in clauses if is_candidate(c, c.id in parents)]
    scored.sort(key=lambda x: (-x[0], x[1].start))
    return scored


def select(ranked: list[tuple[float, Clause]], limit: int, w: Weights = DEFAULT_WEIGHTS) -> list[tuple[float, Clause]]:
    """Apply the calibrated threshold: [] for "no counterpart", else the best few close to the best."""
    if not ranked or ranked[0][0] < w.threshold:
        return []
    best = ranked[0][0]
    return [x for x in ranked[:limit] if x[0] >= w.floor * best]


# -- the public API -------------------------------------------------------

class Match(TypedDict):
    """One proposed counterpart (or a topic's clause) in a column."""

    clause_id: str
    score: float | None  # None for a pinned clause that is not a candidate
    text: str  # original script
    shared: list[list[int]]  # [start, end) in ``text`` shared with the source
    source_shared: list[list[int]]  # the same phrases as offsets into the source text
    numbers: list[dict]  # ``wording.extract_numbers(text)``
    pinned: bool
    heading: str | None
    label: str | None


class Column(TypedDict):
    """One other document: its best matches, ``[]`` for no counterpart."""

    doc_id: str
    region: str
    title: str
    decision: str  # "auto", "pin" (user pinned the first match) or "none" (user: no counterpart)
    matches: list[Match]


class ComparisonResult(TypedDict):
    """What ``counterparts`` returns (``topic_columns`` has ``topic`` instead of ``source``)."""

    source: dict  # ``Corpus.clause_record`` + "numbers"
    columns: list[Column]


def _match(source: Clause | None, clause: Clause, s: float | None, pinned: bool) -> Match:
    rec: Match = {"clause_id": clause.id, "score": None if s is None else round(s, 4),
                           "text": clause.text, "shared": [], "source_shared": [],
                           "numbers": extract_numbers(clause.text), "pinned": pinned,
                           "heading": clause.heading, "label": clause.label}
    if source is not None:
        sa, sb = shared_spans(source.text, clause.text)
        rec["shared"] = [list(x) for x in sb]
        rec["source_shared"] = [list(x) for x in sa]
    return rec


def _column_docs(corpus, exclude: str | None, doc_ids: Iterable[str] | None) -> list:
    if doc_ids is None:
        return [d for d in corpus.documents() if d.id != exclude]
    return [corpus.document(d) for d in dict.fromkeys(doc_ids) if d != exclude]


def counterparts(corpus, clause_id: str, doc_ids: Iterable[str] | None = None, limit: int = 3,
                 pins: Mapping[str, Mapping] | None = None, weights: Weights = DEFAULT_WEIGHTS,
                 cancel: Callable[[], bool] | None = None) -> ComparisonResult:
    """A clause's counterparts in every other document.

    Args:
        corpus: an ``index.library.corpus.Corpus``.
        clause_id: the clause to start from.
        doc_ids: the documents to show as columns (default: every other one),
            in this order.
        limit: at most this many matches per column.
        pins: ``{doc_id: {"decision": "pin"|"none", "clause_id": ...}}``;
            the user's are applied by ``Workspace.compare``; ``None``: none.
        weights: score parameters (for evaluation only).
        cancel: polled between documents; True stops with ``Cancelled``.

    Returns:
        ``{"source": clause record + "numbers", "columns": [{"doc_id", "region",
        "title", "decision", "matches": [{"clause_id", "score", "text", "shared",
        "source_shared", "numbers", "pinned", "heading", "label"}]}]}``.
        ``matches`` is ``[]`` for "no counterpart" (automatic or the user's
        decision, which ``decision`` tells apart: "auto", "pin" or "none").

    Raises:
        UnknownIdError: the clause or a document does not exist.
        Cancelled: ``cancel`` returned True.
    """
    source = corpus.clause(clause_id)
    pins = pins or {}
    record = corpus.clause_record(source)
    record["numbers"] = extract_numbers(source.text)
    columns: list[Column] = []
    for doc in _column_docs(corpus, source.doc_id, doc_ids):
        check_cancel(cancel, "comparison")
        pin = pins.get(doc.id)
        matches: list[Match] = []
        decision = "auto"
        if pin and pin.get("decision") == "none":
            decision = "none"
        else:
            ranked = rank(corpus, source, doc.id, weights)
            auto = select(ranked, limit, weights)
            if pin and pin.get("decision") == "pin" and pin.get("clause_id"):
                decision = "pin"
                pinned = corpus.clause(pin["clause_id"])
                s = next((x for x, c in ranked if c.id == pinned.id), None)
                matches.append(_match(source, pinned, s, True))
                auto = [x for x in auto if x[1].id != pinned.id][: max(limit - 1, 0)]
            matches += [_match(source, c, s, False) for s, c in auto]
        columns.append({"doc_id": doc.id, "region": doc.region, "title": doc.title,
                        "decision": decision, "matches": matches})
    return {"source": record, "columns": columns}


def topic_columns(corpus, topic: str, doc_ids: Iterable[str] | None = None,
                  cancel: Callable[[], bool] | None = None) -> dict:
    """Each document's clauses for one topic, strongest first.

    Args:
        corpus: an ``index.library.corpus.Corpus``.
        topic: a topic id or name (either script).
        doc_ids: the documents to show (default: all).

    Returns:
        ``{"topic": topic dict, "columns": [...]}`` with the same column shape
        as ``counterparts``; ``score`` is the clause's topic weight and
        ``shared`` is empty (there is no single source clause).

    Raises:
        UnknownTopicError: no such topic.
    """
    t = find_topic(topic)
    columns = []
    for doc in _column_docs(corpus, None, doc_ids):
        check_cancel(cancel, "comparison")
        hits = [(topic_scores(c).get(t.id, 0.0), c) for c in corpus.clauses(doc.id) if t.id in tag_clause(c)]
        hits.sort(key=lambda x: (-x[0], x[1].start))
        columns.append({"doc_id": doc.id, "region": doc.region, "title": doc.title, "decision": "auto",
                        "matches": [_match(None, c, s, False) for s, c in hits]})
    return {"topic": t.to_dict(), "columns": columns}
