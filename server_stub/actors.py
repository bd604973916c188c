"""A short-lived cache of authenticated actors (user, memberships, grants in force).

Loading them costs three queries on every request; the cache keeps them for a few seconds.
A rights change made in this process clears it at once; other server processes see it after
at most ``ttl`` seconds (the price of not asking the database on every request).
"""

from __future__ import annotations

import dataclasses
import threading
import time

from sqlalchemy import event
from sqlalchemy.orm import Session

from .rights import Actor

__all__ = ["ActorCache", "forget_all_actors"]

_generation = 0
_FORGET = "dossier_forget_actors"
_lock = threading.Lock()


def forget_all_actors(session: Session | None = None) -> None:
    """Called when grants or memberships change: every cached actor is reloaded.

    With ``session`` the cache is cleared again once that transaction has committed, so that a
    request racing the change cannot keep the old rights cached.
    """
    global _generation
    with _lock:
        _generation += 1
    if session is not None:
        session.info[_FORGET] = True


@event.listens_for(Session, "after_commit")
def _forget_after_commit(session: Session) -> None:
    if session.info.pop(_FORGET, False):
        forget_all_actors()


@event.listens_for(Session, "after_rollback")
def _drop_flag(session: Session) -> None:
    session.info.pop(_FORGET, None)


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
