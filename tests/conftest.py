"""Shared test setup: a private user data folder per test, a guard on the real one, Qt offscreen.

Every test runs with its own empty ``ZONEREF_HOME`` (``zoneref_home``). Between
tests, and for anything that escapes a test (a worker thread finishing late, a
subprocess started with an environment built from scratch, module-level state
that kept an old path), ``ZONEREF_HOME`` and the platform's data folder point
at *sentinel* folders made for the session: the guard fails the test after
which one of them is no longer empty, and the session if the user's real data
folder changed while the tests ran.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# What a test may not touch. Filled in by pytest_configure.
SENTINELS: dict[str, Path] = {}
_REAL_HOME_BEFORE: dict[str, tuple] = {}


def _real_home() -> Path:
    """The user's own data folder as ZoneRef would pick it without ``ZONEREF_HOME`` (before we redirect it)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("ZoneRef", appauthor=False, roaming=True))


def _snapshot(folder: Path) -> tuple:
    """Names, sizes and modification times of everything under ``folder`` (empty if it does not exist)."""
    if not folder.exists():
        return ()
    out = []
    for p in sorted(folder.rglob("*")):
        try:
            st = p.stat()
        except OSError:
            continue
        out.append((str(p.relative_to(folder)), st.st_size, st.st_mtime_ns))
    return tuple(out)


def pytest_configure(config) -> None:
    """Point ``ZONEREF_HOME`` and the platform's data folders at empty sentinels for the whole session."""
    if SENTINELS:
        return
    real = [_real_home()]
    if os.environ.get("ZONEREF_HOME"):  # the folder the run was started with is the user's too
        real.append(Path(os.environ["ZONEREF_HOME"]).expanduser())
    for folder in real:
        _REAL_HOME_BEFORE[str(folder)] = _snapshot(folder)
    root = Path(tempfile.mkdtemp(prefix="zoneref-sentinel-"))
    SENTINELS["ZONEREF_HOME"] = root / "zoneref-home"
    # platformdirs' user data folder: XDG_DATA_HOME on Linux, APPDATA on Windows (HOME on macOS is left alone:
    # the real folder's snapshot covers it).
    for var in ("XDG_DATA_HOME", "APPDATA"):
        SENTINELS[var] = root / var.lower()
    for var, folder in SENTINELS.items():
        folder.mkdir()
        os.environ[var] = str(folder)


# Fixtures that start Qt widgets: a test using one is a GUI test (marker ``gui``, left out of the quick run).
GUI_FIXTURES = {"qtbot", "qapp", "app", "win", "open_window"}


def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        if GUI_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.gui)


def leaks() -> list[str]:
    """Files that appeared in a sentinel folder (something wrote where a test's private home should be)."""
    found = []
    for var, folder in SENTINELS.items():
        found += [f"${var}/{p.relative_to(folder)}" for p in sorted(folder.rglob("*"))]
    return found


def _clear_sentinels() -> None:
    import shutil

    for folder in SENTINELS.values():
        for p in list(folder.iterdir()):
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def zoneref_home(tmp_path, monkeypatch):
    """Every test gets an empty ZONEREF_HOME; after it, nothing may have reached the session's sentinels."""
    home = tmp_path / "zoneref-home"
    home.mkdir()
    monkeypatch.setenv("ZONEREF_HOME", str(home))
    from desktop.cli import context

    context.reset()
    yield home
    context.reset()
    found = leaks()
    if found:
        _clear_sentinels()  # report each leak once, at the test that made it
        pytest.fail("wrote outside its private ZONEREF_HOME (into the folder the run started with): "
                    + ", ".join(found[:10]), pytrace=False)


def pytest_sessionfinish(session, exitstatus) -> None:
    """Fail the run if the user's real data folder changed, or a sentinel filled after the last test."""
    problems = []
    found = leaks()
    if found:
        problems.append("written after the tests ended: " + ", ".join(found[:10]))
    for folder, before in _REAL_HOME_BEFORE.items():
        if _snapshot(Path(folder)) != before:
            problems.append(f"the user's own data folder {folder} changed during the run")
    if problems:
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        for p in problems:
            if reporter is not None:
                reporter.write_line(f"ZONEREF HOME GUARD: {p}", red=True, bold=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
