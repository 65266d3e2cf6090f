"""Markdown files: a ``# title`` line, ``##`` chapters, one article per line.

Kept as Markdown (the clause parser reads ``#`` headings); a YAML front
matter block, if the file has one (a ZoneRef export, say), becomes declared
metadata instead of text. Emphasis and link markup are reduced to their text
so search and citations see the words only.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from index.library.readers import Extracted
from index.library.readers.txt import decode

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPH = re.compile(r"(\*\*|__)(.+?)\1")
_HEADING = re.compile(r"^#{1,6}[ \t　]+(.+?)[ \t#]*$", re.M)


def _front_matter(text: str) -> tuple[dict, str]:
    if not text.startswith("---\n"):
        return {}, text
    end = text.find("\n---\n", 4)
    if end < 0:
        return {}, text
    try:
        meta = yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        return {}, text
    if not isinstance(meta, dict):
        return {}, text
    return meta, text[end + 5:]


def read(path: Path, data: bytes) -> Extracted:
    text, encoding = decode(path, data)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, body = _front_matter(text)
    body = _LINK.sub(r"\1", body)
    body = _EMPH.sub(r"\2", body)
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    if not title:
        first = _HEADING.search(body)
        title = first.group(1).strip() if first and first.group(0).startswith("# ") else None
    return Extracted(text=body, format="markdown", title=title, encoding=encoding, meta=meta)
