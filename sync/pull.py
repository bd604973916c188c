"""Pulling the change feed for a checked-out file and bringing the replica up to date."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import NotFound
from .faults import checkpoint
from .remote import RemoteClient
from .replica import LocalDocument, LocalFile, OutboxOp, Replica, utcnow
from .state import apply_server_document, apply_server_file, has_pending, register_ids
from .transfer import Progress, download_missing
from .working_folder import remove_untouched

__all__ = ["pull_file"]

log = logging.getLogger(__name__)


def pull_file(remote: RemoteClient, replica: Replica, file_id: str, *,
              progress: Progress | None = None, also: set[str] | None = None) -> dict[str, Any]:
    """Read the feed from the file's cursor; take the server's state of everything that has
    no local change pending (those merge at check-in). Returns what changed. ``progress``:
    of the contents downloaded (see ``download_missing``); ``also``: documents to fetch
    whatever the feed says (see ``diverged_documents``)."""
    with replica.transaction() as session:
        file = session.get(LocalFile, file_id)
        if file is None:
            return {"documents": [], "file": False}
        cursor = file.cursor
        stale = _stale_documents(session, file_id)
    touched: set[str] = stale | (also or set())
    file_changed = False
    while True:
        page = remote.changes(cursor, file_id=file_id, limit=500)
        for change in page.get("changes", []):
            if change.get("document_id"):
                touched.add(str(change["document_id"]))
            elif change.get("object") in ("file", "register"):
                file_changed = True
        cursor = str(page.get("cursor", cursor))
        checkpoint("pull.after_feed_page")
        if not page.get("has_more"):
            break
    new_docs: list[str] = []
    wanted: list[tuple[str, int, str]] = []
    gone: list[tuple[str | None, str | None]] = []  # working copies of deleted documents
    fetched: dict[str, tuple[dict[str, Any] | None, list[dict[str, Any]]]] = {}
    for doc_id in sorted(touched):
        try:
            fetched[doc_id] = (remote.document(doc_id), remote.versions(doc_id))
        except NotFound:
            fetched[doc_id] = (None, [])
        checkpoint("pull.after_fetch_document")
    file_body = remote.file(file_id) if file_changed else None
    checkpoint("pull.before_apply")
    with replica.transaction() as session:
        file = session.get(LocalFile, file_id)
        assert file is not None
        if file_body is not None:
            cover_pending = session.scalar(select(OutboxOp.seq).where(
                OutboxOp.file_id == file_id, OutboxOp.kind == "update_cover",
                OutboxOp.state.in_(("pending", "held"))).limit(1))
            if cover_pending is None:
                apply_server_file(session, file_body)
            else:
                file.registers = register_ids(file_body.get("registers", []))
        for doc_id, (body, versions) in fetched.items():
            local = session.get(LocalDocument, doc_id)
            if has_pending(session, doc_id):
                # merged three-way when the outbox goes; fetched again once it went, as
                # the cursor moves past this change now
                if local is not None:
                    local.stale = True
                continue
            if body is None or body.get("deleted"):
                if local is not None:
                    gone.append((local.working_path, local.working_sha))
                    session.delete(local)
                continue
            if local is None:
                new_docs.append(doc_id)
            doc = apply_server_document(session, file_id, body, versions)
            if doc.sha256:
                wanted.append((doc.id, doc.current_version, doc.sha256))
        # contents a check-out or an earlier pull committed but never finished downloading
        # (killed, cut off): the feed will not name those documents again
        for doc_id, number, sha in session.execute(select(
                LocalDocument.id, LocalDocument.current_version, LocalDocument.sha256).where(
                LocalDocument.file_id == file_id, LocalDocument.state != "deleted",
                LocalDocument.sha256.is_not(None))):
            if sha and doc_id not in fetched and not replica.cache_path(sha).exists():
                wanted.append((doc_id, number, sha))
        file.cursor = cursor
        file.last_sync = utcnow().isoformat()
        checkpoint("pull.before_commit")
    checkpoint("pull.after_commit")
    remove_untouched(gone)  # a colleague deleted them; an edited copy stays
    download_missing(remote, replica, wanted, progress=progress)
    checkpoint("pull.after_download")
    return {"documents": sorted(touched), "new": new_docs, "file": file_changed,
            "refreshed": sorted(stale)}


def _stale_documents(session: Session, file_id: str) -> set[str]:
    """Documents the server changed while a local change was queued, now sent."""
    rows = session.scalars(select(LocalDocument.id).where(
        LocalDocument.file_id == file_id, LocalDocument.stale.is_(True)))
    return {doc_id for doc_id in rows if not has_pending(session, doc_id)}



def diverged_documents(remote: RemoteClient, replica: Replica, file_id: str) -> set[str]:
    """The self-check: documents whose replica state is not the server's although nothing is
    queued for them and the feed names no change of them since the file's cursor — a defect
    the pull would never repair by itself. Costs one list of the file and one feed read."""
    with replica.transaction() as session:
        file = session.get(LocalFile, file_id)
        if file is None:
            return set()
        cursor, whole_file = file.cursor, not file.scope
        queued = set(session.scalars(select(OutboxOp.document_id).where(
            OutboxOp.file_id == file_id, OutboxOp.state.in_(("pending", "held")))))
        local = {doc_id: etag for doc_id, etag in session.execute(select(
            LocalDocument.id, LocalDocument.etag).where(LocalDocument.file_id == file_id))
            if doc_id not in queued}
    server = {d["id"]: d["etag"] for d in remote.documents(file_id)}
    moving: set[str] = set()  # changed since the cursor: the next pull takes them
    while True:
        page = remote.changes(cursor, file_id=file_id, limit=500)
        moving.update(str(c["document_id"]) for c in page.get("changes", [])
                      if c.get("document_id"))
        cursor = str(page.get("cursor", cursor))
        if not page.get("has_more"):
            break
    diverged = {doc_id for doc_id, etag in local.items() if server.get(doc_id) != etag}
    if whole_file:
        diverged |= set(server) - set(local) - queued
    return diverged - moving
