"""Named steps where the fault-injection tests kill the process.

The engine calls ``checkpoint("backup.verified")`` between the steps of the
operations that must survive a crash at any point (import, backup, restore,
recovery). Normally that is one dictionary lookup. With
``ZONEREF_FAULT_KILL_AT=<step>`` in the environment, the process kills itself
there as abruptly as the operating system allows (SIGKILL; ``os._exit`` on
Windows), and ``tests/faults`` checks that nothing reported as saved was
lost and that the next run finishes the work.
"""

from __future__ import annotations

import os
import signal

ENV = "ZONEREF_FAULT_KILL_AT"


def checkpoint(step: str) -> None:
    """Die here if the environment asks for a crash at ``step`` (tests only; otherwise nothing)."""
    if os.environ.get(ENV) == step:
        if hasattr(signal, "SIGKILL"):
            os.kill(os.getpid(), signal.SIGKILL)
        os._exit(137)
