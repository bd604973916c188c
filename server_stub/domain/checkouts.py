"""Check-out: offline replicas of a file, listing, cancel and break.

A check-out covers a whole file (``registers`` ``None``) or some registers with their
sub-registers. Shared check-outs lock nothing; what an exclusive one locks, and for how long,
is in ``locks.py``. A check-out that lost its lock still checks in: its operations then
resolve by ETag like those of a shared one, so nothing of the holder's is discarded.

Check-in lives in ``checkin.py``.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..journal import record_audit
from ..orm import (
    Checkout,
    CustomerFile,
    Document,
    DocumentRegister,
    Version,
    utcnow,
)
from ..problems import Problem
from ..rights import Actor
from .locks import holds_lock, lease_over, require_unlocked
from .representations import documents_json, version_json

__all__ = [
    "cancel_or_break",
    "checkout_json",
    "create_checkout",
    "get_checkout",
    "list_checkouts",
    "snapshot",
    "snapshot_page",
]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


# check-out --------------------------------------------------------------------------------


def _scope(file: CustomerFile, refs: list[str] | None) -> list[str] | None:
    """Register ids (sub-registers included) named by id or name; ``None``: the whole file."""
    if not refs:
        return None
    by_ref = {r.id: r.id for r in file.registers} | {r.name: r.id for r in file.registers}
    chosen: set[str] = set()
    for ref in refs:
        if ref not in by_ref:
            raise Problem(422, "validation", f"registers: {ref} is not a register of this file",
                          field="registers")
        chosen.add(by_ref[ref])
    frontier = set(chosen)
    while frontier:
        frontier = {r.id for r in file.registers if r.parent_id in frontier} - chosen
        chosen |= frontier
    return sorted(chosen)


def create_checkout(session: Session, actor: Actor, file: CustomerFile, *, device_id: str,
                    mode: str, registers: list[str] | None, lease_hours: int) -> Checkout:
    scope = _scope(file, registers)
    if not actor.allows(session, "checkout", file=file, register_ids=scope or (),
                        all_registers=True):
        raise Problem(403, "forbidden", "you may not check out this file",
                      permission="checkout")
    now = utcnow()
    if mode == "exclusive":
        require_unlocked(session, actor, file.id, scope)
    checkout = Checkout(tenant_id=actor.tenant_id, file_id=file.id, user_id=actor.user_id,
                        username=actor.username, device_id=device_id, mode=mode,
                        registers=scope, created_at=now,
                        lease_expires_at=now + timedelta(hours=lease_hours)
                        if mode == "exclusive" else None)
    session.add(checkout)
    session.flush()
    record_audit(session, actor.tenant_id, actor=actor.username, action="checkout",
                 object=file.id, details={"op": "create", "checkout": checkout.id, "mode": mode,
                                          "registers": scope, "device_id": device_id})
    return checkout


#: documents shaped per round of queries (the IN lists stay far below SQLite's limit)
CHUNK = 1000

#: where a page of a check-out's documents starts: after this (created_at, id)
After = tuple[datetime, str]


def snapshot(session: Session, actor: Actor, checkout: Checkout) -> list[dict[str, Any]]:
    """The documents of the check-out's scope the user can read, each with all versions."""
    documents, _ = snapshot_page(session, actor, checkout, after=None, limit=None)
    return documents


def snapshot_page(session: Session, actor: Actor, checkout: Checkout, *, after: After | None,
                  limit: int | None) -> tuple[list[dict[str, Any]], After | None]:
    """The check-out's documents (as :func:`snapshot`) in the order of their filing, from
    after ``after``, at most ``limit`` (all when ``None``); and where the next page starts
    (``None``: this was the last). A fixed number of queries per ``CHUNK`` documents: the
    document rows, their versions, register places and locks, each in one query."""
    query = select(Document).where(Document.tenant_id == actor.tenant_id,
                                   Document.file_id == checkout.file_id,
                                   Document.deleted_at.is_(None),
                                   actor.document_filter(session))
    if checkout.registers is not None:
        query = query.where(Document.id.in_(
            select(DocumentRegister.document_id)
            .where(DocumentRegister.register_id.in_(checkout.registers))))
    if after is not None:
        query = query.where(or_(Document.created_at > after[0],
                                and_(Document.created_at == after[0], Document.id > after[1])))
    query = query.order_by(Document.created_at, Document.id)
    if limit is not None:
        query = query.limit(limit + 1)
    documents = list(session.scalars(query))
    more = limit is not None and len(documents) > limit
    documents = documents[:limit] if limit is not None else documents
    out: list[dict[str, Any]] = []
    for start in range(0, len(documents), CHUNK):
        out += _with_versions(session, actor, documents[start:start + CHUNK])
    last = documents[-1] if more else None
    return out, ((last.created_at, last.id) if last is not None else None)


