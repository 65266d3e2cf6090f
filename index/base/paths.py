"""Where things live: bundled content (read-only) and the user data folder."""

from __future__ import annotations

import getpass
import os
import re
import sys
from pathlib import Path

from index.base.errors import KnownError

APP_NAME = "ZoneRef"


class UnusableHomeError(KnownError, code="unusable_home"):
    """The user data folder (``ZONEREF_HOME``, or the platform's) cannot be made or used: a file is where it
    should be, a part of its path is a file, or it may not be read and written."""



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

    Raises:
        UnusableHomeError: it cannot be made (a file is there, or a part of
            its path is a file) or may not be opened (read and entered); the
            message names it and why (a FileExistsError, NotADirectoryError or
            PermissionError traceback before). A folder that cannot be
            written is usable: what it holds is shown read-only.
    """
    env = os.environ.get("ZONEREF_HOME")
    if env:
        # Windows' 复制为路径 (Copy as path) and ``set ZONEREF_HOME="D:\资料"`` in cmd keep the quotes in the value:
        # a folder named with quotes under the working directory was made. No path is quoted on purpose.
        env = env.strip()
        if len(env) > 1 and env[0] == env[-1] == '"':
            env = env[1:-1].strip()
    if env:
        # Absolute: the library manifest keeps each file's folder, and a relative name read from another
        # working directory made every document look moved (3,500 files read again, ~5 s).
        path = Path(os.path.abspath(Path(env).expanduser()))  # and ".." folded, links left as they are
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=True))
    _check_home(path, f"ZONEREF_HOME {env}" if env else f"the ZoneRef data folder {path}")
    return path


def unmade_reason(exc: OSError) -> str:
    """Why ``Path.mkdir(parents=True, exist_ok=True)`` failed, in words for a message (its FileExistsError,
    NotADirectoryError or PermissionError traceback before)."""
    if isinstance(exc, FileExistsError):  # mkdir(exist_ok) raises this only when what is there is not a folder
        return "a file is there, not a folder"
    if isinstance(exc, NotADirectoryError):
        return "a part of its path is a file, not a folder"
    return exc.strerror or str(exc)


def _check_home(path: Path, named: str) -> None:
    """Make the folder if need be and check it may be read and written (``UnusableHomeError`` if not)."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = unmade_reason(exc)
        if not isinstance(exc, FileExistsError | NotADirectoryError):
            reason = f"it cannot be made: {reason}"
        raise UnusableHomeError(f"{named} is not a usable folder ({reason})") from exc
    # Read and entered, not necessarily written: a read-only folder is still shown (notes read-only, README).
    if not os.access(path, os.R_OK | os.X_OK):
        raise UnusableHomeError(f"{named} is not a usable folder (permission denied: this user may not open it)")


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


# Names Windows keeps for devices, with or without an extension (``CON.json`` is the console, ``NUL.docx`` nothing).
_DEVICE_NAMES = frozenset({"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
                           *(f"{kind}{n}" for kind in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³"))})
# What no Windows file name may hold (and "/" no POSIX one), control characters, and runs of white space.
_NOT_IN_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f\s]+')
# A file name's stem, at most: ext4 and most Linux file systems take 255 bytes a name, and a Chinese
# character is 3 in UTF-8; room is left for the suffix, and for a path under Windows' 260 characters.
NAME_BYTES = 150


def file_name(text: str, default: str = "export", max_bytes: int = NAME_BYTES) -> str:
    """``text`` (a title, a set's name, a query) as a file name's stem that every system takes.

    Characters Windows refuses (``<>:"/\\|?*``), control characters and white space become ``_``; trailing dots
    and spaces go (Windows drops them, so ``报告.`` and ``报告`` would be one file), and leading dots (a hidden file
    on Linux); a device name (``CON``,
    ``nul``, ``COM1``, with or without an extension) gets a ``_`` after it; the name is cut, at a character,
    to ``max_bytes`` UTF-8 bytes (255 a name on ext4: 85 Chinese characters, not 255).

    Returns:
        The stem, never empty (``default`` when nothing is left).
    """
    name = _NOT_IN_NAMES.sub("_", str(text)).strip("_").lstrip("._")  # ".招商": a hidden file on Linux
    name = name.encode("utf-8", "replace")[:max_bytes].decode("utf-8", "ignore")  # a character cut in two goes
    name = name.rstrip(". _")
    if not name:
        return default
    if name.split(".", 1)[0].upper() in _DEVICE_NAMES:
        name = name.split(".", 1)[0] + "_" + name[len(name.split(".", 1)[0]):]
    return name


def system_user_name() -> str:
    """The name of the user running the program (login name), or "" if the system does not say."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no USER/LOGNAME and no passwd entry (some containers)
        return ""
