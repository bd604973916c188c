"""Check-out and check-in: offline replicas of a file, exclusive locks, idempotent batches.

A check-out covers a whole file (``registers`` ``None``) or some registers with their
sub-registers. Shared check-outs lock nothing. An exclusive one makes others' writes to its
scope answer ``423`` while it is open, not broken by an administrator and its lease has not run
out; an expired lease is noticed lazily whenever locks are checked (marked once, audited). A
check-out that lost its lock still checks in: its operations then resolve by ETag like those of
a shared one, so nothing of the holder's is discarded.

Check-in operations are applied one by one, each in its own transaction together with the row
that stores its result under the client's ``op_id``: the same ``op_id`` again returns that
first result and changes nothing, also after a crash or from two racing requests.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..fileclasses import FileClass
from ..journal import record_audit
from ..models import (
    CheckinOp,
    Checkout,
    CustomerFile,
    Document,
    DocumentRegister,
    TenantCounter,
    Version,
    utcnow,
)
from ..problems import Problem
from ..rights import Actor

__all__ = ["OP_KINDS", "cancel_or_break", "checkin", "checkout_json", "create_checkout",
           "document_lock", "feed_head", "file_lock", "get_checkout", "list_checkouts",
           "lock_file_row", "require_document_unlocked", "require_unlocked", "snapshot"]

OP_KINDS = ("create_document", "update_document", "new_version", "delete_document",
            "update_cover")
SYSTEM = "system"


# locks ------------------------------------------------------------------------------------


def _lease_over(checkout: Checkout, now: datetime) -> bool:
    return checkout.lease_expires_at is not None and checkout.lease_expires_at <= now


def _holds_lock(checkout: Checkout, now: datetime) -> bool:
    return (checkout.mode == "exclusive" and checkout.released_at is None
            and checkout.broken_by is None and checkout.expired_at is None
            and not _lease_over(checkout, now))


def _overlaps(scope: list[str] | None, target: Iterable[str] | None) -> bool:
    """``None`` is the whole file; an empty target is the file itself (its cover)."""
    if scope is None or target is None:
        return True
    return bool(set(scope) & set(target))


def _expire(session: Session, checkout: Checkout, now: datetime) -> None:
    checkout.expired_at = now
    record_audit(session, checkout.tenant_id, actor=SYSTEM, action="checkout",
                 object=checkout.file_id,
                 details={"op": "expire", "checkout": checkout.id, "holder": checkout.username,
                          "lease_expires_at": _iso(checkout.lease_expires_at)})


def _open_exclusive(session: Session, file_id: str) -> list[Checkout]:
    return list(session.scalars(
        select(Checkout).where(Checkout.file_id == file_id, Checkout.mode == "exclusive",
                               Checkout.released_at.is_(None), Checkout.broken_by.is_(None),
                               Checkout.expired_at.is_(None))
        .order_by(Checkout.created_at, Checkout.id)))


def _active_locks(session: Session, file_id: str, target: Iterable[str] | None, *,
                  expire: bool) -> list[Checkout]:
    """Exclusive check-outs that lock ``target`` now; with ``expire``, mark run-out leases."""
    now = utcnow()
    target = None if target is None else list(target)
    found: list[Checkout] = []
    for checkout in _open_exclusive(session, file_id):
        if _lease_over(checkout, now):
            if expire:
                _expire(session, checkout, now)
            continue
        if _overlaps(checkout.registers, target):
            found.append(checkout)
    return found


def lock_file_row(session: Session, file_id: str) -> None:
    """Serialise lock checks and check-outs of one file (a row lock; SQLite writers queue)."""
    session.execute(select(CustomerFile.id).where(CustomerFile.id == file_id).with_for_update())


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _lock_json(checkout: Checkout) -> dict[str, Any]:
    return {"checkout_id": checkout.id, "mode": "exclusive", "locked_by": checkout.username,
            "since": checkout.created_at.isoformat(), "registers": checkout.registers,
            "lease_expires_at": _iso(checkout.lease_expires_at)}


def _locked(checkout: Checkout) -> Problem:
    return Problem(423, "locked", f"checked out exclusively by {checkout.username}",
                   locked_by=checkout.username, since=checkout.created_at.isoformat(),
                   lease_expires_at=_iso(checkout.lease_expires_at))


def require_unlocked(session: Session, actor: Actor, file_id: str,
                     registers: Iterable[str] = ()) -> None:
    """423 when someone else's exclusive check-out covers the write.

    ``registers`` are the registers the write touches; none means the file itself (the
    cover), which only a whole-file check-out locks.
    """
    lock_file_row(session, file_id)
    for checkout in _active_locks(session, file_id, registers, expire=True):
        if checkout.user_id != actor.user_id:
            raise _locked(checkout)


def _register_ids(session: Session, document_id: str) -> list[str]:
    return list(session.scalars(select(DocumentRegister.register_id)
                                .where(DocumentRegister.document_id == document_id)))


def require_document_unlocked(session: Session, actor: Actor, document: Document,
                              extra_registers: Iterable[str] = ()) -> None:
    """423 when the document (or a register it moves into) is under another's lock."""
    require_unlocked(session, actor, document.file_id,
                     [*_register_ids(session, document.id), *extra_registers])


