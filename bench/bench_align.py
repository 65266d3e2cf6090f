"""Clause alignment on the labelled set: index.compare.align against the TF-IDF baseline.

Run: ``.venv/bin/python bench/bench_align.py [--tune]``

The labelled set (``tests/data/alignment_labels.json``) names, for each
subject and each of the five bundled documents, the clauses that treat it (or
none). A query is a subject's primary clause in one document; its answer is
the labelled clauses of another document. Only cells with an answer count for
precision@1 and recall@3 (over the full ranking, before the threshold);
"no counterpart" cells measure the threshold: the share correctly left empty,
and the share of answerable cells wrongly left empty.

``--tune`` searches the weights on the tuning subjects only and prints the
best; the held-out subjects are only ever evaluated.
"""

from __future__ import annotations

import argparse
import dataclasses
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from baseline_tfidf import BigramTfidf  # noqa: E402

from index.compare import align  # noqa: E402
from index.library.corpus import Corpus  # noqa: E402

# The headline protocol (see ``queries``); the strict per-subject one is printed beside it.
PROTOCOL = "clause"
LABELS = ROOT / "tests" / "data" / "alignment_labels.json"


def load_labels() -> dict:
    return json.loads(LABELS.read_text(encoding="utf-8"))


def queries(labels: dict, split: str | None = None, protocol: str = "subject"):
    """(subject, source clause id, target doc id, relevant ids) for every ordered pair of documents.

    ``protocol="subject"``: the answer is the clauses labelled for this subject.
    ``protocol="clause"``: one query per (source clause, target document); the
    answer is every clause labelled, in the target, for any subject whose
    labels include the source clause (a clause on 招商 and 人才 is answered by
    either), so two subjects sharing a source clause cannot contradict.
    """
    if protocol == "clause":
        yield from _clause_queries(labels, split)
        return
    for subject in labels["subjects"]:
        if split and subject["split"] != split:
            continue
        cells = subject["labels"]
        for src_doc, src_ids in cells.items():
            if not src_ids:
                continue
            for tgt_doc, tgt_ids in cells.items():
                if tgt_doc != src_doc:
                    yield subject["name"], src_ids[0], tgt_doc, set(tgt_ids)


def _clause_queries(labels: dict, split: str | None):
    seen = set()
    for subject in labels["subjects"]:
        if split and subject["split"] != split:
            continue
        for src_doc, src_ids in subject["labels"].items():
            if not src_ids:
                continue
            src = src_ids[0]
            for tgt_doc in subject["labels"]:
                if tgt_doc == src_doc or (src, tgt_doc) in seen:
                    continue
                seen.add((src, tgt_doc))
                relevant = set()
                for other in labels["subjects"]:
                    if src in other["labels"].get(src_doc, []):
                        relevant |= set(other["labels"].get(tgt_doc, []))
                yield subject["name"], src, tgt_doc, relevant


def evaluate(corpus, rank_fn, labels: dict, split: str | None, select_fn=None, protocol: str = "subject") -> dict:
    """precision@1 and recall@3 over answerable cells; threshold figures if ``select_fn``."""
    n = p1 = r3 = 0
    none_n = none_ok = false_none = 0
    misses = []
    for name, src, tgt, relevant in queries(labels, split, protocol):
        ranked = rank_fn(corpus.clause(src), tgt)
        ids = [c.id for _, c in ranked]
        if relevant:
            n += 1
            p1 += bool(ids and ids[0] in relevant)
            r3 += bool(relevant & set(ids[:3]))
            if ids and ids[0] not in relevant:
                misses.append((name, src, tgt, ids[0]))
            if select_fn is not None and not select_fn(ranked):
                false_none += 1
        elif select_fn is not None:
            none_n += 1
            none_ok += not select_fn(ranked)
    out = {"queries": n, "p@1": p1 / n if n else 0.0, "r@3": r3 / n if n else 0.0, "misses": misses}
    if select_fn is not None:
        out["none_cells"] = none_n
        out["none_correct"] = none_ok / none_n if none_n else 0.0
        out["false_none"] = false_none / n if n else 0.0
    return out


# Which taxonomy topic each labelled subject belongs to (for the tagging figures).
SUBJECT_TOPICS = {
    "招商引资": "zhaoshang", "利用外资": "liyong_waizi", "放权与行政审批改革": "fangguanfu",
    "复制自贸区经验": "zimaoqu", "管理体制与机构职能": "guanli_tizhi", "人事薪酬与绩效激励": "renshi_xinchou",
    "市场化运营": "shichanghua", "创新平台与研发机构": "keji_chuangxin", "孵化与双创": "keji_chuangxin",
    "产业集群与主导产业": "chanye_jiqun", "产业链与链长制": "chanyelian", "数字化与智慧园区": "shuzihua",
    "绿色低碳与循环化": "lvse_ditan", "土地集约利用": "tudi_jiyue", "金融支持与投融资": "jinrong",
    "财政资金支持": "caizheng", "人才": "rencai", "对外贸易与保税": "duiwai_maoyi", "区域合作与飞地": "quyu_hezuo",
    "国际合作园区": "liyong_waizi", "开发区整合与升级": "shengji_zhenghe", "考核评价": "kaohe",
    "组织领导": "zuzhi_baozhang", "产城融合": "chancheng", "指导思想": "zhidao_mubiao", "发展目标": "zhidao_mubiao",
    "改造提升传统产业": "chanye_zhuanxing", "现代服务业与产业融合": "xiandai_fuwuye",
}


