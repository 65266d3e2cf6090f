"""Candidates for a comparison on a large library, through the search index.

Scoring every unit of 3,500 documents is too slow, and most documents hold
nothing on the source's subject. The source's most distinctive bigrams (the
highest tf × library IDF) become a weighted query of the search index; the
best few clauses of each document that answer it are the candidates the
full model scores (``align.rank``). A document with none was not compared
(``Ranked.why_none`` "unreached"): it is not said to have no counterpart.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from index.compare.units import Unit, containing_unit, units
from index.compare.wording import bigrams, matching_text

QUERY_TERMS = 32  # distinctive bigrams in the query
MIN_CLAUSES = 3  # a bigram in fewer clauses of the library (the source's own, a neighbour) reaches no other document
PER_DOC = 2  # candidate clauses per document
LIMIT = 120  # candidate clauses in all: the documents beyond them are not compared ("unreached", not 无对应)


def query_terms(ctx, source: Unit, n: int = QUERY_TERMS) -> dict[str, float]:
    """The source's most distinctive bigrams with their weights (tf × library IDF), of those that can reach
    another document: on 3,447 documents the 16 rarest of a 吉林 section (抢抓, 契机 …) were in its own
    clauses only, and the query reached 6 documents."""
    counts = Counter(bigrams(matching_text(source.text)))
    df = ctx.stats.df
    scored = {g: min(c, 3) * ctx.idf(g) for g, c in counts.items() if df(g) >= MIN_CLAUSES}
    return dict(sorted(scored.items(), key=lambda kv: -kv[1])[:n])


def candidate_pools(ctx, source: Unit, doc_ids: list[str] | None, search_index) -> Iterator[tuple[str, list[Unit]]]:
    """Per document, in the order of its best answer to the query, the units worth scoring.

    Lazy: a document is parsed into units only when the caller reaches it
    (the chosen-columns path needs the first ``align.BRIDGES`` documents of
    ~60, and parsing the others was a quarter of a comparison). Documents
    without any unit among the answers are skipped.
    """
    terms = query_terms(ctx, source)
    found = search_index.similar_clauses(terms, doc_ids=doc_ids, per_doc=PER_DOC, limit=LIMIT)
    wanted: dict[str, list[str]] = {}
    for doc_id, clause_id, _ in found:
        wanted.setdefault(doc_id, []).append(clause_id)
    for doc_id, clause_ids in wanted.items():
        by_id = {u.id: u for u in units(ctx.corpus, doc_id)}
        chosen = dict.fromkeys(containing_unit(ctx.corpus, cid) for cid in clause_ids)
        pool = [by_id[u] for u in chosen if u in by_id]
        if pool:
            yield doc_id, pool


def candidate_units(ctx, source: Unit, doc_ids: list[str] | None, search_index) -> dict[str, list[Unit]]:
    """Per document, the units worth scoring (documents without any are absent), best answer first."""
    return dict(candidate_pools(ctx, source, doc_ids, search_index))
