"""The user's choices for held conflicts. Nothing the user made is dropped without one.

Content: ``mine`` (my version on top; theirs stays in the history), ``theirs`` (my content is
kept as a restorable draft in the conflict record and the cache), ``both`` (mine becomes a new
document marked as a conflict copy). Fields: ``mine``/``theirs`` for all, or per field.
Refused (``rejected``): ``theirs`` drops my change (a dropped content goes to the rescue folder
first), ``mine`` sends it again, with ``corrections`` of the refused values if given.

Every resolution marks the document stale: the next sync fetches the server's state of it
again, so a conflict that waited while the server moved on ends in the server's state now.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .errors import UsageError
from .merge import merge_registers
from .operations import QUEUED, ConflictKind, ConflictState, DocumentState, OpKind, OpState
from .outbox import queue_again, queued_behind
from .replica import Conflict, LocalDocument, LocalFile, LocalVersion, OutboxOp, Replica, utcnow
from .rescue import keep_dropped
from .state import apply_server_document, apply_server_file, rebase

__all__ = ["CHOICES", "resolve"]

CHOICES = ("mine", "theirs", "both")


def _new_op(session: Session, template: OutboxOp, *, kind: OpKind | None = None,
            document_id: str | None = None, payload: dict[str, Any]) -> None:
    """Queue an operation in the held one's place: for the same document it goes before the
    operations queued behind the held one (they are queued again after it, in their order:
    a version kept as mine stays older than the versions saved after it)."""
    target = document_id or template.document_id
    behind = queued_behind(session, template) if target == template.document_id else []
    session.add(OutboxOp(op_id=str(uuid.uuid4()), file_id=template.file_id,
                         document_id=target, kind=kind or template.kind, payload=payload,
                         state=OpState.PENDING, created_at=utcnow().isoformat()))
    session.flush()
    queue_again(session, behind)


def _theirs_document(conflict: Conflict, doc_type: str) -> dict[str, Any]:
    t = conflict.theirs
    return {"id": conflict.document_id, "type": doc_type, "title": t["title"],
            "index": t["index"], "registers": t["registers"], "etag": t["etag"],
            "deleted": t.get("deleted", False),
            "current_version": {"number": t["current_version"], "sha256": t["sha256"],
                                "filename": t.get("filename", ""),
                                "media_type": t.get("media_type", "")}}


def _take_theirs(session: Session, doc: LocalDocument, conflict: Conflict,
                 op: OutboxOp) -> None:
    """The conflict's server state becomes the document's, unless later local changes are
    still queued for it (they keep showing until sent)."""
    later = session.scalar(select(OutboxOp.seq).where(
        OutboxOp.document_id == doc.id, OutboxOp.seq != op.seq,
        OutboxOp.state.in_(QUEUED)).limit(1))
    if later is None:
        apply_server_document(session, doc.file_id, _theirs_document(conflict, doc.type))
    else:
        rebase(doc, conflict.theirs)


def _content(session: Session, conflict: Conflict, op: OutboxOp, keep: str) -> None:
    doc = session.get(LocalDocument, conflict.document_id)
    assert doc is not None
    mine = conflict.mine
    if keep == "mine":
        rebase(doc, conflict.theirs)
        _new_op(session, op, payload=dict(op.payload))
        return
    _take_theirs(session, doc, conflict, op)
    if keep == "both":
        copy_id = str(uuid.uuid4())
        title = f"{doc.title} (conflict copy {utcnow().date().isoformat()})"[:300]
        session.add(LocalDocument(
            id=copy_id, file_id=doc.file_id, type=doc.type, title=title, index=dict(doc.index),
            registers=list(doc.registers), current_version=1, sha256=mine["sha256"],
            filename=mine["filename"], media_type=mine["media_type"], state=DocumentState.NEW,
            created_at=utcnow().isoformat(), updated_at=utcnow().isoformat()))
        _new_op(session, op, kind=OpKind.CREATE_DOCUMENT, document_id=copy_id, payload={
            "id": copy_id, "type": doc.type, "title": title, "registers": list(doc.registers),
            "index": dict(doc.index),
            "content": {"sha256": mine["sha256"], "filename": mine["filename"],
                        "media_type": mine["media_type"]}})


def _pick(per_field: dict[str, str], keep: str | None, name: str) -> str:
    choice = per_field.get(name, keep)
    if choice not in ("mine", "theirs"):
        raise UsageError(f"choose mine or theirs for {name}")
    return choice


def _cover_fields(session: Session, conflict: Conflict, op: OutboxOp, keep: str | None,
                  per_field: dict[str, str]) -> None:
    file = session.get(LocalFile, op.file_id)
    assert file is not None
    cover_changes = {}
    for name in conflict.fields:
        field = name.split(".", 1)[1]
        if _pick(per_field, keep, name) == "mine":
            cover_changes[field] = conflict.mine["cover"].get(field)
    apply_server_file(session, conflict.theirs)
    file.cover = {**file.cover, **cover_changes}
    if cover_changes:
        _new_op(session, op, payload={"changes": {"cover": cover_changes}})


def _fields(session: Session, conflict: Conflict, op: OutboxOp, keep: str | None,
            per_field: dict[str, str]) -> None:
    if op.kind == OpKind.UPDATE_COVER:
        _cover_fields(session, conflict, op, keep, per_field)
        return
    theirs, mine, base = conflict.theirs, conflict.mine, conflict.base
    doc = session.get(LocalDocument, conflict.document_id)
    assert doc is not None
    changes: dict[str, Any] = {}
    index_changes: dict[str, Any] = {}
    for name in conflict.fields:
        if _pick(per_field, keep, name) != "mine":
            continue
        if name == "title":
            changes["title"] = mine["title"]
        else:
            index_changes[name[6:]] = mine["index"].get(name[6:])
    # changes of mine that did not conflict still go
    base_index = base.get("index") or {}
    for key, value in mine["index"].items():
        if f"index.{key}" not in conflict.fields and value != base_index.get(key):
            index_changes.setdefault(key, value)
    if index_changes:
        changes["index"] = index_changes
    if "title" not in conflict.fields and mine["title"] != base.get("title"):
        changes["title"] = mine["title"]
    registers = merge_registers(set(base.get("registers") or []), set(mine["registers"]),
                                set(theirs["registers"]))
    add, remove = sorted(registers - set(theirs["registers"])), sorted(
        set(theirs["registers"]) - registers)
    if add or remove:
        changes["registers"] = {"add": add, "remove": remove}
    _take_theirs(session, doc, conflict, op)
    doc.title = changes.get("title", doc.title)
    doc.index = {**doc.index, **index_changes}
    doc.registers = sorted(registers)
    if changes:
        _new_op(session, op, payload={"document_id": doc.id, "changes": changes})
        doc.state = DocumentState.MODIFIED


def _corrected(op: OutboxOp, corrections: dict[str, Any]) -> dict[str, Any]:
    """The refused operation's payload with the user's corrected values."""
    payload = dict(op.payload)
    if not corrections:
        return payload
    if op.kind == OpKind.CREATE_DOCUMENT:
        payload["index"] = {**payload.get("index", {}), **corrections}
    elif op.kind == OpKind.UPDATE_DOCUMENT:
        changes = dict(payload.get("changes") or {})
        changes["index"] = {**changes.get("index", {}), **corrections}
        payload["changes"] = changes
    elif op.kind == OpKind.UPDATE_COVER:
        changes = dict(payload.get("changes") or {})
        changes["cover"] = {**changes.get("cover", {}), **corrections}
        payload["changes"] = changes
    else:
        raise UsageError("only index and cover values can be corrected")
    return payload


def _apply_corrections(session: Session, op: OutboxOp, corrections: dict[str, Any]) -> None:
    if op.kind == OpKind.UPDATE_COVER:
        file = session.get(LocalFile, op.file_id)
        if file is not None:
            file.cover = {**file.cover, **corrections}
        return
    doc = session.get(LocalDocument, op.document_id)
    if doc is not None:
        doc.index = {**doc.index, **corrections}


def _rescue(replica: Replica, op: OutboxOp) -> str | None:
    """Copy the content an operation carries (a new document or version) to the rescue
    folder; returns the copy's path."""
    content = op.payload.get("content") if op.kind in (OpKind.CREATE_DOCUMENT,
                                                       OpKind.NEW_VERSION) else None
    if not content or not replica.cache_path(content["sha256"]).exists():
        return None
    return str(keep_dropped(replica, content["sha256"], content.get("filename") or "content"))


