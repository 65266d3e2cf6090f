"""Full-text search over clauses, in either script: the public API.

``SearchIndex`` is a cache of the corpus in the user data folder. ``ensure``
opens it if it is intact and current (its fingerprint covers every
document's content hash and the analyzer/schema versions), brings it up to
date incrementally when only a few documents changed, and otherwise rebuilds
it atomically. Nothing on the open path loads a segmentation dictionary.

Every method may be called from a worker thread; one lock serialises them,
so a GUI can search while an import adds documents. Other processes may open
the same folder at the same time (see ``search_store`` for how writes stay
safe).
"""

from __future__ import annotations

import dataclasses
import logging
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import numpy as np
from whoosh.index import IndexError as WhooshIndexError

from index.base import paths
from index.base.errors import Cancelled, KnownError, UnknownIdError
from index.base.memory import collecting
from index.base.text import normalise, occurrences
from index.library.corpus import Corpus
from index.search.analysis import WORD_RUN, closed_positions, phrase_pattern, pieces
from index.search.executor import Executor
from index.search.filters import DocFilters
from index.search.rows import doc_info
from index.search.store import (
    INFO_KEY,
    BuildCancelled,
    Cancel,
    IndexBroken,
    Progress,
    SearchIndexError,
    build_generation,
    damage,
    has_checksums,
    live_generation,
    mark_damaged,
    marked_damaged,
    open_generation,
    prune,
    side_path,
    update_documents_info,
    update_generation,
)

if TYPE_CHECKING:  # a comparison opens the index and never parses a query (``search`` imports the parser)
    from index.search.query import ParsedQuery

__all__ = ["Hit", "SearchIndex", "SearchResult", "BuildCancelled", "SearchIndexError"]

log = logging.getLogger(__name__)
T = TypeVar("T")

SNIPPET_CHARS = 120
_SNIPPET_LEAD = 24
#: A passage pasted whole (several clauses, or cut by the query's length) that no clause holds is searched for its
#: sentences, each a part of at least this many CJK characters (shorter ones are words an official typed).
PASSAGE_PART_CHARS = 8
_SENTENCE_END = re.compile(r"[。；;！？!?\s]+")


@dataclasses.dataclass
class Hit:
    """One matching clause.

    Attributes:
        text: the clause text, original script.
        highlights: ``[start, end]`` offsets into ``text`` of every match.
        snippet: an excerpt of ``text`` (``…`` where cut) around the matches.
        snippet_highlights: the matches' offsets inside ``snippet``.
    """

    clause_id: str
    doc_id: str
    region: str
    score: float
    heading: str
    path: list[str]
    text: str
    snippet: str
    highlights: list[list[int]]
    snippet_highlights: list[list[int]] = dataclasses.field(default_factory=list)

    def to_dict(self) -> dict:
        """The CLI's hit record (``snippet_highlights`` is GUI-only)."""
        return {k: getattr(self, k) for k in ("clause_id", "doc_id", "region", "score", "heading", "path",
                                                 "text", "snippet", "highlights")}


@dataclasses.dataclass
class SearchResult:
    """Hits for one query, with totals and facets over every match (not just this page)."""

    query: str
    total: int = 0
    hits: list[Hit] = dataclasses.field(default_factory=list)
    facets: dict[str, dict[str, int]] = dataclasses.field(default_factory=lambda: {"region": {}, "doc": {}})
    notice: str | None = None
    notice_code: str | None = None
    unmatched: list[str] = dataclasses.field(default_factory=list)  # with ``no_document``: the filters at fault
    in_earlier_versions: int = 0  # with ``only_earlier_versions``: matches in versions not searched

    def to_dict(self) -> dict:
        return {"query": self.query, "total": self.total, "hits": [h.to_dict() for h in self.hits],
                "facets": self.facets, "notice": self.notice, "notice_code": self.notice_code,
                "unmatched_filters": self.unmatched, "in_earlier_versions": self.in_earlier_versions}


def _highlight_strings(parsed: ParsedQuery) -> list[str]:
    out: list[str] = []
    for group in parsed.groups:
        for lit in group:
            norm = normalise(lit.text)
            out.extend([norm.strip()] if lit.phrase and norm.strip() else pieces(norm))
    return [s for s in dict.fromkeys(out) if s]


