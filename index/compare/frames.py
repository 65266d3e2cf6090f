"""The role a unit plays in its document's frame (``content/frames.yaml``): purpose, scope, goals or guidance.

A document opens the same way whatever it regulates: it states its purpose
and basis (a regulation's 第一条 为了……，根据……，制定本条例; a policy's opening
为……，现提出如下意见), a regulation then its scope and terms (第二条 本条例适用于……；
本条例所称开发区，是指……), and a policy its guidance (指导思想, 基本原则,
重要意义) and its goals (发展目标, 目标要求 and the items under them). Units
in the same role are each other's likeliest counterparts whatever else they
mention: the comparison's ``frame`` signal pairs them, and coverage lists a
unit under a topic whose ``roles`` name its role (``topics.unit_values``).

Purpose and scope are read from the unit's text; goals and guidance from its own
heading or, for an item without such a heading of its own, the heading of
the list it stands in (the nearest heading above).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from pathlib import Path

from index.base import paths, yamldata
from index.base.errors import ContentError
from index.compare.wording import matching_text

PURPOSE, SCOPE, GOALS, GUIDANCE = "purpose", "scope", "goals", "guidance"
ROLE_NAMES = {PURPOSE: "制定目的与依据", SCOPE: "适用范围与定义", GOALS: "发展目标",
              GUIDANCE: "指导思想与基本原则"}  # shown as evidence
_HEAD_END = re.compile(r"[\s。.:：；;，,]+$")


def frames_path() -> Path:
    return paths.content_dir() / "frames.yaml"


@dataclasses.dataclass(frozen=True)
class _Patterns:
    purpose: re.Pattern[str]  # searched in a unit's text
    scope: re.Pattern[str]  # searched in a unit's text
    headings: tuple[tuple[str, re.Pattern[str]], ...]  # (role, pattern a whole heading matches)


def _compiled(data: dict, key: str) -> re.Pattern[str]:
    patterns = [str(p) for p in data[key]]
    if not patterns or not all(patterns):
        raise ValueError(f"'{key}' must list non-empty patterns")
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@functools.cache
def _patterns(path: Path | None = None) -> _Patterns:
    path = path or frames_path()
    try:
        data = yamldata.load(path)  # kept parsed: a comparison does not import PyYAML
        return _Patterns(_compiled(data, "purpose"), _compiled(data, "scope"),
                         tuple((role, _compiled(data, role)) for role in (GUIDANCE, GOALS)))
    except (OSError, KeyError, TypeError, ValueError, re.error) as exc:
        raise ContentError(f"{path}: cannot read the frame patterns ({exc})") from exc


def states_purpose(text: str) -> bool:
    """Whether ``text`` (original script) states its document's purpose and basis.

    Read in the comparison's matching form (``wording.matching_text``: normalised, responsibility notes
    blanked), which the first pass has already made, and kept, for every candidate.
    """
    return _patterns().purpose.search(matching_text(text)) is not None


def states_scope(text: str) -> bool:
    """Whether ``text`` (original script) states which zones its document applies to or what it calls them
    (本条例适用于……, ……适用本条例, 本条例所称开发区); read like ``states_purpose``."""
    return _patterns().scope.search(matching_text(text)) is not None


def heading_role(heading: str) -> str | None:
    """``GOALS`` or ``GUIDANCE`` when the whole heading (either script) introduces them, else None."""
    head = _HEAD_END.sub("", matching_text(heading).strip())
    if not head:
        return None
    for role, pattern in _patterns().headings:
        if pattern.fullmatch(head):
            return role
    return None


def unit_role(unit) -> str | None:
    """``role`` of an ``index.compare.units.Unit``."""
    return role(unit.text, unit.clause.heading, unit.context)


def plays(unit, wanted: str) -> bool:
    """``unit_role(unit) == wanted``, the unit's text not read when its headings rule it out: a unit plays
    ``PURPOSE`` or ``SCOPE`` if its text states it, else the role its headings give; so it plays goals or guidance only if its
    headings give that role (most units of a document: read in their headings alone)."""
    if wanted in (GOALS, GUIDANCE) and _headed(unit.clause.heading, unit.context) != wanted:
        return False
    return unit_role(unit) == wanted


@functools.lru_cache(maxsize=65_536)
def role(text: str, heading: str | None, context: str) -> str | None:
    """The unit's role in its document's frame: ``PURPOSE``, ``SCOPE``, ``GOALS``, ``GUIDANCE`` or None.

    Args:
        text: the unit's text (original script).
        heading: its own heading, if any.
        context: the headings above it, outermost first, space-separated (``units.Unit.context``).
    """
    if states_purpose(text):
        return PURPOSE
    if states_scope(text):
        return SCOPE
    return _headed(heading, context)


@functools.lru_cache(maxsize=65_536)
def _headed(heading: str | None, context: str) -> str | None:
    """The role a unit's headings give it: its own heading's, or else that of the nearest heading above."""
    own = heading_role(heading or "")
    if own is not None or not context:
        return own
    return heading_role(context.rsplit(" ", 1)[-1])
