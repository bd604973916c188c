"""Turning server objects into replica rows, and replica rows into merge inputs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from .operations import QUEUED
from .replica import LocalDocument, LocalFile, LocalVersion, OutboxOp
from .wire import Version, versions_of

__all__ = ["Prefetched", "apply_server_document", "apply_server_documents", "apply_server_file",
           "document_snapshot",
           "has_pending", "local_fields", "prefetch", "rebase", "register_ids",
           "versions_from_answer"]


def register_ids(tree: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Flatten the server's register tree into rows of id, name, label, parent_id."""
    out: list[dict[str, Any]] = []
    for node in tree:
        out.append({"id": node["id"], "name": node["name"], "label": node["label"],
                    "parent_id": node.get("parent_id"), "count": node.get("count", 0)})
        out.extend(register_ids(node.get("children", [])))
    return out


def document_snapshot(doc: dict[str, Any]) -> dict[str, Any]:
    """The server state of a document that the replica keeps as its merge base."""
    current = doc.get("current_version") or {}
    return {"title": doc["title"], "index": dict(doc.get("index") or {}),
            "registers": sorted(doc.get("registers") or []), "etag": doc["etag"],
            "current_version": int(current.get("number", 0)),
            "sha256": current.get("sha256"), "filename": current.get("filename", ""),
            "media_type": current.get("media_type", ""), "deleted": bool(doc.get("deleted"))}


def rebase(doc: LocalDocument, new_base: dict[str, Any]) -> None:
    """Move the document's merge base to ``new_base`` (a newer server state, a snapshot)
    keeping the user's own changes still queued: each field the user did not change takes the
    new base's value, registers merge as sets, content the user did not replace follows. A
    stale local value left in place would later look like the user's change and undo a
    colleague's edit in the next three-way merge."""
    old = doc.base or {}
    if doc.title == old.get("title"):
        doc.title = new_base["title"]
    old_index, new_index = old.get("index") or {}, new_base.get("index") or {}
    index = dict(doc.index)
    for name in set(old_index) | set(new_index) | set(index):
        if index.get(name) == old_index.get(name):
            if new_index.get(name) is None:
                index.pop(name, None)
            else:
                index[name] = new_index[name]
    doc.index = index
    doc.registers = sorted((set(new_base.get("registers") or [])
                            | (set(doc.registers) - set(old.get("registers") or [])))
                           - (set(old.get("registers") or []) - set(doc.registers)))
    if doc.sha256 == old.get("sha256"):
        doc.sha256 = new_base.get("sha256")
        doc.current_version = int(new_base.get("current_version") or 0)
        doc.filename = new_base.get("filename") or doc.filename
    doc.base, doc.etag = new_base, new_base["etag"]


def local_fields(doc: LocalDocument) -> dict[str, Any]:
    return {"title": doc.title, "index": dict(doc.index), "registers": sorted(doc.registers),
            "sha256": doc.sha256, "current_version": doc.current_version}


def versions_from_answer(body: dict[str, Any],
                         known: dict[int, bool]) -> list[Version] | None:
    """The versions to take with the server's document ``body`` without asking for its list:
    all of them when the body carries them, else its current version when the replica's rows
    (``known``: number → still pending) are the server's versions before it, and a pending
    one at most under its number. ``None``: only the server's list is right. Pure: raises
``ServerError`` (versions not as the protocol says) and nothing else, any thread."""
    carried = versions_of(body)
    if carried is not None:
        return carried
    if not body.get("current_version"):
        return []
    current = Version.from_json(body["current_version"])
    number = current.number
    servers = {n for n, pending in known.items() if not pending}
    mine = {n for n, pending in known.items() if pending}
    if set(range(1, number)) <= servers and mine <= {number}:
        return [current]
    return None


def has_pending(session: Session, document_id: str) -> bool:
    return session.scalar(select(OutboxOp.seq).where(
        OutboxOp.document_id == document_id, OutboxOp.state.in_(QUEUED))
        .limit(1)) is not None


def apply_server_file(session: Session, body: dict[str, Any], *, checkout_id: str | None = None,
                      mode: str | None = None) -> LocalFile:
    file = session.get(LocalFile, body["id"])
    if file is None:
        file = LocalFile(id=body["id"], key=body["key"], title=body["title"],
                         file_class=body.get("file_class", "customer"), etag=body["etag"])
        session.add(file)
    file.key = body["key"]
    file.title = body["title"]
    file.cover = dict(body.get("cover") or {})
    if "registers" in body:
        file.registers = register_ids(body["registers"])
    file.etag = body["etag"]
    file.base = {"title": body["title"], "cover": dict(body.get("cover") or {}),
                 "etag": body["etag"]}
    if checkout_id is not None:
        file.checkout_id = checkout_id
    if mode is not None:
        file.mode = mode
    return file


