"""Locks of check-outs: which exclusive check-out covers a write, a document or a file now.

Shared check-outs lock nothing. An exclusive one makes others' writes to its scope answer
``423`` while it is open, not broken by an administrator and its lease has not run out; an
expired lease is noticed lazily whenever locks are checked (marked once, audited).

Check-outs themselves live in ``checkouts.py``, check-in in ``checkin.py``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from ..journal import record_audit
from ..orm import Checkout, CustomerFile, Document, DocumentRegister, utcnow
from ..problems import Problem
from ..rights import Actor

__all__ = [
    "document_lock",
    "document_locks",
    "expire_lease",
    "file_lock",
    "holds_lock",
    "lease_over",
    "lock_file_row",
    "lock_json",
    "register_ids_of",
    "require_document_unlocked",
    "require_unlocked",
]

SYSTEM = "system"


def lease_over(checkout: Checkout, now: datetime) -> bool:
    return checkout.lease_expires_at is not None and checkout.lease_expires_at <= now


def holds_lock(checkout: Checkout, now: datetime) -> bool:
    return (checkout.mode == "exclusive" and checkout.released_at is None
            and checkout.broken_by is None and checkout.expired_at is None
            and not lease_over(checkout, now))


def _overlaps(scope: list[str] | None, target: Iterable[str] | None) -> bool:
    """``None`` is the whole file; an empty target is the file itself (its cover)."""
    if scope is None or target is None:
        return True
    return bool(set(scope) & set(target))


def expire_lease(session: Session, checkout: Checkout, now: datetime) -> None:
    checkout.expired_at = now
    record_audit(session, checkout.tenant_id, actor=SYSTEM, action="checkout",
                 object=checkout.file_id,
                 details={"op": "expire", "checkout": checkout.id, "holder": checkout.username,
                          "lease_expires_at": _iso(checkout.lease_expires_at)})


#: Exclusive check-outs not ended (released, broken, expired), oldest first.
_OPEN_EXCLUSIVE = select(Checkout).where(
    Checkout.mode == "exclusive", Checkout.released_at.is_(None), Checkout.broken_by.is_(None),
    Checkout.expired_at.is_(None)).order_by(Checkout.created_at, Checkout.id)
#: ... of one file (every write asks: built once, no IN list to expand).
_OPEN_EXCLUSIVE_OF_FILE = _OPEN_EXCLUSIVE.where(Checkout.file_id == bindparam("file_id"))


def _open_exclusive(session: Session, file_ids: Collection[str]) -> list[Checkout]:
    if len(file_ids) == 1:
        return list(session.scalars(_OPEN_EXCLUSIVE_OF_FILE, {"file_id": next(iter(file_ids))}))
    return list(session.scalars(_OPEN_EXCLUSIVE.where(Checkout.file_id.in_(file_ids))))


def _active_locks(session: Session, file_id: str, target: Iterable[str] | None, *,
                  expire: bool) -> list[Checkout]:
    """Exclusive check-outs that lock ``target`` now; with ``expire``, mark run-out leases."""
    now = utcnow()
    target = None if target is None else list(target)
    found: list[Checkout] = []
    for checkout in _open_exclusive(session, [file_id]):
        if lease_over(checkout, now):
            if expire:
                expire_lease(session, checkout, now)
            continue
        if _overlaps(checkout.registers, target):
            found.append(checkout)
    return found


def lock_file_row(session: Session, file_id: str) -> None:
    """Serialise lock checks and check-outs of one file (a row lock; SQLite writers queue)."""
    session.execute(select(CustomerFile.id).where(CustomerFile.id == file_id).with_for_update())


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def lock_json(checkout: Checkout) -> dict[str, Any]:
    """The ``lock`` of a document or the ``checkout`` of a file in the API."""
    return {"checkout_id": checkout.id, "mode": "exclusive", "locked_by": checkout.username,
            "since": checkout.created_at.isoformat(), "registers": checkout.registers,
            "lease_expires_at": _iso(checkout.lease_expires_at)}


def _locked(checkout: Checkout) -> Problem:
    return Problem(423, "locked", f"checked out exclusively by {checkout.username}",
                   locked_by=checkout.username, since=checkout.created_at.isoformat(),
                   lease_expires_at=_iso(checkout.lease_expires_at))


def require_unlocked(session: Session, actor: Actor, file_id: str,
                     registers: Iterable[str] | None = (), *,
                     row_locked: bool = False) -> list[Checkout]:
    """423 when someone else's exclusive check-out covers the write; else the actor's own
    exclusive check-outs that cover it (oldest first: the first is the ``lock`` a document
    written there shows).

    ``registers`` are the registers the write touches; none means the file itself (the
    cover), which only a whole-file check-out locks; ``None`` is the whole file (a new
    exclusive check-out of it). ``row_locked``: the caller holds the file's row lock already
    (:func:`lock_file_row`, or the file read ``FOR UPDATE``).
    """
    if not row_locked:
        lock_file_row(session, file_id)
    found = _active_locks(session, file_id, registers, expire=True)
    for checkout in found:
        if checkout.user_id != actor.user_id:
            raise _locked(checkout)
    return found


def register_ids_of(session: Session, document: Document) -> list[str]:
    """The ids of the registers the document sits in."""
    return list(session.scalars(select(DocumentRegister.register_id).where(
        DocumentRegister.document_id == document.id,
        DocumentRegister.tenant_id == document.tenant_id)))


def require_document_unlocked(session: Session, actor: Actor, document: Document,
                              extra_registers: Iterable[str] = ()) -> None:
    """423 when the document (or a register it moves into) is under another's lock."""
    require_unlocked(session, actor, document.file_id,
                     [*register_ids_of(session, document), *extra_registers])


def document_lock(session: Session, document: Document,
                  register_ids: list[str]) -> dict[str, Any] | None:
    """The exclusive lock over the document now, for ``document_json`` (read only)."""
    locks = _active_locks(session, document.file_id, register_ids, expire=False)
    return lock_json(locks[0]) if locks else None


def document_locks(session: Session, places: dict[str, tuple[str, list[str]]]
                   ) -> dict[str, dict[str, Any] | None]:
    """``document_lock`` for many documents (id → file id and register ids), of any number
    of files, with one query (lists, search hits)."""
    now = utcnow()
    exclusives: dict[str, list[Checkout]] = {}
    for checkout in _open_exclusive(session, {file_id for file_id, _ in places.values()}):
        if not lease_over(checkout, now):
            exclusives.setdefault(checkout.file_id, []).append(checkout)
    out: dict[str, dict[str, Any] | None] = {}
    for doc_id, (file_id, register_ids) in places.items():
        lock = next((c for c in exclusives.get(file_id, ())
                     if _overlaps(c.registers, register_ids)), None)
        out[doc_id] = lock_json(lock) if lock is not None else None
    return out


def file_lock(session: Session, file: CustomerFile) -> dict[str, Any] | None:
    """The file's exclusive lock now (a whole-file one first), for ``file_json`` (read only)."""
    locks = _active_locks(session, file.id, None, expire=False)
    locks.sort(key=lambda c: c.registers is not None)
    return lock_json(locks[0]) if locks else None
