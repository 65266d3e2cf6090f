"""How likely a candidate unit treats the source's subject: features, models, calibration.

A comparison scores each target document's candidate units in two passes,
then decides whether the document treats the subject at all.

**First pass.** Every candidate gets signals that are scale-free or
relative to the candidates at hand (so a document's own wording habits, a
regulation's 应当/本条例 or a policy's 支持/鼓励, do not move the result):

* ``cos``: cosine of library-IDF-weighted bigram vectors of the two texts;
* ``sent``: each sentence against its best sentence in the other text,
  averaged both ways (one shared measure is not drowned by a long clause);
* ``lead``: cosine of the headings, or of the first sentences where there is
  no heading (a regulation's article);
* ``cross``: each one's heading (or first sentence) against the other's text;
* ``topic``: cosine of the taxonomy topic weights;
* ``context``: cosine of the headings above the two units (一、总体要求 …);
* ``ctx_lead``: one's headings above against the other's own heading (an
  item under 发展目标 and a section headed 發展目標);
* ``path``: cosine of the whole heading paths (headings above + own);
* ``pos``, ``preamble``: where the units stand in their documents (purpose
  and goals come first, evaluation and entry into force last), relative;
* ``z`` and ``gap``: the candidate's first-stage score against the target
  document's other units (standard score, and margin over the best other);
* ``rrank``: 1 / its rank in the target document;
* ``rev``: 1 / the source's rank among its own document's units when the
  candidate is compared back (mutual best = 1): A→B and B→A agree;
* ``parent``, ``lenratio``: a broad parent section, a very different length;
* ``frame``: both play the same role in their documents' frames
  (``index.compare.frames``): both state their purpose and basis (a
  regulation's 第一条 制定本条例, a policy's 现提出如下意见), both are guidance
  (指导思想, 基本原则, 重要意义) or both are goals (发展目标, the items under 目标要求).
  Such units are also added as candidates when their wording ranks them
  below the first ``TOP_K`` (``align.first_pass``).

A linear model (``Model.first``) turns them into a logit per candidate; a
softmax over the document's candidates gives each one's share.

**Second pass: the other documents' say** (joint assignment across the
library). The source's best candidates in the *other* documents, weighted
by their first-pass shares, form an expansion of the source: what the
library says a clause on this subject looks like. ``prf`` is a candidate's
similarity to that expansion (the target's own candidates left out) and
``prf_rel`` the same relative to the target's best; ``in_topic`` whether
the coverage matrix lists the candidate under the source's main topic
(``topics.document_topics``; the tags kept at import), so that a clause
comparison and a topic comparison show the same units. A second linear model
(``Model.second``) over the first-pass signals plus these three ranks the
candidates.

**Compared back** (joint assignment between the two documents). Each of
the best ``MUTUAL_K`` candidates is compared back to the source's document
by the first pass: ``back`` is the log of the source's share there,
``back_top`` whether the source is its best. A third linear model
(``Model.mutual``, over ``MUTUAL``: the second-pass logit, these two and
``in_topic`` again) orders the candidates and gives the shares the
calibration reads, so a candidate whose own best match back is the source
is preferred and A→B and B→A agree more often, and of two close candidates
the one the topic comparison lists under the source's topic comes first
(the second pass alone weighs ``in_topic`` for ranking, not for the
shares once compared back). An empty ``mutual`` keeps the second-pass
order; a model fitted before ``in_topic`` joined ``MUTUAL`` reads it with
weight 0.

**Presence.** Whether the target document treats the subject at all is a
logistic model (``Model.presence``) over document-level signals: the best
candidate's second-pass logit, its margin and share, the best first-stage
score and topic agreement, how the best compares with the source's best in
the other documents (median, maximum), and where the source stands when the
best candidate is compared back (``rev``, and its cosine margin ``rev_gap``). "No counterpart" is said when the
presence probability is below ``none_below``, and also when the coverage matrix agrees with a weak comparison:
the target's column lists no unit under the source's main topic, its best candidate is below the 中 band,
and no candidate's topic cosine (``doc_topic``) reaches ``absent_below``. The presence model alone cannot
say it there (its signals read the wording, which a document without the subject still shares).

**Calibration.** The probability that a candidate is a right counterpart
(the ``score`` users see, 0–100 as ``confidence``) is a logistic model
(``Model.calibration``) over its share (of the joint logits, once compared
back) and the presence logit.
Bands 强/中/弱 are cuts on it chosen for measured precision.

All weights and cuts are data (``content/compare_model.json``), fitted by
``bench/bench_align.py --fit`` with cross-validation on the labelled set.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Mapping, Sequence
from itertools import repeat
from operator import mul
from pathlib import Path

from index.base import paths
from index.base.errors import ContentError
from index.compare.units import Vectors, cosine

FIRST = ("cos", "sent", "lead", "cross", "topic", "context", "ctx_lead", "path", "pos", "preamble", "z", "gap",
         "rrank", "rev", "parent", "lenratio", "frame")
SECOND = (*FIRST, "prf", "prf_rel", "in_topic")
PRESENCE = ("top", "margin", "logp", "best", "doc_topic", "top_z", "vs_median", "vs_max", "rev", "rev_gap")
MUTUAL = ("logit", "back", "back_top", "in_topic")
CALIBRATION = ("logp", "presence")
MUTUAL_K = 5  # candidates per document compared back for ``MUTUAL``
BACK_FLOOR = 0.01  # the share a candidate not compared back, or not finding the source, counts with
STRONG, MEDIUM, WEAK = "强", "中", "弱"


def sentence_score(a: Sequence[dict], b: Sequence[dict]) -> float:
    """Each sentence's best match in the other text, averaged, both ways."""
    if not a or not b:
        return 0.0
    best_b = [0.0] * len(b)
    total_a = 0.0
    for va in a:
        best = 0.0
        keys = va.keys()
        for j, vb in enumerate(b):
            if keys.isdisjoint(vb):
                continue  # cosine 0.0 raises neither best (most sentence pairs share no bigram: skipped at C speed)
            s = cosine(va, vb)
            if s > best:
                best = s
            if s > best_b[j]:
                best_b[j] = s
        total_a += best
    return 0.5 * (total_a / len(a) + sum(best_b) / len(b))