def _passage(query: str, parsed: ParsedQuery) -> ParsedQuery | None:
    """A query that is a pasted passage (two or more sentences, or lines, of ``PASSAGE_PART_CHARS`` CJK characters
    or more, nothing ORed) as its sentences ORed, quotes in them as plain text, its exclusions and filters kept;
    None if it is not one."""
    from index.search.analysis import CJK_RUN
    from index.search.query import MAX_QUERY_CHARS, OR_WORDS, QUOTES, Literal, ParsedQuery

    if any(word in OR_WORDS for word in query.split()):
        return None
    quotes = str.maketrans({q: " " for pair in QUOTES.items() for q in pair})
    parts = [p.strip() for p in _SENTENCE_END.split(query[:MAX_QUERY_CHARS].translate(quotes))]
    parts = [p for p in dict.fromkeys(parts) if not p.startswith("-") and not _is_filter(p)
             and sum(map(len, CJK_RUN.findall(normalise(p)))) >= PASSAGE_PART_CHARS]
    if len(parts) < 2:
        return None
    return ParsedQuery(groups=[[Literal(p) for p in parts]], excluded=parsed.excluded, filters=parsed.filters)


def _is_filter(word: str) -> bool:
    from index.search.query import filter_key

    key, colon, _ = word.replace("：", ":").partition(":")
    return bool(colon) and filter_key(key) is not None


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans sorted, overlapping ones merged (as ``occurrences`` gives them)."""
    out: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if out and s < out[-1][1]:
            out[-1] = (out[-1][0], max(e, out[-1][1]))
        else:
            out.append((s, e))
    return out


def make_snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> tuple[str, list[list[int]]]:
    """An excerpt of ``text`` around the first matches, and the matches' offsets in it."""
    flat = text.replace("\n", " ")  # one line, same offsets
    if len(flat) <= width:
        return flat, [[s, e] for s, e in spans]
    start = max(0, (spans[0][0] if spans else 0) - _SNIPPET_LEAD)
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    lead = "…" if start > 0 else ""
    tail = "…" if end < len(flat) else ""
    shift = len(lead) - start
    inside = [[s + shift, min(e, end) + shift] for s, e in spans if s < end and e > start]
    return f"{lead}{flat[start:end]}{tail}", inside


