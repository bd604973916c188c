"""The change feed and the audit chain, written in the same transaction as the change.

Domain code calls :func:`record_change` and :func:`record_audit`; the entries are held in
``session.info`` and written just before the transaction commits, after taking the row lock of
the tenant's counter. That lock is held until commit, so the tenant's transactions commit in
the order of the sequence numbers they took: a reader that has seen number N can never later
find a change numbered N or lower appear (the gap problem of plain database sequences, whose
numbers commit out of order). The same lock orders the audit hash chain.

The feed is read (its head, a user's page, an indexer's batch) in :mod:`.domain.feed`.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, event, insert, select, update
from sqlalchemy.orm import Session

from .orm import AuditEvent, Change, TenantCounter, utcnow

__all__ = ["canonical_event", "event_hash", "on_feed_commit", "record_audit", "record_change"]

_KEY = "dossier_journal"
_COMMITTED = "dossier_feed_committed"

#: Called after a commit that added change-feed entries, with the tenant ids (the search
#: indexer wakes on it). Callbacks must be quick and must not raise.
_feed_listeners: list[Callable[[set[str]], None]] = []


def on_feed_commit(callback: Callable[[set[str]], None]) -> Callable[[], None]:
    """Register ``callback``; returns the function that unregisters it."""
    _feed_listeners.append(callback)
    return lambda: _feed_listeners.remove(callback)


@dataclass
class _Pending:
    tenant_id: str
    changes: list[dict[str, Any]] = field(default_factory=list)
    audits: list[dict[str, Any]] = field(default_factory=list)


def _pending(session: Session, tenant_id: str) -> _Pending:
    journals: dict[str, _Pending] = session.info.setdefault(_KEY, {})
    return journals.setdefault(tenant_id, _Pending(tenant_id))


def record_change(session: Session, tenant_id: str, *, object: str, id: str, op: str,
                  etag: str | None = None, file_id: str | None = None,
                  document_id: str | None = None) -> None:
    """Queue a change-feed entry for the current transaction."""
    _pending(session, tenant_id).changes.append(
        {"object": object, "object_id": id, "op": op, "etag": etag, "file_id": file_id,
         "document_id": document_id})


def record_audit(session: Session, tenant_id: str, *, actor: str, action: str,
                 object: str | None = None, details: dict[str, Any] | None = None) -> None:
    """Queue an audit event for the current transaction."""
    _pending(session, tenant_id).audits.append(
        {"actor": actor, "action": action, "object": object, "details": details or {}})


def canonical_event(tenant_id: str, seq: int, at: datetime, actor: str, action: str,
                    object: str | None, details: dict[str, Any]) -> bytes:
    """The bytes an audit event's hash covers (besides the previous hash)."""
    body = {"tenant": tenant_id, "seq": seq, "at": at.isoformat(timespec="microseconds"),
            "actor": actor, "action": action, "object": object, "details": details}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def event_hash(prev_hash: str, canonical: bytes) -> str:
    return hashlib.sha256(prev_hash.encode() + canonical).hexdigest()


_CHANGES = cast(Table, Change.__table__)
_AUDIT_EVENTS = cast(Table, AuditEvent.__table__)
_COUNTERS = cast(Table, TenantCounter.__table__)
# Every write runs these: built once (SQLAlchemy then finds them compiled in its cache at once).
_LOCK_COUNTER = select(_COUNTERS.c.feed_seq, _COUNTERS.c.audit_seq, _COUNTERS.c.audit_head).where(
    _COUNTERS.c.tenant_id == bindparam("tenant")).with_for_update()
_SET_COUNTER = update(_COUNTERS).where(_COUNTERS.c.tenant_id == bindparam("tenant")).values(
    feed_seq=bindparam("new_feed_seq"), audit_seq=bindparam("new_audit_seq"),
    audit_head=bindparam("new_audit_head"))
_INSERT_CHANGES = insert(_CHANGES)
_INSERT_AUDIT_EVENTS = insert(_AUDIT_EVENTS)


def _write(session: Session, pending: _Pending) -> None:
    """The tenant's entries as plain inserts (one statement per table, however many) and its
    counter updated: four statements, no ORM objects (a write's journal costs little)."""
    tenant_id = pending.tenant_id
    feed_seq, audit_seq, head = session.execute(_LOCK_COUNTER, {"tenant": tenant_id}).one()
    now = utcnow()
    changes = []
    for entry in pending.changes:
        feed_seq += 1
        changes.append({"tenant_id": tenant_id, "seq": feed_seq, "at": now, **entry})
    audits = []
    for entry in pending.audits:
        audit_seq += 1
        canonical = canonical_event(tenant_id, audit_seq, now, entry["actor"], entry["action"],
                                    entry["object"], entry["details"])
        digest = event_hash(head, canonical)
        audits.append({"tenant_id": tenant_id, "seq": audit_seq, "at": now, "prev_hash": head,
                       "hash": digest, **entry})
        head = digest
    if changes:
        session.execute(_INSERT_CHANGES, changes)
    if audits:
        session.execute(_INSERT_AUDIT_EVENTS, audits)
    session.execute(_SET_COUNTER, {"tenant": tenant_id, "new_feed_seq": feed_seq,
                                   "new_audit_seq": audit_seq, "new_audit_head": head})
    counter = session.identity_map.get(session.identity_key(TenantCounter, tenant_id))
    if counter is not None:  # loaded as an object in this session: not stale after commit
        session.expire(counter)


@event.listens_for(Session, "before_commit")
def _flush_journal(session: Session) -> None:
    journals: dict[str, _Pending] | None = session.info.pop(_KEY, None)
    if not journals:
        return
    session.flush()  # the rows the entries describe first (and errors before the counter lock)
    for tenant_id in sorted(journals):  # a fixed order: no deadlock between tenants
        _write(session, journals[tenant_id])
    fed = {t for t, pending in journals.items() if pending.changes}
    if fed:
        session.info.setdefault(_COMMITTED, set()).update(fed)


@event.listens_for(Session, "after_commit")
def _announce_feed(session: Session) -> None:
    tenants: set[str] | None = session.info.pop(_COMMITTED, None)
    if tenants:
        for listener in list(_feed_listeners):
            listener(tenants)


@event.listens_for(Session, "after_rollback")
def _drop_journal(session: Session) -> None:
    session.info.pop(_KEY, None)
    session.info.pop(_COMMITTED, None)
