"""Candidates: files read and understood, ready for the library to add.

The first half of an import (see ``index.library.imported``): expand files and folders,
then for each file read it (``index.library.readers``), guess its metadata
(``index.library.metadata``) and count its clauses. ``prepare_file`` is a pure
function of the file, so ``prepare_files`` runs it in reader processes on
every core, each file under a time and a memory limit (``readers.pool``), in
input order, with cancel.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import errno
import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from index.base import paths
from index.base.faults import checkpoint
from index.base.paths import display_name
from index.library.readers import DEFAULT_MAX_BYTES, is_supported, read_path
from index.library.readers.archives import Member, forget_archive, is_archive, members
from index.library.readers.errors import ImportFailure, UnreadableFileError, UnsupportedFormatError
from index.library.readers.pool import DEFAULT_LIMITS, Limits, run_jobs

log = logging.getLogger(__name__)

UNKNOWN_REGION = "不详"
# Folder entries never imported (listed as skipped): hidden files and Word's lock files (~$x.docx).
_IGNORED_PREFIXES = (".", "~$")
# Read every file in a reader process under limits (``readers.pool``). Only tests that replace
# a reader function in this process turn it off.
READ_IN_WORKERS = True

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
    topics: str | None = None  # the clauses' topic tags, as the library manifest keeps them (tagformat.encode_tags)
    topics_version: str | None = None  # the tagger that computed them
    parsed: bytes | None = None  # the clauses as parsed for ``meta["id"]`` (``index.library.parsed.to_bytes``)
    doubt: str | None = None  # why the file may not be a policy document at all (``index.library.doubts``)

    @property
    def shown(self) -> str:
        """``path`` as text to report and show (a GBK file name decoded: ``paths.display_name``)."""
        return display_name(self.path)


def body_hash(body: str) -> str:
    """The hash ``Document.content_hash`` will compute for ``body`` once stored."""
    return hashlib.sha256((body.rstrip() + "\n").encode("utf-8")).hexdigest()


def collect_files(inputs: Iterable[str | Path]) -> tuple[list[Path | Member], list[dict], list[dict]]:
    """Expand files, folders (recursively) and zip archives into the files to import.

    A folder import never leaves the folder and never stops at a bad entry:
    symbolic links are followed only to files inside the folder (a link out
    of it, a link to a folder, a loop and a broken link are listed as
    skipped, with the reason); hidden files and folders and Word's lock
    files are listed as skipped too; a subfolder that cannot be read is an
    error. A file named explicitly is taken as given, links included. A zip
    archive, given or in a folder, gives its members (``archives.members``):
    read from it, never extracted.

    Returns:
        (files, skipped, errors): ``skipped`` and ``errors`` are
        ``{"path", "reason"}`` and ``{"path", "error", "code"}`` records
        whose paths are text (``paths.display_name``).
    """
    files: list[Path | Member] = []
    skipped: list[dict] = []
    errors: list[dict] = []
    seen: set[str] = set()
    # Never import ZoneRef's own data (imported documents, index files) back into itself.
    own = os.path.realpath(paths.user_home())

    def add(path: Path) -> None:
        key = os.path.realpath(path)
        if key in seen:
            return
        seen.add(key)
        if not is_archive(path):
            files.append(path)
            return
        inside, skipped_inside, refused = members(path, _screened)
        files.extend(inside)
        skipped.extend(skipped_inside)
        errors.extend(refused)

    def skip(path: str | Path, reason: str, code: str) -> None:
        skipped.append({"path": display_name(str(path)), "reason": reason, "code": code})

    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            _walk(path, own, add, skip, errors)
        elif path.is_symlink() and not path.exists():
            errors.append(UnreadableFileError(path, _dangling(path)[0]).record())
        elif not path.exists():
            errors.append(UnreadableFileError(path, "no such file or folder").record())
        elif not is_supported(path) and not is_archive(path):
            errors.append(UnsupportedFormatError(path, f"unsupported file type '{path.suffix}'").record())
        else:
            add(path)
    return files, skipped, errors


def _walk(top: Path, own: str, add, skip, errors: list[dict]) -> None:
    """Add the supported files under ``top`` (see ``collect_files``)."""
    root = os.path.realpath(top)

    def unreadable(exc: OSError) -> None:
        errors.append(UnreadableFileError(exc.filename or top, f"cannot read the folder: "
                                                                      f"{exc.strerror or exc}").record())

    for folder, dirs, names in os.walk(top, onerror=unreadable):  # followlinks=False: links are judged below
        if os.path.realpath(folder) == own:
            dirs[:] = []
            continue
        kept = []
        for name in sorted(dirs):
            child = os.path.join(folder, name)
            if os.path.islink(child):
                skip(child, "a symbolic link to a folder: not followed (import that folder itself if wanted)",
                     "link_to_folder")
            elif name.startswith(_IGNORED_PREFIXES):
                skip(child, "a hidden folder: not imported", "hidden")
            else:
                kept.append(name)
        dirs[:] = kept
        for name in sorted(names):
            child = Path(folder) / name
            why = _screened(name)
            if why and why[1] != "unsupported":
                skip(child, *why)
                continue
            if child.is_symlink():
                problem = _link_problem(child, root)
                if problem:
                    skip(child, *problem)
                    continue
            if why:
                skip(child, *why)
            else:
                add(child)


def _screened(name: str) -> tuple[str, str] | None:
    """Why a file of this name, in a folder or a zip archive, is not imported (reason, code); None to take it."""
    if name.startswith("~$"):
        return "a lock file Word keeps while a document is open: not a document", "lock_file"
    if name.startswith("."):
        return "a hidden file: not imported", "hidden"
    if not is_supported(Path(name)) and not is_archive(name):
        return "unsupported file type", "unsupported"
    return None


def _link_problem(link: Path, root: str) -> tuple[str, str] | None:
    """Why the symbolic link ``link`` inside the folder ``root`` is not followed (reason, code), or None."""
    try:
        target = os.path.realpath(link, strict=True)
    except (OSError, RuntimeError):  # RuntimeError: how older Pythons report a loop
        return _dangling(link)
    try:
        inside = os.path.commonpath([root, target]) == root
    except ValueError:  # Windows: a link to another drive (C:\资料 → D:\…) has no common path
        inside = False
    if not inside:
        return "a symbolic link to outside the imported folder: not followed", "link_outside"
    if not os.path.isfile(target):
        return "a symbolic link to something that is not a file: not followed", "link_not_file"
    return None


def _dangling(link: Path) -> tuple[str, str]:
    """Why a link that does not resolve cannot be read: a loop or a missing target (reason, code)."""
    try:
        os.stat(link)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic link loop: skipped", "link_loop"
    return "a broken symbolic link (its target does not exist): skipped", "link_broken"


def prepare_file(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, region: str | None = None,
                 title: str | None = None) -> Candidate:
    """Read one file and propose its document: text, metadata, clause count.

    Runs in a reader process (``prepare_files``); call it directly only on
    trusted files, it has no time or memory limit of its own.

    Args:
        path: the file.
        max_bytes: the size limit.
        region: the user's region for it (overrides the guess).
        title: the user's title for it (overrides the guess).

    Raises:
        ImportFailure: the file cannot be imported (the subclass says why).
    """
    from index.compare.topics import forget_texts
    from index.library import parsed
    from index.library.clauses import parse_clauses
    from index.library.corpus import clause_facts
    from index.library.doubts import doubt
    from index.library.metadata import SLUGS, guess_metadata

    path = path if isinstance(path, Member) else Path(path)
    found = read_path(path, max_bytes=max_bytes)
    # The name as text: a GBK name from a Windows zip is not UTF-8 on disk (a member's is decoded already).
    own = Path(path.file_name) if isinstance(path, Member) else path
    name, stem = display_name(own.name), display_name(own.stem)
    meta = guess_metadata(found.text, declared_title=found.title, filename=name)
    for key in ("title", "region", "city", "issuer", "level", "doc_number", "issued", "published", "year",
                "status", "adopted", "effective"):
        declared = _declared(found.meta.get(key))  # from the file's own front matter
        if declared is not None:
            meta[key] = declared
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
        "id": doc_id, "title": meta["title"] or stem, "region": meta["region"],
        "city": meta["city"], "issuer": meta["issuer"], "level": meta["level"],
        "doc_number": meta["doc_number"], "issued": meta["issued"], "published": meta["published"],
        "year": meta["year"], "status": meta["status"], "script": meta["script"],
        "adopted": meta["adopted"], "effective": meta["effective"], "amendments": meta["amendments"] or None,
        "source_site": None, "source_file": name, "source_format": found.format,
        "encoding": found.encoding, "content_hash": digest,
    }
    if meta["history"]:
        front["history"] = meta["history"]
    front["inferred"] = meta["inferred"]
    clauses = parse_clauses(doc_id, body)
    facts = clause_facts(doc_id, clauses)
    forget_texts()  # a reader process sees each text once: remembering them only grows it
    return Candidate(path=str(path), meta=front, body=body, content_hash=digest, clause_count=len(clauses),
                     format=found.format, parsed=parsed.to_bytes(clauses, parsed.key_for(doc_id, body, digest)),
                     doubt=doubt(front, body, clauses), **facts)


# A declared metadata value longer than this is not metadata.
_MAX_DECLARED_CHARS = 500


def _declared(value: Any) -> Any:
    """A front-matter value a file declares, if it is a plain value (hostile YAML can hold anything)."""
    if isinstance(value, bool) or value in (None, ""):
        return None
    if isinstance(value, str):
        return value if len(value) <= _MAX_DECLARED_CHARS else None
    if isinstance(value, int | float | dt.date):
        return value
    return None


def _prepare_safe(path: str | Member, max_bytes: int, region: str | None, title: str | None) -> tuple[str, Any]:
    """A reader process's job: never raises for a bad file, so one bad file cannot stop a batch.

    ``MemoryError`` and ``RecursionError`` go up to the reader process (``readers.pool``), which
    refuses the file for them.
    """
    checkpoint("reader.read")
    try:
        return "ok", prepare_file(path, max_bytes, region, title)
    except ImportFailure as exc:
        return "error", exc.record()
    except (MemoryError, RecursionError):
        raise
    except Exception as exc:  # a reader bug on a strange file: report it, go on
        log.exception("reading %s failed", display_name(str(path)))
        return "error", {"path": display_name(str(path)), "error": f"internal error reading the file: {exc!r}",
                         "code": "bug"}


def prepare_files(files: list[Path | Member], *, max_bytes: int = DEFAULT_MAX_BYTES, region: str | None = None,
                  title: str | None = None, workers: int | None = None, limits: Limits = DEFAULT_LIMITS,
                  cancel: Cancel | None = None) -> Iterator[tuple[str, Any]]:
    """Prepare files in input order, each in a reader process under ``limits``.

    One reader process per core (at most one per file) reads the whole
    batch (``index.library.readers.pool``): a file over the time or memory
    limit, or one that crashes its reader, is refused and the batch goes on.

    Args:
        files: the files (``collect_files``).
        max_bytes: the size limit.
        region, title: the user's values, overriding the guesses.
        workers: reader processes (default: one per core).
        limits: time and memory per file.
        cancel: polled while reading; True stops (the file being read is abandoned).

    Yields:
        ("ok", Candidate) or ("error", {"path", "error", "code"}) per file.
    """
    jobs = [(f if isinstance(f, Member) else str(f), max_bytes, region, title) for f in files]
    if not READ_IN_WORKERS:  # tests that replace a reader in this process
        try:
            for job in jobs:
                if cancel and cancel():
                    return
                yield _prepare_safe(*job)
        finally:
            forget_archive()  # the zip read last is not left open (locked, on Windows) in this process
        return
    yield from run_jobs(_prepare_safe, jobs, workers=workers or os.cpu_count() or 1, limits=limits,
                        cancel=cancel, describe=lambda job: display_name(str(job[0])))
