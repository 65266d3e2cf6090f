"""Topics of clauses and documents, and the coverage matrix.

The taxonomy and its word matching are ``index.compare.taxonomy``.
A clause's keywords give each topic a weight (a keyword in the heading is
strong evidence, keywords in the text add up, synonyms count for less); a
calibrated model (``index.compare.scoring``, fitted on labels) turns the
weight, its share of the clause's topic weight and whether it is the
clause's main topic, and the vote of its nearest labelled units in other documents (``exemplars``: a clause
on 予以资金支持 is near the labelled 财政资金支持 clauses although it names few of the topic's words), into the
probability that the clause treats the topic. A topic whose ``roles``
(``content/topics.yaml``) name the role the unit plays in its document's frame (``frames``: the items
under 发展目标 and 基本原则) is a candidate whatever the unit names, with that ``role`` as one more signal.
Responsibility notes ("省商务厅……负责") are ignored, since naming a department is not treating its
subject: the taxonomy's ``ignore`` phrases (office names such as 商务厅) are masked before matching.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import re
from collections.abc import Callable, Iterable, Mapping

from index.base import paths
from index.base.errors import ContentError, check_cancel
from index.base.text import normalise
from index.compare import frames
from index.compare.taxonomy import (  # noqa: F401 - the taxonomy's names, reachable from here too
    HEADING_WEIGHT,
    KEYWORD_WEIGHT,
    SYNONYM_WEIGHT,
    Topic,
    UnknownTopicError,
    find_topic,
    load_topics,
    score_text,
    topic_hits,
    topics_path,
)
from index.library.clauses import Clause
from index.library.regions import region_key
from index.library.shortlist import listing_order

_SENTENCE = re.compile(r"[。；;！!？?\n]+")
# Clause kinds that never carry a topic of their own (signature lines, links).
_UNTAGGED_KINDS = ("closing", "appendix")
#: Bump whenever tagging changes (matching, weights, threshold): tags stored in the
#: library manifest (``index.library.manifest``) are then recomputed.
TAGGER_VERSION = 7
PROGRESS_EVERY = 20  # documents between two ``coverage`` progress reports


@functools.cache
def tagger_version() -> str:
    """What stored tags depend on: ``TAGGER_VERSION``, the weights, the taxonomy, the frame patterns (a unit's role
    is one of the membership signals), the labelled exemplars (their vote is another) and the comparison model's
    topic part (its other parts can be fitted anew without every library being tagged again)."""
    import hashlib
    import json

    digest = hashlib.sha256()
    for path in (topics_path(), frames.frames_path(), paths.topic_exemplars()):
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"missing")
    try:
        topic = json.loads(paths.compare_model().read_text(encoding="utf-8"))["topic"]
        digest.update(json.dumps(topic, sort_keys=True).encode())
    except (OSError, ValueError, KeyError, TypeError):
        digest.update(b"missing")
    return f"{TAGGER_VERSION}:{HEADING_WEIGHT}:{KEYWORD_WEIGHT}:{SYNONYM_WEIGHT}:{digest.hexdigest()[:16]}"


def document_tags(clauses: list[Clause]) -> dict[str, list[tuple[str, int]]]:
    """``{topic id: [(unit id, confidence 0–100), ...]}`` of one parsed document, most probable first.

    What ``coverage`` lists for the document (its units, ``index.compare.units``,
    under the topics they treat); the library manifest keeps it, computed once
    at import.
    """
    from index.compare.units import units

    class _OneDocument:  # what ``units`` asks of a corpus, for clauses parsed outside one
        def clauses(self, _doc_id):
            return clauses

        def document(self, _doc_id):
            return _Hashed(f"parsed:{id(clauses)}")

    if not clauses:
        return {}
    found = document_topics(units(_OneDocument(), clauses[0].doc_id))
    return {tid: [(unit.id, int(round(100 * p))) for p, unit, _ in hits] for tid, hits in found.items()}


def forget_texts() -> None:
    """Drop what tagging and comparing remember of the texts they saw: the bounded caches of
    ``index.compare`` (normalised texts, topic hits, features) and its documents' units. A reader
    process tags thousands of documents once each (``clause_facts``); kept, their texts grew it by
    ~200 MB over a 3,500-document import. Caches of loaded data (the taxonomy, the model) stay."""
    from index.compare import units

    units._UNITS.clear()  # noqa: SLF001 - the package's own cache
    for cached in _text_caches():
        cached.cache_clear()


_TEXT_CACHES: tuple[int, list] = (-1, [])


def _text_caches() -> list:
    """The bounded ``functools`` caches of the loaded ``index.compare`` modules (found again only when a
    module was imported meanwhile: looking through every module's names cost a reader 0.5 ms a file)."""
    import sys

    global _TEXT_CACHES
    if _TEXT_CACHES[0] != len(sys.modules):
        found = []
        for name, module in list(sys.modules.items()):
            if not name.startswith("index.compare.") or module is None:
                continue
            for value in vars(module).values():
                params = getattr(value, "cache_parameters", None)
                if params is not None and params()["maxsize"] is not None:
                    found.append(value)
        _TEXT_CACHES = (len(sys.modules), found)
    return _TEXT_CACHES[1]


@dataclasses.dataclass(frozen=True)
class _Hashed:
    content_hash: str


def lead_of(clause: Clause, text: str) -> str:
    """A clause's heading, or for one without (a regulation's article) its first sentence."""
    if clause.heading:
        return clause.heading
    body = text[len(clause.label or ""):] if clause.label and text.startswith(clause.label) else text
    return _SENTENCE.split(body.strip(), maxsplit=1)[0][:60]


_NO_WORDS = {"log_weight": 0.0, "share": 0.0, "strongest": 0.0, "heading": 0.0, "distinct": 0.0, "above": 0.0}


def unit_values(unit, examples=None, votes: dict[str, float] | None = None
                ) -> dict[str, tuple[dict[str, float], tuple[str, ...]]]:
    """Per topic a unit (``index.compare.units.Unit``) may treat, the signals the topic-membership model reads
    and the topic words found: the topics it has words of (``topic_hits``), and those whose ``roles`` name
    the role it plays in its document's frame (``frames``: the items under 发展目标 treat 指导思想与发展目标
    whatever they name), ``role`` 1 for these. ``framed`` is 1 for the other topics of a unit that plays a
    role (a purpose statement, a guiding principle, a goal): a goal that names 绿色低碳 states an aim, it is
    not the document's clause on green development. ``above`` is 1 when the heading the unit stands under
    (the innermost one above it) names the topic too. ``knn`` is the topic's share of the vote of the unit's
    nearest labelled units in other documents (``exemplars``).

    Args:
        examples: the labelled units that vote (an ``exemplars.Exemplars``; default: the shipped ones).
        votes: their vote for this unit when already counted (``document_topics`` counts a document's at once).
    """
    values = _word_values(unit)
    if values:
        if votes is None:
            votes = _vote(_examples(examples), unit.clause.doc_id, unit.text)
        for tid, (v, words) in values.items():
            values[tid] = ({**v, "knn": votes.get(tid, 0.0)}, words)
    return values


def _examples(examples):
    """``examples``, or the shipped exemplars."""
    if examples is not None:
        return examples
    from index.compare import exemplars  # numpy: not on the path of a coverage read from stored tags

    return exemplars.shipped()


def _word_values(unit) -> dict[str, tuple[dict[str, float], tuple[str, ...]]]:
    """``unit_values`` but ``knn``: what the unit's words, heading and role say."""
    role = frames.unit_role(unit)
    framed = 0.0 if role is None else 1.0
    above = topic_hits(unit.context.rsplit(" ", 1)[-1], "") if unit.context else {}
    values = {tid: ({**v, "role": 0.0, "framed": framed, "above": 1.0 if tid in above else 0.0}, words)
              for tid, (v, words) in _all_values(topic_hits(lead_of(unit.clause, unit.text), unit.text)).items()}
    for tid in _role_topics().get(role, ()):
        v, words = values.get(tid, (_NO_WORDS, ()))
        values[tid] = ({**v, "role": 1.0, "framed": 0.0}, words)
    return values


@functools.lru_cache(maxsize=65_536)
def _vote(examples, doc_id: str, text: str) -> dict[str, float]:
    return examples.vote(doc_id, text)


@functools.cache
def _role_topics() -> dict[str, tuple[str, ...]]:
    """``{frame role: topic ids}`` from the taxonomy's ``roles``."""
    out: dict[str, list[str]] = {}
    for t in load_topics():
        for r in t.roles:
            if r not in frames.ROLE_NAMES:
                raise ContentError(f"{topics_path()}: topic {t.id} names an unknown frame role {r!r} "
                                   f"(one of {', '.join(frames.ROLE_NAMES)})")
            out.setdefault(r, []).append(t.id)
    return {r: tuple(ids) for r, ids in out.items()}


def _all_values(hits: dict) -> dict[str, tuple[dict[str, float], tuple[str, ...]]]:
    """``membership_values`` of every topic a text has hits for (``topic_hits``), its totals summed once."""
    if not hits:
        return {}
    total = sum(h[0] for h in hits.values())
    strongest = max(h[0] for h in hits.values())
    return {tid: ({"log_weight": math.log1p(w), "share": w / total, "strongest": 1.0 if w >= strongest else 0.0,
                   "heading": 1.0 if in_heading else 0.0, "distinct": min(len(words), 4) / 4}, words)
            for tid, (w, words, in_heading) in hits.items()}


def _topic_model(model: dict | None) -> dict:
    if model is not None:
        return model
    from index.compare.scoring import load_model

    return load_model().topic


def _memberships(unit, m: dict, votes: dict[str, float] | None = None) -> dict[str, tuple[float, tuple[str, ...]]]:
    """``membership`` of a unit for every topic it has words of, the model ``m`` read once (``votes``: as
    ``unit_values`` takes them)."""
    if unit.clause.kind in _UNTAGGED_KINDS:
        return {}
    bias, weights = m["bias"], m["weights"]
    out = {}
    for tid, (values, words) in unit_values(unit, m.get("exemplars"), votes).items():
        z = bias + sum(weights.get(k, 0.0) * v for k, v in values.items())
        out[tid] = (1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z)))), words)
    return out


