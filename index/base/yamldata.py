"""The data of a YAML file of the bundled content (``content/topics.yaml``, ``frames.yaml``), kept parsed.

Importing PyYAML costs a process ~20 ms (its reader compiles a character class
of nearly all of Unicode), more than a comparison spends on anything else it
reads of the content. The data is kept as JSON in the user data folder
(``parsed/<file name>-<digest of its text>.json``): a command finding a copy
of the file's current text reads that and never imports PyYAML; an edited
file has another digest and is parsed again. Data that JSON cannot hold
exactly (dates, keys that are not text) is not kept.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from index.base import paths
from index.base.durable import read_cache, write_cache

FOLDER = "parsed"  # in the user data folder


def load(path: Path) -> Any:
    """The YAML data of ``path`` (PyYAML's safe loader; libyaml's when there is one).

    Raises:
        OSError: the file cannot be read.
        ValueError: it is not UTF-8 text, or not YAML (the parser's message).
    """
    text = path.read_text(encoding="utf-8")
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()
    kept = paths.user_home() / FOLDER / f"{path.name}-{digest}.json"
    found = read_cache(kept)
    if found:
        try:
            return json.loads(found)
        except ValueError:  # damaged: parsed again and kept anew
            pass
    import yaml

    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # libyaml: ~10x faster
    except yaml.YAMLError as exc:
        raise ValueError(str(exc)) from exc
    try:
        encoded = json.dumps(data, ensure_ascii=False)
    except (TypeError, ValueError):  # a date, a key that is not text …: not kept
        return data
    if json.loads(encoded) == data:
        write_cache(kept, encoded.encode("utf-8"))
    return data
