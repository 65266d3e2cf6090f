"""Comparison quality on the labelled set: index.compare against the bigram TF-IDF baseline.

Run: ``.venv/bin/python bench/bench_align.py [--fit] [--misses]``

The labelled set (``tests/data/alignment/labels.json``, written before any
tuning) lists every comparable unit of 10 documents (the 5 bundled policies;
3 provincial regulations, 1 in traditional script; 2 national documents,
``tests/data/alignment/docs``) with the subjects it treats, first = its own.

Strict protocol: a query is (source unit with a subject, another document);
the answer is the target's units labelled with the source's own subject, or
"no counterpart" when there is none. A returned 款 counts as its article.

Figures (each from folds the model was not fitted on):

* leave one document out: fit on the queries not touching document d, test
  on those that do; mean and worst fold;
* 5-fold over subjects: fit on the other subjects' queries, test on the
  fold's; mean and worst fold.

Per fold: P@1 (the top shown match is right; "no counterpart" shown on an
answerable query is a miss), R@3 (a right unit among the model's top 3),
no-counterpart precision and recall, band precision (强 / 中 / 弱 over all
shown matches), A↔B agreement (a→B's top t, then t→A's top is a or a unit on
a's subject) and coverage precision/recall (unit × topic, topic model fitted
without the fold's document). The baseline ranks the same units by plain
bigram TF-IDF cosine (it never says "no counterpart").

``--fit`` then fits the model on every query and writes
``content/compare_model.json`` (weights, cuts, provenance).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import random
import shutil
import statistics
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import numpy as np  # noqa: E402
from baseline_tfidf import BigramTfidf  # noqa: E402

from index.compare import align, scoring, topics  # noqa: E402
from index.compare.units import units  # noqa: E402
from index.library.corpus import Corpus  # noqa: E402

LABELS = ROOT / "tests" / "data" / "alignment" / "labels.json"
DOCS = ROOT / "tests" / "data" / "alignment" / "docs"
TOPIC_FEATURES = ("log_weight", "share", "strongest", "heading", "distinct")
NONE_PRECISION = 0.95  # aim on the training folds, so held-out folds land at ≥ 0.9
STRONG_PRECISION = 0.93
MEDIUM_PRECISION = 0.7


def load_labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def labelled_corpus() -> Corpus:
    """The 10 labelled documents as one library (a temporary folder)."""
    folder = Path(tempfile.mkdtemp(prefix="zoneref-align-"))
    for src in (ROOT / "content" / "docs", DOCS):
        for path in src.glob("*.md"):
            shutil.copy(path, folder)
    return Corpus(folder, imported_dir=None)


@dataclasses.dataclass
class Query:
    source: str  # unit id
    src_doc: str
    tgt_doc: str
    subject: str
    relevant: set[str]
    kind: str  # "policy-policy", "regulation-regulation", ...


class Labels:
    """The labels, indexed for evaluation."""

    def __init__(self, data: dict):
        self.data = data
        self.kinds = {d: v["kind"] for d, v in data["documents"].items()}
        self.subjects = {cid: subs for d in data["documents"].values() for cid, subs in d["clauses"].items()}
        self.topic_of = {s["name"]: s["topic"] for s in data["subjects"]}
        self.by_doc_subject: dict[tuple[str, str], set[str]] = defaultdict(set)
        for doc, d in data["documents"].items():
            for cid, subs in d["clauses"].items():
                for s in subs:
                    self.by_doc_subject[(doc, s)].add(cid)

    def queries(self) -> list[Query]:
        out = []
        docs = list(self.data["documents"])
        for src_doc in docs:
            for cid, subs in self.data["documents"][src_doc]["clauses"].items():
                if not subs:
                    continue
                for tgt in docs:
                    if tgt == src_doc:
                        continue
                    kind = "-".join(sorted((self.kinds[src_doc], self.kinds[tgt])))
                    out.append(Query(cid, src_doc, tgt, subs[0], set(self.by_doc_subject.get((tgt, subs[0]), ())), kind))
        return out

    def unit_topics(self, cid: str) -> set[str]:
        return {self.topic_of[s] for s in self.subjects.get(cid, []) if self.topic_of[s]}


class Cache:
    """Candidate signals per (source unit, target document): computed once, scored by any model."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.ctx = align.context(corpus)
        self.units = {u.id: u for d in corpus.documents() for u in units(corpus, d.id)}
        self._ranked: dict[tuple[str, str], list[tuple[str, dict]]] = {}

    def candidates(self, source: str, doc: str) -> list[tuple[str, dict]]:
        key = (source, doc)
        if key not in self._ranked:
            ranked = align.rank(self.ctx, self.units[source], doc)
            self._ranked[key] = [(s.unit.id, s.values) for s in ranked]
        return self._ranked[key]


