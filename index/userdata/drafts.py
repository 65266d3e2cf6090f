"""Edits of notes the notes database refused, kept in a file of their own until they are written.

The notes panel writes what was typed 1.5 s after the typing stops. When the database refuses (another
program holds it locked, the disk it is on went read-only), the text stays in the editor and the user is
told; but a crash or a power cut before the next write lost it. Each refused edit is kept here instead
(``keep``: ``unsaved-notes.json`` beside ``zoneref.db``, written whole), dropped once a write of that note
succeeds (``drop``), and written at the next start (``apply``) through ``NoteStore.save_edit``, which loses
nothing another process did to the note meanwhile. A file that cannot be read is set aside, never deleted.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from index.base import jsondata
from index.base.durable import write_whole

log = logging.getLogger(__name__)

FILE_NAME = "unsaved-notes.json"
_EDIT_KEYS = ("note", "color", "tags")


def _path(home: Path) -> Path:
    return Path(home) / FILE_NAME


def pending(home: Path) -> list[dict[str, Any]]:
    """The edits kept, oldest first: ``{"base": the note as the editor read it, "edit": {note, color, tags}}``.

    A file that is not such a list is renamed ``unsaved-notes.json.unreadable`` (kept for the user) and
    nothing is pending.
    """
    path = _path(home)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return []
    except OSError as exc:
        log.warning("the unsaved notes in %s cannot be read: %s", path, exc)
        return []
    try:
        data = jsondata.parse(raw)
        if not isinstance(data, list) or not all(isinstance(d, dict) and isinstance(d.get("base"), dict)
                                                 and isinstance(d.get("edit"), dict) for d in data):
            raise ValueError("not a list of kept edits")
    except ValueError as exc:
        log.warning("%s is damaged (%s): set aside", path, exc)
        try:
            path.replace(path.with_name(FILE_NAME + ".unreadable"))
        except OSError:
            pass
        return []
    return data


def _write(home: Path, kept: list[dict]) -> None:
    path = _path(home)
    if not kept:
        path.unlink(missing_ok=True)
        return
    text = json.dumps(kept, ensure_ascii=False, indent=1)
    write_whole(path, lambda tmp: tmp.write_text(text, encoding="utf-8"), suffix=".partial")


def keep(home: Path, base: dict, edit: dict) -> None:
    """Keep an edit the database refused: ``base`` is the note's record as the editor read it (``to_dict``),
    ``edit`` the fields typed (``note``, ``color``, ``tags``; absent ones were not edited). A later edit of the
    same note replaces the earlier one (it holds all of it).

    Raises:
        OSError: the file cannot be written either.
    """
    kept = [d for d in pending(home) if d["base"].get("uuid") != base.get("uuid")]
    kept.append({"base": base, "edit": {k: v for k, v in edit.items() if k in _EDIT_KEYS and v is not None}})
    _write(home, kept)


def drop(home: Path, uuid: str) -> None:
    """Forget the kept edit of note ``uuid`` (it was written); nothing if none is kept."""
    if not _path(home).exists():
        return
    kept = pending(home)
    rest = [d for d in kept if d["base"].get("uuid") != uuid]
    if len(rest) != len(kept):
        _write(home, rest)


def apply(store, home: Path) -> tuple[int, int]:
    """Write the kept edits through ``store.save_edit``; each written one is dropped, the others stay.

    Returns:
        (written, still kept).
    """
    from index.userdata.notes import Annotation

    kept = pending(home)
    if not kept:
        return 0, 0
    rest = []
    for d in kept:
        try:
            store.save_edit(Annotation.from_dict(d["base"]), **d["edit"])
        except Exception as exc:  # noqa: BLE001 - a locked database, a bad record: kept for the next time
            log.warning("a kept note edit could not be written yet: %s", exc)
            rest.append(d)
    _write(home, rest)
    return len(kept) - len(rest), len(rest)
