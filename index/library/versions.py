"""Versions of one document: a 征求意见稿 and its final text, a regulation before and after amendment.

Two documents are versions of one another when their titles agree once the
version marks are set aside (（征求意见稿）, （草案）, （2021年修正）, years …)
and they share an issuer or a region (``version_key``, ``same_document``).
The library links them when a document is imported; the user can link and
unlink by hand.

Links live in the imported documents' front matter, as a chain in version
order: ``supersedes`` (the previous version), ``superseded_by`` (the next)
and ``version`` (1 for the oldest). Bundled documents are read-only, so a
group may hold one of them at most: its neighbours in the chain record the
link. ``not_versions_of`` keeps the user's unlinking: those documents are
never linked again automatically.

A group's order is computed, not stored: by the version's date (``issued``,
else ``published``, else ``year``), a draft before a final of the same date,
then import time. The *latest* is the newest final text (the newest draft
when there is no final); the others are 历史版本 (older finals) or
征求意见稿 (drafts).
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping

from index.base.text import LazyPattern, normalise
from index.library.documents import LINK_KEYS

#: Bump when grouping or ordering changes: groups kept in the library manifest are then ordered again.
RULES_VERSION = 1
DRAFT = "征求意见稿"
CURRENT = "现行"
HISTORICAL = "历史版本"
UNLINKED_KEY = "not_versions_of"

# Bracketed version marks: （征求意见稿） （草案） （2021年修正） （修订草案征求意见稿） （试行） （2019年版）.
_MARK = LazyPattern(r"[（(【\[][^（）()【】\[\]]{0,24}?"
                   r"(?:征求意见|草案|送审稿|修订|修正|试行|暂行|\d{4}年?版|版本|\d{4}年|[〇零一二三四五六七八九]{4}年)"
                   r"[^（）()【】\[\]]{0,24}?[）)】\]]")
_YEAR = LazyPattern(r"(?:19|20)\d{2}\s*年?|[〇零○一二三四五六七八九]{4}\s*年")
_LOOSE = LazyPattern(r"[\s　《》〈〉“”\"'‘’·・\-—_，,、。:：]+")
_DRAFT_WORDS = re.compile(r"征求意见稿|徵求意見稿|草案|送审稿|送審稿")  # both scripts: no conversion per title


def version_key(title: str | None) -> str:
    """The title with version marks, years, spacing and quotes set aside (normalised)."""
    key = normalise(title or "")
    key = _MARK.sub("", key)
    key = _YEAR.sub("", key)
    return _LOOSE.sub("", key)


def is_draft(meta: Mapping) -> bool:
    return meta.get("status") == DRAFT or bool(_DRAFT_WORDS.search(str(meta.get("title") or "")))


_DISTRICT = LazyPattern(r"[\u4e00-\u9fff]{2,8}?[区县](?=人民|政府|管理|管委|办公|关于)")


def version_keys(meta: Mapping) -> list[str]:
    """The keys a document's versions are looked for under: its title's (``version_key``) and, for a draft or
    a final, its subject's in its place (``_subject_key``)."""
    return [k for k in (version_key(meta.get("title")), _subject_key(meta)) if k]


def _subject_key(meta: Mapping) -> str:
    """The title's subject (``short_titles.subject``: no issuer, 关于, 印发…的通知 or place) with the region and
    city, or '' when the place is unknown or the subject too short to say which document it is."""
    from index.library.short_titles import subject

    region = meta.get("region")
    if not region or region == "不详":
        return ""
    title = str(meta.get("title") or "")
    key = version_key(subject(title, region, meta.get("city")))
    # A district or county (or a zone) the issuer or the title's issuer part names: 南沙区's and 番禺区's
    # documents of one subject are two documents of one city.
    district = _DISTRICT.search(normalise(f"{meta.get('issuer') or ''} {title}"))
    place = f"{region}/{meta.get('city') or ''}/{district.group(0) if district else ''}"
    return f"{place}/{key}" if len(key) >= 8 else ""


def same_document(a: Mapping, b: Mapping) -> bool:
    """Whether two documents' metadata make them versions of one document.

    Titles must agree once version marks are set aside, and the issuers or
    the regions must agree (an unknown region never counts as agreement).
    A draft and a final text also are when their subjects agree in one place
    (city included): a department's 广州市促进开发区高质量发展若干措施（征求意见稿） is
    issued as 广州市人民政府办公厅关于印发广州市促进开发区高质量发展若干措施的通知.
    """
    if is_draft(a) != is_draft(b) and _subject_key(a) and _subject_key(a) == _subject_key(b):
        return True
    key = version_key(a.get("title"))
    if not key or key != version_key(b.get("title")):
        return False
    issuer_a, issuer_b = (normalise(_issuer_key(m)) for m in (a, b))
    if issuer_a and issuer_a == issuer_b:
        return True
    region = a.get("region")
    return bool(region) and region not in ("不详",) and region == b.get("region")


