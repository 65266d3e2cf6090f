"""``bulk_objects``: the cyclic collector paused for a block, and restored as it was."""

from __future__ import annotations

import gc

import pytest

from index.base.memory import bulk_objects


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
