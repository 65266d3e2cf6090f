"""Shared test setup: a private user data folder per test, Qt offscreen."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def zoneref_home(tmp_path, monkeypatch):
    """Every test gets an empty ZONEREF_HOME; nothing touches the real one."""
    home = tmp_path / "zoneref-home"
    home.mkdir()
    monkeypatch.setenv("ZONEREF_HOME", str(home))
    from desktop.cli import context

    context.reset()
    yield home
    context.reset()
