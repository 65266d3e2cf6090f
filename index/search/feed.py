"""The search index built while a large import is still writing its documents.

A bulk import used to read every file (reader processes on every core),
then, once the last document was written, rebuild the search index in one
pass in a worker process: for a 3,500-document library that pass is about
as long as the reading, on one core, with the other idle. ``IndexFeed``
starts that worker when the import starts and tells it each document as
soon as it is in place; the worker indexes it while the next files are read.

When the import ends, the worker lists the library afresh and checks that
it indexed exactly those documents (ids and content hashes; a version link
rewrites front matter only). Only then does it swap the new generation in,
as a full build does (``store.build_generation``): until then the old index
stays live. If the library is not what it indexed (another process changed
it meanwhile), it builds the index again from the library in the same
worker. If the importing process dies, the worker sees its pipe close and
stops without swapping anything in.
"""

from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path

from index.base.errors import KnownError

log = logging.getLogger(__name__)

_GONE = "gone"  # the importing end of the pipe closed before the end of the stream


class IndexFeed:
    """The importing side: a worker process building the index from the documents it is told about.

    Args:
        corpus: the library before the import (its imported documents are
            sent first; the worker lists the bundled ones itself).
        index_dir: the search index folder.
    """

    def __init__(self, corpus, index_dir: Path):
        import multiprocessing

        ctx = multiprocessing.get_context("spawn")  # the frozen app's entry point calls freeze_support()
        self._conn, child = ctx.Pipe(duplex=True)
        self._proc = ctx.Process(target=build_from_feed, name="zoneref-index",
                                 args=(corpus.content_dir, corpus.imported_dir, Path(index_dir),
                                       corpus.manifest.path, child), daemon=True)
        self._proc.start()
        child.close()
        self._open = True
        for doc in corpus.documents():
            if doc.source == "imported":
                self.send(doc)

    def send(self, doc) -> None:
        """Tell the worker about a document whose file is in place (and whose manifest row is written)."""
        self._conn.send((doc.id, doc.title, doc.region, doc.source, str(doc.path), doc.content_hash))

    def finish(self) -> None:
        """End the stream and wait until the index is built and live.

        Raises:
            RuntimeError: the worker failed (its error, as text) or died.
        """
        self._conn.send(None)
        try:
            status, detail = self._conn.recv()
        except EOFError:
            status, detail = "error", f"the index worker ended with exit code {self._proc.exitcode}"
        finally:
            self._close()
        if status != "ok":
            raise RuntimeError(detail)

    def abort(self) -> None:
        """Stop the worker without swapping anything in (the import failed before its end)."""
        if self._open:
            self._close(wait=2.0)

    def _close(self, wait: float | None = None) -> None:
        self._open = False
        self._conn.close()  # the worker's next read ends: EOF
        self._proc.join(wait)
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join()


def bulk_index(content_dir: Path, imported_dir: Path | None, index_dir: Path, manifest: Path | None = None) -> None:
    """Bring the search index in step with the whole library in one pass (``SearchIndex.ensure``), reading one
    document at a time (a worker process's job: ``index.library.imported.sync_indexes``)."""
    from index.library.corpus import Corpus
    from index.search.searcher import SearchIndex

    SearchIndex(Corpus(content_dir, imported_dir, one_pass=True, manifest=manifest), index_dir).ensure(keep_open=False)


def build_from_feed(content_dir: Path, imported_dir: Path | None, index_dir: Path, manifest: Path | None,
                    conn) -> None:
    """The worker: index the bundled documents, then each document the pipe names, until it says None;
    swap the generation in if the library is then those documents, else build it from the library."""
    from index.library import parsed
    from index.library.corpus import Corpus
    from index.library.documents import DocId, Document
    from index.search.store import BuildCancelled, StaleBuild, build_generation

    inbox: queue.SimpleQueue = queue.SimpleQueue()

    def receive() -> None:  # drains the pipe at once: the importer never waits on a slower index
        try:
            while True:
                msg = conn.recv()
                inbox.put(msg)
                if msg is None:
                    return
        except (EOFError, OSError):
            inbox.put(_GONE)

    threading.Thread(target=receive, name="zoneref-feed", daemon=True).start()
    # Bundled documents listed (a memory manifest: this process writes nothing of the library's); imported
    # ones adopted as they come, one document at a time, their clauses as the import's readers parsed them.
    corpus = Corpus(content_dir, None, one_pass=True, manifest=None,
                    parsed_dir=None if manifest is None else Path(manifest).parent / parsed.FOLDER)

    def stream():
        yield from corpus.documents()
        while (msg := inbox.get()) is not None:
            if msg == _GONE:
                raise BuildCancelled("the import ended before its documents were all written")
            doc_id, title, region, source, path, content_hash = msg
            yield corpus.adopt(Document(DocId(doc_id), title, region, None, None, source, path, content_hash))

    def final() -> list:
        return Corpus(content_dir, imported_dir, manifest=manifest).documents()

    try:
        try:
            build_generation(index_dir, corpus, stream=stream(), final=final)
        except StaleBuild:
            log.info("the library changed during the import: its index is built again from it")
            bulk_index(content_dir, imported_dir, index_dir, manifest)
        conn.send(("ok", None))
    except BuildCancelled:
        return  # nobody is waiting
    except BaseException as exc:  # noqa: BLE001 - reported to the importer, which keeps its library change
        log.warning("index build from the import's feed failed: %s", exc, exc_info=not isinstance(exc, KnownError))
        try:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
        except OSError:
            pass