@dataclass
class Prefetched:
    """The replica's rows of many documents, loaded in two queries: applying a check-out of
    2,000 documents then looks them up instead of querying (and flushing) once each, which
    kept the GIL busy enough to stall the window by 100 ms and more."""

    documents: dict[str, LocalDocument]
    versions: dict[tuple[str, int], LocalVersion]


def prefetch(session: Session, doc_ids: list[str]) -> Prefetched:
    found = Prefetched({}, {})
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start:start + 500]
        for doc in session.scalars(select(LocalDocument).where(LocalDocument.id.in_(chunk))):
            found.documents[doc.id] = doc
        for version in session.scalars(select(LocalVersion).where(
                LocalVersion.document_id.in_(chunk))):
            found.versions[(version.document_id, version.number)] = version
    return found


def apply_server_document(session: Session, file_id: str, body: dict[str, Any],
                          versions: list[Version] | None = None, *,
                          known: Prefetched | None = None) -> LocalDocument:
    """Take the server's state of a document as the replica's (no local change pending).
    ``known``: its rows, prefetched (a missing one is new)."""
    snapshot = document_snapshot(body)
    doc = known.documents.get(body["id"]) if known else session.get(LocalDocument, body["id"])
    if doc is None:
        doc = LocalDocument(id=body["id"], file_id=file_id, type=body["type"],
                            title=body["title"], created_at=body.get("created_at", ""))
        session.add(doc)
        if known is not None:
            known.documents[doc.id] = doc
    doc.type = body["type"]
    doc.title = snapshot["title"]
    doc.index = snapshot["index"]
    doc.registers = snapshot["registers"]
    doc.etag = snapshot["etag"]
    doc.current_version = snapshot["current_version"]
    doc.sha256 = snapshot["sha256"]
    doc.filename = snapshot["filename"]
    doc.media_type = snapshot["media_type"] or doc.media_type
    doc.base = snapshot
    doc.state = "synced"
    doc.stale = False
    doc.server_deleted = snapshot["deleted"]
    doc.updated_at = body.get("updated_at", "")
    for version in versions or []:
        key = (doc.id, version.number)
        row = known.versions.get(key) if known else session.get(LocalVersion, key)
        if row is None:
            row = LocalVersion(document_id=doc.id, number=version.number,
                               sha256=version.sha256)
            session.add(row)
            if known is not None:
                known.versions[key] = row
        row.sha256 = version.sha256
        row.size = version.size
        row.media_type = version.media_type
        row.filename = version.filename
        row.created_by = version.created_by
        row.created_at = version.created_at
        row.comment = version.comment
        row.pending = False
    return doc


def apply_server_documents(session: Session, file_id: str,
                           bodies: list[dict[str, Any]]) -> None:
    """:func:`apply_server_document` for many documents (a page of a check-out), each with the
    versions its body carries. The rows the replica has already go through the ORM; the new
    ones (all of them in a first check-out) are inserted with one statement per table: the ORM's
    unit of work took most of a 2,000-document check-out's CPU. Raises ``ServerError``
    (versions not as the protocol says)."""
    known = prefetch(session, [body["id"] for body in bodies])
    documents: list[dict[str, Any]] = []
    versions: list[dict[str, Any]] = []
    with session.no_autoflush:
        for body in bodies:
            carried = versions_of(body)
            if body["id"] in known.documents:
                apply_server_document(session, file_id, body, carried, known=known)
                continue
            snapshot = document_snapshot(body)
            documents.append({
                "id": body["id"], "file_id": file_id, "type": body["type"],
                "title": snapshot["title"], "index": snapshot["index"],
                "registers": snapshot["registers"], "etag": snapshot["etag"],
                "current_version": snapshot["current_version"], "sha256": snapshot["sha256"],
                "filename": snapshot["filename"],
                "media_type": snapshot["media_type"] or "application/octet-stream",
                "base": snapshot, "state": "synced", "server_deleted": snapshot["deleted"],
                "created_at": body.get("created_at", ""), "updated_at": body.get("updated_at", ""),
                "working_path": None, "working_sha": None, "stale": False})
            versions += [{"document_id": body["id"], "number": v.number, "sha256": v.sha256,
                          "size": v.size, "media_type": v.media_type, "filename": v.filename,
                          "created_by": v.created_by, "created_at": v.created_at,
                          "comment": v.comment, "pending": False} for v in carried or []]
    session.flush()
    if documents:
        session.execute(insert(LocalDocument), documents)
    if versions:  # a version row left without its document is replaced
        session.execute(insert(LocalVersion).prefix_with("OR REPLACE"), versions)
