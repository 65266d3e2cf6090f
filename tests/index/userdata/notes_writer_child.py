"""Child process for the durability tests: writes annotations and reports each commit.

Usage: python notes_writer_child.py COUNT [LABEL]   (COUNT 0 = until killed)

Prints ``ready`` once the store is open (then, if ``ZONEREF_TEST_GO`` names a
file, waits for that file to exist), then one ``committed <uuid>`` line
per annotation, flushed only after the transaction has committed: whatever
the parent has read must survive a SIGKILL.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from index.library.corpus import Corpus  # noqa: E402
from index.userdata import database as userdb  # noqa: E402
from index.userdata.notes import NoteStore  # noqa: E402


def main() -> int:
    count = int(sys.argv[1])
    label = sys.argv[2] if len(sys.argv) > 2 else "w"
    corpus = Corpus(imported_dir=None)
    store = NoteStore(userdb.open_db(), corpus)
    clauses = [c for c in corpus.clauses("hebei-2017-kaifaqu") if len(c.text) > 30]
    body = corpus.document("hebei-2017-kaifaqu").body
    print("ready", flush=True)
    go = os.environ.get("ZONEREF_TEST_GO")
    while go and not os.path.exists(go):  # start writing together with the other writer
        time.sleep(0.005)
    i = 0
    while count == 0 or i < count:
        clause = clauses[i % len(clauses)]
        start = clause.start + (i % 10)
        a = store.add(clause.id, None, start=start, end=start + 8, note=f"{label} 第{i}条 " + "批注" * (i % 50),
                      tags=[f"{label}", f"t{i % 7}"])
        if i % 5 == 4:  # edits too: multi-table transactions
            store.edit(a.uuid, note=a.note + " 已改", tags=[label, "edited"])
        sys.stdout.write(f"committed {a.uuid}\n")
        sys.stdout.flush()
        i += 1
    assert body  # keep the document loaded for the whole run
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
