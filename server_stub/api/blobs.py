"""``/blobs`` and ``/uploads``: content, once per SHA-256, streamed; resumable uploads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, cast

from fastapi import APIRouter, Header, Path, Request, Response
from fastapi.concurrency import run_in_threadpool
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import Table, delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ..blobstore import HashMismatch, PendingBlob, TooLarge, is_sha256
from ..context import ServerContext
from ..journal import record_audit
from ..orm import Blob, TenantBlob, Upload
from ..problems import Problem
from ..rights import Actor
from .deps import ActorDep, ContextDep, ReadDB, WriteDB

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


#: Bodies up to this size (declared by ``Content-Length``) are read whole and stored in one
#: go; larger ones, and bodies of unknown size, stream to disk.
SMALL_BLOB = 256 * 1024


def _insert_new(session: Session, entity: type[Blob] | type[TenantBlob],
                values: dict[str, Any]) -> bool:
    """``INSERT ... ON CONFLICT DO NOTHING RETURNING``: True when the row is new (when the
    same row arrives concurrently, one of the two inserts it, neither fails). ``RETURNING``
    says so on both databases, where the row count does not (psycopg gives -1)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    table = cast(Table, entity.__table__)
    inserted = session.execute(dialect.insert(table).values(**values).on_conflict_do_nothing()
                               .returning(table.c.sha256))
    return inserted.first() is not None


def _register_blob(context: ServerContext, actor: Actor, sha256: str, size: int) -> bool:
    """Record the blob for the tenant; returns True when the tenant did not have it yet.
    One short write transaction of two statements."""
    with context.database.writing() as session:
        _insert_new(session, Blob, {"sha256": sha256, "size": size})
        return _insert_new(session, TenantBlob, {"tenant_id": actor.tenant_id,
                                                 "sha256": sha256})


def _store_small(context: ServerContext, actor: Actor, sha256: str, body: bytes) -> bool:
    """A small body: on disk for good, then recorded (one trip to a worker thread)."""
    size = context.blobs.store(sha256, body)
    return _register_blob(context, actor, sha256, size)


def _commit_pending(context: ServerContext, actor: Actor, sha256: str,
                    pending: PendingBlob) -> bool:
    size = pending.commit()
    return _register_blob(context, actor, sha256, size)


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
    """Store the request body; hashing happens while streaming, a mismatch keeps nothing.
    The answer comes once the content is on disk for good (fsynced, its folder too) and
    recorded for the tenant."""
    sha256 = _check_sha(sha256)
    _require_create(actor)
    limit = context.settings.max_blob_bytes
    declared = request.headers.get("content-length")
    length = int(declared) if declared and declared.isdigit() else None
    if length is not None and length > limit:
        raise Problem(413, "too-large", f"content is limited to {limit} bytes")
    try:
        if length is not None and length <= min(SMALL_BLOB, limit):
            body = await request.body()  # at most Content-Length bytes: the framing ends it
            created = await run_in_threadpool(_store_small, context, actor, sha256, body)
        else:
            created = await _stream_blob(request, context, actor, sha256, limit)
    except HashMismatch as exc:
        raise Problem(422, "hash-mismatch", f"the content's SHA-256 is {exc.actual}",
                      field="sha256", actual=exc.actual) from exc
    return Response(status_code=201 if created else 200,
                    headers={"Location": f"/api/v1/blobs/{sha256}"})


async def _stream_blob(request: Request, context: ServerContext, actor: Actor, sha256: str,
                       limit: int) -> bool:
    pending = await run_in_threadpool(context.blobs.begin, sha256, max_bytes=limit)
    try:
        async for chunk in request.stream():
            if chunk:
                pending.write(chunk)
        return await run_in_threadpool(_commit_pending, context, actor, sha256, pending)
    except TooLarge as exc:
        pending.discard()
        raise Problem(413, "too-large", f"content is limited to {limit} bytes") from exc
    except HashMismatch:
        raise
    except BaseException:
        pending.discard()
        raise


class UploadCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    size: int = Field(ge=0)
    sha256: str = Field(pattern=SHA256_PATTERN)


def _upload(session: Session, actor: Actor, upload_id: str) -> Upload:
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
def upload_offset(upload_id: str, actor: ActorDep, session: ReadDB) -> Response:
    upload = _upload(session, actor, upload_id)
    return Response(status_code=200, headers={"Upload-Offset": str(upload.offset),
                                              "Upload-Length": str(upload.size)})


@dataclass(frozen=True)
class _ChunkTarget:
    """Where a chunk goes: the upload as it stood when the chunk arrived."""

    upload_id: str
    offset: int
    size: int
    sha256: str

    @property
    def room(self) -> int:
        return self.size - self.offset


@router.patch("/uploads/{upload_id}")
async def upload_chunk(upload_id: str, request: Request, actor: ActorDep, context: ContextDep,
                       upload_offset: Annotated[int, Header(ge=0)]) -> dict[str, Any]:
    """Stream a chunk to disk at ``Upload-Offset``; reading stops at the declared size."""
    target = await run_in_threadpool(_chunk_target, context, actor, upload_id, upload_offset)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > target.room:
        raise _past_declared_size()
    new_offset = await _receive_chunk(request, context, target)
    return await run_in_threadpool(_commit_chunk, context, actor, target, new_offset)


def _past_declared_size() -> Problem:
    return Problem(413, "too-large", "the chunk goes past the declared size")


def _chunk_target(context: ServerContext, actor: Actor, upload_id: str,
                  offset: int) -> _ChunkTarget:
    with context.database.reader() as session:
        upload = _upload(session, actor, upload_id)
        if offset != upload.offset:
            raise Problem(409, "offset-mismatch", f"resume at offset {upload.offset}",
                          offset=upload.offset)
        return _ChunkTarget(upload.id, upload.offset, upload.size, upload.sha256)


async def _receive_chunk(request: Request, context: ServerContext,
                         target: _ChunkTarget) -> int:
    """Write the body into the upload's file; returns the new offset. No transaction is open
    while the client sends."""
    chunk = await run_in_threadpool(context.blobs.open_chunk, target.upload_id, target.offset,
                                    max_bytes=target.room)
    try:
        async for piece in request.stream():
            if piece:
                chunk.write(piece)
        return await run_in_threadpool(chunk.finish)
    except TooLarge as exc:
        chunk.discard()
        raise _past_declared_size() from exc
    except BaseException:
        chunk.discard()
        raise


def _commit_chunk(context: ServerContext, actor: Actor, target: _ChunkTarget,
                  new_offset: int) -> dict[str, Any]:
    with context.database.writing() as session:
        moved = session.execute(update(Upload).where(
            Upload.id == target.upload_id, Upload.offset == target.offset)
            .values(offset=new_offset))
        if not moved.rowcount:  # type: ignore[attr-defined]
            raise Problem(409, "offset-mismatch", "another chunk was stored meanwhile")
    if new_offset < target.size:
        return {"upload_id": target.upload_id, "offset": new_offset, "complete": False}
    return _complete_upload(context, actor, target)


def _complete_upload(context: ServerContext, actor: Actor,
                     target: _ChunkTarget) -> dict[str, Any]:
    """Hash the file (no transaction open), move it into the store, forget the upload."""
    try:
        context.blobs.finish_upload(target.upload_id, target.sha256)
    except HashMismatch as exc:
        with context.database.writing() as session:
            session.execute(delete(Upload).where(Upload.id == target.upload_id))
        raise Problem(422, "hash-mismatch", f"the content's SHA-256 is {exc.actual}",
                      field="sha256", actual=exc.actual) from exc
    with context.database.writing() as session:
        session.execute(delete(Upload).where(Upload.id == target.upload_id))
        record_audit(session, actor.tenant_id, actor=actor.username, action="upload",
                     object=target.sha256, details={"size": target.size})
    _register_blob(context, actor, target.sha256, target.size)
    return {"upload_id": target.upload_id, "offset": target.size, "complete": True,
            "sha256": target.sha256}
