"""Background threads yield the CPU to the one the user is waiting for.

On a busy laptop (two cores, the embedded server, a sync and the working-copy watcher at
once) the window's thread was often runnable but not running for tens of milliseconds. A
background thread calls :func:`background_priority` once; on Linux, where a thread has its
own nice value, it becomes ``NICENESS`` nicer; elsewhere nothing changes.
"""

from __future__ import annotations

import logging
import os
import sys
import threading

__all__ = ["NICENESS", "background_priority"]

log = logging.getLogger(__name__)

NICENESS = 5
_done = threading.local()


def background_priority() -> None:
    """Make the calling thread nicer (once per thread; never fails)."""
    if getattr(_done, "lowered", False):
        return
    _done.lowered = True
    if not sys.platform.startswith("linux"):
        return
    try:
        thread = threading.get_native_id()
        current = os.getpriority(os.PRIO_PROCESS, thread)
        os.setpriority(os.PRIO_PROCESS, thread, min(19, current + NICENESS))
    except OSError as exc:  # a sandbox that forbids it: run as before
        log.debug("thread priority unchanged: %s", exc)
