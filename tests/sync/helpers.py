"""Small helpers of the reliability tests: fresh customer files and the server's view of them."""

from __future__ import annotations

import hashlib
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from .conftest import LiveServer

_numbers = itertools.count(1)
_local = threading.local()


def client(live: LiveServer, user: str = "admin") -> httpx.Client:
    """A logged-in client of ``user``, kept per thread and server (logins cost a hash each);
    renewed well before its token runs out."""
    cache: dict[tuple[str, str], tuple[httpx.Client, float]] = _local.__dict__.setdefault(
        "clients", {})
    found = cache.get((live.url, user))
    if found is None or time.monotonic() - found[1] > 300:
        if found is not None:
            found[0].close()
        found = (live.client(user), time.monotonic())
        cache[(live.url, user)] = found
    return found[0]


@dataclass
class SeededFile:
    key: str
    id: str
    invoice: dict[str, Any]
    note: dict[str, Any]
    contract: dict[str, Any]


INVOICE_CONTENT = b"%PDF-1.4 Factura 1"
NOTE_CONTENT = b"call back on Monday"
CONTRACT_CONTENT = b"%PDF-1.4 framework contract, untouched by anyone"


def upload(client: httpx.Client, data: bytes) -> str:
    sha = hashlib.sha256(data).hexdigest()
    response = client.put(f"/blobs/{sha}", content=data)
    assert response.status_code in (200, 201), response.text
    return sha


def new_file(live: LiveServer, prefix: str = "K-T") -> tuple[str, str]:
    """A fresh customer file (key, id), so that tests sharing one server never meet."""
    key = f"{prefix}-{next(_numbers)}"
    response = client(live).post("/files", json={
        "file_class": "customer", "key": key, "title": f"Cliente {key}",
        "cover": {"name": f"Cliente {key}", "city": "Sevilla", "country": "ES"}})
    assert response.status_code == 201, response.text
    return key, str(response.json()["id"])


def add_document(live: LiveServer, file_id: str, *, doc_type: str, title: str,
                 data: bytes, filename: str, index: dict[str, Any],
                 registers: list[str] | None = None) -> dict[str, Any]:
    admin = client(live)
    sha = upload(admin, data)
    body: dict[str, Any] = {"type": doc_type, "title": title, "index": index,
                            "content": {"sha256": sha, "filename": filename}}
    if registers:
        body["registers"] = registers
    response = admin.post(f"/files/{file_id}/documents", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


_granted: set[tuple[str, int]] = set()
_grant_lock = threading.Lock()


def _let_alice_delete(live: LiveServer) -> None:
    """Clerks may not delete; alice may (granted once per server, before her first request:
    the server's actor cache is cleared before the grant commits, so a request of hers
    racing the grant could keep her old rights cached for a while)."""
    with _grant_lock:
        if (live.url, id(live.context)) in _granted:
            return
        response = client(live).post("/grants", json={
            "principal": "user:alice", "permissions": ["delete"], "scope_kind": "tenant"})
        assert response.status_code == 201, response.text
        _granted.add((live.url, id(live.context)))


def seeded_file(live: LiveServer, prefix: str = "K-T") -> SeededFile:
    """A customer file as the clerk finds it: an invoice, an internal note (alice may delete
    it) and a contract nobody touches during the tests."""
    key, file_id = new_file(live, prefix)
    invoice = add_document(live, file_id, doc_type="invoice", title="Factura 1",
                           data=INVOICE_CONTENT, filename="f1.pdf", registers=["invoices"],
                           index={"number": "F-1", "date": "2026-05-01", "amount": "100.00",
                                  "currency": "EUR", "paid": False})
    note = add_document(live, file_id, doc_type="note", title="Llamar",
                        data=NOTE_CONTENT, filename="note.txt",
                        index={"date": "2026-05-02"})
    contract = add_document(live, file_id, doc_type="contract", title="Contrato marco",
                            data=CONTRACT_CONTENT, filename="contrato.pdf",
                            index={"number": "C-7", "start_date": "2026-01-01"})
    _let_alice_delete(live)
    return SeededFile(key=key, id=file_id, invoice=invoice, note=note, contract=contract)


@dataclass
class ServerView:
    """What the server holds of one file, read over HTTP by an administrator."""

    file: dict[str, Any]
    documents: list[dict[str, Any]]
    versions: dict[str, list[dict[str, Any]]]
    open_checkouts: list[dict[str, Any]]

    def by_title(self, title: str) -> list[dict[str, Any]]:
        return [d for d in self.documents if d["title"] == title]

    def shas(self, doc_id: str) -> list[str]:
        return [v["sha256"] for v in self.versions[doc_id]]


def server_view(live: LiveServer, file_id: str, user: str = "alice") -> ServerView:
    admin = client(live)
    file = admin.get(f"/files/{file_id}").json()
    docs = admin.get(f"/files/{file_id}/documents", params={"limit": 1000}).json()["items"]
    versions = {d["id"]: admin.get(f"/documents/{d['id']}/versions").json()["items"]
                for d in docs}
    checkouts = [c for c in client(live, user).get("/checkouts").json()["items"]
                 if c["file_id"] == file_id]
    return ServerView(file=file, documents=docs, versions=versions, open_checkouts=checkouts)


def document_status(live: LiveServer, doc_id: str) -> int:
    return client(live).get(f"/documents/{doc_id}").status_code


def wait_until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    """Poll ``condition`` until it holds; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.02)


@dataclass
class Recorder:
    """A thread-safe callback ``(name, data)`` that keeps what it was told, in order."""

    events: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, name: str, data: dict[str, Any]) -> None:
        with self.lock:
            self.events.append((name, data))

    def names(self) -> list[str]:
        with self.lock:
            return [name for name, _ in self.events]

    def of(self, name: str) -> list[dict[str, Any]]:
        with self.lock:
            return [data for n, data in self.events if n == name]

    def count(self, name: str) -> int:
        return len(self.of(name))