def _with_versions(session: Session, actor: Actor,
                   documents: list[Document]) -> list[dict[str, Any]]:
    versions: dict[str, list[Version]] = {}
    for version in session.scalars(
            select(Version).where(Version.document_id.in_([d.id for d in documents]),
                                  Version.tenant_id == actor.tenant_id)
            .order_by(Version.document_id, Version.number)):
        versions.setdefault(version.document_id, []).append(version)
    currents = {d.id: v for d in documents for v in versions.get(d.id, [])
                if v.number == d.current_version}
    out = documents_json(session, documents, currents)
    for body in out:
        body["versions"] = [version_json(v) for v in versions.get(body["id"], [])]
    return out


# listing, cancel, break -------------------------------------------------------------------


def checkout_json(checkout: Checkout, file: CustomerFile | None = None) -> dict[str, Any]:
    now = utcnow()
    if checkout.released_at is not None:
        state = "released"
    elif checkout.broken_by is not None:
        state = "broken"
    elif checkout.mode == "exclusive" and (checkout.expired_at is not None
                                           or lease_over(checkout, now)):
        state = "expired"
    else:
        state = "open"
    out: dict[str, Any] = {
        "id": checkout.id, "checkout_id": checkout.id, "file_id": checkout.file_id,
        "user": checkout.username, "device_id": checkout.device_id, "mode": checkout.mode,
        "effective_mode": "exclusive" if holds_lock(checkout, now) else "shared",
        "state": state, "registers": checkout.registers,
        "created_at": checkout.created_at.isoformat(),
        "lease_expires_at": _iso(checkout.lease_expires_at),
        "expired_at": _iso(checkout.expired_at), "released_at": _iso(checkout.released_at),
        "broken_by": checkout.broken_by, "broken_at": _iso(checkout.broken_at),
    }
    if file is not None:
        out["file_key"] = file.key
        out["file_title"] = file.title
    return out


def _is_admin(actor: Actor) -> bool:
    return actor.tenant_wide("manage_rights")


def list_checkouts(session: Session, actor: Actor, *, everyone: bool, offset: int,
                   limit: int) -> tuple[list[dict[str, Any]], bool]:
    if everyone and not _is_admin(actor):
        raise Problem(403, "forbidden", "only administrators list everyone's check-outs",
                      permission="manage_rights")
    query = (select(Checkout, CustomerFile)
             .join(CustomerFile, CustomerFile.id == Checkout.file_id)
             .where(Checkout.tenant_id == actor.tenant_id, Checkout.released_at.is_(None)))
    if not everyone:
        query = query.where(Checkout.user_id == actor.user_id)
    rows = session.execute(query.order_by(Checkout.created_at, Checkout.id)
                           .offset(offset).limit(limit + 1)).all()
    return [checkout_json(c, f) for c, f in rows[:limit]], len(rows) > limit


def get_checkout(session: Session, actor: Actor, checkout_id: str, *,
                 others: bool = False) -> Checkout:
    """The check-out of this tenant; someone else's only for administrators with ``others``."""
    checkout = session.scalar(select(Checkout).where(Checkout.id == checkout_id,
                                                     Checkout.tenant_id == actor.tenant_id))
    if checkout is None:
        raise Problem(404, "not-found", "no such check-out")
    if checkout.user_id != actor.user_id and not (others and _is_admin(actor)):
        if _is_admin(actor):
            raise Problem(403, "forbidden", "this is someone else's check-out")
        raise Problem(404, "not-found", "no such check-out")
    return checkout


def cancel_or_break(session: Session, actor: Actor, checkout: Checkout) -> str:
    """The holder cancels (releases, changes nothing else); an administrator breaks."""
    now = utcnow()
    if checkout.user_id == actor.user_id:
        if checkout.released_at is None:
            checkout.released_at = now
            record_audit(session, actor.tenant_id, actor=actor.username, action="checkout",
                         object=checkout.file_id,
                         details={"op": "cancel", "checkout": checkout.id})
        return "cancelled"
    if checkout.released_at is None and checkout.broken_by is None:
        checkout.broken_by = actor.username
        checkout.broken_at = now
        record_audit(session, actor.tenant_id, actor=actor.username, action="checkout",
                     object=checkout.file_id,
                     details={"op": "break", "checkout": checkout.id,
                              "holder": checkout.username, "mode": checkout.mode})
    return "broken"