def _model(weights: dict, bias: float, cuts: dict, topic: dict) -> scoring.Model:
    return scoring.Model(weights=weights, bias=bias, none_below=cuts["none_below"], strong=cuts["strong"],
                         medium=cuts["medium"], show_floor=cuts["show_floor"], topic=topic, fitted={})


def shown(model: scoring.Model, cands: list[tuple[str, dict]], limit: int = 3) -> list[tuple[str, float]]:
    scored = sorted(((uid, model.probability(v)) for uid, v in cands), key=lambda x: -x[1])
    if not scored or scored[0][1] < model.none_below:
        return []
    return [scored[0], *(x for x in scored[1:limit] if x[1] >= model.show_floor)]


def ranked(model: scoring.Model, cands) -> list[tuple[str, float]]:
    return sorted(((uid, model.probability(v)) for uid, v in cands), key=lambda x: -x[1])


# -- fitting --------------------------------------------------------------------------

def fit_ranker(cache: Cache, queries: list[Query], l2: float = 1.0) -> tuple[dict, float]:
    rows, ys = [], []
    for q in queries:
        for uid, values in cache.candidates(q.source, q.tgt_doc):
            rows.append([values[f] for f in scoring.FEATURES])
            ys.append(1 if uid in q.relevant else 0)
    w, b = scoring.fit_logistic(np.array(rows), np.array(ys), l2=l2)
    return dict(zip(scoring.FEATURES, map(float, w), strict=True)), b


def choose_cuts(cache: Cache, queries: list[Query], weights: dict, bias: float, topic: dict) -> dict:
    """Cuts chosen on the training queries only (see the module docstring)."""
    base = _model(weights, bias, {"none_below": 0.0, "strong": 1.0, "medium": 1.0, "show_floor": 1.0}, topic)
    tops = []  # (best probability, query answerable, best is right)
    all_matches = []  # (probability, right) for every candidate among the top 3
    for q in queries:
        r = ranked(base, cache.candidates(q.source, q.tgt_doc))
        if not r:
            continue
        tops.append((r[0][1], bool(q.relevant), r[0][0] in q.relevant))
        all_matches += [(p, uid in q.relevant) for uid, p in r[:3]]
    # "No counterpart" below the highest cut whose silences are right ≥ NONE_PRECISION of the time.
    none_below = 0.0
    for cut in np.arange(0.02, 0.6, 0.01):
        silent = [t for t in tops if t[0] < cut]
        if len(silent) >= 5 and sum(not a for _, a, _ in silent) / len(silent) >= NONE_PRECISION:
            none_below = float(cut)
    strong = _lowest_cut(all_matches, STRONG_PRECISION)
    medium = min(_lowest_cut(all_matches, MEDIUM_PRECISION), strong)
    return {"none_below": round(none_below, 3), "strong": round(strong, 3), "medium": round(medium, 3),
            "show_floor": round(max(medium, none_below), 3)}


def _lowest_cut(matches: list[tuple[float, bool]], precision: float) -> float:
    """The lowest probability cut above which matches are right ≥ ``precision`` of the time."""
    best = 1.0
    for cut in np.arange(0.98, 0.02, -0.01):
        above = [r for p, r in matches if p >= cut]
        if len(above) >= 5 and sum(above) / len(above) >= precision:
            best = float(cut)
    return best


