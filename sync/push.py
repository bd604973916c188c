"""Check-in: the outbox sent in rounds, each answer classified and handled by the table.

A round sends at most one operation per object, so each operation can carry the object's
newest server ETag as its base. A round is a pure function of the outbox: after a crash the
same operations go again with the same ``op_id``s and the server answers with the first results.

Each answer is classified as (my change, the server's change) and ``merge.decide`` names the
action: ``applied`` means the server took mine on its state (``PUSH_MINE``: the answer becomes
the replica's state); a ``conflict`` leads to a merge or an edit-against-delete rule
(``push_actions``). A refusal is no change of either side: it is held for the user.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .faults import checkpoint
from .merge import Action, Change, decide
from .operations import DOCUMENT_KINDS, QUEUED, ConflictKind, OpKind, OpState
from .push_actions import ON_CONFLICT, hold, recreate
from .remote import RemoteClient
from .replica import LocalDocument, LocalFile, LocalVersion, OutboxOp, Replica
from .state import (
    apply_server_document,
    apply_server_file,
    document_snapshot,
    has_pending,
    rebase,
    versions_from_answer,
)
from .transfer import upload
from .wire import CheckinAnswer, OperationResult, Version

__all__ = ["push_file"]

log = logging.getLogger(__name__)


def _round(session: Session, file_id: str) -> list[OutboxOp]:
    ops = session.scalars(select(OutboxOp).where(OutboxOp.file_id == file_id,
                                                 OutboxOp.state.in_(QUEUED))
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
        if op.state == OpState.PENDING:
            chosen.append(op)
    return chosen


def _orphaned(session: Session, op: OutboxOp) -> bool:
    """An operation on a document the replica no longer has (an older engine left it
    behind) cannot be sent; it is closed and logged instead of stopping every sync."""
    if op.kind not in DOCUMENT_KINDS:
        return False
    if session.get(LocalDocument, op.document_id) is not None:
        return False
    log.error("outbox operation %s (%s) names the unknown document %s; closed", op.op_id,
              op.kind, op.document_id)
    op.state = OpState.DONE
    op.result = {"status": "orphaned"}
    return True


def _wire(session: Session, op: OutboxOp) -> dict[str, Any]:
    """The operation as sent, with the newest known server base."""
    body: dict[str, Any] = {"op_id": op.op_id, "op": str(op.kind), **op.payload}
    if op.kind in (OpKind.CREATE_DOCUMENT, OpKind.RECORD_RESOLUTION, OpKind.RESTORE_DOCUMENT):
        return body
    if op.kind == OpKind.UPDATE_COVER:
        file = session.get(LocalFile, op.file_id)
        assert file is not None
        return {**body, "base_etag": file.etag}
    doc = session.get(LocalDocument, op.document_id)
    assert doc is not None
    if op.kind == OpKind.NEW_VERSION:
        return {**body, "base_version": int(doc.base.get("current_version", 0))}
    return {**body, "base_etag": doc.etag}


# classifying an answer -----------------------------------------------------------------

def _my_change(op: OutboxOp) -> Change:
    return Change.DELETED if op.kind == OpKind.DELETE_DOCUMENT else Change.MODIFIED


def _their_change(result: OperationResult) -> Change:
    """``applied``: the server was still at my base. A ``conflict`` carries its state."""
    if result.status == "applied":
        return Change.UNCHANGED
    current = result.current or {}
    return Change.DELETED if current.get("deleted") else Change.MODIFIED


# the handlers ---------------------------------------------------------------------------

def _took_mine(session: Session, remote: RemoteClient, op: OutboxOp,
               result: OperationResult) -> None:
    """``PUSH_MINE`` went through: the server's answer becomes the replica's state (its
    base, while more is queued for the object)."""
    op.state = OpState.DONE
    if op.kind == OpKind.RECORD_RESOLUTION:
        return
    checkpoint("push.apply.applied")
    if op.kind == OpKind.UPDATE_COVER:
        body = result.file or result.current
        if body:
            apply_server_file(session, body)
        return
    if op.document_id is None:
        return
    doc = session.get(LocalDocument, op.document_id)
    if doc is None:
        return
    pending_after = has_pending_after(session, op)
    if not pending_after and doc.state == "deleted":
        session.delete(doc)
        return
    body = result.document or remote.document(doc.id)  # an answer of an old server
    if pending_after:
        rebase(doc, document_snapshot(body))
        return
    versions = _versions(session, remote, doc_id=doc.id, body=body)
    apply_server_document(session, doc.file_id, body, versions)
    checkpoint("push.apply.after_fetch")


def _versions(session: Session, remote: RemoteClient, *, doc_id: str,
              body: dict[str, Any]) -> list[Version]:
    """The document's versions to take with ``body``: from the answer when it carries all
    the replica lacks, else (after a conflict resolved with other numbers) the server's list."""
    rows = session.execute(select(LocalVersion.number, LocalVersion.pending).where(
        LocalVersion.document_id == doc_id))
    versions = versions_from_answer(body, {number: pending for number, pending in rows})
    return remote.versions(doc_id) if versions is None else versions


