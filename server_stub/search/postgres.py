"""The PostgreSQL full-text backend: the index is a table of the server's own database.

For servers running several processes, on several machines, against one PostgreSQL: no
local index folder to keep in step. Every process runs an indexer thread; per tenant, the one
that gets the transaction-scoped advisory lock (``pg_try_advisory_xact_lock``) applies a
batch of the change feed — the others skip that tenant, and take over when it dies. A batch
is one transaction: the rows of the documents it touches and the tenant's cursor in
``search_cursors`` commit together, so a process killed at any instruction leaves the old
cursor with the old rows (replayed on the next run, idempotently: a row is replaced by its
key) or the new cursor with the new rows. Nothing is missed, nothing doubles.

Searching is one SQL query per page (and one for the total, one for the groups), joined to
``documents``: rights are ``Actor.document_filter`` — the very filter of every listing —
and a deleted document is gone from results at once, before the indexer has seen its
deletion. The words are analysed as by the Tantivy backend (:mod:`viewer.words`), so the
shared query table (tests/search_cases.py) holds for both.

A tenant without a cursor row (first start, or a new configuration of fields: the
fingerprint of the field catalogue is stored with the cursor) is rebuilt from the database in
one transaction; meanwhile searches answer from the old rows, or 503 when there are none.
"""

from __future__ import annotations

import hashlib
import html
import json
import logging
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import ColumnElement, and_, delete, func, literal, or_, select
from sqlalchemy.dialects.postgresql import TSQUERY, insert
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Join

from viewer.query import Node
from viewer.words import highlight

from ..blobstore import BlobStore
from ..db import Database
from ..domain.feed import changes_after, feed_head
from ..fileclasses import FileClassRegistry
from ..orm import Document, Tenant, TenantCounter
from ..rights import Actor
from .feed import (
    BATCH,
    FeedFollower,
    IndexNotReady,
    live_document_ids,
    touched_documents,
)
from .pg_query import condition, highlight_terms, rank_query, sort_key
from .pg_table import CURSORS, DOCUMENTS, document_row
from .records import TextCache, field_catalogue, load_records
from .tantivy_index import Hit, Page

__all__ = ["PostgresBackend"]

log = logging.getLogger(__name__)

S = DOCUMENTS.c
ANALYSIS_VERSION = 1
_LOCK_CLASS = 74202  # advisory lock key space of the search indexer (migrations use 74201)
_GROUPS = {"type": S.type, "file": S.file_id, "month": S.month}
_SNIPPET_CHARS = 240


