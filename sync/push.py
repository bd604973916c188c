"""Check-in: the outbox sent in rounds, results applied, conflicts merged or held.

A round sends at most one operation per object, so each operation can carry the object's
newest server ETag as its base. A round is a pure function of the outbox: after a crash the
same operations go again with the same ``op_id``s and the server answers with the first results.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .faults import checkpoint
from .merge import ContentOutcome, merge_content, merge_fields, merge_registers
from .outbox import queue_again, queued_behind
from .remote import RemoteClient
from .replica import (
    Conflict,
    LocalDocument,
    LocalFile,
    LocalVersion,
    OutboxOp,
    Replica,
    utcnow,
)
from .state import (
    apply_server_document,
    apply_server_file,
    document_snapshot,
    has_pending,
    rebase,
)
from .transfer import upload

__all__ = ["push_file"]

log = logging.getLogger(__name__)


def _round(session: Session, file_id: str) -> list[OutboxOp]:
    ops = session.scalars(select(OutboxOp).where(OutboxOp.file_id == file_id,
                                                 OutboxOp.state.in_(("pending", "held")))
                          .order_by(OutboxOp.seq)).all()
    chosen: list[OutboxOp] = []
    blocked: set[str] = set()
    for op in ops:
        target = op.document_id or f"file:{op.file_id}"
        if target in blocked:
            continue
        if _orphaned(session, op):
            continue
        blocked.add(target)
        if op.state == "pending":
            chosen.append(op)
    return chosen


def _orphaned(session: Session, op: OutboxOp) -> bool:
    """An operation on a document the replica no longer has (an older engine left it
    behind) cannot be sent; it is closed and logged instead of stopping every sync."""
    if op.kind not in ("update_document", "new_version", "delete_document",
                       "restore_document"):
        return False
    if session.get(LocalDocument, op.document_id) is not None:
        return False
    log.error("outbox operation %s (%s) names the unknown document %s; closed", op.op_id,
              op.kind, op.document_id)
    op.state = "done"
    op.result = {"status": "orphaned"}
    return True


def _wire(session: Session, op: OutboxOp) -> dict[str, Any]:
    """The operation as sent, with the newest known server base."""
    body: dict[str, Any] = {"op_id": op.op_id, "op": op.kind, **op.payload}
    if op.kind in ("create_document", "record_resolution", "restore_document"):
        return body
    if op.kind == "update_cover":
        file = session.get(LocalFile, op.file_id)
        assert file is not None
        return {**body, "base_etag": file.etag}
    doc = session.get(LocalDocument, op.document_id)
    assert doc is not None
    if op.kind == "new_version":
        return {**body, "base_version": int(doc.base.get("current_version", 0))}
    return {**body, "base_etag": doc.etag}


def _requeue(session: Session, op: OutboxOp, payload: dict[str, Any]) -> None:
    """Replace a conflicted operation by a fresh one (a new op_id: the old one has its result)."""
    op.state = "done"
    session.add(OutboxOp(op_id=str(uuid.uuid4()), file_id=op.file_id,
                         document_id=op.document_id, kind=op.kind, payload=payload,
                         state="pending", created_at=utcnow().isoformat()))
    session.flush()
    checkpoint("push.requeue")


def _hold(session: Session, op: OutboxOp, *, kind: str, base: dict[str, Any],
          mine: dict[str, Any], theirs: dict[str, Any], fields: list[str] | None = None,
          detail: str = "") -> None:
    op.state = "held"
    session.add(Conflict(file_id=op.file_id, document_id=op.document_id, kind=kind,
                         op_seq=op.seq, base=base, mine=mine, theirs=theirs,
                         fields=fields or [], detail=detail, created_at=utcnow().isoformat()))


def _replay_after(session: Session, op: OutboxOp, first: OutboxOp) -> None:
    """Put ``first`` in front of the document's queued operations: ``op`` (which met the
    conflict) and everything queued behind it go again after it, with new op_ids (the old
    ones have their results), in their order."""
    behind = queued_behind(session, op)
    session.add(first)
    session.flush()
    queue_again(session, [op, *behind])
    checkpoint("push.replay")


def _report(session: Session, doc: LocalDocument, *, decision: str, detail: str,
            base: dict[str, Any], mine: dict[str, Any], theirs: dict[str, Any]) -> None:
    """Record a decision the rules took without the user (DESIGN.md: edit against delete),
    so that it is shown: a resolved conflict of kind ``deleted``."""
    session.add(Conflict(file_id=doc.file_id, document_id=doc.id, kind="deleted", base=base,
                         mine=mine, theirs=theirs, state="resolved", resolution=decision,
                         detail=detail, created_at=utcnow().isoformat()))
    log.info("document %s: %s (%s)", doc.id, decision, detail)


def _restore_then_replay(session: Session, op: OutboxOp, doc: LocalDocument,
                         theirs: dict[str, Any]) -> None:
    """Edit against delete: the edit wins. The deleted document is restored on the server
    first (one live document, also when several devices edited it), then every operation
    queued for it goes again."""
    restore = OutboxOp(op_id=str(uuid.uuid4()), file_id=op.file_id, document_id=doc.id,
                       kind="restore_document", payload={"document_id": doc.id},
                       state="pending", created_at=utcnow().isoformat())
    _report(session, doc, decision="restored", detail="deleted on the server while edited here",
            base=dict(doc.base), mine={"title": doc.title, "index": doc.index}, theirs=theirs)
    rebase(doc, theirs)
    _replay_after(session, op, restore)


def _recreate(session: Session, op: OutboxOp) -> None:
    """The deleted document cannot come back (purged, or no right to restore it): the edit
    is kept as a new document. It is created with the first content still to send (or the
    current one), later queued versions follow it; queued index changes are in its state."""
    doc = session.get(LocalDocument, op.document_id)
    assert doc is not None
    old_id, new_id = doc.id, str(uuid.uuid4())
    queued = session.scalars(select(OutboxOp).where(
        OutboxOp.document_id == old_id, OutboxOp.state.in_(("pending", "held")))
        .order_by(OutboxOp.seq)).all()
    versions = [q for q in queued if q.kind == "new_version"]
    first = versions[0].payload["content"] if versions else {
        "sha256": doc.sha256, "filename": doc.filename, "media_type": doc.media_type}
    for q in queued:
        q.state = "done"
    op.state = "done"
    _report(session, doc, decision="recreated", detail="deleted on the server while edited "
            "here; it could not be restored", base=dict(doc.base),
            mine={"new_document": new_id}, theirs={})
    session.add(OutboxOp(
        op_id=str(uuid.uuid4()), file_id=doc.file_id, document_id=new_id,
        kind="create_document", state="pending", created_at=utcnow().isoformat(),
        payload={"id": new_id, "type": doc.type, "title": doc.title,
                 "registers": doc.registers, "index": doc.index, "content": first}))
    session.flush()
    for later in versions[1:]:
        session.add(OutboxOp(op_id=str(uuid.uuid4()), file_id=doc.file_id,
                             document_id=new_id, kind="new_version", state="pending",
                             payload={**later.payload, "document_id": new_id},
                             created_at=utcnow().isoformat()))
        session.flush()
    for version in session.scalars(select(LocalVersion).where(
            LocalVersion.document_id == old_id)):
        version.document_id = new_id
    doc.id = new_id
    doc.state = "new"
    doc.etag = None
    doc.base = {}
    doc.server_deleted = False


def _document_conflict(session: Session, op: OutboxOp, current: dict[str, Any]) -> None:
    doc = session.get(LocalDocument, op.document_id)
    assert doc is not None
    theirs = document_snapshot(current)
    base = dict(doc.base)
    if theirs["deleted"]:
        _restore_then_replay(session, op, doc, theirs)
        return
    if op.kind == "delete_document":
        # my delete against their edit: their edit wins, my deletion is reported
        op.state = "done"
        file_id = doc.file_id
        _report(session, doc, decision="kept_their_edit", base=base, mine={"deleted": True},
                theirs=theirs, detail="changed on the server while deleted here")
        apply_server_document(session, file_id, current, current.get("versions"))
        return
    if op.kind == "new_version":
        # mine is this operation's content, not the newest local one: with several versions
        # saved offline each is decided (and kept) on its own
        content = op.payload["content"]
        outcome = merge_content(base.get("sha256"), content["sha256"], theirs["sha256"])
        if outcome is ContentOutcome.SAME:
            op.state = "done"
            rebase(doc, theirs)
            return
        _hold(session, op, kind="content", base=base, theirs=theirs,
              mine={"sha256": content["sha256"], "filename": content.get("filename", ""),
                    "media_type": content.get("media_type", doc.media_type),
                    "comment": op.payload.get("comment", "")})
        return
    # update_document: fields three-way, registers as sets
    mine_fields = {"title": doc.title, **{f"index.{k}": v for k, v in doc.index.items()}}
    base_fields = {"title": base.get("title"),
                   **{f"index.{k}": v for k, v in (base.get("index") or {}).items()}}
    their_fields = {"title": theirs["title"],
                    **{f"index.{k}": v for k, v in theirs["index"].items()}}
    merged = merge_fields(base_fields, mine_fields, their_fields)
    registers = merge_registers(set(base.get("registers") or []), set(doc.registers),
                                set(theirs["registers"]))
    if not merged.clean:
        _hold(session, op, kind="fields", base=base, theirs=theirs,
              mine={"title": doc.title, "index": doc.index, "registers": doc.registers},
              fields=list(merged.conflicts))
        return
    changes = _changes_against(merged.merged, registers, theirs)
    doc.title = merged.merged.get("title", doc.title)
    doc.index = {k[6:]: v for k, v in merged.merged.items() if k.startswith("index.")}
    doc.registers = sorted(registers)
    doc.base, doc.etag = theirs, theirs["etag"]
    if changes:
        _requeue(session, op, {"document_id": doc.id, "changes": changes})
    else:
        op.state = "done"


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


def _cover_conflict(session: Session, op: OutboxOp, current: dict[str, Any]) -> None:
    file = session.get(LocalFile, op.file_id)
    assert file is not None
    base_cover = dict(file.base.get("cover") or {})
    merged = merge_fields(base_cover, dict(file.cover), dict(current.get("cover") or {}))
    if not merged.clean:
        _hold(session, op, kind="fields", base=file.base, theirs=current,
              mine={"cover": file.cover}, fields=[f"cover.{f}" for f in merged.conflicts])
        return
    mine_changes = {k: file.cover.get(k) for k in merged.mine_changed}
    apply_server_file(session, current)
    file.cover = {**file.cover, **mine_changes}
    _requeue(session, op, {"changes": {"cover": mine_changes}})


def _apply_result(session: Session, remote: RemoteClient, op: OutboxOp,
                  result: dict[str, Any]) -> None:
    status = result.get("status")
    op.result = result
    if status == "applied":
        op.state = "done"
        if op.kind == "record_resolution":
            return
        checkpoint("push.apply.applied")
        if op.kind == "update_cover":
            body = result.get("file") or result.get("current")
            if body:
                apply_server_file(session, body)
            return
        if op.document_id and not has_pending_after(session, op):
            body = result.get("document") or remote.document(op.document_id)
            doc = session.get(LocalDocument, op.document_id)
            if doc is not None and doc.state == "deleted":
                session.delete(doc)
            elif doc is not None:
                apply_server_document(session, doc.file_id, body, remote.versions(doc.id))
                checkpoint("push.apply.after_fetch")
        elif op.document_id:
            body = result.get("document") or remote.document(op.document_id)
            doc = session.get(LocalDocument, op.document_id)
            if doc is not None:
                rebase(doc, document_snapshot(body))
        return
    if status == "conflict":
        checkpoint("push.apply.conflict")
        current = result.get("current") or {}
        if op.kind == "update_cover":
            _cover_conflict(session, op, current)
        else:
            _document_conflict(session, op, current)
        return
    problem = result.get("problem") or {}
    if op.kind == "restore_document":
        _recreate(session, op)
        return
    if op.kind == "record_resolution":
        # only the audit record of a choice already made: never a new conflict
        op.state = "done"
        log.warning("the server did not record a resolution: %s", problem.get("detail"))
        return
    _hold(session, op, kind="rejected", base={}, mine=dict(op.payload), theirs={},
          detail=str(problem.get("detail") or problem.get("code") or "rejected"))


def has_pending_after(session: Session, op: OutboxOp) -> bool:
    return session.scalar(select(OutboxOp.seq).where(
        OutboxOp.document_id == op.document_id, OutboxOp.seq > op.seq,
        OutboxOp.state.in_(("pending", "held"))).limit(1)) is not None


def push_file(remote: RemoteClient, replica: Replica, file_id: str, *,
              release: bool = False) -> dict[str, int]:
    """Send the file's outbox until nothing is left that can go; returns counts."""
    counts = {"applied": 0, "conflict": 0, "rejected": 0}
    while True:
        with replica.transaction() as session:
            file = session.get(LocalFile, file_id)
            if file is None or file.checkout_id is None:
                return counts
            checkout_id = file.checkout_id
            ops = _round(session, file_id)
            wire = [_wire(session, op) for op in ops]
        if not wire:
            break
        checkpoint("push.round.read")
        for op in wire:
            if op["op"] in ("create_document", "new_version"):
                upload(remote, replica, op["content"]["sha256"])
                checkpoint("push.after_upload")
        checkpoint("push.before_checkin")
        answer = remote.checkin(checkout_id, wire, release=False)
        checkpoint("push.after_checkin")
        results = {r.get("op_id"): r for r in answer.get("results", [])}
        with replica.transaction() as session:
            for sent in wire:
                op = session.scalar(select(OutboxOp).where(OutboxOp.op_id == sent["op_id"]))
                result = results.get(sent["op_id"])
                if op is None or result is None:
                    continue
                counts[str(result.get("status", "rejected"))] = counts.get(
                    str(result.get("status", "rejected")), 0) + 1
                _apply_result(session, remote, op, result)
                if op.document_id and not has_pending(session, op.document_id):
                    doc = session.get(LocalDocument, op.document_id)
                    if doc is not None and doc.state != "deleted":
                        doc.state = "synced"
            checkpoint("push.results.before_commit")
        checkpoint("push.results.after_commit")
    if release:
        with replica.transaction() as session:
            file = session.get(LocalFile, file_id)
            assert file is not None and file.checkout_id is not None
            checkpoint("push.before_release")
            remote.checkin(file.checkout_id, [], release=True)
    return counts
