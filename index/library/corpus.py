"""The library: bundled and imported documents with their clauses.

``Corpus`` is the one object the front ends hold. It loads documents lazily,
parses each into clauses once, and answers lookups by id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from index.base import paths
from index.base.errors import ContentError, UnknownIdError
from index.library.documents import DocId, Document, load_header
from index.library.headers import load_headers
from index.library.national import NATIONAL

if TYPE_CHECKING:  # the clause parser loads when a document's clauses are first asked for, not at start-up
    from index.library.clauses import Clause, ClauseId

_FULLWIDTH_LABEL = str.maketrans({"(": "（", ")": "）"})


class Corpus:
    """Documents and their clauses.

    Args:
        content_dir: bundled documents (read-only); default ``content/docs``.
        imported_dir: the user's imported documents; default in the user
            data folder. Pass ``None`` to use only bundled content.
        one_pass: keep only the latest document's text and clauses, for one
            pass over a large library (a bulk index build) in bounded memory;
            lookups within the current document work as usual.
        bundled_headers: a file to cache the bundled documents' front matter
            in (``index.library.headers``; their folder is read-only), or None
            to parse it every time.
    """

    def __init__(self, content_dir: Path | None = None, imported_dir: Path | None | str = "default",
                 one_pass: bool = False, bundled_headers: Path | None = None):
        self.content_dir = content_dir or paths.content_dir() / "docs"
        if imported_dir == "default":
            imported_dir = paths.user_home() / "documents"
        self.imported_dir = imported_dir
        self.one_pass = one_pass
        self.bundled_headers = bundled_headers
        self._docs: dict[DocId, Document] | None = None
        self._clauses: dict[DocId, list[Clause]] = {}
        self._by_id: dict[ClauseId, Clause] = {}
        self._tails: dict[DocId, dict[ClauseId, str]] = {}
        self._versions: dict | None = None

    # -- documents -----------------------------------------------------
    def _load(self) -> dict[DocId, Document]:
        if self._docs is None:
            docs: dict[DocId, Document] = {}
            for folder, source in ((self.content_dir, "bundled"), (self.imported_dir, "imported")):
                if folder is None or not Path(folder).is_dir():
                    continue
                if source == "imported":  # thousands of files: front matter cached (index.library.headers)
                    found = load_headers(Path(folder), source)
                elif self.bundled_headers is not None:
                    found = load_headers(Path(folder), source, cache=self.bundled_headers)
                else:
                    found = [load_header(path, source=source) for path in sorted(Path(folder).glob("*.md"))]
                for doc in found:
                    if doc.id in docs:
                        raise ContentError(f"{doc.path}: duplicate document id {doc.id}")
                    docs[doc.id] = doc
            self._docs = docs
        return self._docs

    def reload(self) -> None:
        """Forget everything loaded; the next call reads the folders again."""
        self._docs = None
        self._versions = None
        self._forget_clauses()

    def _forget_clauses(self) -> None:
        self._clauses.clear()
        self._by_id.clear()
        self._tails.clear()

    def documents(self) -> list[Document]:
        """All documents: national ones (全国, the baseline officials compare with) first, then bundled,
        then imported, each group by region then id."""
        return sorted(self._load().values(), key=lambda d: (d.region != NATIONAL, d.source != "bundled", d.region, d.id))

    def document(self, doc_id: str) -> Document:
        try:
            return self._load()[DocId(doc_id)]
        except KeyError:
            raise UnknownIdError("document", doc_id) from None

    def has_document(self, doc_id: str) -> bool:
        return DocId(doc_id) in self._load()

    def versions(self) -> dict:
        """Each document that has other versions: its ``index.library.versions.Member`` (status, latest).

        Kept until ``reload``: every search asks which documents are not the latest.
        """
        if self._versions is None:
            from index.library import versions

            self._versions = versions.statuses(self.documents())
        return self._versions

    # -- clauses -------------------------------------------------------
    def clauses(self, doc_id: str) -> list[Clause]:
        """The clauses of one document, in document order."""
        doc = self.document(doc_id)
        if doc.id not in self._clauses:
            if self.one_pass:
                self._forget_clauses()  # the previous document is done
            from index.library.clauses import parse_clauses

            found = parse_clauses(doc.id, doc.read_body() if self.one_pass else doc.body)
            self._clauses[doc.id] = found
            for clause in found:
                self._by_id[clause.id] = clause
        return self._clauses[doc.id]

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
            return self._by_id[clause_id]
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
            others = list(all_parts.values())
            tails = {cid: shortest_unique_tail(p, others) for cid, p in all_parts.items()}
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


def display_name(clause: Clause) -> str:
    """How a clause is named in a heading path: 'label heading', either may be missing."""
    label = (clause.label or "").rstrip("、.．,，")
    if clause.heading:
        return f"{clause.label or ''}{clause.heading}" if clause.label else clause.heading
    return label or {"preamble": "前言", "closing": "落款", "appendix": "附"}.get(clause.kind, "")


def citation_parts(clause: Clause, ancestors: list[Clause]) -> list[str]:
    """Each level's citable name: （十二）, 第九条, 第二款, or “heading” if unnumbered."""
    parts: list[str] = []
    for node in [*ancestors, clause]:
        if node.kind in ("preamble", "closing"):
            return [{"preamble": "前言", "closing": "落款"}[node.kind]]
        if node.kind == "paragraph":
            parts.append(f"第{_cn(int(node.id.rsplit('/k', 1)[1].split('~')[0]))}款")
        elif node.label:
            parts.append(node.label.translate(_FULLWIDTH_LABEL).rstrip("、.．,，"))
        elif node.heading:
            parts.append(f"“{node.heading}”")
    return parts


def shortest_unique_tail(parts: list[str], others: list[list[str]]) -> str:
    """The shortest tail of ``parts`` that no other clause's path ends with.

    吉林's running （十二） stands alone; 浙江's (一), repeated in every
    chapter, becomes 二（一）; 第九条第二款 keeps its article.
    """
    for k in range(1, len(parts) + 1):
        tail = parts[-k:]
        if tail[0].endswith("款") and k < len(parts):
            continue
        if sum(1 for o in others if o[-k:] == tail) <= 1:
            return "".join(tail)
    return "".join(parts)


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)
