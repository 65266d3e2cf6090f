"""dev.py: what ``run`` installs for Qt's X11 plugin, and how ``test`` picks the tests (issue 19, items 1–2).

The real check of ``run`` on a fresh machine is CI's: it starts the window
under Xvfb on the xcb platform through ``dev.py run`` (``.ci/run``).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import dev  # noqa: E402


@pytest.mark.parametrize("soname, package", [
    ("libxcb-icccm.so.4", "libxcb-icccm4"), ("libxcb-keysyms.so.1", "libxcb-keysyms1"),
    ("libxcb-render-util.so.0", "libxcb-render-util0"), ("libxkbcommon-x11.so.0", "libxkbcommon-x11-0"),
    ("libxcb-cursor.so.0", "libxcb-cursor0"), ("libEGL.so.1", "libegl1"), ("libGL.so.1", "libgl1"),
    ("libdbus-1.so.3", "libdbus-1-3"), ("libX11-xcb.so.1", "libx11-xcb1"), ("libpng16.so.16", "libpng16-16"),
    ("libglib-2.0.so.0", "libglib2.0-0"), ("libz.so.1", "zlib1g"), ("libgcc_s.so.1", "libgcc-s1"),
])
def test_debian_package_of_a_soname(soname, package):
    assert dev.debian_package(soname) == package


LDD = """\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f)
"""


def test_missing_libraries_are_read_from_ldd(monkeypatch, tmp_path):
    monkeypatch.setattr(dev.shutil, "which", lambda name: "/usr/bin/ldd" if name == "ldd" else None)
    monkeypatch.setattr(dev.subprocess, "run",
                        lambda *a, **k: subprocess.CompletedProcess(a, 0, stdout=LDD, stderr=""))
    assert dev.missing_libraries(tmp_path / "libqxcb.so") == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_run_names_what_it_cannot_install(monkeypatch, tmp_path, capsys):
    plugin = tmp_path / "libqxcb.so"
    monkeypatch.setattr(dev.sys, "platform", "linux")
    monkeypatch.setattr(dev, "qt_platform_plugin", lambda: plugin)
    monkeypatch.setattr(dev, "missing_libraries", lambda binary: ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"])
    monkeypatch.setattr(dev, "apt_install", lambda packages: False)  # not root
    monkeypatch.setattr(dev.shutil, "which", lambda name: "/usr/bin/apt-get" if name == "apt-get" else None)
    assert dev.ensure_platform_libraries("the window on X11") == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    err = capsys.readouterr().err
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in err


def test_run_installs_and_checks_again(monkeypatch, tmp_path):
    installed = []
    plugin = tmp_path / "libqxcb.so"
    monkeypatch.setattr(dev.sys, "platform", "linux")
    monkeypatch.setattr(dev, "qt_platform_plugin", lambda: plugin)
    monkeypatch.setattr(dev, "missing_libraries", lambda binary: [] if installed else ["libxcb-keysyms.so.1"])
    monkeypatch.setattr(dev, "apt_install", lambda packages: installed.extend(packages) or True)
    monkeypatch.setattr(dev.shutil, "which", lambda name: "/usr/bin/" + name)
    assert dev.ensure_platform_libraries("the window on X11") == [] and installed == ["libxcb-keysyms1"]


def test_quick_run_leaves_out_slow_gui_fault_and_bundle_tests():
    assert dev.pytest_args([], 1) == ["-m", "not slow and not gui and not faults and not bundle"]
    assert dev.pytest_args([], 2)[2:] == ["-n", "2", "--dist", "worksteal"]
    assert dev.pytest_args(["--all"], 2) == ["-n", "2", "--dist", "worksteal"]
    assert dev.pytest_args(["--all", "-x"], 1) == ["-x"]
    # naming tests or a marker runs exactly those, in one process
    assert dev.pytest_args(["tests/desktop/test_glyphs.py"], 2) == ["tests/desktop/test_glyphs.py"]
    assert dev.pytest_args(["-m", "gui"], 2) == ["-m", "gui"]
    assert dev.pytest_args(["-n", "0"], 2) == ["-m", dev.QUICK, "-n", "0"]


@pytest.mark.parametrize(("cores", "load", "workers"), [(2, 0.0, 2), (2, 1.09, 2), (2, 1.6, 1), (2, 5.5, 1), (4, 1.2, 4)])
def test_idle_cores_counts_a_core_at_least_half_idle(monkeypatch, cores, load, workers):
    monkeypatch.setattr(dev.os, "cpu_count", lambda: cores)
    monkeypatch.setattr(dev.os, "getloadavg", lambda: (load, load, load))
    assert dev.idle_cores() == workers
