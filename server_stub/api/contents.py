"""``POST /contents``: many versions' content in one streamed tar, for check-outs and pulls.

A check-out of a 2,000-document file used to be 2,000 requests, each committing its own
``view`` audit event; every commit waits for the tenant's audit chain, so parallel downloads
queued behind one another. Here the rights are checked in one query, the audit events of the
whole batch are written in one transaction, and the bytes follow as a POSIX tar whose members
are named by their SHA-256 (each content once), which the client verifies while it stores.
"""

from __future__ import annotations

import os
import tarfile
from collections.abc import Iterator
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import select, tuple_

from ..delivery import content_headers
from ..journal import record_audit
from ..orm import Document, Version
from .deps import ActorDep, ContextDep, WriteDB

router = APIRouter(tags=["documents"])

MAX_VERSIONS = 500
CHUNK = 1 << 20
BLOCK = tarfile.BLOCKSIZE


class VersionRef(BaseModel):
    model_config = ConfigDict(extra="forbid")
    document_id: str = Field(min_length=1, max_length=64)
    number: int = Field(ge=1, le=2**31 - 1)


class ContentsRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    versions: list[VersionRef] = Field(min_length=1, max_length=MAX_VERSIONS)


@router.post("/contents", response_class=StreamingResponse)
def contents(body: ContentsRequest, actor: ActorDep, context: ContextDep,
             session: WriteDB) -> StreamingResponse:
    """The versions the user may read, as ``application/x-tar``; a version that is not there
    (or not readable, or deleted) is left out — the client asks for it alone and hears why."""
    pairs = {(ref.document_id, ref.number) for ref in body.versions}
    rows = session.execute(
        select(Version.document_id, Version.number, Version.sha256)
        .join(Document, (Document.id == Version.document_id)
              & (Document.tenant_id == Version.tenant_id))
        .where(tuple_(Version.document_id, Version.number).in_(sorted(pairs)),
               Document.tenant_id == actor.tenant_id, Document.deleted_at.is_(None),
               actor.document_filter(session))
        .order_by(Version.document_id, Version.number)).all()
    members: dict[str, Path] = {}
    for document_id, number, sha256 in rows:
        path = context.blobs.path(sha256)
        if sha256 not in members and path.exists():
            members[sha256] = path
        record_audit(session, actor.tenant_id, actor=actor.username, action="view",
                     object=document_id, details={"version": number, "batch": True})
    session.commit()
    return StreamingResponse(_tar_stream(members), media_type="application/x-tar",
                             headers={"X-Dossier-Members": str(len(members)),
                                      **content_headers()})


def _tar_stream(members: dict[str, Path]) -> Iterator[bytes]:
    """A tar of ``members`` written as it is read (no temporary archive)."""
    for sha256, path in members.items():
        try:
            handle = path.open("rb")
        except OSError:
            continue  # gone since the query: the client fetches it alone
        with handle:
            size = os.fstat(handle.fileno()).st_size
            info = tarfile.TarInfo(sha256)
            info.size = size
            info.mode = 0o644
            yield info.tobuf(format=tarfile.USTAR_FORMAT)
            sent = 0
            while sent < size:
                chunk = handle.read(min(CHUNK, size - sent))
                if not chunk:
                    break
                sent += len(chunk)
                yield chunk
            if sent < size:  # truncated under us: pad, the client's hash check drops it
                yield bytes(size - sent)
            yield bytes(-size % BLOCK)
    yield bytes(2 * BLOCK)
