"""Whether a unit states its document's purpose and basis (``content/frames.yaml``).

A regulation says it in its 第一条 (为了……，根据……，制定本条例), a policy in its
opening (为……，现提出如下意见): the comparison's ``purpose`` signal pairs the two.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from index.base import paths
from index.base.errors import ContentError
from index.compare.wording import matching_text


def frames_path() -> Path:
    return paths.content_dir() / "frames.yaml"


@functools.cache
def _purpose(path: Path | None = None) -> re.Pattern[str]:
    import yaml

    path = path or frames_path()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        patterns = [str(p) for p in data["purpose"]]
        if not patterns or not all(patterns):
            raise ValueError("'purpose' must list non-empty patterns")
        return re.compile("|".join(f"(?:{p})" for p in patterns))
    except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError, re.error) as exc:
        raise ContentError(f"{path}: cannot read the purpose patterns ({exc})") from exc


def states_purpose(text: str) -> bool:
    """Whether ``text`` (original script) states its document's purpose and basis.

    Read in the comparison's matching form (``wording.matching_text``: normalised, responsibility notes
    blanked), which the first pass has already made, and kept, for every candidate.
    """
    return _purpose().search(matching_text(text)) is not None
