"""Typed results of comparison and coverage; ``to_dict()`` is the CLI's JSON.

The JSON keys are a contract (README, ``tests/desktop/test_cli_compare.py``):
keys are added, never renamed or dropped.

``score`` of a match is the calibrated probability (0–1) that the clause
treats the source clause's subject (clause comparison) or the topic (topic
comparison), the same scale in both; ``confidence`` is the same number on a
0–100 scale and ``band`` its measured-precision band (强 / 中 / 弱). A pinned
clause that was not among the candidates has ``score`` None.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from collections.abc import Iterator, Mapping
from json.encoder import encode_basestring as _string  # a str as JSON text (not ASCII-only)
from typing import Any

from index.library.tagformat import cells_for, render_tags


@dataclasses.dataclass
class Evidence:
    """Why a match was proposed, for the user to judge in a second."""

    terms: list[str] = dataclasses.field(default_factory=list)  # shared key terms, most telling first
    topics: list[str] = dataclasses.field(default_factory=list)  # topic names both treat
    numbers: list[str] = dataclasses.field(default_factory=list)  # quantities both state
    role: str = ""  # the frame role both play (``index.compare.frames.ROLE_NAMES``: 发展目标 …), or ""

    def to_dict(self) -> dict:
        return {"terms": list(self.terms), "topics": list(self.topics), "numbers": list(self.numbers),
                "role": self.role}

    def summary(self) -> str:
        """One line: 同为 …；共同用词 …；共同主题 …；共同数字 …"""
        parts = []
        if self.role:
            parts.append("同为：" + self.role)
        if self.terms:
            parts.append("共同用词：" + "、".join(self.terms))
        if self.topics:
            parts.append("共同主题：" + "、".join(self.topics))
        if self.numbers:
            parts.append("共同数字：" + "、".join(self.numbers))
        return "；".join(parts)


@dataclasses.dataclass
class Reverse:
    """The first match compared back to the source's document (``index.compare.reverse``).

    ``reason`` is one of ``mutual``, ``part``, ``same_topic``, ``broader``,
    ``listed``, ``differs``; each is a fact the user can check (the module
    docstring of ``index.compare.reverse``).
    """

    clause_id: str | None  # the counterpart's best match back (None: it has none)
    mutual: bool  # that is the source clause itself
    reason: str
    source_rank: int | None  # the source's rank among the matches back (None: not among the 5 compared back)
    topics: list[str] = dataclasses.field(default_factory=list)  # same_topic: [shared]; broader: [source's, back's]
    label: str | None = None  # of the best match back
    heading: str | None = None
    relation: str | None = None  # part: "above" (the section the source sits in) or "inside" (an item of it)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def summary(self) -> str:
        """One line, 对照回去：…"""
        name = "".join(x for x in (self.label, self.heading) if x) or (self.clause_id or "")
        rank = f"（本条排第 {self.source_rank}）" if self.source_rank else "（本条不在其前 5 个候选中）"
        if self.reason == "mutual":
            return "对照回去：最接近的正是本条（互为最佳）"
        if self.clause_id is None:
            return "对照回去：对方文件中没有候选"
        if self.reason == "part":
            where = "本条所在的上一级" if self.relation == "above" else "本条下的一项"
            return f"对照回去：最接近的是{where} {name}（同一内容的另一层级）"
        if self.reason == "same_topic":
            return f"对照回去：最接近的是同主题（{'、'.join(self.topics)}）的 {name}{rank}"
        if self.reason == "broader":
            return (f"对照回去：对方条款涉及多个主题（{'、'.join(self.topics)}），"
                    f"最接近的是其中「{self.topics[-1]}」的 {name}{rank}")
        if self.reason == "listed":
            return f"对照回去：最接近的是 {name}{rank}"
        return f"对照回去：最接近的是 {name}{rank}，不是本条：这一对应可能不可靠"


UNSCORED = "未评分"  # a pinned clause that was not among the candidates has no score


def score_summary(confidence: int | None, band: str | None) -> str:
    """'匹配度 72 · 中': a match's calibrated 0–100 score and its band, as the Chinese interface shows it;
    ``UNSCORED`` for a pinned clause that was not among the candidates (``confidence`` None)."""
    if confidence is None:
        return UNSCORED
    return f"匹配度 {confidence} · {band}" if band else f"匹配度 {confidence}"


def topic_first_summary(topic: dict) -> str:
    """One line for ``Match.topic_first`` (``{"id", "name"}``): why this match is shown ahead of a higher score."""
    return f"排在首位：覆盖矩阵将其列于本条主题「{topic.get('name') or ''}」之下，得分更高的条款未列入该主题"


def topic_column_summary(column: dict, names: list[str]) -> str:
    """One line for ``Match.topic_column``: what the topic comparison lists in this document instead.

    Args:
        column: ``{"id", "name", "clause_ids"}``.
        names: how to cite those clauses (label and heading), in the same order.
    """
    topic = column.get("name") or ""
    if not names:
        return f"专题对照：本文件在本条主题「{topic}」下未列条款，此条用词相近，未必同一主题"
    return f"专题对照：本文件在本条主题「{topic}」下列的是 {'、'.join(names)}，未列此条"


@dataclasses.dataclass
class Match:
    """One proposed counterpart (or a topic's clause) in a column."""

    clause_id: str
    score: float | None
    confidence: int | None
    band: str | None
    text: str  # original script; for an article, with its paragraphs
    shared: list[list[int]]  # [start, end) in ``text`` shared with the source
    source_shared: list[list[int]]  # the same phrases as offsets into the source text
    numbers: list[dict]  # ``index.compare.numbers.extract_numbers(text)``
    pinned: bool
    heading: str | None
    label: str | None
    evidence: Evidence = dataclasses.field(default_factory=Evidence)
    reverse: Reverse | None = None  # the first automatic or pinned match compared back; None for the others
    # Shown first although a match after it scores higher, because the coverage lists it under the source's main
    # topic (``align.Session._topic_first``): that topic, ``{"id", "name"}``; None otherwise.
    topic_first: dict | None = None
    # The first match, where the source has a main topic and the coverage does not list this clause under it in its
    # document: that topic and the clauses it does list there, most probable first (what the topic comparison's
    # column shows), ``{"id", "name", "clause_ids"}``, ``clause_ids`` [] when it lists none; None otherwise.
    topic_column: dict | None = None

    def to_dict(self) -> dict:
        out = dataclasses.asdict(self)
        out["evidence"] = self.evidence.to_dict()
        out["reverse"] = None if self.reverse is None else self.reverse.to_dict()
        return out


@dataclasses.dataclass
class Column:
    """One other document: its best matches, ``[]`` for no counterpart."""

    doc_id: str
    region: str
    title: str
    decision: str  # "auto", "pin" (user pinned the first match) or "none" (user: no counterpart)
    matches: list[Match]
    # Why an automatic column shows no match: {"reason": "subject" (the document does not treat the subject) |
    # "coverage" (its coverage lists nothing under the source's main topic, ``topic``, and its closest clause
    # is weak) | "nothing" (no unit of it comes close) | "unreached" (a comparison with more columns than
    # ``align.FULL_COLUMNS`` at scale scores only the documents the search index's candidates reach, and did not
    # reach this one: it was not compared, which is not a claim that it has no counterpart), "topic": {"id", "name"}
    # or None}; None otherwise.
    no_counterpart: dict | None = None

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "region": self.region, "title": self.title,
                "decision": self.decision, "matches": [m.to_dict() for m in self.matches],
                "no_counterpart": self.no_counterpart}


