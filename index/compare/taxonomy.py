"""The policy topic taxonomy (``content/topics.yaml``) and finding its words in a text.

A clause's keywords give each topic a weight: a keyword in the heading is
strong evidence, keywords in the text add up (saturating), synonyms count
for less. The taxonomy's ``ignore`` phrases (office names such as 商务厅) are
masked before matching, since naming a department is not treating its
subject. ``index.compare.topics`` turns these weights into membership and
coverage; this module knows nothing of units or models.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

from index.base import paths, yamldata
from index.base.errors import ContentError, KnownError, UnknownIdError
from index.base.text import normalise
from index.compare.wording import matching_text

HEADING_WEIGHT = 3.0
KEYWORD_WEIGHT = 1.0
SYNONYM_WEIGHT = 0.5


class UnknownTopicError(UnknownIdError, code="unknown_topic"):
    """A topic name or id that the taxonomy does not have (an unknown id like any other: CLI exit 2)."""

    def __init__(self, name: str):
        KnownError.__init__(self, f"unknown topic: {name}")
        self.kind, self.ident, self.name = "topic", name, name


@dataclasses.dataclass(frozen=True)
class Topic:
    """One topic of the taxonomy (``content/topics.yaml``), in file order.

    ``id`` is stable (settings and comparison labels keep it); ``name`` and
    ``name_traditional`` are what the user reads. ``keywords`` and ``synonyms``
    are kept as written; matching normalises them (both scripts fold together)
    and weighs a synonym below a keyword.
    """

    id: str
    name: str
    name_traditional: str
    keywords: tuple[str, ...]
    synonyms: tuple[str, ...]
    roles: tuple[str, ...] = ()  # frame roles whose units treat the topic (``index.compare.frames``: goals …)

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "name_traditional": self.name_traditional,
                "keywords": list(self.keywords), "synonyms": list(self.synonyms), "roles": list(self.roles)}


def topics_path() -> Path:
    return paths.content_dir() / "topics.yaml"


@functools.cache
def _taxonomy_file(path: Path) -> dict:
    """The taxonomy file's data, read once a process (``yamldata``: kept parsed): ``load_topics`` and
    ``_ignored`` both read it. Shared: read it, never change it.

    Raises:
        ContentError: the file is missing or is not YAML.
    """
    try:
        return yamldata.load(path)  # kept parsed: a comparison does not import PyYAML
    except (OSError, ValueError) as exc:
        raise ContentError(f"{path}: cannot read the topic taxonomy ({exc})") from exc


@functools.cache
def load_topics(path: Path | None = None) -> tuple[Topic, ...]:
    """The taxonomy, in file order.

    Args:
        path: a taxonomy file; default ``content/topics.yaml``.

    Raises:
        ContentError: the file is missing or malformed.
    """
    path = path or topics_path()
    data = _taxonomy_file(path)
    try:
        out = []
        for item in data["topics"]:
            out.append(Topic(
                id=str(item["id"]), name=str(item["name"]),
                name_traditional=str(item.get("name_traditional") or item["name"]),
                keywords=tuple(str(w) for w in item.get("keywords") or ()),
                synonyms=tuple(str(w) for w in item.get("synonyms") or ()),
                roles=tuple(str(r) for r in item.get("roles") or ()),
            ))
    except (KeyError, TypeError) as exc:
        raise ContentError(f"{path}: cannot read the topic taxonomy ({exc})") from exc
    if len({t.id for t in out}) != len(out):
        raise ContentError(f"{path}: duplicate topic ids")
    return tuple(out)


@functools.cache
def _ignored(path: Path | None = None) -> tuple[str, ...]:
    """The taxonomy's ``ignore`` phrases (office names: 商务厅), normalised, longest first."""
    data = _taxonomy_file(path or topics_path())
    words = {normalise(str(w)) for w in (data.get("ignore") or ()) if str(w).strip()}
    return tuple(sorted(words, key=len, reverse=True))