def topic_rows(corpus: Corpus, labels: Labels, doc_ids) -> tuple[list, list, list]:
    rows, ys, keys = [], [], []
    for doc in doc_ids:
        for u in units(corpus, doc):
            if u.id not in labels.subjects:
                continue
            truth = labels.unit_topics(u.id)
            for tid in topics.topic_hits(topics.lead_of(u.clause, u.text), u.text):
                values, _ = topics.membership_values(topics.lead_of(u.clause, u.text), u.text, tid)
                rows.append([values[f] for f in TOPIC_FEATURES])
                ys.append(1 if tid in truth else 0)
                keys.append((u.id, tid))
    return rows, ys, keys


def fit_topic(corpus: Corpus, labels: Labels, doc_ids) -> dict:
    rows, ys, _ = topic_rows(corpus, labels, doc_ids)
    w, b = scoring.fit_logistic(np.array(rows), np.array(ys), l2=1.0)
    weights = dict(zip(TOPIC_FEATURES, map(float, w), strict=True))
    # The cut with the best F1 on the training documents.
    probs = 1 / (1 + np.exp(-(np.array(rows) @ w + b)))
    y = np.array(ys)
    best, best_f1 = 0.5, -1.0
    for cut in np.arange(0.2, 0.8, 0.02):
        pred = probs >= cut
        tp = (pred & (y == 1)).sum()
        f1 = 2 * tp / max(pred.sum() + y.sum(), 1)
        if f1 > best_f1:
            best, best_f1 = float(cut), f1
    return {"weights": weights, "bias": float(b), "cut": round(best, 3)}


def coverage_pr(corpus: Corpus, labels: Labels, topic: dict, doc_ids) -> tuple[int, int, int]:
    """(claims right, claims, labelled pairs) of unit × topic over ``doc_ids``."""
    rows, ys, _ = topic_rows(corpus, labels, doc_ids)
    right = claims = 0
    for row, y in zip(rows, ys, strict=True):
        z = topic["bias"] + sum(topic["weights"][f] * v for f, v in zip(TOPIC_FEATURES, row, strict=True))
        if 1 / (1 + np.exp(-z)) >= topic["cut"]:
            claims += 1
            right += y
    truth = sum(len(labels.unit_topics(cid)) for cid in labels.subjects if cid.split("/", 1)[0] in doc_ids)
    return right, claims, truth


# -- evaluation -----------------------------------------------------------------------

def evaluate(cache: Cache, labels: Labels, model: scoring.Model, queries: list[Query]) -> dict:
    n = p1 = r3 = rank_p1 = 0
    none_said = none_right = none_truth = none_found = 0
    bands: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    agree = agree_n = 0
    misses = []
    for q in queries:
        cands = cache.candidates(q.source, q.tgt_doc)
        r = ranked(model, cands)
        s = shown(model, cands)
        for uid, p in s:
            b = bands[model.band(p)]
            b[0] += uid in q.relevant
            b[1] += 1
        if not s:
            none_said += 1
            none_right += not q.relevant
        if not q.relevant:
            none_truth += 1
            none_found += not s
            continue
        n += 1
        rank_p1 += bool(r) and r[0][0] in q.relevant
        hit = bool(s) and s[0][0] in q.relevant
        p1 += hit
        r3 += any(uid in q.relevant for uid, _ in r[:3])
        if not hit:
            misses.append((q.subject, q.source, q.tgt_doc, s[0][0] if s else "无对应"))
        # A→B→A: the top shown in B compared back to A lands on the source or on its subject.
        agree_n += 1
        if s:
            back = shown(model, cache.candidates(s[0][0], q.src_doc)) if s[0][0] in cache.units else []
            if back:
                u = back[0][0]
                agree += u == q.source or q.subject in labels.subjects.get(u, [])
    out = {"queries": n, "p@1": p1 / max(n, 1), "r@3": r3 / max(n, 1), "rank p@1": rank_p1 / max(n, 1),
           "none precision": none_right / none_said if none_said else float("nan"),
           "none recall": none_found / none_truth if none_truth else float("nan"),
           "none said": none_said, "none truth": none_truth,
           "agreement": agree / max(agree_n, 1), "misses": misses}
    for band, (right, total) in bands.items():
        out[f"band {band}"] = right / total if total else float("nan")
        out[f"band {band} n"] = total
    return out


