"""A short-lived cache of authenticated actors (user, memberships, grants in force).

Loading them costs three queries on every request; the cache keeps them for a few seconds.
A rights change made in this process clears it at once; other server processes see it after
at most ``ttl`` seconds (the price of not asking the database on every request).
"""

from __future__ import annotations

import dataclasses
import threading
import time

from .rights import Actor

__all__ = ["ActorCache", "forget_all_actors"]

_generation = 0
_lock = threading.Lock()


def forget_all_actors() -> None:
    """Called after grants or memberships change: every cached actor is reloaded."""
    global _generation
    with _lock:
        _generation += 1


class ActorCache:
    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._entries: dict[tuple[str, str], tuple[float, int, Actor]] = {}
        self._lock = threading.Lock()

    def get(self, user_id: str, tenant_id: str) -> Actor | None:
        if self.ttl <= 0:
            return None
        with self._lock:
            entry = self._entries.get((user_id, tenant_id))
        if entry is None:
            return None
        stamp, generation, actor = entry
        if generation != _generation or time.monotonic() - stamp > self.ttl:
            return None
        # a fresh copy: the register expansion is per request
        return dataclasses.replace(actor, _expanded_registers={})

    def put(self, actor: Actor) -> None:
        if self.ttl <= 0:
            return
        with self._lock:
            if len(self._entries) > 10_000:
                self._entries.clear()
            self._entries[(actor.user_id, actor.tenant_id)] = (time.monotonic(), _generation,
                                                               actor)
