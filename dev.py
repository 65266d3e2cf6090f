"""Set-up and the two everyday commands, on a fresh machine with only Python 3.11+.

    python dev.py run     # install what is missing, then launch ZoneRef
    python dev.py test    # install what is missing, then lint and run the quick tests
    python dev.py test --all  # lint and every test: slow, GUI, fault injection, bundle parts (as CI)
    python dev.py bundle  # install what is missing, build dist/ZoneRef/, run its self-test

Extra arguments after ``run`` go to ``zoneref``; after ``test`` they go to pytest
(naming tests or ``-m``/``-k`` runs exactly those). ``run`` first makes sure
Qt's X11 plugin finds every library it links (``ldd``): installed with apt-get
as root on Debian/Ubuntu, otherwise named.
Everything is installed into ``.venv/`` beside this file; the system Python is
left alone. On Debian/Ubuntu, as root, the few system libraries Qt needs (and
a CJK font) are installed with apt-get when they are missing.
"""

from __future__ import annotations

import ctypes.util
import hashlib
import math
import os
import shutil
import subprocess
import sys
import time
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
# Debian names a library's package after its soname (libfoo.so.4 → libfoo4,
# libfoo-1.so.3 → libfoo-1-3, lower case); these are the exceptions among what
# Qt's plugins link.
SONAME_PACKAGES = {
    "libglib-2.0.so.0": "libglib2.0-0", "libgthread-2.0.so.0": "libglib2.0-0", "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0", "libz.so.1": "zlib1g", "libgcc_s.so.1": "libgcc-s1",
    "libbrotlidec.so.1": "libbrotli1", "libbrotlicommon.so.1": "libbrotli1", "libuuid.so.1": "libuuid1",
}
# The quick everyday test run leaves these out; ``dev.py test --all`` (CI) runs them too.
QUICK = "not slow and not gui and not faults and not bundle"
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


def qt_platform_plugin() -> Path | None:
    """The venv's Qt X11 platform plugin (``libqxcb.so``), if PySide6 is installed there."""
    found = sorted(VENV.glob("lib/python3*/site-packages/PySide6/Qt/plugins/platforms/libqxcb.so"))
    return found[0] if found else None


def missing_libraries(binary: Path) -> list[str]:
    """Sonames ``binary`` links (directly or through its dependencies) that the loader cannot find (``ldd``)."""
    if shutil.which("ldd") is None:
        return []
    out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True).stdout
    missing = [line.split("=>")[0].strip() for line in out.splitlines() if "not found" in line]
    return sorted(set(missing))


def debian_package(soname: str) -> str:
    """The Debian package that ships ``soname`` (policy naming: libfoo.so.4 → libfoo4, libfoo-1.so.3 → libfoo-1-3)."""
    if soname in SONAME_PACKAGES:
        return SONAME_PACKAGES[soname]
    name, _, version = soname.partition(".so.")
    version = version.split(".")[0]
    return (f"{name}-{version}" if name[-1:].isdigit() else f"{name}{version}").lower().replace("_", "-")


def ensure_platform_libraries(purpose: str) -> list[str]:
    """Install (as root, Debian/Ubuntu) or name the system libraries Qt's X11 plugin lacks; ``ldd`` says which.

    Without them Qt cannot open a window on X11 (it aborts with “could not load
    the Qt platform plugin "xcb"”), and a bundle built without them would lack
    them too. Returns the sonames still missing.
    """
    plugin = qt_platform_plugin() if sys.platform.startswith("linux") else None
    missing = missing_libraries(plugin) if plugin else []
    if not missing:
        return []
    packages = sorted({debian_package(s) for s in missing})
    print(f"dev.py: Qt's X11 plugin ({plugin.name}) lacks {', '.join(missing)}", flush=True)
    if shutil.which("apt-get") and apt_install(packages):
        missing = missing_libraries(plugin)
    if missing:
        hint = f"sudo apt-get install {' '.join(packages)}" if shutil.which("apt-get") else \
            f"your system's packages providing {', '.join(missing)}"
        print(f"dev.py: warning: {purpose} needs {', '.join(missing)}; install them with: {hint}", file=sys.stderr)
    return missing


def ensure_bundle_tools() -> None:
    """Linux: the tools build.spec uses to trim ICU and strip symbols (a C compiler for numpy), and
    the xcb libraries the bundle should carry."""
    if not sys.platform.startswith("linux"):
        return
    tools = {tool: pkg for tool, pkg in BUNDLE_TOOLS.items() if shutil.which(tool) is None}
    if tools and not apt_install(sorted(set(tools.values()))):
        required = sorted({pkg for tool, pkg in tools.items() if tool not in ("cc", "c++")})
        if required:
            raise SystemExit(f"dev.py: the Linux bundle needs these system packages: {' '.join(required)}")
    ensure_platform_libraries("the bundle (without them it needs them on the target)")


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
        ensure_platform_libraries("the window on X11")
        return subprocess.call([py, "-m", "desktop.cli", *rest], cwd=ROOT)
    return test(py, rest)


def idle_cores() -> int:
    """Cores not busy with other work (load average), at least 1: parallel test workers help only on idle cores.

    On a busy 2-core machine two workers made the quick run slower (168 s
    against 140 s one after the other, load average 5–6); a core more than
    half idle counts (a run just finished leaves a load near 1: one worker
    then took the quick run 205 s, two took 111 s).
    """
    cores = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except (AttributeError, OSError):  # Windows has no load average
        return cores
    return max(1, min(cores, math.ceil(cores - load + 0.5)))


def pytest_args(rest: list[str], cores: int) -> list[str]:
    """pytest's arguments for ``dev.py test [--all] [ARGS…]``.

    Without ``--all`` the quick everyday run: no slow, GUI, fault-injection or
    bundle tests (markers in pyproject.toml), unless ARGS name tests or a
    marker expression themselves. A whole run spreads over the idle cores
    (pytest-xdist, ``cores`` workers; every test has its own ZONEREF_HOME,
    so they are independent) unless ARGS choose ``-n``.
    """
    everything = "--all" in rest
    args = [a for a in rest if a != "--all"]
    # Named tests: a path (or path::test) that exists; other words are option values (-n 2, --maxfail 3).
    named = any(not a.startswith("-") and (ROOT / a.split("::")[0]).exists() for a in args)
    chosen = named or "-m" in args or "-k" in args
    out = [] if everything or chosen else ["-m", QUICK]
    if cores > 1 and not chosen and not any(a.startswith(("-n", "--numprocesses")) or a == "no:xdist" for a in args):
        out += ["-n", str(cores), "--dist", "worksteal"]
    return out + args


def test(py: str, rest: list[str]) -> int:
    """Lint, then the quick tests (or ``--all``: every test, as CI runs it)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUTF8": "1"}
    targets = [t for t in ("index", "desktop", "tests", "bench", "tools", "dev.py", "build.spec") if (ROOT / t).exists()]
    lint = subprocess.call([py, "-m", "ruff", "check", *targets], cwd=ROOT, env=env)
    started = time.monotonic()
    tests = subprocess.call([py, "-m", "pytest", *pytest_args(rest, idle_cores())], cwd=ROOT, env=env)
    print(f"dev.py: tests took {time.monotonic() - started:.0f} s", flush=True)
    return tests or lint


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
