"""The library: bundled and imported documents with their clauses.

``Corpus`` is the one object the front ends hold. It loads documents lazily,
parses each into clauses once, and answers lookups by id.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from index.base import paths
from index.base.errors import ContentError, UnknownIdError
from index.base.memory import bulk_objects, release_in_background
from index.library.clauses import int_to_cn
from index.library.documents import LINK_KEYS, DocId, Document, Unreadable, load_file, read_body
from index.library.frontmatter import card, decode, encode
from index.library.manifest import FILE_NAME as MANIFEST_FILE
from index.library.manifest import Manifest, identity, same_size_and_time
from index.library.national import NATIONAL
from index.library.regions import region_key
from index.library.tagformat import encode_tags, render_cells

if TYPE_CHECKING:  # the clause parser loads when a document's clauses are first asked for, not at start-up
    from index.library.clauses import Clause, ClauseId

_FULLWIDTH_LABEL = str.maketrans({"(": "（", ")": "）"})
#: Documents whose stored tags are read one row at a time (~10 µs each) before every row's are read at once
#: (~18 ms at 3,440 documents, 5.6 MB): every document a column of a comparison asks for ~110.
TAGS_ONE_BY_ONE = 1024


class _Stored:
    """Where listed documents read their card, front matter and topic cells when first asked: the manifest.

    A long column (``card``, ``topics_cells``) is read for a whole source at once (a search's filters read
    every card, ``topics --json`` every document's cells). A listing read on a worker
    (``Corpus.fresh_listing``) has its own, moved to the installing corpus's manifest by ``reload``.
    """

    def __init__(self, manifest: Manifest):
        self.manifest = manifest
        self._columns: dict[tuple[str, str], dict[str, str | None]] = {}  # (source, column) → file name → value

    def value(self, source: str, name: str, column: str) -> str | None:
        """One file's stored ``column``; every file's of its source read when the first is asked for."""
        key = (source, column)
        if key not in self._columns:
            self._columns[key] = self.manifest.values(source, column)
        return self._columns[key].get(name)

    def forget(self, source: str, name: str, column: str) -> None:
        """Drop a value read before its row was rewritten (the next ``value`` is None: the caller recomputes)."""
        self._columns.get((source, column), {}).pop(name, None)

    def clear(self) -> None:
        self._columns.clear()

    def card(self, source: str, name: str, path: Path | str) -> str:
        text = self.value(source, name, "card")
        if text is None:  # its row is gone meanwhile (another process rewrote the library): the file's own
            text = card(load_file(Path(path), source).meta)
        return text

    def meta(self, source: str, name: str, path: Path | str) -> str:
        text = self.manifest.meta(source, name)
        if text is None:  # its row is gone meanwhile (another process rewrote the library): the file's own
            text = encode(load_file(Path(path), source).meta)
        return text


@dataclasses.dataclass
class Listing:
    """The library listed by one corpus for another of the same folders to install (``Corpus.reload``)."""

    folders: tuple
    docs: dict[DocId, Document]
    rows: dict[DocId, dict]
    problems: list[Unreadable]
    listed_before: dict
    stored: _Stored
    sorted: list[Document]
    version_groups: list


class Corpus:
    """Documents and their clauses.

    Args:
        content_dir: bundled documents (read-only); default ``content/docs``.
        imported_dir: the user's imported documents; default in the user
            data folder. Pass ``None`` to use only bundled content.
        one_pass: keep only the latest document's text and clauses, for one
            pass over a large library (a bulk index build) in bounded memory;
            lookups within the current document work as usual.
        manifest: the library manifest (``index.library.manifest``) file;
            default ``manifest.sqlite`` in the user data folder when the
            imported documents are the user's, else one kept in memory.
        parsed_dir: with a manifest in memory, where parsed clauses are
            kept (``index.library.parsed``); else they are beside the manifest.
    """

    def __init__(self, content_dir: Path | None = None, imported_dir: Path | None | str = "default",
                 one_pass: bool = False, manifest: Path | None | str = "default", parsed_dir: Path | None = None):
        self.content_dir = content_dir or paths.content_dir() / "docs"
        if manifest == "default":
            manifest = paths.user_home() / MANIFEST_FILE if imported_dir == "default" else None
        if imported_dir == "default":
            imported_dir = paths.user_home() / "documents"
        self.imported_dir = imported_dir
        self.one_pass = one_pass
        self.manifest = Manifest(manifest)
        self.parsed_dir = parsed_dir
        self._docs: dict[DocId, Document] | None = None
        self._rows: dict[DocId, dict] = {}  # each document's manifest row (without its long columns)
        self._tags_read = 0  # documents whose stored tags were read one by one (``_tagged``)
        self._stored = _Stored(self.manifest)  # the stored cards, front matter and cells, read when first needed
        self._problems: list[Unreadable] = []
        self._body_problems: dict[DocId, Unreadable] = {}
        self._clauses: dict[DocId, list[Clause]] = {}
        self._by_id: dict[ClauseId, Clause] = {}
        self._tails: dict[DocId, dict[ClauseId, str]] = {}
        self._versions: dict | None = None
        self._version_groups: list | None = None
        self._sorted: list[Document] | None = None
        # source → file name → ((folder, identity), Document) of its last listing (``_listed``).
        self._listed_before: dict[str, dict[str, tuple[tuple[str, str], Document]]] = {}

    # -- documents -----------------------------------------------------
    def _load(self) -> dict[DocId, Document]:
        if self._docs is None:
            self._docs, self._rows, self._problems, self._listed_before = self._read(self.manifest, self._stored)
        return self._docs

    def _read(self, manifest: Manifest, stored: _Stored, keep: bool = True) -> tuple:
        """List both folders through ``manifest``: (documents, manifest rows, problems, what a next listing may keep).

        With ``keep``, a file whose identity has not moved since this corpus's last listing keeps its ``Document``.
        """
        docs: dict[DocId, Document] = {}
        rows: dict[DocId, dict] = {}
        problems: list[Unreadable] = []
        listed_before: dict[str, dict] = {}
        for folder, source in ((self.content_dir, "bundled"), (self.imported_dir, "imported")):
            if folder is None or not Path(folder).is_dir():
                continue
            kept = self._listed_before.get(source, {}) if keep else {}
            listed, listed_before[source] = self._listed(Path(folder), source, problems, manifest, stored, kept)
            for doc, row in listed:
                if doc.id in docs:
                    problems.append(Unreadable(doc.path, f"duplicate document id {doc.id} "
                                                         f"(also in {docs[doc.id].path})"))
                    continue
                docs[doc.id] = doc
                rows[doc.id] = row
        return docs, rows, problems, listed_before

    def fresh_listing(self) -> Listing:
        """The library listed afresh, every card decoded and the version groups ordered, for another corpus of the
        same folders to install with ``reload(listing)`` (the GUI lists on a worker and swaps the listing in).

        Nothing of this corpus's own listing is used or changed. It needs a manifest file: another
        thread's connection to an in-memory one would see another database.
        """
        if self.manifest.path is None:
            raise ValueError("a listing for another corpus needs a manifest file")
        stored = _Stored(self.manifest)
        with bulk_objects(keep=True):  # ~100,000 objects that stay alive: no collection walks them
            docs, rows, problems, listed_before = self._read(self.manifest, stored, keep=False)
            ordered = _sorted_documents(docs.values())
            for doc in ordered:
                doc.card  # noqa: B018 - decoded here: the library tree asks every document's level
            groups = self._ordered_groups(self.manifest, rows, ordered)
        return Listing((self.content_dir, self.imported_dir), docs, rows, problems, listed_before, stored,
                       ordered, groups)

    def stored_cards(self, doc_ids: Iterable[str]) -> list[Document] | None:
        """The documents ``doc_ids`` as the manifest last recorded them: id, title, region and card (decoded), from
        one query, no file looked at and nothing listed; None if the manifest lacks any of them.

        For another thread that needs only what a listing shows of each document (the GUI's library filter, on a
        worker handle: listing the library again there was ~0.4 s of Python sharing the interpreter lock with the
        window, against ~0.1 s for this). The caller's listing has brought the manifest up to date; a file
        changed since is noticed by its own look for changes.
        """
        wanted = set(doc_ids)
        found: dict[str, Document] = {}
        with bulk_objects():
            for source, doc_id, title, region, card_json in self.manifest.cards():
                if doc_id in wanted and doc_id not in found and card_json is not None:  # the first, as a listing
                    found[doc_id] = Document(id=DocId(doc_id), title=title, region=region, body=None, meta=None,
                                             source=source, card=decode(card_json))
        return list(found.values()) if len(found) == len(wanted) else None

    def files_key(self) -> str:
        """A digest of every listed document's id and file identity (inode, size, times: ``manifest.identity``).

        Equal keys mean no document file was added, removed or rewritten
        (a metadata edit rewrites its file): what is derived from the files'
        front matter alone (the search filters' fields) needs no looking
        at again. Cheap: the manifest's rows, nothing decoded.
        """
        self._load()
        return _files_key(self._rows)

    def unreadable(self) -> list[Unreadable]:
        """Document files left out because they cannot be read (the rest of the library works without them).

        A file whose front matter is damaged (edited by hand, written by an
        old bug) must not make the whole library unusable: it is listed
        here for the front end to report, and ``Library.remove`` takes its
        name to move it out of the way.
        """
        self._load()
        return list(self._problems) + list(self._body_problems.values())

    def _listed(self, folder: Path, source: str, problems: list[Unreadable], manifest: Manifest, stored: _Stored,
                kept_before: dict) -> tuple[list[tuple[Document, dict]], dict]:
        """The documents of one folder, in file name order, from the manifest where it is current, and what a
        next listing may keep (file name → ((folder, identity), Document)).

        A file the manifest does not know, or whose identity changed, is read
        whole once (front matter, body hash, clause count) and its row
        written; rows of files that are gone are dropped. A file in
        ``kept_before`` whose identity has not moved keeps its ``Document``.
        A file copied, restored or moved with its size and modification time
        kept (the library folder copied to another disk or computer) keeps its
        row when its body's hash is the stored one: only the body is read
        (~0.5 s for 3,440 documents, against ~13 s to read and parse them).
        """
        rows = manifest.rows(source)
        where = str(folder)
        out: list[tuple[Document, dict]] = []
        fresh: list[dict] = []
        moved: list[tuple[str, str, str]] = []
        same_body: set[str] = set()
        try:
            entries = sorted((e for e in os.scandir(folder) if e.name.endswith(".md") and not e.name.startswith(".")),
                             key=lambda e: e.name)
        except OSError:
            entries = []
        for entry in entries:
            try:
                ident = identity(entry.stat())
            except FileNotFoundError:
                continue
            row = rows.pop(entry.name, None)
            if row is not None and (row["folder"], row["identity"]) != (where, ident) \
                    and _moved_unchanged(entry.path, row, ident):
                moved.append((entry.name, where, ident))
                row.update(folder=where, identity=ident)
            if row is not None and row["folder"] == where and row["identity"] == ident:
                kept = kept_before.get(entry.name)
                if kept is not None and kept[0] == (where, ident):
                    # The same file as at the last listing: its document, with what it decoded since, stays.
                    row.pop("links")
                    out.append((kept[1], row))
                    continue
                # The front matter stays JSON until asked for: listing 3,500 documents decodes nothing.
                path = entry.path  # text: the document makes its Path when asked
                links = row.pop("links")
                doc = Document(id=DocId(row["doc_id"]), title=row["title"], region=row["region"], body=None,
                               meta=None, source=source, path=path, content_hash=row["content_hash"],
                               meta_json=functools.partial(stored.meta, source, entry.name, path),
                               card_json=functools.partial(stored.card, source, entry.name, path),
                               links=_links(links))
            else:
                from index.library.clauses import PARSER_VERSION, parse_clauses

                path = folder / entry.name
                try:
                    full = load_file(path, source)
                except ContentError as exc:
                    problems.append(Unreadable.of(path, exc))
                    continue
                clauses = parse_clauses(full.id, full.body)
                if row is not None and row["content_hash"] == full.content_hash:
                    same_body.add(entry.name)  # copied, touched, moved: the same text, its tags still hold
                row = {"source": source, "name": entry.name, "folder": where, "identity": ident,
                       "doc_id": full.id, "title": full.title, "region": full.region, "meta": encode(full.meta),
                       "card": card(full.meta),
                       "content_hash": full.content_hash,
                       "clause_count": len(clauses), "clauses_version": PARSER_VERSION,
                       "links": encode_links(full.meta), **listing_facts(full, len(clauses))}
                fresh.append(row)
                doc = Document(id=full.id, title=full.title, region=full.region, body=None, meta=full.meta,
                               source=source, path=path, content_hash=full.content_hash)
            out.append((doc, row))
        _keep_tags(manifest, source, fresh, same_body)
        manifest.moved(source, moved)
        manifest.put(fresh)
        manifest.forget(source, rows)  # files that are gone
        if source == "imported":
            with contextlib.suppress(OSError):
                (folder / ".headers.json").unlink()  # the front-matter cache the manifest replaced
        # What the next listing (after ``reload``) may keep: a file whose identity has not moved is the same document.
        return out, {row["name"]: ((where, row["identity"]), doc) for doc, row in out}

    def reload(self, listing: Listing | None = None) -> None:
        """Forget everything loaded; the next call reads the folders again, or uses ``listing``
        (``fresh_listing`` of a corpus of the same folders, made since the change).

        Raises:
            ValueError: ``listing`` is of other folders.
        """
        if listing is not None and listing.folders != (self.content_dir, self.imported_dir):
            raise ValueError("a listing of other folders")
        if listing is not None:  # the listing in use: what it replaces is freed on a worker (~100,000 objects)
            release_in_background(self._docs or {}, self._rows)
        else:
            self._stored.clear()
        self._docs = None
        self._rows = {}
        self._body_problems.clear()
        self._versions = self._version_groups = self._sorted = None
        self._forget_clauses()
        if listing is not None:
            listing.stored.manifest = self.manifest  # its documents read their front matter here from now on
            self._docs, self._rows, self._problems = listing.docs, listing.rows, listing.problems
            self._listed_before, self._stored = listing.listed_before, listing.stored
            self._sorted, self._version_groups = listing.sorted, listing.version_groups

    def let_go(self) -> None:
        """Have what this corpus listed and parsed freed on a background thread, one document at a time, once
        its holders drop it (``memory.release_in_background``).

        For a handle about to be dropped on the GUI thread: freeing ~100,000 objects there is one C call
        (~14 ms quiet at 3,500 documents, ~40 ms under load) that lets no other thread run. Nothing here
        changes: an operation still using this corpus sees it whole.
        """
        release_in_background(self._docs or {}, self._rows, self._clauses, self._by_id, self._tails)

    def _forget_clauses(self) -> None:
        self._clauses.clear()
        self._by_id.clear()
        self._tails.clear()

    def documents(self) -> list[Document]:
        """All documents: national ones (全国, the baseline officials compare with) first, then bundled,
        then imported, each group by region then id."""
        if self._sorted is None:  # kept until ``reload``, as the documents themselves
            self._sorted = _sorted_documents(self._load().values())
        return list(self._sorted)

    def document(self, doc_id: str) -> Document:
        try:
            return self._load()[DocId(doc_id)]
        except KeyError:
            raise UnknownIdError("document", doc_id) from None

    def has_document(self, doc_id: str) -> bool:
        return DocId(doc_id) in self._load()

    def adopt(self, doc: Document) -> Document:
        """Take a document whose file was written meanwhile (by an import in another process) into this
        corpus, without listing its folder again: its clauses are then read from its file as any other's.
        For a corpus that only reads clauses (an index build following an import, ``index.search.feed``).

        Raises:
            ContentError: a document with that id is already listed.
        """
        docs = self._load()
        if doc.id in docs:
            raise ContentError(f"duplicate document id {doc.id} ({doc.path})")
        docs[doc.id] = doc
        self._versions = self._version_groups = self._sorted = None
        return doc

    # -- facts kept in the manifest ------------------------------------
    def clause_count(self, doc_id: str) -> int:
        """How many clauses the document has (from the manifest; parsed only if its parser version is old)."""
        from index.library.clauses import PARSER_VERSION

        row = self._row(doc_id)
        if row.get("clauses_version") != PARSER_VERSION or row.get("clause_count") is None:
            count = len(self.clauses(doc_id))
            self._set_facts(doc_id, clause_count=count, clauses_version=PARSER_VERSION,
                            **listing_facts(self.document(doc_id), count))
        return int(row["clause_count"])

    def topic_tags(self, doc_id: str) -> dict[str, list[tuple[str, float]]]:
        """``{topic id: [(clause id, weight), ...]}`` of the document (``topics.document_tags``), kept in the manifest."""
        prefix = f"{doc_id}/"
        return {t: [(prefix + rel, w) for rel, w in items] for t, items in self.stored_tags(doc_id).items()}

    def stored_tags(self, doc_id: str) -> dict[str, list[list]]:
        """``topic_tags`` as the manifest keeps them (``encode_tags``): ``{topic id: [[clause id after "doc id/",
        weight], ...]}``, no object made per clause beyond what JSON decoding makes.

        Computed (parsing and tagging the document) only when the manifest
        has none from the current tagger (``topics.tagger_version``).
        """
        return json.loads(self._tagged(doc_id)["topics"])

    def stored_cells(self, doc_id: str) -> str:
        """The document's entries of ``topics --json`` as the manifest keeps them (``tagformat.render_cells``;
        read back with ``tagformat.cells_for``): every document's at once, when the first is asked for."""
        row = self._tagged(doc_id)
        cells = self._stored.value(row["source"], row["name"], "topics_cells")
        return render_cells(row["topics"]) if cells is None else cells  # None: a manifest that was not written

    def _tagged(self, doc_id: str) -> dict:
        """The document's row, its ``topics`` from the current tagger (tagging the document if they are not)."""
        from index.compare import topics

        row = self._row(doc_id)
        version = topics.tagger_version()
        if "topics" not in row and self._tags_read < TAGS_ONE_BY_ONE:
            # A comparison asks for some documents' tags: their rows alone.
            self._tags_read += 1
            row["topics"], row["topics_version"] = self.manifest.topics_of(row["source"], row["name"])
        elif "topics" not in row:  # listing leaves the tags out: past many, read every document's at once
            self._read_all_tags()
        if row.get("topics_version") != version or row.get("topics") is None:
            tags = topics.document_tags(self.clauses(doc_id))
            self._set_facts(doc_id, topics=encode_tags(doc_id, tags), topics_version=version)
        return row

    def expect_tags(self, count: int) -> None:
        """Say that ``count`` documents' stored tags (``stored_tags``, ``stored_cells``) are about to be asked for:
        when they are more than half the library, every document's are read now in one query, which is then
        cheaper than a row at a time (the coverage matrix of the whole library)."""
        if 2 * count > len(self._load()) and any("topics" not in r for r in self._rows.values()):
            self._read_all_tags()

    def _read_all_tags(self) -> None:
        for source in {r["source"] for r in self._rows.values()}:
            stored = self.manifest.topics(source)
            for r in self._rows.values():
                if r["source"] == source and "topics" not in r:
                    r["topics"], r["topics_version"] = stored.get(r["name"], (None, None))

    def record(self, doc: Document, clause_count: int | None = None, topics_json: str | None = None,
               topics_version: str | None = None) -> None:
        """Write the manifest row of a document file just written (an import, a metadata edit).

        Args:
            doc: the document as written (``path``, ``meta``, ``content_hash``).
            clause_count: its clause count, if known.
            topics_json, topics_version: its tags as ``encode_tags`` gives
                them, and the tagger version that computed them.

        Facts not given are kept from the file's previous row if the body is
        the same, else computed when first asked for.
        """
        from index.library.clauses import PARSER_VERSION

        old = self.manifest.row(doc.source, doc.path.name) or {}
        same_body = old.get("content_hash") == doc.content_hash
        row = {"source": doc.source, "name": doc.path.name, "folder": str(doc.path.parent),
               "identity": identity(doc.path.stat()), "doc_id": doc.id, "title": doc.title, "region": doc.region,
               "meta": encode(doc.meta), "card": card(doc.meta), "links": encode_links(doc.meta),
               "content_hash": doc.content_hash}
        if clause_count is not None:
            row.update(clause_count=clause_count, clauses_version=PARSER_VERSION)
        elif same_body:
            row.update(clause_count=old.get("clause_count"), clauses_version=old.get("clauses_version"))
        if row.get("clauses_version") == PARSER_VERSION and row.get("clause_count") is not None:
            row.update(listing_facts(doc, row["clause_count"]))
        if topics_json is not None:
            row.update(topics=topics_json, topics_version=topics_version)
        elif same_body:
            row.update(topics=old.get("topics"), topics_version=old.get("topics_version"))
        self.manifest.put([row])
        self._stored.forget(doc.source, doc.path.name, "topics_cells")
        if doc.id in self._rows:
            self._rows[doc.id] = row

    def listings(self) -> list[tuple[Document, str]]:
        """Every document (in ``documents()`` order) with its ``document_record`` as compact JSON.

        The records are kept in the manifest (``listing``): a listing of 3,500
        documents decodes no front matter. One that is missing or was computed
        by older code is computed again here, through ``document_record``, and
        stored (one transaction).
        """
        from index.library.clauses import PARSER_VERSION

        out, stale = [], []
        docs = self.documents()
        for source in {self._rows[d.id]["source"] for d in docs if "listing" not in self._rows[d.id]}:
            stored = self.manifest.values(source, "listing")
            for row in self._rows.values():
                if row["source"] == source and "listing" not in row:
                    row["listing"] = stored.get(row["name"])
        for doc in docs:
            row = self._rows[doc.id]
            text = row["listing"]
            if text is None or row.get("listing_version") != LISTING_VERSION or \
                    row.get("clauses_version") != PARSER_VERSION:
                facts = listing_facts(doc, self.clause_count(doc.id))
                row.update(facts)
                stale.append((row["name"], row["source"], facts))
                text = facts["listing"]
            out.append((doc, text))
        for source in {s for _, s, _ in stale}:
            self.manifest.update_many(source, [(name, facts) for name, s, facts in stale if s == source])
        return out

    def _verify(self, doc: Document, body: str) -> str:
        """Check the stored hash against the body now read (lazily: only bodies read anyway are hashed); returns
        the body's hash.

        A mismatch (a file rewritten within the same second on a coarse
        clock, say) corrects the row and drops its derived facts.
        """
        import hashlib  # here, not at start-up: loading OpenSSL's hashes costs the window's launch ~5 ms

        actual = hashlib.sha256(body.encode("utf-8")).hexdigest()
        row = self._rows.get(doc.id)
        if row is None or row["content_hash"] == actual:
            return actual
        doc._hash = actual  # noqa: SLF001 - the corpus owns its documents' stored facts
        self._set_facts(doc.id, content_hash=actual, clause_count=None, clauses_version=None, topics=None,
                        topics_version=None, listing=None, listing_version=None)
        return actual

    def _row(self, doc_id: str) -> dict:
        self.document(doc_id)  # raises UnknownIdError
        return self._rows[DocId(doc_id)]

    def _set_facts(self, doc_id: str, **values) -> None:
        row = self._rows[DocId(doc_id)]
        row.update(values)
        if "topics" in values:  # the manifest renders the row's topics_cells anew
            self._stored.forget(row["source"], row["name"], "topics_cells")
        self.manifest.update(row["source"], row["name"], **values)

    def versions(self) -> dict:
        """Each document that has other versions: its ``index.library.versions.Member`` (status, latest).

        Kept until ``reload``: every search asks which documents are not the latest.
        """
        if self._versions is None:
            self._versions = {m.doc_id: m for group in self.version_groups() for m in group}
        return self._versions

    def version_group(self, doc_id: str) -> list:
        """The ``Member`` records of ``doc_id``'s versions, oldest first; ``[]`` if it has no other version."""
        return next((group for group in self.version_groups() if any(m.doc_id == doc_id for m in group)), [])

    def version_groups(self) -> list:
        """Each group of versions once, its ``Member`` records oldest first (``versions.ordered_groups``).

        Kept until ``reload``, as ``versions()`` (the library tree and the search filters both ask at start).
        """
        if self._version_groups is None:
            self._load()
            self._version_groups = self._ordered_groups(self.manifest, self._rows, self.documents())
        return self._version_groups

    @staticmethod
    def _ordered_groups(manifest: Manifest, rows: dict[DocId, dict], documents: list[Document]) -> list:
        from index.library import versions

        # Kept in the manifest with the files' key: ordering the groups decodes ~1,000 cards at 3,500
        # documents, and every search process asks which documents are not the latest.
        key = f"{versions.RULES_VERSION} {_files_key(rows)}"
        stored = manifest.derived("versions", key)
        if stored is not None:
            return [[versions.Member(**m) for m in group] for group in json.loads(stored)]
        groups = versions.ordered_groups(documents)
        manifest.put_derived("versions", key, json.dumps(
            [[dataclasses.asdict(m) for m in group] for group in groups], ensure_ascii=False))
        return groups

    # -- clauses -------------------------------------------------------
    def clauses(self, doc_id: str) -> list[Clause]:
        """The clauses of one document, in document order."""
        doc = self.document(doc_id)
        if doc.id not in self._clauses:
            if self.one_pass:
                self._forget_clauses()  # the previous document is done
            from index.library import parsed

            try:
                body = doc.read_body() if self.one_pass else doc.body
            except ContentError as exc:
                # Its header read but its text does not (damaged on disk): an
                # empty document, listed as unreadable, rather than a library
                # that fails as a whole.
                self._body_problems[doc.id] = Unreadable.of(doc.path or Path(doc.id), exc)
                found = []
            else:
                # Kept parsed for the next command (in one pass over the library, an index build, only read:
                # an import's readers keep what they parsed).
                found = parsed.load_or_parse(self._parsed_folder(), doc.id, body, self._verify(doc, body),
                                             keep=not self.one_pass)
            self._clauses[doc.id] = found
            for clause in found:
                self._by_id[clause.id] = clause
        return self._clauses[doc.id]

    def _parsed_folder(self) -> Path | None:
        """Where the library keeps its documents' parsed clauses (``index.library.parsed``): beside the manifest
        file (None: the manifest is in memory, unless ``parsed_dir`` names it)."""
        from index.library import parsed

        if self.manifest.path is None:
            return self.parsed_dir
        return Path(self.manifest.path).parent / parsed.FOLDER

    def keep_parsed(self, doc: Document, data: bytes) -> None:
        """Keep clauses parsed elsewhere (``parsed.to_bytes``, by an import's reader) for ``doc``."""
        from index.library import parsed

        folder = self._parsed_folder()
        if folder is not None:
            parsed.keep(folder, doc.id, data)

    def all_clauses(self, doc_ids: Iterable[str] | None = None) -> Iterator[Clause]:
        for doc in self.documents():
            if doc_ids is None or doc.id in doc_ids:
                yield from self.clauses(doc.id)

    def clause(self, clause_id: str) -> Clause:
        """Look a clause up by id.

        Raises:
            UnknownIdError: the id names no clause (or no document).
        """
        if clause_id not in self._by_id:
            doc_id = clause_id.split("/", 1)[0]
            if not self.has_document(doc_id):
                raise UnknownIdError("clause", clause_id)
            self.clauses(doc_id)
        try:
            return self._by_id[clause_id]  # type: ignore[index]
        except KeyError:
            raise UnknownIdError("clause", clause_id) from None

    def ancestors(self, clause: Clause) -> list[Clause]:
        """The clause's ancestors, outermost first."""
        chain = []
        parent = clause.parent
        while parent:
            node = self.clause(parent)
            chain.append(node)
            parent = node.parent
        return chain[::-1]

    def path(self, clause: Clause) -> list[str]:
        """Headings of the ancestors (labels where a heading is missing)."""
        return [display_name(c) for c in self.ancestors(clause) if display_name(c)]

    def citation(self, clause: Clause) -> str:
        """《标题》（十二）: the title and the clause's label, in the original script."""
        doc = self.document(clause.doc_id)
        return f"《{doc.title}》{self._citation_tails(doc.id)[clause.id]}"

    def _citation_tails(self, doc_id: DocId) -> dict[ClauseId, str]:
        if doc_id not in self._tails:
            all_parts = {c.id: citation_parts(c, self.ancestors(c)) for c in self.clauses(doc_id)}
            tails = unique_tails(all_parts)
            for c in self.clauses(doc_id):
                # A chapter (一、) cited alone reads better with its heading.
                if c.label and c.label[-1] in "、.．" and c.heading and tails[c.id] == all_parts[c.id][-1]:
                    tails[c.id] = f"{c.label}{c.heading}"
            self._tails[doc_id] = tails
        return self._tails[doc_id]

    def clause_record(self, clause: Clause) -> dict:
        """The CLI's ``show`` record."""
        from index.base.text import to_simplified

        doc = self.document(clause.doc_id)
        rec = clause.to_dict()
        rec["path"] = self.path(clause)
        rec["citation"] = self.citation(clause)
        rec["citation_simplified"] = to_simplified(rec["citation"])
        rec["doc_title"] = doc.title
        rec["region"] = doc.region
        rec["children"] = [c.id for c in self.clauses(doc.id) if c.parent == clause.id]
        return rec


#: Bump when ``document_record`` changes: stored listings are then computed again.
LISTING_VERSION = "1"


def _moved_unchanged(path: str, row: dict, ident: str) -> bool:
    """Whether a file whose row has another folder or identity is the row's file copied or moved with its times
    (``manifest.same_size_and_time``) and its body unchanged (the stored hash; the front matter is not parsed)."""
    if not same_size_and_time(row["identity"], ident) or not row.get("content_hash"):
        return False
    import hashlib

    try:
        body = read_body(Path(path))
    except ContentError:
        return False
    return hashlib.sha256(body.encode("utf-8")).hexdigest() == row["content_hash"]


def _keep_tags(manifest: Manifest, source: str, fresh: list[dict], same_body: set[str]) -> None:
    """Give re-read rows whose body is unchanged (``same_body``, by file name) their stored topic tags back:
    a library copied or restored elsewhere (every file's identity new) is not tagged again (~90 s for 3,500)."""
    if not same_body:
        return
    stored = manifest.topics(source)
    for row in fresh:
        if row["name"] in same_body:
            row["topics"], row["topics_version"] = stored.get(row["name"], (None, None))


def _files_key(rows: dict[DocId, dict]) -> str:
    """``Corpus.files_key`` of listed manifest rows."""
    import hashlib

    text = "\n".join(f"{doc_id}\t{row['identity']}" for doc_id, row in rows.items())
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def _sorted_documents(docs: Iterable[Document]) -> list[Document]:
    """National documents (全国, the baseline officials compare with) first, then bundled, then imported,
    each group by region (``regions.region_key``: the provinces in the administrative codes' order) then id."""
    return sorted(docs, key=lambda d: (d.region != NATIONAL, d.source != "bundled", region_key(d.region), d.id))


def document_record(doc: Document, clause_count: int) -> dict:
    """A document's ``zoneref docs`` record, without its version status (which depends on the other documents).

    ``Document.summary()`` and the clause count: the one place the record is made, whether for the manifest
    (``listing_facts``) or not.
    """
    rec = doc.summary()
    rec["clause_count"] = clause_count
    return rec


def listing_facts(doc: Document, clause_count: int) -> dict[str, str]:
    """The manifest's ``listing`` columns: ``document_record`` as compact JSON (as the CLI prints it)."""
    record = document_record(doc, clause_count)
    return {"listing": json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=_iso),
            "listing_version": LISTING_VERSION}