def _drop(session: Session, replica: Replica, conflict: Conflict, op: OutboxOp) -> str | None:
    """The user gives up a refused change. Its content, if it had one, is copied to the
    rescue folder first (returned); the document shows the server's state again, and a new
    document the server never got disappears with every change queued for it (the contents
    of its later versions go to the rescue folder too)."""
    rescued = _rescue(replica, op)
    if op.kind == OpKind.UPDATE_COVER:
        file = session.get(LocalFile, op.file_id)
        if file is not None:
            file.cover = dict(file.base.get("cover") or {})
        return rescued
    doc = session.get(LocalDocument, conflict.document_id) if conflict.document_id else None
    if doc is None:
        return rescued
    if doc.state == DocumentState.NEW or not doc.base:
        for queued in session.scalars(select(OutboxOp).where(
                OutboxOp.document_id == doc.id, OutboxOp.seq != op.seq,
                OutboxOp.state.in_(QUEUED))):
            copy = _rescue(replica, queued)  # later versions of the dropped document
            rescued = rescued or copy
            queued.state = OpState.DONE
        for version in session.scalars(select(LocalVersion).where(
                LocalVersion.document_id == doc.id)):
            session.delete(version)
        if doc.working_path and doc.working_sha and Path(doc.working_path).is_file():
            from .working_folder import remove_untouched

            remove_untouched([(doc.working_path, doc.working_sha)])
        session.delete(doc)
        return rescued
    base = doc.base
    doc.title, doc.index, doc.registers = base["title"], dict(base["index"]), base["registers"]
    doc.etag, doc.current_version = base["etag"], base["current_version"]
    doc.sha256, doc.filename = base["sha256"], base["filename"] or doc.filename
    doc.state = DocumentState.SYNCED
    return rescued


