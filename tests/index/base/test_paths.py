"""Where the user's data lives."""

from __future__ import annotations

import os

import pytest

from index.base import paths
from index.library.corpus import Corpus


def test_a_relative_zoneref_home_is_one_folder_from_any_working_directory(tmp_path, monkeypatch):
    # The manifest keeps each document file's folder: read from two working directories, a relative home
    # made every document look moved, and the whole library was read again (~5 s at 3,500 documents).
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    monkeypatch.chdir(tmp_path / "a")
    monkeypatch.setenv("ZONEREF_HOME", "../home")
    home = paths.user_home()
    assert home.is_absolute() and ".." not in home.parts
    first = Corpus(imported_dir=paths.imported_dir(), manifest=home / "manifest.sqlite")
    assert first.documents()
    monkeypatch.chdir(tmp_path / "b")
    monkeypatch.setenv("ZONEREF_HOME", str(tmp_path / "home"))
    assert str(paths.user_home()) == str(home)  # what the manifest compares: the same folder, not a move


@pytest.mark.parametrize("where", ["file", "under_a_file", "no_permission"])
def test_a_home_that_cannot_be_used_is_a_known_error_naming_it(tmp_path, monkeypatch, where):
    """A FileExistsError, NotADirectoryError or PermissionError traceback before, from every command."""
    afile = tmp_path / "afile"
    afile.write_text("not a folder", encoding="utf-8")
    home = {"file": afile, "under_a_file": afile / "sub", "no_permission": tmp_path / "locked"}[where]
    if where == "no_permission":  # simulated: the tests may run as root, whom no mode stops
        home.mkdir()
        real = os.access
        monkeypatch.setattr(paths.os, "access", lambda p, mode: False if str(p) == str(home) else real(p, mode))
    monkeypatch.setenv("ZONEREF_HOME", str(home))
    with pytest.raises(paths.UnusableHomeError) as err:
        paths.user_home()
    assert str(err.value).startswith(f"ZONEREF_HOME {home} is not a usable folder (")
    assert {"file": "a file is there", "under_a_file": "a part of its path is a file",
            "no_permission": "permission denied"}[where] in str(err.value)
    assert afile.read_text(encoding="utf-8") == "not a folder"


def test_a_home_that_cannot_be_written_is_still_used(tmp_path, monkeypatch):
    """A read-only folder is shown read-only (README), not refused."""
    home = tmp_path / "read-only"
    home.mkdir()
    real = os.access
    monkeypatch.setattr(paths.os, "access", lambda p, mode: not mode & os.W_OK and real(p, mode))
    monkeypatch.setenv("ZONEREF_HOME", str(home))
    assert paths.user_home() == home


@pytest.mark.parametrize(("text", "expected"), [
    ("CON", "CON_"), ("nul.docx", "nul_.docx"), ("Com1", "Com1_"), ("LPT9", "LPT9_"), ("COM¹", "COM¹_"),
    ("CONSOLE", "CONSOLE"),  # a device name only as the whole stem
    ('北京/上海:对比*表?"<>|\\', "北京_上海_对比_表"), ("报告.", "报告"), ("报告 . ", "报告"),
    ("a\x00b\tc\nd", "a_b_c_d"), ("", "export"), ("..", "export"), ("???", "export"),
    (".招商", "招商"), ("..\\..\\招商", "招商"),  # no hidden file on Linux, no climbing
])
def test_file_name_is_one_every_system_takes(text, expected):
    assert paths.file_name(text) == expected


def test_file_name_is_cut_to_bytes_not_characters_at_a_character(tmp_path):
    """ext4 takes 255 bytes a name: 120 Chinese characters are 360."""
    name = paths.file_name("开发区" * 100)
    assert len(name.encode("utf-8")) <= paths.NAME_BYTES and name == "开发区" * 16 + "开发"
    (tmp_path / f"{name}.docx").write_bytes(b"")  # the file system takes it


def test_a_quoted_zoneref_home_is_the_folder_inside_the_quotes(tmp_path, monkeypatch):
    """Windows' 复制为路径 (Copy as path) gives "D:\\资料\\ZoneRef", and cmd's ``set ZONEREF_HOME="…"`` keeps the
    quotes: the data went to a new folder named with quotes under the working directory."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ZONEREF_HOME", f' "{tmp_path / "我的 资料"}" ')
    assert paths.user_home() == tmp_path / "我的 资料"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "zoneref-home") == ["我的 资料"]
