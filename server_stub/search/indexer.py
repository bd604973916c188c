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
from pathlib import Path
from typing import IO

from sqlalchemy.orm import Session

from viewer.query import Node

from ..blobstore import BlobStore
from ..db import Database
from ..domain.feed import changes_after, documents_deleted_after, feed_head
from ..fileclasses import FileClassRegistry
from ..rights import Actor
from .feed import (
    BATCH,
    FeedFollower,
    IndexNotReady,
    live_document_ids,
    touched_documents,
)
from .records import TextCache, field_catalogue, load_records
from .tantivy_index import Page, TenantIndex

__all__ = ["IndexNotReady", "TantivyBackend"]

log = logging.getLogger(__name__)

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


class TantivyBackend(FeedFollower):
    """Search over per-tenant Tantivy indexes under ``root``."""

    def __init__(self, root: Path, database: Database, file_classes: FileClassRegistry,
                 blobs: BlobStore, *, poll_seconds: float = 1.0) -> None:
        super().__init__(database, poll_seconds)
        self.root = root
        self.file_classes = file_classes
        self.catalogue = field_catalogue(file_classes)
        self.texts = TextCache(root / "texts", blobs)
        self._indexes: dict[str, TenantIndex] = {}
        self._lock = _WriterLock(root / "writer.lock")
        self._writing = False
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
        self.follow()

    def stop(self) -> None:
        """Stop indexing and release the writer lock (safe to call more than once)."""
        self.unfollow()
        for index in self._indexes.values():
            index.close()
        self._lock.release()
        self._writing = False

    # --- indexing (the writer) ------------------------------------------------------

    def index_of(self, tenant_id: str) -> TenantIndex:
        with self._index_lock:
            index = self._indexes.get(tenant_id)
            if index is None:
                index = TenantIndex(self.root, tenant_id, self.catalogue)
                self._indexes[tenant_id] = index
            return index

    def catch_up(self, tenant_id: str) -> int:
        """Apply the tenant's feed since the stored cursor; returns the new cursor."""
        index = self.index_of(tenant_id)
        if not index.exists():
            return self.rebuild(tenant_id)
        cursor = index.cursor()
        while True:
            with self.database.reader() as session:
                changes = changes_after(session, tenant_id, cursor, limit=BATCH)
                if not changes:
                    return cursor
                touched = touched_documents(session, tenant_id, changes)
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
            cursor = feed_head(session, tenant_id)
            ids = live_document_ids(session, tenant_id)
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
            self.wake()
            raise IndexNotReady(actor.tenant_id)
        cursor = index.cursor()
        # deleted since the index's cursor: gone from results at once, before the indexer
        hidden = documents_deleted_after(session, actor.tenant_id, cursor)
        rights = index.rights_filter(actor, actor.register_scope(session, "read"))
        return index.search(node, rights=rights, hidden=hidden, sort=sort,
                            limit=limit, offset=offset, group_by=group_by, file_id=file_id)

