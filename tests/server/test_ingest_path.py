"""The per-document ingest path (blob ``PUT`` + document ``POST``): what it costs in SQL,
that its answer is what a later read says, and that an acknowledged blob survives a kill -9."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import event

from server_stub import blobstore
from server_stub.blobstore import BlobStore

from ..conftest import ROOT
from .conftest import Api, Server

# SQL per request ---------------------------------------------------------------------------

#: Statements of a blob PUT: the token family, the blob and the tenant's claim on it
#: (``INSERT ... ON CONFLICT DO NOTHING`` each).
PUT_STATEMENTS = 3
#: Statements of a document POST: the token family; the file (row-locked) and its registers;
#: the open exclusive check-outs; the blob's size; the document, its place and version 1;
#: the tenant counter, the change, the audit event and the counter again.
POST_STATEMENTS = 12


class _Statements:
    """The SQL statements the engine runs meanwhile (SQLite's BEGINs left out)."""

    def __init__(self, server: Server) -> None:
        self.engine = server.context.database.engine
        self.seen: list[str] = []

    def _on_execute(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not statement.startswith("BEGIN"):
            self.seen.append(statement)

    def __enter__(self) -> list[str]:
        event.listen(self.engine, "before_cursor_execute", self._on_execute)
        return self.seen

    def __exit__(self, *exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._on_execute)


def _document_body(sha: str, **extra: Any) -> dict[str, Any]:
    return {"type": "letter", "title": "Cost", "index": {"date": "2026-01-15"},
            "content": {"sha256": sha, "filename": "cost.txt", "media_type": "text/plain"},
            **extra}


def test_put_and_create_cost_a_fixed_number_of_statements(server: Server, admin: Api) -> None:
    file = admin.new_file()
    admin.new_document(file["id"])  # warm: the actor is cached, the statements compiled
    for n in range(3):
        data = f"content {n} {uuid.uuid4()}".encode()
        sha = hashlib.sha256(data).hexdigest()
        with _Statements(server) as put:
            assert admin.put(f"/blobs/{sha}", content=data).status_code == 201
        with _Statements(server) as post:
            response = admin.post(f"/files/{file['id']}/documents", json=_document_body(sha))
        assert response.status_code == 201, response.text
        assert len(put) <= PUT_STATEMENTS, put
        assert len(post) <= POST_STATEMENTS, post
    with _Statements(server) as again:  # the same content again: 200, nothing new
        assert admin.put(f"/blobs/{sha}", content=data).status_code == 200
    assert len(again) <= PUT_STATEMENTS, again


def test_the_create_answer_is_what_a_read_says(server: Server, admin: Api) -> None:
    """The answer is made from what filing knew, not read back: it must agree with a read,
    also for a document in two registers under the creator's own exclusive check-out."""
    file = admin.new_file()
    checkout = admin.post(f"/files/{file['id']}/checkout", json={
        "device_id": "laptop", "mode": "exclusive", "registers": ["offers"]})
    assert checkout.status_code == 201, checkout.text
    for registers in ([], ["offers", "orders"], ["invoices"]):
        sha = admin.upload(f"answer {registers}".encode())
        response = admin.post(f"/files/{file['id']}/documents",
                              json=_document_body(sha, registers=registers))
        assert response.status_code == 201, response.text
        created = response.json()
        read = admin.get(f"/documents/{created['id']}")
        assert read.headers["ETag"] == response.headers["ETag"]
        read_body = read.json()
        assert sorted(created.pop("registers")) == sorted(read_body.pop("registers"))
        assert created == read_body
        assert (created["lock"] is not None) == ("offers" in registers)
    doc_id = str(uuid.uuid4())  # a client id sent twice: the same document, 200
    first = admin.post(f"/files/{file['id']}/documents", json=_document_body(sha, id=doc_id))
    second = admin.post(f"/files/{file['id']}/documents", json=_document_body(sha, id=doc_id))
    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json() == second.json()


# Blob folders ------------------------------------------------------------------------------

def test_a_new_blob_folder_is_made_durable_up_to_the_store(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    """The rename's folder is fsynced, and so is the folder above each folder made for it:
    otherwise a crash could keep the file and lose the folder's name."""
    synced: list[str] = []
    monkeypatch.setattr(blobstore, "_fsync_folder", synced.append)
    store = BlobStore(tmp_path / "blobs")
    seen: dict[str, bytes] = {}  # two contents whose blobs share the folder ab/cd
    for n in range(1_000_000):
        data = str(n).encode()
        prefix = hashlib.sha256(data).hexdigest()[:4]
        if prefix in seen:
            first, twin = seen[prefix], data
            break
        seen[prefix] = data
    first_sha = hashlib.sha256(first).hexdigest()
    store.store(first_sha, first)
    leaf = store.path(first_sha).parent
    assert synced == [str(leaf), str(leaf.parent), str(store.root)]
    synced.clear()
    store.store(hashlib.sha256(twin).hexdigest(), twin)
    assert synced == [str(leaf)]  # the folders were there: only the rename's own
    assert store.open(first_sha).read() == first
    with pytest.raises(blobstore.HashMismatch):
        store.store(first_sha, b"not the first")
    assert list(store.tmp_dir.iterdir()) == []


# kill -9 -----------------------------------------------------------------------------------

Served = tuple[subprocess.Popen[bytes], str]


def _serve(data_dir: Path, port_file: Path, env: dict[str, str]) -> Served:
    """The server on a free port: the process and its base URL."""
    port_file.unlink(missing_ok=True)
    process = subprocess.Popen(
        [sys.executable, "-m", "server_stub", "serve", "--data-dir", str(data_dir), "--port",
         "0", "--port-file", str(port_file)], cwd=ROOT, env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 90
    while not port_file.exists():
        assert process.poll() is None, "the server stopped"
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    return process, f"http://127.0.0.1:{port_file.read_text()}"


@pytest.fixture
def server_env(tmp_path: Path, database_url: str) -> Iterator[tuple[Path, dict[str, str]]]:
    env = {**os.environ, "DATABASE_URL": database_url, "DOSSIER_SEARCH_BACKEND": "off"}
    data_dir = tmp_path / "data"
    init = subprocess.run(
        [sys.executable, "-m", "server_stub", "init", "--data-dir", str(data_dir), "--tenant",
         "acme", "--admin", "alice", "--password-stdin"], input="s3cret pass\n", cwd=ROOT,
        env=env, capture_output=True, text=True, timeout=300)
    assert init.returncode == 0, init.stderr
    yield data_dir, env


def _login(client: httpx.Client) -> None:
    tokens = client.post("/api/v1/auth/token", data={
        "username": "alice", "password": "s3cret pass"}).json()
    client.headers["Authorization"] = f"Bearer {tokens['access_token']}"


@pytest.mark.slow
def test_acknowledged_blobs_and_documents_survive_a_kill_9(
        tmp_path: Path, server_env: tuple[Path, dict[str, str]]) -> None:
    """A blob PUT answered 201 and a document POST answered 201 are there after the server
    process is killed with SIGKILL right after the last answer (nothing is left to do in
    memory after an answer), and the blob's bytes are whole."""
    data_dir, env = server_env
    port_file = tmp_path / "port"
    process, url = _serve(data_dir, port_file, env)
    contents = [f"kill -9 {n} {uuid.uuid4()}\n".encode() * (1 + n * 200) for n in range(12)]
    contents.append(os.urandom(600 * 1024))  # one past the small-body path: streamed
    made: list[tuple[str, bytes]] = []
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            _login(client)
            file = client.post("/api/v1/files", json={
                "file_class": "customer", "key": "K-9", "title": "Killed",
                "cover": {"name": "Killed"}}).json()
            for n, data in enumerate(contents):
                sha = hashlib.sha256(data).hexdigest()
                assert client.put(f"/api/v1/blobs/{sha}", content=data).status_code == 201
                created = client.post(f"/api/v1/files/{file['id']}/documents", json={
                    "type": "letter", "title": f"Killed {n}", "index": {"date": "2026-01-15"},
                    "content": {"sha256": sha, "filename": f"k{n}.txt",
                                "media_type": "text/plain"}})
                assert created.status_code == 201, created.text
                made.append((created.json()["id"], data))
            last = hashlib.sha256(b"acknowledged, then killed").hexdigest()
            assert client.put(f"/api/v1/blobs/{last}",
                              content=b"acknowledged, then killed").status_code == 201
            os.kill(process.pid, signal.SIGKILL)  # at once after the last answer
    finally:
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    process, url = _serve(data_dir, port_file, env)
    try:
        with httpx.Client(base_url=url, timeout=60) as client:
            _login(client)
            head = client.head(f"/api/v1/blobs/{last}")
            assert head.status_code == 200
            assert head.headers["Content-Length"] == str(len(b"acknowledged, then killed"))
            for doc_id, data in made:
                document = client.get(f"/api/v1/documents/{doc_id}")
                assert document.status_code == 200, document.text
                content = client.get(f"/api/v1/documents/{doc_id}/versions/1/content")
                assert content.status_code == 200
                assert content.content == data
    finally:
        process.terminate()
        process.wait(timeout=30)
