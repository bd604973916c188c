"""Tenants, users, groups/roles/units and grants."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..actors import forget_all_actors
from ..journal import record_audit, record_change
from ..orm import (
    CustomerFile,
    Document,
    Grant,
    Membership,
    Principal,
    Register,
    Tenant,
    TenantCounter,
    User,
)
from ..rights import PERMISSIONS, ROLE_PRESETS, SCOPE_KINDS
from ..security import hash_password

__all__ = ["IdentityError", "add_grant", "ensure_principal", "ensure_tenant", "ensure_user",
           "find_tenant"]


class IdentityError(ValueError):
    """Bad input to an identity operation; ``field`` names what is wrong."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason


def find_tenant(session: Session, name: str) -> Tenant | None:
    return session.scalar(select(Tenant).where(Tenant.name == name))


def ensure_principal(session: Session, tenant_id: str, kind: str, name: str) -> Principal:
    if kind not in ("group", "role", "unit"):
        raise IdentityError("kind", f"unknown principal kind {kind}")
    found = session.scalar(select(Principal).where(
        Principal.tenant_id == tenant_id, Principal.kind == kind, Principal.name == name))
    if found is None:
        found = Principal(tenant_id=tenant_id, kind=kind, name=name)
        session.add(found)
        session.flush()
    return found


_SCOPE_TABLES: dict[str, type[CustomerFile] | type[Register] | type[Document]] = {
    "file": CustomerFile, "register": Register, "document": Document}


def _require_scope(session: Session, tenant_id: str, scope_kind: str, scope_ref: str,
                   file_classes: Collection[str]) -> None:
    """422 (``scope_ref``) unless the scope names a file class this server configures or a
    file, register or document of this tenant: a grant never points at another tenant's
    object or at nothing."""
    if scope_kind == "file_class":
        found = scope_ref in file_classes
    else:
        table = _SCOPE_TABLES[scope_kind]
        found = session.scalar(select(table.id).where(table.id == scope_ref,
                                                      table.tenant_id == tenant_id)) is not None
    if not found:
        raise IdentityError("scope_ref", f"no {scope_kind} {scope_ref} in this tenant")


def add_grant(session: Session, tenant_id: str, *, actor: str, principal_kind: str,
              principal_id: str, permissions: Iterable[str], scope_kind: str,
              scope_ref: str | None = None, valid_from: datetime | None = None,
              valid_until: datetime | None = None,
              file_classes: Collection[str] = ()) -> Grant:
    """Grant ``permissions`` on a scope; ``file_classes`` are the names a ``file_class``
    scope may take. Raises :class:`IdentityError` naming the field on bad input."""
    perms = sorted(set(permissions))
    unknown = [p for p in perms if p not in PERMISSIONS]
    if not perms or unknown:
        raise IdentityError("permissions", "unknown permission: " + ", ".join(unknown or ["-"]))
    if scope_kind not in SCOPE_KINDS:
        raise IdentityError("scope_kind", f"unknown scope {scope_kind}")
    if (scope_kind == "tenant") != (scope_ref is None):
        raise IdentityError("scope_ref", "a tenant scope has no reference; others need one")
    if scope_ref is not None:
        _require_scope(session, tenant_id, scope_kind, scope_ref, file_classes)
    if valid_from and valid_until and valid_until <= valid_from:
        raise IdentityError("valid_until", "must be after valid_from")
    grant = Grant(tenant_id=tenant_id, principal_kind=principal_kind, principal_id=principal_id,
                  permissions=",".join(perms), scope_kind=scope_kind, scope_ref=scope_ref,
                  valid_from=valid_from, valid_until=valid_until)
    session.add(grant)
    session.flush()
    forget_all_actors(session)
    record_change(session, tenant_id, object="rights", id=grant.id, op="created")
    record_audit(session, tenant_id, actor=actor, action="rights", object=grant.id,
                 details={"op": "grant", "principal": f"{principal_kind}:{principal_id}",
                          "permissions": perms, "scope": f"{scope_kind}:{scope_ref or ''}"})
    return grant


def ensure_tenant(session: Session, name: str, *, actor: str = "system") -> Tenant:
    """The tenant named ``name``, created with its counter and preset roles when missing."""
    if not name or len(name) > 100:
        raise IdentityError("tenant", "a tenant name has 1 to 100 characters")
    tenant = find_tenant(session, name)
    if tenant is not None:
        return tenant
    tenant = Tenant(name=name)
    session.add(tenant)
    session.flush()
    session.add(TenantCounter(tenant_id=tenant.id, feed_seq=0, audit_seq=0,
                              audit_head="0" * 64))
    session.flush()
    record_audit(session, tenant.id, actor=actor, action="create", object=tenant.id,
                 details={"kind": "tenant", "name": name})
    for role, perms in ROLE_PRESETS.items():
        principal = ensure_principal(session, tenant.id, "role", role)
        add_grant(session, tenant.id, actor=actor, principal_kind="role",
                  principal_id=principal.id, permissions=perms, scope_kind="tenant")
    return tenant


def ensure_user(session: Session, tenant: Tenant, username: str, password: str | None, *,
                actor: str = "system", roles: Iterable[str] = (), groups: Iterable[str] = (),
                units: Iterable[str] = (), display_name: str = "") -> tuple[User, bool]:
    """Create the user (or update memberships of an existing one); returns (user, created)."""
    if not username or len(username) > 100 or any(ord(c) < 33 for c in username):
        raise IdentityError("username", "1 to 100 visible characters, no spaces")
    user = session.scalar(select(User).where(User.tenant_id == tenant.id,
                                             User.username == username))
    created = user is None
    if user is None:
        if not password:
            raise IdentityError("password", "a new user needs a password")
        user = User(tenant_id=tenant.id, username=username, display_name=display_name or username,
                    password_hash=hash_password(password))
        session.add(user)
        session.flush()
        record_audit(session, tenant.id, actor=actor, action="create", object=user.id,
                     details={"kind": "user", "username": username})
    elif password:
        user.password_hash = hash_password(password)
    for kind, names in (("role", roles), ("group", groups), ("unit", units)):
        for name in names:
            if kind == "role" and name not in ROLE_PRESETS and not session.scalar(
                    select(Principal.id).where(Principal.tenant_id == tenant.id,
                                               Principal.kind == "role",
                                               Principal.name == name)):
                raise IdentityError("role", f"unknown role {name}")
            principal = ensure_principal(session, tenant.id, kind, name)
            if session.get(Membership, (user.id, principal.id)) is None:
                session.add(Membership(user_id=user.id, principal_id=principal.id))
                forget_all_actors(session)
                record_audit(session, tenant.id, actor=actor, action="rights", object=user.id,
                             details={"op": "member", kind: name})
    session.flush()
    return user, created
