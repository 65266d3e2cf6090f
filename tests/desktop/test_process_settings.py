"""What the front ends set for their processes before anything heavy loads."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("given", "expect"), [(None, "1"), ("4", "4")])
def test_the_app_asks_openblas_for_one_thread_unless_the_user_said(given, expect):
    """numpy's OpenBLAS started a thread per core at import (~40 ms of every process); the user's setting wins."""
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    if given is not None:
        env["OPENBLAS_NUM_THREADS"] = given
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, "-c", "import os, desktop; print(os.environ['OPENBLAS_NUM_THREADS'])"],
                         env=env, capture_output=True, text=True, check=True).stdout.strip()
    assert out == expect
