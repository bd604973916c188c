"""``/blobs`` and ``/uploads``: content, once per SHA-256, streamed; resumable uploads."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Header, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.exc import IntegrityError

from ..blobstore import HashMismatch, TooLarge, is_sha256
from ..context import ServerContext
from ..journal import record_audit
from ..models import Blob, TenantBlob, Upload
from ..problems import Problem
from ..rights import Actor
from .deps import ActorDep, ContextDep, WriteDB

router = APIRouter(tags=["blobs"])

#: A blob's name: its SHA-256 as 64 hexadecimal digits (either case).
SHA256_PATTERN = r"^[0-9a-fA-F]{64}$"
Sha256Path = Annotated[str, Path(pattern=SHA256_PATTERN)]


def _check_sha(sha256: str) -> str:
    sha256 = sha256.lower()
    if not is_sha256(sha256):
        raise Problem(422, "validation", "sha256: 64 hexadecimal digits", field="sha256")
    return sha256


def _require_create(actor: Actor) -> None:
    if not (actor.tenant_wide("create") or actor.tenant_wide("new_version")
            or actor.scopes("create", "file") or actor.scopes("create", "register")
            or actor.scopes("create", "file_class") or actor.scopes("new_version", "file")
            or actor.scopes("new_version", "register") or actor.scopes("new_version", "document")):
        raise Problem(403, "forbidden", "you may not upload content")


def _register_blob(context: ServerContext, actor: Actor, sha256: str, size: int) -> bool:
    """Record the blob for the tenant; returns True when the tenant did not have it yet."""
    with context.database.writer() as session:
        if session.get(Blob, sha256) is None:
            try:
                with session.begin_nested():
                    session.add(Blob(sha256=sha256, size=size))
            except IntegrityError:
                pass  # the same content arrived concurrently
        if session.get(TenantBlob, (actor.tenant_id, sha256)) is not None:
            session.commit()
            return False
        session.add(TenantBlob(tenant_id=actor.tenant_id, sha256=sha256))
        try:
            session.commit()
        except IntegrityError:
            return False
        return True


@router.head("/blobs/{sha256}", response_class=Response, responses={
    200: {"description": "Stored for this tenant; Content-Length is its size"}})
def head_blob(sha256: Sha256Path, actor: ActorDep, context: ContextDep) -> Response:
    sha256 = _check_sha(sha256)
    with context.database.reader() as session:
        owned = session.get(TenantBlob, (actor.tenant_id, sha256))
        blob = session.get(Blob, sha256) if owned else None
    if blob is None:  # a problem like every 404; a HEAD answer carries its headers only
        raise Problem(404, "not-found", "no such blob for this tenant")
    return Response(status_code=200, headers={"Content-Length": str(blob.size)})


@router.put("/blobs/{sha256}", status_code=201, responses={200: {}, 201: {}})
async def put_blob(sha256: Sha256Path, request: Request, actor: ActorDep,
                   context: ContextDep) -> Response:
    """Store the request body; hashing happens while streaming, a mismatch keeps nothing."""
    sha256 = _check_sha(sha256)
    _require_create(actor)
    limit = context.settings.max_blob_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise Problem(413, "too-large", f"content is limited to {limit} bytes")
    pending = await run_in_threadpool(context.blobs.begin, sha256, max_bytes=limit)
    try:
        async for chunk in request.stream():
            if chunk:
                pending.write(chunk)
        size = await run_in_threadpool(pending.commit)
    except TooLarge as exc:
        pending.discard()
        raise Problem(413, "too-large", f"content is limited to {limit} bytes") from exc
    except HashMismatch as exc:
        raise Problem(422, "hash-mismatch", f"the content's SHA-256 is {exc.actual}",
                      field="sha256", actual=exc.actual) from exc
    except BaseException:
        pending.discard()
        raise
    created = await run_in_threadpool(_register_blob, context, actor, sha256, size)
    return Response(status_code=201 if created else 200,
                    headers={"Location": f"/api/v1/blobs/{sha256}"})


class UploadCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    size: int = Field(ge=0)
    sha256: str = Field(pattern=SHA256_PATTERN)


def _upload(session: WriteDB, actor: Actor, upload_id: str) -> Upload:
    upload = session.get(Upload, upload_id)
    if upload is None or upload.tenant_id != actor.tenant_id:
        raise Problem(404, "not-found", "no such upload")
    return upload


@router.post("/uploads", status_code=201)
def create_upload(body: UploadCreate, actor: ActorDep, context: ContextDep,
                  session: WriteDB) -> dict[str, Any]:
    _require_create(actor)
    sha256 = _check_sha(body.sha256)
    if body.size > context.settings.max_blob_bytes:
        raise Problem(413, "too-large", "content is too large")
    upload = Upload(tenant_id=actor.tenant_id, user_id=actor.user_id, size=body.size,
                    sha256=sha256, offset=0)
    session.add(upload)
    session.commit()
    return {"upload_id": upload.id, "offset": 0, "size": body.size}


@router.head("/uploads/{upload_id}")
def upload_offset(upload_id: str, actor: ActorDep, session: WriteDB) -> Response:
    upload = _upload(session, actor, upload_id)
    return Response(status_code=200, headers={"Upload-Offset": str(upload.offset),
                                              "Upload-Length": str(upload.size)})


@router.patch("/uploads/{upload_id}")
async def upload_chunk(upload_id: str, request: Request, actor: ActorDep, context: ContextDep,
                       upload_offset: Annotated[int, Header(ge=0)]) -> dict[str, Any]:
    chunk = await request.body()
    return await run_in_threadpool(_store_chunk, context, actor, upload_id, upload_offset, chunk)


def _store_chunk(context: ServerContext, actor: Actor, upload_id: str, offset: int,
                 chunk: bytes) -> dict[str, Any]:
    with context.database.writer() as session:
        upload = _upload(session, actor, upload_id)
        if offset != upload.offset:
            raise Problem(409, "offset-mismatch", f"resume at offset {upload.offset}",
                          offset=upload.offset)
        if offset + len(chunk) > upload.size:
            raise Problem(413, "too-large", "the chunk goes past the declared size")
        upload.offset = context.blobs.append_upload(upload.id, offset, chunk)
        if upload.offset < upload.size:
            session.commit()
            return {"upload_id": upload.id, "offset": upload.offset, "complete": False}
        sha256, size = upload.sha256, upload.size
        session.delete(upload)
        try:
            context.blobs.finish_upload(upload_id, sha256)
        except HashMismatch as exc:
            session.commit()
            raise Problem(422, "hash-mismatch", f"the content's SHA-256 is {exc.actual}",
                          field="sha256", actual=exc.actual) from exc
        record_audit(session, actor.tenant_id, actor=actor.username, action="upload",
                     object=sha256, details={"size": size})
        session.commit()
    _register_blob(context, actor, sha256, size)
    return {"upload_id": upload_id, "offset": size, "complete": True, "sha256": sha256}
