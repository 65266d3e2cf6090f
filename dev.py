"""Set-up and the two everyday commands, on a fresh machine with only Python 3.11+.

    python dev.py run     # install what is missing, then launch ZoneRef
    python dev.py test    # install what is missing, then lint and run every test
    python dev.py bundle  # install what is missing, build dist/ZoneRef/, run its self-test

Extra arguments after ``run`` go to ``zoneref``; after ``test`` they go to pytest.
Everything is installed into ``.venv/`` beside this file; the system Python is
left alone. On Debian/Ubuntu, as root, the few system libraries Qt needs (and
a CJK font) are installed with apt-get when they are missing.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".zoneref-installed"
# Shared libraries PySide6 loads on Linux, and the Debian packages providing them.
QT_LIBS = {
    "EGL": "libegl1", "GL": "libgl1", "xkbcommon": "libxkbcommon0", "fontconfig": "libfontconfig1",
    "dbus-1": "libdbus-1-3", "glib-2.0": "libglib2.0-0", "X11-xcb": "libx11-xcb1", "xcb-cursor": "libxcb-cursor0",
}
APT_EXTRA = ["fonts-noto-cjk"]
# Linux bundle: the libraries Qt's xcb platform plugin links, installed on the
# build machine so that PyInstaller puts them in the bundle (without them the
# bundle only starts where the target happens to have them).
BUNDLE_LIBS = {
    "xcb-icccm": "libxcb-icccm4", "xcb-image": "libxcb-image0", "xcb-keysyms": "libxcb-keysyms1",
    "xcb-randr": "libxcb-randr0", "xcb-render-util": "libxcb-render-util0", "xcb-shape": "libxcb-shape0",
    "xcb-xkb": "libxcb-xkb1", "xkbcommon-x11": "libxkbcommon-x11-0", "xcb-cursor": "libxcb-cursor0",
}
# Linux bundle build: icupkg trims Qt's ICU data (tools/icu_data.py), binutils
# wraps it and strips symbols, a C compiler builds numpy without OpenBLAS.
BUNDLE_TOOLS = {"icupkg": "icu-devtools", "as": "binutils", "strip": "binutils", "readelf": "binutils",
                "cc": "gcc", "c++": "g++"}


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_system_packages() -> None:
    if not sys.platform.startswith("linux"):
        return
    missing = [pkg for lib, pkg in QT_LIBS.items() if ctypes.util.find_library(lib) is None]
    if not shutil.which("fc-list") or "CJK" not in subprocess.run(
            ["fc-list"], capture_output=True, text=True).stdout:
        missing += APT_EXTRA
    if not missing:
        return
    if not apt_install(missing):
        print(f"dev.py: warning: please install these system packages: {' '.join(missing)}", file=sys.stderr)


def apt_install(packages: list[str]) -> bool:
    """Install Debian packages when we can (root with apt-get); False if we could not."""
    if not (shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0):
        return False
    print(f"dev.py: installing system packages: {' '.join(packages)}", flush=True)
    subprocess.run(["apt-get", "update", "-qq"], check=False)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], check=True,
                   env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    return True


def ensure_venv(extras: tuple[str, ...] = ("test",)) -> Path:
    if not venv_python().exists():
        print("dev.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = STAMP.read_text().split() if STAMP.exists() else []
    installed = set(stamp[1:]) if stamp[:1] == [digest] else set()
    if not set(extras) <= installed:
        wanted = sorted(installed | set(extras))
        print(f"dev.py: installing ZoneRef and its dependencies ({', '.join(wanted)}) into .venv", flush=True)
        py = str(venv_python())
        subprocess.run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "-e", f"{ROOT}[{','.join(wanted)}]"], check=True)
        STAMP.write_text(" ".join([digest, *wanted]))
    return venv_python()


def ensure_bundle_tools() -> None:
    """Linux: the tools build.spec uses to trim ICU and strip symbols (a C compiler for numpy), and
    the xcb libraries the bundle should carry."""
    if not sys.platform.startswith("linux"):
        return
    tools = {tool: pkg for tool, pkg in BUNDLE_TOOLS.items() if shutil.which(tool) is None}
    libs = {pkg for lib, pkg in BUNDLE_LIBS.items() if ctypes.util.find_library(lib) is None}
    if (tools or libs) and not apt_install(sorted(set(tools.values()) | libs)):
        if libs:
            print(f"dev.py: warning: without {' '.join(sorted(libs))} the bundle needs them on the target",
                  file=sys.stderr)
        required = sorted({pkg for tool, pkg in tools.items() if tool not in ("cc", "c++")})
        if required:
            raise SystemExit(f"dev.py: the Linux bundle needs these system packages: {' '.join(required)}")


def ensure_numpy_without_blas(py: str) -> None:
    """Linux: rebuild numpy without OpenBLAS (28 MB in the bundle; ZoneRef does no linear algebra).

    numpy's Linux wheels all link OpenBLAS; numpy's own build option
    ``-Dblas=none`` drops it. Same version, so the venv's behaviour is the
    same; built once (a few minutes), then pip's wheel cache has it.
    """
    if not sys.platform.startswith("linux"):
        return  # Windows: no compiler assumed; macOS wheels use the system's Accelerate
    version, blas = _numpy_blas(py)
    if blas == "none":
        return
    if shutil.which("cc") is None or shutil.which("c++") is None:
        print("dev.py: warning: no C/C++ compiler, so the bundle keeps numpy's OpenBLAS (+28 MB)", file=sys.stderr)
        return
    print(f"dev.py: building numpy {version} without BLAS for the bundle (once, a few minutes)", flush=True)
    subprocess.run([py, "-m", "pip", "install", "-q", "--force-reinstall", "--no-deps", "--no-binary", "numpy",
                    f"numpy=={version}", "-Csetup-args=-Dblas=none", "-Csetup-args=-Dlapack=none",
                    "-Csetup-args=-Dallow-noblas=true"], check=True)
    if _numpy_blas(py)[1] != "none":
        print("dev.py: warning: numpy still links a BLAS (a cached wheel?); the bundle keeps it", file=sys.stderr)


def _numpy_blas(py: str) -> tuple[str, str]:
    """(version, BLAS name or "none") of the venv's numpy."""
    probe = ("import numpy; c = numpy.show_config(mode='dicts'); "
             "print(numpy.__version__, c['Build Dependencies']['blas'].get('name', 'none'))")
    out = subprocess.run([py, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    return out[-2], out[-1]


def bundle(py: str) -> int:
    ensure_bundle_tools()
    ensure_numpy_without_blas(py)
    rc = subprocess.call([py, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN", "build.spec"], cwd=ROOT)
    if rc:
        return rc
    dist = ROOT / "dist" / "ZoneRef"
    size = sum(p.stat().st_size for p in dist.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"dev.py: built {dist} ({size / 1e6:.1f} MB); running its self-test", flush=True)
    exe = dist / ("zoneref-cli.exe" if os.name == "nt" else "ZoneRef")
    return subprocess.call([str(exe), "--self-test"], env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1] not in ("run", "test", "bundle"):
        print(__doc__)
        return 2
    ensure_system_packages()
    if argv[1] == "bundle":
        return bundle(str(ensure_venv(("build",))))
    py = str(ensure_venv())
    rest = argv[2:]
    if argv[1] == "run":
        return subprocess.call([py, "-m", "desktop.cli", *rest], cwd=ROOT)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"}
    targets = [t for t in ("index", "desktop", "tests", "bench", "tools", "dev.py", "build.spec") if (ROOT / t).exists()]
    lint = subprocess.call([py, "-m", "ruff", "check", *targets], cwd=ROOT, env=env)
    tests = subprocess.call([py, "-m", "pytest", *rest], cwd=ROOT, env=env)
    return tests or lint


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
