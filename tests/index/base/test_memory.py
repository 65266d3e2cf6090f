"""``bulk_objects``: the cyclic collector paused for a block, and restored as it was; ``keep_long_lived`` and
``release_in_background``: what keeps a window's full collections and frees short."""

from __future__ import annotations

import gc
import time
import weakref

import pytest

from index.base import memory
from index.base.memory import bulk_objects, keep_long_lived, release_in_background


def test_the_collector_is_paused_then_restored_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError), bulk_objects():
        assert not gc.isenabled()
        with bulk_objects():  # nested: the outer block restores it
            pass
        assert not gc.isenabled()
        raise ValueError
    assert gc.isenabled()


def test_a_collector_switched_off_stays_off():
    gc.disable()
    try:
        with bulk_objects():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_keep_long_lived_freezes_what_is_alive_only_while_the_collector_runs():
    gc.unfreeze()  # what an earlier test (a window) froze: back to the collector
    try:
        gc.disable()
        keep_long_lived()  # a one-shot command's collector is off: nothing to keep out of collections
        assert gc.get_freeze_count() == 0
        gc.enable()
        keep_long_lived()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.enable()


class _Entry:
    pass


def _gone(ref, seconds: float = 10.0) -> bool:
    end = time.monotonic() + seconds
    while ref() is not None and time.monotonic() < end:
        time.sleep(0.01)
    return ref() is None


def test_release_in_background_lets_entries_go_and_changes_no_container(monkeypatch):
    monkeypatch.setattr(memory, "RELEASE_AFTER_S", 0.0)
    alone, shared = _Entry(), _Entry()
    refs = weakref.ref(alone), weakref.ref(shared)
    held = [shared]  # still read by someone: released, but whole and alive
    release_in_background({"a": alone}, held, [[alone]])
    del alone, shared
    assert _gone(refs[0])
    time.sleep(0.05)
    assert held == [refs[1]()] and refs[1]() is not None


def test_a_block_whose_objects_are_kept_freezes_them_on_the_way_out():
    gc.unfreeze()  # what an earlier test (a window) froze: back to the collector
    try:
        kept = []
        with bulk_objects(keep=True):
            kept.extend({"n": k} for k in range(1000))
            assert gc.get_freeze_count() == 0 and not gc.isenabled()
        assert gc.get_freeze_count() >= 1000 and gc.isenabled()  # no collection will walk them
    finally:
        gc.unfreeze()


def test_a_short_process_keeps_its_freed_memory_where_glibc_allows():
    """``keep_freed_memory`` sets glibc's thresholds (in a process of its own: it changes the allocator for good);
    elsewhere it does nothing and says so."""
    import platform
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", "from index.base.memory import keep_freed_memory as k; print(k())"],
                         capture_output=True, text=True, check=True).stdout.strip()
    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    assert out == str(glibc)
