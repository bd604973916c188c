"""Seeding a tenant with the deterministic demo customers and documents.

The one module of :mod:`server_stub.demo` that writes to a database, and the one the server
reaches demo data through: only the ``dossier-server demo`` command imports it.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from sqlalchemy import func, select

from ..blobstore import BlobStore
from ..db import Database
from ..domain.documents import add_version, create_document
from ..domain.files import create_file
from ..domain.identity import ensure_principal, ensure_tenant, ensure_user
from ..fileclasses import FileClassRegistry, load_file_classes
from ..orm import Blob, CustomerFile, SavedView, TenantBlob
from ..rights import load_actor
from .customers import demo_customers
from .documents import demo_documents

__all__ = ["DEMO_USERS", "DEMO_VIEWS", "seed_demo"]

log = logging.getLogger(__name__)

#: Users of the demo tenant besides its admin: (username, role, display name, units).
DEMO_USERS = (("maria", "clerk", "María Fernández", ("sales",)),
              ("jonas", "clerk", "Jonas Becker", ("sales", "customer-service")),
              ("audit", "auditor", "Internal Audit", ("sales", "finance")))

#: The departments' views, owned by the demo admin: (unit, name, query). ``created`` is when
#: a document was archived, which for the demo is the day of the business event it records.
DEMO_VIEWS = (
    ("sales", "Offers and orders, last 3 months",
     '(type:offer OR type:order) created:"last 3 months"'),
    ("customer-service", "Complaints, last 14 days", 'type:complaint created:"last 14 days"'),
    ("finance", "Unpaid invoices", "type:invoice paid:false"),
)


def _store(session: Any, blobs: BlobStore, tenant_id: str, data: bytes) -> str:
    sha = blobs.put_bytes(data, durable=False)  # one os.sync() per customer instead
    if session.get(Blob, sha) is None:
        session.add(Blob(sha256=sha, size=len(data)))
    if session.get(TenantBlob, (tenant_id, sha)) is None:
        session.add(TenantBlob(tenant_id=tenant_id, sha256=sha))
    session.flush()
    return sha


def _ensure_views(session: Any, tenant_id: str, owner_id: str) -> None:
    """The department views (and their units), each once per tenant."""
    for unit, name, query in DEMO_VIEWS:
        ensure_principal(session, tenant_id, "unit", unit)
        exists = session.scalar(select(SavedView.id).where(
            SavedView.tenant_id == tenant_id, SavedView.owner_id == owner_id,
            SavedView.name == name))
        if exists is None:
            session.add(SavedView(tenant_id=tenant_id, owner_id=owner_id, name=name,
                                  query=query, shared_unit=unit))
    session.flush()


def seed_demo(database: Database, blobs: BlobStore, *, tenant_name: str = "demo",
              customers: int = 60, per_customer: int = 20, admin_user: str = "demo",
              admin_password: str = "demo",
              file_classes: FileClassRegistry | None = None) -> dict[str, Any]:
    """Create the demo tenant, its users and data; does nothing to files that exist already."""
    registry = file_classes or load_file_classes()
    customer_class = registry.get("customer")
    assert customer_class is not None, "the customer file class is missing"
    with database.writing() as session:
        tenant = ensure_tenant(session, tenant_name)
        admin, _ = ensure_user(session, tenant, admin_user, admin_password, roles=["admin"],
                               display_name="Demo Admin")
        for username, role, display, units in DEMO_USERS:
            ensure_user(session, tenant, username, admin_password, roles=[role],
                        units=units, display_name=display)
        _ensure_views(session, tenant.id, admin.id)
        tenant_id, admin_id = tenant.id, admin.id
    made_files = made_docs = 0
    for customer in demo_customers(customers):
        with database.writing() as session:
            exists = session.scalar(select(func.count()).select_from(CustomerFile).where(
                CustomerFile.tenant_id == tenant_id, CustomerFile.key == customer.key))
            if exists:
                continue
            actor = load_actor(session, session.get_one(type(admin), admin_id))
            file = create_file(session, actor, customer_class, key=customer.key,
                               title=customer.title, cover=dict(customer.cover))
            made_files += 1
            for doc in demo_documents(customer, per_customer=per_customer):
                first, *later = doc.versions
                content = {"sha256": _store(session, blobs, tenant_id, first.content),
                           "filename": first.filename, "media_type": first.media_type}
                document, _ = create_document(
                    session, actor, file, customer_class, doc_id=doc.id, type=doc.type,
                    title=doc.title, registers=list(doc.registers), index=dict(doc.index),
                    content=content, created_at=first.created_at)
                for version in later:
                    content = {"sha256": _store(session, blobs, tenant_id, version.content),
                               "filename": version.filename, "media_type": version.media_type}
                    add_version(session, actor, document, content, version.comment,
                                created_at=version.created_at)
                made_docs += 1
            os.sync()  # the blobs before the rows that point at them
    log.info("demo data: %d files, %d documents", made_files, made_docs)
    return {"tenant": tenant_name, "files": made_files, "documents": made_docs}
