"""Candidates: files read and understood, ready for the library to add.

The first half of an import (see ``index.library.imported``): expand files and folders,
then for each file read it (``index.library.readers``), guess its metadata
(``index.library.metadata``) and count its clauses. ``prepare_file`` is a pure
function of the file, so ``prepare_files`` runs it in a process pool on every
core, in input order, with cancel between files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from index.base import paths
from index.library.readers import DEFAULT_MAX_BYTES, is_supported, read_path
from index.library.readers.errors import ImportFailure, UnreadableFileError, UnsupportedFormatError

log = logging.getLogger(__name__)

UNKNOWN_REGION = "不详"
# Folder entries never imported: hidden files and Word's lock files (~$x.docx).
_IGNORED_PREFIXES = (".", "~$")
# Below this many files the pool's start-up (~0.5 s per spawned worker) costs more than it saves.
POOL_THRESHOLD = 16

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


@dataclasses.dataclass
class Candidate:
    """A file read and understood, not yet in the library.

    ``meta`` is the proposed front matter; the GUI shows it for confirmation
    and may edit any field before ``Library.add``.
    """

    path: str
    meta: dict[str, Any]
    body: str
    content_hash: str
    clause_count: int
    format: str
    topics: str | None = None  # the clauses' topic tags, as the library manifest keeps them (corpus.encode_tags)
    topics_version: str | None = None  # the tagger that computed them


def body_hash(body: str) -> str:
    """The hash ``Document.content_hash`` will compute for ``body`` once stored."""
    return hashlib.sha256((body.rstrip() + "\n").encode("utf-8")).hexdigest()


def collect_files(inputs: Iterable[str | Path]) -> tuple[list[Path], list[dict], list[dict]]:
    """Expand files and folders (recursively) into the files to import.

    Returns:
        (files, skipped, errors): unsupported files found inside folders are
        skipped; a missing path or an unsupported file named explicitly is an
        error.
    """
    files: list[Path] = []
    skipped: list[dict] = []
    errors: list[dict] = []
    seen: set[Path] = set()
    # Never import ZoneRef's own data (imported documents, index files) back into itself.
    own = paths.user_home().resolve()

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            files.append(path)

    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                if Path(root).resolve() == own:
                    dirs[:] = []
                    continue
                dirs[:] = sorted(d for d in dirs if not d.startswith(_IGNORED_PREFIXES))
                for name in sorted(names):
                    if name.startswith(_IGNORED_PREFIXES):
                        continue
                    child = Path(root) / name
                    if is_supported(child):
                        add(child)
                    else:
                        skipped.append({"path": str(child), "reason": "unsupported file type"})
        elif not path.exists():
            errors.append(_error(UnreadableFileError(path, "no such file or folder")))
        elif not is_supported(path):
            errors.append(_error(UnsupportedFormatError(path, f"unsupported file type '{path.suffix}'")))
        else:
            add(path)
    return files, skipped, errors


def _error(exc: ImportFailure) -> dict:
    return {"path": exc.path, "error": exc.reason, "code": exc.code}


def prepare_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, region: str | None = None,
                 title: str | None = None) -> Candidate:
    """Read one file and propose its document: text, metadata, clause count.

    Args:
        path: the file.
        max_bytes: the size limit.
        region: the user's region for it (overrides the guess).
        title: the user's title for it (overrides the guess).

    Raises:
        ImportFailure: the file cannot be imported (the subclass says why).
    """
    from index.library.clauses import parse_clauses
    from index.library.corpus import clause_facts
    from index.library.metadata import SLUGS, guess_metadata

    path = Path(path)
    found = read_path(path, max_bytes=max_bytes)
    meta = guess_metadata(found.text, declared_title=found.title, filename=path.name)
    for key in ("title", "region", "city", "issuer", "level", "doc_number", "issued", "published", "year",
                "status", "adopted", "effective"):
        if found.meta.get(key) not in (None, ""):  # declared in the file's own front matter
            meta[key] = found.meta[key]
            meta["inferred"].pop(key, None)
    for key, value in (("region", region), ("title", title)):
        if value:
            meta[key] = value
            meta["inferred"].pop(key, None)
    if not meta.get("region"):
        meta["region"] = UNKNOWN_REGION
    body = found.text.rstrip() + "\n"
    digest = body_hash(body)
    slug = SLUGS.get(meta["region"], "doc")
    doc_id = f"{slug}-{meta.get('year') or 'nd'}-{digest[:8]}"
    front = {
        "id": doc_id, "title": meta["title"] or path.stem, "region": meta["region"],
        "city": meta["city"], "issuer": meta["issuer"], "level": meta["level"],
        "doc_number": meta["doc_number"], "issued": meta["issued"], "published": meta["published"],
        "year": meta["year"], "status": meta["status"], "script": meta["script"],
        "adopted": meta["adopted"], "effective": meta["effective"], "amendments": meta["amendments"] or None,
        "source_site": None, "source_file": path.name, "source_format": found.format,
        "encoding": found.encoding, "content_hash": digest,
    }
    if meta["history"]:
        front["history"] = meta["history"]
    front["inferred"] = meta["inferred"]
    clauses = parse_clauses(doc_id, body)
    return Candidate(path=str(path), meta=front, body=body, content_hash=digest, clause_count=len(clauses),
                     format=found.format, **clause_facts(doc_id, clauses))


def _prepare_safe(job: tuple[str, int, str | None, str | None]) -> tuple[str, Any]:
    """Worker entry point: never raises, so one bad file cannot stop a batch."""
    path = job[0]
    try:
        return "ok", prepare_file(*job)
    except ImportFailure as exc:
        return "error", _error(exc)
    except Exception as exc:  # a reader bug on a strange file: report it, go on
        log.exception("reading %s failed", path)
        return "error", {"path": path, "error": f"internal error reading the file: {exc!r}", "code": "bug"}


def prepare_files(files: list[Path], *, max_bytes: int = DEFAULT_MAX_BYTES, region: str | None = None,
                  title: str | None = None, workers: int | None = None,
                  cancel: Cancel | None = None) -> Iterator[tuple[str, Any]]:
    """Prepare files in input order, in a process pool when it pays.

    Yields:
        ("ok", Candidate) or ("error", {"path", "error", "code"}) per file.
    """
    jobs = [(str(f), max_bytes, region, title) for f in files]
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(jobs) < POOL_THRESHOLD:
        for job in jobs:
            if cancel and cancel():
                return
            yield _prepare_safe(job)
        return
    import concurrent.futures
    import multiprocessing

    # spawn, not fork: safe from a GUI process with threads, and the same on
    # every platform (the frozen app needs multiprocessing.freeze_support()
    # in its entry point).
    context = multiprocessing.get_context("spawn")
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=workers, mp_context=context)
    try:
        for result in pool.map(_prepare_safe, jobs, chunksize=8):
            yield result
            if cancel and cancel():
                return
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
