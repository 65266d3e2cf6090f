"""Where things live: bundled content (read-only) and the user data folder."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

APP_NAME = "ZoneRef"


def bundle_root() -> Path:
    """The folder that holds ``content/`` and ``resources/``.

    From source it is the repository root; in a PyInstaller bundle it is the
    unpacked bundle folder (``sys._MEIPASS``).
    """
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    return Path(__file__).resolve().parents[2]


def content_dir() -> Path:
    """The bundled, read-only documents folder."""
    return bundle_root() / "content"


def compare_model() -> Path:
    """The comparison scorer's shipped model (``index.compare.scoring``).

    Named here because stored topic tags depend on it too (``topics.tagger_version``, read by every
    coverage): that check must not load the scorer and numpy.
    """
    return content_dir() / "compare_model.json"


def topic_exemplars() -> Path:
    """The labelled units whose vote is a topic-membership signal (``index.compare.exemplars``); named here for
    the same reason as ``compare_model``."""
    return content_dir() / "topic_exemplars.json"


def resources_dir() -> Path:
    return bundle_root() / "resources"


def user_home() -> Path:
    """The user data folder: ``ZONEREF_HOME`` if set, else the platform's.

    Created on first use. Nothing is ever written next to the executable or
    into ``content/``.
    """
    env = os.environ.get("ZONEREF_HOME")
    if env:
        # Absolute: the library manifest keeps each file's folder, and a relative name read from another
        # working directory made every document look moved (3,500 files read again, ~5 s).
        path = Path(os.path.abspath(Path(env).expanduser()))  # and ".." folded, links left as they are
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))
    path.mkdir(parents=True, exist_ok=True)
    return path


def imported_dir() -> Path:
    """Imported documents, stored as Markdown with front matter like ``content/``."""
    path = user_home() / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def display_name(name: str | os.PathLike) -> str:
    """A file name or path as real text, fit to store, print and show.

    On POSIX, Python hands a name whose bytes are not UTF-8 over with
    surrogate escapes (PEP 383): ``'\\udcbf\\udcaa…'``. Such a string opens
    the file but can be written to neither YAML, JSON nor a UTF-8 terminal.
    Each part of the path is decoded on its own (a GBK name in a UTF-8
    folder is common) as UTF-8, then GB18030 (``text.decode_escaped``);
    bytes neither explains become U+FFFD.

    Args:
        name: a name or path as ``os.walk``/``sys.argv`` produced it.

    Returns:
        Text without surrogates (the original name stays what opens the file).
    """
    from index.base.text import decode_escaped, has_surrogates

    text = os.fsdecode(os.fspath(name))
    if not has_surrogates(text):
        return text
    return os.sep.join(decode_escaped(part) for part in text.split(os.sep))


def system_user_name() -> str:
    """The name of the user running the program (login name), or "" if the system does not say."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no USER/LOGNAME and no passwd entry (some containers)
        return ""