def document_lock(session: Session, document: Document,
                  register_ids: list[str]) -> dict[str, Any] | None:
    """The exclusive lock over the document now, for ``document_json`` (read only)."""
    locks = _active_locks(session, document.file_id, register_ids, expire=False)
    return _lock_json(locks[0]) if locks else None


def document_locks(session: Session, file_id: str,
                   registers: dict[str, list[str]]) -> dict[str, dict[str, Any] | None]:
    """``document_lock`` for many documents of one file with one query (lists)."""
    now = utcnow()
    exclusives = [c for c in _open_exclusive(session, file_id) if not _lease_over(c, now)]
    out: dict[str, dict[str, Any] | None] = {}
    for doc_id, register_ids in registers.items():
        lock = next((c for c in exclusives if _overlaps(c.registers, register_ids)), None)
        out[doc_id] = _lock_json(lock) if lock is not None else None
    return out


def file_lock(session: Session, file: CustomerFile) -> dict[str, Any] | None:
    """The file's exclusive lock now (a whole-file one first), for ``file_json`` (read only)."""
    locks = _active_locks(session, file.id, None, expire=False)
    locks.sort(key=lambda c: c.registers is not None)
    return _lock_json(locks[0]) if locks else None


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
        lock_file_row(session, file.id)
        for other in _active_locks(session, file.id, scope, expire=True):
            if other.user_id != actor.user_id:
                raise _locked(other)
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


def feed_head(session: Session, tenant_id: str) -> str:
    """The tenant's change-feed head as a cursor: every change up to it has committed."""
    return str(session.scalar(select(TenantCounter.feed_seq)
                              .where(TenantCounter.tenant_id == tenant_id)) or 0)


def snapshot(session: Session, actor: Actor, checkout: Checkout) -> list[dict[str, Any]]:
    """The documents of the check-out's scope the user can read, each with all versions."""
    from .documents import document_json, version_json

    query = select(Document).where(Document.tenant_id == actor.tenant_id,
                                   Document.file_id == checkout.file_id,
                                   Document.deleted_at.is_(None),
                                   actor.document_filter(session))
    if checkout.registers is not None:
        query = query.where(Document.id.in_(
            select(DocumentRegister.document_id)
            .where(DocumentRegister.register_id.in_(checkout.registers))))
    documents = session.scalars(query.order_by(Document.created_at, Document.id)).all()
    versions: dict[str, list[Version]] = {}
    for version in session.scalars(
            select(Version).where(Version.document_id.in_(query.with_only_columns(Document.id)))
            .order_by(Version.document_id, Version.number)):
        versions.setdefault(version.document_id, []).append(version)
    out: list[dict[str, Any]] = []
    for document in documents:
        history = versions.get(document.id, [])
        current = next((v for v in history if v.number == document.current_version), None)
        body = document_json(session, document, current)
        body["versions"] = [version_json(v) for v in history]
        out.append(body)
    return out


# listing, cancel, break -------------------------------------------------------------------


