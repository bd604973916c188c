"""The ORM (SQLAlchemy tables): identity and rights, customer files, documents, blobs, feed,
audit."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

__all__ = [
    "AuditEvent", "AuthSession", "Base", "Blob", "Change", "CheckinOp", "Checkout",
    "CustomerFile", "Document",
    "DocumentRegister",
    "Grant", "LoginFailure", "Membership", "Principal", "RefreshToken", "Register",
    "SavedView", "ServerSecret", "Tenant", "TenantBlob", "TenantCounter", "Upload", "User",
    "Version",
    "etag_of", "new_id", "utcnow",
]


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


def etag_of(object_id: str, row_version: int) -> str:
    """An object's ETag: opaque to clients, changes with every committed change."""
    return f"{object_id[:8]}.{row_version}"


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp that always comes back timezone-aware in UTC (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


Id = String(36)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime(),
                                                      dict[str, Any]: JSON}


class ServerSecret(Base):
    __tablename__ = "server_secrets"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(String(256))


class Tenant(Base):
    __tablename__ = "tenants"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TenantCounter(Base):
    """The tenant's change-feed and audit-chain heads; its row lock orders all commits."""

    __tablename__ = "tenant_counters"
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    feed_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    audit_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    audit_head: Mapped[str] = mapped_column(String(64), default="0" * 64)


