"""The policy topic taxonomy: loading it, tagging clauses, and the coverage matrix.

The taxonomy is data (``content/topics.yaml``); this module only reads it.
A clause is tagged with a topic when its keywords carry enough weight: a
keyword in the clause's heading is strong evidence, keywords in the text add
up, synonyms count for less. Responsibility notes ("省商务厅……负责") are
ignored, since naming a department is not treating its subject.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable, Iterable
from operator import add
from pathlib import Path

import yaml

from index.base import paths
from index.base.errors import ContentError, KnownError, check_cancel
from index.base.text import normalise
from index.compare.wording import matching_text
from index.library.clauses import Clause

HEADING_WEIGHT = 3.0
KEYWORD_WEIGHT = 1.0
SYNONYM_WEIGHT = 0.5
TAG_THRESHOLD = 1.5
# Clause kinds that never carry a topic of their own (signature lines, links).
_UNTAGGED_KINDS = ("closing", "appendix")
#: Bump whenever tagging changes (matching, weights, threshold): tags stored in the
#: library manifest (``index.library.manifest``) are then recomputed.
TAGGER_VERSION = 1


class UnknownTopicError(KnownError):
    """A topic name or id that the taxonomy does not have."""

    code = "unknown_topic"

    def __init__(self, name: str):
        super().__init__(f"unknown topic: {name}")
        self.name = name


@dataclasses.dataclass(frozen=True)
class Topic:
    """One topic: stable id, display names, and its words (normalised for matching)."""

    id: str
    name: str
    name_traditional: str
    keywords: tuple[str, ...]
    synonyms: tuple[str, ...]

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "name_traditional": self.name_traditional,
                "keywords": list(self.keywords), "synonyms": list(self.synonyms)}


def topics_path() -> Path:
    return paths.content_dir() / "topics.yaml"


@functools.cache
def load_topics(path: Path | None = None) -> tuple[Topic, ...]:
    """The taxonomy, in file order.

    Args:
        path: a taxonomy file; default ``content/topics.yaml``.

    Raises:
        ContentError: the file is missing or malformed.
    """
    path = path or topics_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        out = []
        for item in data["topics"]:
            out.append(Topic(
                id=str(item["id"]), name=str(item["name"]),
                name_traditional=str(item.get("name_traditional") or item["name"]),
                keywords=tuple(str(w) for w in item.get("keywords") or ()),
                synonyms=tuple(str(w) for w in item.get("synonyms") or ()),
            ))
    except (OSError, yaml.YAMLError, KeyError, TypeError) as exc:
        raise ContentError(f"{path}: cannot read the topic taxonomy ({exc})") from exc
    if len({t.id for t in out}) != len(out):
        raise ContentError(f"{path}: duplicate topic ids")
    return tuple(out)


@functools.cache
def _matchers(path: Path | None = None) -> dict[str, tuple[tuple[str, str, float], ...]]:
    """(topic id, normalised word, weight) keyed by the word's first two characters.

    Both scripts fold together. Only words whose first bigram occurs in a
    text can occur in it, so tagging looks up the text's bigrams instead of
    scanning every word of every topic.
    """
    index: dict[str, list[tuple[str, str, float]]] = {}
    for topic in load_topics(path):
        words: dict[str, float] = {}
        for w in topic.synonyms:
            words[normalise(w)] = SYNONYM_WEIGHT
        for w in topic.keywords:
            words[normalise(w)] = KEYWORD_WEIGHT
        for word, weight in words.items():
            index.setdefault(word[:2], []).append((topic.id, word, weight))
    return {k: tuple(v) for k, v in index.items()}


@functools.cache
def tagger_version() -> str:
    """What stored tags depend on: ``TAGGER_VERSION``, the weights and the taxonomy file's content."""
    import hashlib

    try:
        taxonomy = hashlib.sha256(topics_path().read_bytes()).hexdigest()[:16]
    except OSError:
        taxonomy = "missing"
    return f"{TAGGER_VERSION}:{HEADING_WEIGHT}:{KEYWORD_WEIGHT}:{SYNONYM_WEIGHT}:{TAG_THRESHOLD}:{taxonomy}"


def document_tags(clauses: Iterable[Clause]) -> dict[str, list[tuple[str, float]]]:
    """``{topic id: [(clause id, weight), ...]}`` for the tagged clauses of one document, in document order."""
    out: dict[str, list[tuple[str, float]]] = {}
    for clause in clauses:
        scores = topic_scores(clause)
        for tid in tag_clause(clause):
            out.setdefault(tid, []).append((clause.id, round(scores[tid], 4)))
    return out


