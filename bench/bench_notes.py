"""Figures for the notes store: add, search (1, 2, 3+ characters), filters, export/import, re-anchoring.

Run: ``.venv/bin/python bench/bench_notes.py [N]`` (default 5000 annotations),
in a throw-away ZONEREF_HOME. Prints timings; asserts nothing.
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def _timed(label: str, fn, repeat: int = 1):
    start = time.perf_counter()
    for _ in range(repeat):
        result = fn()
    per = (time.perf_counter() - start) / repeat
    size = f" ({len(result)} results)" if isinstance(result, list) else ""
    print(f"{label:<44} {per * 1000:9.1f} ms{size}")
    return result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
    home = Path(tempfile.mkdtemp(prefix="zoneref-bench-notes-"))
    os.environ["ZONEREF_HOME"] = str(home)
    from index.library.corpus import Corpus
    from index.userdata import database as userdb
    from index.userdata import notes_io
    from index.userdata.notes import COLORS, NoteStore

    corpus = Corpus()
    store = NoteStore(userdb.open_db(), corpus)
    rng = random.Random(1)
    clauses = [c for c in corpus.all_clauses() if c.end - c.start > 20]
    words = ["用地", "招商", "财政", "审批", "人才", "土地", "税收", "园区", "改革", "考核"]

    def add_many():
        out = []
        with userdb.transaction(store.db):
            for i in range(n):
                c = rng.choice(clauses)
                s = rng.randrange(c.start, c.end - 10)
                out.append(store.add(c.id, None, start=s, end=s + rng.randint(4, 10),
                                     note=f"第{i}条：{rng.choice(words)}{rng.choice(words)}",
                                     color=rng.choice(list(COLORS)), tags=rng.sample(words, 2)))
        return out

    _timed(f"add {n} annotations (one transaction)", add_many)
    c = rng.choice(clauses)
    _timed("add 1 annotation (own transaction, fsync)", lambda: store.add(c.id, None, start=c.start,
                                                                        end=c.start + 5), repeat=20)
    _timed("list all", store.list)
    for query in ("地", "用地", "開發區", "改革 考核", "不存在的词语"):
        _timed(f"search {query!r}", lambda q=query: store.list(search=q), repeat=5)
    _timed("filter tag+colour+region", lambda: store.list(tag="用地", color="重点", region="浙江"), repeat=5)
    doc = corpus.documents()[0].id
    _timed(f"for_document {doc}", lambda: store.for_document(doc), repeat=5)
    out = home / "export.jsonld"
    _timed("export w3c", lambda: notes_io.export(store, "w3c", out))
    _timed("export markdown", lambda: notes_io.export(store, "markdown", home / "x.md"))
    _timed("export csv", lambda: notes_io.export(store, "csv", home / "x.csv"))
    _timed("import w3c again (all unchanged)", lambda: notes_io.import_file(store, out))
    _timed("reanchor_document (text unchanged)", lambda: store.reanchor_document(doc))
    _timed("backup", lambda: userdb.backup(reason="bench"))
    _timed("check_and_recover (healthy)", lambda: userdb.check_and_recover())
    size = (home / "zoneref.db").stat().st_size
    print(f"database size: {size / 1024:.0f} KiB for {n} annotations")


if __name__ == "__main__":
    main()