def first_stage(q: Vectors, c: Vectors) -> float:
    """The cheap score every unit of a target document gets (ranks the candidates)."""
    if q.text.keys().isdisjoint(c.text):
        # Both cosines 0.0 (a sentence's bigrams are some of its text's): most units of a document, skipped.
        return 0.0
    return 0.5 * cosine(q.text, c.text) + 0.5 * sentence_score(q.sentences, c.sentences)


def relative(stages: Sequence[float]) -> tuple[float, float, float, float]:
    """(mean, standard deviation, best, second best) of a document's first-stage scores."""
    n = len(stages)
    if not n:
        return 0.0, 1.0, 0.0, 0.0
    mean = sum(stages) / n
    sd = math.sqrt(sum((s - mean) ** 2 for s in stages) / n) or 1e-6
    top = sorted(stages, reverse=True)
    return mean, sd, top[0], top[1] if n > 1 else 0.0


def pair_values(q: Vectors, c: Vectors, stage: float, rank: int, rev_rank: int, parent: bool,
                dist: tuple[float, float, float, float]) -> dict[str, float]:
    """The first-pass signals of one candidate (see the module docstring)."""
    mean, sd, best, second = dist
    other_best = second if stage >= best else best
    return {
        "cos": cosine(q.text, c.text),
        "sent": sentence_score(q.sentences, c.sentences),
        "lead": cosine(q.lead, c.lead),
        "cross": 0.5 * (cosine(q.lead, c.text) + cosine(c.lead, q.text)),
        "topic": cosine(q.topics, c.topics),
        "context": cosine(q.context, c.context),
        "ctx_lead": 0.5 * (cosine(q.context, c.lead) + cosine(q.lead, c.context)),
        "path": cosine(q.path, c.path),
        "pos": 1.0 - abs(q.position - c.position),
        "preamble": 1.0 if q.preamble and c.preamble else 0.0,
        "z": max(-3.0, min(6.0, (stage - mean) / sd)),
        "gap": stage - other_best,
        "rrank": 1.0 / rank,
        "rev": 1.0 / rev_rank,
        "parent": 1.0 if parent else 0.0,
        "lenratio": abs(math.log(max(c.length, 1) / max(q.length, 1))),
        "frame": 1.0 if q.role is not None and q.role == c.role else 0.0,
    }


