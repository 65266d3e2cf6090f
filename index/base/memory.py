"""Making many small objects at once without paying for the cyclic garbage collector; the C allocator of a short process."""

from __future__ import annotations

import contextlib
import gc
import queue
import sys
import threading
import time
from collections.abc import Iterator


@contextlib.contextmanager
def bulk_objects(keep: bool = False) -> Iterator[None]:
    """Pause the cyclic GC while a block makes many objects that stay alive (decoding a library's records).

    The collector runs every few hundred new containers and now and then
    walks everything alive, finding nothing to free in such a block: with
    3,500 documents' topic tags alive (~1,000,000 objects), ``topics --json``
    spent ~0.5 s of ~2 s of CPU in it. Reference counting still frees
    everything that is not part of a cycle meanwhile; the collector is
    restored as it was on the way out (blocks nest).

    With ``keep`` (what the block made stays alive for long: a listing, a
    coverage matrix), everything alive is frozen on the way out
    (``keep_long_lived``): else the first collection after it walks every
    object the block made, ~50–100 ms at 3,500 documents holding the GIL,
    a freeze of the window when it falls on a worker.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def collecting() -> Iterator[None]:
    """Run the cyclic GC during a long block (an index build), whatever the caller chose, and restore its choice.

    A command that reads and exits runs without the collector
    (``desktop.cli.ONE_SHOT_READS``); if its search index must first be
    rebuilt, that build makes and drops millions of objects and gets it back.
    """
    was_enabled = gc.isenabled()
    gc.enable()
    try:
        yield
    finally:
        if not was_enabled:
            gc.disable()


def keep_long_lived() -> None:
    """Leave everything alive now out of later full collections (``gc.freeze``), if the collector is running.

    A full collection walks every object it tracks, on whichever thread it
    falls, holding the GIL: with a 3,500-document library listed and its
    search index open, 50–100 ms, a freeze of the window when it falls on a
    worker while the GUI thread waits. What a window keeps (the listing it
    just installed, the index it just opened) is freed, when it is replaced,
    by reference counting, which freezing does not stop; only cyclic garbage
    alive at the call stays (nothing that is made here is cyclic).
    """
    if gc.isenabled():
        gc.freeze()


def keep_freed_memory() -> bool:
    """Have the C allocator keep what this process frees for its next allocations (glibc; elsewhere nothing):
    for a process that answers one command and exits (``desktop.cli.ONE_SHOT_READS``).

    glibc gives a freed block of over ~128 kB to ~32 MB (a numpy array) back to the system and trims the top
    of its heap, so the next array of that size is mapped afresh and each of its pages faulted and zeroed
    again. A comparison at 3,440 documents makes and drops hundreds of such arrays (a bigram's postings,
    each document's inverted lists): kept, its page faults are 26,700 → 22,000 (~2% of `zoneref compare`
    on a 2-core VM). Not for a long-lived process (the window), which should give memory back.

    Returns:
        Whether the allocator took the settings.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (musl has no mallopt)
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    # M_MMAP_THRESHOLD (-3): blocks below 32 MB (glibc's largest) from the heap; M_TRIM_THRESHOLD (-1): the heap's
    # top given back only past 128 MB free. Each returns 1 when taken.
    return bool(mallopt(-3, 32 << 20)) and bool(mallopt(-1, 128 << 20))


RELEASE_AFTER_S = 1.0
_to_release: queue.SimpleQueue | None = None
_release_lock = threading.Lock()


def release_in_background(*containers) -> None:
    """Let the last references to the entries of ``containers`` (dicts, lists) go on a background thread.

    Dropping a 3,500-document listing (~100,000 objects) is one C call of
    ~40 ms that never lets another thread run: on the GUI thread, a freeze.
    Here their entries are dropped one at a time, in Python, so the
    interpreter hands the GIL back to the GUI thread every few milliseconds.
    The containers are not changed: whoever still holds one sees it whole,
    and its entries then live on with it. They wait ``RELEASE_AFTER_S`` first: the work that replaced
    them (a window refreshing its views) finishes before they compete with
    it for the GIL.
    """
    global _to_release
    with _release_lock:
        if _to_release is None:
            _to_release = queue.SimpleQueue()
            threading.Thread(target=_release_loop, args=(_to_release,), name="zoneref-release", daemon=True).start()
    due = time.monotonic() + RELEASE_AFTER_S
    for c in containers:
        _to_release.put((due, c))


def _release_loop(pending: queue.SimpleQueue) -> None:
    while True:
        due, c = pending.get()
        time.sleep(max(0.0, due - time.monotonic()))
        # The entries are taken out into a list of this thread's own: the container itself is never changed
        # (a reader still holding it sees it whole), and without other holders it goes at once, cheaply.
        items = list(c.values() if isinstance(c, dict) else c)
        del c
        while items:
            items.pop()
