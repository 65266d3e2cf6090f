"""The session guard: a test that writes into the folder the run started with fails, and says where."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

LEAKY = '''
import os
from pathlib import Path

import platformdirs

HOME_AT_IMPORT = os.environ["ZONEREF_HOME"]  # module-level state: the folder the session started with


def test_writes_through_module_state():
    Path(HOME_AT_IMPORT, "zoneref.db").write_text("x")


def test_writes_into_the_platform_folder():
    folder = Path(platformdirs.user_data_dir("ZoneRef", appauthor=False, roaming=True))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.ini").write_text("x")


def test_writes_into_its_own_home():
    Path(os.environ["ZONEREF_HOME"], "zoneref.db").write_text("fine")
'''


@pytest.mark.skipif(sys.platform == "darwin", reason="macOS's data folder is not redirected: the inner run would "
                                                    "write into the real one")
def test_guard_fails_the_tests_that_touch_the_real_home(tmp_path):
    shutil.copy(ROOT / "tests" / "conftest.py", tmp_path / "conftest.py")
    (tmp_path / "test_leaky.py").write_text(LEAKY, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q",
                           "-rE", "-c", os.devnull, "--rootdir", str(tmp_path), str(tmp_path)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert "3 passed, 2 errors" in out, out
    assert "ERROR at teardown of test_writes_through_module_state" in out
    assert "ERROR at teardown of test_writes_into_the_platform_folder" in out
    assert "$ZONEREF_HOME/zoneref.db" in out and "/ZoneRef/settings.ini" in out  # $XDG_DATA_HOME or $APPDATA
