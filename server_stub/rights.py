"""Who may do what: grants of permissions on scopes, inherited down the file tree.

Scopes, from wide to narrow: tenant → file class → file → register (and its sub-registers)
→ document. A grant on a scope applies to everything below it. Objects a user may not read
do not exist for that user: the SQL filters here keep them out of every list and the feed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, get_args

from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.orm import Session

from .orm import (
    CustomerFile,
    Document,
    DocumentRegister,
    Grant,
    Membership,
    Principal,
    Register,
    User,
    utcnow,
)

__all__ = ["PERMISSIONS", "ROLE_PRESETS", "SCOPE_KINDS", "Actor", "Permission", "ScopeKind",
           "load_actor"]

Permission = Literal["read", "create", "edit_index", "new_version", "delete", "checkout",
                     "manage_rights", "view_audit"]
ScopeKind = Literal["tenant", "file_class", "file", "register", "document"]
PERMISSIONS: tuple[str, ...] = get_args(Permission)
SCOPE_KINDS: tuple[str, ...] = get_args(ScopeKind)

#: Roles created with every tenant, with their tenant-wide permissions.
ROLE_PRESETS: dict[str, tuple[str, ...]] = {
    "admin": PERMISSIONS,
    "clerk": ("read", "create", "edit_index", "new_version", "checkout"),
    "auditor": ("read", "view_audit"),
    "reader": ("read",),
}


@dataclass(frozen=True)
class EffectiveGrant:
    permissions: frozenset[str]
    scope_kind: str
    scope_ref: str | None


@dataclass
class Actor:
    """The authenticated user of a request with the grants that are in force now."""

    user_id: str
    username: str
    tenant_id: str
    grants: list[EffectiveGrant]
    roles: list[str] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    _expanded_registers: dict[str, set[str]] = field(default_factory=dict)

    def scopes(self, permission: str, kind: str) -> set[str]:
        return {g.scope_ref or "" for g in self.grants
                if g.scope_kind == kind and permission in g.permissions}

    def tenant_wide(self, permission: str) -> bool:
        return any(g.scope_kind == "tenant" and permission in g.permissions for g in self.grants)

    def global_permissions(self) -> list[str]:
        return [p for p in PERMISSIONS if self.tenant_wide(p)]

    def register_scope(self, session: Session, permission: str) -> set[str]:
        """Registers granted ``permission``, with all their sub-registers."""
        if permission not in self._expanded_registers:
            granted = self.scopes(permission, "register")
            found, frontier = set(granted), set(granted)
            while frontier:
                children = set(session.scalars(
                    select(Register.id).where(Register.parent_id.in_(frontier))))
                frontier = children - found
                found |= frontier
            self._expanded_registers[permission] = found
        return self._expanded_registers[permission]

    def allows(self, session: Session, permission: str, *, file: CustomerFile,
               register_ids: Iterable[str] = (), document_id: str | None = None,
               all_registers: bool = False) -> bool:
        """Whether ``permission`` holds on the file, its registers or the document.

        With ``all_registers`` a register-level grant must cover every register given (e.g.
        filing a new document into several registers); otherwise one suffices.
        """
        if (self.tenant_wide(permission)
                or file.file_class in self.scopes(permission, "file_class")
                or file.id in self.scopes(permission, "file")):
            return True
        if document_id is not None and document_id in self.scopes(permission, "document"):
            return True
        registers = set(register_ids)
        if not registers:
            return False
        covered = self.register_scope(session, permission)
        return registers <= covered if all_registers else bool(registers & covered)

    def file_filter(self, session: Session, permission: str = "read") -> ColumnElement[bool]:
        """Files on which the user holds ``permission`` somewhere."""
        if self.tenant_wide(permission):
            return true()
        registers = self.register_scope(session, permission)
        documents = self.scopes(permission, "document")
        clauses: list[ColumnElement[bool]] = [
            CustomerFile.file_class.in_(self.scopes(permission, "file_class")),
            CustomerFile.id.in_(self.scopes(permission, "file")),
        ]
        if registers:
            clauses.append(CustomerFile.id.in_(
                select(Register.file_id).where(Register.id.in_(registers))))
        if documents:
            clauses.append(CustomerFile.id.in_(
                select(Document.file_id).where(Document.id.in_(documents),
                                               Document.tenant_id == self.tenant_id)))
        return or_(*clauses)

    def document_filter(self, session: Session, permission: str = "read") -> ColumnElement[bool]:
        """Documents on which the user holds ``permission``."""
        if self.tenant_wide(permission):
            return true()
        classes = self.scopes(permission, "file_class")
        registers = self.register_scope(session, permission)
        clauses: list[ColumnElement[bool]] = [
            Document.file_id.in_(self.scopes(permission, "file")),
            Document.id.in_(self.scopes(permission, "document")),
        ]
        if classes:
            clauses.append(Document.file_id.in_(
                select(CustomerFile.id).where(CustomerFile.file_class.in_(classes))))
        if registers:
            clauses.append(Document.id.in_(
                select(DocumentRegister.document_id)
                .where(DocumentRegister.register_id.in_(registers))))
        return or_(*clauses) if clauses else false()

    def sees_whole_file(self, file: CustomerFile, permission: str = "read") -> bool:
        return (self.tenant_wide(permission)
                or file.file_class in self.scopes(permission, "file_class")
                or file.id in self.scopes(permission, "file"))


def _in_force(grant: Grant, now: datetime) -> bool:
    if grant.valid_from is not None and grant.valid_from > now:
        return False
    return grant.valid_until is None or grant.valid_until > now


def load_actor(session: Session, user: User) -> Actor:
    """The user's memberships and every grant in force for them now."""
    principals = session.execute(
        select(Principal.id, Principal.kind, Principal.name)
        .join(Membership, Membership.principal_id == Principal.id)
        .where(Membership.user_id == user.id)).all()
    ids = [user.id, *(p.id for p in principals)]
    now = utcnow()
    grants = [
        EffectiveGrant(frozenset(g.permissions.split(",")), g.scope_kind, g.scope_ref)
        for g in session.scalars(select(Grant).where(Grant.tenant_id == user.tenant_id,
                                                     Grant.principal_id.in_(ids)))
        if _in_force(g, now)
    ]
    return Actor(user_id=user.id, username=user.username, tenant_id=user.tenant_id,
                 grants=grants,
                 roles=sorted(p.name for p in principals if p.kind == "role"),
                 groups=sorted(p.name for p in principals if p.kind == "group"),
                 units=sorted(p.name for p in principals if p.kind == "unit"))
