"""The search index on disk: generations, the side table, and safe swapping.

Layout of the index folder (a cache; deleting it only costs a rebuild)::

    index/
      CURRENT                 name of the live generation, replaced atomically
      gen-<stamp>/            one complete Whoosh index …
        _MAIN_<n>.toc …       … Whoosh's own files (generation n)
        side-<n>.json         … the side table for Whoosh generation n: documents, layout, file sizes
        side-<n>.arr          … its numbers per record (little-endian arrays)
        side-<n>.txt          … normalised clause texts, UTF-16, NUL-separated
        side-<n>.hits         … per record the heading and where the original text differs
        side-<n>.ids          … clause ids (without their document id)
        side-<n>.paths        … heading paths, each once

A full build writes a new ``gen-*`` folder and only then points ``CURRENT``
at it, so a reader never sees a half-built index. Incremental updates commit
to the live generation under a lock; Whoosh's commit is atomic, and the side
table for the new Whoosh generation is written right after it (readers that
arrive in between wait on the same lock). The side table records the size of
every file, so a truncated or partly deleted index is detected on open, and
a checksum of each (CRC-32), checked only when a read fails or the status is
asked (``damage``): a file damaged in place (same size) is found then, the
generation marked ``DAMAGED`` and never opened again, and rebuilt
(``SearchIndex``); a failure with every file as built is a bug, not damage.

The side table maps Whoosh document numbers to clause records and holds what
a query needs besides postings: clause ids, their documents, term counts
(BM25 lengths), document order and the normalised text used to confirm
phrase matches, plus the display fields of every clause so that a page of
hits needs no document parsed (``index.search.rows``). Whoosh stores no
field at all: document numbers are mapped by the side table (segments are
never merged, so a document keeps its number), and the ``doc`` field is
indexed only so that an update can delete a document's clauses.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np
from whoosh import fields
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage

from index.base import paths
from index.base.errors import Cancelled, KnownError
from index.search import import_whoosh_searching
from index.search.analysis import ANALYZER_VERSION, GramField
from index.search.bulk import BulkGrams
from index.search.postings import segment_count
from index.search.rows import ORDER_STRIDE, ClauseRow, Side, doc_info, joined_parts, rows_for, side_parts

#: Bump when the schema, the postings layout or the side table changes
#: (2: bigram positions, 3: hits file, 4: compact postings and side table, no stored fields).
SCHEMA_VERSION = 6  # 5: the side table marks signposts (rows.signpost); 6: a one-sentence rule is none
CURRENT = "CURRENT"
LOCK = "ZONEREF_UPDATE"
#: Beside a generation's files, rewritten freely (not among the sizes the side table checks): the side
#: table generation and the ``Corpus.files_key`` its document records were last found current for.
INFO_KEY = "info.key"
#: Written into a generation found damaged (``mark_damaged``): it is never opened again.
DAMAGED = "DAMAGED"
#: Each incremental update adds a Whoosh segment; past this many, rebuild.
MAX_SEGMENTS = 12
#: The side table's files of one Whoosh generation: side-<n>.json and the others it describes.
SIDE_PARTS = ("json", "arr", "txt", "hits", "ids", "paths")


def side_path(gen_dir: Path, gen: int, part: str) -> Path:
    """One file of the side table of Whoosh generation ``gen`` (``part`` in ``SIDE_PARTS``)."""
    return gen_dir / f"side-{gen}.{part}"

Progress = Callable[[int, int], None] | None
Cancel = Callable[[], bool] | None


class SearchIndexError(KnownError, code="search_index"):
    """The index folder cannot be written or read (disk full, permissions)."""


class BuildCancelled(Cancelled):
    """A build was cancelled by the caller; the previous index stays in use."""


class IndexBroken(Exception):
    """Internal: the generation on disk is missing, stale or damaged."""


def schema() -> fields.Schema:
    """The explicit schema every index is created and opened with."""
    return fields.Schema(
        doc=fields.ID(),  # the clause's document: an update deletes by it
        t=GramField(),  # clause text grams
        h=GramField(),  # heading grams (ranking boost)
    )


def fingerprint(doc_hashes: dict[str, str], docs: list[dict] | None = None) -> str:
    """Hash of every document's content hash and filter fields, plus the analyzer and schema versions."""
    from index.library.clauses import PARSER_VERSION  # clauses cut otherwise are other records

    h = hashlib.sha256(f"a{ANALYZER_VERSION}s{SCHEMA_VERSION}p{PARSER_VERSION}".encode())
    for doc_id in sorted(doc_hashes):
        h.update(f"\n{doc_id}\t{doc_hashes[doc_id]}".encode())
    for info in sorted(docs or [], key=lambda d: d["id"]):
        h.update(json.dumps(info, ensure_ascii=False, sort_keys=True).encode())
    return h.hexdigest()[:32]


