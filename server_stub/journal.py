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
from typing import Any

from sqlalchemy import event, select
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


def _write(session: Session, pending: _Pending) -> None:
    counter = session.execute(
        select(TenantCounter).where(TenantCounter.tenant_id == pending.tenant_id)
        .with_for_update()).scalar_one()
    now = utcnow()
    for entry in pending.changes:
        counter.feed_seq += 1
        session.add(Change(tenant_id=pending.tenant_id, seq=counter.feed_seq, at=now, **entry))
    for entry in pending.audits:
        counter.audit_seq += 1
        canonical = canonical_event(pending.tenant_id, counter.audit_seq, now, entry["actor"],
                                    entry["action"], entry["object"], entry["details"])
        digest = event_hash(counter.audit_head, canonical)
        session.add(AuditEvent(tenant_id=pending.tenant_id, seq=counter.audit_seq, at=now,
                               prev_hash=counter.audit_head, hash=digest, **entry))
        counter.audit_head = digest


@event.listens_for(Session, "before_commit")
def _flush_journal(session: Session) -> None:
    journals: dict[str, _Pending] | None = session.info.pop(_KEY, None)
    if not journals:
        return
    for tenant_id in sorted(journals):  # a fixed order: no deadlock between tenants
        _write(session, journals[tenant_id])
    session.flush()
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