def _prefixes(norm: str) -> set[str]:
    return set(map(add, norm, norm[1:]))  # every two-character window


def find_topic(name: str) -> Topic:
    """A topic by id or by name in either script.

    Raises:
        UnknownTopicError: no such topic.
    """
    key = normalise(name.strip())
    for topic in load_topics():
        if key in (topic.id, normalise(topic.name), normalise(topic.name_traditional)):
            return topic
    raise UnknownTopicError(name)


@functools.lru_cache(maxsize=65536)
def score_text(heading: str, text: str) -> dict[str, float]:
    """Topic weights of a clause given its heading and text (original script).

    Returns:
        ``{topic_id: weight}`` for topics with any evidence.
    """
    norm_heading = normalise(heading)
    norm_text = matching_text(text)
    matchers = _matchers()
    scores: dict[str, float] = {}
    for prefix in _prefixes(norm_heading) | _prefixes(norm_text):
        for tid, word, weight in matchers.get(prefix, ()):
            total = 0.0
            if word in norm_heading:
                total += HEADING_WEIGHT * weight
            hits = norm_text.count(word)
            if hits:
                # Repetition matters but saturates: a long clause repeating 土地 is not 5x about land.
                total += weight * min(hits, 3)
            if total:
                scores[tid] = scores.get(tid, 0.0) + total
    return scores


def topic_scores(clause: Clause) -> dict[str, float]:
    """Topic weights of ``clause`` (see ``score_text``); empty for closings and links."""
    if clause.kind in _UNTAGGED_KINDS:
        return {}
    return score_text(clause.heading or "", clause.text)


def tag_clause(clause: Clause) -> list[str]:
    """The ids of the topics ``clause`` treats, strongest first."""
    scores = topic_scores(clause)
    tagged = [(w, tid) for tid, w in scores.items() if w >= TAG_THRESHOLD]
    return [tid for w, tid in sorted(tagged, key=lambda x: (-x[0], x[1]))]


def coverage(corpus, doc_ids: Iterable[str] | None = None, cancel: Callable[[], bool] | None = None) -> dict:
    """Which document covers which topic.

    Args:
        corpus: an ``index.library.corpus.Corpus``.
        doc_ids: the documents to include (default: all).
        cancel: polled between documents; True stops with ``Cancelled``.

    Returns:
        ``{"topics": [topic dicts], "documents": [{"doc_id", "region", "title"}],
        "matrix": {topic_id: {doc_id: [clause ids]}}}``; every topic has an
        entry for every document, ``[]`` where the document is silent.
    """
    docs = [d for d in corpus.documents() if doc_ids is None or d.id in set(doc_ids)]
    topics = load_topics()
    matrix: dict[str, dict[str, list[str]]] = {t.id: {d.id: [] for d in docs} for t in topics}
    for doc in docs:
        check_cancel(cancel, "coverage")
        # The library manifest keeps each document's tags (computed at import): no document is parsed here.
        for tid, items in corpus.topic_tags(doc.id).items():
            if tid in matrix:
                matrix[tid][doc.id] = [cid for cid, _ in items]
    return {
        "topics": [t.to_dict() for t in topics],
        "documents": [{"doc_id": d.id, "region": d.region, "title": d.title} for d in docs],
        "matrix": matrix,
    }


REGION_PREFIX = "region:"


def region_groups(docs: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    """``(doc id, province)`` pairs as ``{province: [doc ids]}``, provinces in order of first appearance."""
    groups: dict[str, list[str]] = {}
    for doc_id, region in docs:
        groups.setdefault(region, []).append(doc_id)
    return groups


def coverage_by_region(data: dict) -> dict:
    """``coverage`` output with one column per province, its documents together.

    Each column is ``{"doc_id": "region:<province>", "region", "title" (the
    members' titles, one per line), "members": [doc ids]}``, in the order the
    provinces first appear; a cell lists the members' clauses in member order.
    """
    titles = {d["doc_id"]: d["title"] for d in data["documents"]}
    columns = [{"doc_id": REGION_PREFIX + region, "region": region, "members": members,
                "title": "\n".join(titles[m] for m in members)}
               for region, members in region_groups((d["doc_id"], d["region"]) for d in data["documents"]).items()]
    matrix = {topic: {col["doc_id"]: [cid for m in col["members"] for cid in cells.get(m, [])] for col in columns}
              for topic, cells in data["matrix"].items()}
    return {**data, "documents": columns, "matrix": matrix}