def _set_lengths(added: list[ClauseRow], bulk: BulkGrams) -> None:
    for row, length in zip(added, bulk.lengths.tolist() if bulk.lengths is not None else [], strict=True):
        row.length = length


# -- reading -------------------------------------------------------------------

def live_generation(folder: Path) -> Path | None:
    try:
        name = (folder / CURRENT).read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not name.startswith("gen-") or "/" in name or "\\" in name:
        return None
    path = folder / name
    return path if path.is_dir() else None


def open_generation(gen_dir: Path, wait: float = 10.0):
    """Open a generation: (Whoosh index, its reader, side table).

    A reader, not a searcher: ZoneRef's own executor answers every query from the postings
    (``executor.Executor``), so Whoosh's searching, query, scoring and highlighting modules are never loaded.

    Args:
        gen_dir: the generation folder.
        wait: how long to wait for an update in progress to finish.

    Raises:
        IndexBroken: missing, truncated or unreadable files.
    """
    if (gen_dir / DAMAGED).exists():
        raise IndexBroken("marked damaged")
    for attempt in range(3):
        seen = None
        try:
            storage = FileStorage(str(gen_dir))
            ix = whoosh_index.FileIndex(storage, schema=schema())
            seen = ix.latest_generation()
            return _open_once(gen_dir, storage, ix, wait)
        except Exception as exc:  # noqa: BLE001 - any failure to read a cache means: rebuild it
            # An update that committed while we read replaces (and deletes) the
            # files we were reading: that is not damage, open its generation.
            if attempt < 2 and seen is not None and _latest(gen_dir) not in (None, seen):
                continue
            if isinstance(exc, IndexBroken):
                raise
            raise IndexBroken(f"{type(exc).__name__}: {exc}") from exc
    raise AssertionError("unreachable")


def _latest(gen_dir: Path) -> int | None:
    try:
        return whoosh_index.FileIndex(FileStorage(str(gen_dir)), schema=schema()).latest_generation()
    except Exception:  # noqa: BLE001 - unreadable means no answer
        return None


def _open_once(gen_dir: Path, storage: FileStorage, ix, wait: float):
    reader = ix.reader()
    gen = reader.generation()
    if not side_path(gen_dir, gen, "json").exists():
        reader.close()
        # Either an update has committed Whoosh and is writing the side
        # table (it holds the update lock until it has), or the side table
        # is lost. Under the lock nobody is writing: look once more.
        with _locked(storage, timeout=wait):
            reader = ix.reader()
            gen = reader.generation()
            if not side_path(gen_dir, gen, "json").exists():
                reader.close()
                raise IndexBroken(f"no side table for generation {gen}")
    try:
        side = load_side(gen_dir, gen)
        if len(side.docrec) != reader.doc_count_all():
            side.close()
            raise IndexBroken("side table does not match the index")
    except BaseException:
        reader.close()
        raise
    return ix, reader, side


def load_side(gen_dir: Path, gen: int) -> Side:
    """Open the side table of Whoosh generation ``gen`` (memory-mapped; checked against its recorded sizes)."""
    meta = json.loads(side_path(gen_dir, gen, "json").read_text(encoding="utf-8"))
    if meta.get("schema") != SCHEMA_VERSION or meta.get("analyzer") != ANALYZER_VERSION:
        raise IndexBroken("old schema")
    for name, size in meta["files"].items():
        if (gen_dir / name).stat().st_size != size:
            raise IndexBroken(f"{name} has the wrong size")
    files = {part: side_path(gen_dir, gen, part) for part in SIDE_PARTS if part != "json"}
    try:
        return Side(files, meta, gen)
    except (KeyError, ValueError, TypeError) as exc:
        raise IndexBroken(f"side table unreadable: {exc}") from exc


