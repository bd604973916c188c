"""Bodies over a limit are refused with 413 while they stream in, never read whole.

A generator body (``Transfer-Encoding: chunked``, no ``Content-Length``) far over the limit
counts what it yields; the server must answer 413 having taken only a little of it. These run
against a real uvicorn: the in-process test client reads every body whole before the app sees
it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from .conftest import Api

PIECE = 64 * 1024
OFFERED = 128 * 1024 * 1024  # what the client would send
READ_AT_MOST = 32 * 1024 * 1024  # what the server may have taken (limit + socket buffers)


class Flood:
    """A chunked body of ``OFFERED`` bytes that counts how much of it was taken."""

    def __init__(self, byte: bytes = b"x") -> None:
        self.yielded = 0
        self._piece = byte * PIECE

    def __iter__(self) -> Iterator[bytes]:
        while self.yielded < OFFERED:
            self.yielded += len(self._piece)
            yield self._piece


def _send(url: str, method: str, path: str, body: Flood, headers: dict[str, str]) -> Any:
    """The answer, or None when the server closed the connection before the client had
    finished sending (it still answered first; httpx gives up on the broken write)."""
    with httpx.Client(base_url=url, timeout=60) as client:
        try:
            return client.request(method, f"/api/v1{path}", content=body, headers=headers)
        except (httpx.WriteError, httpx.RemoteProtocolError, httpx.ReadError):
            return None


def _assert_refused_early(response: Any, body: Flood) -> None:
    assert body.yielded < READ_AT_MOST, f"the server read {body.yielded} bytes"
    if response is not None:
        assert response.status_code == 413, response.text
        assert response.headers["content-type"].startswith("application/problem+json")


def test_upload_chunk_past_declared_size_is_413_without_reading_it(
        admin: Api, live_url: str) -> None:
    data = b"0123456789"
    sha = hashlib.sha256(data).hexdigest()
    upload = admin.post("/uploads", json={"size": len(data), "sha256": sha}).json()
    path = f"/uploads/{upload['upload_id']}"
    body = Flood()
    response = _send(live_url, "PATCH", path, body, {**admin.headers, "Upload-Offset": "0"})
    _assert_refused_early(response, body)
    assert admin.head(path).headers["Upload-Offset"] == "0"
    done = admin.patch(path, content=data, headers={"Upload-Offset": "0"})
    assert done.status_code == 200 and done.json()["complete"] is True


def test_upload_chunk_with_content_length_past_declared_size_is_413(admin: Api) -> None:
    sha = hashlib.sha256(b"abc").hexdigest()
    uid = admin.post("/uploads", json={"size": 3, "sha256": sha}).json()["upload_id"]
    response = admin.patch(f"/uploads/{uid}", content=b"abcd", headers={"Upload-Offset": "0"})
    assert response.status_code == 413
    assert admin.head(f"/uploads/{uid}").headers["Upload-Offset"] == "0"


def test_uploads_in_pieces_still_complete(admin: Api) -> None:
    data = bytes(range(256)) * 40
    sha = hashlib.sha256(data).hexdigest()
    uid = admin.post("/uploads", json={"size": len(data), "sha256": sha}).json()["upload_id"]
    for start in range(0, len(data), 3000):
        response = admin.patch(f"/uploads/{uid}", content=data[start:start + 3000],
                               headers={"Upload-Offset": str(start)})
        assert response.status_code == 200, response.text
    assert response.json() == {"upload_id": uid, "offset": len(data), "complete": True,
                               "sha256": sha}
    assert admin.head(f"/blobs/{sha}").status_code == 200


@pytest.mark.parametrize(("method", "path"), [
    ("POST", "/files"),
    ("POST", "/uploads"),
    ("POST", "/auth/refresh"),
    ("POST", "/auth/token"),
    ("PATCH", "/documents/00000000-0000-0000-0000-000000000000"),
])
def test_chunked_json_body_over_the_limit_is_413(admin: Api, live_url: str, method: str,
                                                   path: str) -> None:
    body = Flood(b" ")  # white space: valid JSON, were it read to the end
    kind = ("application/x-www-form-urlencoded" if path == "/auth/token"
            else "application/json")
    response = _send(live_url, method, path, body, {**admin.headers, "Content-Type": kind,
                                                    "If-Match": "*"})
    _assert_refused_early(response, body)
