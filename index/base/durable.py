"""Making writes survive a crash: flush a file, or a folder's renames, to the disk; write a cache file or an
exported file whole."""

from __future__ import annotations

import errno
import logging
import os
import stat
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

log = logging.getLogger(__name__)


def fsync_file(path: Path) -> None:
    """Flush a written file's contents to the disk (before it is renamed into place)."""
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def fsync_dir(folder: Path) -> None:
    """Make the renames in ``folder`` durable (POSIX; a no-op where folders cannot be opened)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows: folders cannot be opened; its renames are durable without it
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_cache(path: Path) -> bytes:
    """A cache file's bytes, or ``b""`` if it cannot be read (missing, unreadable: made again by the caller)."""
    try:
        return path.read_bytes()
    except OSError:
        return b""


def write_cache(path: Path, data: bytes) -> None:
    """Write a cache file atomically: a reader (another command meanwhile) sees the old file or the new, never a
    part. Not flushed to the disk: a cache is checked when read, and a failed write (logged) only costs the
    same work next time."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")  # one per writer
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("cache not kept at %s: %s", path, exc)
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


# On Windows a file another program has open without FILE_SHARE_DELETE (a report open in Word, WPS or Excel;
# for a moment, an antivirus scanner or the search indexer) cannot be replaced: PermissionError. A moment's hold
# passes: ``replace`` tries again, waiting longer each time (~1.5 s in all), before it gives up.
REPLACE_WAITS = (0.05, 0.1, 0.2, 0.4, 0.8)

IN_USE = ("it is open in another program (Word, WPS, Excel?) or may not be replaced: close it there or "
          "choose another name; the file was left as it was")


def _patiently(act: Callable[[], object], path: Path, waits: tuple[float, ...]) -> None:
    """``act()``, tried again after each of ``waits`` while it raises ``PermissionError``; the last try's
    error is raised."""
    for wait in waits:
        try:
            act()
            return
        except PermissionError:
            log.debug("%s is in use; trying again in %.2f s", path, wait)
            time.sleep(wait)
    act()


def replace(src: Path, dst: Path, waits: tuple[float, ...] = REPLACE_WAITS, says: str | None = IN_USE) -> None:
    """``os.replace(src, dst)``, tried again after each of ``waits`` while it raises ``PermissionError``.

    Raises:
        PermissionError: still refused after the last wait (``strerror`` is ``says``, ``IN_USE`` unless told:
            on Windows the file is open in another program; ``None``: the system's own error); ``src`` is left
            where it is.
        OSError: any other failure, at once.
    """
    try:
        _patiently(lambda: os.replace(src, dst), dst, waits)
    except PermissionError as exc:
        if says is None:
            raise
        raise PermissionError(exc.errno or errno.EACCES, says, str(dst)) from exc


def remove(path: Path, waits: tuple[float, ...] = REPLACE_WAITS) -> None:
    """``os.remove(path)``, tried again after each of ``waits`` while it raises ``PermissionError`` (Windows: a
    file another process has open for a moment cannot be deleted).

    Raises:
        OSError: the system's error, once the waits are over (at once for any but ``PermissionError``).
    """
    _patiently(lambda: os.remove(path), path, waits)


def _remove(tmp: Path) -> None:
    """Remove a temporary file, read-only or not (Windows refuses to delete a read-only file)."""
    try:
        tmp.unlink(missing_ok=True)
    except PermissionError:
        try:
            os.chmod(tmp, stat.S_IWRITE | stat.S_IREAD)
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
    except OSError:
        pass  # removed already, or the folder went away: nothing to clean


def check_replaceable(path: Path) -> None:
    """Refuse a target that writing a file whole would destroy: anything but a regular file (or nothing).

    A device (``/dev/null``, a printer), a named pipe or ``/dev/stdout`` renamed over is gone for every
    program that used it; a folder cannot be. A symbolic link is followed: a link to a device is refused.

    Raises:
        OSError: the target exists and is not a regular file (``strerror`` says what it is).
    """
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # nothing there (or nothing reachable): creating it is the writer's to try
    if stat.S_ISDIR(mode):
        raise OSError(errno.EISDIR, "it is a folder, not a file")
    if not stat.S_ISREG(mode):
        raise OSError(errno.EINVAL, "it is not a regular file (a device or a pipe): give a file name")


# The process's umask, read once when this module is first imported (reading it means setting it, which
# another thread creating a file at that instant would see).
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _mode_for(path: Path) -> int:
    """The permissions a file written at ``path`` gets: the replaced file's, else a new file's (0666 less the
    umask)."""
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return 0o666 & ~_UMASK


def write_whole(path: Path, write: Callable[[Path], object], suffix: str = "") -> Path:
    """Write ``path`` whole: ``write(tmp)`` writes a temporary file in the same folder, renamed over ``path``.

    A failure never leaves half a file where the old one was, and nothing but a regular file is replaced
    (``check_replaceable``). The temporary file has a short name of its own
    (``.zoneref-XXXX{suffix}``): a name made from ``path``'s (``name.partial``) could be too long where
    ``path``'s is not. The new file keeps the permissions of the one it replaces (a private notes export
    stays private), else gets those a new file gets (the umask's); its contents reach the disk before the
    rename, so a power cut leaves the old file or the new one, never an empty one. A target another program
    holds open (Windows: a report open in Word) is tried again for a moment (``replace``), then left as it was.

    Returns:
        ``path``.

    Raises:
        OSError: the file cannot be written (no folder, no permission, disk full, name too long, not a
            regular file); the temporary file is removed.
        PermissionError: the target cannot be replaced (``strerror`` is ``IN_USE``: open in another program).
    """
    path = Path(path)
    check_replaceable(path)
    fd, name = tempfile.mkstemp(prefix=".zoneref-", suffix=suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.chmod(tmp, _mode_for(path))  # mkstemp makes it private (0600)
        fsync_file(tmp)
        check_replaceable(path)  # again: a pipe may have been made there while the file was written
        replace(tmp, path)
        fsync_dir(path.parent)
    finally:
        _remove(tmp)  # read-only when the replaced file was (Windows will not delete it so)
    return path
