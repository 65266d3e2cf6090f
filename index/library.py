"""The user's own documents: import files and folders, remove documents.

Imported documents live in ``<user_home>/documents/<id>.md``, in the same
front-matter Markdown format as the bundled ``content/docs``, so the Corpus
reads them like any other document (``source: imported``).

Importing runs in two steps that the GUI can separate (read, let the user
confirm the guessed metadata, then add) and the CLI runs as one stream:

1. ``prepare_file`` reads a file (``index.readers``), guesses its metadata
   (``index.metadata``) and parses its clauses. It is a pure function of the
   file, so ``prepare_files`` runs it in a process pool on every core.
2. ``Library.add`` decides, per candidate, duplicate (same content hash:
   skipped), new version (same title and region, different text: kept with
   ``version``/``supersedes``) or new document, and writes it atomically
   (temp file, ``fsync``, ``os.replace``): a killed import leaves whole
   documents or none, never a partial one.

After a batch, ``sync_indexes`` updates the search index incrementally and
re-anchors annotations (see that function).
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from index import paths
from index.corpus import Corpus
from index.documents import DocId, Document, load_file, render_markdown
from index.errors import KnownError
from index.readers import DEFAULT_MAX_BYTES, is_supported, read_path
from index.readers.errors import ImportFailure, UnreadableFileError, UnsupportedFormatError

log = logging.getLogger(__name__)

UNKNOWN_REGION = "不详"
# Folder entries never imported: hidden files and Word's lock files (~$x.docx).
_IGNORED_PREFIXES = (".", "~$")
# Below this many files the pool's start-up (~0.5 s per spawned worker) costs more than it saves.
POOL_THRESHOLD = 16

# More changed documents than this (and than a tenth of the library) update the index in one pass.
BULK_CHANGE = 20

Progress = Callable[[int, int, str], None]
Cancel = Callable[[], bool]


class BundledDocumentError(KnownError):
    """Bundled documents are read-only; only imported ones can be removed or edited."""

    code = "bundled_document"


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


@dataclasses.dataclass
class ImportReport:
    """What an import did. ``to_json`` is the CLI's ``import --json`` record."""

    imported: list[dict] = dataclasses.field(default_factory=list)
    skipped: list[dict] = dataclasses.field(default_factory=list)
    errors: list[dict] = dataclasses.field(default_factory=list)
    cancelled: bool = False
    index_notice: str | None = None

    def to_json(self) -> dict:
        out: dict[str, Any] = {"imported": self.imported, "skipped": self.skipped, "errors": self.errors}
        if self.cancelled:
            out["cancelled"] = True
        if self.index_notice:
            out["index_notice"] = self.index_notice
        return out


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
    from index.clauses import parse_clauses
    from index.metadata import SLUGS, guess_metadata

    path = Path(path)
    found = read_path(path, max_bytes=max_bytes)
    meta = guess_metadata(found.text, declared_title=found.title, filename=path.name)
    for key in ("title", "region", "city", "issuer", "level", "doc_number", "issued", "published", "year",
                "status"):
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
        "source_site": None, "source_file": path.name, "source_format": found.format,
        "encoding": found.encoding, "content_hash": digest,
    }
    if meta["history"]:
        front["history"] = meta["history"]
    front["inferred"] = meta["inferred"]
    count = len(parse_clauses(doc_id, body))
    return Candidate(path=str(path), meta=front, body=body, content_hash=digest, clause_count=count,
                     format=found.format)


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


