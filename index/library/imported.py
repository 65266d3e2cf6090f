"""The user's own documents: import files and folders, remove documents.

Imported documents live in ``<user_home>/documents/<id>.md``, in the same
front-matter Markdown format as the bundled ``content/docs``, so the Corpus
reads them like any other document (``source: imported``).

Importing runs in two steps that the GUI can separate (read, let the user
confirm the guessed metadata, then add) and the CLI runs as one stream:

1. ``prepare_file`` reads a file (``index.library.readers``), guesses its metadata
   (``index.library.metadata``) and parses its clauses. It is a pure function of the
   file, so ``prepare_files`` runs it in a process pool on every core.
2. ``Library.add`` decides, per candidate, duplicate (same content hash:
   skipped), new version of a document already there (``index.library.versions``:
   same title once version marks are set aside, same issuer or region; the
   group's chain is recorded as ``version``/``supersedes``/``superseded_by``)
   or new document, and writes it atomically (temp file, ``fsync``,
   ``os.replace``): a killed import leaves whole documents or none, never a
   partial one. ``link_versions``/``unlink_version`` let the user decide.

After a batch, ``sync_indexes`` updates the search index incrementally and
re-anchors annotations (see that function).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as _dt
import logging
import os
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from index.base import paths
from index.base.durable import fsync_dir, fsync_file, remove, replace
from index.base.errors import KnownError
from index.base.faults import checkpoint
from index.library import versions
from index.library.corpus import Corpus
from index.library.documents import DocId, Document, load_file, render_markdown
from index.library.readers import DEFAULT_MAX_BYTES
from index.library.readers.candidates import (  # re-exported: the GUI's import dialog uses them from here
    UNKNOWN_REGION,
    Cancel,
    Candidate,
    Progress,
    body_hash,
    collect_files,
    prepare_file,
    prepare_files,
)
from index.library.readers.pool import DEFAULT_LIMITS, Limits

__all__ = [
    "BULK_CHANGE", "UNKNOWN_REGION", "BundledDocumentError", "Cancel", "Candidate", "ImportReport", "Library",
    "VersionLinkError",
    "Progress", "body_hash", "collect_files", "prepare_file", "prepare_files", "sync_indexes",
]

log = logging.getLogger(__name__)

# More changed documents than this (and than a tenth of the library) update the index in one pass.
BULK_CHANGE = 20
# That pass runs in a spawned worker process (the frozen app's entry point calls freeze_support()).
INDEX_IN_WORKER = True
# Where ``remove_unreadable`` keeps a damaged document file, beside ``documents/``.
UNREADABLE_DIR = "unreadable-documents"
# Past this many documents an incremental update runs in that worker process too.
UPDATE_IN_PROCESS_UP_TO = 300
# A bulk import builds the search index while it writes its documents (``index.search.feed``).
STREAM_INDEX = True
# From this many files on, documents are committed side by side (``_Writes``) rather than each before the next.
BATCH_WRITES_FROM = 16


class BundledDocumentError(KnownError, code="bundled_document"):
    """Bundled documents are read-only; only imported ones can be removed or edited."""


class VersionLinkError(KnownError, code="version_link"):
    """Documents cannot be linked or unlinked as versions (two bundled ones, a document with itself, not linked)."""


class LibraryFolderError(KnownError, code="library_folder"):
    """The imported documents folder cannot be made (a read-only data folder, a file where it should be)."""


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

class Library:
    """The imported documents folder.

    Args:
        corpus: the Corpus to keep in step (reloaded after each change);
            default a Corpus over the bundled content and ``folder``.
        folder: where imported documents live; default
            ``<user_home>/documents``.
        sync: update the search index and annotations after changes.
        index_dir, db_path: the search index and the user database to keep
            in step; default those of the user data folder.
    """

    def __init__(self, corpus: Corpus | None = None, folder: Path | None = None, sync: bool = True,
                 index_dir: Path | None = None, db_path: Path | None = None):
        self.folder = Path(folder) if folder else paths.imported_dir()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:  # a read-only data folder, a file of that name: a message, not a traceback
            raise LibraryFolderError(f"cannot make the imported documents folder {self.folder}: "
                                     f"{paths.unmade_reason(exc)}") from exc
        if corpus is None:
            from index.library.manifest import FILE_NAME

            corpus = Corpus(imported_dir=self.folder, manifest=None if folder else paths.user_home() / FILE_NAME)
        self.corpus = corpus
        self.sync = sync
        self.index_dir = Path(index_dir) if index_dir else paths.user_home() / "index"
        self.db_path = Path(db_path) if db_path else paths.user_home() / "zoneref.db"
        self._by_hash: dict[str, DocId] | None = None
        # Documents as this batch left them (front matter written since the corpus was read) and by version key.
        self._docs: dict[str, Document] = {}
        self._by_key: dict[str, list[str]] = {}
        # Their version groups (member ids by id), found once and kept in step by ``_link``: finding them anew
        # for every link made importing a library with hundreds of versions quadratic.
        self._grouped: dict[str, list[str]] | None = None
        # In an import batch, the front-matter changes linking makes to documents already written (``_update``),
        # by id: each is written once when the batch's documents are in place (``_write_deferred``), not once per
        # version linked, and a new document gets its links before its first write. None outside a batch.
        self._deferred: dict[str, dict[str, Any]] | None = None

    # -- the state the decisions need --------------------------------------
    def _index_existing(self) -> dict[str, DocId]:
        if self._by_hash is None:
            self._by_hash = {}
            self._docs = {}
            self._by_key = {}
            self._grouped = None
            for doc in self.corpus.documents():
                self._by_hash[doc.content_hash] = doc.id
                self._remember(doc)
        return self._by_hash

    def _remember(self, doc: Document) -> None:
        if doc.id not in self._docs:
            for key in versions.version_keys(doc.meta):
                self._by_key.setdefault(key, []).append(doc.id)
            if any(doc.links()):  # a file that arrives linked (its front matter names versions)
                self._grouped = None
        self._docs[doc.id] = doc

    def _groups(self) -> dict[str, list[str]]:
        """This batch's version groups: member ids by document id (lone documents left out)."""
        if self._grouped is None:
            self._grouped = {i: [d.id for d in group] for i, group in versions.groups(self._docs.values()).items()}
        return self._grouped

    # -- import ----------------------------------------------------------
    def import_paths(self, inputs: Iterable[str | Path], *, region: str | None = None, title: str | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES, workers: int | None = None, limits: Limits = DEFAULT_LIMITS,
                     progress: Progress | None = None, cancel: Cancel | None = None) -> ImportReport:
        """Import files and folders (recursively) in one pass.

        Args:
            inputs: files and folders.
            region, title: the user's values, overriding the guesses.
            max_bytes: per-file size limit.
            workers: processes for reading (default: one per core).
            limits: the time and memory reading one file may take (``readers.pool``).
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
        done = 0
        with self._batch(report, len(files), progress) as (add, skip):
            for status, item in prepare_files(files, max_bytes=max_bytes, region=region, title=title,
                                              workers=workers, limits=limits, cancel=cancel):
                done += 1
                if status == "ok":
                    add(item)
                else:
                    report.errors.append(item)
                    skip(item["path"])
        report.cancelled = done < len(files)
        return report

    @contextlib.contextmanager
    def _batch(self, report: ImportReport, count: int, progress: Progress | None):
        """Add up to ``count`` documents (``import_paths``, ``add``): yields ``add(candidate)`` and
        ``skip(path)`` (a file that adds nothing, its progress in its turn). On leaving, even by an error,
        every document written is settled, the corpus read again and the indexes brought in step
        (``_finish``); a bulk batch's index worker (``_feed``) is stopped if nothing finished it."""
        self._clean_temp_files()
        added: list[DocId] = []
        superseded: list[DocId] = []
        feed = self._feed(count)
        # The progress callback takes the count done from ``_Writes``: a lambda naming ``writes`` would make a
        # reference cycle holding this library's batch state until a full collection (~100 ms at 3,500 documents).
        writes = _Writes(self, lambda done, path: progress(done, count, path) if progress else None,
                         window=_Writes.WINDOW if count >= BATCH_WRITES_FROM else 0,
                         written=feed.send if feed else None)
        self._deferred = {}
        try:
            try:
                self._repair_chains()  # inside: a failure still stops the commit threads and the index worker
                yield lambda cand: self._add_one(cand, report, added, superseded, writes), writes.then
            finally:
                writes.drain(then=self._write_deferred)
                self._finish(report, added, superseded, feed)
        finally:
            self._deferred = None  # links are written at once again (a failed batch's stay unwritten)
            if feed is not None:
                feed.abort()  # nothing added, or the batch failed before its index: the old index stays

    def _feed(self, files: int):
        """For a bulk import (more files than ``BULK_CHANGE`` and a tenth of the library), the search index
        built in a worker while the files are read (``index.search.feed``); else None."""
        if not (self.sync and INDEX_IN_WORKER and STREAM_INDEX) or files <= max(BULK_CHANGE,
                                                                                len(self.corpus.documents()) // 10):
            return None
        from index.search.feed import IndexFeed

        return IndexFeed(self.corpus, self.index_dir)

    def add(self, candidates: Iterable[Candidate], progress: Progress | None = None,
            cancel: Cancel | None = None) -> ImportReport:
        """Add prepared (and possibly user-edited) candidates to the library."""
        candidates = list(candidates)
        report = ImportReport()
        with self._batch(report, len(candidates), progress) as (add, _skip):
            for cand in candidates:
                if cancel and cancel():
                    report.cancelled = True
                    break
                add(cand)
        return report

    def _add_one(self, cand: Candidate, report: ImportReport, added: list[DocId], superseded: list[DocId],
                 writes: _Writes) -> None:
        by_hash = self._index_existing()
        same = by_hash.get(cand.content_hash)
        if same:
            report.skipped.append({"path": cand.shown, "reason": f"duplicate of {same}", "doc_id": same,
                                   "code": "duplicate"})
            writes.then(cand.shown)
            return
        meta = dict(cand.meta)
        meta["region"] = meta.get("region") or UNKNOWN_REGION
        meta["title"] = meta.get("title") or Path(cand.shown).stem
        doc_id = str(meta["id"])
        while (self.folder / f"{doc_id}.md").exists() or self.corpus.has_document(doc_id) or doc_id in writes.ids:
            doc_id = f"{doc_id}x"  # an 8-hex-digit collision: vanishingly rare, still handled
        meta["id"] = doc_id
        meta["imported_at"] = _dt.datetime.now(_dt.UTC).isoformat(timespec="microseconds")
        for key in (*versions.LINK_KEYS, "version", versions.UNLINKED_KEY):
            meta.pop(key, None)  # links are the library's to make, never the file's
        doc = Document(DocId(doc_id), meta["title"], meta["region"], None, meta, "imported",
                       self.folder / f"{doc_id}.md", cand.content_hash)
        self._remember(doc)
        record = {"doc_id": doc_id, "title": meta["title"], "region": meta["region"],
                  "clause_count": cand.clause_count, "path": cand.shown}
        if cand.doubt:  # imported as asked; said, since it may not be a policy document (``doubts``)
            record["doubt"] = cand.doubt
        matches = self._versions_of(doc)
        if matches:
            # Linked before its first write: the new document is written once, with its place in the chain
            # (which alone keeps the group whole: groups follow links either way); the other members' changes
            # wait for the batch's end (``_deferred``).
            changed = self._link([doc.id, *matches], strict=False)
            self._deferred.pop(doc.id, None)
            doc = self._docs[doc.id]
            record["version"] = doc.meta.get("version")
            if doc.meta.get("supersedes"):
                record["supersedes"] = doc.meta["supersedes"]
            record["linked"] = [d for d in changed if d != doc.id]
            superseded.extend(record["linked"])
        # Facts computed while reading the file go to the manifest once it is written: nothing reads
        # the document again for them.
        writes.add(doc, self._write_temp(doc_id, doc.meta, cand.body), cand)
        by_hash[cand.content_hash] = doc.id
        added.append(doc.id)
        report.imported.append(record)

    def _versions_of(self, doc: Document) -> list[str]:
        """Documents already in the library that ``doc`` is a version of (the user's unlinking respected)."""
        near = dict.fromkeys(i for key in versions.version_keys(doc.meta) for i in self._by_key.get(key, []))
        found = [self._docs[i] for i in near if i != doc.id and versions.same_document(doc.meta, self._docs[i].meta)]
        # Newest first; one the user unlinked from a document already taken is left out.
        out: list[Document] = []
        for other in reversed(versions.order(found)):
            if not any(_unlinked(other, taken) for taken in out):
                out.append(other)
        return [d.id for d in out]

    def _finish(self, report: ImportReport, added: list[DocId], superseded: list[DocId], feed=None) -> None:
        if not added:
            return
        fsync_dir(self.folder)
        self.corpus.reload()
        self._by_hash = None
        checkpoint("import.before_index")
        if self.sync:
            # Added documents are re-anchored too: re-importing a removed
            # document (same text, same id) brings its orphaned notes back.
            report.index_notice = sync_indexes(self.corpus, added=added, removed=[], reanchor=superseded + added,
                                               index_dir=self.index_dir, db_path=self.db_path, feed=feed)

    # -- remove and edit --------------------------------------------------
    def remove(self, doc_id: str) -> Document:
        """Remove an imported document; its annotations become orphans (kept).

        Raises:
            UnknownIdError: no such document.
            BundledDocumentError: the document is bundled, not imported.
        """
        doc = self._imported(doc_id)
        group = [d.id for d in self._group(doc.id) if d.id != doc.id]
        remove(doc.path)  # tried again while another process reads it (Windows refuses to delete it then)
        fsync_dir(self.folder)
        self.corpus.reload()
        self._by_hash = None
        if group:  # the other versions close ranks: the previous one may become the latest again
            self._index_existing()
            self._write_chain(group)
            self.corpus.reload()
        self._by_hash = None
        if self.sync:
            self._sync(added=[], removed=[doc.id], reanchor=[doc.id])
        return doc

    def remove_unreadable(self, name: str) -> Path:
        """Move an imported document file that cannot be read (``Corpus.unreadable``) out of the library.

        The file is kept, in ``<user_home>/unreadable-documents/``: nothing a
        user imported is ever deleted without being read. Notes on it stay
        (as orphans once the library no longer has the document).

        Args:
            name: the file's name without ``.md`` (what ``Unreadable.name`` gives).

        Returns:
            Where the file now is.

        Raises:
            UnknownIdError: no unreadable imported file of that name.
        """
        from index.base.errors import UnknownIdError

        match = [u for u in self.corpus.unreadable() if u.name == name and u.path.parent == self.folder]
        if not match:
            raise UnknownIdError("document", name)
        source = match[0].path
        target_dir = self.folder.parent / UNREADABLE_DIR
        target_dir.mkdir(parents=True, exist_ok=True)
        target = target_dir / source.name
        if target.exists():
            target = target_dir / f"{source.stem}-{int(time.time())}{source.suffix}"
        replace(source, target, says=None)  # tried again while another process reads it (Windows refuses)
        fsync_dir(self.folder)
        self.corpus.reload()
        self._by_hash = None
        if self.sync:
            self._sync(added=[], removed=[DocId(name)], reanchor=[DocId(name)])
        return target

    def update_metadata(self, doc_id: str, changes: dict[str, Any]) -> Document:
        """Correct an imported document's metadata (the body and id never change).

        Raises:
            UnknownIdError, BundledDocumentError; MetadataError if a value breaks ``index.library.fields``'
            rules (an empty title, a year that is not one, a region that is no place).
        """
        from index.library import fields

        doc = self._imported(doc_id)
        changes = fields.checked({k: v for k, v in changes.items() if k not in ("id", "content_hash")}, doc_id)
        self._set_meta(doc, changes, confirmed=True)
        self.corpus.reload()
        self._by_hash = None
        group = self._group(doc.id)
        if len(group) > 1 and {"title", "issued", "published", "year", "status"} & changes.keys():
            self._index_existing()  # a new date or status may reorder the versions
            if self._write_chain([d.id for d in group]):
                self.corpus.reload()
            self._by_hash = None
        if self.sync and changes:
            # The index keeps each document's region, city, level and year for its filters.
            self._sync(added=[doc.id], removed=[], reanchor=[])
        return self.corpus.document(doc_id)

    # -- versions ---------------------------------------------------------
    def link_versions(self, doc_id: str, other_id: str) -> list[str]:
        """Make two documents (and the versions each already has) versions of one document.

        Returns:
            Ids of the documents whose front matter changed.

        Raises:
            UnknownIdError: no such document.
            VersionLinkError: the same document twice, or two bundled documents in one group.
        """
        for known in (doc_id, other_id):
            self.corpus.document(known)  # raises UnknownIdError
        if doc_id == other_id:
            raise VersionLinkError(f"{doc_id} cannot be a version of itself")
        self._index_existing()
        changed = self._link([doc_id, other_id], strict=True)
        self._after_links()
        return changed

    def unlink_version(self, doc_id: str) -> list[str]:
        """Take a document out of its version group; it is never linked to those documents again automatically.

        Returns:
            Ids of the documents whose front matter changed.

        Raises:
            UnknownIdError: no such document.
            VersionLinkError: the document is not linked to any other.
        """
        self.corpus.document(doc_id)
        group = [d.id for d in self._group(doc_id)]
        if len(group) < 2:
            raise VersionLinkError(f"{doc_id} is not linked to other versions")
        self._index_existing()
        rest = [d for d in group if d != doc_id]
        changed = set(self._write_chain(rest))
        for member, others in [(doc_id, rest), *((r, [doc_id]) for r in rest)]:
            doc = self._docs[member]
            if doc.source != "imported":
                continue
            changes = {versions.UNLINKED_KEY: sorted(versions.unlinked(doc.meta) | set(others))}
            if member == doc_id:
                changes.update({"supersedes": None, "superseded_by": None, "version": None})
            self._update(doc, changes)
            changed.add(member)
        self._grouped = None  # a group split
        self._after_links()
        return sorted(changed)

    def _group(self, doc_id: str) -> list[Document]:
        """The version group of ``doc_id`` as the corpus has it (the document alone if in none)."""
        docs = self.corpus.documents()
        return versions.groups(docs).get(doc_id) or [d for d in docs if d.id == doc_id]

    def _link(self, ids: list[str], strict: bool) -> list[str]:
        """Join ``ids`` and the groups they are in; returns the documents whose front matter changed.

        A group holds one bundled document at most (only imported documents
        record links): with ``strict`` a second one is an error, otherwise
        (automatic linking at import) it is left out.
        """
        grouped = self._groups()
        wanted: list[str] = []
        bundled = None
        for doc_id in ids:
            for member in (self._docs[i] for i in grouped.get(doc_id) or [doc_id]):
                if member.id in wanted:
                    continue
                if member.source != "imported":
                    if bundled is not None and bundled != member.id:
                        if strict:
                            raise VersionLinkError(
                                f"{bundled} and {member.id} are both bundled documents; they cannot be versions "
                                "of one document")
                        self._grouped = None  # left out of its group's new chain: found anew next time
                        continue
                    bundled = member.id
                wanted.append(member.id)
        for doc_id in wanted:  # the user's word now: forget an earlier unlinking between these
            doc = self._docs[doc_id]
            kept = versions.unlinked(doc.meta) - set(wanted)
            if doc.source == "imported" and kept != versions.unlinked(doc.meta):
                self._update(doc, {versions.UNLINKED_KEY: sorted(kept) or None})
        changed = self._write_chain(wanted)
        if len(wanted) > 1 and self._grouped is not None:  # one chain now: the groups it joined are one (as groups())
            for doc_id in wanted:
                self._grouped[doc_id] = list(wanted)
        return changed

    def _repair_chains(self) -> None:
        """Re-record the chain of every group whose imported members' links do not answer each other (X
        ``supersedes`` S but S is not ``superseded_by`` X, or the reverse): what an import stopped before its
        batch-end writes (``_write_deferred``) leaves. Groups follow links either way, so the group is whole;
        its chain is written with this batch's deferred changes."""
        self._index_existing()
        seen: set[str] = set()
        for doc_id, members in self._groups().items():
            if doc_id in seen:
                continue
            seen.update(members)
            if not versions.answered({i: self._docs[i] for i in members}):
                self._write_chain(list(members))

    def _write_chain(self, ids: list[str]) -> list[str]:
        """Record the group ``ids`` in version order in its imported members; returns those that changed."""
        ordered = versions.order([self._docs[i] for i in ids])
        links = versions.chain(ordered) if len(ordered) > 1 else \
            {d.id: {"supersedes": None, "superseded_by": None, "version": None} for d in ordered}
        changed = []
        for doc in ordered:
            want = links[doc.id]
            if doc.source == "imported" and any(doc.meta.get(k) != v for k, v in want.items()):
                self._update(doc, want)
                changed.append(doc.id)
        return changed

    def _update(self, doc: Document, changes: dict[str, Any]) -> None:
        """Write front-matter ``changes`` (None removes a key) and keep this batch's view in step; in an import
        batch, only the view (the file is written once at the batch's end: ``_write_deferred``)."""
        if self._deferred is not None:
            self._docs[doc.id] = _changed(doc, doc.meta, changes)
            self._deferred.setdefault(doc.id, {}).update(changes)
            return
        full = load_file(doc.path, "imported")
        changed = _changed(doc, full.meta, changes)
        self._write(doc.id, changed.meta, full.body)
        self._docs[doc.id] = changed
        self.corpus.record(changed)  # the same body: its facts stay in the manifest

    def _write_deferred(self, pool) -> None:
        """Write the batch's deferred front-matter changes, each document once, side by side on the batch's
        commit threads (``_commit`` flushes each before its rename); the batch's documents are in place by now."""
        deferred, self._deferred = self._deferred or {}, None
        docs, temps = [], []
        for doc_id, changes in deferred.items():
            known = self._docs[doc_id]
            full = load_file(known.path, "imported")
            doc = self._docs[doc_id] = _changed(known, full.meta, changes)
            docs.append(doc)
            temps.append(self._write_temp(doc_id, doc.meta, full.body))
        list(pool.map(_commit, temps, [d.path for d in docs]))  # an OSError (disk full) stops here
        for doc in docs:
            self.corpus.record(doc)  # the same body: its facts stay in the manifest

    def _after_links(self) -> None:
        fsync_dir(self.folder)
        self.corpus.reload()
        self._by_hash = None

    def _sync(self, added: list[DocId], removed: list[DocId], reanchor: list[DocId]) -> str | None:
        return sync_indexes(self.corpus, added=added, removed=removed, reanchor=reanchor,
                            index_dir=self.index_dir, db_path=self.db_path)

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
        self.corpus.record(Document(doc.id, str(meta["title"]), str(meta["region"]), None, meta, "imported",
                                    doc.path, full.content_hash))

    # -- files -------------------------------------------------------------
    def _write(self, doc_id: str, meta: dict[str, Any], body: str) -> None:
        _commit(self._write_temp(doc_id, meta, body), self.folder / f"{doc_id}.md")

    def _write_temp(self, doc_id: str, meta: dict[str, Any], body: str) -> Path:
        """The document's text in a temp file beside its place (``_commit`` makes it the document)."""
        temp = self.folder / f".{doc_id}.md.tmp-{os.getpid()}"
        with open(temp, "wb") as fh:
            fh.write(render_markdown(meta, body).encode("utf-8"))
        return temp

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


def _changed(doc: Document, meta: dict[str, Any], changes: dict[str, Any]) -> Document:
    """The imported document ``doc`` with front matter ``meta`` and ``changes`` applied (None removes a key)."""
    meta = {k: v for k, v in {**meta, **changes}.items() if v is not None or k not in changes}
    return Document(doc.id, meta["title"], meta["region"], None, meta, "imported", doc.path, meta.get("content_hash"))


def _commit(temp: Path, target: Path) -> None:
    """Make a written temp file the document: flushed to disk first, then renamed (a reader sees all or nothing)."""
    fsync_file(temp)
    checkpoint("import.temp_written")
    replace(temp, target)  # tried again while another process reads the old one (Windows refuses the rename)
    checkpoint("import.written")


class _Writes:
    """Documents being committed (fsync, rename) on a few threads while the import goes on.

    An fsync takes ~10 ms on a virtual disk and 3,500 of them, one after
    the other, were half of an import; run side by side, the file system
    commits them together. Each document is still flushed before its rename,
    so a killed import leaves whole documents or none. Progress is reported
    in input order once a file's document is in place (or it was skipped or
    refused); its manifest row is written then, from the file as renamed.
    """

    WINDOW = 32  # documents in flight at most in a large import (a small one commits each before the next)

    def __init__(self, library: Library, report_progress, window: int = WINDOW, written=None):
        import collections
        import concurrent.futures

        self.library = library
        self.report_progress = report_progress
        self.written = written  # told of each document once it is in place and recorded
        self.pool = concurrent.futures.ThreadPoolExecutor(max_workers=8, thread_name_prefix="zoneref-commit")
        self.queue: collections.deque = collections.deque()  # (future or None, document or None, candidate, path)
        self.ids: set[str] = set()
        self.done = 0
        self.window = window

    def add(self, doc: Document, temp: Path, cand: Candidate) -> None:
        self.ids.add(doc.id)
        self.queue.append((self.pool.submit(_commit, temp, doc.path), doc, cand, cand.shown))
        while len(self.queue) > self.window:
            self._settle_one()

    def then(self, path: str) -> None:
        """A file that writes nothing (skipped, refused): its progress comes in its turn."""
        self.queue.append((None, None, None, path))
        if len(self.queue) == 1:
            self._settle_one()

    def _settle_one(self) -> None:
        future, doc, cand, path = self.queue.popleft()
        if future is not None:
            future.result()  # an OSError (disk full) stops the import, as a synchronous write did
            if cand.parsed is not None and cand.meta.get("id") == doc.id:  # its clauses, as the reader parsed them
                self.library.corpus.keep_parsed(doc, cand.parsed)
            self.library.corpus.record(doc, clause_count=cand.clause_count, topics_json=cand.topics,
                                       topics_version=cand.topics_version)
            if self.written is not None:
                self.written(doc)
        self.done += 1
        self.report_progress(self.done, path)
        while self.queue and self.queue[0][0] is None:  # skipped files after it
            _, _, _, path = self.queue.popleft()
            self.done += 1
            self.report_progress(self.done, path)

    def settle(self) -> None:
        """Wait until every document written so far is in place."""
        while self.queue:
            self._settle_one()

    def drain(self, then=None) -> None:
        """Settle every document, then run ``then(pool)`` (more commits on these threads), then stop the threads."""
        try:
            self.settle()
            if then is not None:
                then(self.pool)
        finally:
            self.pool.shutdown(wait=True)


def _unlinked(a: Document, b: Document) -> bool:
    """Whether the user said ``a`` and ``b`` are not versions of one document."""
    return b.id in versions.unlinked(a.meta) or a.id in versions.unlinked(b.meta)


def update_index(content_dir: Path, imported_dir: Path | None, index_dir: Path, manifest: Path | None,
                 added: list[str], removed: list[str]) -> None:
    """Remove then (re-)add documents in the search index, from a worker process (``sync_indexes``)."""
    _update_index(Corpus(content_dir, imported_dir, manifest=manifest), index_dir, added, removed)


def _update_index(corpus: Corpus, index_dir: Path, added: list[str], removed: list[str]) -> None:
    from index.search.searcher import SearchIndex

    search = SearchIndex(corpus, index_dir)
    if removed:
        search.remove_documents(removed)
    if added:
        search.add_documents(added)


def _in_worker_process(func, *args) -> Any:
    """Run ``func(*args)`` in a fresh (spawned) process and return its result; its exceptions are re-raised."""
    import concurrent.futures
    import multiprocessing

    with concurrent.futures.ProcessPoolExecutor(max_workers=1,
                                                mp_context=multiprocessing.get_context("spawn")) as pool:
        return pool.submit(func, *args).result()


def _alive(pid: int) -> bool:
    """Whether a process ``pid`` runs (a temp file's writer). Never ``os.kill(pid, 0)``: on Windows signal 0 is
    ``CTRL_C_EVENT``, sent to the console's processes (pid 0: all of them, this one too)."""
    import psutil  # not ``psutil.pid_exists``: on POSIX it is ``os.kill(pid, 0)``, fine there, but one way for all

    try:
        psutil.Process(pid)  # POSIX: reads /proc; Windows: OpenProcess
    except psutil.NoSuchProcess:
        return False
    except (psutil.Error, OSError, ValueError):
        return True  # cannot tell: keep its file (an old one goes after ``older_than`` anyway)
    return True


def sync_indexes(corpus: Corpus, added: list[DocId], removed: list[DocId], reanchor: list[DocId],
                 index_dir: Path, db_path: Path, feed=None) -> str | None:
    """Bring the search index and annotations in step with a library change.

    A few changed documents update the search index incrementally
    (``SearchIndex.add_documents`` / ``remove_documents``): importing one
    file never rebuilds it. A bulk change (more than ``BULK_CHANGE``
    documents and a tenth of the library) is one pass over the corpus
    instead, in a worker process (``INDEX_IN_WORKER``), so its memory is
    returned when it ends and a GUI process never holds it. Annotations on a
    removed document, or on one a new version superseded, are re-anchored
    (``NoteStore.reanchor_document``); those whose text is gone become
    orphans and are kept. Topic tags are computed from clause text on
    demand (``index.compare.topics``), so they need no update here.

    If an index cannot be updated, the library change still stands: the
    search index notices the fingerprint mismatch at its next ``ensure()``
    and rebuilds. The returned notice says so (None when all went well).

    ``feed``: the ``index.search.feed.IndexFeed`` a bulk import built the
    index through while it wrote the documents; it is finished here (and if
    it fails, the index is brought in step as without it).
    """

    notices = []
    if feed is not None:
        try:
            feed.finish()
            added = removed = []  # the index is the library's
        except Exception as exc:  # noqa: BLE001 - as below: the index is brought in step another way
            log.warning("search index built during the import failed: %s", exc)
    if added or removed:
        try:
            if len(added) + len(removed) > max(BULK_CHANGE, len(corpus.documents()) // 10):
                # A bulk import changes most of the index: one pass over the
                # corpus (ensure() compares content hashes and rebuilds) beats
                # thousands of incremental additions. The pass reads each
                # document once, so it keeps no bodies or clauses (~150 MB on
                # a 50 MB library).
                from index.search.feed import bulk_index

                if INDEX_IN_WORKER:
                    _in_worker_process(bulk_index, corpus.content_dir, corpus.imported_dir, index_dir,
                                       corpus.manifest.path)
                else:
                    bulk_index(corpus.content_dir, corpus.imported_dir, index_dir, corpus.manifest.path)
            elif INDEX_IN_WORKER and len(corpus.documents()) > UPDATE_IN_PROCESS_UP_TO:
                # An update of a large index rewrites its side table (hundreds of thousands of
                # records): in a GUI process that froze the window for seconds (the GIL).
                _in_worker_process(update_index, corpus.content_dir, corpus.imported_dir, index_dir,
                                   corpus.manifest.path, list(added), list(removed))
            else:
                _update_index(corpus, index_dir, added, removed)
        except Exception as exc:  # the index is a cache: rebuilt on next ensure()
            # One line for trouble the engine knows (another import's index swapped in meanwhile, a full
            # disk): the import succeeded. A traceback only for what may be a bug.
            log.warning("search index update failed: %s", exc, exc_info=not isinstance(exc, KnownError))
            notices.append(f"search index will be rebuilt ({exc})")
    checkpoint("import.indexed")
    if reanchor:
        from index.userdata.database import open_db
        from index.userdata.notes import NoteStore

        db = None
        try:
            db = open_db(db_path)
            store = NoteStore(db, corpus)
            for doc_id in reanchor:
                store.reanchor_document(doc_id)
        except Exception as exc:
            log.warning("re-anchoring annotations failed: %s", exc, exc_info=True)
            notices.append(f"annotations not re-anchored ({exc})")
        finally:
            if db is not None and getattr(db, "conn", None) is not None:
                db.conn.close()  # not left to the garbage collector (SQLite shares its WAL index per process)
    return "; ".join(notices) or None