class PostgresBackend(FeedFollower):
    """Search over the ``search_documents`` table, kept current by every process in turn."""

    def __init__(self, database: Database, file_classes: FileClassRegistry, blobs: BlobStore,
                 texts: Path, *, poll_seconds: float = 1.0) -> None:
        if not database.is_postgres:
            raise ValueError("search_backend postgres needs a PostgreSQL database "
                             "(set database_url to postgresql://...)")
        super().__init__(database, poll_seconds)
        self.file_classes = file_classes
        self.catalogue = field_catalogue(file_classes)
        self.fingerprint = hashlib.sha256(json.dumps(
            {"v": ANALYSIS_VERSION, "fields": sorted(self.catalogue.fields.items())}
        ).encode()).hexdigest()[:16]
        self.texts = TextCache(texts, blobs)

    # --- lifecycle ------------------------------------------------------------------

    def start(self) -> None:
        """Follow the feed in a thread (indexing whichever tenants no other process is)."""
        self.follow()

    def stop(self) -> None:
        """Stop indexing (safe to call more than once); a batch under way is rolled back."""
        self.unfollow()

    # --- indexing -------------------------------------------------------------------

    def tenants_to_index(self, session: Session) -> list[str]:
        """Only the tenants whose rows are behind the feed or built for other fields: with
        many tenants, a poll is one query instead of a transaction per tenant."""
        cursor = CURSORS.c
        return list(session.scalars(
            select(Tenant.id)
            .outerjoin(TenantCounter, TenantCounter.tenant_id == Tenant.id)
            .outerjoin(CURSORS, cursor.tenant_id == Tenant.id)
            .where(or_(cursor.seq.is_(None), cursor.fingerprint != self.fingerprint,
                       func.coalesce(TenantCounter.feed_seq, 0) > cursor.seq))))

    def catch_up(self, tenant_id: str) -> int | None:
        """Apply the tenant's feed since its cursor, a batch per transaction; returns the new
        cursor, or None when another process is indexing this tenant."""
        while True:
            with self.database.writing() as session:
                if not _lock(session, tenant_id, wait=False):
                    return None
                state = session.execute(select(CURSORS.c.seq, CURSORS.c.fingerprint).where(
                    CURSORS.c.tenant_id == tenant_id)).first()
                if state is None or state.fingerprint != self.fingerprint:
                    self._rebuild(session, tenant_id)
                    continue
                changes = changes_after(session, tenant_id, state.seq, limit=BATCH)
                if not changes:
                    return int(state.seq)
                touched = touched_documents(session, tenant_id, changes)
                self._store(session, tenant_id, touched)
                self._move_cursor(session, tenant_id, changes[-1].seq)

    def rebuild(self, tenant_id: str) -> int:
        """Build the tenant's rows anew from the database (waiting for an indexer at work
        on it); returns the cursor reached."""
        with self.database.writing() as session:
            _lock(session, tenant_id, wait=True)
            self._rebuild(session, tenant_id)
        cursor = self.catch_up(tenant_id)
        return cursor if cursor is not None else self._cursor(tenant_id) or 0

    def _rebuild(self, session: Session, tenant_id: str) -> None:
        log.warning("search: building the index of tenant %s from the database", tenant_id)
        cursor = feed_head(session, tenant_id)  # first: later changes replay afterwards
        ids = live_document_ids(session, tenant_id)
        session.execute(delete(DOCUMENTS).where(S.tenant_id == tenant_id))
        for start in range(0, len(ids), BATCH):
            self._store(session, tenant_id, ids[start:start + BATCH])
        self._move_cursor(session, tenant_id, cursor)
        log.warning("search: index of tenant %s built (%d documents)", tenant_id, len(ids))

    def _store(self, session: Session, tenant_id: str, document_ids: Iterable[str]) -> None:
        """Replace the rows of ``document_ids`` by their current state (deleted: none)."""
        ids = list(document_ids)
        records = load_records(session, tenant_id, ids, file_classes=self.file_classes,
                               texts=self.texts)
        session.execute(delete(DOCUMENTS).where(S.tenant_id == tenant_id, S.doc_id.in_(ids)))
        rows = [document_row(tenant_id, r, self.catalogue) for r in records.values()]
        if rows:
            session.execute(insert(DOCUMENTS), rows)

    def _move_cursor(self, session: Session, tenant_id: str, seq: int) -> None:
        statement = insert(CURSORS).values(tenant_id=tenant_id, seq=seq,
                                           fingerprint=self.fingerprint)
        session.execute(statement.on_conflict_do_update(
            index_elements=[CURSORS.c.tenant_id],
            set_={"seq": seq, "fingerprint": self.fingerprint}))

    def _cursor(self, tenant_id: str) -> int | None:
        with self.database.reader() as session:
            seq = session.scalar(select(CURSORS.c.seq).where(CURSORS.c.tenant_id == tenant_id))
            return None if seq is None else int(seq)

    # --- searching ------------------------------------------------------------------

    def search(self, session: Session, actor: Actor, node: Node, *, sort: str, limit: int,
               offset: int, group_by: str | None, file_id: str | None = None) -> Page:
        if session.scalar(select(CURSORS.c.seq).where(
                CURSORS.c.tenant_id == actor.tenant_id)) is None:
            self.wake()
            raise IndexNotReady(actor.tenant_id)
        order = None if sort == "relevance" else sort_key(sort, self.catalogue)
        wanted = [S.tenant_id == actor.tenant_id, condition(node), Document.deleted_at.is_(None),
                  actor.document_filter(session, "read")]
        if file_id is not None:
            wanted.append(S.file_id == file_id)
        ranked = rank_query(node) if order is None else None
        rank: ColumnElement[float] = (  # ts_rank reads every hit's words: only when sorted by
            func.ts_rank(S.words, literal(ranked).cast(TSQUERY)) if ranked  # relevance
            else literal(1.0 if order is None else 0.0))
        page = select(S.doc_id, S.title, S.body, rank.label("rank")).select_from(
            _joined()).where(*wanted).order_by(
            *(order or [rank.desc(), S.doc_id.asc()])).limit(limit).offset(offset)
        terms = highlight_terms(node)
        hits = [Hit(row.doc_id, float(row.rank),
                    _snippet(row.title, row.body, terms.exact, terms.prefixes))
                for row in session.execute(page)]
        total = session.scalar(select(func.count()).select_from(_joined()).where(*wanted))
        groups = None
        if group_by is not None:
            groups = _group_counts(session, group_by, wanted)
        return Page(hits=hits, total=int(total or 0), groups=groups)


def _lock(session: Session, tenant_id: str, *, wait: bool) -> bool:
    """The tenant's indexing lock, held until the transaction ends."""
    name = "pg_advisory_xact_lock" if wait else "pg_try_advisory_xact_lock"
    taken = session.scalar(select(getattr(func, name)(_LOCK_CLASS, func.hashtext(tenant_id))))
    return wait or bool(taken)


def _joined() -> Join:
    """The index rows with their documents (for rights and deletion)."""
    return DOCUMENTS.join(Document.__table__, and_(Document.tenant_id == S.tenant_id,
                                                   Document.id == S.doc_id))


def _group_counts(session: Session, group_by: str,
                  wanted: list[ColumnElement[bool]]) -> dict[str, int]:
    if group_by == "register":
        value = func.unnest(S.register_ids).label("value")
        inner = select(value).select_from(_joined()).where(*wanted).subquery()
        query = select(inner.c.value, func.count()).group_by(inner.c.value)
    else:
        column = _GROUPS[group_by]
        query = select(column, func.count()).select_from(_joined()).where(*wanted).group_by(
            column)
    return {str(value): int(count) for value, count in session.execute(query)}


def _snippet(title: str, body: str, exact: set[str], prefixes: set[str]) -> str:
    for text in (body, title):
        marked = highlight(text, exact, prefixes, max_chars=_SNIPPET_CHARS)
        if marked is not None:
            return marked
    return html.escape(" ".join((body or title)[:_SNIPPET_CHARS].split()))
