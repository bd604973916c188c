"""What every search backend reads of the change feed to keep its index current.

An indexer keeps a cursor (the last feed ``seq`` it covers) stored atomically with what it
indexed, reads the changes after it in batches (``domain.feed.changes_after``), and re-reads
the documents they touch (:func:`touched_documents`): replaying a batch is idempotent, so a
crash between reading and storing loses nothing. A rebuild takes the feed head first
(``domain.feed.feed_head``) and then the live documents: changes committed meanwhile replay
afterwards.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import Database
from ..journal import on_feed_commit
from ..orm import Change, Document, Tenant

__all__ = ["BATCH", "FeedFollower", "IndexNotReady", "live_document_ids", "touched_documents"]

log = logging.getLogger(__name__)

#: Feed entries read, and documents indexed, at a time.
BATCH = 500


class IndexNotReady(RuntimeError):
    """The tenant's index is being built for the first time."""


def touched_documents(session: Session, tenant_id: str, changes: list[Change]) -> set[str]:
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


def live_document_ids(session: Session, tenant_id: str) -> list[str]:
    """Every document of the tenant that is not deleted."""
    return list(session.scalars(select(Document.id).where(
        Document.tenant_id == tenant_id, Document.deleted_at.is_(None))))


class FeedFollower:
    """An indexer thread: catches every tenant up when this process commits feed entries,
    and every ``poll_seconds`` (other processes' commits). Subclasses index one tenant in
    :meth:`catch_up`."""

    def __init__(self, database: Database, poll_seconds: float) -> None:
        self.database = database
        self.poll_seconds = poll_seconds
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._unsubscribe: Callable[[], None] | None = None

    def catch_up(self, tenant_id: str) -> int | None:
        raise NotImplementedError

    def follow(self) -> None:
        self._stop.clear()
        self._unsubscribe = on_feed_commit(lambda _tenants: self._wake.set())
        self._thread = threading.Thread(target=self._run, name="search-indexer", daemon=True)
        self._thread.start()

    def unfollow(self) -> None:
        """Stop the thread (safe to call more than once)."""
        self._stop.set()
        self._wake.set()
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self._thread is not None:
            self._thread.join(timeout=30)
            self._thread = None

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.catch_up_all()
            except Exception:
                log.exception("search indexing failed; retrying")
            self._wake.wait(self.poll_seconds)

    def tenants_to_index(self, session: Session) -> list[str]:
        """The tenants :meth:`catch_up_all` visits (all; a backend may know better)."""
        return list(session.scalars(select(Tenant.id)))

    def catch_up_all(self) -> None:
        with self.database.reader() as session:
            tenants = self.tenants_to_index(session)
        for tenant_id in tenants:
            if self._stop.is_set():
                return
            self.catch_up(tenant_id)