def damage(gen_dir: Path, gen: int, wait: float = 10.0) -> str | None:
    """Why the files of Whoosh generation ``gen`` in ``gen_dir`` are not as built, or None if they are;
    a damaged generation is marked so (``DAMAGED``): no process opens it again, the next ``ensure`` rebuilds.

    Reads every file (~0.1 s for a 3,500-document library): for when a read
    has failed, or the status is asked, never on the way to a query. A side
    table written before checksums were recorded is checked for sizes only
    (``has_checksums`` tells). Under the update lock: an update in another
    process replaces files as it goes, which is not damage (a generation it
    replaced meanwhile gives None).
    """
    try:
        with _locked(FileStorage(str(gen_dir)), timeout=wait):
            if not side_path(gen_dir, gen, "json").exists():
                return None  # replaced by an update: the caller reads the new one
            reason = _files_damage(gen_dir, gen)
            if reason is not None:
                mark_damaged(gen_dir, reason)
            return reason
    except (SearchIndexError, OSError):  # locked for longer, or the folder is gone: no answer
        return None


def _files_damage(gen_dir: Path, gen: int) -> str | None:
    try:
        meta = json.loads(side_path(gen_dir, gen, "json").read_text(encoding="utf-8"))
        files, sums = meta["files"], meta.get("sums") or {}
        for name, size in files.items():
            path = gen_dir / name
            if path.stat().st_size != size:
                return f"{name} has the wrong size"
            if name in sums and _crc(path) != sums[name]:
                return f"{name} does not match its checksum"
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def has_checksums(meta: dict) -> bool:
    """Whether a side table's ``meta`` records its files' checksums (older ones do not)."""
    return isinstance(meta.get("sums"), dict)


def mark_damaged(gen_dir: Path, reason: str) -> None:
    """Mark a generation damaged: no process opens it again (the next ``ensure`` rebuilds), best effort."""
    with contextlib.suppress(OSError):
        (gen_dir / DAMAGED).write_text(reason, encoding="utf-8")


def marked_damaged(gen_dir: Path) -> str | None:
    """Why the generation was marked damaged (``mark_damaged``), or None if it was not."""
    try:
        return (gen_dir / DAMAGED).read_text(encoding="utf-8", errors="replace") or "damaged"
    except OSError:
        return None


def _crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc


# -- writing -------------------------------------------------------------------

@contextlib.contextmanager
def _locked(storage: FileStorage, timeout: float = 60.0):
    lock = storage.lock(LOCK)
    deadline = time.monotonic() + timeout
    while not lock.acquire(blocking=False):
        if time.monotonic() > deadline:
            raise SearchIndexError("the search index is locked by another process")
        time.sleep(0.05)
    try:
        yield
    finally:
        lock.release()


