"""The one handle on the engine: a ``Workspace`` owns the library, the search index and the user's data.

Every front end opens the engine here (Anki's ``Collection``): the GUI's
``Services``, each CLI command and the self-test. Nothing else decides where
the bundled content, the imported documents, the search index or the user
database live.

Lock discipline:

* A ``Workspace`` belongs to the thread that made it. Its ``sqlite3``
  connection cannot cross threads, and its ``Corpus`` caches parsed clauses
  without locks. Background work takes ``worker()``, a new handle on the same
  folders that shares nothing mutable with this one.
* Readers never wait for a long write. The user database is in WAL mode
  (readers see the last commit while a writer works), and the search index
  swaps whole generations (``index.search.store``): a rebuild or a bulk
  import writes a new generation beside the live one.
* Documents are written whole (temp file, ``fsync``, rename): a reader sees
  the old file or the new one.

Every mutating operation returns ``Changes``: what it changed, so that a
front end refreshes exactly the views that show it. ``external_changes()``
reports what other processes (a CLI import while the window is open, a
second window) changed since the last call, in the same form.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.base import paths
from index.library.corpus import Corpus, Listing

if TYPE_CHECKING:  # the heavy modules load on first use, never at start-up
    import sqlite_utils

    from index.compare.records import Comparison, Coverage
    from index.library.documents import Document, Unreadable
    from index.library.imported import ImportReport, Library
    from index.search.searcher import SearchIndex
    from index.userdata.notes import NoteStore

DB_NAME = "zoneref.db"
#: ``external_changes`` stats every document file at least every this many calls. In between it
#: stats only the folders, whose times move when a file is added, removed or replaced by a rename
#: (how ZoneRef writes); an editor that rewrites a file in place is noticed at the next full scan.
FULL_SCAN_EVERY = 5


@dataclasses.dataclass(frozen=True)
class Changes:
    """What an operation changed. Empty (false) when it changed nothing.

    Attributes:
        added, removed, edited: document ids (edited: metadata or text).
        notes: document ids whose annotations or bookmarks changed.
        all_notes: annotations may have changed anywhere (another process wrote).
        pins: pinned counterparts or "no counterpart" decisions changed.
        sets: saved comparison sets changed.
        index: the search index on disk changed (reopen it).
    """

    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    edited: frozenset[str] = frozenset()
    notes: frozenset[str] = frozenset()
    all_notes: bool = False
    pins: bool = False
    sets: bool = False
    index: bool = False

    @property
    def documents(self) -> bool:
        """Whether the list of documents or any document's metadata or text changed."""
        return bool(self.added or self.removed or self.edited)

    def __bool__(self) -> bool:
        return self.documents or bool(self.notes) or self.all_notes or self.pins or self.sets or self.index

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.added | other.added, self.removed | other.removed, self.edited | other.edited,
                       self.notes | other.notes, self.all_notes or other.all_notes, self.pins or other.pins,
                       self.sets or other.sets, self.index or other.index)

    def notes_of(self, doc_id: str) -> bool:
        """Whether the notes shown for ``doc_id`` may have changed."""
        return self.all_notes or doc_id in self.notes or doc_id in self.removed or doc_id in self.edited

    def to_dict(self) -> dict[str, Any]:
        return {"added": sorted(self.added), "removed": sorted(self.removed), "edited": sorted(self.edited),
                "notes": sorted(self.notes), "all_notes": self.all_notes, "pins": self.pins, "sets": self.sets,
                "index": self.index}


def documents_changed(added: Iterable[str] = (), removed: Iterable[str] = (), edited: Iterable[str] = ()) -> Changes:
    """``Changes`` of a library operation; notes of changed documents may move, the index follows."""
    added, removed, edited = frozenset(added), frozenset(removed), frozenset(edited)
    if not (added or removed or edited):
        return Changes()
    return Changes(added=added, removed=removed, edited=edited, notes=added | removed | edited, index=True)