@dataclasses.dataclass
class Comparison:
    """A clause's counterparts (``source`` set) or a topic across documents (``topic`` set)."""

    columns: list[Column]
    source: dict | None = None  # ``Corpus.clause_record`` + "numbers"
    topic: dict | None = None  # ``Topic.to_dict()``

    def to_dict(self) -> dict:
        out: dict[str, Any] = {}
        if self.source is not None:
            out["source"] = self.source
        if self.topic is not None:
            out["topic"] = self.topic
        out["columns"] = [c.to_dict() for c in self.columns]
        return out

    # Read access by JSON key (``result["columns"]``, ``{**result}``), for callers written against the dict.
    def __getitem__(self, key: str):
        return self.to_dict()[key]

    def keys(self):
        return self.to_dict().keys()


@dataclasses.dataclass
class Coverage:
    """Which document covers which topic.

    Held as the library manifest keeps it (``tags``: per document, per
    topic, ``[clause id within the document, confidence]`` pairs, strongest
    first; ``rendered``: per document, the same already written as
    ``topics --json`` writes it, ``tagformat.render_cells``), so
    ``topics --json`` writes ~250,000 pairs for 3,500 documents by joining
    stored text; ``cells`` has them with whole clause ids, and ``to_dict()``
    each as ``{"clause_id", "confidence"}``.
    """

    topics: list[dict]  # ``Topic.to_dict()``
    documents: list[dict]  # {"doc_id", "region", "title"}
    tags: Mapping[str, dict[str, list]]  # doc id → topic id → [[clause id after "doc id/", confidence], ...]
    rendered: Mapping[str, str] | None = None  # doc id → its ``tagformat.render_cells`` text, if kept

    @functools.cached_property
    def cells(self) -> dict[str, dict[str, list[tuple[str, int]]]]:
        """Topic id → doc id → (clause id, confidence) pairs; every topic has every document, ``[]`` where silent."""
        empty: dict[str, list] = {}
        return {t["id"]: {d["doc_id"]: [(f"{d['doc_id']}/{rel}", n) for rel, n in self.tags.get(d["doc_id"], empty)
                                        .get(t["id"], ())] for d in self.documents} for t in self.topics}

    @property
    def matrix(self) -> dict[str, dict[str, list[str]]]:
        return {t: self.matrix_row(t) for t in self.cells}

    def matrix_row(self, topic_id: str) -> dict[str, list[str]]:
        """One topic's ``matrix`` entry: doc id → clause ids."""
        return {d: [c for c, _ in cell] for d, cell in self.cells[topic_id].items()}

    def cells_row(self, topic_id: str) -> dict[str, list[dict]]:
        """One topic's ``cells`` entry: doc id → ``{"clause_id", "confidence"}`` records."""
        return {d: [{"clause_id": c, "confidence": n} for c, n in cell] for d, cell in self.cells[topic_id].items()}

    def to_dict(self) -> dict:
        return {"topics": self.topics, "documents": self.documents, "matrix": self.matrix,
                "cells": {t: self.cells_row(t) for t in self.cells}}

    def json_chunks(self) -> Iterator[str]:
        """``to_dict()`` as compact JSON (``ensure_ascii=False, separators=(",", ":")``), one topic's row at a time.

        3,500 documents make ~30 MB of JSON: written as it is made, never
        held whole, as text or as objects, from each document's entries as
        the manifest keeps them written (``rendered``; rendered here from
        ``tags`` when not kept): a row is a join of stored text. A test holds
        this text to ``json.dumps(to_dict())``.
        """
        # A row is every document's empty entry, then the (fewer) documents that have pairs written over theirs.
        empty = [f"{_string(d['doc_id'])}:[]" for d in self.documents]
        filled: dict[str, list[tuple[int, str, str]]] = {_string(t["id"]): [] for t in self.topics}
        for i, d in enumerate(self.documents):
            doc_id = d["doc_id"]
            text = self.rendered.get(doc_id) if self.rendered is not None else None
            if text is None:
                text = render_tags(self.tags.get(doc_id) or {})
            for topic, ids, records in cells_for(doc_id, text):
                if topic in filled:
                    filled[topic].append((i, ids, records))

        def row(topic_id: str, which: int) -> str:
            key = _string(topic_id)
            entries = empty.copy()
            for entry in filled[key]:
                entries[entry[0]] = entry[which]
            return f"{key}:{{{','.join(entries)}}}"

        yield f'{{"topics":{_compact(self.topics)},"documents":{_compact(self.documents)},"matrix":{{'
        yield ",".join(row(t["id"], 1) for t in self.topics)
        yield '},"cells":{'
        for k, t in enumerate(self.topics):
            yield ("," if k else "") + row(t["id"], 2)
        yield "}}"

    def __getitem__(self, key: str):
        return self.to_dict()[key]

    def keys(self):
        return self.to_dict().keys()


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

