"""A real server on a real loopback port (uvicorn in a thread) and engines against it."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest
import uvicorn

from server_stub.app import build_context, create_app
from server_stub.cli import listening_socket
from server_stub.context import ServerContext
from server_stub.domain.identity import ensure_tenant, ensure_user
from server_stub.settings import Settings
from sync.engine import Engine
from sync.remote import RemoteClient
from sync.replica import Replica

if TYPE_CHECKING:
    from .cli_driver import Cli, Tunnel

PASSWORD = "train ride 42"
TENANT = "acme"


@dataclass
class LiveServer:
    url: str
    context: ServerContext

    def client(self, username: str) -> httpx.Client:
        """A plain HTTP client logged in as ``username`` (a colleague at the office)."""
        token = httpx.post(f"{self.url}/api/v1/auth/token", timeout=30, data={
            "username": username, "password": PASSWORD, "tenant": TENANT}).json()
        return httpx.Client(base_url=f"{self.url}/api/v1", timeout=30,
                            headers={"Authorization": f"Bearer {token['access_token']}"})


@contextmanager
def serve(data_dir: Path, *, search: bool = False) -> Iterator[LiveServer]:
    """A live server with its users and the customer file K-100, for a ``with`` block;
    ``search``: with a search index."""
    # access tokens outlive the longest module (the crash test hands one colleague token to
    # every kill point); token refresh has its own tests (test_sign_in, tests/server)
    # no search index: these servers test sync, and indexing every test's documents would
    # only take the CPU from them
    settings = Settings(data_dir=data_dir, login_delay_seconds=0.01,
                        login_delay_max_seconds=0.02, access_token_seconds=3600,
                        search_backend="tantivy" if search else "off",
                        search_poll_seconds=0.5)
    context = build_context(settings)
    with context.database.writing() as session:
        tenant = ensure_tenant(session, TENANT)
        for name, role in (("admin", "admin"), ("alice", "clerk"), ("bob", "clerk"),
                           ("carol", "clerk"), ("rita", "reader")):
            ensure_user(session, tenant, name, PASSWORD, roles=[role])
    sock = listening_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(settings, context=context),
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    live = LiveServer(url=f"http://127.0.0.1:{sock.getsockname()[1]}", context=context)
    admin = live.client("admin")
    customer = admin.post("/files", json={
        "file_class": "customer", "key": "K-100", "title": "Peña Logística S.L.",
        "cover": {"name": "Peña Logística S.L.", "city": "Sevilla", "country": "ES"}})
    assert customer.status_code == 201, customer.text
    admin.close()
    try:
        yield live
    finally:
        server.should_exit = True
        thread.join(timeout=30)
        context.database.dispose()


@pytest.fixture
def live_server(tmp_path: Path) -> Iterator[LiveServer]:
    with serve(tmp_path / "server") as live:
        yield live


@pytest.fixture(scope="module")
def module_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """One live server for all tests of a module (each test then uses its own file)."""
    with serve(tmp_path_factory.mktemp("server")) as live:
        yield live


EngineFactory = Callable[[str], Engine]


@pytest.fixture
def engine_for(live_server: LiveServer, tmp_path: Path) -> Iterator[EngineFactory]:
    """``engine_for("alice")``: a logged-in engine with its own replica (its own laptop)."""
    made: list[Engine] = []

    def make(username: str, *, url: str | None = None) -> Engine:
        remote = RemoteClient(url or live_server.url, retries=1, backoff=0.01)
        remote.login(username, PASSWORD, TENANT)
        home = tmp_path / f"laptop-{username}-{uuid.uuid4().hex[:6]}"
        engine = Engine(remote, Replica(home / "replica.sqlite3"),
                        device_id=f"dev-{username}", files_dir=home / "files")
        made.append(engine)
        return engine

    yield make
    for engine in made:
        engine.remote.close()
        engine.replica.close()


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """``dossier`` of alice on her laptop (its own profile and keyring)."""
    from .cli_driver import Cli

    return Cli(tmp_path / "alice-laptop")


@pytest.fixture
def tunnel(live_server: LiveServer) -> Iterator[Tunnel]:
    """The laptop's way to the live server; ``close()`` is the train entering a tunnel."""
    from .cli_driver import Tunnel

    made = Tunnel(live_server.url)
    made.open()
    yield made
    made.close()
