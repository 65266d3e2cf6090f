"""The offline bundle: size on disk (and what takes it), and start-up time frozen vs. from source.

Build the bundle first (``pyinstaller build.spec``), then::

    .venv/bin/python bench/bench_bundle.py [--dist dist/ZoneRef] [--runs 7]

Start-up is measured with ``gui --time-startup`` (the real window, offscreen):
from process spawn to the first pass of the event loop after ``show()``
("interactive"), and to the search index being open. Both the frozen app and
the source checkout start with the bundled corpus and an index built
beforehand in a private ZONEREF_HOME. The first frozen run follows a page-cache
drop when the machine allows it (root on Linux): that is the cold start; the
other runs are warm.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.startup_probe import ZONEREF, time_start  # noqa: E402

# What each part of the bundle is, by path under _internal/ (first match wins).
GROUPS = [
    ("ICU (Qt Core links it on Linux; data trimmed)", ("PySide6/Qt/lib/libicu",)),
    ("Qt libraries and plugins", ("PySide6/", "shiboken6/")),
    ("numpy (search executor)", ("numpy/", "numpy.libs/")),
    ("Python runtime and standard library", ("libpython", "python3", "base_library.zip")),
    ("rapidfuzz (annotation re-anchoring)", ("rapidfuzz/",)),
    ("lxml (Word import/export)", ("lxml/",)),
    ("ZoneRef content and resources", ("content/", "resources/")),
    ("OpenCC (繁→简)", ("opencc/",)),
    ("other Python packages", ("docx/", "nh3/", "yaml/", "charset_normalizer/", "pypdf/", "bs4/", "whoosh/",
                               "markdown/", "sqlite_utils/", "platformdirs/")),
]


def size_breakdown(dist: Path) -> tuple[int, list[tuple[str, int]]]:
    internal = dist / "_internal"
    sizes: dict[str, int] = {}
    total = 0
    for path in dist.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        size = path.stat().st_size
        total += size
        rel = path.relative_to(internal).as_posix() if internal in path.parents else "(executables)"
        if rel == "(executables)":
            group = "executables (bootloader + compiled Python code)"
        elif rel.startswith("lib") and ".so" in rel and "/" not in rel and not rel.startswith("libpython"):
            group = "host system libraries (Linux only: X11, glib, fontconfig, CUPS …)"
        else:
            group = next((name for name, prefixes in GROUPS if rel.startswith(prefixes)), "other")
        sizes[group] = sizes.get(group, 0) + size
    return total, sorted(sizes.items(), key=lambda kv: -kv[1])


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def summary(runs: list[dict], key: str) -> str:
    vals = [r[key] for r in runs]
    return f"median {statistics.median(vals):.3f} s, min {min(vals):.3f}, max {max(vals):.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist" / "ZoneRef")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    exe = args.dist / ("zoneref-cli.exe" if os.name == "nt" else "ZoneRef")  # the entry with a console
    frozen_cmd = [str(exe), "gui", "--time-startup"]
    if not exe.exists():
        print(f"no bundle at {args.dist}: run `pyinstaller build.spec` first", file=sys.stderr)
        return 2

    total, groups = size_breakdown(args.dist)
    print(f"bundle {args.dist}: {total / 1e6:.0f} MB on disk (target ≤ 150 MB)")
    for name, size in groups:
        print(f"  {size / 1e6:6.1f} MB  {name}")

    with tempfile.TemporaryDirectory(prefix="zoneref-bench-") as tmp:
        env = dict(os.environ, ZONEREF_HOME=tmp, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
        subprocess.run([str(exe), "index", "rebuild", "--json"], env=env, check=True, capture_output=True)
        cold = None
        if drop_caches():
            cold = time_start(frozen_cmd, env)
        frozen = [time_start(frozen_cmd, env) for _ in range(args.runs)]
        source = [time_start(ZONEREF, env) for _ in range(args.runs)]
    if cold:
        print(f"frozen, cold (page cache dropped): interactive {cold['interactive']:.3f} s, "
              f"index ready {cold['index_ready']:.3f} s  (target ≤ 1.5 s)")
    else:
        print("frozen, cold: cannot drop the page cache here (not root); warm runs only")
    print(f"frozen, warm ({args.runs} runs): interactive {summary(frozen, 'interactive')}; "
          f"index ready {summary(frozen, 'index_ready')}")
    print(f"source, warm ({args.runs} runs): interactive {summary(source, 'interactive')}; "
          f"index ready {summary(source, 'index_ready')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
