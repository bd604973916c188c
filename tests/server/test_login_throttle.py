"""The login throttle: answered at once (429 + Retry-After), never holding a database lock.

Time passing is simulated by moving the recorded failures into the past, never by sleeping.
"""

from __future__ import annotations

import hashlib
import threading
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from server_stub.models import LoginFailure

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
