"""The user's choices for held conflicts. Nothing the user made is dropped without one.

Content: ``mine`` (my version on top; theirs stays in the history), ``theirs`` (my content is
kept as a restorable draft in the conflict record and the cache), ``both`` (mine becomes a new
document marked as a conflict copy). Fields: ``mine``/``theirs`` for all, or per field.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from .errors import UsageError
from .replica import Conflict, LocalDocument, LocalFile, OutboxOp, Replica, utcnow
from .state import apply_server_document, apply_server_file

__all__ = ["resolve"]

CHOICES = ("mine", "theirs", "both")


def _new_op(session: Session, template: OutboxOp, *, kind: str | None = None,
            document_id: str | None = None, payload: dict[str, Any]) -> None:
    session.add(OutboxOp(op_id=str(uuid.uuid4()), file_id=template.file_id,
                         document_id=document_id or template.document_id,
                         kind=kind or template.kind, payload=payload, state="pending",
                         created_at=utcnow().isoformat()))


def _theirs_document(conflict: Conflict) -> dict[str, Any]:
    t = conflict.theirs
    return {"id": conflict.document_id, "type": "", "title": t["title"], "index": t["index"],
            "registers": t["registers"], "etag": t["etag"], "deleted": t.get("deleted", False),
            "current_version": {"number": t["current_version"], "sha256": t["sha256"],
                                "filename": t.get("filename", ""),
                                "media_type": t.get("media_type", "")}}


def _content(session: Session, conflict: Conflict, op: OutboxOp, keep: str) -> None:
    doc = session.get(LocalDocument, conflict.document_id)
    assert doc is not None
    mine = conflict.mine
    if keep == "mine":
        doc.base, doc.etag = conflict.theirs, conflict.theirs["etag"]
        _new_op(session, op, payload=dict(op.payload))
        return
    doc_type = doc.type
    apply_server_document(session, doc.file_id, {**_theirs_document(conflict), "type": doc_type})
    if keep == "both":
        copy_id = str(uuid.uuid4())
        title = f"{doc.title} (conflict copy {utcnow().date().isoformat()})"[:300]
        session.add(LocalDocument(
            id=copy_id, file_id=doc.file_id, type=doc_type, title=title, index=dict(doc.index),
            registers=list(doc.registers), current_version=1, sha256=mine["sha256"],
            filename=mine["filename"], media_type=mine["media_type"], state="new",
            created_at=utcnow().isoformat(), updated_at=utcnow().isoformat()))
        _new_op(session, op, kind="create_document", document_id=copy_id, payload={
            "id": copy_id, "type": doc_type, "title": title, "registers": list(doc.registers),
            "index": dict(doc.index),
            "content": {"sha256": mine["sha256"], "filename": mine["filename"],
                        "media_type": mine["media_type"]}})


def _fields(session: Session, conflict: Conflict, op: OutboxOp, keep: str,
            per_field: dict[str, str]) -> None:
    theirs, mine = conflict.theirs, conflict.mine

    def pick(name: str) -> str:
        choice = per_field.get(name, keep)
        if choice not in ("mine", "theirs"):
            raise UsageError(f"choose mine or theirs for {name}")
        return choice

    if op.kind == "update_cover":
        file = session.get(LocalFile, op.file_id)
        assert file is not None
        cover_changes = {}
        for name in conflict.fields:
            field = name.split(".", 1)[1]
            if pick(name) == "mine":
                cover_changes[field] = mine["cover"].get(field)
        apply_server_file(session, theirs)
        file.cover = {**file.cover, **cover_changes}
        if cover_changes:
            _new_op(session, op, payload={"changes": {"cover": cover_changes}})
        return
    doc = session.get(LocalDocument, conflict.document_id)
    assert doc is not None
    changes: dict[str, Any] = {}
    index_changes: dict[str, Any] = {}
    for name in conflict.fields:
        if pick(name) != "mine":
            continue
        if name == "title":
            changes["title"] = mine["title"]
        else:
            index_changes[name[6:]] = mine["index"].get(name[6:])
    # changes of mine that did not conflict still go
    for key, value in mine["index"].items():
        if f"index.{key}" not in conflict.fields and value != (conflict.base.get("index") or {
                }).get(key):
            index_changes.setdefault(key, value)
    if index_changes:
        changes["index"] = index_changes
    doc.title = changes.get("title", theirs["title"])
    doc.index = {**theirs["index"], **index_changes}
    doc.base, doc.etag = theirs, theirs["etag"]
    if changes:
        _new_op(session, op, payload={"document_id": doc.id, "changes": changes})
        doc.state = "modified"


def _back_to_server_state(session: Session, document_id: str) -> None:
    """The server refused my change: the document shows the server's state again (a new
    document the server never got disappears)."""
    doc = session.get(LocalDocument, document_id)
    if doc is None:
        return
    if doc.state == "new" or not doc.base:
        session.delete(doc)
        return
    base = doc.base
    doc.title, doc.index, doc.registers = base["title"], dict(base["index"]), base["registers"]
    doc.etag, doc.current_version = base["etag"], base["current_version"]
    doc.sha256, doc.filename = base["sha256"], base["filename"] or doc.filename
    doc.state = "synced"


def resolve(replica: Replica, conflict_id: int, keep: str, *,
            per_field: dict[str, str] | None = None) -> None:
    """Apply the user's choice; the resulting operations go with the next sync."""
    per_field = per_field or {}
    if keep not in CHOICES:
        raise UsageError("keep one of: mine, theirs, both")
    with replica.transaction() as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None or conflict.state != "open":
            raise UsageError(f"no open conflict {conflict_id}")
        op = session.get(OutboxOp, conflict.op_seq) if conflict.op_seq else None
        assert op is not None
        if conflict.kind == "content":
            _content(session, conflict, op, keep)
        elif conflict.kind == "fields":
            if keep == "both":
                raise UsageError("fields are kept as mine or theirs, per field if you like")
            _fields(session, conflict, op, keep, per_field)
        elif conflict.kind == "rejected":
            if keep == "mine":
                _new_op(session, op, payload=dict(op.payload))
            elif conflict.document_id:
                _back_to_server_state(session, conflict.document_id)
        op.state = "done"
        conflict.state = "resolved"
        conflict.resolution = keep
        # the choice itself goes to the server's audit trail with the next check-in
        _new_op(session, op, kind="record_resolution", payload={
            "document_id": conflict.document_id, "conflict": conflict.kind, "choice": keep,
            "fields": {name: per_field.get(name, keep) for name in conflict.fields}
            if conflict.kind == "fields" and per_field else {}})
