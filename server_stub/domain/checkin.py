"""Check-in: a batch of offline operations, each applied atomically and idempotently.

Operations are applied one by one, each in its own transaction together with the row that
stores its result under the client's ``op_id``: the same ``op_id`` again returns that first
result and changes nothing, also after a crash or from two racing requests. A stale base is a
``conflict`` carrying the server's object now; a refusal is ``rejected`` with its problem.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..fileclasses import FileClass
from ..journal import record_audit
from ..orm import CheckinOp, Checkout, CustomerFile, Document, Version, utcnow
from ..problems import Problem
from ..rights import Actor
from .checkouts import checkout_json
from .documents import (
    add_version,
    create_document,
    delete_document,
    document_etag,
    get_document,
    restore_document,
    update_document,
)
from .feed import feed_head
from .files import file_etag, update_file
from .locks import expire_lease, holds_lock, lease_over, lock_file_row
from .representations import document_json, file_json, version_json

__all__ = ["OP_KINDS", "checkin"]

OP_KINDS = ("create_document", "update_document", "new_version", "delete_document",
            "restore_document", "update_cover", "record_resolution")


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


class RestoreDocumentOp(_Op):
    """Bring a deleted document back (an offline edit against a deletion: the edit wins)."""

    op: Literal["restore_document"]
    document_id: str = Field(max_length=64)


class UpdateCoverOp(_Op):
    op: Literal["update_cover"]
    base_etag: str = Field(max_length=100)
    changes: CoverChanges


class RecordResolutionOp(_Op):
    """The user's choice for a conflict the client held, kept in the audit trail."""

    op: Literal["record_resolution"]
    document_id: str | None = Field(default=None, max_length=64)
    conflict: Literal["fields", "content", "deleted", "rejected"]
    choice: Literal["mine", "theirs", "both"]
    fields: dict[str, Literal["mine", "theirs"]] = Field(default_factory=dict, max_length=200)


Operation = Annotated[CreateDocumentOp | UpdateDocumentOp | NewVersionOp | DeleteDocumentOp
                      | RestoreDocumentOp | UpdateCoverOp | RecordResolutionOp,
                      Field(discriminator="op")]
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
        document = get_document(self.session, self.actor, doc_id, include_deleted=True)
        if document.file_id != self.checkout.file_id:
            raise Problem(404, "not-found", "no such document in the checked-out file")
        self.session.refresh(document, with_for_update=True)
        return document

    def document_body(self, document: Document, *, versions: bool = False) -> dict[str, Any]:
        body = document_json(self.session, document)
        if versions:
            body["versions"] = [version_json(v) for v in self.session.scalars(
                select(Version).where(Version.document_id == document.id,
                                      Version.tenant_id == document.tenant_id)
                .order_by(Version.number))]
        return body

    def conflict(self, document: Document, reason: str) -> dict[str, Any]:
        return {"status": "conflict", "reason": reason,
                "current": self.document_body(document, versions=True)}

    def record_resolution(self, op: RecordResolutionOp) -> dict[str, Any]:
        """Always applied: a choice about a document the server never had (a refused new
        one) is recorded on the file, the same way as one about a document not visible
        here, so the answer reveals nothing."""
        target = self.checkout.file_id
        details: dict[str, Any] = {"conflict": op.conflict, "choice": op.choice,
                                   "fields": op.fields, "checkout": self.checkout.id}
        if op.document_id is not None:
            try:
                document = get_document(self.session, self.actor, op.document_id,
                                        include_deleted=True)
            except Problem:
                document = None
            if document is not None and document.file_id == self.checkout.file_id:
                target = document.id
            else:
                details["document"] = op.document_id
        record_audit(self.session, self.actor.tenant_id, actor=self.actor.username,
                     action="resolve", object=target, details=details)
        return {"status": "applied"}

    def apply(self, op: Operation) -> dict[str, Any]:
        session, actor = self.session, self.actor
        if isinstance(op, RecordResolutionOp):
            return self.record_resolution(op)
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
        if isinstance(op, RestoreDocumentOp):
            restored = document.deleted_at is not None
            restore_document(session, actor, document)
            return {"status": "applied", "restored": restored,
                    "document": self.document_body(document, versions=True)}
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
            Version.document_id == document.id, Version.tenant_id == document.tenant_id,
            Version.number == document.current_version))
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
        if checkout.expired_at is None and lease_over(checkout, now):
            expire_lease(session, checkout, now)
        elif holds_lock(checkout, now) and not release:
            checkout.lease_expires_at = now + timedelta(hours=lease_hours)
    if release and checkout.released_at is None:
        checkout.released_at = now
        record_audit(session, actor.tenant_id, actor=actor.username, action="checkin",
                     object=checkout.file_id, details={"op": "release", "checkout": checkout.id,
                                                       "operations": len(operations)})
    session.commit()
    return {"results": results, "cursor": str(feed_head(session, actor.tenant_id)),
            "checkout": checkout_json(checkout)}
