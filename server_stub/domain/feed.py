"""The change feed, read: its head, a page of it as a user sees it, and the raw entries an
indexer follows.

Entries are written by :mod:`..journal` in the transaction of the change, numbered under the
row lock of the tenant's counter, so every change numbered up to the head has committed:
reading the head first and the entries up to it afterwards never misses one.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from ..orm import Change, CustomerFile, Document, TenantCounter
from ..problems import Problem
from ..rights import Actor

__all__ = ["changes_after", "documents_deleted_after", "feed_head", "read_feed"]


def feed_head(session: Session, tenant_id: str) -> int:
    """The tenant's newest feed ``seq`` (0 before its first change): every change up to it
    has committed."""
    return session.scalar(select(TenantCounter.feed_seq).where(
        TenantCounter.tenant_id == tenant_id)) or 0


def changes_after(session: Session, tenant_id: str, cursor: int, *,
                  limit: int) -> list[Change]:
    """The next ``limit`` feed entries of the tenant after ``cursor``, in order, unfiltered
    (for indexers, not for users)."""
    return list(session.scalars(
        select(Change).where(Change.tenant_id == tenant_id, Change.seq > cursor)
        .order_by(Change.seq).limit(limit)))



def documents_deleted_after(session: Session, tenant_id: str, cursor: int) -> set[str]:
    """The documents of the tenant deleted by feed entries after ``cursor`` (what a search
    index at that cursor still holds but must no longer show)."""
    return {str(d) for d in session.scalars(select(Change.document_id).where(
        Change.tenant_id == tenant_id, Change.seq > cursor,
        Change.object == "document", Change.op == "deleted")) if d}

def _cursor_value(since: str | None) -> int:
    if since is None or since == "":
        return 0
    if not since.isdigit():
        raise Problem(422, "validation", "since: a cursor from this feed", field="since")
    return int(since)


def _change_json(change: Change) -> dict[str, Any]:
    return {"seq": change.seq, "object": change.object, "id": change.object_id,
            "file_id": change.file_id, "document_id": change.document_id, "op": change.op,
            "etag": change.etag, "at": change.at.isoformat()}


def read_feed(session: Session, actor: Actor, *, since: str | None, file: str | None,
              limit: int) -> dict[str, Any]:
    """The page of the feed after the cursor ``since`` that ``actor`` may see (rights changes,
    and changes of the files and documents they can read), only of ``file`` when given.

    ``since`` is a cursor this feed answered, ``latest`` (an empty page and the head) or
    empty for the beginning; 422 for anything else, 410 for a cursor beyond the head.
    """
    # Read the head first: every change numbered up to it has committed (journal.py).
    head = feed_head(session, actor.tenant_id)
    if since == "latest":  # "from now on": a watcher's start, without reading the history
        return {"changes": [], "cursor": str(head), "has_more": False}
    after = _cursor_value(since)
    if after > head:
        raise Problem(410, "cursor-gone", "this cursor is not valid here; re-read the file")
    visible_files = select(CustomerFile.id).where(CustomerFile.tenant_id == actor.tenant_id,
                                                  actor.file_filter(session))
    visible_docs = select(Document.id).where(Document.tenant_id == actor.tenant_id,
                                             actor.document_filter(session))
    query = select(Change).where(
        Change.tenant_id == actor.tenant_id, Change.seq > after, Change.seq <= head,
        or_(Change.object == "rights",
            and_(Change.document_id.is_(None), Change.file_id.in_(visible_files)),
            Change.document_id.in_(visible_docs)))
    if file:
        query = query.where(Change.file_id == file)
    rows = session.scalars(query.order_by(Change.seq).limit(limit + 1)).all()
    has_more = len(rows) > limit
    rows = rows[:limit]
    cursor = rows[-1].seq if has_more else head
    return {"changes": [_change_json(c) for c in rows], "cursor": str(cursor),
            "has_more": has_more}