def evaluate_baseline(base: BigramTfidf, cache: Cache, queries: list[Query]) -> dict:
    n = p1 = r3 = 0
    for q in queries:
        if not q.relevant:
            continue
        n += 1
        r = base.rank(cache.units[q.source], q.tgt_doc)
        p1 += bool(r) and r[0][1] in q.relevant
        r3 += any(uid in q.relevant for _, uid in r[:3])
    return {"queries": n, "p@1": p1 / max(n, 1), "r@3": r3 / max(n, 1)}


def folds(labels: Labels, queries: list[Query], how: str, k: int = 5) -> list[tuple[str, list[Query], list[Query]]]:
    """(name, training queries, test queries) for each fold."""
    out = []
    if how == "document":
        for doc in labels.data["documents"]:
            train = [q for q in queries if doc not in (q.src_doc, q.tgt_doc)]
            test = [q for q in queries if doc in (q.src_doc, q.tgt_doc)]
            out.append((doc, train, test))
    else:
        subjects = sorted({q.subject for q in queries})
        random.Random(15).shuffle(subjects)
        for i in range(k):
            held = set(subjects[i::k])
            out.append((f"subjects {i + 1}/{k}", [q for q in queries if q.subject not in held],
                        [q for q in queries if q.subject in held]))
    return out


def run_folds(corpus, labels, cache, base, queries, how: str, show_misses: bool = False) -> list[dict]:
    rows = []
    for name, train, test in folds(labels, queries, how):
        held_docs = {name} if how == "document" else set()
        train_docs = [d for d in labels.data["documents"] if d not in held_docs]
        topic = fit_topic(corpus, labels, train_docs)
        weights, bias = fit_ranker(cache, train)
        cuts = choose_cuts(cache, train, weights, bias, topic)
        model = _model(weights, bias, cuts, topic)
        m = evaluate(cache, labels, model, test)
        b = evaluate_baseline(base, cache, test)
        test_docs = [name] if how == "document" else list(labels.data["documents"])
        right, claims, truth = coverage_pr(corpus, labels, topic, test_docs)
        m.update({"name": name, "base p@1": b["p@1"], "base r@3": b["r@3"],
                  "cov precision": right / max(claims, 1), "cov recall": right / max(truth, 1), "cuts": cuts})
        rows.append(m)
        if show_misses:
            for miss in m["misses"]:
                print("   miss:", name, *miss)
    return rows


KEYS = ("p@1", "r@3", "rank p@1", "base p@1", "base r@3", "none precision", "none recall", "band 强", "band 中",
        "band 弱", "agreement", "cov precision", "cov recall")


def print_table(title: str, rows: list[dict]) -> None:
    print(f"\n{title}")
    print(f"{'fold':<26}{'n':>5} " + " ".join(f"{k:>9}" for k in ("P@1", "R@3", "rankP@1", "base P@1", "base R@3",
                                                                   "none P", "none R", "强 P", "中 P", "弱 P",
                                                                   "A↔B", "cov P", "cov R")))
    for r in rows:
        print(f"{r['name']:<26}{r['queries']:>5} " + " ".join(f"{r.get(k, float('nan')):>9.3f}" for k in KEYS))
    for label, fn in (("mean", statistics.fmean), ("worst", min)):
        vals = []
        for k in KEYS:
            xs = [r[k] for r in rows if k in r and r[k] == r[k]]
            vals.append(fn(xs) if xs else float("nan"))
        print(f"{label:<26}{'':>5} " + " ".join(f"{v:>9.3f}" for v in vals))


