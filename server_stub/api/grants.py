"""``/grants``: who may do what where (permission ``manage_rights``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field
from pydantic.config import JsonDict
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actors import forget_all_actors
from ..domain.identity import IdentityError, add_grant
from ..journal import record_audit, record_change
from ..orm import Grant, Principal, User
from ..problems import Problem
from ..rights import Actor, Permission, ScopeKind
from .deps import ActorDep, ContextDep, ReadDB, WriteDB

router = APIRouter(tags=["rights"])


def _require_manage(actor: Actor) -> None:
    if not actor.tenant_wide("manage_rights"):
        raise Problem(403, "forbidden", "you may not manage rights", permission="manage_rights")


def _grant_json(grant: Grant, principal: str) -> dict[str, Any]:
    def stamp(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {"id": grant.id, "principal": principal,
            "permissions": grant.permissions.split(","), "scope_kind": grant.scope_kind,
            "scope_ref": grant.scope_ref, "valid_from": stamp(grant.valid_from),
            "valid_until": stamp(grant.valid_until)}


def resolve_principal(session: Session, tenant_id: str, ref: str) -> tuple[str, str]:
    """``user:NAME``, ``group:NAME``, ``role:NAME`` or ``unit:NAME`` → (kind, id)."""
    kind, _, name = ref.partition(":")
    found: str | None = None
    if kind == "user":
        found = session.scalar(select(User.id).where(User.tenant_id == tenant_id,
                                                     User.username == name))
    elif kind in ("group", "role", "unit"):
        found = session.scalar(select(Principal.id).where(
            Principal.tenant_id == tenant_id, Principal.kind == kind, Principal.name == name))
    if found is None:
        raise Problem(422, "validation", f"principal: no {ref} in this tenant", field="principal")
    return kind, found


def _names(session: Session, tenant_id: str) -> dict[str, str]:
    names = {u.id: f"user:{u.username}" for u in session.scalars(
        select(User).where(User.tenant_id == tenant_id))}
    names.update({p.id: f"{p.kind}:{p.name}" for p in session.scalars(
        select(Principal).where(Principal.tenant_id == tenant_id))})
    return names


@router.get("/grants")
def list_grants(actor: ActorDep, session: ReadDB) -> dict[str, Any]:
    _require_manage(actor)
    names = _names(session, actor.tenant_id)
    grants = session.scalars(select(Grant).where(Grant.tenant_id == actor.tenant_id)
                             .order_by(Grant.created_at))
    return {"items": [_grant_json(g, names.get(g.principal_id, "?")) for g in grants],
            "next_cursor": None}


#: A tenant scope has no reference; every other scope names one (published with the body).
_SCOPE_REF_RULE: JsonDict = {"oneOf": [
    {"properties": {"scope_kind": {"const": "tenant"}, "scope_ref": {"type": "null"}}},
    {"properties": {"scope_kind": {"not": {"const": "tenant"}}, "scope_ref": {"type": "string"}},
     "required": ["scope_ref"]},
]}


class GrantCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra=_SCOPE_REF_RULE)
    principal: str = Field(max_length=120, pattern=r"^(user|group|role|unit):[^\x00-\x1f]+$",
                           description="user:NAME, group:NAME, role:NAME or unit:NAME")
    permissions: list[Permission] = Field(min_length=1, max_length=10)
    scope_kind: ScopeKind
    scope_ref: str | None = Field(default=None, max_length=100)
    valid_from: AwareDatetime | None = None
    valid_until: AwareDatetime | None = None


@router.post("/grants", status_code=201)
def post_grant(body: GrantCreate, context: ContextDep, actor: ActorDep,
               session: WriteDB) -> dict[str, Any]:
    _require_manage(actor)
    kind, principal_id = resolve_principal(session, actor.tenant_id, body.principal)
    try:
        grant = add_grant(session, actor.tenant_id, actor=actor.username, principal_kind=kind,
                          principal_id=principal_id, permissions=body.permissions,
                          scope_kind=body.scope_kind, scope_ref=body.scope_ref,
                          valid_from=body.valid_from, valid_until=body.valid_until,
                          file_classes=[c.name for c in context.file_classes.all()])
    except IdentityError as exc:
        raise Problem(422, "validation", str(exc), field=exc.field) from exc
    session.commit()
    return _grant_json(grant, body.principal)


@router.delete("/grants/{grant_id}", status_code=204)
def delete_grant(grant_id: str, actor: ActorDep, session: WriteDB) -> None:
    _require_manage(actor)
    grant = session.get(Grant, grant_id)
    if grant is None or grant.tenant_id != actor.tenant_id:
        raise Problem(404, "not-found", "no such grant")
    session.delete(grant)
    forget_all_actors(session)
    record_change(session, actor.tenant_id, object="rights", id=grant_id, op="deleted")
    record_audit(session, actor.tenant_id, actor=actor.username, action="rights",
                 object=grant_id, details={"op": "revoke"})
    session.commit()