class Library:
    """The imported documents folder.

    Args:
        corpus: the Corpus to keep in step (reloaded after each change);
            default a Corpus over the bundled content and ``folder``.
        folder: where imported documents live; default
            ``<user_home>/documents``.
        sync: update the search index and annotations after changes.
    """

    def __init__(self, corpus: Corpus | None = None, folder: Path | None = None, sync: bool = True):
        self.folder = Path(folder) if folder else paths.imported_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.corpus = corpus or Corpus(imported_dir=self.folder)
        self.sync = sync
        self._by_hash: dict[str, DocId] | None = None
        self._latest: dict[tuple[str, str], Document] = {}

    # -- the state the decisions need --------------------------------------
    def _index_existing(self) -> dict[str, DocId]:
        if self._by_hash is None:
            from index.text import normalise

            self._by_hash = {}
            self._latest = {}
            for doc in self.corpus.documents():
                self._by_hash[doc.content_hash] = doc.id
                if doc.source == "imported" and not doc.get("superseded_by"):
                    self._latest[(normalise(doc.title), doc.region)] = doc
        return self._by_hash

    # -- import ----------------------------------------------------------
    def import_paths(self, inputs: Iterable[str | Path], *, region: str | None = None, title: str | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES, workers: int | None = None,
                     progress: Progress | None = None, cancel: Cancel | None = None) -> ImportReport:
        """Import files and folders (recursively) in one pass.

        Args:
            inputs: files and folders.
            region, title: the user's values, overriding the guesses.
            max_bytes: per-file size limit.
            workers: processes for reading (default: one per core).
            progress: called ``(done, total, path)`` after each file.
            cancel: polled between files; True stops the import. Documents
                already added stay (each one is whole); the report says
                ``cancelled``.

        Returns:
            The report: imported documents, skipped files (duplicates,
            unsupported types in folders) and errors.
        """
        files, skipped, errors = collect_files(inputs)
        report = ImportReport(skipped=skipped, errors=errors)
        self._clean_temp_files()
        done = 0
        added: list[DocId] = []
        superseded: list[DocId] = []
        try:
            for status, item in prepare_files(files, max_bytes=max_bytes, region=region, title=title,
                                              workers=workers, cancel=cancel):
                done += 1
                if status == "ok":
                    self._add_one(item, report, added, superseded)
                else:
                    report.errors.append(item)
                if progress:
                    progress(done, len(files), item.path if status == "ok" else item["path"])
        finally:
            report.cancelled = done < len(files)
            self._finish(report, added, superseded)
        return report

    def add(self, candidates: Iterable[Candidate], progress: Progress | None = None,
            cancel: Cancel | None = None) -> ImportReport:
        """Add prepared (and possibly user-edited) candidates to the library."""
        candidates = list(candidates)
        report = ImportReport()
        self._clean_temp_files()
        added: list[DocId] = []
        superseded: list[DocId] = []
        try:
            for done, cand in enumerate(candidates, start=1):
                if cancel and cancel():
                    report.cancelled = True
                    break
                self._add_one(cand, report, added, superseded)
                if progress:
                    progress(done, len(candidates), cand.path)
        finally:
            self._finish(report, added, superseded)
        return report

    def _add_one(self, cand: Candidate, report: ImportReport, added: list[DocId], superseded: list[DocId]) -> None:
        from index.text import normalise

        by_hash = self._index_existing()
        same = by_hash.get(cand.content_hash)
        if same:
            report.skipped.append({"path": cand.path, "reason": f"duplicate of {same}", "doc_id": same})
            return
        meta = dict(cand.meta)
        meta["region"] = meta.get("region") or UNKNOWN_REGION
        meta["title"] = meta.get("title") or Path(cand.path).stem
        doc_id = str(meta["id"])
        while (self.folder / f"{doc_id}.md").exists() or self.corpus.has_document(doc_id):
            doc_id = f"{doc_id}x"  # an 8-hex-digit collision: vanishingly rare, still handled
        meta["id"] = doc_id
        meta["imported_at"] = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        key = (normalise(meta["title"]), meta["region"])
        previous = self._latest.get(key)
        if previous is not None:
            meta["version"] = int(previous.get("version") or 1) + 1
            meta["supersedes"] = previous.id
        self._write(doc_id, meta, cand.body)
        if previous is not None:
            self._set_meta(previous, {"superseded_by": doc_id})
            superseded.append(previous.id)
        doc = Document(DocId(doc_id), meta["title"], meta["region"], cand.body, meta, "imported",
                       self.folder / f"{doc_id}.md", cand.content_hash)
        by_hash[cand.content_hash] = doc.id
        self._latest[key] = doc
        added.append(doc.id)
        record = {"doc_id": doc_id, "title": meta["title"], "region": meta["region"],
                  "clause_count": cand.clause_count, "path": cand.path}
        if previous is not None:
            record["version"] = meta["version"]
            record["supersedes"] = previous.id
        report.imported.append(record)

    def _finish(self, report: ImportReport, added: list[DocId], superseded: list[DocId]) -> None:
        if not added:
            return
        _fsync_dir(self.folder)
        self.corpus.reload()
        self._by_hash = None
        if self.sync:
            # Added documents are re-anchored too: re-importing a removed
            # document (same text, same id) brings its orphaned notes back.
            report.index_notice = sync_indexes(self.corpus, added=added, removed=[], reanchor=superseded + added)

    # -- remove and edit --------------------------------------------------
    def remove(self, doc_id: str) -> Document:
        """Remove an imported document; its annotations become orphans (kept).

        Raises:
            UnknownIdError: no such document.
            BundledDocumentError: the document is bundled, not imported.
        """
        doc = self._imported(doc_id)
        predecessor = doc.get("supersedes")
        os.remove(doc.path)
        _fsync_dir(self.folder)
        self.corpus.reload()
        if predecessor and self.corpus.has_document(predecessor):
            prev = self.corpus.document(predecessor)
            if prev.source == "imported" and prev.get("superseded_by") == doc.id:
                self._set_meta(prev, {"superseded_by": None})
                self.corpus.reload()
        self._by_hash = None
        if self.sync:
            sync_indexes(self.corpus, added=[], removed=[doc.id], reanchor=[doc.id])
        return doc

    def update_metadata(self, doc_id: str, changes: dict[str, Any]) -> Document:
        """Correct an imported document's metadata (the body and id never change).

        Raises:
            UnknownIdError, BundledDocumentError; KnownError if ``changes``
            would blank the title or region.
        """
        doc = self._imported(doc_id)
        changes = {k: v for k, v in changes.items() if k not in ("id", "content_hash")}
        for key in ("title", "region"):
            if key in changes and not changes[key]:
                raise KnownError(f"{doc_id}: {key} cannot be empty")
        self._set_meta(doc, changes, confirmed=True)
        self.corpus.reload()
        self._by_hash = None
        return self.corpus.document(doc_id)

    def _imported(self, doc_id: str) -> Document:
        doc = self.corpus.document(doc_id)  # raises UnknownIdError
        if doc.source != "imported" or doc.path is None:
            raise BundledDocumentError(f"{doc_id} is a bundled document; only imported documents can change")
        return doc

    def _set_meta(self, doc: Document, changes: dict[str, Any], confirmed: bool = False) -> None:
        full = load_file(doc.path, "imported")
        meta = dict(full.meta)
        meta.update(changes)
        if confirmed:
            inferred = dict(meta.get("inferred") or {})
            for key in changes:
                inferred.pop(key, None)  # the user said so: no longer a guess
            meta["inferred"] = inferred
        self._write(doc.id, meta, full.body)

    # -- files -------------------------------------------------------------
    def _write(self, doc_id: str, meta: dict[str, Any], body: str) -> None:
        target = self.folder / f"{doc_id}.md"
        temp = self.folder / f".{doc_id}.md.tmp-{os.getpid()}"
        data = render_markdown(meta, body).encode("utf-8")
        with open(temp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(temp, target)

    def _clean_temp_files(self, older_than: float = 600.0) -> None:
        """Drop temp files a killed import left (never a finished document)."""
        now = time.time()
        for temp in self.folder.glob(".*.md.tmp-*"):
            try:
                pid = int(temp.name.rsplit("-", 1)[1])
                if pid != os.getpid() and (now - temp.stat().st_mtime > older_than or not _alive(pid)):
                    temp.unlink()
            except (OSError, ValueError):
                continue


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _fsync_dir(folder: Path) -> None:
    """Make the renames durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def sync_indexes(corpus: Corpus, added: list[DocId], removed: list[DocId], reanchor: list[DocId]) -> str | None:
    """Bring the search index and annotations in step with a library change.

    The search index is updated incrementally (``SearchIndex.add_documents``
    / ``remove_documents``): an import never rebuilds it. Annotations on a
    removed document, or on one a new version superseded, are re-anchored
    (``NoteStore.reanchor_document``); those whose text is gone become
    orphans and are kept. Topic tags are computed from clause text on
    demand (``index.topics``), so they need no update here.

    If an index cannot be updated, the library change still stands: the
    search index notices the fingerprint mismatch at its next ``ensure()``
    and rebuilds. The returned notice says so (None when all went well).
    """
    notices = []
    try:
        from index.search import SearchIndex
    except ImportError:
        SearchIndex = None  # noqa: N806 - the search module has not landed in this build
    if SearchIndex is not None and (added or removed):
        try:
            search = SearchIndex(corpus)
            if len(added) + len(removed) > max(BULK_CHANGE, len(corpus.documents()) // 10):
                # A bulk import changes most of the index: one pass over the
                # corpus (ensure() compares content hashes and rebuilds) beats
                # thousands of incremental additions.
                search.ensure()
            else:
                if removed:
                    search.remove_documents(removed)
                if added:
                    search.add_documents(added)
        except Exception as exc:  # the index is a cache: rebuilt on next ensure()
            log.warning("search index update failed: %s", exc, exc_info=True)
            notices.append(f"search index will be rebuilt ({exc})")
    if reanchor:
        try:
            from index.notes import NoteStore
            from index.userdb import open_db
        except ImportError:
            return "; ".join(notices) or None
        try:
            store = NoteStore(open_db(), corpus)
            for doc_id in reanchor:
                store.reanchor_document(doc_id)
        except Exception as exc:
            log.warning("re-anchoring annotations failed: %s", exc, exc_info=True)
            notices.append(f"annotations not re-anchored ({exc})")
    return "; ".join(notices) or None