def _iso(value):
    """A YAML date in hand-written front matter (``issued: 2017-12-12``) as its ISO text."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"cannot list {type(value).__name__} as JSON")


def encode_links(meta: dict) -> str:
    """The manifest's ``links``: JSON ``[supersedes, superseded_by]`` (``Document.links``), each null unless text.

    Compact, as SQLite's ``json_array`` writes it (the schema-3 upgrade).
    """
    return json.dumps([v if isinstance(v, str) else None for v in map(meta.get, LINK_KEYS)], ensure_ascii=False,
                      separators=(",", ":"))


_NO_LINKS = encode_links({})


def _links(text: str | None) -> tuple | Callable[[], tuple] | None:
    """``encode_links`` read back (``Document.links``); None for a row that has none stored (its card then tells).

    Most documents have neither link: nothing to decode. The others' are decoded when first asked for
    (finding version groups): a listing that never asks decodes none (~1,000 of 3,500 documents).
    """
    if text is None:
        return None
    return (None, None) if text == _NO_LINKS else functools.partial(_decoded_links, text)


def _decoded_links(text: str) -> tuple:
    return tuple(json.loads(text))


def clause_facts(doc_id: str, clauses: list[Clause]) -> dict[str, str]:
    """The manifest's derived facts of a freshly parsed document (``topics``, ``topics_version``), computed once at import."""
    from index.compare import topics

    return {"topics": encode_tags(doc_id, topics.document_tags(clauses)), "topics_version": topics.tagger_version()}


