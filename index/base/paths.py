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


def resources_dir() -> Path:
    return bundle_root() / "resources"


def user_home() -> Path:
    """The user data folder: ``ZONEREF_HOME`` if set, else the platform's.

    Created on first use. Nothing is ever written next to the executable or
    into ``content/``.
    """
    env = os.environ.get("ZONEREF_HOME")
    if env:
        path = Path(env).expanduser()
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


def system_user_name() -> str:
    """The name of the user running the program (login name), or "" if the system does not say."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no USER/LOGNAME and no passwd entry (some containers)
        return ""