def evaluate_topics(corpus, labels: dict, split: str | None) -> dict:
    """Topic tagging against the labels: is each primary clause tagged with its subject's topic,
    and does the coverage cell agree with the label on "covered or not"."""
    from index.compare import topics

    matrix = topics.coverage(corpus, labels["docs"])["matrix"]
    primaries = tagged = cells = agree = 0
    for subject in labels["subjects"]:
        if split and subject["split"] != split:
            continue
        row = matrix[SUBJECT_TOPICS[subject["name"]]]
        for doc_id, ids in subject["labels"].items():
            cells += 1
            agree += bool(ids) == bool(row[doc_id])
            if ids:
                primaries += 1
                tagged += ids[0] in row[doc_id]
    return {"primary_recall": tagged / primaries, "primaries": primaries,
            "cell_agreement": agree / cells, "cells": cells}


def method(corpus, w: align.Weights = align.DEFAULT_WEIGHTS):
    return (lambda clause, doc_id: align.rank(corpus, clause, doc_id, w)), (lambda r: align.select(r, 3, w))


def tune(corpus, labels) -> align.Weights:
    """Grid search on the tuning split: best p@1 + r@3, then the threshold.

    The threshold maximises (share of empty cells left empty + 2 x share of
    answerable cells not left empty) / 3: hiding a province's real measure
    costs the user more than showing a weak candidate with its score.
    """
    best, best_key = align.DEFAULT_WEIGHTS, (-1.0,)
    grid = itertools.product((1.0, 3.0, 5.0), (0.1, 0.25, 0.5), (0.15, 0.3, 0.45), (0.0, 0.3), (0.6, 0.8, 1.0))
    for hb, bp, wt, wh, par in grid:
        w = dataclasses.replace(align.DEFAULT_WEIGHTS, heading_boost=hb, boilerplate=bp, topic=wt, heading=wh, parent=par)
        rank_fn, _ = method(corpus, w)
        r = evaluate(corpus, rank_fn, labels, "tune", protocol=PROTOCOL)
        key = (r["p@1"] + r["r@3"], r["p@1"])
        if key > best_key:
            best, best_key = w, key
    print(f"best ranking weights on tune: {best} -> p@1+r@3={best_key[0]:.3f}")
    best_t, best_bal = best, -1.0
    for t in [x / 100 for x in range(4, 40)]:
        w = dataclasses.replace(best, threshold=t)
        rank_fn, sel = method(corpus, w)
        r = evaluate(corpus, rank_fn, labels, "tune", sel, protocol=PROTOCOL)
        bal = (r["none_correct"] + 2 * (1 - r["false_none"])) / 3
        if bal > best_bal:
            best_t, best_bal = w, bal
    print(f"best threshold on tune: {best_t.threshold} (recall-weighted accuracy {best_bal:.3f})")
    return best_t


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="search weights on the tuning split")
    parser.add_argument("--misses", action="store_true", help="list the held-out and tuning misses")
    args = parser.parse_args(argv)
    corpus = Corpus(imported_dir=None)
    labels = load_labels()
    w = tune(corpus, labels) if args.tune else align.DEFAULT_WEIGHTS
    base = BigramTfidf(corpus)
    rank_fn, sel = method(corpus, w)
    print(f"{'protocol':<9} {'split':<8} {'method':<22} {'queries':>7} {'P@1':>6} {'R@3':>6} "
          f"{'none ok':>8} {'false none':>10}")
    for protocol in ("clause", "subject"):
        for split in ("tune", "heldout", None):
            name = split or "all"
            b = evaluate(corpus, base.rank, labels, split, protocol=protocol)
            m = evaluate(corpus, rank_fn, labels, split, sel, protocol=protocol)
            print(f"{protocol:<9} {name:<8} {'baseline bigram tfidf':<22} {b['queries']:>7} {b['p@1']:>6.3f} "
                  f"{b['r@3']:>6.3f}")
            print(f"{protocol:<9} {name:<8} {'index.compare.align':<22} {m['queries']:>7} {m['p@1']:>6.3f} {m['r@3']:>6.3f} "
                  f"{m['none_correct']:>8.3f} {m['false_none']:>10.3f}")
            if args.misses and split and protocol == PROTOCOL:
                for miss in m["misses"]:
                    print("   miss:", *miss)
    print("\ntopic tagging (index.compare.topics, threshold chosen on tune):")
    for split in ("tune", "heldout", None):
        t = evaluate_topics(corpus, labels, split)
        print(f"  {split or 'all':<8} primary clause tagged with its topic {t['primary_recall']:.3f} "
              f"(of {t['primaries']}); covered/empty agrees with labels {t['cell_agreement']:.3f} (of {t['cells']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
