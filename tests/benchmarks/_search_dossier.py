"""Dossier's side of ``bench_search.py``: the corpus into a real server's database and blob
store, the index build, and searching in-process through the endpoint's own function.

The documents go in by bulk ``INSERT`` through the server's models and session (creating
100,000 documents through HTTP would take half an hour): the customer files through the
domain function (``create_file``, so registers, feed and audit are as the server makes them),
then per batch the blobs (``BlobStore.put_bytes``, one ``os.sync()`` at the end), the blob
rows, documents, register places and versions. Index values are cleaned by the server's own
``validate_values``. Nothing goes into the change feed for the documents: the index is built
from the database (``TantivyBackend.rebuild``), which reads documents, not the feed.

Not a test module (pytest collects only ``test_*.py``).
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as day_time
from pathlib import Path
from typing import Any

from _search_corpus import Corpus, CorpusDoc, Query
from sqlalchemy import insert, select

from server_stub.blobstore import BlobStore
from server_stub.db import Database, open_database
from server_stub.domain.files import create_file, search_text_of
from server_stub.fields import validate_values
from server_stub.fileclasses import FileClass, load_file_classes
from server_stub.orm import (
    Blob,
    Document,
    DocumentRegister,
    Register,
    Tenant,
    TenantBlob,
    User,
    Version,
)
from server_stub.rights import Actor, load_actor

__all__ = ["DossierData", "InProcess", "build_index", "load_corpus"]

DOCS_PER_FILE = 100
BATCH = 5_000
_NUMBER_PREFIX = {"invoice": "RE", "order": "AU", "offer": "AN", "delivery_note": "LS",
                  "complaint": "RK"}


@dataclass
class DossierData:
    data_dir: Path
    database: Database
    blobs: BlobStore
    tenant_id: str
    admin_id: str
    load_seconds: float = 0.0


def open_data(data_dir: Path, *, tenant: str, admin: str) -> DossierData:
    database = open_database(f"sqlite:///{data_dir / 'dossier.sqlite3'}")
    with database.reader() as session:
        tenant_row = session.scalar(select(Tenant).where(Tenant.name == tenant))
        assert tenant_row is not None, f"no tenant {tenant}"
        admin_id = session.scalar(select(User.id).where(User.tenant_id == tenant_row.id,
                                                        User.username == admin))
        assert admin_id is not None
        return DossierData(data_dir, database, BlobStore(data_dir / "blobs"), tenant_row.id,
                           admin_id)


def admin_actor(data: DossierData) -> Actor:
    with data.database.reader() as session:
        return load_actor(session, session.get_one(User, data.admin_id))


def _index_values(file_class: FileClass, doc: CorpusDoc) -> dict[str, Any]:
    values: dict[str, Any] = {"date": doc.day.isoformat()}
    if doc.type in _NUMBER_PREFIX:
        values["number"] = f"{_NUMBER_PREFIX[doc.type]}-{doc.n:06d}"
    if doc.type == "invoice":
        values.update(amount=str(100 + doc.n % 9_000), currency="EUR")
    return validate_values(file_class.document_types[doc.type].index_fields, values)


def load_corpus(data: DossierData, corpus: Corpus) -> None:
    """Files of :data:`DOCS_PER_FILE` documents each, then the documents in batches."""
    started = time.perf_counter()
    customer = load_file_classes().get("customer")
    assert customer is not None
    actor = admin_actor(data)
    files: list[tuple[str, dict[str, str]]] = []  # file id, register name → id
    with data.database.writing() as session:
        for k in range(-(-len(corpus.docs) // DOCS_PER_FILE)):
            file = create_file(session, actor, customer, key=f"K-{10_000 + k}",
                               title=f"Customer {k}",
                               cover={"customer_number": f"K-{10_000 + k}",
                                      "name": f"Customer {k}", "country": "DE"})
            files.append((file.id, {}))
        session.flush()
        ids = {file_id: registers for file_id, registers in files}
        for register in session.scalars(select(Register).where(
                Register.tenant_id == data.tenant_id)):
            ids[register.file_id][register.name] = register.id
    for start in range(0, len(corpus.docs), BATCH):
        _load_batch(data, customer, corpus.docs[start:start + BATCH], files)
    os.sync()  # the blobs were written without fsync, one by one
    data.load_seconds = time.perf_counter() - started


def _load_batch(data: DossierData, customer: FileClass, docs: list[CorpusDoc],
                files: list[tuple[str, dict[str, str]]]) -> None:
    blobs, documents, places, versions = [], [], [], []
    for doc in docs:
        content = doc.text.encode()
        sha = data.blobs.put_bytes(content, durable=False)
        blobs.append({"sha256": sha, "size": len(content)})
        file_id, registers = files[doc.n // DOCS_PER_FILE]
        doc_type = customer.document_types[doc.type]
        created = datetime.combine(doc.day, day_time(9), tzinfo=UTC) + timedelta(
            seconds=doc.n % 28_800)
        index = _index_values(customer, doc)
        doc_id = f"00000000-0000-4000-8000-{doc.n:012d}"
        filename = f"{doc.type}-{doc.n:06d}.txt"
        documents.append({
            "id": doc_id, "tenant_id": data.tenant_id, "file_id": file_id, "type": doc.type,
            "title": doc.title, "index": index,
            "search_text": search_text_of(doc.title, index, filename),
            "current_version": 1, "row_version": 1, "created_by": "bench",
            "created_at": created, "updated_at": created, "legal_hold": False,
            "retention_until": doc.day + timedelta(days=doc_type.retention_days)})
        places.append({"document_id": doc_id, "tenant_id": data.tenant_id,
                       "register_id": registers[doc_type.default_register or "correspondence"]})
        versions.append({"id": f"00000000-0000-4000-9000-{doc.n:012d}",
                         "tenant_id": data.tenant_id, "document_id": doc_id, "number": 1,
                         "sha256": sha, "size": len(content), "media_type": "text/plain",
                         "filename": filename, "comment": "", "created_by": "bench",
                         "created_at": created})
    with data.database.writing() as session:
        session.execute(insert(Blob), blobs)
        session.execute(insert(TenantBlob), [{"tenant_id": data.tenant_id, "sha256": b["sha256"]}
                                             for b in blobs])
        session.execute(insert(Document), documents)
        session.execute(insert(DocumentRegister), places)
        session.execute(insert(Version), versions)


def build_index(data: DossierData) -> float:
    """Seconds ``TantivyBackend.rebuild`` takes for the tenant (the ``reindex`` path)."""
    from server_stub.search import TantivyBackend

    search_dir = data.data_dir / "search"
    backend = TantivyBackend(search_dir, data.database, load_file_classes(), data.blobs)
    assert backend.acquire_writer(), "a server holds the index's writer lock"
    try:
        started = time.perf_counter()
        backend.rebuild(data.tenant_id)
        return time.perf_counter() - started
    finally:
        backend.stop()


class InProcess:
    """Dossier's search through ``run_search``, the function ``GET /search`` calls, with the
    admin's actor; and the backend's ``search`` alone (index, rights, snippets)."""

    def __init__(self, data: DossierData) -> None:
        from server_stub.app import build_context
        from server_stub.settings import load_settings

        settings = load_settings({"data_dir": data.data_dir}, environ={})
        self.context = build_context(settings, data.database)
        self.actor = admin_actor(data)
        self.data = data

    def run_search(self, query: Query) -> int:
        from server_stub.api.search import run_search

        with self.data.database.reader() as session:
            answer = run_search(self.context, self.actor, session, query.dossier, field="q",
                                sort="relevance", group_by=None, limit=50, cursor=None)
        return int(answer["total"])

    def backend_search(self, query: Query) -> int:
        from server_stub.api.search import checked_query

        backend = self.context.search
        assert backend is not None
        node = checked_query(self.context, query.dossier, field="q")
        with self.data.database.reader() as session:
            page = backend.search(session, self.actor, node, sort="relevance", limit=50,
                                  offset=0, group_by=None)
        return page.total