def membership(unit, topic_id: str, model: dict | None = None) -> tuple[float, tuple[str, ...]]:
    """Calibrated probability that a unit (``index.compare.units.Unit``) treats a topic, and the words seen.

    A passing mention (亩均 inside an investment clause) weighs little
    against the clause's main topic and stays below the cut.

    Args:
        model: the topic-membership model (default: the shipped one's ``topic``).
    """
    return _memberships(unit, _topic_model(model)).get(topic_id, (0.0, ()))


def unit_topics(unit, model: dict | None = None) -> list[str]:
    """The ids of the topics a unit treats (membership at or above the model's cut), strongest first."""
    m = _topic_model(model)
    scored = [(p, tid) for tid, (p, _) in _memberships(unit, m).items()]
    return [tid for p, tid in sorted(scored, key=lambda x: (-x[0], x[1])) if p >= m["cut"]]


@functools.cache
def _keywords(topic_id: str) -> frozenset[str]:
    return frozenset(normalise(w) for t in load_topics() if t.id == topic_id for w in t.keywords)


def document_topics(units_of_doc, model: dict | None = None) -> dict[str, list[tuple[float, object, tuple]]]:
    """Per topic, a document's units that treat it: ``(probability, unit, words)``, most probable first.

    A unit is listed when its membership reaches the model's cut. A topic
    none of the document's units reaches is still listed once when a unit
    names one of the topic's *keywords* (not a mere synonym) and its
    membership reaches the lower ``rescue`` cut: a document that cites
    自贸试验区 "证照分离" 改革成果 inside its 放管服 section does treat 复制自贸区经验,
    even though the section is mostly about something else. A passing
    mention in a document that has a clause on the topic adds nothing.
    The coverage matrix and the topic comparison both list these.

    Args:
        units_of_doc: the document's units (``index.compare.units.units``).
        model: the topic-membership model (default: the shipped one's ``topic``).
    """
    m = _topic_model(model)
    cut, rescue = m["cut"], m.get("rescue", 1.0)
    units_of_doc = list(units_of_doc)
    votes = _document_votes(units_of_doc, m)
    listed: dict[str, list] = {}
    best: dict[str, tuple] = {}
    for unit in units_of_doc:
        for tid, (p, words) in _memberships(unit, m, votes.get(unit.id)).items():
            if p >= cut:
                listed.setdefault(tid, []).append((p, unit, words))
            elif p >= rescue and _keywords(tid).intersection(words) and p > best.get(tid, (0.0,))[0]:
                best[tid] = (p, unit, words)
    for tid, hit in best.items():
        listed.setdefault(tid, [hit])
    for hits in listed.values():
        hits.sort(key=lambda x: (-x[0], x[1].clause.start))
    return listed


