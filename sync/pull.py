"""Pulling the change feed for a checked-out file and bringing the replica up to date.

Each document the feed names is classified as (my change, the server's change) and
``merge.decide`` names the action: take theirs, drop it, keep it, or leave it to the check-in
(a local change merges there). The server is asked only for what the replica will take and
the feed does not already tell: one request per such document (its versions come with it
unless the replica misses older ones).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from .due import cached, pending_downloads
from .errors import NotFound
from .faults import checkpoint
from .merge import Action, Change, decide
from .operations import QUEUED, OpKind
from .remote import RemoteClient
from .replica import LocalDocument, LocalFile, LocalVersion, OutboxOp, Replica, utcnow
from .state import (
    apply_server_document,
    apply_server_file,
    has_pending,
    register_ids,
    versions_from_answer,
)
from .transfer import Progress, download_missing
from .wire import FeedPage, Version
from .working_folder import remove_untouched

__all__ = ["pull_file"]

log = logging.getLogger(__name__)


@dataclass
class _Mine:
    """The replica's side of a document before the fetch."""

    etag: str | None
    queued: bool
    versions: dict[int, bool]  # number → still pending


@dataclass
class _Theirs:
    """The server's side of a document: how it changed, and its state when fetched."""

    change: Change
    body: dict[str, Any] | None = None
    versions: list[Version] | None = None


@dataclass
class _Feed:
    """What the feed said since the cursor."""

    cursor: str
    documents: set[str] = field(default_factory=set)
    file_changed: bool = False
    last_op: dict[str, str] = field(default_factory=dict)     # document → its newest op
    last_etag: dict[str, str] = field(default_factory=dict)   # document → its newest ETag

    def read(self, page: FeedPage) -> None:
        for change in page.changes:
            doc_id = change.document_id
            if doc_id:
                self.documents.add(doc_id)
                if change.object == "document":
                    self.last_op[doc_id] = change.op
                if change.etag:
                    self.last_etag[doc_id] = change.etag
            elif change.object in ("file", "register"):
                self.file_changed = True
        self.cursor = page.cursor_after(self.cursor)


def pull_file(remote: RemoteClient, replica: Replica, file_id: str, *,
              progress: Progress | None = None, also: set[str] | None = None) -> dict[str, Any]:
    """Read the feed from the file's cursor; take the server's state of everything that has
    no local change pending (those merge at check-in). Returns what changed. ``progress``:
    of the contents downloaded (see ``download_missing``); ``also``: documents to fetch
    whatever the feed says (see ``diverged_documents``). Raises ``Offline``, ``AuthError``,
    ``ServerError``, ``SyncError`` (a content that cannot be stored); what was applied
    before stays. Call from the engine's thread."""
    with replica.transaction() as session:
        file = session.get(LocalFile, file_id)
        if file is None:
            return {"documents": [], "file": False}
        cursor = file.cursor
        stale = _stale_documents(session, file_id)
    feed = _read_feed(remote, file_id, cursor)
    forced = stale | (also or set())
    touched = feed.documents | forced
    with replica.transaction() as session:
        mine = _replica_side(session, sorted(touched))
    theirs: dict[str, _Theirs] = {}
    for doc_id in sorted(touched):
        theirs[doc_id] = _server_side(remote, doc_id, feed=feed, mine=mine.get(doc_id),
                                      forced=doc_id in forced)
        checkpoint("pull.after_fetch_document")
    file_body = remote.file(file_id) if feed.file_changed else None
    checkpoint("pull.before_apply")
    with replica.transaction() as session:
        file = session.get(LocalFile, file_id)
        assert file is not None
        if file_body is not None:
            _take_file(session, file, file_body)
        outcome = _PullOutcome(session, file_id)
        for doc_id, server in theirs.items():
            outcome.take(doc_id, server)
        outcome.add_unfinished_downloads(replica, set(theirs))
        file.cursor = feed.cursor
        file.last_sync = utcnow().isoformat()
        checkpoint("pull.before_commit")
    checkpoint("pull.after_commit")
    remove_untouched(outcome.gone)  # a colleague deleted them; an edited copy stays
    download_missing(remote, replica, outcome.wanted, progress=progress)
    checkpoint("pull.after_download")
    return {"documents": sorted(touched), "new": outcome.new, "file": feed.file_changed,
            "refreshed": sorted(stale)}


