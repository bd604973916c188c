"""Slowing down password guessing without anything waiting on the server.

Failed logins are counted per key. Once a key has failed ``free`` times, the next attempt is
allowed only a delay after its last failure; the delay doubles with every further failure up to
a maximum. An attempt made earlier is refused at once (the caller answers ``429`` with
``Retry-After``) without the password being checked: nothing sleeps, no worker thread is held,
and no database transaction is open for longer than a few statements, so an unauthenticated
client cannot slow anyone else down.

Keys are the account (the resolved user, whatever the spelling of the tenant; an unknown name
by a hash of its normalised spelling, so that typos, often passwords, are not stored) and the
client's address. Failures older than the window are forgotten, and their rows are deleted
whenever a failure is recorded: the table holds at most the keys that failed within the
window, and a throttled attempt adds none.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .orm import LoginFailure

__all__ = ["ThrottleRule", "account_key", "address_key", "forget_failures", "record_failure",
           "seconds_to_wait"]


def account_key(user_id: str | None, tenant: str | None, username: str) -> str:
    """The account an attempt is aimed at: the user if the name resolved to one."""
    if user_id is not None:
        return f"user:{user_id}"
    spelling = f"{(tenant or '').strip().casefold()}/{username.strip().casefold()}"
    return f"name:{hashlib.sha256(spelling.encode()).hexdigest()}"


def address_key(address: str) -> str:
    return f"addr:{address[:200]}"


@dataclass(frozen=True)
class ThrottleRule:
    """When a key is throttled: after ``free`` failures, ``base`` seconds doubling to ``cap``."""

    key: str
    free: int
    base: float
    cap: float

    def delay_after(self, failures: int) -> float:
        """Seconds between the last of ``failures`` failures and the next allowed attempt."""
        if failures < self.free:
            return 0.0
        return float(min(self.base * 2 ** min(failures - self.free, 30), self.cap))


def seconds_to_wait(session: Session, rules: Sequence[ThrottleRule], now: datetime, *,
                    window: timedelta) -> int:
    """Whole seconds before an attempt is allowed under every rule (0: allowed now)."""
    by_key = {rule.key: rule for rule in rules}
    rows = session.scalars(select(LoginFailure).where(LoginFailure.account.in_(by_key),
                                                      LoginFailure.last_at >= now - window))
    wait = 0.0
    for row in rows:
        allowed_at = by_key[row.account].delay_after(row.count)
        wait = max(wait, allowed_at - (now - row.last_at).total_seconds())
    return math.ceil(wait) if wait > 0 else 0


def record_failure(session: Session, keys: Sequence[str], now: datetime, *,
                   window: timedelta) -> None:
    """Count one failed attempt for each key (safe against concurrent attempts) and delete
    the rows of keys whose last failure is older than ``window``."""
    session.execute(delete(LoginFailure).where(LoginFailure.last_at < now - window))
    for key in keys:
        if _bump(session, key, now):
            continue
        try:
            with session.begin_nested():
                session.add(LoginFailure(account=key, count=1, last_at=now))
        except IntegrityError:  # a concurrent attempt inserted it first
            _bump(session, key, now)


def _bump(session: Session, key: str, now: datetime) -> bool:
    result = session.execute(update(LoginFailure).where(LoginFailure.account == key)
                             .values(count=LoginFailure.count + 1, last_at=now))
    return bool(result.rowcount)  # type: ignore[attr-defined]


def forget_failures(session: Session, key: str) -> None:
    """A successful login: the account's failures no longer count (its address's still do)."""
    session.execute(delete(LoginFailure).where(LoginFailure.account == key))