def _refused(session: Session, op: OutboxOp, result: OperationResult) -> None:
    """Neither side changed: the server would not take the operation."""
    problem = result.problem
    if op.kind == OpKind.RESTORE_DOCUMENT:
        recreate(session, op)
        return
    if op.kind == OpKind.RECORD_RESOLUTION:
        # only the audit record of a choice already made: never a new conflict
        op.state = OpState.DONE
        log.warning("the server did not record a resolution: %s", problem.get("detail"))
        return
    hold(session, op, kind=ConflictKind.REJECTED, base={}, mine=dict(op.payload), theirs={},
         detail=str(problem.get("detail") or problem.get("code") or "rejected"))


def _take_answer(session: Session, remote: RemoteClient, op: OutboxOp,
                 result: OperationResult) -> None:
    op.result = result.raw
    if result.status not in ("applied", "conflict"):
        _refused(session, op, result)
        return
    action = decide(_my_change(op), _their_change(result))
    if action is Action.PUSH_MINE:
        _took_mine(session, remote, op, result)
        return
    checkpoint("push.apply.conflict")
    ON_CONFLICT[action](session, op, result.current or {})


def has_pending_after(session: Session, op: OutboxOp) -> bool:
    return session.scalar(select(OutboxOp.seq).where(
        OutboxOp.document_id == op.document_id, OutboxOp.seq > op.seq,
        OutboxOp.state.in_(QUEUED)).limit(1)) is not None


def _settle(session: Session, remote: RemoteClient, *, wire: list[dict[str, Any]],
            answer: CheckinAnswer, counts: dict[str, int]) -> None:
    """Take the answers of one round, in the order the operations went."""
    results = {r.op_id: r for r in answer.results}
    for sent in wire:
        op = session.scalar(select(OutboxOp).where(OutboxOp.op_id == sent["op_id"]))
        result = results.get(sent["op_id"])
        if op is None or result is None:
            continue
        status = result.status
        counts[status] = counts.get(status, 0) + 1
        _take_answer(session, remote, op, result)
        if op.document_id and not has_pending(session, op.document_id):
            doc = session.get(LocalDocument, op.document_id)
            if doc is not None and doc.state != "deleted":
                doc.state = "synced"


def push_file(remote: RemoteClient, replica: Replica, file_id: str, *,
              release: bool = False) -> dict[str, int]:
    """Send the file's outbox until nothing is left that can go; returns counts per answer
    (``applied``, ``conflict``, ``rejected``). ``release``: end the check-out afterwards.
    Raises ``Offline``, ``AuthError``, ``ServerError``, ``RequestRefused`` (the check-in
    itself refused, e.g. the check-out ended); what was answered before stays applied.
    Call from the engine's thread."""
    counts = {"applied": 0, "conflict": 0, "rejected": 0}
    while True:
        with replica.transaction() as session:
            file = session.get(LocalFile, file_id)
            if file is None or file.checkout_id is None:
                return counts
            checkout_id = file.checkout_id
            wire = [_wire(session, op) for op in _round(session, file_id)]
        if not wire:
            break
        checkpoint("push.round.read")
        for op in wire:
            if op["op"] in (OpKind.CREATE_DOCUMENT, OpKind.NEW_VERSION):
                upload(remote, replica, op["content"]["sha256"])
                checkpoint("push.after_upload")
        checkpoint("push.before_checkin")
        answer = remote.checkin(checkout_id, wire, release=False)
        checkpoint("push.after_checkin")
        with replica.transaction() as session:
            _settle(session, remote, wire=wire, answer=answer, counts=counts)
            checkpoint("push.results.before_commit")
        checkpoint("push.results.after_commit")
    if release:
        with replica.transaction() as session:
            file = session.get(LocalFile, file_id)
            assert file is not None and file.checkout_id is not None
            checkpoint("push.before_release")
            remote.checkin(file.checkout_id, [], release=True)
    return counts
