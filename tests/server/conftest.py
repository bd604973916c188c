"""Server fixtures: an app on a real database with one tenant and its admin, and API clients."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from server_stub.app import build_context, create_app
from server_stub.context import ServerContext
from server_stub.domain.identity import ensure_tenant, ensure_user
from server_stub.settings import Settings

PASSWORD = "correct horse battery"


class Api:
    """A logged-in HTTP client for one user, speaking JSON."""

    def __init__(self, client: TestClient, username: str, tenant: str,
                 password: str = PASSWORD) -> None:
        self.client = client
        self.username = username
        self.tenant = tenant
        response = client.post("/api/v1/auth/token", data={
            "username": username, "password": password, "tenant": tenant})
        assert response.status_code == 200, response.text
        self.tokens = response.json()
        self.headers = {"Authorization": f"Bearer {self.tokens['access_token']}"}

    def request(self, method: str, path: str, **kwargs: Any) -> Any:
        headers = {**self.headers, **kwargs.pop("headers", {})}
        return self.client.request(method, f"/api/v1{path}", headers=headers, **kwargs)

    def get(self, path: str, **kw: Any) -> Any:
        return self.request("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> Any:
        return self.request("POST", path, **kw)

    def patch(self, path: str, **kw: Any) -> Any:
        return self.request("PATCH", path, **kw)

    def put(self, path: str, **kw: Any) -> Any:
        return self.request("PUT", path, **kw)

    def delete(self, path: str, **kw: Any) -> Any:
        return self.request("DELETE", path, **kw)

    def head(self, path: str, **kw: Any) -> Any:
        return self.request("HEAD", path, **kw)

    # conveniences --------------------------------------------------------------------

    def upload(self, data: bytes) -> str:
        sha = hashlib.sha256(data).hexdigest()
        response = self.put(f"/blobs/{sha}", content=data)
        assert response.status_code in (200, 201), response.text
        return sha

    def new_file(self, key: str | None = None, **cover: Any) -> dict[str, Any]:
        key = key or f"K-{uuid.uuid4().hex[:8]}"
        body = {"file_class": "customer", "key": key, "title": f"Customer {key}",
                "cover": {"name": f"Customer {key}", **cover}}
        response = self.post("/files", json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    def new_document(self, file_id: str, *, data: bytes = b"%PDF-1.4 test",
                     doc_type: str = "letter",
                     registers: list[str] | None = None, index: dict[str, Any] | None = None,
                     title: str = "A letter", **extra: Any) -> dict[str, Any]:
        sha = self.upload(data)
        body = {"type": doc_type, "title": title, "registers": registers or [],
                "index": index if index is not None else {"date": "2026-01-15"},
                "content": {"sha256": sha, "filename": "letter.pdf",
                            "media_type": "application/pdf"}, **extra}
        response = self.post(f"/files/{file_id}/documents", json=body)
        assert response.status_code in (200, 201), response.text
        return dict(response.json())


@dataclass
class Server:
    client: TestClient
    context: ServerContext
    tenant: str

    def add_user(self, username: str, *, tenant: str | None = None, roles: tuple[str, ...] = (),
                 groups: tuple[str, ...] = (), units: tuple[str, ...] = ()) -> Api:
        tenant_name = tenant or self.tenant
        with self.context.database.writing() as session:
            record = ensure_tenant(session, tenant_name)
            ensure_user(session, record, username, PASSWORD, roles=roles, groups=groups,
                        units=units)
        return Api(self.client, username, tenant_name)


def make_settings(tmp_path: Path, database_url: str, *, search: str = "off") -> Settings:
    """Search is off unless a test needs it: on the shared PostgreSQL database every server
    would otherwise index every earlier test's tenants on start."""
    return Settings(data_dir=tmp_path / "data", database_url=database_url,
                    login_delay_seconds=0.01, login_delay_max_seconds=0.05,
                    login_address_free_failures=100_000,
                    search_backend=search, search_poll_seconds=0.5)


@pytest.fixture
def server(tmp_path: Path, database_url: str) -> Iterator[Server]:
    context = build_context(make_settings(tmp_path, database_url))
    tenant = f"t-{uuid.uuid4().hex[:8]}"
    with TestClient(create_app(context.settings, context=context)) as client:
        yield Server(client=client, context=context, tenant=tenant)
    context.database.dispose()


@pytest.fixture
def admin(server: Server) -> Api:
    return server.add_user("admin", roles=("admin",))


@pytest.fixture
def live_url(server: Server) -> Iterator[str]:
    """The same server context under a real uvicorn on a real port (see live.py)."""
    from .live import live_server

    with live_server(create_app(server.context.settings, context=server.context)) as url:
        yield url


#: (search backend, database) pairs a search test runs on; ``indirect`` parametrize of
#: ``search_server`` with a part of them narrows a test to one backend.
TANTIVY_SEARCH = [pytest.param(("tantivy", "sqlite"), id="tantivy-sqlite"),
                  pytest.param(("tantivy", "postgres"), id="tantivy-postgres",
                               marks=pytest.mark.postgres)]
POSTGRES_SEARCH = [pytest.param(("postgres", "postgres"), id="pg-search",
                                marks=pytest.mark.postgres)]


@pytest.fixture(params=[*TANTIVY_SEARCH, *POSTGRES_SEARCH])
def search_server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    """A server that keeps a search index (the others switch it off), on each backend."""
    backend, database = request.param
    database_url = (f"sqlite:///{tmp_path / 'server.sqlite3'}" if database == "sqlite"
                    else request.getfixturevalue("postgres_url"))
    context = build_context(make_settings(tmp_path, database_url, search=backend))
    tenant = f"t-{uuid.uuid4().hex[:8]}"
    with TestClient(create_app(context.settings, context=context)) as client:
        yield Server(client=client, context=context, tenant=tenant)
    context.database.dispose()