def _masked(norm: str) -> str:
    """``norm`` with the ``ignore`` phrases blanked out (same length, so offsets hold)."""
    for phrase in _ignored():
        if phrase in norm:
            norm = norm.replace(phrase, "\u3000" * len(phrase))
    return norm


@functools.cache
def _matchers(path: Path | None = None) -> dict[str, tuple[tuple[str, str, float], ...]]:
    """(topic id, normalised word, weight) keyed by the word's first two characters.

    Both scripts fold together. Only words whose first bigram occurs in a
    text can occur in it, so tagging looks up the text's bigrams instead of
    scanning every word of every topic.
    """
    index: dict[str, list[tuple[str, str, float]]] = {}
    # ``f()`` and ``f(None)`` are two entries of a functools.cache: the default asked as the callers ask it.
    for topic in load_topics() if path is None else load_topics(path):
        words: dict[str, float] = {}
        for w in topic.synonyms:
            words[normalise(w)] = SYNONYM_WEIGHT
        for w in topic.keywords:
            words[normalise(w)] = KEYWORD_WEIGHT
        for word, weight in words.items():
            index.setdefault(word[:2], []).append((topic.id, word, weight))
    return {k: tuple(v) for k, v in index.items()}


def _prefixes(norm: str) -> set[str]:
    """The two-character windows of ``norm`` that start with the first character of some topic word's
    first bigram (one regex scan, in C; the caller keeps those that are such bigrams)."""
    return set(_window_finder().findall(norm))


@functools.cache
def _window_finder(path: Path | None = None) -> re.Pattern[str]:
    matchers = _matchers() if path is None else _matchers(path)  # as ``topic_hits`` asks: made once, not twice
    firsts = sorted({key[0] for key in matchers if len(key) == 2})
    return re.compile(f"(?=([{''.join(map(re.escape, firsts))}].))", re.S) if firsts else re.compile("(?!)")


def find_topic(name: str) -> Topic:
    """A topic by id or by name in either script.

    Raises:
        UnknownTopicError: no such topic.
    """
    key = normalise(name.strip())
    for topic in load_topics():
        if key in (topic.id, normalise(topic.name), normalise(topic.name_traditional)):
            return topic
    raise UnknownTopicError(name)


@functools.lru_cache(maxsize=65536)
def topic_hits(heading: str, text: str) -> dict[str, tuple[float, tuple[str, ...], bool]]:
    """Per topic: (weight, the topic words found, whether one is in the heading).

    A word in the heading counts ``HEADING_WEIGHT`` times; in the text each
    occurrence counts once, saturating at 3 (a long clause repeating 土地 is
    not 5x about land); synonyms count half.
    """
    norm_heading = _masked(normalise(heading))
    norm_text = _masked(matching_text(text))
    matchers = _matchers()
    out: dict[str, list] = {}
    # Only the bigrams some topic word starts with (a set intersection, in C): most of a text's are none.
    # Set order (string hashing) varies between processes: the sums do not depend on it (halves add exactly),
    # the words are sorted below.
    for prefix in (_prefixes(norm_heading) | _prefixes(norm_text)) & matchers.keys():
        for tid, word, weight in matchers[prefix]:
            total = 0.0
            in_heading = word in norm_heading
            if in_heading:
                total += HEADING_WEIGHT * weight
            hits = norm_text.count(word)
            if hits:
                total += weight * min(hits, 3)
            if total:
                rec = out.setdefault(tid, [0.0, [], False])
                rec[0] += total
                rec[1].append(word)
                rec[2] = rec[2] or in_heading
    return {tid: (w, tuple(sorted(words, key=lambda word: (-len(word), word))), h) for tid, (w, words, h) in out.items()}


def score_text(heading: str, text: str) -> dict[str, float]:
    """Topic weights of a clause given its heading and text (original script).

    Returns:
        ``{topic_id: weight}`` for topics with any evidence.
    """
    return {tid: w for tid, (w, _, _) in topic_hits(heading, text).items()}
