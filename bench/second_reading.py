"""The blind second reading of the comparison labels, summed up: where the method and the labels disagree, whom a
second reader sides with.

Run: ``.venv/bin/python bench/second_reading.py``

``tests/data/alignment/second_reading.json`` (its ``about`` says how it was drawn and read) holds one reader's answer
per item; this script sets each answer beside the labels (``tests/data/alignment/labels.json``) and prints, per way the
item was drawn, how often the reader agrees with the labels. Nothing here fits or chooses anything: the file exists to
tell a method's misses from the labels' errors, never to tune on.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "data" / "alignment" / "labels.json"
READING = ROOT / "tests" / "data" / "alignment" / "second_reading.json"


def _labels() -> tuple[dict[str, list[str]], dict[str, str | None]]:
    data = json.loads(LABELS.read_text(encoding="utf-8"))
    subjects = {cid: subs for d in data["documents"].values() for cid, subs in d["clauses"].items()}
    return subjects, {s["name"]: s["topic"] for s in data["subjects"]}


def _labelled_subjects(subjects: dict[str, list[str]], clause: str) -> list[str]:
    """A clause's labelled subjects; a regulation's 款 is labelled through its article (the labels' protocol)."""
    while clause not in subjects and "/" in clause:
        clause = clause.rsplit("/", 1)[0]
    return subjects.get(clause, [])


def summarise(reading: dict, subjects: dict[str, list[str]], topic_of: dict[str, str | None]) -> dict[str, dict]:
    """``{"coverage" | "pairs": {drawn_as: [items, reader agrees with the labels]}}``."""
    out: dict[str, dict] = {"coverage": defaultdict(lambda: [0, 0]), "pairs": defaultdict(lambda: [0, 0])}
    for item in reading["coverage"]:
        topics = {topic_of[s] for s in _labelled_subjects(subjects, item["clause"]) if topic_of.get(s)}
        row = out["coverage"][item["drawn_as"]]
        row[0] += 1
        row[1] += (item["topic"] in topics) == item["reader"]
    for item in reading["pairs"]:
        labelled = item["subject"] in _labelled_subjects(subjects, item["candidate"])
        row = out["pairs"][item["drawn_as"]]
        row[0] += 1
        row[1] += labelled == item["reader"]
    return {k: dict(v) for k, v in out.items()}


def main() -> None:
    reading = json.loads(READING.read_text(encoding="utf-8"))
    subjects, topic_of = _labels()
    for part, rows in summarise(reading, subjects, topic_of).items():
        print(f"{part}: items, and how often the second reader agrees with the labels")
        for drawn, (n, agree) in sorted(rows.items()):
            print(f"  {drawn:<36} {n:>4}   agrees {agree:>4} ({agree / n:.3f})   sides against the labels {n - agree}")


if __name__ == "__main__":
    main()
