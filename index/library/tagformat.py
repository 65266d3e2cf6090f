"""How the library manifest keeps a document's topic tags: as JSON pairs, and as the coverage matrix's JSON cells.

A document's tags (``index.compare.topics.document_tags``: per topic, the
units that treat it with a confidence) are kept twice in its manifest row:

- ``topics`` (``encode_tags``): ``{topic id: [[clause id after "doc id/",
  confidence], ...]}``, what the coverage view and the comparison read;
- ``topics_cells`` (``render_cells``, derived from ``topics`` by the
  manifest whenever it is written): the document's entries of
  ``zoneref topics --json`` (its ``matrix`` and ``cells`` cells) already
  written as JSON text, one line per topic. ``topics --json`` for 3,500
  documents (~28 MB) then only joins stored text instead of decoding and
  writing ~250,000 pairs.

Neither holds the document id: a clause id is kept after ``"doc id/"``, and
``cells`` marks where the (JSON-escaped) ``"doc id/"`` goes with ``MARK``,
a control character that JSON text never holds raw (``json.dumps`` escapes
it), so a document whose id changes keeps valid rows.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring as _string  # a str as JSON text (not ASCII-only)

#: Where a cell's clause id takes the document id and a slash (``cells_for``).
MARK = "\x01"


def encode_tags(doc_id: str, tags: dict[str, list[tuple[str, float]]]) -> str:
    """``document_tags`` output as manifest JSON, clause ids without the document id (a renamed id stays valid)."""
    cut = len(doc_id) + 1
    return json.dumps({t: [[cid[cut:], w] for cid, w in items] for t, items in tags.items()}, ensure_ascii=False)


def render_cells(topics_json: str | None) -> str | None:
    """The ``topics_cells`` text of stored tags (``encode_tags``; ``render_tags``). None for None."""
    return None if topics_json is None else render_tags(json.loads(topics_json))


def render_tags(tags: dict[str, list]) -> str:
    """Tags as ``encode_tags`` keeps them (decoded), as ``topics_cells`` text: per topic with pairs, one line
    ``"topic id"<TAB>matrix entry<TAB>cells entry``, each entry the JSON list ``topics --json`` writes under
    the document's id, with ``MARK`` before each clause id."""
    lines = []
    for topic_id, items in tags.items():
        if not items:
            continue
        ids = [f'"{MARK}{_string(rel)[1:]}' for rel, _ in items]
        records = [f'{{"clause_id":{cid},"confidence":{json.dumps(n)}}}' for cid, (_, n) in zip(ids, items, strict=True)]
        lines.append(f"{_string(topic_id)}\t[{','.join(ids)}]\t[{','.join(records)}]")
    return "\n".join(lines)


def cells_for(doc_id: str, cells: str) -> list[tuple[str, str, str]]:
    """A document's stored ``topics_cells`` read back: ``(topic id as JSON text, "doc id":matrix entry,
    "doc id":cells entry)`` per topic it has pairs for, ready to be joined into ``topics --json``."""
    if not cells:
        return []
    key = _string(doc_id)
    text = cells.replace(MARK, key[1:-1] + "/")
    out = []
    for line in text.split("\n"):
        topic, ids, records = line.split("\t")
        out.append((topic, f"{key}:{ids}", f"{key}:{records}"))
    return out
