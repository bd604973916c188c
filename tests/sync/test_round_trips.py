"""Check-in and pull ask the server only for what its answers do not already carry."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from sync import outbox
from sync.engine import Engine
from sync.replica import LocalDocument, LocalVersion
from sync.state import versions_from_answer

from .conftest import EngineFactory, LiveServer
from .helpers import client, seeded_file

_ID = re.compile(r"/[0-9a-f]{8}-[0-9a-f-]{27}")


@contextmanager
def requests_sent(monkeypatch: pytest.MonkeyPatch) -> Iterator[Counter[str]]:
    """The requests sent in the block, by kind: ``GET /documents/{id}``, ..."""
    seen: Counter[str] = Counter()
    original = httpx.HTTPTransport.handle_request

    def counted(transport: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        path = request.url.path.removeprefix("/api/v1")
        seen[f"{request.method} {_ID.sub('/{id}', path)}"] += 1
        return original(transport, request)

    with monkeypatch.context() as patch:
        patch.setattr(httpx.HTTPTransport, "handle_request", counted)
        yield seen


def _colleague_edits(live: LiveServer, doc: dict[str, Any], *, subject: str,
                     content: bytes | None = None) -> None:
    admin = client(live)
    etag = admin.get(f"/documents/{doc['id']}").json()["etag"]
    if content is None:
        response = admin.patch(f"/documents/{doc['id']}", json={"title": subject},
                               headers={"If-Match": etag})
        assert response.status_code == 200, response.text
        return
    sha = hashlib.sha256(content).hexdigest()
    assert admin.put(f"/blobs/{sha}", content=content).status_code in (200, 201)
    response = admin.post(f"/documents/{doc['id']}/versions", headers={"If-Match": etag},
                          json={"content": {"sha256": sha, "filename": "new.pdf"}})
    assert response.status_code == 201, response.text


def _synced(engine: Engine) -> None:
    report = engine.sync()
    assert not report.offline and report.conflicts == 0 and report.rejected == 0


def test_pull_asks_once_per_document_a_colleague_changed(
        live_server: LiveServer, engine_for: EngineFactory,
        monkeypatch: pytest.MonkeyPatch) -> None:
    seeded = seeded_file(live_server)
    alice = engine_for("alice")
    alice.checkout(seeded.key)
    _colleague_edits(live_server, seeded.invoice, subject="Factura 1 (corregida)")
    _colleague_edits(live_server, seeded.contract, subject="", content=b"%PDF-1.4 v2")
    with requests_sent(monkeypatch) as seen:
        _synced(alice)
    assert seen["GET /documents/{id}"] == 2
    assert seen["GET /documents/{id}/versions"] == 0
    with alice.replica.transaction() as session:
        invoice = session.get(LocalDocument, seeded.invoice["id"])
        contract = session.get(LocalDocument, seeded.contract["id"])
        assert invoice is not None and invoice.title == "Factura 1 (corregida)"
        assert contract is not None and contract.current_version == 2
        assert session.get(LocalVersion, (contract.id, 2)) is not None


def test_check_in_reads_the_answers_and_skips_its_own_changes_in_the_feed(
        live_server: LiveServer, engine_for: EngineFactory, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    seeded = seeded_file(live_server)
    alice = engine_for("alice")
    alice.checkout(seeded.key)
    outbox.set_index(alice.replica, seeded.invoice["id"], {"paid": True})
    source = tmp_path / "contrato.pdf"
    source.write_bytes(b"%PDF-1.4 signed")
    outbox.new_version(alice.replica, seeded.contract["id"], source)
    with requests_sent(monkeypatch) as seen:
        _synced(alice)
    assert seen["GET /documents/{id}"] == 0 and seen["GET /documents/{id}/versions"] == 0
    with requests_sent(monkeypatch) as seen:
        _synced(alice)
    assert seen["GET /documents/{id}"] == 0
    with alice.replica.transaction() as session:
        version = session.get(LocalVersion, (seeded.contract["id"], 2))
        assert version is not None and not version.pending


@pytest.mark.parametrize(("known", "current", "expected"), [
    ({1: False}, 2, "current"),              # the next version: the answer has it
    ({1: False, 2: True}, 2, "current"),     # mine, numbered as the server did
    ({}, 1, "current"),                      # a new document
    ({1: False}, 3, None),                   # one in between is missing
    ({1: False, 3: True}, 2, None),          # a pending one under another number
])
def test_versions_come_from_the_answer_when_nothing_is_missing(
        known: dict[int, bool], current: int, expected: str | None) -> None:
    version = {"number": current, "sha256": "x"}
    taken = versions_from_answer({"current_version": version}, known)
    assert ([v.raw for v in taken] if taken is not None else None) == \
        ([version] if expected else None)