def _read_feed(remote: RemoteClient, file_id: str, cursor: str) -> _Feed:
    feed = _Feed(cursor)
    while True:
        page = remote.changes(feed.cursor, file_id=file_id, limit=500)
        feed.read(page)
        checkpoint("pull.after_feed_page")
        if not page.has_more:
            return feed


def _replica_side(session: Session, doc_ids: list[str]) -> dict[str, _Mine]:
    """ETag, queued operations and version rows of the documents the replica has."""
    mine: dict[str, _Mine] = {}
    for start in range(0, len(doc_ids), 500):
        chunk = doc_ids[start:start + 500]
        queued = set(session.scalars(select(OutboxOp.document_id).where(
            OutboxOp.document_id.in_(chunk), OutboxOp.state.in_(QUEUED))))
        for doc_id, etag in session.execute(select(LocalDocument.id, LocalDocument.etag)
                                            .where(LocalDocument.id.in_(chunk))):
            mine[doc_id] = _Mine(etag, doc_id in queued, {})
        for doc_id, number, pending in session.execute(select(
                LocalVersion.document_id, LocalVersion.number, LocalVersion.pending)
                .where(LocalVersion.document_id.in_(chunk))):
            if doc_id in mine:
                mine[doc_id].versions[number] = pending
    return mine


def _server_side(remote: RemoteClient, doc_id: str, *, feed: _Feed, mine: _Mine | None,
                 forced: bool) -> _Theirs:
    """The server's side of a document, fetched only when the replica will take it and the
    feed does not already say it: a document with a local change waits for the check-in,
    one the feed shows deleted is gone, one whose newest ETag the replica has is there."""
    if mine is not None and mine.queued:
        return _Theirs(Change.MODIFIED)
    if not forced and feed.last_op.get(doc_id) == "deleted":
        return _Theirs(Change.DELETED)
    if not forced and mine is not None and mine.etag is not None \
            and feed.last_etag.get(doc_id) == mine.etag:
        return _Theirs(Change.UNCHANGED)
    try:
        body = remote.document(doc_id)
    except NotFound:
        return _Theirs(Change.DELETED)
    if body.get("deleted"):
        return _Theirs(Change.DELETED)
    versions = versions_from_answer(body, mine.versions if mine else {})
    if versions is None:
        versions = remote.versions(doc_id)
    return _Theirs(Change.MODIFIED, body, versions)


def _take_file(session: Session, file: LocalFile, body: dict[str, Any]) -> None:
    """The server's cover, unless a cover change of mine is queued (it merges at check-in);
    the register tree always."""
    cover_pending = session.scalar(select(OutboxOp.seq).where(
        OutboxOp.file_id == file.id, OutboxOp.kind == OpKind.UPDATE_COVER,
        OutboxOp.state.in_(QUEUED)).limit(1))
    if cover_pending is None:
        apply_server_file(session, body)
    else:
        file.registers = register_ids(body.get("registers", []))