class User(Base):
    __tablename__ = "users"
    __table_args__ = (UniqueConstraint("tenant_id", "username"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    username: Mapped[str] = mapped_column(String(100))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Principal(Base):
    """A group, role or organisational unit of a tenant."""

    __tablename__ = "principals"
    __table_args__ = (UniqueConstraint("tenant_id", "kind", "name"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # group | role | unit
    name: Mapped[str] = mapped_column(String(100))


class Membership(Base):
    __tablename__ = "memberships"
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), primary_key=True)
    principal_id: Mapped[str] = mapped_column(ForeignKey("principals.id"), primary_key=True)


class Grant(Base):
    """Permissions for a principal on a scope, optionally within a validity window."""

    __tablename__ = "grants"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    principal_kind: Mapped[str] = mapped_column(String(10))  # user | group | role | unit
    principal_id: Mapped[str] = mapped_column(Id, index=True)
    permissions: Mapped[str] = mapped_column(String(200))  # comma-separated
    scope_kind: Mapped[str] = mapped_column(String(12))  # tenant|file_class|file|register|document
    scope_ref: Mapped[str | None] = mapped_column(String(100))
    valid_from: Mapped[datetime | None] = mapped_column()
    valid_until: Mapped[datetime | None] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class AuthSession(Base):
    """One login and every token issued from it (a refresh-token family).

    Access tokens name it (``sid``); revoking it ends them at once, and its refresh tokens.
    """

    __tablename__ = "auth_sessions"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)


class RefreshToken(Base):
    __tablename__ = "refresh_tokens"
    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    # None: issued before sessions existed (migration 0003); refreshing starts a session
    family_id: Mapped[str | None] = mapped_column(ForeignKey("auth_sessions.id"), index=True,
                                                  default=None)
    expires_at: Mapped[datetime] = mapped_column()
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class LoginFailure(Base):
    __tablename__ = "login_failures"
    account: Mapped[str] = mapped_column(String(220), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    last_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class CustomerFile(Base):
    __tablename__ = "files"
    __table_args__ = (UniqueConstraint("tenant_id", "key"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    file_class: Mapped[str] = mapped_column(String(64))
    key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    cover: Mapped[dict[str, Any]] = mapped_column(default=dict)
    search_text: Mapped[str] = mapped_column(Text, default="")
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    registers: Mapped[list[Register]] = relationship(
        back_populates="file", order_by="Register.position", lazy="selectin")


class Register(Base):
    __tablename__ = "registers"
    __table_args__ = (UniqueConstraint("file_id", "name"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files.id"), index=True)
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("registers.id"))
    name: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)
    file: Mapped[CustomerFile] = relationship(back_populates="registers")


class Document(Base):
    """A filed document. Its id is unique within its tenant only: the key is (id, tenant).

    Clients choose ids (offline filing, check-in ``create_document``, batch import), and a
    client id sent again by the same tenant finds the same document (idempotent). Were ids
    unique across tenants, an id another tenant had taken would be refused, which tells the
    caller that the other tenant holds a document with that id, and the deterministic demo
    generator could seed only one tenant. Scoped per tenant, any id a tenant has not used is
    fresh for it, whoever else uses it. Rows that refer to a document (versions, register
    places) carry the tenant too, and every query joins on both.
    """

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_file_created", "file_id", "created_at"),)
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True,
                                           index=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files.id"))
    type: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    index: Mapped[dict[str, Any]] = mapped_column(default=dict)
    search_text: Mapped[str] = mapped_column(Text, default="")
    current_version: Mapped[int] = mapped_column(Integer, default=1)
    row_version: Mapped[int] = mapped_column(Integer, default=1)
    retention_until: Mapped[date | None] = mapped_column(Date)
    legal_hold: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column()
    deleted_by: Mapped[str | None] = mapped_column(String(100))


class DocumentRegister(Base):
    """A document's place in a register; one document may sit in several (one stored copy)."""

    __tablename__ = "document_registers"
    __table_args__ = (ForeignKeyConstraint(["document_id", "tenant_id"],
                                           ["documents.id", "documents.tenant_id"]),)
    document_id: Mapped[str] = mapped_column(Id, primary_key=True)
    register_id: Mapped[str] = mapped_column(
        ForeignKey("registers.id"), primary_key=True, index=True)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)


class Version(Base):
    __tablename__ = "versions"
    __table_args__ = (UniqueConstraint("tenant_id", "document_id", "number"),
                      ForeignKeyConstraint(["document_id", "tenant_id"],
                                           ["documents.id", "documents.tenant_id"]))
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    document_id: Mapped[str] = mapped_column(Id, index=True)
    number: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"))
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(200))
    filename: Mapped[str] = mapped_column(String(255))
    comment: Mapped[str] = mapped_column(String(1000), default="")
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Blob(Base):
    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class TenantBlob(Base):
    """That a tenant uploaded some content itself: HEAD answers 200 only then."""

    __tablename__ = "tenant_blobs"
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("blobs.sha256"), primary_key=True)


class Upload(Base):
    __tablename__ = "uploads"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    offset: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Change(Base):
    """One entry of a tenant's change feed; ``seq`` is dense and commit-ordered."""

    __tablename__ = "changes"
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    object: Mapped[str] = mapped_column(String(16))
    object_id: Mapped[str] = mapped_column(Id)
    file_id: Mapped[str | None] = mapped_column(Id, index=True)
    document_id: Mapped[str | None] = mapped_column(Id)
    op: Mapped[str] = mapped_column(String(10))
    etag: Mapped[str | None] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class AuditEvent(Base):
    """One link of a tenant's audit hash chain."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_object", "tenant_id", "object"),)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    at: Mapped[datetime] = mapped_column()
    actor: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(32))
    object: Mapped[str | None] = mapped_column(String(100))
    details: Mapped[dict[str, Any]] = mapped_column(default=dict)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class Checkout(Base):
    """A user's check-out of a file (or some of its registers) onto a device.

    ``registers`` is the list of register ids in scope (sub-registers included), ``None`` for
    the whole file. An exclusive check-out locks its scope against others' writes while it is
    open (not released), not broken and its lease has not run out.
    """

    __tablename__ = "checkouts"
    __table_args__ = (Index("ix_checkouts_file_open", "file_id", "released_at"),
                      Index("ix_checkouts_user_open", "user_id", "released_at"))
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    file_id: Mapped[str] = mapped_column(ForeignKey("files.id"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id"))
    username: Mapped[str] = mapped_column(String(100))
    device_id: Mapped[str] = mapped_column(String(200))
    mode: Mapped[str] = mapped_column(String(10))  # shared | exclusive
    registers: Mapped[list[str] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    lease_expires_at: Mapped[datetime | None] = mapped_column()
    expired_at: Mapped[datetime | None] = mapped_column()
    released_at: Mapped[datetime | None] = mapped_column()
    broken_by: Mapped[str | None] = mapped_column(String(100))
    broken_at: Mapped[datetime | None] = mapped_column()


class CheckinOp(Base):
    """The first result of a check-in operation: the same ``op_id`` again gets it back."""

    __tablename__ = "checkin_ops"
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), primary_key=True)
    op_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    checkout_id: Mapped[str] = mapped_column(ForeignKey("checkouts.id"), index=True)
    result: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class SavedView(Base):
    """A named search query of a user, optionally shared with one of the tenant's units."""

    __tablename__ = "views"
    id: Mapped[str] = mapped_column(Id, primary_key=True, default=new_id)
    tenant_id: Mapped[str] = mapped_column(ForeignKey("tenants.id"), index=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    query: Mapped[str] = mapped_column(Text)
    shared_unit: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
