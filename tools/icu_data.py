"""Trim the ICU data library that PySide6's Linux wheels ship (32 MB) to what Qt uses.

Qt Core is the only user of ICU in the bundle, and it calls four parts of it
(``nm -D --undefined-only libQt6Core.so.6``): case mapping (built into
libicuuc, no data), collation (``ucol_*``: the ``coll/`` tree), time-zone IDs
and display names (``ucal_*``: ``zone/``, ``region/`` and the top-level
locale and zone tables) and text codecs (``ucnv_*``: every ``.cnv`` file and
the alias table, kept whole). It never opens a break iterator, a
transliterator, number spell-out rules, or currency, language or unit names,
so those trees go; and of the locale data only the UI's languages (Chinese,
English) and ``root`` stay. Windows and macOS builds of Qt use the system's
ICU, so this is a Linux-only step.

The data lives in one symbol (``icudt73_dat``) of ``libicudata.so.73``: an ICU
common-data package. ICU's own ``icupkg`` (Debian: icu-devtools) removes the
items; binutils' ``as`` and ``ld`` wrap the result in a library with the same
soname and symbol, which libicuuc then loads unchanged.

    python tools/icu_data.py SRC_LIB OUT_LIB      # prints the sizes
"""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: Languages whose locale data stays (with all their regions and scripts).
KEEP_LANGUAGES = ("zh", "en")
#: Trees (folders inside the package) that Qt reads; locale data at the top level is "".
KEEP_TREES = ("", "coll", "zone", "region")
TOOLS = ("icupkg", "as", "ld", "nm", "readelf")

_LOCALE = re.compile(r"(?:[a-z]{2,3}(?:_[A-Za-z0-9]*)*|root)\.res")


class IcuDataError(RuntimeError):
    """The ICU data could not be trimmed (a tool is missing or failed)."""


def keep(item: str) -> bool:
    """Whether the package item ``item`` (``"coll/zh.res"``, ``"cnvalias.icu"``) stays."""
    tree, _, name = item.rpartition("/")
    if tree not in KEEP_TREES:
        return False
    if name in ("pool.res", "res_index.res") or not _LOCALE.fullmatch(name):
        return True  # shared string pools, locale indexes, tables and codecs
    language = name[: -len(".res")].split("_", 1)[0]
    return language == "root" or language in KEEP_LANGUAGES


def missing_tools() -> list[str]:
    return [tool for tool in TOOLS if shutil.which(tool) is None]


def _run(*args: str, cwd: Path | None = None) -> str:
    proc = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise IcuDataError(f"{' '.join(args)} failed ({proc.returncode}): {proc.stderr.strip()}")
    return proc.stdout


def _data_symbol(lib: Path) -> tuple[str, int]:
    """The library's data symbol (``icudt73_dat``) and its size in bytes."""
    for line in _run("nm", "-D", "-S", "--defined-only", str(lib)).splitlines():
        parts = line.split()
        if len(parts) == 4 and re.fullmatch(r"icudt\d+_dat", parts[3]):
            return parts[3], int(parts[1], 16)
    raise IcuDataError(f"{lib}: no icudtNN_dat symbol; not an ICU data library")


def read_package(lib: Path) -> tuple[str, bytes]:
    """The symbol name and the common-data package bytes held by ``lib``."""
    symbol, size = _data_symbol(lib)
    handle = ctypes.CDLL(str(lib))  # data only: no code runs, no dependencies
    address = ctypes.addressof(ctypes.c_char.in_dll(handle, symbol))
    return symbol, ctypes.string_at(address, size)


def trim(src: Path, out: Path) -> tuple[int, int]:
    """Write a trimmed copy of the ICU data library ``src`` to ``out``.

    Returns (bytes of data before, after). Raises IcuDataError.
    """
    if missing := missing_tools():
        raise IcuDataError(
            f"trimming ICU data needs {', '.join(missing)} "
            "(Debian/Ubuntu: apt install icu-devtools binutils)"
        )
    symbol, data = read_package(src)
    found = re.search(r"SONAME\).*\[(.+?)\]", _run("readelf", "-d", str(src)))
    soname = found.group(1) if found else src.name
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        # icupkg takes the package name (icudt73l: little-endian) from the file name.
        package = symbol[: -len("_dat")] + ("l" if sys.byteorder == "little" else "b")
        full = work / f"{package}.dat"
        full.write_bytes(data)
        items = _run("icupkg", "-l", str(full)).split()
        drop = [item for item in items if not keep(item)]
        if not any(i.startswith("coll/") and keep(i) for i in items):
            raise IcuDataError(f"{src}: the package lists no collation data; not the expected ICU layout")
        (work / "drop.txt").write_text("\n".join(drop) + "\n", encoding="ascii")
        (work / "out").mkdir()
        small = work / "out" / full.name
        _run("icupkg", "-r", str(work / "drop.txt"), str(full), str(small))
        # Wrap the package in a library exporting the same symbol, 16-byte
        # aligned as ICU requires, with no executable stack.
        (work / "data.s").write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n'
            f'{symbol}:\n\t.incbin "out/{small.name}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n',
            encoding="ascii",
        )
        _run("as", "-o", "data.o", "data.s", cwd=work)
        _run("ld", "-shared", "-soname", soname, "-o", str(out.resolve()), str(work / "data.o"))
        kept = small.stat().st_size
    _, check = read_package(out)
    if len(check) != kept:
        raise IcuDataError(f"{out}: wrote {len(check)} bytes of data, expected {kept}")
    return len(data), kept


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    try:
        before, after = trim(Path(args[0]), Path(args[1]))
    except (IcuDataError, OSError) as exc:
        print(f"icu_data: {exc}", file=sys.stderr)
        return 1
    print(f"ICU data {before / 1e6:.1f} MB -> {after / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