class SearchIndex:
    """The clause search index of one corpus.

    Args:
        corpus: the documents to index (and to fetch hit texts from).
        folder: where the index lives; default ``<user home>/index``.
    """

    def __init__(self, corpus: Corpus, folder: Path | None = None):
        self.corpus = corpus
        self.folder = Path(folder) if folder else paths.user_home() / "index"
        self._lock = threading.RLock()
        self._gen_dir: Path | None = None
        self._reader = None
        self._exec: Executor | None = None
        self._filters: DocFilters | None = None

    # -- lifecycle -----------------------------------------------------------
    def _close(self) -> None:
        if self._reader is not None:
            try:
                self._reader.close()
                self._exec.side.close()
            except Exception:  # noqa: BLE001 - closing a broken cache must not fail
                pass
        self._reader = self._exec = self._gen_dir = self._filters = None

    def _open(self) -> bool:
        """Open the live generation; False if there is none or it is damaged."""
        self._close()
        gen_dir = live_generation(self.folder)
        if gen_dir is None:
            return False
        try:
            _, reader, side = open_generation(gen_dir)
        except IndexBroken:
            return False
        self._gen_dir, self._reader, self._exec = gen_dir, reader, Executor(reader, side)
        return True

    def ensure(self, progress: Progress = None, cancel: Cancel = None, keep_open: bool = True) -> None:
        """Make the index usable and current: open, update or rebuild as needed.

        Args:
            progress: called with (documents done, documents in all) during a rebuild.
            cancel: polled during a rebuild; returning True abandons it.
            keep_open: False for a process that only brings the index on disk
                up to date (the import worker): a fresh build is then not
                opened again (its clause texts alone are ~100 MB for a 50 MB
                library); the process that searches opens it.

        Raises:
            BuildCancelled: ``cancel`` returned True (the old index, if any, stays).
            SearchIndexError: the index folder cannot be written.
        """
        with self._lock:
            # Both from the library manifest: no document body is read or hashed here.
            docs = self.corpus.documents()
            want = {d.id: d.content_hash for d in docs}
            if self._open():
                have = self._exec.side.meta["doc_hashes"]
                changed = [d for d in want if have.get(d) != want[d]]
                gone = [d for d in have if d not in want]
                if len(changed) + len(gone) <= max(20, len(want) // 10):
                    try:
                        if changed or gone:
                            self._update(changed, gone)
                        self._refresh_info(docs)
                        return
                    except IndexBroken:
                        pass
            self.rebuild(progress, cancel, keep_open=keep_open)

    def _refresh_info(self, docs) -> None:
        """Bring documents' filter fields (region, city, level, year) in step with their metadata.

        A metadata edit leaves the text, and so the postings, as they were:
        only the side table's document records are rewritten. The fields are
        read from every document's card (~0.1 s for 3,500) only when a
        document file changed since the side table was last found current
        (``Corpus.files_key``, kept beside it in ``INFO_KEY``).
        """
        key = f"{self._exec.side.gen} {self.corpus.files_key()}"
        checked = self._gen_dir / INFO_KEY
        try:
            if checked.read_text(encoding="utf-8") == key:
                return
        except OSError:
            pass
        infos = {d.id: doc_info(d) for d in docs}
        stale = {d["id"]: infos[d["id"]] for d in self._exec.side.meta["docs"]
                 if d["id"] in infos and infos[d["id"]] != d}
        if stale:
            gen_dir = self._gen_dir
            self._close()
            try:
                update_documents_info(gen_dir, stale)
            except (OSError, ValueError, KeyError) as exc:
                raise IndexBroken(str(exc)) from exc
            if not self._open():
                raise IndexBroken("updated index cannot be opened")
            key = f"{self._exec.side.gen} {key.split(' ', 1)[1]}"
        try:  # a cache: one that cannot be written only costs reading the cards next time
            tmp = checked.with_name(f"{INFO_KEY}.tmp")
            tmp.write_text(key, encoding="utf-8")
            os.replace(tmp, checked)
        except OSError:
            pass

    def rebuild(self, progress: Progress = None, cancel: Cancel = None, keep_open: bool = True) -> None:
        """Build a fresh index from the corpus and swap it in atomically (and open it, unless not ``keep_open``)."""
        with self._lock, collecting():
            self._close()
            build_generation(self.folder, self.corpus, progress, cancel)
            # Another process's build may have swapped in (and pruned ours) meanwhile: open the live one.
            if keep_open and not any(self._open() for _ in range(3)):
                raise SearchIndexError(f"the index just built in {self.folder} cannot be opened")

    def _update(self, add: list[str], remove: list[str]) -> None:
        gen_dir = self._gen_dir
        self._close()
        try:
            with collecting():
                update_generation(gen_dir, self.corpus, add, remove)
        except (OSError, ValueError, KeyError, WhooshIndexError) as exc:  # Whoosh's: a folder another build pruned
            raise IndexBroken(str(exc)) from exc
        if not self._open():
            raise IndexBroken("updated index cannot be opened")
        prune(self.folder, keep=self._gen_dir.name)  # generations other processes' builds left (``prune``)

    def _stale(self) -> bool:
        """True if another ``SearchIndex`` (this process or another) changed the index on disk.

        A rebuild points ``CURRENT`` at a new generation folder; an update
        commits a new Whoosh generation, whose side table replaces ours. Two
        ``stat`` calls, cheap enough for every query.
        """
        if self._gen_dir is None:
            return True
        if not side_path(self._gen_dir, self._exec.side.gen, "json").exists():
            return True
        return live_generation(self.folder) != self._gen_dir

    def warm(self) -> None:
        """Ready the open index for its first query (``Executor.warm``, and the documents a search leaves out
        by default: earlier versions): the app calls this on a worker after ``ensure``; a one-query process
        need not."""
        with self._lock:
            if self._exec is not None:
                self._reading(lambda ex: ex.warm())
                # This corpus is the worker's own: nothing else has listed its versions yet (~5-10 ms at
                # 3,500 documents, otherwise paid by the first query).
                self.corpus.versions()
                self._doc_filters()

    def _ready(self) -> Executor:
        if self._exec is None:
            self.ensure()
        elif self._stale() and not self._open():
            # Reopen what the other writer made rather than reconcile it with
            # this corpus, which may not have seen that writer's documents yet.
            self.ensure()
        return self._exec

    def _reading(self, read: Callable[[Executor], T]) -> T:
        """``read(executor)`` on the open index; if it fails on a damaged generation, rebuild and read again.

        The open checks only the files' sizes (a query must not wait for ~150 MB to be checksummed): a file
        damaged in place shows when a read of it fails (a text that does not decode, an offset out of range, a
        postings block Whoosh cannot unpickle). The checksums then tell damage from a bug: a failure with every
        file as built is raised as it is. A generation written before checksums were kept is taken as damaged.

        Raises:
            SearchIndexError: the generation is damaged and cannot be rebuilt, or the new one fails the same way.
        """
        for attempt in range(3):
            ex = self._ready()
            try:
                return read(ex)
            except (KnownError, Cancelled):
                raise
            except Exception as exc:
                if attempt == 2:
                    raise
                if self._stale():  # another process replaced the index meanwhile: read the new one
                    continue
                reason = self._damage()
                if reason is None:
                    raise  # every file as built: not damage
                if attempt:
                    raise SearchIndexError(f"the search index is damaged ({reason}): run zoneref index rebuild") \
                        from exc
                log.warning("the search index in %s is damaged (%s; %s: %s): rebuilt", self._gen_dir, reason,
                            type(exc).__name__, exc)
                try:
                    self.rebuild()
                except SearchIndexError as failed:
                    raise SearchIndexError(f"the search index is damaged ({reason}) and cannot be rebuilt here "
                                           f"({failed}): run zoneref index rebuild") from exc
        raise AssertionError("unreachable")

    def _damage(self) -> str | None:
        """Why the open generation's files are not as built (``store.damage``), or None if they are."""
        reason = damage(self._gen_dir, self._exec.side.gen)
        if reason is None and not has_checksums(self._exec.side.meta) and not self._stale():
            reason = "a read failed and the index has no checksums to tell why"
            mark_damaged(self._gen_dir, reason)
        return reason

    def add_documents(self, doc_ids) -> None:
        """Index (or re-index) these documents of the corpus without a full rebuild.

        Raises:
            UnknownIdError: a document is not in the corpus.
        """
        with self._lock:
            ids = list(dict.fromkeys(doc_ids))
            for doc_id in ids:
                if not self.corpus.has_document(doc_id):
                    raise UnknownIdError("document", doc_id)
            self._ready()
            try:
                self._update(ids, [])
            except IndexBroken:
                self.rebuild()

    def remove_documents(self, doc_ids) -> None:
        """Drop these documents from the index (unknown ids are ignored)."""
        with self._lock:
            self._ready()
            try:
                self._update([], list(dict.fromkeys(doc_ids)))
            except IndexBroken:
                self.rebuild()

    # -- for comparison (index.compare.stats, index.compare.candidates) ------------
    def record_count(self) -> int:
        """How many clauses the index holds."""
        return self._ready().n

    def generation_key(self) -> str:
        """Changes whenever the indexed library changes."""
        ex = self._ready()
        return f"{self._gen_dir}:{ex.side.gen}:{ex.n}"

    def term_frequency(self, gram: str) -> int:
        """How many clauses contain the (normalised) bigram ``gram``.

        Asked thousands of times per comparison: the open generation is used
        as it is (``generation_key`` tells callers when it changed).
        """
        ex = self._exec or self._ready()
        try:
            return ex.doc_frequency("t", gram)
        except Exception:  # noqa: BLE001 - told from a bug by ``_reading``, which reads it again
            with self._lock:
                return self._reading(lambda again: again.doc_frequency("t", gram))

    def similar_clauses(self, terms: dict[str, float], doc_ids=None, per_doc: int = 3,
                        limit: int = 600) -> list[tuple[str, str, float]]:
        """(doc id, clause id, score) of clauses sharing the weighted bigrams, best first.

        At most ``per_doc`` clauses of any one document and ``limit`` in all;
        only documents in ``doc_ids`` when given.
        """
        def read(ex: Executor) -> list[tuple[str, str, float]]:
            docs = ex.side.meta["docs"]
            allowed = None
            if doc_ids is not None:
                wanted = set(doc_ids)
                allowed = np.array([i for i, d in enumerate(docs) if d["id"] in wanted], dtype=np.int64)
            found = ex.similar(terms, per_doc, limit, allowed)
            return [(docs[int(ex.side.doc_of[rec])]["id"], ex.side.cid(rec), score) for rec, score in found]

        with self._lock:
            return self._reading(read)

    def status(self) -> dict:
        """documents, clauses, size_bytes, fingerprint, built_at, folder (zeros/None if not built), and
        damaged: why the files are not as built (every file read and checksummed), or None."""
        with self._lock:
            if self._exec is None:
                self._open()
            out = {"documents": 0, "clauses": 0, "size_bytes": 0, "fingerprint": None, "built_at": None,
                   "folder": str(self.folder), "damaged": None}
            if self._exec is not None:
                meta = self._exec.side.meta
                out.update(documents=len(meta["docs"]), clauses=self._exec.side.n,
                           fingerprint=meta["fingerprint"], built_at=meta["built_at"],
                           size_bytes=sum(p.stat().st_size for p in self._gen_dir.iterdir() if p.is_file()),
                           damaged=damage(self._gen_dir, self._exec.side.gen))
            elif (gen_dir := live_generation(self.folder)) is not None:
                out["damaged"] = marked_damaged(gen_dir)  # not opened: it is rebuilt by the next ``ensure``
            return out

    def close(self) -> None:
        with self._lock:
            self._close()

    # -- searching -----------------------------------------------------------
    def _allowed_docs(self, parsed: ParsedQuery, regions, doc_ids, all_versions: bool) -> np.ndarray | None:
        filters = self._filters_of(parsed, regions, doc_ids)
        # Older versions and drafts of a document repeat its clauses: only the latest is searched,
        # unless asked for all versions or named with doc:.
        hide = set() if all_versions else self._earlier_versions() - set(filters.get("doc", ()))
        if not filters and not hide:
            return None
        return self._doc_filters().allowed(filters, exclude=hide)

    def _earlier_versions(self) -> set[str]:
        return {d for d, m in self.corpus.versions().items() if not m.latest}

    def _no_document(self, result: SearchResult, parsed: ParsedQuery, regions, doc_ids) -> bool:
        """Say so if no document of the library, whatever its version, passes the filters: those that
        match none (``no_document``) or none together (``no_document_together``). False if some do."""
        docs = self._doc_filters()
        filters = self._filters_of(parsed, regions, doc_ids)
        result.unmatched = docs.unmatched(filters)
        if result.unmatched:
            result.notice_code, result.notice = "no_document", f"no document matches {' '.join(result.unmatched)}"
            return True
        if not len(docs.allowed(filters)):
            result.notice_code, result.notice = "no_document_together", "no document matches all the filters together"
            return True
        return False

    def _in_earlier_versions(self, ex: Executor, result: SearchResult, parsed: ParsedQuery, regions,
                             doc_ids) -> None:
        """Nothing found in the latest versions: say how many clauses of earlier versions and drafts (not
        searched by default) would match, as old wording is what an official often remembers."""
        allowed = self._doc_filters().allowed(self._filters_of(parsed, regions, doc_ids))
        recs, _scores, _had = ex.run(parsed, allowed)
        if len(recs):
            result.in_earlier_versions = len(recs)
            result.notice_code = "only_earlier_versions"
            result.notice = f"{len(recs)} match(es) in earlier versions, not searched (search all versions)"

    @staticmethod
    def _filters_of(parsed: ParsedQuery, regions, doc_ids) -> dict[str, list[str]]:
        filters = {k: list(v) for k, v in parsed.filters.items()}
        if regions:
            filters.setdefault("region", []).extend(regions)
        if doc_ids:
            filters.setdefault("doc", []).extend(doc_ids)
        return filters

    def _doc_filters(self) -> DocFilters:
        if self._filters is None:  # per generation: _close() drops it with the executor
            self._filters = DocFilters(self._exec.side.meta["docs"])
        return self._filters

    def search(self, query: str, limit: int = 20, regions=(), doc_ids=(), offset: int = 0,
               all_versions: bool = False) -> SearchResult:
        """Find clauses. Never raises for a bad query (see ``index.search.query``).

        Args:
            query: search-box text; empty gives an empty result.
            limit: hits to return; offset: hits to skip (paging).
            regions: only documents whose region or city contains one of these.
            doc_ids: only these documents.
            all_versions: search every version of a document (``index.library.versions``),
                not only the latest.

        Returns:
            Hits ranked by BM25 (heading matches boosted), ties in document order;
            ``total`` and ``facets`` count every match.
        """
        from index.search.query import parse_query  # here: a comparison never parses a query

        parsed = parse_query(query)
        if parsed.empty and not regions and not doc_ids:
            return SearchResult(query=query or "", notice=parsed.notice, notice_code=parsed.notice_code)
        if not (parsed.groups or parsed.filters or regions or doc_ids) and \
                not any(pieces(normalise(lit.text)) for lit in parsed.excluded):
            # Only exclusions of nothing searchable (-，): they excluded nothing, and every clause was a hit.
            return SearchResult(query=query or "", notice=parsed.notice or "no searchable characters in the query",
                                notice_code=parsed.notice_code or "no_terms")
        limit, offset = max(0, int(limit)), max(0, int(offset))
        with self._lock:
            return self._reading(lambda ex: self._search(ex, query, parsed, limit, regions, doc_ids, offset,
                                                         all_versions))

    def _search(self, ex: Executor, query: str, parsed: ParsedQuery, limit: int, regions, doc_ids, offset: int,
                all_versions: bool) -> SearchResult:
        result = SearchResult(query=query or "", notice=parsed.notice, notice_code=parsed.notice_code)
        allowed = self._allowed_docs(parsed, regions, doc_ids, all_versions)
        if allowed is not None and not len(allowed) and self._no_document(result, parsed, regions, doc_ids):
            return result
        recs, scores, had_terms = ex.run(parsed, allowed)
        if parsed.groups and not had_terms:
            result.notice = result.notice or "no searchable characters in the query"
            result.notice_code = result.notice_code or "no_terms"
            return result
        passage = _passage(query or "", parsed) if not len(recs) else None
        if passage is not None:
            from index.search.query import MAX_QUERY_CHARS

            recs, scores, _had = ex.run(passage, allowed)
            if len(recs):
                typed, parsed = parsed, passage  # its sentences are what the hits hold and show highlighted
                n = len(passage.groups[0])
                cut = f" (of its first {MAX_QUERY_CHARS} characters)" if typed.notice_code == "truncated" else ""
                result.notice_code = "passage_parts"
                result.notice = (f"no clause holds the whole passage: clauses holding one or more of its {n} "
                                 f"sentences{cut}")
        result.total = len(recs)
        if not len(recs) and not all_versions and self._earlier_versions():
            self._in_earlier_versions(ex, result, passage or parsed, regions, doc_ids)
        result.facets = ex.facets(recs)
        if not limit or offset >= len(recs):
            return result
        top = ex.rank(recs, scores, offset + limit)[offset:]
        needles = _highlight_strings(parsed)
        phrases = {n: phrase_pattern(n) for n in needles}
        patterns = [p for p in phrases.values() if p is not None]
        # A number or a Latin word is a whole word (its term is): 7 is not highlighted inside 2017.
        patterns += [re.compile(rf"(?<![a-z0-9]){n}(?![a-z0-9])") for n in needles if WORD_RUN.fullmatch(n)]
        needles = [n for n in needles if phrases[n] is None and not WORD_RUN.fullmatch(n)]
        for rec, score in zip(recs[top].tolist(), scores[top].tolist(), strict=True):
            result.hits.append(self._hit(ex, rec, score, needles, patterns))
        return result

    def _hit(self, ex: Executor, rec: int, score: float, needles: list[str], patterns=()) -> Hit:
        """``needles`` are highlighted where they are, ``patterns`` (phrases: ``phrase_pattern``) where they match."""
        # Everything a hit shows comes from the side table: no document is
        # read or parsed to display a page of results.
        side = ex.side
        heading, path, text = side.shown(rec)
        doc = side.meta["docs"][int(side.doc_of[rec])]
        norm = side.norm(rec)
        spans = occurrences(norm, needles)
        if patterns:
            spans = _merged(spans + [m.span() for p in patterns for m in p.finditer(norm) if m.end() > m.start()])
        if spans and (at := closed_positions(text)) is not None:  # found closed up: shown on the spaced text
            spans = _merged([(min(at[s:e]), max(at[s:e]) + 1) for s, e in spans])
        snippet, inside = make_snippet(text, spans)
        return Hit(clause_id=side.cid(rec), doc_id=doc["id"], region=doc["region"], score=round(float(score), 4),
                   heading=heading, path=path, text=text, snippet=snippet,
                   highlights=[[s, e] for s, e in spans], snippet_highlights=inside)
