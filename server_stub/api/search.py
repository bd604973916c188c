"""``GET /search``: full-text search with field filters, sort, groups and snippets."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select
from sqlalchemy.orm import Session

from viewer.query import MAX_QUERY_CHARS, Node, QueryError, check, parse, register_group_labels

from ..context import ServerContext
from ..domain.representations import documents_json
from ..orm import CustomerFile, Document, Register
from ..problems import Problem
from ..rights import Actor
from ..search import IndexNotReady
from ..search.records import field_catalogue
from .deps import ActorDep, ContextDep, Cursor, Limit, ReadDB, decode_cursor, encode_cursor

__all__ = ["GroupBy", "checked_query", "router", "run_search"]

router = APIRouter(tags=["search"])

GroupBy = Annotated[str | None, Query(pattern="^(type|file|register|month)$")]


@router.get("/search")
def search(context: ContextDep, actor: ActorDep, session: ReadDB,
           q: Annotated[str, Query(max_length=MAX_QUERY_CHARS * 20)],
           sort: Annotated[str, Query(max_length=100)] = "relevance",
           group_by: GroupBy = None, limit: Limit = 50,
           cursor: Cursor = None) -> dict[str, Any]:
    """Documents the user can read that match ``q`` (the query language of API.md)."""
    return run_search(context, actor, session, q, field="q", sort=sort, group_by=group_by,
                      limit=limit, cursor=cursor)


def checked_query(context: ServerContext, q: str, *, field: str) -> Node:
    """``q`` parsed and checked against the configured fields; 422 naming ``field`` and the
    position otherwise."""
    try:
        return check(parse(q), field_catalogue(context.file_classes))
    except QueryError as exc:
        raise Problem(422, "bad-query", f"{field}: position {exc.position}: expected "
                      f"{exc.expected}", field=field, position=exc.position,
                      expected=exc.expected) from exc


def run_search(context: ServerContext, actor: Actor, session: Session, q: str, *, field: str,
               sort: str, group_by: str | None, limit: int, cursor: str | None,
               file_id: str | None = None) -> dict[str, Any]:
    """The search answer of API.md for query ``q`` (``field`` names it in a 422), only in
    file ``file_id`` when given; rights are applied inside the query by the backend."""
    backend = context.search
    if backend is None:
        raise Problem(404, "search-off", "search is switched off on this server")
    catalogue = field_catalogue(context.file_classes)
    node = checked_query(context, q, field=field)
    name = sort.removeprefix("-")
    known = name in ("relevance", "created") or catalogue.kind(name) is not None
    if not known or sort == "-relevance":
        raise Problem(422, "validation", "sort: relevance, created, -created or a field name "
                      "with - for descending", field="sort")
    offset = decode_cursor(cursor) or 0
    if not isinstance(offset, int) or offset < 0 or offset > 1_000_000:
        raise Problem(422, "validation", "cursor: not a cursor of this list", field="cursor")
    try:
        page = backend.search(session, actor, node, sort=sort, limit=limit, offset=offset,
                              group_by=group_by, file_id=file_id)
    except KeyError as exc:
        raise Problem(422, "validation", f"sort: cannot sort by {name}", field="sort") from exc
    except IndexNotReady as exc:
        problem = Problem(503, "index-building", "the search index is being built; retry soon")
        problem.headers["Retry-After"] = "2"
        raise problem from exc
    ids = [hit.document_id for hit in page.hits]
    documents = {d.id: d for d in session.scalars(select(Document).where(
        Document.tenant_id == actor.tenant_id, Document.id.in_(ids),
        Document.deleted_at.is_(None)))}
    found = [documents[i] for i in ids if i in documents]
    bodies = {b["id"]: b for b in documents_json(session, found)}
    files = {f.id: f for f in session.execute(  # columns: a file entity loads its registers
        select(CustomerFile.id, CustomerFile.key, CustomerFile.title).where(
            CustomerFile.id.in_({d.file_id for d in found})))}
    items = []
    for hit in page.hits:
        document = documents.get(hit.document_id)
        if document is None:
            continue
        file = files[document.file_id]
        items.append({"document": bodies[document.id],
                      "file": {"id": file.id, "key": file.key, "title": file.title},
                      "snippet": hit.snippet, "score": hit.score})
    answer: dict[str, Any] = {
        "items": items, "total": page.total,
        "next_cursor": encode_cursor(offset + limit) if offset + limit < page.total else None}
    if group_by is not None and page.groups is not None:
        answer["groups"] = _groups(context, session, group_by, page.groups)
    return answer


def _groups(context: ServerContext, session: Session, group_by: str,
            counts: dict[str, int]) -> list[dict[str, Any]]:
    labels: dict[str, str] = {}
    if group_by == "type":
        for file_class in context.file_classes.all():
            for doc_type in file_class.document_types.values():
                labels.setdefault(doc_type.name.lower(), doc_type.label)
    elif group_by == "file":
        for file in session.scalars(select(CustomerFile).where(
                CustomerFile.id.in_(list(counts)))):
            labels[file.id] = f"{file.key} {file.title}"
    elif group_by == "register":
        labels = register_group_labels({
            register_id: (label, key) for register_id, label, key in session.execute(
                select(Register.id, Register.label, CustomerFile.key)
                .join(CustomerFile, CustomerFile.id == Register.file_id)
                .where(Register.id.in_(list(counts))))})
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [{"value": value, "label": labels.get(value, value), "count": count}
            for value, count in ordered]
