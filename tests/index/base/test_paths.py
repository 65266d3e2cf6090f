"""Where the user's data lives."""

from __future__ import annotations

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
