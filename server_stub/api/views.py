"""``/views``: saved searches, a user's own or shared with one of their units (API.md
"Search and views"). Results run the search code path, rights inside the query."""

from __future__ import annotations

from datetime import UTC
from typing import Annotated, Any

from fastapi import APIRouter, Header, Query, Response
from pydantic import BaseModel, ConfigDict, Field
from pydantic.json_schema import SkipJsonSchema
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from viewer.query import MAX_QUERY_CHARS

from ..journal import record_audit
from ..orm import Principal, SavedView, utcnow
from ..problems import Problem
from ..rights import Actor
from .deps import ActorDep, ContextDep, Cursor, Limit, ReadDB, WriteDB, require_if_match, with_etag
from .search import GroupBy, checked_query, run_search

__all__ = ["router"]

router = APIRouter(tags=["search"])

_NAME = Field(min_length=1, max_length=200, pattern=r"^[^\x00-\x1f]+$")
_QUERY = Field(min_length=1, max_length=MAX_QUERY_CHARS, pattern=r"^[^\x00]+$")
_SHARED = Field(default=None, max_length=105, pattern=r"^unit:[^\x00-\x1f]{1,100}$",
                description="unit:NAME, or null for a private view")


class ViewCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = _NAME
    query: str = _QUERY
    shared_with: str | None = _SHARED


class ViewChange(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, _NAME] | SkipJsonSchema[None] = None
    query: Annotated[str, _QUERY] | SkipJsonSchema[None] = None
    shared_with: str | None = _SHARED


def _is_admin(actor: Actor) -> bool:
    return "admin" in actor.roles


def _view_etag(view: SavedView) -> str:
    """Changes with every change of the view (its ``updated_at``, to the microsecond)."""
    stamp = view.updated_at
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(UTC).replace(tzinfo=None)
    return f"{view.id[:8]}.{stamp:%Y%m%d%H%M%S%f}"


def _view_json(view: SavedView) -> dict[str, Any]:
    return {"id": view.id, "etag": _view_etag(view), "name": view.name, "query": view.query,
            "shared_with": f"unit:{view.shared_unit}" if view.shared_unit else None,
            "owner": view.owner_id, "created_at": view.created_at.isoformat(),
            "updated_at": view.updated_at.isoformat()}


def _unit_of(session: Session, actor: Actor, shared_with: str | None) -> str | None:
    """The unit name of ``unit:NAME``; 422 (``shared_with``) unless the tenant has it."""
    if shared_with is None:
        return None
    name = shared_with.removeprefix("unit:")
    found = session.scalar(select(Principal.id).where(
        Principal.tenant_id == actor.tenant_id, Principal.kind == "unit",
        Principal.name == name))
    if found is None:
        raise Problem(422, "validation", f"shared_with: no unit {name} in this tenant",
                      field="shared_with")
    return name


def _visible(session: Session, actor: Actor, view_id: str) -> SavedView:
    """The view if the user may see it (owner, a member of its unit, an admin); 404 else,
    also for another tenant's view."""
    view = session.get(SavedView, view_id)
    if view is None or view.tenant_id != actor.tenant_id or not (
            view.owner_id == actor.user_id or _is_admin(actor)
            or (view.shared_unit is not None and view.shared_unit in actor.units)):
        raise Problem(404, "not-found", "no such view")
    return view


def _changeable(session: Session, actor: Actor, view_id: str) -> SavedView:
    view = _visible(session, actor, view_id)
    if view.owner_id != actor.user_id and not _is_admin(actor):
        raise Problem(403, "forbidden", "only the view's owner or an admin may change it")
    return view


@router.post("/views", status_code=201)
def post_view(body: ViewCreate, context: ContextDep, actor: ActorDep,
              session: WriteDB, response: Response) -> dict[str, Any]:
    """Save a search query under a name, private or shared with a unit of the tenant."""
    checked_query(context, body.query, field="query")
    unit = _unit_of(session, actor, body.shared_with)
    view = SavedView(tenant_id=actor.tenant_id, owner_id=actor.user_id, name=body.name,
                     query=body.query, shared_unit=unit)
    session.add(view)
    session.flush()
    record_audit(session, actor.tenant_id, actor=actor.username, action="view",
                 object=view.id, details={"op": "create", "name": body.name,
                                          "query": body.query, "shared_with": body.shared_with})
    session.commit()
    return with_etag(response, _view_json(view))


@router.get("/views")
def list_views(actor: ActorDep, session: ReadDB) -> dict[str, Any]:
    """The user's own views and those shared with one of their units."""
    clauses = [SavedView.owner_id == actor.user_id]
    if actor.units:
        clauses.append(SavedView.shared_unit.in_(actor.units))
    views = session.scalars(select(SavedView).where(
        SavedView.tenant_id == actor.tenant_id, or_(*clauses))
        .order_by(SavedView.name, SavedView.id))
    return {"items": [_view_json(v) for v in views]}


@router.get("/views/{view_id}")
def get_view(view_id: str, actor: ActorDep, session: ReadDB,
             response: Response) -> dict[str, Any]:
    return with_etag(response, _view_json(_visible(session, actor, view_id)))


@router.patch("/views/{view_id}")
def patch_view(view_id: str, body: ViewChange, context: ContextDep, actor: ActorDep,
               session: WriteDB, response: Response,
               if_match: Annotated[str | None, Header()] = None) -> dict[str, Any]:
    """Rename, change the query or the sharing (``shared_with: null`` makes it private)."""
    view = _changeable(session, actor, view_id)
    require_if_match(if_match, _view_etag(view), current_object=_view_json(view))
    given = body.model_fields_set
    if "name" in given and body.name is None:
        raise Problem(422, "validation", "name: may not be null", field="name")
    if "query" in given and body.query is None:
        raise Problem(422, "validation", "query: may not be null", field="query")
    if body.query is not None:
        checked_query(context, body.query, field="query")
        view.query = body.query
    if body.name is not None:
        view.name = body.name
    if "shared_with" in given:
        view.shared_unit = _unit_of(session, actor, body.shared_with)
    view.updated_at = utcnow()
    record_audit(session, actor.tenant_id, actor=actor.username, action="view",
                 object=view.id, details={"op": "change", **body.model_dump(exclude_unset=True)})
    session.commit()
    return with_etag(response, _view_json(view))


@router.delete("/views/{view_id}", status_code=204)
def delete_view(view_id: str, actor: ActorDep, session: WriteDB,
                if_match: Annotated[str | None, Header()] = None) -> None:
    view = _changeable(session, actor, view_id)
    require_if_match(if_match, _view_etag(view), current_object=_view_json(view))
    record_audit(session, actor.tenant_id, actor=actor.username, action="view",
                 object=view.id, details={"op": "delete", "name": view.name})
    session.delete(view)
    session.commit()


@router.get("/views/{view_id}/results")
def view_results(view_id: str, context: ContextDep, actor: ActorDep, session: ReadDB,
                 file: Annotated[str | None, Query(max_length=36)] = None,
                 sort: Annotated[str, Query(max_length=100)] = "relevance",
                 group_by: GroupBy = None, limit: Limit = 50,
                 cursor: Cursor = None) -> dict[str, Any]:
    """The view's query run as ``GET /search``; only in file ``file`` when given."""
    view = _visible(session, actor, view_id)
    return run_search(context, actor, session, view.query, field="query", sort=sort,
                      group_by=group_by, limit=limit, cursor=cursor, file_id=file)
