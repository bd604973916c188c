"""Verifying a tenant's audit hash chain, against itself and against the signed checkpoints
kept outside the database (:mod:`audit_anchor`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .audit_anchor import CheckpointLog, ForgedCheckpoint
from .journal import canonical_event, event_hash
from .orm import AuditEvent, TenantCounter

__all__ = ["ChainReport", "verify_and_checkpoint", "verify_chain"]

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainReport:
    """``problem`` says why a chain is not ``ok``: ``chain`` (a link or hash does not match),
    ``head`` (events missing at the end), ``checkpoint-mismatch`` (a checkpointed event has
    another hash now), ``checkpoint-missing`` (a checkpointed event is gone),
    ``checkpoint-signature`` (a checkpoint line is forged; ``broken_at`` is its line)."""

    ok: bool
    events: int
    head: str
    broken_at: int | None = None
    problem: str | None = None


def verify_chain(session: Session, tenant_id: str, *, checkpoints: dict[int, str] | None = None,
                 batch: int = 5000) -> ChainReport:
    """Recompute every link and compare with the checkpointed heads; the first event whose
    hash or link does not match is named. When a checkpoint no longer matches, the chain was
    rewritten consistently after the last checkpoint that still matches: ``broken_at`` is the
    first event after that one (the first event nothing vouches for any more)."""
    expected = checkpoints or {}
    prev = GENESIS
    count = last_seq = vouched = 0
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
            if (ev.seq != last_seq + 1 or ev.prev_hash != prev
                    or ev.hash != event_hash(prev, canonical)):
                return ChainReport(False, count, prev, broken_at=ev.seq, problem="chain")
            if ev.seq in expected:
                if expected[ev.seq] != ev.hash:
                    return ChainReport(False, count, prev, broken_at=vouched + 1,
                                       problem="checkpoint-mismatch")
                vouched = ev.seq
            prev = ev.hash
            count += 1
            last_seq = ev.seq
        session.expunge_all()
    if any(seq > last_seq for seq in expected):
        return ChainReport(False, count, prev, broken_at=last_seq + 1,
                           problem="checkpoint-missing")
    head = session.scalar(select(TenantCounter.audit_head)
                          .where(TenantCounter.tenant_id == tenant_id))
    if head is not None and head != prev:
        # events were deleted from the end of the chain
        return ChainReport(False, count, prev, broken_at=last_seq + 1, problem="head")
    return ChainReport(ok=True, events=count, head=prev)


def verify_and_checkpoint(session: Session, tenant_id: str,
                          checkpoints: CheckpointLog) -> ChainReport:
    """Verify the chain against the checkpoint file and, when it is intact, checkpoint its
    head (so every verification anchors what it has seen)."""
    try:
        heads = checkpoints.read(tenant_id)
    except ForgedCheckpoint as exc:
        return ChainReport(False, 0, GENESIS, broken_at=exc.line,
                           problem="checkpoint-signature")
    report = verify_chain(session, tenant_id, checkpoints=heads)
    if report.ok and report.events and heads.get(report.events) != report.head:
        checkpoints.append(tenant_id, report.events, report.head)
    return report