def by_kind(cache, labels, base, queries, how="document") -> None:
    """P@1 per kind of document pair, each query scored in a fold that did not fit on it."""
    corpus = cache.corpus
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for name, train, test in folds(labels, queries, how):
        if how == "document":
            test = [q for q in test if q.src_doc == name]  # each query once: in its source's fold
        topic = fit_topic(corpus, labels, [d for d in labels.data["documents"] if d != name])
        weights, bias = fit_ranker(cache, train)
        model = _model(weights, bias, choose_cuts(cache, train, weights, bias, topic), topic)
        for q in test:
            if not q.relevant:
                continue
            s = shown(model, cache.candidates(q.source, q.tgt_doc))
            r = base.rank(cache.units[q.source], q.tgt_doc)
            rec = per[q.kind]
            rec[0] += 1
            rec[1] += bool(s) and s[0][0] in q.relevant
            rec[2] += bool(r) and r[0][1] in q.relevant
    print("\nP@1 by kind of document pair (leave one document out, each query once):")
    for kind, (n, ours, theirs) in sorted(per.items()):
        print(f"  {kind:<26} {n:>4} queries   ours {ours / n:.3f}   baseline {theirs / n:.3f}")


def consistency(cache: Cache, model: scoring.Model) -> float:
    """Share of (unit, document) where a topic comparison and a clause comparison agree.

    For each unit whose strongest topic is T and each other document: the top
    shown counterpart is among the document's T units, or both are empty.
    """
    corpus = cache.corpus
    agree = n = 0
    for uid, unit in cache.units.items():
        tags = topics.unit_topics(unit)
        if not tags:
            continue
        t = tags[0]
        for doc in corpus.documents():
            if doc.id == unit.clause.doc_id:
                continue
            column = {u.id for u in units(corpus, doc.id) if t in topics.unit_topics(u)}
            s = shown(model, cache.candidates(uid, doc.id))
            n += 1
            agree += (not s and not column) or (bool(s) and s[0][0] in column)
    return agree / max(n, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="fit on every query and write content/compare_model.json")
    parser.add_argument("--misses", action="store_true", help="list the held-out misses")
    args = parser.parse_args(argv)
    corpus = labelled_corpus()
    labels = Labels(load_labels())
    queries = labels.queries()
    cache = Cache(corpus)
    base = BigramTfidf(corpus)
    answerable = sum(bool(q.relevant) for q in queries)
    print(f"{len(labels.data['documents'])} documents, {len(labels.subjects)} labelled units, {len(queries)} "
          f"directed queries ({answerable} with a counterpart, {len(queries) - answerable} without)")
    print_table("leave one document out (fit on the others, test on queries touching it)",
                run_folds(corpus, labels, cache, base, queries, "document", args.misses))
    print_table("5-fold over subjects (fit on the other subjects' queries)",
                run_folds(corpus, labels, cache, base, queries, "subject"))
    by_kind(cache, labels, base, queries)
    shipped = scoring.load_model()
    print(f"\nshipped model ({shipped.fitted.get('how', '?')}): topic/clause comparisons agree on "
          f"{consistency(cache, shipped):.3f} of (unit, document) pairs")
    if args.fit:
        topic = fit_topic(corpus, labels, list(labels.data["documents"]))
        weights, bias = fit_ranker(cache, queries)
        cuts = choose_cuts(cache, queries, weights, bias, topic)
        data = {"weights": {k: round(v, 4) for k, v in weights.items()}, "bias": round(bias, 4), **cuts,
                "topic": {"weights": {k: round(v, 4) for k, v in topic["weights"].items()},
                          "bias": round(topic["bias"], 4), "cut": topic["cut"]},
                "fitted": {"how": "bench/bench_align.py --fit: logistic regression on every labelled query "
                                  "(tests/data/alignment/labels.json); the figures it prints are from folds "
                                  "fitted without the tested document or subjects",
                           "queries": len(queries), "units": len(labels.subjects)}}
        scoring.model_path().write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"\nwrote {scoring.model_path()}: {json.dumps(data, ensure_ascii=False)[:400]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
