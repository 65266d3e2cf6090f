"""``zoneref --self-test`` passes, and the app never reaches for the network."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Loaded into the child through PYTHONPATH: records every network attempt
# Python code makes (sockets, name lookups) and refuses it.
SITECUSTOMIZE = '''
import os, sys
_log = os.environ["ZONEREF_NET_LOG"]
def _hook(event, args):
    if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname", "urllib.Request"):
        if event == "socket.connect" and args and getattr(args[0], "family", None) == 1:
            return  # AF_UNIX: local IPC (fontconfig, dbus), not the network
        with open(_log, "a", encoding="utf-8") as fh:
            fh.write(f"{event} {args!r}\\n")
        raise OSError("network access attempted during the self-test")
sys.addaudithook(_hook)
'''


@pytest.fixture()
def guarded_env(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = tmp_path / "net.log"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
           "ZONEREF_NET_LOG": str(log), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("ZONEREF_HOME", None)  # the self-test makes its own temporary home
    return env, log


@pytest.mark.slow  # the whole app's self-test in a child process (~5 s)
@pytest.mark.bundle
def test_self_test_passes_offline(guarded_env, tmp_path):
    env, log = guarded_env
    cmd = [sys.executable, "-m", "desktop.cli", "--self-test"]
    strace = shutil.which("strace")
    trace = tmp_path / "trace.txt"
    if strace:
        # Also catch connections made from C++ (Qt), which Python's audit hooks cannot see.
        cmd = [strace, "-f", "-qq", "-e", "trace=connect", "-o", str(trace), *cmd]
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8", timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    for check in ("documents", "search index", "开发区", "開發區", "comparison", "import", "annotations", "main window"):
        assert re.search(rf"^ok\s+.*{re.escape(check)}", proc.stdout, re.M), f"{check} not checked:\n{proc.stdout}"
    assert "self-test passed" in proc.stdout
    assert not log.exists(), f"network access attempted: {log.read_text()}"
    if strace:
        inet = [ln for ln in trace.read_text().splitlines() if "AF_INET" in ln]
        assert not inet, f"network connections attempted: {inet[:5]}"
