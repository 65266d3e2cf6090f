"""Engine results → report model (see ``model``).

One builder per kind of report, each reading the JSON records the engine's typed
results give with ``to_dict()`` (the shape the CLI prints): ``comparison_table``
(a ``Comparison``), ``coverage_table`` (a ``Coverage``), ``search_report`` (a
``SearchResult``) and ``notes_report`` (``Annotation`` records).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from index.base.errors import UnknownIdError
from index.compare import scoring
from index.compare.records import Evidence, Reverse, topic_first_summary
from index.compare.topics import region_groups
from index.library.corpus import Corpus
from index.reports.model import (
    NO_COUNTERPART,
    NOT_REACHED,
    Column,
    ComparisonTable,
    CoverageTable,
    Entry,
    HitEntry,
    NoteClause,
    NoteEntry,
    NoteGroup,
    NotesReport,
    Row,
    SearchReport,
    _Citations,
    column_for,
    is_unreached,
    make_entry,
    no_counterpart_text,
    note_texts,
    region_column,
    row_label_for,
    today,
)
from index.reports.spans import merge_spans


def _shared_with(source_text: str, other_text: str) -> list[tuple[int, int]]:
    """Spans of ``source_text`` shared with ``other_text`` (empty without the wording engine)."""
    try:
        from index.compare.wording import shared_spans
    except ImportError:
        return []
    spans_a, _ = shared_spans(source_text, other_text)
    return [tuple(s) for s in spans_a]


def _match_spans(corpus: Corpus, match: Mapping, key: str):
    """A match's spans as offsets into the full clause text.

    The engine may return a sentence of the clause rather than all of it;
    shift its offsets so they land on the same characters of the clause.
    """
    raw = match.get(key)
    if raw is None:
        return None
    text = match.get("text")
    full = corpus.clause(match["clause_id"]).text
    shift = 0
    if text and text.startswith(full):
        pass  # a whole unit (an article with its paragraphs): the entry shows this text
    elif text and text != full:
        at = full.find(text)
        if at < 0:
            return [] if key == "shared" else None
        shift = at
    out = []
    for item in raw:
        s, e = (item["start"], item["end"]) if isinstance(item, Mapping) else (item[0], item[1])
        out.append((s + shift, e + shift))
    return out


def _confidence(match: Mapping) -> int | None:
    """A match's 0–100 score: ``confidence``, else its calibrated probability ``score`` (0–1) on that scale (a
    record without ``confidence``); None when unscored (a pinned clause not among the candidates)."""
    if "confidence" in match:
        return match["confidence"]
    score = match.get("score")
    return scoring.confidence(score) if isinstance(score, int | float) and 0 <= score <= 1 else None


def _of(cls, record: Any):
    """``record`` (a match's JSON part, or the object itself) as ``cls``, keys it does not know left out."""
    if isinstance(record, cls):
        return record
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{k: v for k, v in record.items() if k in known})


def _evidence(match: dict) -> str:
    """Why a match is there, as the compare view says it: its ``evidence`` (共同用词：…；共同主题：…), why it is
    shown first (``topic_first``: 排在首位：…) and the match compared back (``reverse``: 对照回去：…)."""
    parts = [_of(Evidence, match["evidence"]).summary() if match.get("evidence") else "",
             topic_first_summary(match["topic_first"]) if match.get("topic_first") else "",
             _of(Reverse, match["reverse"]).summary() if match.get("reverse") else ""]
    return "；".join(p for p in parts if p)


