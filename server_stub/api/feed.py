"""``/changes`` (the tenant's change feed) and ``/audit`` (the audit trail and its check)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query
from sqlalchemy import select

from ..audit import verify_and_checkpoint
from ..domain.feed import read_feed
from ..orm import AuditEvent
from ..problems import Problem
from .deps import (
    ActorDep,
    ContextDep,
    Cursor,
    DateQuery,
    Limit,
    ReadDB,
    date_bound,
    decode_cursor,
    encode_cursor,
)

router = APIRouter(tags=["feed", "audit"])


#: ``since``: a ``cursor`` this feed answered (digits), ``latest`` or empty.
_SINCE = r"^([0-9]{1,18}|latest)?$"


@router.get("/changes")
def changes(actor: ActorDep, session: ReadDB,
            since: Annotated[str | None, Query(pattern=_SINCE, description=(
                "A cursor of this feed (its digits), 'latest' for from now on, or nothing "
                "(or 0) for the beginning"))] = None,
            file: str | None = None,
            limit: Annotated[int, Query(ge=1, le=5000)] = 500) -> dict[str, Any]:
    return read_feed(session, actor, since=since, file=file, limit=limit)


def _require_audit(actor: ActorDep) -> None:
    if not actor.tenant_wide("view_audit"):
        raise Problem(403, "forbidden", "you may not view the audit trail",
                      permission="view_audit")


@router.get("/audit")
def audit(actor: ActorDep, session: ReadDB, object: str | None = None,
          actor_name: Annotated[str | None, Query(alias="actor")] = None,
          action: str | None = None, from_: Annotated[DateQuery, Query(alias="from")] = None,
          to: DateQuery = None, order: Literal["asc", "desc"] = "asc", limit: Limit = 50,
          cursor: Cursor = None) -> dict[str, Any]:
    _require_audit(actor)
    query = select(AuditEvent).where(AuditEvent.tenant_id == actor.tenant_id)
    if object:
        query = query.where(AuditEvent.object == object)
    if actor_name:
        query = query.where(AuditEvent.actor == actor_name)
    if action:
        query = query.where(AuditEvent.action == action)
    if from_:
        query = query.where(AuditEvent.at >= date_bound(from_, "from", end=False))
    if to:
        query = query.where(AuditEvent.at <= date_bound(to, "to", end=True))
    after = decode_cursor(cursor)
    if after is not None:
        if not isinstance(after, int):
            raise Problem(422, "validation", "cursor: not a cursor of this list", field="cursor")
        query = query.where(AuditEvent.seq > after if order == "asc" else AuditEvent.seq < after)
    column = AuditEvent.seq.asc() if order == "asc" else AuditEvent.seq.desc()
    rows = session.scalars(query.order_by(column).limit(limit + 1)).all()
    items = [{"seq": e.seq, "at": e.at.isoformat(), "actor": e.actor, "action": e.action,
              "object": e.object, "details": e.details, "hash": e.hash} for e in rows[:limit]]
    return {"items": items,
            "next_cursor": encode_cursor(rows[limit - 1].seq) if len(rows) > limit else None}


@router.get("/audit/verify")
def audit_verify(actor: ActorDep, context: ContextDep, session: ReadDB) -> dict[str, Any]:
    """The chain checked link by link and against the signed checkpoints outside the
    database; an intact chain's head is checkpointed."""
    _require_audit(actor)
    report = verify_and_checkpoint(session, actor.tenant_id, context.audit_checkpoints)
    body: dict[str, Any] = {"ok": report.ok, "events": report.events, "head": report.head}
    if not report.ok:
        body["broken_at"] = report.broken_at
        body["problem"] = report.problem
    return body