def _write_atomic(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write ``data`` (bytes, or pieces of it, so that a 50 MB file is never one string) to ``path``."""
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        if isinstance(data, bytes):
            fh.write(data)
        else:
            fh.writelines(data)
        fh.flush()
        os.fsync(fh.fileno())
    # On Windows a file another process has open (a reader of CURRENT, for a
    # moment) cannot be replaced: PermissionError. Wait for it, briefly.
    for attempt in range(100):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if attempt == 99:
                with contextlib.suppress(OSError):
                    tmp.unlink()
                raise
            time.sleep(0.02)


def _needed(name: str, gen: int) -> bool:
    if name.startswith("side-"):  # not the JSON: it holds the sizes
        return name in {side_path(Path(), gen, part).name for part in SIDE_PARTS if part != "json"}
    return name not in (LOCK, INFO_KEY, DAMAGED) and not name.upper().endswith(("LOCK", ".TMP", ".JSON"))


def _aligned(arrays: dict[str, np.ndarray]) -> tuple[dict[str, list], list[bytes]]:
    """The layout (name -> dtype, offset, count) and the bytes of arrays written back to back, 8-byte aligned."""
    layout, pieces, at = {}, [], 0
    for name, arr in arrays.items():
        arr = _narrowed(arr)
        arr = np.ascontiguousarray(arr, dtype=arr.dtype.newbyteorder("<"))
        data = arr.tobytes()
        layout[name] = [arr.dtype.str, at, len(arr)]
        pad = -len(data) % 8
        pieces.append(data + b"\0" * pad)
        at += len(data) + pad
    return layout, pieces


def _narrowed(arr: np.ndarray) -> np.ndarray:
    """Integers in the smallest type that holds them (most counts and lengths fit 8 or 16 bits)."""
    if not len(arr) or arr.dtype.kind not in "iu":
        return arr
    lo, hi = int(arr.min()), int(arr.max())
    for dtype in ((np.uint8, np.uint16, np.uint32, np.uint64) if lo >= 0 else (np.int8, np.int16, np.int32, np.int64)):
        info = np.iinfo(dtype)
        if info.min <= lo and hi <= info.max:
            return arr.astype(dtype, copy=False)
    return arr


def write_side(gen_dir: Path, gen: int, rows: list[ClauseRow], docrec: np.ndarray, docs: list[dict],
               doc_hashes: dict[str, str], built_at: str) -> None:
    """Write the side table of Whoosh generation ``gen``.

    Args:
        rows: the records, in record order.
        docrec: Whoosh document number -> record (-1 for deleted documents).
        docs: the documents' filter fields (``doc_info``), the order ``doc_of`` refers to.
    """
    doc_index = {d["id"]: i for i, d in enumerate(docs)}
    arrays, parts = side_parts(rows)
    arrays["doc_of"] = np.fromiter((doc_index[r.doc] for r in rows), dtype=np.int32, count=len(rows))
    _write_side_parts(gen_dir, gen, arrays, parts, docrec, docs, doc_hashes, built_at)
    _drop_other_sides(gen_dir, gen)


def _write_side_parts(gen_dir: Path, gen: int, arrays: dict[str, np.ndarray], parts: dict[str, list],
                      docrec: np.ndarray, docs: list[dict], doc_hashes: dict[str, str], built_at: str,
                      known: dict | None = None) -> None:
    """Write a side table from its arrays and file pieces (``side_parts``), ``doc_of`` filled in (``known``:
    the previous side table's meta, see ``_write_meta``)."""
    arrays["docrec"] = np.asarray(docrec, dtype=np.int32)
    layout, pieces = _aligned(arrays)
    _write_atomic(side_path(gen_dir, gen, "arr"), pieces)
    for part, data in parts.items():
        _write_atomic(side_path(gen_dir, gen, part), data)
    _write_meta(gen_dir, gen, {
        "schema": SCHEMA_VERSION, "analyzer": ANALYZER_VERSION, "fingerprint": fingerprint(doc_hashes, docs),
        "built_at": built_at, "doc_hashes": doc_hashes, "docs": docs, "records": int(len(arrays["doc_of"])),
        "arrays": layout,
    }, known)


def _drop_other_sides(gen_dir: Path, gen: int) -> None:
    """Delete the side files of other generations (best effort: one still mapped elsewhere stays)."""
    for old in gen_dir.glob("side-*"):
        if old.name not in {side_path(gen_dir, gen, part).name for part in SIDE_PARTS}:
            with contextlib.suppress(OSError):
                old.unlink()


def _write_meta(gen_dir: Path, gen: int, meta: dict, known: dict | None = None) -> None:
    """Write the side table's JSON: ``meta`` plus the sizes and checksums of the files this generation needs.

    Args:
        known: the previous side table's ``meta``: the checksums of files it
            lists at the same size are kept, not computed again (Whoosh never
            rewrites a file under the same name; side files are named by generation).
    """
    # Sizes of the files this generation needs (not lock files, which may come and go).
    meta["files"] = {p.name: p.stat().st_size for p in gen_dir.iterdir() if p.is_file() and _needed(p.name, gen)}
    old_sizes, old_sums = (known or {}).get("files") or {}, (known or {}).get("sums") or {}
    meta["sums"] = {name: old_sums[name] if name in old_sums and old_sizes.get(name) == size
                    else _crc(gen_dir / name) for name, size in meta["files"].items()}
    _write_atomic(side_path(gen_dir, gen, "json"), json.dumps(meta, ensure_ascii=False).encode("utf-8"))


def _stamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class StaleBuild(Exception):
    """Internal: the documents a streamed build indexed are not the library it was finished against."""


def build_generation(folder: Path, corpus, progress: Progress = None, cancel: Cancel = None, *,
                     stream: Iterable | None = None, final: Callable[[], list] | None = None) -> Path:
    """Build a complete new generation for ``corpus`` and make it the live one.

    Args:
        stream: the documents to index, as they come (an import writing
            them meanwhile, ``index.search.feed``), instead of
            ``corpus.documents()``; ``corpus`` gives their clauses.
        final: with ``stream``, called once it ends: the library's documents
            then (a fresh listing). They must be the documents streamed, with
            the same content hashes (else ``StaleBuild``, nothing swapped in);
            their order becomes the index's document order, as a build over
            them would have had.
    """
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # a read-only data folder, a file named ``index`` in it: a message, not a traceback
        raise SearchIndexError(f"cannot write the search index in {folder}: {paths.unmade_reason(exc)}") from exc
    stamp = time.strftime("%Y%m%dT%H%M%S") + f"-{os.getpid()}-{time.monotonic_ns() % 1_000_000}"
    gen_dir = folder / f"gen-{stamp}"
    try:
        gen_dir.mkdir()
        ix = whoosh_index.create_in(str(gen_dir), schema())
        docs = corpus.documents() if stream is None else None
        added: list[ClauseRow] = []
        indexed: dict[str, str] = {}
        # Separate segment files, not Whoosh's compound file: opening a compound
        # file copies each part into memory (60+ MB of postings for a 58 MB
        # library); separate files are read only where a query needs them.
        writer = ix.writer(limitmb=128, compound=False)
        try:
            bulk = BulkGrams(writer)
            for pos, doc in enumerate(docs if stream is None else stream):
                if cancel and cancel():
                    raise BuildCancelled("index build cancelled")
                for row, head in rows_for(corpus, doc, pos):
                    added.append(row)
                    bulk.add(row.doc, t=row.norm, h=head)
                indexed[doc.id] = doc.content_hash
                if progress and docs is not None:
                    progress(pos + 1, len(docs))
            if docs is None:
                docs = _in_final_order(added, indexed, final() if final else [])
            writer.commit(merge=False)
        except BaseException:
            writer.cancel()
            raise
        _set_lengths(added, bulk)
        previous = live_generation(folder)
        with ix.reader() as reader:
            gen = reader.generation()
        # A fresh build numbers its documents 0, 1, 2 … in the order added.
        write_side(gen_dir, gen, added, np.arange(len(added)), [doc_info(d) for d in docs],
                   {d.id: d.content_hash for d in docs}, _stamp())
        _write_atomic(folder / CURRENT, gen_dir.name.encode("utf-8"))
    except BaseException as exc:
        shutil.rmtree(gen_dir, ignore_errors=True)
        if isinstance(exc, OSError):
            raise SearchIndexError(f"cannot write the search index in {folder}: {paths.unmade_reason(exc)}") from exc
        raise
    prune(folder, keep=gen_dir.name, retired=previous.name if previous else None)
    return gen_dir


def _in_final_order(rows: list[ClauseRow], indexed: dict[str, str], docs: list) -> list:
    """``docs`` (the library when a streamed build ended), once checked to be the documents indexed; each
    row's document order key made what a build over ``docs`` in their order gives (``rows_for``)."""
    if {d.id: d.content_hash for d in docs} != indexed:
        raise StaleBuild("the library changed while its index was built")
    pos = {d.id: k for k, d in enumerate(docs)}
    for row in rows:
        row.order = pos[row.doc] * ORDER_STRIDE + row.order % ORDER_STRIDE
    return docs


def update_generation(gen_dir: Path, corpus, add: list[str], remove: list[str]) -> None:
    """Remove then (re-)add documents in the live generation, under the update lock.

    The side table's kept records are copied as bytes (``Side.kept_parts``):
    adding one document to a 3,500-document library decodes none of the
    other 375,000 records.
    """
    storage = FileStorage(str(gen_dir))
    with _locked(storage):
        ix = whoosh_index.FileIndex(storage, schema=schema())
        with ix.reader() as reader:
            side = load_side(gen_dir, reader.generation())
            total = reader.doc_count_all()
        try:
            if segment_count(ix) >= MAX_SEGMENTS:
                raise IndexBroken("too many segments: rebuild")
            _update_open(gen_dir, ix, side, total, corpus, add, remove)
        finally:
            side.close()
        _drop_other_sides(gen_dir, ix.latest_generation())


def _update_open(gen_dir: Path, ix, side: Side, total: int, corpus, add: list[str], remove: list[str]) -> None:
    meta = side.meta
    old_ids = [d["id"] for d in meta["docs"]]
    docs = {d["id"]: d for d in meta["docs"]}
    hashes = dict(meta["doc_hashes"])
    gone = set(remove) | set(add)
    gone_ix = np.asarray([k for k, doc_id in enumerate(old_ids) if doc_id in gone], dtype=np.int64)
    keep = np.flatnonzero(~np.isin(side.doc_of, gone_ix))
    kept = side.kept_parts(keep)
    try:
        # Whoosh document numbers stay (segments are never merged): renumber the kept records.
        new_rec = np.full(side.n + 1, -1, dtype=np.int64)
        new_rec[keep] = np.arange(len(keep))
        docrec = new_rec[side.docrec]  # deleted (-1) maps to the extra slot: -1
        import_whoosh_searching()  # ``delete_by_term`` runs a query (opening an index does not load them)
        writer = ix.writer(timeout=60.0, delay=0.05, compound=False)
        try:
            bulk = BulkGrams(writer)
            for doc_id in gone:
                writer.delete_by_term("doc", doc_id)
                docs.pop(doc_id, None)
                hashes.pop(doc_id, None)
            next_pos = 1 + (int(kept[0]["order"].max()) // ORDER_STRIDE if len(keep) else -1)
            added: list[ClauseRow] = []
            for k, doc_id in enumerate(add):
                doc = corpus.document(doc_id)
                for row, head in rows_for(corpus, doc, next_pos + k):
                    added.append(row)
                    bulk.add(row.doc, t=row.norm, h=head)
                docs[doc.id] = doc_info(doc)
                hashes[doc.id] = doc.content_hash
            # No merging: BulkGrams writes the gram fields itself (see there);
            # instead a full rebuild happens once MAX_SEGMENTS is reached.
            writer.commit(merge=False)
        except BaseException:
            writer.cancel()
            raise
        _set_lengths(added, bulk)
        # The new segment's documents come after every existing number, in the order added.
        docrec = np.concatenate([docrec, np.arange(len(keep), len(keep) + len(added))])
        if len(docrec) != total + len(added):
            raise IndexBroken("document numbers do not add up")
        doc_list = list(docs.values())
        doc_index = {d["id"]: i for i, d in enumerate(doc_list)}
        old_to_new = np.asarray([doc_index.get(doc_id, -1) for doc_id in old_ids], dtype=np.int64)
        kept[0]["doc_of"] = old_to_new[side.doc_of[keep]]
        new = side_parts(added)
        new[0]["doc_of"] = np.fromiter((doc_index[r.doc] for r in added), dtype=np.int64, count=len(added))
        arrays, parts = joined_parts(kept, new)
        with ix.reader() as reader:
            gen = reader.generation()
        _write_side_parts(gen_dir, gen, arrays, parts, docrec, doc_list, hashes, _stamp(), known=meta)
    finally:
        for pieces in kept[1].values():  # views of the side table's maps: released before it closes
            for view in pieces:
                view.release()


def update_documents_info(gen_dir: Path, infos: dict[str, dict]) -> None:
    """Replace some documents' filter fields (a metadata edit) in the live side table: no re-indexing."""
    storage = FileStorage(str(gen_dir))
    with _locked(storage):
        ix = whoosh_index.FileIndex(storage, schema=schema())
        with ix.reader() as reader:
            gen = reader.generation()
        path = side_path(gen_dir, gen, "json")
        meta = json.loads(path.read_text(encoding="utf-8"))
        meta["docs"] = [infos.get(d["id"], d) for d in meta["docs"]]
        meta["fingerprint"] = fingerprint(meta["doc_hashes"], meta["docs"])
        _write_meta(gen_dir, gen, meta, known=dict(meta))


def prune(folder: Path, keep: str, retired: str | None = None) -> None:
    """Delete other finished (or long abandoned) generations.

    Best effort: another process may still hold one open (harmless on POSIX,
    refused on Windows) or be building one, which has no side table yet and
    is left alone unless it is an hour old (a crashed build). ``retired``, the
    generation that was live until now, goes even if it lost its side table.
    Another finished generation goes once left for a minute: a build writes
    its side table a moment before it points ``CURRENT`` at it, and one
    deleted in between left ``CURRENT`` naming a folder that was gone (every
    process then failed to open "the index just built" and built again). The
    generation ``CURRENT`` names is never deleted.
    """
    for old in folder.glob("gen-*"):
        if old.name == keep or not old.is_dir():
            continue
        with contextlib.suppress(OSError):
            age = time.time() - old.stat().st_mtime
            finished = any(old.glob("side-*.json"))
            if old.name == retired or (finished and age > 60) or age > 3600:
                live = live_generation(folder)  # read again for each: another build may swap at any time
                if live is None or live.name != old.name:
                    shutil.rmtree(old, ignore_errors=True)
