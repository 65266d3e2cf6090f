"""Background processes (the import's readers, the index update) yield the processors to the window."""

from __future__ import annotations

import os
import sys

import pytest

from index.base.priority import BACKGROUND_NICENESS

pytestmark = pytest.mark.skipif(not hasattr(os, "nice"), reason="no process niceness on this platform")


def _niceness(name: str):
    return "ok", (name, os.nice(0))


def test_the_import_readers_run_below_the_importers_priority():
    from index.library.readers.pool import run_jobs

    parent = os.nice(0)
    outcomes = list(run_jobs(_niceness, [("a",), ("b",)], workers=2))
    assert outcomes == [("ok", (name, min(19, parent + BACKGROUND_NICENESS))) for name in "ab"]
    assert os.nice(0) == parent  # the importer itself is untouched


def test_the_index_update_process_lowers_its_priority_first():
    """``build_from_feed`` (the index worker process) lowers its priority before it reads anything."""
    import subprocess

    code = ("import os, sys\nfrom unittest import mock\nimport index.search.feed as feed\n"
            "class Stop(Exception): pass\n"
            "with mock.patch('index.search.store.build_generation', side_effect=Stop), "
            "mock.patch('queue.SimpleQueue', side_effect=Stop):\n"
            "    try: feed.build_from_feed(None, None, None, None, None)\n"
            "    except Stop: pass\n"
            "print(os.nice(0))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          cwd=os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(__file__)))))
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout) == min(19, os.nice(0) + BACKGROUND_NICENESS)
