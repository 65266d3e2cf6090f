"""Front matter as JSON: how the library manifest stores it, and what a listing reads of it.

JSON decodes far faster than YAML; ``encode``/``decode`` keep YAML's dates
(``issued: 2017-12-12``) through the round trip.
"""

from __future__ import annotations

import datetime as _dt
import json
from typing import Any

#: Front-matter keys a document's card leaves out (long, and read only when one document is shown).
CARD_OMITS = ("inferred", "history", "notes")


def _default(value: Any) -> Any:
    if isinstance(value, _dt.datetime):
        return {"$datetime": value.isoformat()}
    if isinstance(value, _dt.date):
        return {"$date": value.isoformat()}
    raise TypeError(f"cannot store {type(value).__name__} as JSON front matter")


def _hook(obj: dict) -> Any:
    if len(obj) == 1:
        if "$date" in obj:
            return _dt.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return _dt.datetime.fromisoformat(obj["$datetime"])
    return obj


def encode(meta: dict) -> str:
    """Front matter as JSON; YAML dates survive the round trip (``decode``)."""
    return json.dumps(meta, ensure_ascii=False, default=_default)


def card(meta: dict) -> str:
    """The front matter a listing reads (``CARD_OMITS`` left out), as JSON."""
    return encode({k: v for k, v in meta.items() if k not in CARD_OMITS})


def decode(text: str) -> dict:
    # The hook runs in Python for every object: only for the rare front matter holding a date.
    if '"$date' in text:
        return json.loads(text, object_hook=_hook)
    return json.loads(text)
