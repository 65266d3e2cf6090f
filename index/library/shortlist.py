"""Which documents a comparison shows: the few that matter by default, and filters to choose others.

With thousands of documents, "every other document" is no default: 3,500
columns help nobody and take minutes. A comparison opens with the documents
that matter for its source: the user's pinned decisions, the documents the
user has open or read lately, the bundled policies, then documents at the
source's level from other regions (the newest of each region first), up to
``DEFAULT_COLUMNS``; a topic, having no source, surveys the regions: one
document of each region (全国 first, then the newest). Any other document is
chosen by region, level and year (``matching``), never from a list of every
document.
"""

from __future__ import annotations

from collections.abc import Iterable

from index.library import versions
from index.library.national import NATIONAL
from index.library.regions import level_key, region_key

DEFAULT_COLUMNS = 12


def documents_that_matter(corpus, source_doc: str | None = None, pinned: Iterable[str] = (),
                          recent: Iterable[str] = (), limit: int = DEFAULT_COLUMNS) -> list[str]:
    """The default columns of a comparison (document ids, the source's own document left out).

    Args:
        corpus: the ``Corpus``.
        source_doc: the document of the clause compared from (None for a topic).
        pinned: documents the user pinned a counterpart in (or marked "none") for this source.
        recent: documents the user has open or read lately, most recent first.
        limit: at most this many.
    """
    out: dict[str, None] = {}

    def add(ids: Iterable[str]) -> None:
        for doc_id in ids:
            if len(out) >= limit:
                return
            if doc_id != source_doc and doc_id not in out and corpus.has_document(doc_id):
                out[doc_id] = None

    docs = corpus.documents()
    add(pinned)
    add(recent)
    add(d.id for d in docs if d.source == "bundled")
    if source_doc is not None and corpus.has_document(source_doc):
        source = corpus.document(source_doc)
        level = source.get("level")
        older = versions.superseded(docs)
        same = [d for d in docs if d.get("level") == level and d.region != source.region and d.id not in older]
        same.sort(key=lambda d: (-_year(d), region_key(d.region), d.id))  # ties: the provinces' official order
        seen: set[str] = set()
        newest_per_region = []
        for d in same:
            if d.region not in seen:
                seen.add(d.region)
                newest_per_region.append(d.id)
        add(newest_per_region)
        add(d.id for d in same)
    elif source_doc is None:
        add(_each_region(docs, {corpus.document(d).region for d in out}))
    return list(out)


def _each_region(docs, covered: set[str]) -> list[str]:
    """A topic's survey across the library: one current document of each region not ``covered`` yet (its
    highest level, then its newest: a province's own policy before its cities'), 全国 first, then the newest.
    At 3,005 documents a topic comparison showed the 5 bundled policies alone, where the coverage has 30
    provinces."""
    older = versions.superseded(docs)
    best: dict[str, object] = {}
    for d in docs:
        if d.id in older or d.region in covered:
            continue
        kept = best.get(d.region)
        if kept is None or (level_key(d.get("level")), -_year(d)) < (level_key(kept.get("level")), -_year(kept)):
            best[d.region] = d
    chosen = sorted(best.values(), key=lambda d: (d.region != NATIONAL, -_year(d), region_key(d.region), d.id))
    return [d.id for d in chosen]


def matching(corpus, region: str | None = None, level: str | None = None, year_from: int | None = None,
             year_to: int | None = None, text: str = "") -> list:
    """Documents passing every given filter: regions in the official order, the newest of each region first
    (the one a comparison most likely wants; ties in library order).

    Args:
        region: a province (or city) name the document's region or city contains.
        level: its level (省级, 市级 …).
        year_from, year_to: its year within these (inclusive); a document
            without a year passes only when neither is given.
        text: words its title, issuer or number contains (either script).
    """
    from index.base.text import normalise, normalise_many

    needle = normalise(text.strip()) if text and text.strip() else ""
    out = []
    for d in corpus.documents():
        if region and region not in d.region and region not in (d.get("city") or ""):
            continue
        if level and d.get("level") != level:
            continue
        if year_from is not None or year_to is not None:
            year = _year(d)
            if not year or (year_from is not None and year < year_from) or (year_to is not None and year > year_to):
                continue
        out.append(d)
    if needle:  # the words: every remaining document's title, issuer and number normalised in one call
        hay = normalise_many([" ".join(str(d.get(k) or "") for k in ("title", "issuer", "doc_number")) for d in out])
        out = [d for d, h in zip(out, hay, strict=True) if needle in h]
    out.sort(key=listing_order)
    return out


def listing_order(doc) -> tuple:
    """Sort key of documents listed side by side (the compare chooser, the coverage's columns): regions in the
    official order, the newest document of each first."""
    return region_key(doc.region), -_year(doc)


def _year(doc) -> int:
    year = doc.get("year")
    return int(year) if str(year or "").isdigit() else 0
