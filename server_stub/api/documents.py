"""``/files/{id}/documents`` and ``/documents``: filing, index values, versions, content."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Query, Request, Response
from fastapi.responses import FileResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select

from ..delivery import content_headers, disposition_type
from ..domain.documents import (
    add_version,
    delete_document,
    document_etag,
    file_document,
    get_document,
    update_document,
)
from ..domain.files import get_file
from ..domain.representations import document_json, documents_json, filed_json, version_json
from ..journal import record_audit
from ..orm import CustomerFile, Document, DocumentRegister, Version
from ..problems import Problem
from ..renditions import pdf_rendition
from .blobs import SHA256_PATTERN
from .deps import (
    ActorDep,
    ContextDep,
    Cursor,
    DateQuery,
    Limit,
    ReadDB,
    WriteDB,
    class_of_file,
    date_bound,
    decode_cursor,
    encode_cursor,
    like_pattern,
    require_if_match,
    with_etag,
)

router = APIRouter(tags=["documents"])


class ContentBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    sha256: str = Field(pattern=SHA256_PATTERN)
    filename: str = Field(default="document", max_length=1000)
    media_type: str = Field(default="application/octet-stream", max_length=255)


class DocumentCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str | None = Field(default=None, pattern=r"^[0-9a-fA-F-]{36}$")
    type: str = Field(max_length=64)
    title: str = Field(max_length=1000)
    registers: list[str] = Field(default_factory=list, max_length=100)
    index: dict[str, Any] = Field(default_factory=dict)
    content: ContentBody


@router.post("/files/{file_id}/documents", status_code=201)
def post_document(file_id: str, body: DocumentCreate, context: ContextDep, actor: ActorDep,
                  session: WriteDB, response: Response) -> dict[str, Any]:
    # the file, its row lock, its register tree and its locks are read once; the answer is
    # made from what filing knew; one write transaction
    file = get_file(session, actor, file_id, for_update=True)
    filed = file_document(
        session, actor, file, class_of_file(context, file), doc_id=body.id and body.id.lower(),
        type=body.type, title=body.title, registers=body.registers, index=body.index,
        content=body.content.model_dump(), file_locked=True)
    answer = filed_json(session, filed)
    session.commit()
    if not filed.created:
        response.status_code = 200
    response.headers["Location"] = f"/api/v1/documents/{filed.document.id}"
    return with_etag(response, answer)


_SORTS = {"created_at": Document.created_at, "title": Document.title, "type": Document.type,
          "updated_at": Document.updated_at}
#: ``sort``: a column of :data:`_SORTS`, ``-`` first for descending.
_SORT = "^-?(" + "|".join(_SORTS) + ")$"


@router.get("/files/{file_id}/documents")
def list_documents(file_id: str, request: Request, actor: ActorDep, session: ReadDB,
                   register: str | None = None,
                   type: Annotated[str | None, Query(max_length=64)] = None,
                   q: Annotated[str | None, Query(max_length=200)] = None,
                   from_: Annotated[DateQuery, Query(alias="from")] = None,
                   to: DateQuery = None, sort: Annotated[str, Query(pattern=_SORT)] = "-created_at",
                   limit: Limit = 50, cursor: Cursor = None) -> dict[str, Any]:
    file = get_file(session, actor, file_id)
    query = select(Document).where(Document.file_id == file.id, Document.deleted_at.is_(None),
                                   actor.document_filter(session))
    if register:
        match = [r.id for r in file.registers if register in (r.id, r.name)]
        if not match:
            raise Problem(422, "validation", "register: not a register of this file",
                          field="register")
        query = query.where(Document.id.in_(select(DocumentRegister.document_id).where(
            DocumentRegister.register_id == match[0])))
    if type:
        query = query.where(Document.type == type)
    if q:
        query = query.where(Document.search_text.like(like_pattern(q), escape="\\"))
    for name, value in request.query_params.items():
        if name.startswith("field."):
            query = query.where(Document.index[name[6:]].as_string() == value)
    if from_:
        query = query.where(Document.created_at >= date_bound(from_, "from", end=False))
    if to:
        query = query.where(Document.created_at <= date_bound(to, "to", end=True))
    column = _SORTS.get(sort.removeprefix("-"))
    if column is None:
        raise Problem(422, "validation", "sort: one of " + ", ".join(_SORTS), field="sort")
    order = column.desc() if sort.startswith("-") else column.asc()
    offset = decode_cursor(cursor) or 0
    if not isinstance(offset, int) or offset < 0:
        raise Problem(422, "validation", "cursor: not a cursor of this list", field="cursor")
    rows = session.scalars(query.order_by(order, Document.id).offset(offset)
                           .limit(limit + 1)).all()
    items = documents_json(session, list(rows[:limit]))
    return {"items": items,
            "next_cursor": encode_cursor(offset + limit) if len(rows) > limit else None}


@router.get("/documents/{doc_id}")
def get_one_document(doc_id: str, actor: ActorDep, session: ReadDB,
                     response: Response) -> dict[str, Any]:
    return with_etag(response, document_json(session, get_document(session, actor, doc_id)))


class RegisterChanges(BaseModel):
    model_config = ConfigDict(extra="forbid")
    add: list[str] = Field(default_factory=list, max_length=100)
    remove: list[str] = Field(default_factory=list, max_length=100)


class DocumentPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    title: str | None = Field(default=None, max_length=1000)
    index: dict[str, Any] | None = None
    registers: RegisterChanges | None = None
    legal_hold: bool | None = None


@router.patch("/documents/{doc_id}")
def patch_document(doc_id: str, body: DocumentPatch, context: ContextDep, actor: ActorDep,
                   session: WriteDB, response: Response,
                   if_match: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    document = get_document(session, actor, doc_id)
    require_if_match(if_match, document_etag(document),
                     current_object=document_json(session, document))
    file = session.get(CustomerFile, document.file_id)
    assert file is not None
    update_document(session, actor, document, class_of_file(context, file), title=body.title,
                    index=body.index, add=body.registers.add if body.registers else None,
                    remove=body.registers.remove if body.registers else None,
                    legal_hold=body.legal_hold)
    answer = document_json(session, document)
    session.commit()
    return with_etag(response, answer)


@router.delete("/documents/{doc_id}", status_code=204)
def remove_document(doc_id: str, actor: ActorDep, session: WriteDB,
                    if_match: Annotated[str | None, Header()] = None) -> None:
    document = get_document(session, actor, doc_id)
    require_if_match(if_match, document_etag(document),
                     current_object=document_json(session, document))
    delete_document(session, actor, document)
    session.commit()


@router.get("/documents/{doc_id}/versions")
def list_versions(doc_id: str, actor: ActorDep, session: ReadDB) -> dict[str, Any]:
    document = get_document(session, actor, doc_id)
    versions = session.scalars(select(Version).where(Version.document_id == document.id,
                                                     Version.tenant_id == document.tenant_id)
                               .order_by(Version.number))
    return {"items": [version_json(v) for v in versions], "next_cursor": None}


class VersionCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    content: ContentBody
    comment: str = Field(default="", max_length=1000)


@router.post("/documents/{doc_id}/versions", status_code=201)
def post_version(doc_id: str, body: VersionCreate, actor: ActorDep, session: WriteDB,
                 response: Response,
                 if_match: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    document = get_document(session, actor, doc_id)
    require_if_match(if_match, document_etag(document),
                     current_object=document_json(session, document))
    version = add_version(session, actor, document, body.content.model_dump(), body.comment)
    answer = {**version_json(version), "document": document_json(session, document, version)}
    session.commit()
    response.headers["ETag"] = f'"{document_etag(document)}"'
    return answer


#: A version number in a path: 1 up to what the database column holds (never a 5xx).
VersionNumber = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _version(session: WriteDB, document: Document, number: int) -> Version:
    version = session.scalar(select(Version).where(Version.document_id == document.id,
                                                   Version.tenant_id == document.tenant_id,
                                                   Version.number == number))
    if version is None:
        raise Problem(404, "not-found", "no such version")
    return version


@router.get("/documents/{doc_id}/versions/{number}/content")
def version_content(doc_id: str, number: VersionNumber, actor: ActorDep, context: ContextDep,
                    session: WriteDB) -> FileResponse:
    document = get_document(session, actor, doc_id)
    version = _version(session, document, number)
    record_audit(session, actor.tenant_id, actor=actor.username, action="view",
                 object=document.id, details={"version": number})
    session.commit()
    return FileResponse(context.blobs.path(version.sha256), media_type=version.media_type,
                        filename=version.filename, headers=content_headers(),
                        content_disposition_type=disposition_type(version.media_type))


@router.get("/documents/{doc_id}/versions/{number}/rendition/pdf")
def version_rendition(doc_id: str, number: VersionNumber, actor: ActorDep, context: ContextDep,
                      session: WriteDB) -> FileResponse:
    document = get_document(session, actor, doc_id)
    version = _version(session, document, number)
    if version.media_type == "application/pdf":
        path = context.blobs.path(version.sha256)
    else:
        made = pdf_rendition(context.blobs, version.sha256, version.filename)
        if made is None:
            raise Problem(404, "no-rendition", "no PDF rendition can be made of this content")
        path = made
    record_audit(session, actor.tenant_id, actor=actor.username, action="view",
                 object=document.id, details={"version": number, "rendition": "pdf"})
    session.commit()
    return FileResponse(path, media_type="application/pdf", headers=content_headers())