def comparison_table(corpus: Corpus, results: Any, *, notes: Any = None, per_cell: int | None = 1,
                     doc_order: Sequence[str] | None = None, title: str = "开发区政策条款对照表",
                     exported: str | None = None) -> ComparisonTable:
    """Build the comparison table from one or several comparison results.

    Args:
        corpus: the library the clause ids belong to.
        results: the JSON record (``Comparison.to_dict()``) of a clause comparison
            (``source`` + ``columns``) or a topic comparison (``columns``, plus
            ``topic``), or a list of them (one table row each).
        notes: the user's annotations (records with ``clause_id``/``quote``/``note``,
            or a mapping clause id → texts); adds a notes column. ``None``: no column.
        per_cell: how many counterparts to show per cell for clause rows (best
            first; ``None`` for all). Topic rows always show every clause.
        doc_order: column order (doc ids); default: source document first, then
            the order of the result's columns.
        title: the document title.
        exported: export date (ISO); default today.

    Returns:
        A ``ComparisonTable`` with one row per result.

    Raises:
        UnknownIdError: a clause or document in the result is not in ``corpus``.
    """
    recs = [results] if isinstance(results, Mapping) else list(results)
    cites = _Citations(corpus)
    order: list[str] = list(doc_order or [])
    unreached: set[str] = set()  # columns a comparison at scale did not reach: not compared, left out of the table
    pending: list[tuple[str, dict[str, list[Entry]], dict[str, str]]] = []
    subtitles: list[str] = []
    for rec in recs:
        cells: dict[str, list[Entry]] = {}
        empties: dict[str, str] = {}  # what a column without a match says (its reason, if the comparison gave one)
        source = rec.get("source")
        columns = rec.get("columns") or []
        if source:
            src_id = source.get("id") or source.get("clause_id")
            src_doc = source.get("doc_id") or src_id.split("/", 1)[0]
            src_text = source.get("compared_text") or corpus.clause(src_id).text  # what the spans point into
            shared: list[tuple[int, int]] = []
            for col in columns:
                if col.get("matches"):
                    best = col["matches"][0]
                    if best.get("source_shared") is not None:
                        shared += [(a, b) for a, b in best["source_shared"]]
                    else:
                        shared += _shared_with(src_text, corpus.clause(best["clause_id"]).text)
            cells[src_doc] = [make_entry(corpus, cites, src_id, shared=merge_spans(shared),
                                         numbers=source.get("compared_numbers", source.get("numbers")), role="source",
                                         text=src_text)]
            if src_doc not in order and not doc_order:
                order.append(src_doc)
            label = row_label_for(corpus, src_id)
            subtitles.append(f"对照条款：{corpus.citation(corpus.clause(src_id))}")
        else:
            topic = rec.get("topic") or rec.get("name") or ""
            label = str(topic.get("name") or topic.get("id")) if isinstance(topic, Mapping) else str(topic)
            subtitles.append(f"主题：{label}" if label else "")
        for col in columns:
            doc_id = col["doc_id"]
            if not corpus.has_document(doc_id):
                raise UnknownIdError("document", doc_id)
            if not doc_order and is_unreached(col):
                unreached.add(doc_id)
                continue
            if doc_id not in order and not doc_order:
                order.append(doc_id)
            matches = col.get("matches") or []
            if source and per_cell is not None:
                matches = matches[:per_cell]
            cells.setdefault(doc_id, [])
            empties[doc_id] = no_counterpart_text(col.get("no_counterpart"))
            for m in matches:
                unit_text = m.get("text") if m.get("text", "").startswith(corpus.clause(m["clause_id"]).text) else None
                cells[doc_id].append(make_entry(
                    corpus, cites, m["clause_id"], shared=_match_spans(corpus, m, "shared"),
                    numbers=_match_spans(corpus, m, "numbers"), pinned=bool(m.get("pinned")), text=unit_text,
                    confidence=_confidence(m), band=m.get("band"), evidence=_evidence(m),
                ))
        pending.append((label, cells, empties))
    columns_out = [column_for(corpus, d) for d in order]
    by_note = note_texts(notes)
    rows = []
    for label, cells, empties in pending:
        row_cells = [cells.get(col.doc_id, []) for col in columns_out]
        row_notes = [n for cell in row_cells for e in cell for n in by_note.get(e.clause_id, [])]
        rows.append(Row(label=label, cells=row_cells, notes=row_notes,
                        empty=[empties.get(col.doc_id, NO_COUNTERPART) for col in columns_out]))
    subtitle = subtitles[0] if len(subtitles) == 1 else f"共 {len(rows)} 项对照"
    left_out = len(unreached - set(order))
    if left_out:
        subtitle += f"（另有 {left_out} 个文件未逐条比较：{NOT_REACHED}，未列入本表）"
    return ComparisonTable(
        title=title, subtitle=subtitle, columns=columns_out, rows=rows, citations=cites.items,
        exported=exported or today(), with_notes=notes is not None,
        row_labels=len(rows) > 1 or not any(r.get("source") for r in recs),
    )


