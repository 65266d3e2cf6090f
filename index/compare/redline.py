"""修订对照: two versions of a document aligned article by article, their changes marked.

Units are the articles (第X条, with their 款 and 项) of a regulation, or
every clause of a document without articles. Inserting an article renumbers
those after it, so units are aligned by content, then by order:

1. identical bodies (whitespace and the article's own number set aside),
   in order: these are ``unchanged``, always, wherever they moved to;
2. near-identical bodies anywhere (a rewritten article that also moved);
3. the rest in order, by similarity (``rapidfuzz``): a monotone alignment
   that maximises the total similarity above ``THRESHOLD``;
4. what is left between the same aligned neighbours with the same number
   (第十一条 and 第十一条): an article rewritten in place, ``changed``.

Pairs out of order (not on the longest run that keeps both documents'
order) are ``moved`` when their text changed too; the rest are ``changed``.
Old units left over are ``removed``, new ones ``added``. Changed text is
marked at character level (``diff-match-patch`` with its semantic cleanup,
so one shared character between two edits does not split them), on the
normalised text, so a switch of script or of spacing is never a change.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections import defaultdict, deque
from collections.abc import Callable

from diff_match_patch import diff_match_patch
from rapidfuzz import fuzz, process

from index.base.errors import check_cancel
from index.base.text import normalise

UNCHANGED, CHANGED, ADDED, REMOVED, MOVED = "unchanged", "changed", "added", "removed", "moved"
CHANGES = (UNCHANGED, CHANGED, ADDED, REMOVED, MOVED)
# Similarity (0–100, rapidfuzz's ratio on bodies) at which two articles are one article rewritten.
THRESHOLD = 40.0
# At or above this, a pair is taken even out of order (a moved article with small edits).
NEAR = 85.0
# A text at least this long that matches part of a longer one scores PARTIAL_WEIGHT × that match.
PARTIAL_MIN = 8
PARTIAL_WEIGHT = 0.8
_SPACE = re.compile(r"\s+")
_LABEL_TAIL = " 　\t:：.．、"


@dataclasses.dataclass(frozen=True)
class Unit:
    """One article (or clause) of a version: its full text and where its body starts."""

    clause_id: str
    label: str
    text: str
    body_start: int
    key: str  # normalised body, whitespace removed

    @property
    def body(self) -> str:
        return self.text[self.body_start:]


@dataclasses.dataclass
class Row:
    """One line of the 对照表: an old unit, a new one, or both, and what happened."""

    old: Unit | None
    new: Unit | None
    change: str
    old_spans: list[list[int]] = dataclasses.field(default_factory=list)
    new_spans: list[list[int]] = dataclasses.field(default_factory=list)
    moved: bool = False
    similarity: float | None = None

    @property
    def renumbered(self) -> bool:
        """Both versions have it, under another number ((五) became (四), 第十二条 第十一条)."""
        return bool(self.old and self.new and _SPACE.sub("", normalise(self.old.label))
                    != _SPACE.sub("", normalise(self.new.label)))

    def to_dict(self) -> dict:
        return {
            "old_clause": self.old.clause_id if self.old else None,
            "new_clause": self.new.clause_id if self.new else None,
            "change": self.change, "old_spans": self.old_spans, "new_spans": self.new_spans,
            "moved": self.moved, "similarity": self.similarity, "renumbered": self.renumbered,
            "old_label": self.old.label if self.old else None, "new_label": self.new.label if self.new else None,
            "old_text": self.old.text if self.old else None, "new_text": self.new.text if self.new else None,
        }


@dataclasses.dataclass
class Redline:
    """Two versions compared: rows in reading order (the new version's, removed ones where they stood)."""

    old: dict  # {"doc_id", "title", "date", "status"}
    new: dict
    rows: list[Row]

    @property
    def summary(self) -> dict[str, int]:
        """Rows by change."""
        counts = dict.fromkeys(CHANGES, 0)
        for row in self.rows:
            counts[row.change] += 1
        return counts

    @property
    def renumbered(self) -> int:
        """The unchanged rows whose number changed ((五) became (四)): not a change of text, but worth saying."""
        return sum(1 for row in self.rows if row.change == UNCHANGED and row.renumbered)

    def changes(self) -> list[Row]:
        """The rows that are not ``unchanged``."""
        return [r for r in self.rows if r.change != UNCHANGED]

    def to_dict(self) -> dict:
        """The CLI's ``diff --json`` record."""
        return {"old": self.old["doc_id"], "new": self.new["doc_id"], "old_doc": self.old, "new_doc": self.new,
                "rows": [r.to_dict() for r in self.rows], "summary": self.summary, "renumbered": self.renumbered}


def units(corpus, doc_id: str) -> list[Unit]:
    """The units of one version: its articles with their 款 and 项, or, without articles, its clauses."""
    doc = corpus.document(doc_id)
    clauses = corpus.clauses(doc_id)
    body = doc.body
    articles = [k for k, c in enumerate(clauses) if c.kind == "article"]
    chosen = articles or [k for k, c in enumerate(clauses) if c.kind not in ("preamble", "closing")]
    out = []
    for k in chosen:
        clause = clauses[k]
        end = clause.end
        if articles:  # the article and everything below it
            m = k + 1
            while m < len(clauses) and clauses[m].id.startswith(clause.id + "/"):
                end = max(end, clauses[m].end)
                m += 1
        text = body[clause.start:end].rstrip()
        start = _body_start(text, clause.label)
        out.append(Unit(clause.id, clause.label or "", text, start, _SPACE.sub("", normalise(text[start:]))))
    return out


def _body_start(text: str, label: str | None) -> int:
    """Where the text goes on after its own number (第十二条　…): numbers shift when articles are inserted."""
    if not label:
        return 0
    at = text.find(label, 0, len(label) + 8)
    if at < 0:
        return 0
    at += len(label)
    while at < len(text) and text[at] in _LABEL_TAIL:
        at += 1
    return at


def compare(corpus, old_id: str, new_id: str, cancel: Callable[[], bool] | None = None) -> Redline:
    """Align two versions of a document and mark what changed.

    Args:
        corpus: an ``index.library.corpus.Corpus``.
        old_id, new_id: the documents (any two; normally versions of one document).
        cancel: polled between steps; True stops with ``Cancelled``.

    Raises:
        UnknownIdError: a document does not exist.
    """
    old_units, new_units = units(corpus, old_id), units(corpus, new_id)
    check_cancel(cancel, "comparison")
    pairs = _align(old_units, new_units, cancel)
    in_order = _longest_ordered(sorted(pairs.items()))
    rows: list[tuple[tuple, Row]] = []
    matched_new = set(pairs.values())
    for i, j in pairs.items():
        a, b = old_units[i], new_units[j]
        moved = (i, j) not in in_order
        if a.key == b.key:
            row = Row(a, b, UNCHANGED, moved=moved, similarity=100.0)
        else:
            old_spans, new_spans = mark_changes(a.text, a.body_start, b.text, b.body_start)
            row = Row(a, b, MOVED if moved else CHANGED, old_spans, new_spans, moved,
                      round(float(similarity([a.key], [b.key])[0, 0]), 1))
        rows.append(((j, 0, i), row))
    for j, b in enumerate(new_units):
        if j not in matched_new:
            rows.append(((j, 0, -1), Row(None, b, ADDED, [], [[b.body_start, len(b.text)]])))
    # A removed unit stands after the new position of the nearest kept unit before it.
    anchor = {i: j for i, j in in_order}
    for i, a in enumerate(old_units):
        if i not in pairs:
            before = max((k for k in anchor if k < i), default=None)
            rows.append(((anchor[before] if before is not None else -1, 1, i),
                         Row(a, None, REMOVED, [[a.body_start, len(a.text)]], [])))
    rows.sort(key=lambda kr: kr[0])
    return Redline(_doc_record(corpus, old_id), _doc_record(corpus, new_id), [r for _, r in rows])


def _doc_record(corpus, doc_id: str) -> dict:
    doc = corpus.document(doc_id)
    return {"doc_id": doc.id, "title": doc.title, "short_title": doc.short_title,
            "date": doc.get("issued") or doc.get("published") or (str(doc.get("year")) if doc.get("year") else None),
            "status": doc.get("status")}


def _align(old: list[Unit], new: list[Unit], cancel) -> dict[int, int]:
    """old index → new index for the units that are one article in both versions."""
    pairs: dict[int, int] = {}
    waiting: dict[str, deque[int]] = defaultdict(deque)
    for j, unit in enumerate(new):
        waiting[unit.key].append(j)
    for i, unit in enumerate(old):
        if waiting.get(unit.key):
            pairs[i] = waiting[unit.key].popleft()
    rest_old = [i for i in range(len(old)) if i not in pairs]
    taken = set(pairs.values())
    rest_new = [j for j in range(len(new)) if j not in taken]
    if not rest_old or not rest_new:
        return pairs
    check_cancel(cancel, "comparison")
    sims = similarity([old[i].key for i in rest_old], [new[j].key for j in rest_new])
    # Near-identical pairs first, wherever they are: a moved article with a few words changed.
    near = sorted(((float(sims[a, b]), a, b) for a in range(len(rest_old)) for b in range(len(rest_new))
                   if sims[a, b] >= NEAR), reverse=True)
    used_a, used_b = set(), set()
    for _, a, b in near:
        if a not in used_a and b not in used_b:
            pairs[rest_old[a]] = rest_new[b]
            used_a.add(a)
            used_b.add(b)
    check_cancel(cancel, "comparison")
    left_a = [a for a in range(len(rest_old)) if a not in used_a]
    left_b = [b for b in range(len(rest_new)) if b not in used_b]
    for a, b in _monotone(left_a, left_b, sims):
        pairs[rest_old[a]] = rest_new[b]
    _rewritten_in_place(old, new, pairs)
    return pairs


def _rewritten_in_place(old: list[Unit], new: list[Unit], pairs: dict[int, int]) -> None:
    """Pair the one old and the one new unit left over between the same aligned neighbours when they carry the
    same number (第十一条 and 第十一条): one article rewritten in place ("第十一条修改为：…"), as a 新旧对照表
    shows it, not an article deleted beside another added. A gap holding more than one of either (a heavy
    revision, renumbered throughout) is left as it is."""
    anchors = sorted(_longest_ordered(sorted(pairs.items())))
    taken = set(pairs.values())
    bounds = [(-1, -1), *anchors, (len(old), len(new))]
    for (i0, j0), (i1, j1) in zip(bounds, bounds[1:], strict=False):
        olds = [i for i in range(i0 + 1, i1) if i not in pairs]
        news = [j for j in range(j0 + 1, j1) if j not in taken]
        if len(olds) == 1 and len(news) == 1 and old[olds[0]].label and \
                _SPACE.sub("", old[olds[0]].label) == _SPACE.sub("", new[news[0]].label):
            pairs[olds[0]] = news[0]


def similarity(a: list[str], b: list[str]):
    """0–100 for every pair: the ratio of the two texts, or, when one text is much shorter, how well it
    matches a part of the other (a 施行 article cut down to its new date), discounted.

    Returns:
        A ``len(a)`` × ``len(b)`` numpy array.
    """
    import numpy as np

    ratio = process.cdist(a, b, scorer=fuzz.ratio)
    partial = process.cdist(a, b, scorer=fuzz.partial_ratio)
    short = np.minimum.outer(np.asarray([len(x) for x in a]), np.asarray([len(x) for x in b]))
    return np.where(short >= PARTIAL_MIN, np.maximum(ratio, PARTIAL_WEIGHT * partial), ratio)


def _monotone(rows: list[int], cols: list[int], sims) -> list[tuple[int, int]]:
    """The order-keeping matching of ``rows`` to ``cols`` with the most total similarity above THRESHOLD."""
    n, m = len(rows), len(cols)
    if not n or not m:
        return []
    gain = [[max(0.0, float(sims[rows[a], cols[b]]) - THRESHOLD) if sims[rows[a], cols[b]] >= THRESHOLD else 0.0
             for b in range(m)] for a in range(n)]
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        row, below, here = gain[a], best[a + 1], best[a]
        for b in range(m - 1, -1, -1):
            take = row[b] + below[b + 1] if row[b] > 0 else 0.0
            here[b] = max(below[b], here[b + 1], take)
    out, a, b = [], 0, 0
    while a < n and b < m:
        if gain[a][b] > 0 and best[a][b] == gain[a][b] + best[a + 1][b + 1]:
            out.append((rows[a], cols[b]))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            a += 1
        else:
            b += 1
    return out


def _longest_ordered(pairs: list[tuple[int, int]]) -> set[tuple[int, int]]:
    """The most pairs (sorted by old index) whose new indices also increase: the ones not moved."""
    tails: list[int] = []  # tails[k]: index into pairs of the smallest tail of an increasing run of length k+1
    values: list[int] = []  # the new index at each tail
    prev = [-1] * len(pairs)
    for k, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(values, j)
        if pos > 0:
            prev[k] = tails[pos - 1]
        if pos == len(tails):
            tails.append(k)
            values.append(j)
        else:
            tails[pos] = k
            values[pos] = j
    out, k = set(), tails[-1] if tails else -1
    while k >= 0:
        out.add(pairs[k])
        k = prev[k]
    return out


def mark_changes(old: str, old_start: int, new: str, new_start: int) -> tuple[list[list[int]], list[list[int]]]:
    """Character spans deleted from ``old`` and inserted into ``new`` (offsets into each; whitespace ignored).

    Only the bodies are compared (from ``old_start`` / ``new_start``): an
    article's new number is not a change of its text.
    """
    a_chars, a_pos = _visible(old, old_start)
    b_chars, b_pos = _visible(new, new_start)
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 2.0
    diffs = dmp.diff_main(a_chars, b_chars, False)
    dmp.diff_cleanupSemantic(diffs)
    old_spans: list[list[int]] = []
    new_spans: list[list[int]] = []
    ia = ib = 0
    for op, chunk in diffs:
        size = len(chunk)
        if op == 0:
            ia += size
            ib += size
        elif op < 0:
            _add_span(old_spans, old, a_pos[ia], a_pos[ia + size - 1] + 1)
            ia += size
        else:
            _add_span(new_spans, new, b_pos[ib], b_pos[ib + size - 1] + 1)
            ib += size
    return old_spans, new_spans


def _visible(text: str, start: int) -> tuple[str, list[int]]:
    """The normalised non-space characters of ``text[start:]`` and their offsets in ``text``."""
    norm = normalise(text)
    chars, pos = [], []
    for k in range(start, len(text)):
        if not norm[k].isspace():
            chars.append(norm[k])
            pos.append(k)
    return "".join(chars), pos


def _add_span(spans: list[list[int]], text: str, start: int, end: int) -> None:
    """Append a span, joining it to the previous one when only whitespace lies between them."""
    if spans and not text[spans[-1][1]:start].strip():
        spans[-1][1] = end
    else:
        spans.append([start, end])
