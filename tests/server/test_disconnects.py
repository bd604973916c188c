"""A client that goes away mid-request is normal: one log line, no traceback, nothing kept."""

from __future__ import annotations

import hashlib
import logging
import socket
import time
from urllib.parse import urlsplit

import pytest

from .conftest import Api


def _send_half_and_close(url: str, method: str, path: str, headers: dict[str, str]) -> None:
    """Announce 64 KiB, send half of it, hang up."""
    parts = urlsplit(url)
    head = [f"{method} /api/v1{path} HTTP/1.1", f"Host: {parts.netloc}",
            "Content-Length: 65536", *(f"{k}: {v}" for k, v in headers.items())]
    with socket.create_connection((parts.hostname or "", parts.port or 80)) as sock:
        sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode() + b"x" * 32768)


def _wait_for_a_record(caplog: pytest.LogCaptureFixture, count: int) -> None:
    """Until the server logged ``count`` disconnects or anything with a traceback."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        records = caplog.records
        if (any(r.exc_info for r in records)
                or len([r for r in records if "went away" in r.getMessage()]) >= count):
            return
        time.sleep(0.02)
    raise AssertionError("the server logged nothing about the disconnects")


def test_client_going_away_mid_upload_is_one_line_without_traceback(
        admin: Api, live_url: str, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    sha = hashlib.sha256(b"y" * 65536).hexdigest()
    upload = admin.post("/uploads", json={"size": 65536, "sha256": sha}).json()
    attempts = [("PUT", f"/blobs/{sha}", {}),
                ("PATCH", f"/uploads/{upload['upload_id']}", {"Upload-Offset": "0"}),
                ("POST", "/files", {"Content-Type": "application/json"})]
    for n, (method, path, extra) in enumerate(attempts, start=1):
        _send_half_and_close(live_url, method, path, {**admin.headers, **extra})
        _wait_for_a_record(caplog, n)
    tracebacks = [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    assert tracebacks == []
    lines = [r for r in caplog.records if "went away" in r.getMessage()]
    assert len(lines) == 3 and all(r.levelno <= logging.WARNING for r in lines)
    assert admin.head(f"/blobs/{sha}").status_code == 404
    assert admin.head(f"/uploads/{upload['upload_id']}").headers["Upload-Offset"] == "0"