def checkout_json(checkout: Checkout, file: CustomerFile | None = None) -> dict[str, Any]:
    now = utcnow()
    if checkout.released_at is not None:
        state = "released"
    elif checkout.broken_by is not None:
        state = "broken"
    elif checkout.mode == "exclusive" and (checkout.expired_at is not None
                                           or _lease_over(checkout, now)):
        state = "expired"
    else:
        state = "open"
    out: dict[str, Any] = {
        "id": checkout.id, "checkout_id": checkout.id, "file_id": checkout.file_id,
        "user": checkout.username, "device_id": checkout.device_id, "mode": checkout.mode,
        "effective_mode": "exclusive" if _holds_lock(checkout, now) else "shared",
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


# check-in operations ----------------------------------------------------------------------


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ContentIn(_Strict):
    sha256: str = Field(max_length=64)
    filename: str = Field(default="document", max_length=1000)
    media_type: str = Field(default="application/octet-stream", max_length=255)


class RegisterChangesIn(_Strict):
    add: list[str] = Field(default_factory=list, max_length=100)
    remove: list[str] = Field(default_factory=list, max_length=100)


class DocumentChanges(_Strict):
    title: str | None = Field(default=None, max_length=1000)
    index: dict[str, Any] | None = None
    registers: RegisterChangesIn | None = None


class CoverChanges(_Strict):
    title: str | None = Field(default=None, min_length=1, max_length=300)
    cover: dict[str, Any] | None = None


class _Op(_Strict):
    op_id: str = Field(min_length=1, max_length=64)


class CreateDocumentOp(_Op):
    op: Literal["create_document"]
    id: str = Field(pattern=r"^[0-9a-fA-F-]{36}$")
    type: str = Field(max_length=64)
    title: str = Field(max_length=1000)
    registers: list[str] = Field(default_factory=list, max_length=100)
    index: dict[str, Any] = Field(default_factory=dict)
    content: ContentIn


class UpdateDocumentOp(_Op):
    op: Literal["update_document"]
    document_id: str = Field(max_length=64)
    base_etag: str = Field(max_length=100)
    changes: DocumentChanges


class NewVersionOp(_Op):
    op: Literal["new_version"]
    document_id: str = Field(max_length=64)
    base_version: int = Field(ge=0)
    content: ContentIn
    comment: str = Field(default="", max_length=1000)


class DeleteDocumentOp(_Op):
    op: Literal["delete_document"]
    document_id: str = Field(max_length=64)
    base_etag: str = Field(max_length=100)


class UpdateCoverOp(_Op):
    op: Literal["update_cover"]
    base_etag: str = Field(max_length=100)
    changes: CoverChanges


Operation = Annotated[CreateDocumentOp | UpdateDocumentOp | NewVersionOp | DeleteDocumentOp
                      | UpdateCoverOp, Field(discriminator="op")]
_OPERATION: TypeAdapter[Operation] = TypeAdapter(Operation)


def _normalise(raw: dict[str, Any]) -> dict[str, Any]:
    """The kind is named by ``op``; ``type`` naming a kind is accepted when ``op`` is absent
    (a ``create_document`` then gives the document type as ``document_type``)."""
    raw = dict(raw)
    if "op" not in raw and raw.get("type") in OP_KINDS:
        raw["op"] = raw.pop("type")
    if "document_type" in raw and "type" not in raw:
        raw["type"] = raw.pop("document_type")
    return raw


def _parse(raw: dict[str, Any]) -> Operation:
    try:
        return _OPERATION.validate_python(_normalise(raw))
    except ValidationError as exc:
        errors = [{"field": ".".join(str(p) for p in e.get("loc", ())),
                   "reason": str(e.get("msg", ""))} for e in exc.errors()]
        first = errors[0] if errors else {"field": "", "reason": "invalid"}
        raise Problem(422, "validation", f"{first['field']}: {first['reason']}",
                      field=first["field"], errors=errors) from exc


def _clean_tag(tag: str) -> str:
    tag = tag.strip()
    return (tag[2:] if tag.startswith("W/") else tag).strip('"')


class _Run:
    """One check-in request: the actor, the check-out, its file and class."""

    def __init__(self, session: Session, actor: Actor, checkout: Checkout,
                 file_class: FileClass) -> None:
        self.session = session
        self.actor = actor
        self.checkout = checkout
        self.file_class = file_class

    def file(self) -> CustomerFile:
        file = self.session.get(CustomerFile, self.checkout.file_id)
        assert file is not None
        return file

    def document(self, doc_id: str) -> Document:
        from .documents import get_document

        document = get_document(self.session, self.actor, doc_id, include_deleted=True)
        if document.file_id != self.checkout.file_id:
            raise Problem(404, "not-found", "no such document in the checked-out file")
        self.session.refresh(document, with_for_update=True)
        return document

    def document_body(self, document: Document, *, versions: bool = False) -> dict[str, Any]:
        from .documents import document_json, version_json

        body = document_json(self.session, document)
        if versions:
            body["versions"] = [version_json(v) for v in self.session.scalars(
                select(Version).where(Version.document_id == document.id)
                .order_by(Version.number))]
        return body

    def conflict(self, document: Document, reason: str) -> dict[str, Any]:
        return {"status": "conflict", "reason": reason,
                "current": self.document_body(document, versions=True)}

    def apply(self, op: Operation) -> dict[str, Any]:
        from .documents import (
            add_version,
            create_document,
            delete_document,
            document_etag,
            update_document,
            version_json,
        )
        from .files import file_etag, file_json, update_file

        session, actor = self.session, self.actor
        lock_file_row(session, self.checkout.file_id)
        if isinstance(op, CreateDocumentOp):
            document, created = create_document(
                session, actor, self.file(), self.file_class, doc_id=op.id.lower(),
                type=op.type, title=op.title, registers=op.registers, index=op.index,
                content=op.content.model_dump())
            return {"status": "applied", "created": created, "document_id": document.id,
                    "document": self.document_body(document)}
        if isinstance(op, UpdateCoverOp):
            file = self.file()
            session.refresh(file, with_for_update=True)
            if file_etag(file) != _clean_tag(op.base_etag):
                return {"status": "conflict", "reason": "etag",
                        "current": file_json(session, actor, file)}
            update_file(session, actor, self.file_class, file, title=op.changes.title,
                        cover=op.changes.cover)
            return {"status": "applied", "file": file_json(session, actor, file)}
        document = self.document(op.document_id)
        if isinstance(op, DeleteDocumentOp):
            if document.deleted_at is not None:
                return {"status": "applied", "already_deleted": True,
                        "document": self.document_body(document)}
            if document_etag(document) != _clean_tag(op.base_etag):
                return self.conflict(document, "etag")
            delete_document(session, actor, document)
            return {"status": "applied", "document": self.document_body(document)}
        if document.deleted_at is not None:
            return self.conflict(document, "deleted")
        if isinstance(op, UpdateDocumentOp):
            if document_etag(document) != _clean_tag(op.base_etag):
                return self.conflict(document, "etag")
            changes = op.changes
            update_document(session, actor, document, self.file_class, title=changes.title,
                            index=changes.index,
                            add=changes.registers.add if changes.registers else None,
                            remove=changes.registers.remove if changes.registers else None)
            return {"status": "applied", "document": self.document_body(document)}
        current = session.scalar(select(Version).where(
            Version.document_id == document.id, Version.number == document.current_version))
        if current is not None and current.sha256 == op.content.sha256.lower():
            # the same content again is no new version and never a conflict
            return {"status": "applied", "unchanged": True,
                    "document": self.document_body(document)}
        if document.current_version != op.base_version:
            return self.conflict(document, "version")
        version = add_version(session, actor, document, op.content.model_dump(), op.comment)
        return {"status": "applied", "version": version_json(version),
                "document": self.document_body(document)}


def _stored(session: Session, actor: Actor, op_id: str) -> dict[str, Any] | None:
    """The first result of ``op_id``; another user's op_id is refused, never revealed."""
    row = session.get(CheckinOp, (actor.tenant_id, op_id))
    if row is None:
        return None
    owner = session.scalar(select(Checkout.user_id).where(Checkout.id == row.checkout_id))
    if owner != actor.user_id:
        return {"op_id": op_id, "status": "rejected",
                "problem": Problem(409, "op-id-taken", "this op_id is used already").body()}
    return dict(row.result)


def _one(run: _Run, raw: dict[str, Any]) -> dict[str, Any]:
    session, actor = run.session, run.actor
    op_id = str(raw["op_id"])
    stored = _stored(session, actor, op_id)
    if stored is not None:
        session.rollback()  # nothing of a replay is kept
        return stored
    kind = str(raw.get("op") or raw.get("type") or "")
    try:
        result = {"op_id": op_id, **run.apply(_parse(raw))}
    except Problem as exc:
        session.rollback()
        result = {"op_id": op_id, "status": "rejected", "problem": exc.body()}
    session.add(CheckinOp(tenant_id=actor.tenant_id, op_id=op_id, checkout_id=run.checkout.id,
                          result=result))
    details: dict[str, Any] = {"checkout": run.checkout.id, "op_id": op_id, "op": kind,
                               "status": result["status"]}
    for key in ("document_id", "id"):
        if isinstance(raw.get(key), str):
            details["document"] = raw[key]
            break
    record_audit(session, actor.tenant_id, actor=actor.username, action="checkin",
                 object=run.checkout.file_id, details=details)
    try:
        session.commit()
    except IntegrityError:
        # the same op_id committed by a racing request first: its result stands
        session.rollback()
        again = _stored(session, actor, op_id)
        session.rollback()
        if again is None:
            raise
        return again
    return result


def checkin(session: Session, actor: Actor, checkout: Checkout, file_class: FileClass,
            operations: list[dict[str, Any]], *, release: bool,
            lease_hours: int) -> dict[str, Any]:
    """Apply the operations in order, each atomically; returns results and the feed cursor."""
    checkout_id = checkout.id
    session.commit()
    run = _Run(session, actor, checkout, file_class)
    results = [_one(run, raw) for raw in operations]
    fresh = session.get(Checkout, checkout_id, populate_existing=True, with_for_update=True)
    assert fresh is not None
    checkout = fresh
    now = utcnow()
    if checkout.mode == "exclusive" and checkout.released_at is None:
        if checkout.expired_at is None and _lease_over(checkout, now):
            _expire(session, checkout, now)
        elif _holds_lock(checkout, now) and not release:
            checkout.lease_expires_at = now + timedelta(hours=lease_hours)
    if release and checkout.released_at is None:
        checkout.released_at = now
        record_audit(session, actor.tenant_id, actor=actor.username, action="checkin",
                     object=checkout.file_id, details={"op": "release", "checkout": checkout.id,
                                                       "operations": len(operations)})
    session.commit()
    return {"results": results, "cursor": feed_head(session, actor.tenant_id),
            "checkout": checkout_json(checkout)}
