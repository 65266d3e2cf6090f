"""Set-up and the two everyday commands, on a fresh machine with only Python 3.11+.

    python dev.py run     # install what is missing, then launch ZoneRef
    python dev.py test    # install what is missing, then lint and run every test

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
    if shutil.which("apt-get") and hasattr(os, "geteuid") and os.geteuid() == 0:
        print(f"dev.py: installing system packages: {' '.join(missing)}", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    else:
        print(f"dev.py: warning: please install these system packages: {' '.join(missing)}", file=sys.stderr)


def ensure_venv() -> Path:
    if not venv_python().exists():
        print("dev.py: creating .venv", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        print("dev.py: installing ZoneRef and its dependencies into .venv", flush=True)
        py = str(venv_python())
        subprocess.run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "-e", f"{ROOT}[test]"], check=True)
        STAMP.write_text(wanted)
    return venv_python()


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[1] not in ("run", "test"):
        print(__doc__)
        return 2
    ensure_system_packages()
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
