"""The replica read as the server's answers, so a client shows a checked-out file the same
way online and offline: files with their register tree and counts (``FileRecord``), documents
with their current version, versions. Local changes not yet checked in are what these return
(the user's view), marked with ``pending``. ``document_view`` is a document in the server's
JSON shape (the offline search's hits)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from .operations import DocumentState
from .replica import LocalDocument, LocalFile, LocalVersion, Replica
from .wire import Version
from .wire_records import FileRecord, RegisterNode

__all__ = ["document_view", "file_documents", "file_view", "search_files",
           "versions"]


def _register_tree(file: LocalFile, counts: Counter[str]) -> tuple[RegisterNode, ...]:
    """The flat rows kept in the replica as the server's nested tree, with local counts."""
    ids = {row["id"] for row in file.registers}
    children: dict[str | None, list[dict[str, Any]]] = {}
    for row in file.registers:
        parent = row.get("parent_id")
        children.setdefault(parent if parent in ids else None, []).append(row)

    def nodes(parent: str | None) -> tuple[RegisterNode, ...]:
        return tuple(RegisterNode(id=row["id"], name=row["name"],
                                  label=row.get("label") or row["name"],
                                  parent_id=row.get("parent_id") or None,
                                  count=counts.get(row["id"], 0), children=nodes(row["id"]))
                     for row in children.get(parent, []))

    return nodes(None)


def file_view(file: LocalFile, documents: list[LocalDocument]) -> FileRecord:
    counts: Counter[str] = Counter(r for d in documents for r in d.registers)
    return FileRecord(id=file.id, key=file.key, title=file.title, file_class=file.file_class,
                      cover=dict(file.cover), etag=file.etag,
                      registers=_register_tree(file, counts))


def document_view(doc: LocalDocument, version: LocalVersion | None = None) -> dict[str, Any]:
    current: dict[str, Any] | None = None
    if doc.current_version and doc.sha256:
        current = {"number": doc.current_version, "sha256": doc.sha256,
                   "filename": doc.filename, "media_type": doc.media_type,
                   "size": version.size if version else 0,
                   "created_by": version.created_by if version else "",
                   "created_at": version.created_at if version else doc.updated_at,
                   "comment": version.comment if version else ""}
    return {"id": doc.id, "file_id": doc.file_id, "type": doc.type, "title": doc.title,
            "index": dict(doc.index), "registers": list(doc.registers), "etag": doc.etag,
            "current_version": current, "created_at": doc.created_at,
            "updated_at": doc.updated_at, "deleted": False, "lock": None,
            "pending": doc.state != DocumentState.SYNCED, "working_path": doc.working_path}


def _live_documents(session: Session, file_id: str) -> list[LocalDocument]:
    return list(session.scalars(select(LocalDocument).where(
        LocalDocument.file_id == file_id, LocalDocument.state != DocumentState.DELETED,
        LocalDocument.server_deleted.is_(False))))


def file_documents(replica: Replica, file_id: str) -> tuple[FileRecord,
                                                              list[dict[str, Any]]] | None:
    """(file, documents) of a checked-out file, or ``None`` when it is not in the replica."""
    with replica.transaction() as session:
        file = session.get(LocalFile, file_id)
        if file is None or file.checkout_id is None:
            return None
        docs = _live_documents(session, file_id)
        current = {(v.document_id, v.number): v for v in session.scalars(
            select(LocalVersion).where(LocalVersion.document_id.in_([d.id for d in docs])))}
        documents = [document_view(d, current.get((d.id, d.current_version))) for d in docs]
        return file_view(file, docs), documents


def versions(replica: Replica, doc_id: str) -> list[Version] | None:
    """The versions of a document in the replica (oldest first), ``None`` if it is not there."""
    with replica.transaction() as session:
        if session.get(LocalDocument, doc_id) is None:
            return None
        rows = session.scalars(select(LocalVersion).where(LocalVersion.document_id == doc_id)
                               .order_by(LocalVersion.number))
        return [Version(number=v.number, sha256=v.sha256, size=v.size,
                        media_type=v.media_type, filename=v.filename,
                        created_by=v.created_by, created_at=v.created_at, comment=v.comment,
                        raw={"number": v.number, "sha256": v.sha256, "size": v.size,
                             "media_type": v.media_type, "filename": v.filename,
                             "created_by": v.created_by, "created_at": v.created_at,
                             "comment": v.comment, "pending": v.pending}) for v in rows]


def search_files(replica: Replica, text: str) -> list[FileRecord]:
    """Checked-out files whose number or name contains ``text`` (for offline search)."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = f"%{escaped}%"
    with replica.transaction() as session:
        rows = session.scalars(select(LocalFile).where(
            LocalFile.checkout_id.is_not(None),
            or_(LocalFile.key.ilike(pattern, escape="\\"),
                LocalFile.title.ilike(pattern, escape="\\")))
            .order_by(LocalFile.key))
        return [FileRecord(id=f.id, key=f.key, title=f.title, file_class=f.file_class,
                           cover=dict(f.cover), etag=f.etag) for f in rows]
