import errno
import os
import stat
import time

import pytest

from index.base import durable


def test_fsync_file_flushes_the_file_and_keeps_its_bytes(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes("开发区".encode())
    synced = []
    real = os.fsync
    monkeypatch.setattr(durable.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    durable.fsync_file(path)
    assert len(synced) == 1 and path.read_bytes() == "开发区".encode()


def test_fsync_file_on_a_missing_file_raises(tmp_path):
    with pytest.raises(FileNotFoundError):
        durable.fsync_file(tmp_path / "gone")


def test_fsync_dir_is_a_no_op_where_a_folder_cannot_be_opened_or_synced(tmp_path, monkeypatch):
    durable.fsync_dir(tmp_path)  # POSIX: opens, syncs, closes
    durable.fsync_dir(tmp_path / "missing")  # cannot be opened: nothing to do, no error

    def refuse(fd):
        raise OSError("EINVAL")

    monkeypatch.setattr(durable.os, "fsync", refuse)
    durable.fsync_dir(tmp_path)  # some file systems refuse fsync on a folder


def test_a_cache_file_is_written_whole_and_a_failed_write_leaves_nothing(tmp_path):
    path = tmp_path / "kept" / "d0.clauses"
    assert durable.read_cache(path) == b""  # missing: made again by the caller
    durable.write_cache(path, b"first")
    durable.write_cache(path, b"second")
    assert durable.read_cache(path) == b"second"
    assert [p.name for p in path.parent.iterdir()] == ["d0.clauses"]  # no temporary file left
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    durable.write_cache(blocked / "d0.clauses", b"x")  # cannot be written: no error, nothing left
    assert durable.read_cache(blocked / "d0.clauses") == b""
    assert {p.name for p in tmp_path.iterdir()} >= {"blocked", "kept"} and not list(tmp_path.glob(".*.tmp"))


def test_write_whole_replaces_the_file_and_leaves_nothing_else(tmp_path):
    tmp_path = tmp_path / "out"  # beside the test's ZONEREF_HOME
    tmp_path.mkdir()
    target = tmp_path / "报告.csv"
    target.write_text("old", encoding="utf-8")
    durable.write_whole(target, lambda tmp: tmp.write_text("new", encoding="utf-8"), suffix=".csv")
    assert target.read_text(encoding="utf-8") == "new" and [p.name for p in tmp_path.iterdir()] == ["报告.csv"]
    assert target.stat().st_mode & 0o777 == 0o666 & ~durable._UMASK  # noqa: SLF001 - a new file's


def test_write_whole_keeps_the_permissions_of_the_file_it_replaces(tmp_path):
    # A private notes export (0600) became readable by every user (0644).
    target = tmp_path / "notes.jsonld"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o600)
    durable.write_whole(target, lambda tmp: tmp.write_text("new notes", encoding="utf-8"), suffix=".partial")
    assert target.read_text(encoding="utf-8") == "new notes" and target.stat().st_mode & 0o777 == 0o600


def test_write_whole_keeps_the_old_file_when_writing_fails(tmp_path):
    tmp_path = tmp_path / "out"  # beside the test's ZONEREF_HOME
    tmp_path.mkdir()
    target = tmp_path / "a.json"
    target.write_text("old", encoding="utf-8")

    def fail(tmp):
        tmp.write_text("half", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        durable.write_whole(target, fail)
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_write_whole_takes_every_name_the_folder_takes_and_fails_cleanly_past_it(tmp_path):
    """A 251-byte name: its ``.partial`` name was too long. A 305-byte one: the error is the name's, not the
    clean-up's (which raised ``File name too long`` for the ``.partial`` file)."""
    tmp_path = tmp_path / "out"  # beside the test's ZONEREF_HOME
    tmp_path.mkdir()
    fits = tmp_path / ("长" * 82 + ".json")
    durable.write_whole(fits, lambda tmp: tmp.write_text("{}", encoding="utf-8"), suffix=".partial")
    assert fits.read_text(encoding="utf-8") == "{}"
    with pytest.raises(OSError) as exc:
        durable.write_whole(tmp_path / ("长" * 100 + ".json"), lambda tmp: tmp.write_text("{}", encoding="utf-8"))
    assert exc.value.errno == errno.ENAMETOOLONG
    assert [p.name for p in tmp_path.iterdir()] == [fits.name]


def _special_files(folder):
    """A named pipe, and (as root) a character device like /dev/null: made here, never the real ones."""
    os.mkfifo(folder / "fifo")
    found = [folder / "fifo"]
    try:
        os.mknod(folder / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        found.append(folder / "null")
    except PermissionError:
        pass
    return found


def test_write_whole_never_replaces_what_is_not_a_regular_file(tmp_path):
    """Renamed over, /dev/null or a pipe a program reads were gone (a regular file in their place)."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for target in _special_files(tmp_path):
        kind = stat.S_IFMT(target.lstat().st_mode)
        with pytest.raises(OSError, match="not a regular file"):
            durable.write_whole(target, lambda tmp: tmp.write_text("x", encoding="utf-8"))
        assert stat.S_IFMT(target.lstat().st_mode) == kind
    (tmp_path / "folder").mkdir()
    with pytest.raises(OSError, match="folder"):
        durable.write_whole(tmp_path / "folder", lambda tmp: tmp.write_text("x", encoding="utf-8"))
    (tmp_path / "link").symlink_to(tmp_path / "fifo")
    with pytest.raises(OSError, match="not a regular file"):
        durable.write_whole(tmp_path / "link", lambda tmp: tmp.write_text("x", encoding="utf-8"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".zoneref-")]  # no temporary file left


def _held_open(monkeypatch, refusals):
    """Windows' ``os.replace`` onto a file another program holds open (Word): ``PermissionError`` ``refusals``
    times (None: every time), then the rename."""
    real, tries = os.replace, []

    def replace(src, dst):
        tries.append(dst)
        if refusals is None or len(tries) <= refusals:
            raise PermissionError(13, "Access is denied", str(dst))
        real(src, dst)

    monkeypatch.setattr(durable.os, "replace", replace)
    monkeypatch.setattr(time, "sleep", lambda s: None)
    return tries


def test_write_whole_tries_again_while_another_program_holds_the_file_for_a_moment(tmp_path, monkeypatch):
    """An export over a file an antivirus scanner or the Windows search indexer had open for a moment failed
    at once with "Permission denied"."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "对照表.docx"
    target.write_text("old", encoding="utf-8")
    tries = _held_open(monkeypatch, refusals=2)
    durable.write_whole(target, lambda tmp: tmp.write_text("new", encoding="utf-8"), suffix=".docx")
    assert len(tries) == 3 and target.read_text(encoding="utf-8") == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["对照表.docx"]


def test_write_whole_onto_a_file_open_in_word_says_so_and_keeps_it(tmp_path, monkeypatch):
    """Word keeps its file open: the export failed with a bare "Access is denied" and no hint of why."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "对照表.docx"
    target.write_text("old", encoding="utf-8")
    tries = _held_open(monkeypatch, refusals=None)
    with pytest.raises(PermissionError) as exc:
        durable.write_whole(target, lambda tmp: tmp.write_text("new", encoding="utf-8"), suffix=".docx")
    assert "open in another program" in exc.value.strerror and exc.value.filename == str(target)
    assert len(tries) > 1  # tried again before giving up
    assert target.read_text(encoding="utf-8") == "old" and [p.name for p in tmp_path.iterdir()] == ["对照表.docx"]


def test_write_whole_over_a_read_only_file_leaves_no_temporary_file_where_read_only_files_stay(tmp_path,
                                                                                              monkeypatch):
    """Windows: a read-only file cannot be replaced nor deleted. The temporary file took the target's read-only
    mode, the replace failed, and its clean-up failed too: a ``.zoneref-XXXX.docx`` was left in the folder."""
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    target = tmp_path / "只读.docx"
    target.write_text("old", encoding="utf-8")
    os.chmod(target, 0o444)
    real_unlink = durable.Path.unlink

    def windows_unlink(self, missing_ok=False):
        if self.exists() and not os.stat(self).st_mode & stat.S_IWUSR:
            raise PermissionError(13, "Access is denied", str(self))
        real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(durable.Path, "unlink", windows_unlink)
    _held_open(monkeypatch, refusals=None)  # Windows refuses to replace a read-only file
    with pytest.raises(PermissionError):
        durable.write_whole(target, lambda tmp: tmp.write_text("new", encoding="utf-8"), suffix=".docx")
    assert [p.name for p in tmp_path.iterdir()] == ["只读.docx"] and target.read_text(encoding="utf-8") == "old"