def resolve(replica: Replica, conflict_id: int, keep: str | None, *,
            per_field: dict[str, str] | None = None,
            corrections: dict[str, Any] | None = None) -> dict[str, Any]:
    """Apply the user's choice; the resulting operations go with the next sync. ``keep`` may
    be ``None`` for a fields conflict when ``per_field`` names every field. Returns what
    was done: ``{"conflict", "kind", "choice", "rescued"?}``. Raises ``UsageError``. Any
    thread."""
    per_field = per_field or {}
    corrections = corrections or {}
    if keep is not None and keep not in CHOICES:
        raise UsageError("keep one of: mine, theirs, both")
    rescued: str | None = None
    with replica.transaction() as session:
        conflict = session.get(Conflict, conflict_id)
        if conflict is None or conflict.state != ConflictState.OPEN:
            raise UsageError(f"no open conflict {conflict_id}")
        if keep is None and (conflict.kind != ConflictKind.FIELDS
                             or set(conflict.fields) - set(per_field)):
            raise UsageError(f"conflict {conflict_id}: choose --keep mine or theirs"
                             + (" (or every field)" if conflict.kind == ConflictKind.FIELDS
                                else ""))
        if corrections and (conflict.kind != ConflictKind.REJECTED or keep != "mine"):
            raise UsageError("corrected values go with a refused change kept as mine")
        op = session.get(OutboxOp, conflict.op_seq) if conflict.op_seq else None
        if op is None:
            raise UsageError(f"conflict {conflict_id} has no change left to decide")
        known_to_server = True
        if conflict.kind == ConflictKind.CONTENT:
            assert keep is not None
            _content(session, conflict, op, keep)
        elif conflict.kind == ConflictKind.FIELDS:
            if keep == "both":
                raise UsageError("fields are kept as mine or theirs, per field if you like")
            _fields(session, conflict, op, keep, per_field)
        elif conflict.kind == ConflictKind.REJECTED:
            if keep == "both":
                raise UsageError("a refused change is kept (mine) or dropped (theirs)")
            doc = (session.get(LocalDocument, conflict.document_id)
                   if conflict.document_id else None)
            known_to_server = op.kind != OpKind.CREATE_DOCUMENT and bool(doc and doc.base)
            if keep == "mine":
                _new_op(session, op, payload=_corrected(op, corrections))
                _apply_corrections(session, op, corrections)
            else:
                rescued = _drop(session, replica, conflict, op)
        op.state = OpState.DONE
        conflict.state = ConflictState.RESOLVED
        conflict.resolution = keep or "per field"
        if rescued:
            conflict.mine = {**conflict.mine, "rescued": rescued}
        if conflict.document_id:
            doc = session.get(LocalDocument, conflict.document_id)
            if doc is not None:
                doc.stale = True
        # the choice itself goes to the server's audit trail with the next check-in; a
        # document the server never had is not named (its record goes on the file)
        named = conflict.document_id if known_to_server else None
        choices = {name: per_field.get(name, keep) for name in conflict.fields} \
            if conflict.kind == ConflictKind.FIELDS and per_field else {}
        session.add(OutboxOp(
            op_id=str(uuid.uuid4()), file_id=op.file_id, document_id=named,
            kind=OpKind.RECORD_RESOLUTION, state=OpState.PENDING,
            created_at=utcnow().isoformat(),
            payload={"document_id": named, "conflict": conflict.kind,
                     "choice": keep or ("mine" if "mine" in choices.values() else "theirs"),
                     "fields": choices}))
        return {"conflict": conflict_id, "kind": conflict.kind, "choice": keep,
                "rescued": rescued}