def _coverage_cells(rec: Mapping) -> tuple[list[tuple[str, str]], list[str], dict[str, dict[str, list[str]]]]:
    """([(topic id, topic name)], doc ids, topic id → doc id → clause ids) from ``topics.coverage``."""
    topics = []
    for t in rec.get("topics") or []:
        if isinstance(t, Mapping):
            topics.append((str(t.get("id") or t.get("name")), str(t.get("name") or t.get("id"))))
        else:
            topics.append((str(t), str(t)))
    matrix = rec.get("matrix") or {}
    if not topics:
        topics = [(k, k) for k in matrix]
    doc_ids = [d if isinstance(d, str) else (d.get("doc_id") or d.get("id")) for d in rec.get("documents") or []]
    return topics, doc_ids, matrix


def coverage_table(corpus: Corpus, coverage: Any, *, doc_ids: Sequence[str] | None = None,
                   title: str = "开发区政策主题覆盖矩阵", exported: str | None = None,
                   by_region: bool = False) -> CoverageTable:
    """Build the topic × document matrix from a coverage's JSON record (``Coverage.to_dict()``).

    Args:
        corpus: the library.
        coverage: the result of ``index.compare.topics.coverage`` (``topics``,
            ``documents``, ``matrix``: topic id → doc id → clause ids).
        doc_ids: the columns, in order; default the result's documents, else all.
        title: the document title.
        exported: export date (ISO); default today.
        by_region: one column per province (``index.compare.topics.coverage_by_region``),
            as the coverage view shows it by default; a cell then names each
            clause's document when the province has several.
    """
    topics, found_docs, cells = _coverage_cells(coverage)
    order = list(doc_ids or found_docs or [d.id for d in corpus.documents()])
    cites = _Citations(corpus)
    if by_region:
        groups = region_groups((d, corpus.document(d).region) for d in order)
        columns = [region_column(corpus, region, members) for region, members in groups.items()]
    else:
        groups = {d: [d] for d in order}
        columns = [column_for(corpus, d) for d in order]
    short = {d: corpus.document(d).short_title for d in order}
    rows = []
    for topic_id, name in topics:
        row_cells, more = [], []
        for members in groups.values():
            found = [(m, (cells.get(topic_id) or {}).get(m) or []) for m in members]
            listed = _cell_clauses(found)
            entries = []
            for m, cid in listed:
                entry = make_entry(corpus, cites, cid, numbers=[], role="listed")
                entries.append(dataclasses.replace(entry, source=short[m]) if len(members) > 1 else entry)
            row_cells.append(entries)
            more.append(sum(len(ids) for _, ids in found) - len(listed))
        rows.append(Row(label=name, cells=row_cells, more=more))
    return CoverageTable(title=title, columns=columns, rows=rows, citations=cites.items,
                         exported=exported or today(), by_region=by_region)


# A printed matrix cell names at most this many clauses, then says how many more (另有 N 条): a province of 120
# documents counts ~700 clauses under 招商引资, and listing every one made a 3,440-document library's export run
# for minutes in 2.6 GB. The bundled library's fullest cell holds 10.
CELL_CLAUSES = 12


