"""The login throttle: answered at once (429 + Retry-After), never holding a database lock.

Time passing is simulated by moving the recorded failures into the past, never by sleeping.
"""

from __future__ import annotations

import hashlib
import threading
import uuid
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from server_stub.app import create_app
from server_stub.orm import LoginFailure

from .conftest import PASSWORD, Api, Server


def _login(server: Server, username: str, password: str, tenant: str | None = None) -> Any:
    data = {"username": username, "password": password}
    if tenant is not None:
        data["tenant"] = tenant
    return server.client.post("/api/v1/auth/token", data=data)


def _slow_throttle(server: Server, seconds: float) -> None:
    server.context.settings.__dict__["login_delay_seconds"] = seconds
    server.context.settings.__dict__["login_delay_max_seconds"] = seconds


def _let_time_pass(server: Server, seconds: float) -> None:
    with server.context.database.writing() as session:
        for failure in session.scalars(select(LoginFailure)):
            failure.last_at -= timedelta(seconds=seconds)


def test_failed_logins_do_not_stall_writes(server: Server, admin: Api) -> None:
    """Two clients keep failing logins; an admin's uploads go through meanwhile.

    Before the fix every throttled login slept (here 30 s) holding SQLite's write lock, so the
    uploads waited for it; the bound below is far above what an upload normally takes.
    """
    _slow_throttle(server, 30.0)
    for _ in range(3):
        assert _login(server, "nobody", "wrong", server.tenant).status_code == 401
    stop, throttled = threading.Event(), threading.Event()
    answers: list[int] = []

    def keep_failing() -> None:
        while not stop.is_set():
            status = _login(server, "nobody", "wrong", server.tenant).status_code
            answers.append(status)
            if status == 429:
                throttled.set()

    uploads: list[int] = []
    uploaded = threading.Event()

    def upload_three() -> None:
        for n in range(3):
            data = f"sixteen bytes {n:02d}".encode()[:16]
            sha = hashlib.sha256(data).hexdigest()
            uploads.append(admin.put(f"/blobs/{sha}", content=data).status_code)
        uploaded.set()

    attackers = [threading.Thread(target=keep_failing) for _ in range(2)]
    for thread in attackers:
        thread.start()
    try:
        throttled.wait(timeout=15)
        writer = threading.Thread(target=upload_three, daemon=True)
        writer.start()
        completed = uploaded.wait(timeout=15)
    finally:
        stop.set()
        for thread in attackers:
            thread.join()
    assert completed, "the uploads waited for throttled logins"
    assert uploads == [201, 201, 201]
    assert throttled.is_set() and set(answers) <= {401, 429}


def test_throttled_attempt_is_429_with_retry_after_even_with_the_right_password(
        server: Server, admin: Api) -> None:
    _slow_throttle(server, 20.0)
    for _ in range(3):
        assert _login(server, "admin", "wrong", server.tenant).status_code == 401
    refused = _login(server, "admin", PASSWORD, server.tenant)
    assert refused.status_code == 429
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert 1 <= int(refused.headers["Retry-After"]) <= 20
    assert refused.json()["status"] == 429

    _let_time_pass(server, 21)
    assert _login(server, "admin", PASSWORD, server.tenant).status_code == 200
    # the success reset the account's counter: three more failures are free again
    for _ in range(3):
        assert _login(server, "admin", "wrong", server.tenant).status_code == 401


def test_unknown_user_and_known_user_are_throttled_alike(server: Server, admin: Api) -> None:
    _slow_throttle(server, 20.0)
    answers: dict[str, list[tuple[int, str]]] = {}
    for name in ("admin", "nobody"):
        answers[name] = []
        for _ in range(5):
            response = _login(server, name, "wrong", server.tenant)
            answers[name].append((response.status_code, response.json()["detail"]))
    assert answers["admin"] == answers["nobody"]
    assert [status for status, _ in answers["admin"]] == [401, 401, 401, 429, 429]


def test_the_account_is_throttled_whatever_the_spelling_of_tenant_and_name(
        server: Server) -> None:
    name = f"clerk-{uuid.uuid4().hex[:8]}"  # unique in every tenant: logs in without one
    server.add_user(name)
    _slow_throttle(server, 20.0)
    spellings = [server.tenant, "", f" {server.tenant} ", None]
    for tenant in spellings[:3]:
        assert _login(server, name, "wrong", tenant).status_code == 401
    for tenant in spellings:
        assert _login(server, name, PASSWORD, tenant).status_code == 429, tenant
    assert _login(server, f" {name} ", PASSWORD, server.tenant).status_code == 429


def _client_at(server: Server, address: str) -> TestClient:
    app = create_app(server.context.settings, context=server.context)
    return TestClient(app, client=(address, 40000))


def test_one_address_inventing_names_is_throttled_and_adds_few_rows(
        server: Server, admin: Api) -> None:
    _slow_throttle(server, 20.0)
    server.context.settings.__dict__["login_address_free_failures"] = 5
    before = _failure_rows(server)
    with _client_at(server, "203.0.113.7") as guesser, \
            _client_at(server, "198.51.100.1") as colleague:
        statuses = [guesser.post("/api/v1/auth/token", data={
            "username": f"invented-{n}", "password": "x", "tenant": server.tenant}).status_code
            for n in range(30)]
        assert statuses == [401] * 5 + [429] * 25
        assert guesser.post("/api/v1/auth/token", data={
            "username": "admin", "password": PASSWORD, "tenant": server.tenant},
        ).status_code == 429
        assert colleague.post("/api/v1/auth/token", data={
            "username": "admin", "password": PASSWORD, "tenant": server.tenant},
        ).status_code == 200
    added = _failure_rows(server) - before
    # five names (stored hashed) and the address; the throttled attempts added nothing
    assert len(added) == 6 and "addr:203.0.113.7" in added
    assert not [row for row in added if "invented" in row]


def _failure_rows(server: Server) -> set[str]:
    with server.context.database.reader() as session:
        return set(session.scalars(select(LoginFailure.account)))


def test_old_failures_expire_and_are_pruned(server: Server, admin: Api) -> None:
    _slow_throttle(server, 20.0)
    for n in range(3):
        _login(server, f"ghost-{n}", "wrong", server.tenant)
    with server.context.database.reader() as session:
        before = len(session.scalars(select(LoginFailure)).all())
    window = server.context.settings.login_failure_window_seconds
    _let_time_pass(server, window + 1)
    assert _login(server, "someone-else", "wrong", server.tenant).status_code == 401
    with server.context.database.reader() as session:
        rows = session.scalars(select(LoginFailure)).all()
    assert before >= 4 and len(rows) == 2  # the new name and the address: the rest pruned
