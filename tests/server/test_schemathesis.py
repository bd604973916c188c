"""Schemathesis against a real server: every operation of the published contract, fuzzed from
the OpenAPI document with all checks (no 5xx, declared status codes and content types,
schema-conformant answers, schema-valid requests accepted). Bounded and seeded: a few examples
per operation."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import schemathesis
import uvicorn
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from server_stub.app import build_context, create_app
from server_stub.cli import listening_socket
from server_stub.demo.seed import seed_demo
from server_stub.settings import Settings

pytestmark = pytest.mark.slow

PASSWORD = "fuzz-password"

#: Schema-valid requests the server may still refuse, because only its state decides: which
#: names exist, which cursors it issued, what a body hashes to. The shapes are all declared;
#: these answers are (status, problem code, problem field) per operation, and nothing else
#: relaxes the "schema-valid request accepted" check.
_CURSOR = (422, "validation", "cursor")  # well-formed, but not a cursor this list issued
DECIDED_BY_STATE: dict[str, set[tuple[int, str, str | None]]] = {
    "GET /api/v1/files": {_CURSOR},
    "GET /api/v1/files/{file_id}/documents": {_CURSOR},
    "GET /api/v1/audit": {_CURSOR},
    "GET /api/v1/checkouts": {_CURSOR},
    # a cursor ahead of this tenant's feed (API.md: 410, the client re-reads the file)
    "GET /api/v1/changes": {(410, "cursor-gone", None)},
    # the body does not hash to the name (API.md: 422, nothing kept)
    "PUT /api/v1/blobs/{sha256}": {(422, "hash-mismatch", "sha256")},
    # no such principal or scope object in the tenant; valid_until not after valid_from
    "POST /api/v1/grants": {(422, "validation", "principal"), (422, "validation", "scope_ref"),
                            (422, "validation", "valid_until")},
    # the query language is a grammar a JSON schema cannot state (API.md: 422 with position);
    # a sort field must be one the file classes configure
    "GET /api/v1/search": {(422, "bad-query", "q"), (422, "validation", "sort"),
                           (422, "validation", "cursor")},
    # a view's query is the same grammar; it shares with a unit only if the tenant has it
    "POST /api/v1/views": {(422, "bad-query", "query"), (422, "validation", "shared_with")},
    "PATCH /api/v1/views/{view_id}": {(422, "bad-query", "query"),
                                      (422, "validation", "shared_with")},
}


def _decided_by_state(case: Any, response: Any) -> bool:
    allowed = DECIDED_BY_STATE.get(case.operation.label, set())
    if not allowed or response.status_code not in {status for status, _, _ in allowed}:
        return False
    try:
        problem = response.json()
    except ValueError:
        return False
    return (response.status_code, problem.get("code"), problem.get("field")) in allowed


def accepted_unless_state_decides(ctx: Any, response: Any, case: Any) -> bool | None:
    """Schemathesis' positive-data-acceptance check, minus the answers of DECIDED_BY_STATE."""
    if _decided_by_state(case, response):
        return None
    return positive_data_acceptance(ctx, response, case)


@pytest.fixture(scope="module")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir: Path = tmp_path_factory.mktemp("schemathesis")
    context = build_context(Settings(data_dir=data_dir, login_delay_seconds=0.0,
                                     login_delay_max_seconds=0.0,
                                     audit_checkpoint_seconds=0))
    seed_demo(context.database, context.blobs, tenant_name="fuzz", customers=2,
              per_customer=3, admin_password=PASSWORD, file_classes=context.file_classes)
    sock = listening_socket("127.0.0.1", 0)
    server = uvicorn.Server(uvicorn.Config(create_app(context.settings, context=context),
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}"
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield url
    server.should_exit = True
    thread.join(timeout=10)
    context.database.dispose()


@pytest.fixture(scope="module")
def token(live_url: str) -> str:
    answer = httpx.post(f"{live_url}/api/v1/auth/token", data={
        "username": "demo", "password": PASSWORD, "tenant": "fuzz"})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["access_token"])


@pytest.fixture(scope="module")
def api_schema(live_url: str) -> Any:
    return schemathesis.openapi.from_url(f"{live_url}/openapi.json")


def _fuzz(operation: Any, token: str, failures: list[str]) -> None:
    """Run the operation's seeded examples; every failure is noted, the run goes on."""

    @given(case=operation.as_strategy())
    @settings(max_examples=10, derandomize=True, deadline=None, database=None,
              suppress_health_check=list(HealthCheck), phases=[Phase.explicit, Phase.generate])
    def run(case: Any) -> None:
        try:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"},
                                   excluded_checks=[positive_data_acceptance],
                                   additional_checks=[accepted_unless_state_decides])
        except (AssertionError, BaseExceptionGroup) as exc:  # a check failed
            failures.append(f"{operation.label}: {str(exc).strip()[:600]}")
            raise

    try:
        run()
    except (Exception, BaseExceptionGroup) as exc:
        if not failures or not failures[-1].startswith(operation.label):
            failures.append(f"{operation.label}: {type(exc).__name__}: {str(exc)[:600]}")


def test_contract_holds(api_schema: Any, token: str) -> None:
    failures: list[str] = []
    for result in api_schema.get_all_operations():
        operation = result.ok()
        if operation.path.endswith("/auth/logout"):
            continue  # would end the token the other operations use
        _fuzz(operation, token, failures)
    assert not failures, "\n\n".join(failures)