def _cell_clauses(found: Sequence[tuple[str, Sequence[str]]]) -> list[tuple[str, str]]:
    """(document, clause id) pairs a cell lists: every one up to ``CELL_CLAUSES``, past that the documents in
    turn (each one's first clause, then each one's second …), so a province's cell is not one document's."""
    if sum(len(ids) for _, ids in found) <= CELL_CLAUSES:
        return [(d, cid) for d, ids in found for cid in ids]
    out: list[tuple[str, str]] = []
    for k in range(CELL_CLAUSES):  # a document's k-th clause comes after every document's (k-1)-th
        for d, ids in found:
            if k < len(ids):
                out.append((d, ids[k]))
                if len(out) == CELL_CLAUSES:
                    return out
    return out


def search_report(corpus: Corpus, result: Any, *, title: str = "开发区政策检索结果",
                  exported: str | None = None) -> SearchReport:
    """Build the search report from a search result's JSON record (``SearchResult.to_dict()``)."""
    rec = result
    hits = []
    for n, h in enumerate(rec.get("hits") or [], 1):
        clause = corpus.clause(h["clause_id"])
        doc = corpus.document(clause.doc_id)
        text = h.get("text") or clause.text
        path = h.get("path")
        if isinstance(path, list):
            path = " › ".join(path)
        hits.append(HitEntry(
            rank=n, clause_id=clause.id, doc_id=doc.id, region=h.get("region") or doc.region,
            doc_title=doc.title, path=path or " › ".join(corpus.path(clause)), text=text,
            highlights=tuple(merge_spans((s, e) for s, e in (h.get("highlights") or []))),
            citation=corpus.citation(clause), score=h.get("score"),
        ))
    return SearchReport(title=title, query=str(rec.get("query") or ""), total=int(rec.get("total") or len(hits)),
                        hits=hits, exported=exported or today(), notice=rec.get("notice"))


def notes_report(corpus: Corpus, records: Iterable[Mapping[str, Any]], *, title: str = "开发区政策批注汇编",
                 exported: str | None = None) -> NotesReport:
    """Group annotation records (``Annotation.to_dict()``) by document (library order) and clause (document order).

    Notes of a document that was removed are kept, last, under its id: an
    export never leaves a note out.
    """
    recs = list(records)
    by_doc: dict[str, dict[str, list[Mapping[str, Any]]]] = {}
    for r in recs:
        by_doc.setdefault(r["doc_id"], {}).setdefault(r["clause_id"], []).append(r)
    groups = []
    doc_rank = {d.id: i for i, d in enumerate(corpus.documents())}
    for doc_id in sorted(by_doc, key=lambda d: (doc_rank.get(d, len(doc_rank)), d)):
        present = corpus.has_document(doc_id)
        clause_rank = {c.id: i for i, c in enumerate(corpus.clauses(doc_id))} if present else {}
        clauses = []
        for cid in sorted(by_doc[doc_id], key=lambda c: (clause_rank.get(c, len(clause_rank)), c)):
            try:
                clause = corpus.clause(cid)
                citation, path = corpus.citation(clause), " › ".join(corpus.path(clause))
            except UnknownIdError:
                citation, path = (f"《{corpus.document(doc_id).title}》" if present else cid), ""
            notes = [NoteEntry(quote=r.get("quote") or "", note=r.get("note") or "", color=r.get("color") or "",
                               tags=tuple(r.get("tags") or ()), created=r.get("created") or "",
                               updated=r.get("updated") or "", orphan=bool(r.get("orphan")),
                               uuid=r.get("uuid") or "")
                     for r in sorted(by_doc[doc_id][cid], key=lambda r: r.get("created") or "")]
            clauses.append(NoteClause(clause_id=cid, citation=citation, path=path, notes=notes))
        column = column_for(corpus, doc_id) if present else Column(
            doc_id=doc_id, region="已移除的文件", issuer="", short_title=doc_id, title=doc_id, doc_number="", date="",
            status="")
        groups.append(NoteGroup(column=column, clauses=clauses, removed=not present))
    return NotesReport(title=title, groups=groups, exported=exported or today(), count=len(recs))


__all__ = ["Column", "comparison_table", "coverage_table", "search_report", "notes_report"]