def _document_votes(units_of_doc: list, m: dict) -> dict[str, dict[str, float]]:
    """The exemplars' vote (``unit_values``' ``knn``) for every unit of a document that is tagged at all,
    counted at once (``exemplars.Exemplars.votes``: a third of the time unit by unit)."""
    wanted = [u for u in units_of_doc if u.clause.kind not in _UNTAGGED_KINDS]
    if not wanted:
        return {}
    by_doc: dict[str, list] = {}
    for u in wanted:
        by_doc.setdefault(u.clause.doc_id, []).append(u)
    examples = _examples(m.get("exemplars"))
    return {u.id: v for doc_id, group in by_doc.items()
            for u, v in zip(group, examples.votes(doc_id, [u.text for u in group]), strict=True)}


def topic_scores(clause: Clause) -> dict[str, float]:
    """Topic weights of ``clause`` (see ``score_text``); empty for closings and links."""
    if clause.kind in _UNTAGGED_KINDS:
        return {}
    return score_text(clause.heading or "", clause.text)


def tag_clause(clause: Clause) -> list[str]:
    """The ids of the topics ``clause`` treats, strongest first (its own text as a unit)."""
    from index.compare.units import Unit

    return unit_topics(Unit(clause, clause.text, False))


def coverage(corpus, doc_ids: Iterable[str] | None = None, cancel: Callable[[], bool] | None = None,
             rendered: bool = False, progress: Callable[[int, int], None] | None = None):
    """Which document covers which topic.

    Each comparable unit (``index.compare.units``: a section, an article with
    its paragraphs) is listed under the topics it treats (``document_topics``).

    Args:
        corpus: an ``index.library.corpus.Corpus``.
        doc_ids: the documents to include (default: all).
        cancel: polled between documents; True stops with ``Cancelled``.
        progress: told ``(documents done, documents in all)`` as it goes (every ``PROGRESS_EVERY`` and at
            the end): tagging a whole library again after a tagger change takes about a minute at 3,500.
        rendered: read the documents' entries as ``topics --json`` writes them
            (``Corpus.stored_cells``), their pairs only when asked for: for
            ``json_chunks``.

    Returns:
        A ``records.Coverage``; ``to_dict()`` is ``{"topics": [topic dicts],
        "documents": [{"doc_id", "region", "title"}], "matrix": {topic_id:
        {doc_id: [clause ids]}}, "cells": {topic_id: {doc_id: [{"clause_id",
        "confidence"}]}}}``; every topic has an entry for every document,
        ``[]`` where the document is silent.
    """
    from index.base.memory import bulk_objects
    from index.compare.records import Coverage

    wanted = None if doc_ids is None else set(doc_ids)
    # Columns as the compare chooser lists documents: 全国 and the provinces in the official order, the
    # newest first (the library's order put the bundled documents before 北京's).
    docs = sorted((d for d in corpus.documents() if wanted is None or d.id in wanted), key=listing_order)
    loaded = load_topics()
    tags: dict[str, dict[str, list]] = {}
    cells: dict[str, str] = {}
    with bulk_objects():  # ~250,000 (clause id, confidence) pairs for 3,500 documents
        corpus.expect_tags(len(docs))
        for done, doc in enumerate(docs):
            check_cancel(cancel, "coverage")
            if progress is not None and done % PROGRESS_EVERY == 0:
                progress(done, len(docs))
            # The library manifest keeps each document's units and their topics (computed at import,
            # ``document_tags``): no document is parsed or tagged here.
            if rendered:
                cells[doc.id] = corpus.stored_cells(doc.id)
            else:
                tags[doc.id] = corpus.stored_tags(doc.id)
    if progress is not None:
        progress(len(docs), len(docs))
    return Coverage(topics=[t.to_dict() for t in loaded],
                    documents=[{"doc_id": d.id, "region": d.region, "title": d.title} for d in docs],
                    tags=_StoredTags(corpus, cells) if rendered else tags, rendered=cells if rendered else None)


