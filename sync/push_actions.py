"""What check-in does when the server answers ``conflict``: one handler per action of the
conflict table (``merge.RULES``) that the answer and the operation lead to.

``ON_CONFLICT`` maps the action to its handler. Every handler runs inside the check-in's
replica transaction, on the engine's thread, and raises nothing of its own (a broken replica
row is an ``AssertionError``).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .faults import checkpoint
from .merge import Action, ContentOutcome, merge_content, merge_fields, merge_registers
from .operations import QUEUED, ConflictKind, ConflictState, DocumentState, OpKind, OpState
from .outbox import queue_again, queued_behind
from .replica import Conflict, LocalDocument, LocalFile, LocalVersion, OutboxOp, utcnow
from .state import apply_server_document, apply_server_file, document_snapshot, rebase
from .wire import versions_of

__all__ = ["ON_CONFLICT", "ConflictHandler", "hold", "recreate"]

log = logging.getLogger(__name__)

#: a handler: the session, the operation that met the conflict, the server's current state
ConflictHandler = Callable[[Session, OutboxOp, dict[str, Any]], None]


def _new_op(op: OutboxOp, *, kind: OpKind, payload: dict[str, Any],
            document_id: str | None = None) -> OutboxOp:
    """A pending operation for ``op``'s file (a new op_id: the old one has its result)."""
    return OutboxOp(op_id=str(uuid.uuid4()), file_id=op.file_id,
                    document_id=document_id or op.document_id, kind=kind, payload=payload,
                    state=OpState.PENDING, created_at=utcnow().isoformat())


def _requeue(session: Session, op: OutboxOp, payload: dict[str, Any]) -> None:
    """Replace a conflicted operation by a fresh one carrying the merged change."""
    op.state = OpState.DONE
    session.add(_new_op(op, kind=op.kind, payload=payload))
    session.flush()
    checkpoint("push.requeue")


def hold(session: Session, op: OutboxOp, *, kind: ConflictKind, base: dict[str, Any],
         mine: dict[str, Any], theirs: dict[str, Any], fields: list[str] | None = None,
         detail: str = "") -> None:
    """Keep ``op`` back until the user decides the conflict recorded for it."""
    op.state = OpState.HELD
    session.add(Conflict(file_id=op.file_id, document_id=op.document_id, kind=kind,
                         op_seq=op.seq, base=base, mine=mine, theirs=theirs,
                         fields=fields or [], detail=detail, created_at=utcnow().isoformat()))


