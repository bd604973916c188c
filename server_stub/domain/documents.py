"""Documents and their versions: filing, index values, registers, versions, deletion."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from ..blobstore import is_sha256
from ..fields import FieldError, validate_values
from ..fileclasses import DocumentType, FileClass
from ..journal import record_audit, record_change
from ..orm import (
    Blob,
    Checkout,
    CustomerFile,
    Document,
    DocumentRegister,
    Register,
    TenantBlob,
    Version,
    etag_of,
    new_id,
    utcnow,
)
from ..problems import Problem
from ..rights import Actor
from .files import field_problem, search_text_of
from .locks import register_ids_of, require_document_unlocked, require_unlocked

__all__ = ["ContentRef", "Filed", "add_version", "create_document", "delete_document",
           "document_etag", "file_document", "get_document", "restore_document",
           "sanitize_filename", "update_document"]

_MEDIA_TYPE = re.compile(r"^[\w.+-]{1,100}/[\w.+-]{1,100}$")
MAX_TITLE = 300


def document_etag(document: Document) -> str:
    return etag_of(document.id, document.row_version)


def sanitize_filename(name: str) -> str:
    """A display name only: path components and control characters go, the rest stays."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").split("/")[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip()
    if name in ("", ".", ".."):
        name = "document"
    return name[:255]


def _clean_title(title: str) -> str:
    title = title.strip()
    if not title or len(title) > MAX_TITLE or any(ord(c) < 32 for c in title):
        raise Problem(422, "validation", f"title: 1 to {MAX_TITLE} characters, no control "
                      "characters", field="title")
    return title


#: The size of a blob the tenant has uploaded (none: not the tenant's, or no such blob).
_OWNED_BLOB_SIZE = select(Blob.size).join(TenantBlob, TenantBlob.sha256 == Blob.sha256).where(
    TenantBlob.tenant_id == bindparam("tenant"), TenantBlob.sha256 == bindparam("sha256"))


class ContentRef:
    """The ``content`` object of a request, checked against this tenant's blobs."""

    def __init__(self, session: Session, tenant_id: str, raw: dict[str, Any]) -> None:
        sha256 = str(raw.get("sha256", "")).lower()
        if not is_sha256(sha256):
            raise Problem(422, "validation", "content.sha256: not a SHA-256 in hex",
                          field="content.sha256")
        size = session.scalar(_OWNED_BLOB_SIZE, {"tenant": tenant_id, "sha256": sha256})
        if size is None:
            raise Problem(422, "validation", "content.sha256: upload the content first "
                          "(PUT /api/v1/blobs/{sha256})", field="content.sha256")
        media_type = str(raw.get("media_type") or "application/octet-stream").lower()
        if not _MEDIA_TYPE.match(media_type):
            raise Problem(422, "validation", "content.media_type: not a media type",
                          field="content.media_type")
        self.sha256 = sha256
        self.size = size
        self.media_type = media_type
        self.filename = sanitize_filename(str(raw.get("filename") or "document"))


def _resolve_registers(file: CustomerFile, refs: list[str]) -> list[Register]:
    by_id = {r.id: r for r in file.registers}
    by_name = {r.name: r for r in file.registers}
    found: dict[str, Register] = {}
    for ref in refs:
        register = by_id.get(ref) or by_name.get(ref)
        if register is None:
            raise Problem(422, "validation", f"registers: {ref} is not a register of this file",
                          field="registers")
        found[register.id] = register
    return list(found.values())


def _document_type(file_class: FileClass, name: str) -> DocumentType:
    doc_type = file_class.document_types.get(name)
    if doc_type is None:
        raise Problem(422, "validation", f"type: {name} is not a document type of "
                      f"{file_class.name}", field="type")
    return doc_type


@dataclass
class Filed:
    """What filing a document made (or found, ``created`` false: then only ``document``)."""

    document: Document
    created: bool
    version: Version | None = None
    register_ids: list[str] = field(default_factory=list)
    #: the actor's own exclusive check-outs over the new document (its ``lock``: the first)
    locks: list[Checkout] = field(default_factory=list)


def create_document(session: Session, actor: Actor, file: CustomerFile, file_class: FileClass,
                    *, doc_id: str | None, type: str, title: str, registers: list[str],
                    index: dict[str, Any], content: dict[str, Any],
                    created_at: Any = None) -> tuple[Document, bool]:
    """File a new document; returns (document, created). See :func:`file_document`."""
    filed = file_document(session, actor, file, file_class, doc_id=doc_id, type=type,
                          title=title, registers=registers, index=index, content=content,
                          created_at=created_at)
    return filed.document, filed.created


def file_document(session: Session, actor: Actor, file: CustomerFile, file_class: FileClass,
                  *, doc_id: str | None, type: str, title: str, registers: list[str],
                  index: dict[str, Any], content: dict[str, Any], created_at: Any = None,
                  file_locked: bool = False) -> Filed:
    """File a new document: its row, its places, version 1, its change and audit entries.

    A ``doc_id`` the tenant has used already is idempotent: the same document comes back
    (409 only when it is filed in another file of the tenant). Ids are scoped per tenant (see
    :class:`orm.Document`), so another tenant's ids are fresh here and reveal nothing.

    ``file_locked``: the caller read ``file`` ``FOR UPDATE`` (else its row lock is taken
    here). The rows are added to the session, not flushed: the commit writes them.
    """
    if doc_id is not None:
        existing = session.get(Document, (doc_id, actor.tenant_id))
        if existing is not None:
            if existing.file_id != file.id:
                raise Problem(409, "id-taken", "this document id is taken in another file",
                              field="id")
            return Filed(existing, False)
    doc_type = _document_type(file_class, type)
    title = _clean_title(title)
    refs = registers or ([doc_type.default_register] if doc_type.default_register else [])
    targets = [r.id for r in _resolve_registers(file, refs)]
    if not targets:
        raise Problem(422, "validation", "registers: name at least one register",
                      field="registers")
    if not actor.allows(session, "create", file=file, register_ids=targets,
                        all_registers=True):
        raise Problem(403, "forbidden", "you may not file documents here")
    locks = require_unlocked(session, actor, file.id, targets, row_locked=file_locked)
    try:
        cleaned = validate_values(doc_type.index_fields, index)
    except FieldError as exc:
        raise field_problem(exc, "index.") from exc
    ref = ContentRef(session, actor.tenant_id, content)
    now = created_at or utcnow()
    document = Document(
        id=doc_id or new_id(), tenant_id=actor.tenant_id, file_id=file.id, type=doc_type.name,
        title=title, index=cleaned, search_text=search_text_of(title, cleaned, ref.filename),
        current_version=1, row_version=1, legal_hold=False, created_by=actor.username,
        created_at=now, updated_at=now,
        retention_until=now.date() + timedelta(days=doc_type.retention_days))
    version = Version(id=new_id(), tenant_id=actor.tenant_id, document_id=document.id, number=1,
                      sha256=ref.sha256, size=ref.size, media_type=ref.media_type,
                      filename=ref.filename, comment="", created_by=actor.username,
                      created_at=now)
    # one flush writes them all, in the order of their foreign keys
    session.add(document)
    session.add_all(DocumentRegister(document_id=document.id, tenant_id=document.tenant_id,
                                     register_id=r) for r in targets)
    session.add(version)
    record_change(session, actor.tenant_id, object="document", id=document.id, op="created",
                  etag=document_etag(document), file_id=file.id, document_id=document.id)
    record_audit(session, actor.tenant_id, actor=actor.username, action="create",
                 object=document.id, details={"kind": "document", "file": file.id,
                                              "type": doc_type.name, "sha256": ref.sha256})
    return Filed(document, True, version, targets, locks)


def get_document(session: Session, actor: Actor, doc_id: str, *,
                 include_deleted: bool = False) -> Document:
    query = select(Document).where(Document.id == doc_id, Document.tenant_id == actor.tenant_id,
                                   actor.document_filter(session))
    if not include_deleted:
        query = query.where(Document.deleted_at.is_(None))
    document = session.scalar(query)
    if document is None:
        raise Problem(404, "not-found", "no such document")
    return document


def _require(session: Session, actor: Actor, permission: str, document: Document) -> None:
    file = session.get(CustomerFile, document.file_id)
    assert file is not None
    if not actor.allows(session, permission, file=file,
                        register_ids=register_ids_of(session, document), document_id=document.id):
        raise Problem(403, "forbidden", f"you lack the permission {permission} here",
                      permission=permission)


def _touch(session: Session, actor: Actor, document: Document, op: str = "updated") -> None:
    document.row_version += 1
    document.updated_at = utcnow()
    session.flush()
    record_change(session, actor.tenant_id, object="document", id=document.id, op=op,
                  etag=document_etag(document), file_id=document.file_id,
                  document_id=document.id)


def update_document(session: Session, actor: Actor, document: Document, file_class: FileClass,
                    *, title: str | None = None, index: dict[str, Any] | None = None,
                    add: list[str] | None = None, remove: list[str] | None = None,
                    legal_hold: bool | None = None) -> Document:
    _require(session, actor, "edit_index", document)
    require_document_unlocked(session, actor, document)
    details: dict[str, Any] = {}
    if title is not None:
        document.title = _clean_title(title)
        details["title"] = document.title
    if index:
        doc_type = _document_type(file_class, document.type)
        try:
            changes = validate_values(doc_type.index_fields, index, partial=True)
        except FieldError as exc:
            raise field_problem(exc, "index.") from exc
        document.index = {**document.index, **changes}
        details["index"] = changes
    if add or remove:
        file = session.get(CustomerFile, document.file_id)
        assert file is not None
        current = set(register_ids_of(session, document))
        added = {r.id for r in _resolve_registers(file, add or [])} - current
        removed = {r.id for r in _resolve_registers(file, remove or [])} & current
        require_unlocked(session, actor, file.id, added)
        if not current - removed | added:
            raise Problem(422, "validation", "registers: a document stays in one register at "
                          "least", field="registers")
        session.add_all(DocumentRegister(document_id=document.id, tenant_id=document.tenant_id,
                                         register_id=r) for r in added)
        if removed:
            session.execute(delete(DocumentRegister).where(
                DocumentRegister.document_id == document.id,
                DocumentRegister.tenant_id == document.tenant_id,
                DocumentRegister.register_id.in_(removed)))
        details["registers"] = {"add": sorted(added), "remove": sorted(removed)}
    if legal_hold is not None:
        _require(session, actor, "manage_rights", document)
        document.legal_hold = legal_hold
        details["legal_hold"] = legal_hold
    document.search_text = search_text_of(document.title, document.index)
    _touch(session, actor, document)
    record_audit(session, actor.tenant_id, actor=actor.username, action="update",
                 object=document.id, details=details)
    return document


def add_version(session: Session, actor: Actor, document: Document, content: dict[str, Any],
                comment: str, *, created_at: Any = None) -> Version:
    _require(session, actor, "new_version", document)
    require_document_unlocked(session, actor, document)
    if len(comment) > 1000:
        raise Problem(422, "validation", "comment: at most 1000 characters", field="comment")
    ref = ContentRef(session, actor.tenant_id, content)
    document.current_version += 1
    version = Version(tenant_id=actor.tenant_id, document_id=document.id,
                      number=document.current_version, sha256=ref.sha256, size=ref.size,
                      media_type=ref.media_type, filename=ref.filename, comment=comment,
                      created_by=actor.username, created_at=created_at or utcnow())
    session.add(version)
    _touch(session, actor, document)
    record_change(session, actor.tenant_id, object="version", id=version.id, op="created",
                  file_id=document.file_id, document_id=document.id)
    record_audit(session, actor.tenant_id, actor=actor.username, action="version",
                 object=document.id, details={"version": version.number, "sha256": ref.sha256})
    return version


def delete_document(session: Session, actor: Actor, document: Document) -> None:
    """Tombstone the document unless retention or a legal hold forbids it (409)."""
    _require(session, actor, "delete", document)
    require_document_unlocked(session, actor, document)
    if document.legal_hold:
        raise Problem(409, "legal-hold", "the document is under a legal hold", legal_hold=True)
    if document.retention_until is not None and document.retention_until > date.today():
        raise Problem(409, "retention", "the retention period has not ended",
                      retention_until=document.retention_until.isoformat())
    document.deleted_at = utcnow()
    document.deleted_by = actor.username
    _touch(session, actor, document, op="deleted")
    record_audit(session, actor.tenant_id, actor=actor.username, action="delete",
                 object=document.id, details={"file": document.file_id})


def restore_document(session: Session, actor: Actor, document: Document) -> None:
    """Undo a tombstone: an offline edit of a document deleted meanwhile wins (DESIGN.md, edit
    against delete), and brings back the one document rather than a copy of it. Needs the
    right to create documents where it sits; a purged document cannot come back (404)."""
    if document.deleted_at is None:
        return
    _require(session, actor, "create", document)
    require_document_unlocked(session, actor, document)
    document.deleted_at = None
    document.deleted_by = None
    _touch(session, actor, document, op="updated")
    record_audit(session, actor.tenant_id, actor=actor.username, action="restore",
                 object=document.id, details={"file": document.file_id})
