"""Fault injection for the crash tests: ``checkpoint(name)`` kills the process at that point.

The engine calls ``checkpoint("push.before_checkin")`` and the like between every request and
every local commit. With the environment variable ``DOSSIER_FAULT`` unset (always, outside the
reliability tests) a checkpoint is a dictionary look-up and nothing else. With
``DOSSIER_FAULT=push.before_checkin`` the first time that point is reached the process
kills itself with ``SIGKILL`` (no ``finally``, no ``atexit``, no flush: a pulled plug);
``DOSSIER_FAULT=push.before_checkin:3`` waits for the third time in this process.

``DOSSIER_FAULT_TRACE=PATH`` appends the name of every checkpoint reached to ``PATH`` (one a
line), so the tests can check that each point they name exists and is reached.
"""

from __future__ import annotations

import os
import signal
import threading

__all__ = ["checkpoint", "reset"]

_lock = threading.Lock()
_counts: dict[str, int] = {}
_target: tuple[str, int] | None = None
_trace: str | None = None
_loaded = False


def _load() -> None:
    global _target, _trace, _loaded
    raw = os.environ.get("DOSSIER_FAULT", "").strip()
    _target = None
    if raw:
        name, _, nth = raw.partition(":")
        _target = (name, int(nth) if nth.isdigit() and int(nth) > 0 else 1)
    _trace = os.environ.get("DOSSIER_FAULT_TRACE") or None
    _loaded = True


def reset() -> None:
    """Read the environment again and forget the counts (for tests in one process)."""
    global _loaded
    with _lock:
        _counts.clear()
        _loaded = False


def checkpoint(name: str) -> None:
    """Kill this process with ``SIGKILL`` when ``DOSSIER_FAULT`` names this point."""
    if not _loaded:
        _load()
    if _target is None and _trace is None:
        return
    with _lock:
        count = _counts.get(name, 0) + 1
        _counts[name] = count
        if _trace is not None:
            with open(_trace, "a", encoding="utf-8") as trace:
                trace.write(f"{name}\n")
        if _target is not None and _target == (name, count):
            os.kill(os.getpid(), signal.SIGKILL)
