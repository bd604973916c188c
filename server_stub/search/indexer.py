"""The Tantivy backend: indexes follow the change feed; searches apply rights inside.

The indexer is a daemon thread of the server process. For each tenant it reads the change
feed from the cursor stored in the index (written in the same Tantivy commit as the documents
it covers), loads the current state of every document the changes touch and replaces or
removes them, then commits documents and cursor together. Killed at any instruction, the
index holds either the old cursor with the old documents or the new cursor with the new ones:
on restart it replays from the stored cursor; replaying is idempotent (a document is deleted
by id before it is added), so nothing is missed and nothing doubles.

Only one process writes: the one holding ``<data dir>/search/writer.lock`` (with
``serve --workers N`` the others only search, reloading the index on each search). The thread
wakes on every commit that added feed entries in this process and polls as a fallback (other
processes' writes). An index folder that is missing (deleted by hand, or a new schema after a
change of the configured fields) is rebuilt from the database on start, with a log line.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import IO

from sqlalchemy import select
from sqlalchemy.orm import Session

from viewer.query import Node

from ..blobstore import BlobStore
from ..db import Database
from ..fileclasses import FileClassRegistry
from ..journal import on_feed_commit
from ..models import Change, Document, Tenant, TenantCounter
from ..rights import Actor
from .records import TextCache, field_catalogue, load_records
from .tantivy_index import Page, TenantIndex

__all__ = ["IndexNotReady", "TantivyBackend"]

log = logging.getLogger(__name__)

BATCH = 500


class IndexNotReady(RuntimeError):
    """The tenant's index is being built for the first time."""


class _WriterLock:
    """An exclusive, non-blocking lock on a file, released when the process dies."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._handle: IO[bytes] | None = None

    def acquire(self) -> bool:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+b")
        try:
            if sys.platform == "win32":
                import msvcrt

                msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl

                fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing drops the lock
            self._handle = None


class TantivyBackend:
    """Search over per-tenant Tantivy indexes under ``root``."""

    def __init__(self, root: Path, database: Database, file_classes: FileClassRegistry,
                 blobs: BlobStore, *, poll_seconds: float = 1.0) -> None:
        self.root = root
        self.database = database
        self.file_classes = file_classes
        self.catalogue = field_catalogue(file_classes)
        self.texts = TextCache(root / "texts", blobs)
        self.poll_seconds = poll_seconds
        self._indexes: dict[str, TenantIndex] = {}
        self._lock = _WriterLock(root / "writer.lock")
        self._writing = False
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._index_lock = threading.Lock()

    # --- lifecycle ------------------------------------------------------------------

    def acquire_writer(self) -> bool:
        """Take the writer lock (held until :meth:`stop`); False if another process has it."""
        self._writing = self._writing or self._lock.acquire()
        return self._writing

    def start(self) -> None:
        """Become the writer if no other process is, and follow the feed in a thread."""
        if not self.acquire_writer():
            log.info("search index written by another process; this one only searches")
            return
        self._unsubscribe = on_feed_commit(lambda _tenants: self._wake.set())
        self._thread = threading.Thread(target=self._run, name="search-indexer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Stop indexing and release the writer lock (safe to call more than once)."""
        self._stop.set()
        self._wake.set()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None
        for index in self._indexes.values():
            index.close()
        self._lock.release()
        self._writing = False

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.catch_up_all()
            except Exception:
                log.exception("search indexing failed; retrying")
            self._wake.wait(self.poll_seconds)

    # --- indexing (the writer) ------------------------------------------------------

    def index_of(self, tenant_id: str) -> TenantIndex:
        with self._index_lock:
            index = self._indexes.get(tenant_id)
            if index is None:
                index = TenantIndex(self.root, tenant_id, self.catalogue)
                self._indexes[tenant_id] = index
            return index

    def catch_up_all(self) -> None:
        with self.database.reader() as session:
            tenants = list(session.scalars(select(Tenant.id)))
        for tenant_id in tenants:
            if self._stop.is_set():
                return
            self.catch_up(tenant_id)

    def catch_up(self, tenant_id: str) -> int:
        """Apply the tenant's feed since the stored cursor; returns the new cursor."""
        index = self.index_of(tenant_id)
        if not index.exists():
            return self.rebuild(tenant_id)
        cursor = index.cursor()
        while True:
            with self.database.reader() as session:
                changes = list(session.scalars(
                    select(Change).where(Change.tenant_id == tenant_id, Change.seq > cursor)
                    .order_by(Change.seq).limit(BATCH)))
                if not changes:
                    return cursor
                touched = _touched_documents(session, tenant_id, changes)
                records = load_records(session, tenant_id, touched,
                                       file_classes=self.file_classes, texts=self.texts)
            cursor = changes[-1].seq
            index.commit(list(records.values()), sorted(touched - set(records)),
                         cursor=cursor)

    def rebuild(self, tenant_id: str) -> int:
        """Build the tenant's index anew from the database; returns its cursor."""
        index = self.index_of(tenant_id)
        log.warning("search: building the index of tenant %s from the database (%s)",
                    tenant_id, index.folder)
        index.create_empty()
        with self.database.reader() as session:
            # the cursor first: changes committed while documents are read replay afterwards
            cursor = session.scalar(select(TenantCounter.feed_seq).where(
                TenantCounter.tenant_id == tenant_id)) or 0
            ids = list(session.scalars(select(Document.id).where(
                Document.tenant_id == tenant_id, Document.deleted_at.is_(None))))
        for start in range(0, len(ids), BATCH):
            with self.database.reader() as session:
                records = load_records(session, tenant_id, ids[start:start + BATCH],
                                       file_classes=self.file_classes, texts=self.texts)
            index.add(list(records.values()))
        # one commit: killed before it, the index is the empty one of cursor 0 and the
        # restart replays the feed from its start, as after a crash between batch commits
        index.commit([], [], cursor=cursor)
        log.warning("search: index of tenant %s built (%d documents)", tenant_id, len(ids))
        return self.catch_up(tenant_id)

    # --- searching ------------------------------------------------------------------

    def search(self, session: Session, actor: Actor, node: Node, *, sort: str, limit: int,
               offset: int, group_by: str | None, file_id: str | None = None) -> Page:
        index = self.index_of(actor.tenant_id)
        if not index.exists():
            self._wake.set()
            raise IndexNotReady(actor.tenant_id)
        cursor = index.cursor()
        # deleted since the index's cursor: gone from results at once, before the indexer
        hidden = {str(h) for h in session.scalars(select(Change.document_id).where(
            Change.tenant_id == actor.tenant_id, Change.seq > cursor,
            Change.object == "document", Change.op == "deleted")) if h}
        rights = index.rights_filter(actor, actor.register_scope(session, "read"))
        return index.search(node, rights=rights, hidden=hidden, sort=sort,
                            limit=limit, offset=offset, group_by=group_by, file_id=file_id)


def _touched_documents(session: Session, tenant_id: str, changes: list[Change]) -> set[str]:
    """The documents whose indexed state the changes may have altered."""
    documents: set[str] = set()
    files: set[str] = set()
    for change in changes:
        if change.object in ("document", "version") and change.document_id:
            documents.add(change.document_id)
        elif change.object == "file" and change.file_id:
            files.add(change.file_id)  # key, title or cover: in every document's record
    if files:
        documents.update(session.scalars(select(Document.id).where(
            Document.tenant_id == tenant_id, Document.file_id.in_(files))))
    return documents