def _issuer_key(meta: Mapping) -> str:
    issuer = str(meta.get("issuer") or "")
    return re.sub(r"(?:办公厅|办公室)$", "", issuer)  # 省政府 and its 办公厅 issue one document's versions


def version_date(meta: Mapping) -> str:
    """The version's date as sortable text: issued, else published, else the year; '' when unknown."""
    for key in ("issued", "published"):
        if meta.get(key):
            return str(meta[key])
    return f"{meta['year']}" if meta.get("year") else ""


@dataclasses.dataclass(frozen=True)
class Member:
    """One document of a version group."""

    doc_id: str
    title: str
    date: str
    draft: bool
    status: str  # 现行 / 历史版本 / 征求意见稿
    latest: bool
    source: str

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "title": self.title, "date": self.date or None, "status": self.status,
                "latest": self.latest}


def order(docs: Iterable) -> list:
    """Documents (``Document``-like: ``.id``, ``.meta``) oldest version first."""
    return sorted(docs, key=_order_key)


def _order_key(doc) -> tuple:
    fields = _fields(doc)
    return (version_date(fields), not is_draft(fields), str(fields.get("imported_at") or ""),
            int(fields.get("version") or 0), doc.id)


def _fields(doc) -> Mapping:
    """The front matter ordering needs: a listed document's card (its short part), else its meta."""
    return getattr(doc, "card", None) or doc.meta


def members(docs: list) -> list[Member]:
    """A group's documents in version order, each with its status; a lone document is 现行 (or 征求意见稿)."""
    keyed = sorted((_order_key(d), d) for d in docs)  # the key holds the id last: documents never compare
    finals = [d for key, d in keyed if key[1]]
    latest = (finals or [d for _, d in keyed])[-1].id if keyed else None
    out = []
    for key, doc in keyed:
        draft = not key[1]
        status = DRAFT if draft else CURRENT if doc.id == latest else HISTORICAL
        out.append(Member(doc.id, doc.title, key[0], draft, status, doc.id == latest, doc.source))
    return out


def groups(docs: Iterable) -> dict[str, list]:
    """Every document's version group (documents linked by ``supersedes``/``superseded_by``), by id.

    Documents in no group are left out. Links to missing documents are ignored.
    """
    docs = list(docs)
    by_id = {d.id: d for d in docs}
    parent = {d.id: d.id for d in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for doc in docs:
        for other in _links(doc):
            if isinstance(other, str) and other in by_id and other != doc.id:
                parent[find(doc.id)] = find(other)
    found: dict[str, list] = {}
    for doc in docs:
        found.setdefault(find(doc.id), []).append(doc)
    return {d.id: group for group in found.values() if len(group) > 1 for d in group}


def _links(doc) -> tuple:
    """``(supersedes, superseded_by)`` of a document. ``Document.links`` of a listed document come from the
    manifest: no front matter is decoded to find the few links among thousands of documents (every search asks)."""
    return doc.links() if hasattr(doc, "links") else tuple(doc.meta.get(key) for key in LINK_KEYS)


def superseded(docs: Iterable) -> set[str]:
    """Ids of the documents a newer version replaces, read from both ends of each link: an import that
    stopped between writing the new version (``supersedes``) and its predecessors (``superseded_by``,
    written at the batch's end) leaves only the new version's side, and that is enough."""
    out: set[str] = set()
    for doc in docs:
        supersedes, superseded_by = _links(doc)
        if isinstance(supersedes, str):
            out.add(supersedes)
        if isinstance(superseded_by, str):
            out.add(doc.id)
    return out


def answered(group: Mapping[str, object]) -> bool:
    """Whether each link between two imported members of ``group`` (documents by id) is recorded at both ends."""
    for doc in group.values():
        if doc.source != "imported":
            continue
        for other, back in zip(_links(doc), (1, 0), strict=True):  # supersedes: answered by superseded_by
            peer = group.get(other) if isinstance(other, str) else None
            if peer is not None and peer.source == "imported" and _links(peer)[back] != doc.id:
                return False
    return True


def ordered_groups(docs: Iterable) -> list[list[Member]]:
    """Each version group once, its ``Member`` records in version order; lone documents are left out."""
    out = []
    seen: set[str] = set()
    for group in groups(docs).values():
        if group[0].id not in seen:
            seen.update(d.id for d in group)
            out.append(members(group))
    return out


def chain(ordered: list) -> dict[str, dict]:
    """The front-matter links each document of a group (in version order) gets: previous, next, position."""
    out = {}
    for k, doc in enumerate(ordered):
        out[doc.id] = {"supersedes": ordered[k - 1].id if k else None,
                       "superseded_by": ordered[k + 1].id if k + 1 < len(ordered) else None,
                       "version": k + 1}
    return out


def unlinked(meta: Mapping) -> set[str]:
    """The documents the user said are not versions of this one."""
    value = meta.get(UNLINKED_KEY) or []
    return {str(v) for v in value} if isinstance(value, list) else set()