def display_name(clause: Clause) -> str:
    """How a clause is named in a heading path: 'label heading', either may be missing."""
    label = (clause.label or "").rstrip("、.．,，")
    if clause.heading:
        return f"{clause.label or ''}{clause.heading}" if clause.label else clause.heading
    return label or {"preamble": "前言", "closing": "落款", "appendix": "附"}.get(clause.kind, "")


def clause_line(clause: Clause, chars: int = 24) -> str:
    """A clause in one line of a list: its name, then the start of its text; a text that opens with the name
    (第一条　…, 一、总体要求) is not preceded by it again (一、总体要求　一、总体要求)."""
    name = display_name(clause)
    text = clause.text[:chars]
    return text if not name or clause.text.startswith(name) else f"{name}　{text}"


def citation_parts(clause: Clause, ancestors: list[Clause]) -> list[str]:
    """Each level's citable name: （十二）, 第九条, 第二款, or “heading” if unnumbered."""
    parts: list[str] = []
    for node in [*ancestors, clause]:
        if node.kind in ("preamble", "closing"):
            return [{"preamble": "前言", "closing": "落款"}[node.kind]]
        if node.kind == "paragraph":
            parts.append(f"第{int_to_cn(int(node.id.rsplit('/k', 1)[1].split('~')[0]))}款")
        elif node.label:
            parts.append(node.label.translate(_FULLWIDTH_LABEL).rstrip("、.．,，"))
        elif node.heading:
            parts.append(f"“{node.heading}”")
    return parts


def unique_tails(all_parts: dict[str, list[str]]) -> dict[str, str]:
    """Each clause's shortest tail of its path (``citation_parts``) that no other clause's path ends with.

    吉林's running （十二） stands alone; 浙江's (一), repeated in every
    chapter, becomes 二（一）; 第九条第二款 keeps its article. The paths
    ending in each tail are counted once per tail length (a regulation has
    hundreds of articles: comparing every path with every other was
    quadratic).
    """
    counts: dict[int, Counter] = {}

    def shared(tail: tuple[str, ...]) -> int:
        k = len(tail)
        if k not in counts:
            counts[k] = Counter(tuple(p[-k:]) for p in all_parts.values() if len(p) >= k)
        return counts[k][tail]

    out = {}
    for cid, parts in all_parts.items():
        out[cid] = "".join(parts)
        for k in range(1, len(parts) + 1):
            tail = tuple(parts[-k:])
            if tail[0].endswith("款") and k < len(parts):
                continue
            if shared(tail) <= 1:
                out[cid] = "".join(tail)
                break
    return out