class Workspace:
    """The engine for one user data folder.

    Args:
        home: the user data folder; default ``$ZONEREF_HOME`` or the platform's.
        content: the bundled content folder (``docs/``, ``topics.yaml``);
            default the one shipped with the program.
        imports: False for a workspace of the bundled documents only (the
            comparison benchmark, the labelled sets).
        recover: check the user database and recover it from a backup if it
            is damaged, when opening it (``worker()`` handles skip this: the
            handle that made them has done it).
    """

    def __init__(self, home: Path | str | None = None, *, content: Path | str | None = None, imports: bool = True,
                 recover: bool = True):
        self.recover = recover
        self.home = Path(home) if home is not None else paths.user_home()
        self.home.mkdir(parents=True, exist_ok=True)
        self.content_dir = Path(content) if content is not None else paths.content_dir()
        self.imports = imports
        self._corpus: Corpus | None = None
        self._search: SearchIndex | None = None
        self._db: sqlite_utils.Database | None = None
        self._notes: NoteStore | None = None
        self.recovery_report = None  # set when opening the database recovered it from a backup
        self.db_trouble = None  # set when the database opened read-only: why it cannot be written
        self._seen_docs: dict[str, tuple[int, int]] | None = None
        self._seen_data_version: int | None = None
        self._seen_index: tuple | None = None
        self._seen_folders: tuple | None = None
        self._polls = 0

    # -- where things live -------------------------------------------------------
    @property
    def docs_dir(self) -> Path:
        """Bundled documents (read-only)."""
        return self.content_dir / "docs"

    @property
    def imported_dir(self) -> Path | None:
        """Imported documents, as Markdown with front matter (None: bundled only)."""
        return self.home / "documents" if self.imports else None

    @property
    def index_dir(self) -> Path:
        """The search index (a cache: deleting it costs a rebuild)."""
        return self.home / "index"

    @property
    def db_path(self) -> Path:
        """The user database: notes, bookmarks, tags, pins, comparison sets."""
        return self.home / DB_NAME

    @property
    def manifest_path(self) -> Path:
        """Per-document facts computed once (``index.library.manifest``; a cache: deleting it costs a re-read)."""
        from index.library.manifest import FILE_NAME

        return self.home / FILE_NAME

    @property
    def topics_path(self) -> Path:
        """The topic taxonomy."""
        return self.content_dir / "topics.yaml"

    def worker(self) -> Workspace:
        """A new handle on the same folders for another thread; it shares nothing mutable."""
        return Workspace(self.home, content=self.content_dir, imports=self.imports, recover=False)

    def spec(self) -> tuple[str, str, bool]:
        """What a spawned process needs to open the same workspace (``Workspace.from_spec``)."""
        return str(self.home), str(self.content_dir), self.imports

    @classmethod
    def from_spec(cls, spec: tuple[str, str, bool]) -> Workspace:
        home, content, imports = spec
        return cls(home, content=content, imports=imports)

    # -- the engine's parts, opened on first use ---------------------------------
    @property
    def corpus(self) -> Corpus:
        """The documents and their clauses (one object for the life of the workspace; ``reload`` refreshes it)."""
        if self._corpus is None:
            self._corpus = Corpus(self.docs_dir, self.imported_dir, manifest=self.manifest_path)
        return self._corpus

    def list_documents(self) -> Listing:
        """The library listed afresh (``Corpus.fresh_listing``), for another handle's ``reload`` to install:
        a worker handle lists, the GUI's installs it without listing on its own thread."""
        return self.corpus.fresh_listing()

    def one_pass_corpus(self) -> Corpus:
        """A corpus that keeps one document's clauses at a time (a bulk pass in bounded memory)."""
        return Corpus(self.docs_dir, self.imported_dir, one_pass=True, manifest=self.manifest_path)

    def search_index(self) -> SearchIndex:
        """The search index of this workspace's corpus (opened, updated or built by its ``ensure``)."""
        if self._search is None:
            from index.search.searcher import SearchIndex

            self._search = SearchIndex(self.corpus, self.index_dir)
        return self._search

    def db(self) -> sqlite_utils.Database:
        """The user database, opened on first use.

        A damaged one is recovered (``recovery_report``); one that cannot be
        written (a full disk, a read-only folder) opens for reading and
        ``db_trouble`` says why saving is refused.

        Raises:
            DatabaseError: the database cannot even be read (the message says what to do).
        """
        if self._db is None:
            from index.userdata import database

            self._db = database.open_db(self.db_path, recover=self.recover)
            self.recovery_report = database.take_recovery_report() if self.recover else None
            self.db_trouble = database.read_only_reason(self._db)
            self._seen_data_version = _data_version(self._db)
        return self._db

    def has_db(self) -> bool:
        """Whether the user database exists (reading commands do not create it)."""
        return self._db is not None or self.db_path.exists()

    def notes(self) -> NoteStore:
        """Annotations, bookmarks and tags."""
        if self._notes is None:
            from index.userdata.notes import NoteStore

            self._notes = NoteStore(self.db(), self.corpus)
        return self._notes

    def library(self, sync: bool = True) -> Library:
        """Import, remove and edit the user's documents (``sync``: keep the index and notes in step)."""
        from index.library.imported import Library

        folder = self.imported_dir
        if folder is None:
            raise RuntimeError("a workspace of bundled documents only has no library to change")
        return Library(self.corpus, folder, sync=sync, index_dir=self.index_dir, db_path=self.db_path)

    # -- backups and recovery of the user's data ------------------------------------
    def backup_notes(self, reason: str = "manual") -> Path:
        """Back the user database up now (verified); returns the backup file."""
        from index.userdata import backups

        return backups.backup(self.db_path, reason, db=self.db())

    def restore_notes(self, backup: Path | str | None = None):
        """Replace the user's notes with a backup's (the newest good one by default); ``(RestoreReport, Changes)``.

        The state before is kept (``RestoreReport.safety_copy``).
        """
        from index.userdata import backups

        if self._db is not None:
            self.db()  # a handle that could not write cannot restore either: say why first
            if self.db_trouble is not None:
                raise type(self.db_trouble)(f"cannot restore: {self.db_trouble}")
        report = backups.restore(self.db_path, Path(backup) if backup else None)
        return report, Changes(all_notes=True, pins=True, sets=True)

    def recover_notes(self, file: Path | str):
        """Merge the notes of a set-aside file, a backup or another copy into the user's (``recovery.recover_file``).

        Returns:
            ``(MergeReport, Changes)``; the notes merged are re-placed in their documents.
        """
        from index.userdata import recovery

        report = recovery.recover_file(self.db(), self.db_path, Path(file))
        store = self.notes()
        for doc_id in report.docs:
            store.reanchor_document(doc_id)
        return report, Changes(notes=frozenset(report.docs), all_notes=True, pins=bool(report.pins),
                               sets=bool(report.sets))

    def carry_notes(self, to_docs: str | Iterable[str], from_doc: str | None = None):
        """Copy notes onto each of ``to_docs`` (one id, or several: one report for all) from another version of
        its document (``NoteStore.carry_forward``): ``from_doc``, or every other version with notes, the newest
        first.

        Returns:
            ``(CarryReport, Changes)``.
        """
        from index.userdata.notes import CarryReport

        targets = [to_docs] if isinstance(to_docs, str) else list(to_docs)
        store = self.notes()
        report = CarryReport()
        for to_doc in targets:
            for source in [from_doc] if from_doc is not None else self.versions_with_notes(to_doc):
                report += store.carry_forward(source, to_doc)
        return report, Changes(notes=frozenset(targets))

    def versions_with_notes(self, doc_id: str) -> list[str]:
        """The other versions of ``doc_id``'s document that hold notes, newest first (none without a database)."""
        self.corpus.document(doc_id)  # UnknownIdError for a document not in the library
        if not self.has_db():
            return []
        noted = self.notes().documents()
        return [m.doc_id for m in reversed(self.corpus.version_group(doc_id)) if m.doc_id != doc_id
                and m.doc_id in noted]

    # -- comparison ----------------------------------------------------------------
    def pins(self, source_clause_id: str) -> dict[str, dict]:
        """The user's decisions for a source clause (``{}`` without a database; reading never creates one)."""
        if not self.has_db():
            return {}
        from index.compare import comparisons

        if self._db is None:  # a read alone need not open the database fully (nor load sqlite-utils)
            from index.userdata.schema import peek

            found = peek(self.db_path, lambda conn: comparisons.pins_map(conn, source_clause_id))
            if found is not None:
                return found
        return comparisons.pins_map(self.db(), source_clause_id)

    # Above this many documents a comparison takes its statistics and candidates from the search index.
    LARGE_LIBRARY_DOCS = 300

    def _compare_index(self):
        if len(self.corpus.documents()) <= self.LARGE_LIBRARY_DOCS:
            return None
        return self.search_index()

    def compare(self, clause_id: str, doc_ids: Iterable[str] | None = None, limit: int = 3,
                pins: dict | None = None, cancel: Callable[[], bool] | None = None) -> Comparison:
        """A clause's counterparts in the other documents (``align.counterparts``), the user's pins applied.

        Args:
            pins: decisions to apply instead of the user's (``{}``: none).
            cancel: polled between documents (``Cancelled``).

        Returns:
            A typed ``records.Comparison`` (``to_dict()`` is the CLI's JSON).
        """
        from index.compare import align

        return align.counterparts(self.corpus, clause_id, doc_ids=doc_ids, limit=limit,
                                  pins=self.pins(clause_id) if pins is None else pins, cancel=cancel,
                                  search_index=self._compare_index())

    def compare_choice(self, source_clause_id: str | None = None, recent: Iterable[str] = ()) -> list[str]:
        """The documents a comparison shows by default (``shortlist.documents_that_matter``).

        Args:
            source_clause_id: the clause compared from (None for a topic): its
                document is left out, its level and the user's pins for it count.
            recent: documents the user read lately, most recent first.
        """
        from index.library.shortlist import documents_that_matter

        source_doc = source_clause_id.split("/", 1)[0] if source_clause_id else None
        pinned = list(self.pins(source_clause_id)) if source_clause_id else []
        return documents_that_matter(self.corpus, source_doc, pinned, recent)

    def documents_matching(self, **filters) -> list[Document]:
        """Documents by region, level, year range and words (``shortlist.matching``)."""
        from index.library.shortlist import matching

        return matching(self.corpus, **filters)

    def compare_topic(self, topic: str, doc_ids: Iterable[str] | None = None,
                      cancel: Callable[[], bool] | None = None,
                      progress: Callable[[int, int], None] | None = None) -> Comparison:
        """Each document's clauses on one topic (``align.topic_columns``), on the same score scale."""
        from index.compare import align

        return align.topic_columns(self.corpus, topic, doc_ids=doc_ids, cancel=cancel, progress=progress)

    def coverage(self, doc_ids: Iterable[str] | None = None, cancel: Callable[[], bool] | None = None,
                 rendered: bool = False, progress: Callable[[int, int], None] | None = None) -> Coverage:
        """Topics × documents (``topics.coverage``), a typed ``records.Coverage``; ``rendered`` for its JSON."""
        from index.compare import topics

        return topics.coverage(self.corpus, doc_ids, cancel=cancel, rendered=rendered, progress=progress)

    # -- operations that change the library --------------------------------------
    def import_paths(self, inputs: Iterable[str | Path], **kwargs) -> tuple[ImportReport, Changes]:
        """Import files and folders (``Library.import_paths``); returns the report and what changed."""
        report = self.library().import_paths(inputs, **kwargs)
        return report, self._after_import(report)

    def add_candidates(self, candidates, **kwargs) -> tuple[ImportReport, Changes]:
        """Add prepared, user-confirmed candidates (``Library.add``)."""
        report = self.library().add(candidates, **kwargs)
        return report, self._after_import(report)

    def _after_import(self, report: ImportReport) -> Changes:
        added = [r["doc_id"] for r in report.imported]
        edited = [d for r in report.imported for d in r.get("linked", ())]  # other versions' links changed
        self._forget_documents(added + edited)
        return documents_changed(added=added, edited=edited)

    def remove_document(self, doc_id: str) -> tuple[Document, Changes]:
        """Remove an imported document; its notes become orphans (kept)."""
        from index.compare import unitstore
        from index.library import parsed

        before = self.versions(doc_id)
        doc = self.library().remove(doc_id)
        unitstore.forget(self.home / unitstore.FOLDER, doc.id)  # what comparisons kept of it
        parsed.forget(self.home / parsed.FOLDER, doc.id)  # and its clauses as parsed
        edited = [v["doc_id"] for v in before if v["doc_id"] != doc.id]
        self._forget_documents([doc.id, *edited])
        return doc, documents_changed(removed=[doc.id], edited=edited)

    def unreadable_documents(self, load: bool = True) -> list[Unreadable]:
        """Document files the library left out because they cannot be read (``Corpus.unreadable``).

        Args:
            load: read the library if it was not yet (False: ``[]`` then).
        """
        if self._corpus is None and not load:
            return []
        return self.corpus.unreadable()

    def remove_unreadable(self, name: str) -> tuple[Path, Changes]:
        """Move an unreadable imported document file out of the library (kept); returns where it went."""
        moved = self.library().remove_unreadable(name)
        self._forget_documents([name])
        return moved, documents_changed(removed=[name])

    def edit_document(self, doc_id: str, changes: dict[str, Any]) -> tuple[Document, Changes]:
        """Correct an imported document's metadata."""
        doc = self.library().update_metadata(doc_id, changes)
        self._forget_documents([doc.id])
        return doc, documents_changed(edited=[doc.id])

    # -- versions of one document -------------------------------------------------
    def versions(self, doc_id: str) -> list[dict]:
        """The versions of ``doc_id``'s document, oldest first (``index.library.versions``).

        Returns:
            ``[{"doc_id", "title", "date", "status", "latest"}]``; status is
            现行, 历史版本 or 征求意见稿. A document with no other version is
            the only entry.

        Raises:
            UnknownIdError: no such document.
        """
        from index.library import versions

        doc = self.corpus.document(doc_id)
        group = versions.groups(self.corpus.documents()).get(doc.id) or [doc]
        return [m.to_dict() for m in versions.members(group)]

    def link_versions(self, doc_id: str, other_id: str) -> Changes:
        """Make two documents versions of one document (``Library.link_versions``)."""
        changed = self.library(sync=False).link_versions(doc_id, other_id)
        self._forget_documents(changed)
        return documents_changed(edited=changed)

    def unlink_version(self, doc_id: str) -> Changes:
        """Take a document out of its version group (``Library.unlink_version``)."""
        changed = self.library(sync=False).unlink_version(doc_id)
        self._forget_documents(changed)
        return documents_changed(edited=changed)

    def diff(self, old_id: str, new_id: str, cancel: Callable[[], bool] | None = None):
        """修订对照 of two versions: articles aligned, changes marked (``index.compare.redline.Redline``)."""
        from index.compare import redline

        return redline.compare(self.corpus, old_id, new_id, cancel=cancel)

    def reload(self, changes: Changes | None = None, listing: Listing | None = None) -> None:
        """Read the document folders again after ``changes`` (made by another handle, e.g. a worker).

        The documents those changes name are marked as seen, so that
        ``external_changes`` does not report them again, while a change
        another process makes meanwhile is still reported. So is the search
        index's new generation when ``changes.index`` says the handle wrote one.
        ``listing`` is the library as a worker handle listed it after the
        changes (``list_documents``): installed instead of listing here.
        """
        if changes is None or changes.documents:
            self._forget_documents(changes.added | changes.removed | changes.edited if changes is not None else None,
                                   listing)
        if changes is not None and changes.index and self._seen_index is not None:
            self._seen_index = self._index_snapshot()

    def _forget_documents(self, doc_ids: Iterable[str] | None = (), listing: Listing | None = None) -> None:
        """Reload the corpus (from ``listing``, if given); mark ``doc_ids`` (None: every document) as seen
        by ``external_changes``."""
        if self._corpus is not None:
            self._corpus.reload(listing)
        if self._seen_docs is None:
            return
        if doc_ids is None:
            self._seen_docs = self._doc_snapshot()
            return
        for doc_id in doc_ids:
            stat = self._doc_stat(doc_id)
            if stat is None:
                self._seen_docs.pop(doc_id, None)
            else:
                self._seen_docs[doc_id] = stat

    # -- changes made elsewhere --------------------------------------------------
    def documents_scan_due(self) -> bool:
        """Whether the next ``external_changes`` stats every document file (a GUI has ``scan_documents`` do
        it on a worker first: 3,500 ``stat``s, each letting a busy worker have the GIL, froze the window for
        up to half a second)."""
        return (self._seen_docs is None or self._folder_stamps() != self._seen_folders
                or not (self._polls + 1) % FULL_SCAN_EVERY)

    def scan_documents(self) -> tuple[tuple, dict[str, tuple[int, int]]]:
        """The document folders' times, then every document file's size and time (``external_changes``'s
        ``scanned``). Reads the folders and nothing of this handle: safe on any thread."""
        return self._folder_stamps(), self._doc_snapshot()

    def external_changes(self, reload: bool = True, scanned: tuple | None = None) -> Changes:
        """What other handles or processes changed since the last call (or since opening).

        Cheap enough to poll every second: the folders' times (one ``stat``
        per document file when they moved, and every ``FULL_SCAN_EVERY`` calls), SQLite's ``data_version`` (it moves only when another connection
        commits) and the index's generation files. The first call only takes
        the snapshot. Documents found changed are reloaded here, so the
        corpus reflects them when this returns; with ``reload`` false the
        corpus stays as it was for the caller to ``reload(changes, listing)``
        (the GUI lists the library on a worker). ``scanned``: ``scan_documents()``, made since the last
        call (the GUI scans on a worker when ``documents_scan_due``).
        """
        out = Changes()
        if scanned is not None:
            folders, docs = scanned
        elif self.documents_scan_due():
            folders, docs = self.scan_documents()
        else:  # no file added, removed or renamed: skip the per-file stats this time
            folders, docs = self._seen_folders, self._seen_docs
        self._polls += 1
        self._seen_folders = folders
        if self._seen_docs is not None and docs != self._seen_docs:
            before = self._seen_docs
            out |= documents_changed(added=docs.keys() - before.keys(), removed=before.keys() - docs.keys(),
                                     edited=[d for d in docs.keys() & before.keys() if docs[d] != before[d]])
            if self._corpus is not None and reload:
                self._corpus.reload()
        self._seen_docs = docs
        if self._db is not None:
            version = _data_version(self._db)
            if self._seen_data_version is not None and version != self._seen_data_version:
                out |= Changes(all_notes=True, pins=True, sets=True)
            self._seen_data_version = version
        index = self._index_snapshot()
        if self._seen_index is not None and index != self._seen_index:
            out |= Changes(index=True)
        self._seen_index = index
        return out

    def _folder_stamps(self) -> tuple:
        """The document folders' own modification times: they move when a file is added, removed or renamed."""
        stamps = []
        for folder in (self.docs_dir, self.imported_dir):
            try:
                stamps.append(folder.stat().st_mtime_ns if folder is not None else None)
            except OSError:
                stamps.append(None)
        return tuple(stamps)

    def _doc_stat(self, doc_id: str) -> tuple[int, int] | None:
        for folder in (self.imported_dir, self.docs_dir):
            if folder is not None:
                try:
                    st = (folder / f"{doc_id}.md").stat()
                except OSError:
                    continue
                return st.st_size, st.st_mtime_ns
        return None

    def _doc_snapshot(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        for folder in (self.docs_dir, self.imported_dir):
            if folder is None:
                continue
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                if entry.name.endswith(".md") and not entry.name.startswith("."):
                    try:
                        st = entry.stat()
                    except OSError:
                        continue
                    found[entry.name[:-3]] = (st.st_size, st.st_mtime_ns)
        return found

    def _index_snapshot(self) -> tuple:
        current = self.index_dir / "CURRENT"
        try:
            name = current.read_text(encoding="utf-8").strip()
            sides = sorted(p.name for p in (self.index_dir / name).glob("side-*.json"))
        except OSError:
            return ()
        return (name, *sides)

    # -- closing -------------------------------------------------------------------
    def close(self) -> None:
        """Close the database, the index and the library manifest (the workspace can be used again: they reopen)."""
        if self._search is not None:
            self._search.close()
            self._search = None
        if self._corpus is not None:
            self._corpus.manifest.close()  # reopened on the next listing
        if self._db is not None:
            from index.userdata import database

            database.close_db(self._db)  # backs up first if this handle changed it
            self._db = None
            self._notes = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _data_version(db) -> int:
    return db.execute("PRAGMA data_version").fetchone()[0]
