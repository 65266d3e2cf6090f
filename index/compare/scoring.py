"""How likely a candidate unit treats the source's subject: features, model, calibration.

For a source unit and one target document, every candidate unit gets a
handful of signals, all either scale-free or relative to the candidates at
hand (so a document's own wording habits, a regulation's 应当/本条例 or a
policy's 支持/鼓励, do not move the result):

* ``cos``: cosine of library-IDF-weighted bigram vectors of the two texts;
* ``sent``: each sentence against its best sentence in the other text,
  averaged both ways (one shared measure is not drowned by a long clause);
* ``lead``: cosine of the headings, or of the first sentences where there is
  no heading (a regulation's article);
* ``cross``: each one's heading (or first sentence) against the other's text;
* ``topic``: cosine of the taxonomy topic weights;
* ``context``: cosine of the headings above the two units (一、总体要求 …);
* ``pos``, ``preamble``: where the units stand in their documents (purpose
  and goals come first, evaluation and entry into force last), relative;
* ``z`` and ``gap``: the candidate's first-stage score against the target
  document's other units (standard score, and margin over the best other):
  "no counterpart" is a document where nothing stands out;
* ``rrank``: 1 / its rank in the target document;
* ``rev``: 1 / the source's rank among its own document's units when the
  candidate is compared back (mutual best = 1): A→B and B→A agree;
* ``parent``, ``lenratio``: a broad parent section, a very different length;
* ``best``, ``doc_topic``: the target document's best first-stage score and
  best topic cosine (the same for all its candidates: they say whether the
  document treats the subject at all, which calibrates "no counterpart").

A logistic model turns them into the probability that the candidate is a
right counterpart. Its weights are data (``content/compare_model.json``),
fitted by ``bench/bench_align.py --fit`` with cross-validation on the
labelled set; the probability is the calibrated confidence (0–100) shown
to the user, and the bands and the "no counterpart" cut are chosen there on
measured precision.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path

from index.base import paths
from index.base.errors import ContentError
from index.compare.units import Vectors, cosine

FEATURES = ("cos", "sent", "lead", "cross", "topic", "context", "pos", "preamble", "z", "gap", "rrank", "rev",
            "parent", "lenratio", "best", "doc_topic")
STRONG, MEDIUM, WEAK = "强", "中", "弱"


def sentence_score(a: Sequence[dict], b: Sequence[dict]) -> float:
    """Each sentence's best match in the other text, averaged, both ways."""
    if not a or not b:
        return 0.0
    best_b = [0.0] * len(b)
    total_a = 0.0
    for va in a:
        best = 0.0
        for j, vb in enumerate(b):
            s = cosine(va, vb)
            if s > best:
                best = s
            if s > best_b[j]:
                best_b[j] = s
        total_a += best
    return 0.5 * (total_a / len(a) + sum(best_b) / len(b))


def first_stage(q: Vectors, c: Vectors) -> float:
    """The cheap score every unit of a target document gets (ranks the candidates)."""
    return 0.5 * cosine(q.text, c.text) + 0.5 * sentence_score(q.sentences, c.sentences)


@dataclasses.dataclass
class Candidate:
    """One candidate unit with its signals."""

    index: int  # position among the target document's units
    stage: float  # first-stage score
    values: dict[str, float] = dataclasses.field(default_factory=dict)
    probability: float = 0.0


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
                dist: tuple[float, float, float, float], doc_topic: float) -> dict[str, float]:
    """The signals of one candidate (see the module docstring)."""
    mean, sd, best, second = dist
    other_best = second if stage >= best else best
    return {
        "cos": cosine(q.text, c.text),
        "sent": sentence_score(q.sentences, c.sentences),
        "lead": cosine(q.lead, c.lead),
        "cross": 0.5 * (cosine(q.lead, c.text) + cosine(c.lead, q.text)),
        "topic": cosine(q.topics, c.topics),
        "context": cosine(q.context, c.context),
        "pos": 1.0 - abs(q.position - c.position),
        "preamble": 1.0 if q.preamble and c.preamble else 0.0,
        "z": max(-3.0, min(6.0, (stage - mean) / sd)),
        "gap": stage - other_best,
        "rrank": 1.0 / rank,
        "rev": 1.0 / rev_rank,
        "parent": 1.0 if parent else 0.0,
        "lenratio": abs(math.log(max(c.length, 1) / max(q.length, 1))),
        "best": best,
        "doc_topic": doc_topic,
    }


@dataclasses.dataclass(frozen=True)
class Model:
    """Logistic weights over ``FEATURES``, and the cuts chosen on the labels."""

    weights: dict[str, float]
    bias: float
    none_below: float  # best probability below this: "no counterpart"
    strong: float  # probability ≥ this: band 强
    medium: float  # ≥ this: 中; else 弱
    show_floor: float  # further matches shown only at or above this probability
    topic: dict  # the topic-membership model (``topics.membership``)
    fitted: dict  # how and on what the model was fitted (provenance)

    def probability(self, values: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in values.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def band(self, probability: float) -> str:
        if probability >= self.strong:
            return STRONG
        return MEDIUM if probability >= self.medium else WEAK

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def model_path() -> Path:
    return paths.content_dir() / "compare_model.json"


@functools.cache
def load_model(path: Path | None = None) -> Model:
    """The shipped model (``content/compare_model.json``).

    Raises:
        ContentError: the file is missing or malformed.
    """
    path = path or model_path()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return Model(weights={k: float(v) for k, v in data["weights"].items()}, bias=float(data["bias"]),
                     none_below=float(data["none_below"]), strong=float(data["strong"]),
                     medium=float(data["medium"]), show_floor=float(data["show_floor"]),
                     topic=dict(data["topic"]), fitted=dict(data.get("fitted") or {}))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ContentError(f"{path}: cannot read the comparison model ({exc})") from exc


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
