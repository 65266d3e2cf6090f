"""A cache of the imported documents' front matter, so listing a large library skips YAML.

PyYAML builds every node in Python even with libyaml's parser: 3,000
imported front matters take ~1.3 s, and the app must be interactive within
1.5 s after a 3,000-document import. The cache is one JSON file in the
documents folder (``.headers.json``): per file its identity (inode, size,
mtime and ctime in ns, as git's index uses) and its front matter. A file whose
identity changed is parsed again; the cache is rewritten (atomically) only
when something changed. A front matter JSON cannot hold exactly (a YAML date,
say) is never cached. Deleting the file only costs one slow listing.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from index.library.documents import DocId, Document, load_header

log = logging.getLogger(__name__)

CACHE_NAME = ".headers.json"
_VERSION = 1


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _read(cache: Path) -> dict[str, list]:
    try:
        data = json.loads(cache.read_bytes())
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != _VERSION or not isinstance(data.get("files"), dict):
        return {}
    return data["files"]


def _write(cache: Path, files: dict[str, list]) -> None:
    folder = cache.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)  # the bundled documents' cache: the index folder may not exist yet
    except OSError as exc:
        log.debug("cannot write %s: %s", cache, exc)
        return
    for stale in folder.glob(f"{cache.name}.tmp-*"):  # left by a process killed mid-write
        if stale.name.rsplit("-", 1)[1] != str(os.getpid()):
            stale.unlink(missing_ok=True)
    temp = folder / f"{cache.name}.tmp-{os.getpid()}"
    try:
        temp.write_text(json.dumps({"version": _VERSION, "files": files}, ensure_ascii=False), encoding="utf-8")
        os.replace(temp, cache)
    except OSError as exc:  # a read-only folder: list slowly, still correctly
        log.debug("cannot write %s: %s", cache, exc)
        temp.unlink(missing_ok=True)


def _cacheable(meta: dict[str, Any]) -> bool:
    try:
        return json.loads(json.dumps(meta, ensure_ascii=False)) == meta
    except (TypeError, ValueError):
        return False


def load_headers(folder: Path, source: str = "imported", cache: Path | None = None) -> list[Document]:
    """Every ``*.md`` document of ``folder`` with only its front matter read, in file name order.

    Same result as ``load_header`` on each file (a file that vanished
    meanwhile is left out). ``cache`` is the cache file, by default
    ``folder/.headers.json``; a read-only folder (the bundled documents) keeps
    its cache elsewhere (the user's index folder), which spares the start-up
    PyYAML altogether.

    Raises:
        ContentError: a file changed since it was cached has bad front matter.
    """
    cache = cache or folder / CACHE_NAME
    cached = _read(cache)
    files: dict[str, list] = {}
    docs: list[Document] = []
    for path in sorted(folder.glob("*.md")):
        try:
            identity = _identity(path.stat())
        except FileNotFoundError:
            continue
        entry = cached.get(path.name)
        if entry and entry[0] == identity:
            meta = entry[1]
            doc = Document(id=DocId(str(meta["id"])), title=str(meta["title"]), region=str(meta["region"]),
                           body=None, meta=meta, source=source, path=path,
                           content_hash=meta.get("content_hash") if source == "imported" else None)
            files[path.name] = entry
        else:
            doc = load_header(path, source=source)
            if _cacheable(doc.meta):
                files[path.name] = [identity, doc.meta]
        docs.append(doc)
    if files != cached:
        _write(cache, files)
    return docs