def prf_values(scores: Sequence[float]) -> list[dict[str, float]]:
    """The second-pass signals from each candidate's similarity to the library's expansion of the source."""
    top = max(scores, default=0.0)
    return [{"prf": s, "prf_rel": s / top if top > 0 else 0.0} for s in scores]


def presence_values(logits: Sequence[float], best_stage: float, doc_topic: float, top_z: float,
                    others: Sequence[float], rev: float, rev_gap: float) -> dict[str, float]:
    """The document-level signals of the presence model.

    Args:
        logits: the document's candidates' second-pass logits, best first.
        best_stage: the document's best first-stage score.
        doc_topic: the best topic cosine among its candidates.
        top_z: the best candidate's first-pass ``z``.
        others: the source's best second-pass logit in each other document compared.
        rev: the best candidate's ``rev`` (1 / the source's rank when it is compared back).
        rev_gap: compared back, the source's cosine margin over the next closest unit of its document.
    """
    top = logits[0]
    second = logits[1] if len(logits) > 1 else top - 5.0
    shares = softmax(logits)
    median = sorted(others)[len(others) // 2] if others else top
    return {"top": top, "margin": top - second, "logp": math.log(shares[0]), "best": best_stage,
            "doc_topic": doc_topic, "top_z": top_z, "vs_median": top - median,
            "vs_max": top - max(others, default=top), "rev": rev, "rev_gap": rev_gap}


def mutual_values(logit: float, back_share: float, back_top: bool, in_topic: float) -> dict[str, float]:
    """The signals of ``Model.mutual``: the second-pass logit, how the candidate compares back, and whether the
    coverage lists it under the source's main topic (``in_topic``, 1 or 0)."""
    return {"logit": logit, "back": math.log(max(back_share, BACK_FLOOR)), "back_top": 1.0 if back_top else 0.0,
            "in_topic": in_topic}


def softmax(logits: Sequence[float]) -> list[float]:
    if not logits:
        return []
    m = max(logits)
    e = [math.exp(x - m) for x in logits]
    total = sum(e)
    return [x / total for x in e]


def linear(weights: Mapping[str, float], values: Mapping[str, float]) -> float:
    # The products at C speed, summed in the weights' order (as a generator over ``weights.items()`` would).
    return sum(map(mul, weights.values(), map(values.get, weights, repeat(0.0))))


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclasses.dataclass(frozen=True)
class Model:
    """The comparison models and the cuts chosen on the labels."""

    first: dict[str, float]  # first-pass logit weights over ``FIRST``
    second: dict[str, float]  # second-pass logit weights over ``SECOND``
    presence: dict  # {"weights": over ``PRESENCE``, "bias"}: P(the document treats the subject)
    calibration: dict  # {"weights": over ``CALIBRATION``, "bias"}: P(a candidate is right)
    none_below: float  # presence probability below this: "no counterpart"
    strong: float  # calibrated probability ≥ this: band 强
    medium: float  # ≥ this: 中; else 弱
    show_floor: float  # further matches shown only at or above this probability
    topic: dict  # the topic-membership model (``topics.membership``)
    fitted: dict  # how and on what the models were fitted (provenance)
    mutual: dict = dataclasses.field(default_factory=dict)  # weights over ``MUTUAL``; {}: second-pass order
    # The coverage lacks the source's topic, the best candidate is 弱 and every candidate's topic cosine is
    # below this: "no counterpart" (0: never).
    absent_below: float = 0.0

    def joint_logit(self, values: Mapping[str, float]) -> float:
        """A candidate's logit once compared back (``MUTUAL``); the second-pass logit without a mutual model."""
        return linear(self.mutual, values) if self.mutual else values["logit"]

    def presence_logit(self, values: Mapping[str, float]) -> float:
        return self.presence["bias"] + linear(self.presence["weights"], values)

    def probability(self, share: float, presence_logit: float) -> float:
        """Calibrated probability that a candidate with this share (joint logits) is right."""
        values = {"logp": math.log(max(share, 1e-6)), "presence": presence_logit}
        return sigmoid(self.calibration["bias"] + linear(self.calibration["weights"], values))

    def band(self, probability: float) -> str:
        if probability >= self.strong:
            return STRONG
        return MEDIUM if probability >= self.medium else WEAK

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def model_path() -> Path:
    return paths.compare_model()


@functools.cache
def load_model(path: Path | None = None) -> Model:
    """The shipped model (``content/compare_model.json``).

    Raises:
        ContentError: the file is missing or malformed.
    """
    path = path or model_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return model_from_dict(data)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{path}: cannot read the comparison model ({exc})") from exc


def model_from_dict(data: Mapping) -> Model:
    """A ``Model`` from its JSON form (``Model.to_dict``)."""

    def part(d: Mapping) -> dict:
        return {"weights": {k: float(v) for k, v in d["weights"].items()}, "bias": float(d["bias"])}

    return Model(first={k: float(v) for k, v in data["first"].items()},
                 second={k: float(v) for k, v in data["second"].items()},
                 presence=part(data["presence"]), calibration=part(data["calibration"]),
                 none_below=float(data["none_below"]), strong=float(data["strong"]),
                 medium=float(data["medium"]), show_floor=float(data["show_floor"]),
                 topic=dict(data["topic"]), fitted=dict(data.get("fitted") or {}),
                 mutual={k: float(v) for k, v in (data.get("mutual") or {}).items()},
                 absent_below=float(data.get("absent_below", 0.0)))


def confidence(probability: float) -> int:
    """The 0–100 score shown to users."""
    return int(round(100 * probability))


# -- fitting (used by bench/bench_align.py; numpy only there) ------------------------

def fit_logistic(rows, labels, l2: float = 1.0, iterations: int = 50):
    """L2-regularised logistic regression by Newton's method (IRLS).

    Args:
        rows: n × k array of feature values (no bias column).
        labels: n array of 0/1.
        l2: ridge penalty on the weights (not the bias).

    Returns:
        (weights, bias) as numpy arrays / float.
    """
    import numpy as np

    x = np.hstack([np.asarray(rows, dtype=float), np.ones((len(rows), 1))])
    y = np.asarray(labels, dtype=float)
    w = np.zeros(x.shape[1])
    penalty = np.eye(x.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(iterations):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + penalty @ w
        hess = (x * (p * (1 - p))[:, None]).T @ x + penalty + np.eye(x.shape[1]) * 1e-9
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w[:-1], float(w[-1])


def fit_softmax(groups, l2: float = 1.0, iterations: int = 100):
    """L2-regularised conditional logit (a softmax over each group's candidates) by damped Newton steps.

    Each group is one (source, target document) with at least one right
    candidate; the fitted weights make the right ones take the largest share
    (the target puts equal mass on each right candidate).

    Args:
        groups: list of (n_i × k array of feature values, set of the right rows' indices).
        l2: ridge penalty.

    Returns:
        The k weights (numpy array).
    """
    import numpy as np

    k = groups[0][0].shape[1]
    w = np.zeros(k)
    targets = []
    for x, right in groups:
        t = np.zeros(len(x))
        t[list(right)] = 1.0 / len(right)
        targets.append(t)

    def loss(w):
        total = 0.5 * l2 * w @ w
        for (x, _), t in zip(groups, targets, strict=True):
            z = x @ w
            m = z.max()
            total -= t @ z - m - np.log(np.exp(z - m).sum())
        return total

    current = loss(w)
    for _ in range(iterations):
        grad = l2 * w
        hess = l2 * np.eye(k)
        for (x, _), t in zip(groups, targets, strict=True):
            z = x @ w
            p = np.exp(z - z.max())
            p /= p.sum()
            grad += x.T @ (p - t)
            xm = x - p @ x
            hess += (xm * p[:, None]).T @ xm
        step = np.linalg.solve(hess, grad)
        rate = 1.0
        while True:
            new = loss(w - rate * step)
            if new <= current or rate < 1e-4:
                break
            rate /= 2
        w = w - rate * step
        done = abs(current - new) < 1e-9
        current = new
        if done:
            break
    return w