def _report(session: Session, doc: LocalDocument, *, decision: str, detail: str,
            base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> None:
    """Record a decision the rules took without the user (DESIGN.md: edit against delete),
    so that it is shown: a resolved conflict of kind ``deleted``."""
    session.add(Conflict(file_id=doc.file_id, document_id=doc.id, kind=ConflictKind.DELETED,
                         base=base, mine=mine, theirs=theirs, state=ConflictState.RESOLVED,
                         resolution=decision,
                         detail=detail, created_at=utcnow().isoformat()))
    log.info("document %s: %s (%s)", doc.id, decision, detail)


def _document(session: Session, op: OutboxOp) -> LocalDocument:
    doc = session.get(LocalDocument, op.document_id)
    assert doc is not None
    return doc


# edit against delete ------------------------------------------------------------------

def keep_edit_report_delete(session: Session, op: OutboxOp, current: dict[str, Any]) -> None:
    """My edit against their delete: the edit wins. The deleted document is restored on the
    server first (one live document, also when several devices edited it), then every
    operation queued for it goes again after the restore, with new op_ids, in their order."""
    doc = _document(session, op)
    theirs = document_snapshot(current)
    _report(session, doc, decision="restored", detail="deleted on the server while edited here",
            base=dict(doc.base), mine={"title": doc.title, "index": doc.index}, theirs=theirs)
    rebase(doc, theirs)
    behind = queued_behind(session, op)
    session.add(_new_op(op, kind=OpKind.RESTORE_DOCUMENT, payload={"document_id": doc.id}))
    session.flush()
    queue_again(session, [op, *behind])
    checkpoint("push.replay")


def restore_report(session: Session, op: OutboxOp, current: dict[str, Any]) -> None:
    """My delete against their edit: their edit wins, my deletion is reported."""
    doc = _document(session, op)
    op.state = OpState.DONE
    _report(session, doc, decision="kept_their_edit", base=dict(doc.base),
            mine={"deleted": True}, theirs=document_snapshot(current),
            detail="changed on the server while deleted here")
    apply_server_document(session, doc.file_id, current, versions_of(current))


def both_deleted(session: Session, op: OutboxOp, current: dict[str, Any]) -> None:
    """Deleted on both sides: nothing to decide; the replica lets the document go once
    nothing else is queued for it."""
    op.state = OpState.DONE
    doc = session.get(LocalDocument, op.document_id)
    if doc is not None and doc.state == DocumentState.DELETED \
            and not queued_behind(session, op):
        session.delete(doc)


def recreate(session: Session, op: OutboxOp) -> None:
    """The deleted document cannot come back (purged, or no right to restore it): the edit
    is kept as a new document. It is created with the first content still to send (or the
    current one), later queued versions follow it; queued index changes are in its state."""
    doc = _document(session, op)
    old_id, new_id = doc.id, str(uuid.uuid4())
    queued = session.scalars(select(OutboxOp).where(
        OutboxOp.document_id == old_id, OutboxOp.state.in_(QUEUED))
        .order_by(OutboxOp.seq)).all()
    versions = [q for q in queued if q.kind == OpKind.NEW_VERSION]
    first = versions[0].payload["content"] if versions else {
        "sha256": doc.sha256, "filename": doc.filename, "media_type": doc.media_type}
    for q in queued:
        q.state = OpState.DONE
    op.state = OpState.DONE
    _report(session, doc, decision="recreated", detail="deleted on the server while edited "
            "here; it could not be restored", base=dict(doc.base),
            mine={"new_document": new_id}, theirs={})
    session.add(_new_op(op, kind=OpKind.CREATE_DOCUMENT, document_id=new_id, payload={
        "id": new_id, "type": doc.type, "title": doc.title, "registers": doc.registers,
        "index": doc.index, "content": first}))
    session.flush()
    for later in versions[1:]:
        session.add(_new_op(op, kind=OpKind.NEW_VERSION, document_id=new_id,
                            payload={**later.payload, "document_id": new_id}))
        session.flush()
    for version in session.scalars(select(LocalVersion).where(
            LocalVersion.document_id == old_id)):
        version.document_id = new_id
    doc.id = new_id
    doc.state = DocumentState.NEW
    doc.etag = None
    doc.base = {}
    doc.server_deleted = False


# both changed: merge ------------------------------------------------------------------

def _merge_content(session: Session, op: OutboxOp, current: dict[str, Any]) -> None:
    """Content never merges. Mine is this operation's content, not the newest local one:
    with several versions saved offline each is decided (and kept) on its own."""
    doc = _document(session, op)
    theirs, base = document_snapshot(current), dict(doc.base)
    content = op.payload["content"]
    if merge_content(base.get("sha256"), content["sha256"],
                     theirs["sha256"]) is ContentOutcome.SAME:
        op.state = OpState.DONE
        rebase(doc, theirs)
        return
    hold(session, op, kind=ConflictKind.CONTENT, base=base, theirs=theirs,
         mine={"sha256": content["sha256"], "filename": content.get("filename", ""),
               "media_type": content.get("media_type", doc.media_type),
               "comment": op.payload.get("comment", "")})


def _flat_fields(state: dict[str, Any]) -> dict[str, Any]:
    """Title and index values as one flat set of fields (``index.<name>``) to merge."""
    return {"title": state.get("title"),
            **{f"index.{k}": v for k, v in (state.get("index") or {}).items()}}


def _merge_document_fields(session: Session, op: OutboxOp, current: dict[str, Any]) -> None:
    """Index values and the title merge per field, registers as sets."""
    doc = _document(session, op)
    theirs, base = document_snapshot(current), dict(doc.base)
    merged = merge_fields(_flat_fields(base), _flat_fields({"title": doc.title,
                                                            "index": doc.index}),
                          _flat_fields(theirs))
    registers = merge_registers(set(base.get("registers") or []), set(doc.registers),
                                set(theirs["registers"]))
    if not merged.clean:
        hold(session, op, kind=ConflictKind.FIELDS, base=base, theirs=theirs,
             mine={"title": doc.title, "index": doc.index, "registers": doc.registers},
             fields=list(merged.conflicts))
        return
    changes = _changes_against(merged.merged, registers, theirs)
    rebase(doc, theirs)  # content I did not replace follows theirs, as the base and ETag do
    doc.title = merged.merged.get("title", doc.title)
    doc.index = {k[6:]: v for k, v in merged.merged.items() if k.startswith("index.")}
    doc.registers = sorted(registers)
    if changes:
        _requeue(session, op, {"document_id": doc.id, "changes": changes})
    else:
        op.state = OpState.DONE


def _changes_against(merged: dict[str, Any], registers: set[str],
                     theirs: dict[str, Any]) -> dict[str, Any]:
    changes: dict[str, Any] = {}
    if merged.get("title") != theirs["title"]:
        changes["title"] = merged.get("title")
    index = {k[6:]: v for k, v in merged.items()
             if k.startswith("index.") and theirs["index"].get(k[6:]) != v}
    if index:
        changes["index"] = index
    add = sorted(registers - set(theirs["registers"]))
    remove = sorted(set(theirs["registers"]) - registers)
    if add or remove:
        changes["registers"] = {"add": add, "remove": remove}
    return changes


def _merge_cover(session: Session, op: OutboxOp, current: dict[str, Any]) -> None:
    """Cover fields merge per field."""
    file = session.get(LocalFile, op.file_id)
    assert file is not None
    base_cover = dict(file.base.get("cover") or {})
    merged = merge_fields(base_cover, dict(file.cover), dict(current.get("cover") or {}))
    if not merged.clean:
        hold(session, op, kind=ConflictKind.FIELDS, base=file.base, theirs=current,
             mine={"cover": file.cover}, fields=[f"cover.{f}" for f in merged.conflicts])
        return
    mine_changes = {k: file.cover.get(k) for k in merged.mine_changed}
    apply_server_file(session, current)
    file.cover = {**file.cover, **mine_changes}
    _requeue(session, op, {"changes": {"cover": mine_changes}})


def merge(session: Session, op: OutboxOp, current: dict[str, Any]) -> None:
    """Both changed: what merges depends on what the operation changes."""
    if op.kind == OpKind.UPDATE_COVER:
        _merge_cover(session, op, current)
    elif op.kind == OpKind.NEW_VERSION:
        _merge_content(session, op, current)
    else:
        _merge_document_fields(session, op, current)


#: the actions a ``conflict`` answer can lead to (mine is always a change at check-in)
ON_CONFLICT: dict[Action, ConflictHandler] = {
    Action.MERGE: merge,
    Action.KEEP_EDIT_REPORT_DELETE: keep_edit_report_delete,
    Action.RESTORE_REPORT: restore_report,
    Action.NOTHING: both_deleted,
}
