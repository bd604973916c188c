"""Verifying a tenant's audit hash chain."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .journal import canonical_event, event_hash
from .models import AuditEvent, TenantCounter

__all__ = ["ChainReport", "verify_chain"]

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    events: int
    head: str
    broken_at: int | None = None


def verify_chain(session: Session, tenant_id: str, *, batch: int = 5000) -> ChainReport:
    """Recompute every link; the first event whose hash or link does not match is named."""
    prev = GENESIS
    expected_seq = 1
    count = 0
    last_seq = 0
    while True:
        rows = session.scalars(
            select(AuditEvent).where(AuditEvent.tenant_id == tenant_id,
                                     AuditEvent.seq > last_seq)
            .order_by(AuditEvent.seq).limit(batch)).all()
        if not rows:
            break
        for ev in rows:
            canonical = canonical_event(tenant_id, ev.seq, ev.at, ev.actor, ev.action,
                                        ev.object, ev.details)
            if (ev.seq != expected_seq or ev.prev_hash != prev
                    or ev.hash != event_hash(prev, canonical)):
                return ChainReport(ok=False, events=count, head=prev, broken_at=ev.seq)
            prev = ev.hash
            expected_seq += 1
            count += 1
            last_seq = ev.seq
        session.expunge_all()
    head = session.scalar(select(TenantCounter.audit_head)
                          .where(TenantCounter.tenant_id == tenant_id))
    if head is not None and head != prev:
        # events were deleted from the end of the chain
        return ChainReport(ok=False, events=count, head=prev, broken_at=expected_seq)
    return ChainReport(ok=True, events=count, head=prev)
