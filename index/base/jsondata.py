"""JSON from a file the user gave us (an export of notes, a comparison set): every way it can be bad is one
``ValueError``."""

from __future__ import annotations

import json
from typing import Any


def parse(raw: bytes | str) -> Any:
    """The data of JSON text or UTF-8 bytes (a byte-order mark allowed).

    Raises:
        ValueError: not UTF-8 (``UnicodeDecodeError``), not JSON (``JSONDecodeError``), or nested deeper than
            the parser goes (``[[[[…`` 100,000 deep raised ``RecursionError``, which no caller expected).
    """
    text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    try:
        return json.loads(text)
    except RecursionError:
        raise ValueError("nested too deeply") from None