class _StoredTags(Mapping):
    """The documents' stored tags, each decoded when first asked for (``coverage(rendered=True)``)."""

    def __init__(self, corpus, doc_ids: Iterable[str]):
        self._corpus, self._ids, self._decoded = corpus, dict.fromkeys(doc_ids), {}

    def __getitem__(self, doc_id: str) -> dict[str, list]:
        if doc_id not in self._decoded:
            if doc_id not in self._ids:
                raise KeyError(doc_id)
            self._decoded[doc_id] = self._corpus.stored_tags(doc_id)
        return self._decoded[doc_id]

    def __iter__(self):
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


REGION_PREFIX = "region:"


def region_groups(docs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``(doc id, province)`` pairs as ``{province: [doc ids]}``: provinces in the official order (全国 first, as
    the library lists them; the bundled policies' provinces are not put first), each one's documents in order."""
    groups: dict[str, list[str]] = {}
    for doc_id, region in docs:
        groups.setdefault(region, []).append(doc_id)
    return {region: groups[region] for region in sorted(groups, key=region_key)}


def coverage_by_region(data: dict) -> dict:
    """``coverage`` output with one column per province, its documents together.

    Each column is ``{"doc_id": "region:<province>", "region", "title" (the
    members' titles, one per line), "members": [doc ids]}``, provinces in the
    official order (``region_groups``); a cell lists the members' clauses in member order.
    """
    if hasattr(data, "to_dict"):
        data = data.to_dict()
    titles = {d["doc_id"]: d["title"] for d in data["documents"]}
    columns = [{"doc_id": REGION_PREFIX + region, "region": region, "members": members,
                "title": "\n".join(titles[m] for m in members)}
               for region, members in region_groups((d["doc_id"], d["region"]) for d in data["documents"]).items()]
    matrix = {topic: {col["doc_id"]: [cid for m in col["members"] for cid in cells.get(m, [])] for col in columns}
              for topic, cells in data["matrix"].items()}
    out = {**data, "documents": columns, "matrix": matrix}
    if "cells" in data:
        out["cells"] = {topic: {col["doc_id"]: [x for m in col["members"] for x in cells.get(m, [])] for col in columns}
                        for topic, cells in data["cells"].items()}
    return out
