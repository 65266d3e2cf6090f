"""tools/icu_data.py: the bundle's trimmed ICU keeps what Qt uses, in Chinese and English."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import icu_data  # noqa: E402

pytestmark = pytest.mark.bundle


@pytest.mark.parametrize("item", [
    "root.res", "zh.res", "zh_Hant_TW.res", "en.res", "en_US_POSIX.res", "pool.res", "res_index.res",
    "supplementalData.res", "metaZones.res", "zoneinfo64.res", "timezoneTypes.res", "likelySubtags.res",
    "coll/root.res", "coll/zh.res", "coll/ucadata.icu", "coll/pool.res",
    "zone/zh_Hans.res", "region/en.res", "cnvalias.icu", "gb18030.cnv", "ibm-1386_P100-2001.cnv", "nfkc.nrm",
])
def test_keeps_what_qt_reads_in_chinese_and_english(item):
    assert icu_data.keep(item)


@pytest.mark.parametrize("item", [
    "fr.res", "de_AT.res", "ars.res", "sr_Latn_ME.res", "yue.res",
    "coll/ja.res", "coll/de_.res", "zone/fr.res", "region/ko.res",
    "translit/root.res", "brkitr/cjdict.dict", "brkitr/zh.res", "curr/zh.res", "lang/zh.res", "unit/en.res",
    "rbnf/zh.res",
])
def test_drops_other_languages_and_trees_qt_never_opens(item):
    assert not icu_data.keep(item)


# Run in a child so that its Qt loads the ICU data library we choose.
PROBE = r"""
import json, os, functools
from PySide6.QtCore import QCollator, QLocale, QTimeZone, QStringDecoder
maps = open("/proc/self/maps").read()
words = ["浙江", "河北", "吉林", "河南", "嘉兴", "開發區", "开发区", "Zhejiang", "apple", "Äpfel"]
out = {"loaded": [l.split()[-1] for l in maps.splitlines() if "libicudata" in l][:1]}
for loc in ("zh_CN", "en_US"):
    c = QCollator(QLocale(loc))
    out["sort " + loc] = sorted(words, key=functools.cmp_to_key(c.compare))
    for tz in (b"Asia/Shanghai", b"Europe/Berlin"):
        out[f"tz {loc} {tz.decode()}"] = QTimeZone(tz).displayName(
            QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale(loc))
out["codecs"] = {n: QStringDecoder(n).isValid() for n in ("GB18030", "GBK", "Big5", "Big5-HKSCS", "windows-1252")}
out["upper tr"] = QLocale("tr_TR").toUpper("istanbul")
print(json.dumps(out, ensure_ascii=False))
"""


def _probe(lib_dir: Path | None) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if lib_dir is not None:
        env["LD_LIBRARY_PATH"] = str(lib_dir)  # ahead of PySide6's RUNPATH
    proc = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="PySide6 bundles ICU on Linux only")
def test_trimmed_library_gives_qt_the_same_chinese_and_english_results(tmp_path):
    if missing := icu_data.missing_tools():
        pytest.skip(f"needs {missing} (icu-devtools, binutils)")
    import PySide6

    src = next((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    out = tmp_path / src.name
    before, after = icu_data.trim(src, out)
    assert after < before / 2, (before, after)
    assert out.stat().st_size < 12_000_000

    full, trimmed = _probe(None), _probe(tmp_path)
    assert trimmed.pop("loaded") == [str(out)]
    loaded_full = full.pop("loaded")
    assert loaded_full and Path(loaded_full[0]).name == src.name and str(tmp_path) not in loaded_full[0]
    assert trimmed == full
    # and the answers are the real ones, not a fallback that both happen to give
    assert trimmed["sort zh_CN"][:4] == ["河北", "河南", "吉林", "嘉兴"]  # pinyin order
    assert trimmed["tz zh_CN Asia/Shanghai"] == "中国标准时间"
    assert all(trimmed["codecs"].values())
    assert trimmed["upper tr"] == "İSTANBUL"


def test_bad_input_is_a_clear_error_and_writes_nothing(tmp_path):
    if missing := icu_data.missing_tools():
        pytest.skip(f"needs {missing}")
    not_icu = tmp_path / "libnot.so"
    not_icu.write_bytes(b"\x7fELF garbage")
    out = tmp_path / "out.so"
    with pytest.raises(icu_data.IcuDataError):
        icu_data.trim(not_icu, out)
    assert not out.exists()
    assert icu_data.main([str(not_icu), str(out)]) == 1
    assert icu_data.main([]) == 2