class _PullOutcome:
    """Applies the table's action to each document, inside the pull's transaction, and
    collects what follows: new documents, contents to download, working copies to remove."""

    def __init__(self, session: Session, file_id: str) -> None:
        self.session = session
        self.file_id = file_id
        self.new: list[str] = []
        self.wanted: list[tuple[str, int, str]] = []
        self.gone: list[tuple[str | None, str | None]] = []  # working copies of deleted ones
        self._on: dict[Action, Callable[[str, LocalDocument | None, _Theirs], None]] = {
            Action.NOTHING: self._keep,
            Action.TAKE_THEIRS: self._take_theirs,
            Action.DROP_LOCAL: self._drop_local,
            # a local change: merged three-way when the outbox goes
            Action.PUSH_MINE: self._leave_for_checkin,
            Action.MERGE: self._leave_for_checkin,
            Action.KEEP_EDIT_REPORT_DELETE: self._leave_for_checkin,
            Action.RESTORE_REPORT: self._leave_for_checkin,
        }

    def take(self, doc_id: str, theirs: _Theirs) -> None:
        local = self.session.get(LocalDocument, doc_id)
        self._on[decide(self._my_change(doc_id, local), theirs.change)](doc_id, local, theirs)

    def _my_change(self, doc_id: str, local: LocalDocument | None) -> Change:
        if not has_pending(self.session, doc_id):
            return Change.UNCHANGED
        return Change.DELETED if local is not None and local.state == "deleted" \
            else Change.MODIFIED

    def _want_content(self, doc: LocalDocument) -> None:
        if doc.sha256:
            self.wanted.append((doc.id, doc.current_version, doc.sha256))

    def _keep(self, doc_id: str, local: LocalDocument | None, theirs: _Theirs) -> None:
        if local is not None and local.state != "deleted":
            self._want_content(local)

    def _take_theirs(self, doc_id: str, local: LocalDocument | None, theirs: _Theirs) -> None:
        if theirs.body is None:  # a local change was queued when the server was asked
            self._leave_for_checkin(doc_id, local, theirs)
            return
        if local is None:
            self.new.append(doc_id)
        self._want_content(apply_server_document(self.session, self.file_id, theirs.body,
                                                 theirs.versions))

    def _drop_local(self, doc_id: str, local: LocalDocument | None, theirs: _Theirs) -> None:
        if local is not None:
            self.gone.append((local.working_path, local.working_sha))
            self.session.delete(local)

    def _leave_for_checkin(self, doc_id: str, local: LocalDocument | None,
                           theirs: _Theirs) -> None:
        # fetched again once the outbox went, as the cursor moves past this change now
        if local is not None:
            local.stale = True

    def add_unfinished_downloads(self, replica: Replica, handled: set[str]) -> None:
        """Contents a check-out or an earlier pull committed but never finished downloading
        (killed, cut off): the feed will not name those documents again. The pending ones
        only (``due.downloads_pending``), not every document; one found in the cache after
        all is pending no more."""
        there: list[tuple[str, str]] = []
        for doc_id, number, sha in pending_downloads(self.session, self.file_id):
            if doc_id in handled:
                continue
            if replica.cache_path(sha).exists():
                there.append((doc_id, sha))
            else:
                self.wanted.append((doc_id, number, sha))
        cached(self.session, there)


def _stale_documents(session: Session, file_id: str) -> set[str]:
    """Documents the server changed while a local change was queued, now sent (an index
    of the stale ones makes this no look at every document)."""
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
            OutboxOp.file_id == file_id, OutboxOp.state.in_(QUEUED))))
        local = {doc_id: etag for doc_id, etag in session.execute(select(
            LocalDocument.id, LocalDocument.etag).where(LocalDocument.file_id == file_id))
            if doc_id not in queued}
    server = {d["id"]: d["etag"] for d in remote.documents(file_id)}
    moving: set[str] = set()  # changed since the cursor: the next pull takes them
    while True:
        page = remote.changes(cursor, file_id=file_id, limit=500)
        moving.update(c.document_id for c in page.changes if c.document_id)
        cursor = page.cursor_after(cursor)
        if not page.has_more:
            break
    diverged = {doc_id for doc_id, etag in local.items() if server.get(doc_id) != etag}
    if whole_file:
        diverged |= set(server) - set(local) - queued
    return diverged - moving
