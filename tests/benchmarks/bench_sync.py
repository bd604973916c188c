"""Sync benchmark of Dossier: the real client engine against the real server over HTTP.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_sync.py [--documents N] [--changes M]

The script creates a throwaway data directory, runs ``python -m server_stub init`` and
``python -m server_stub serve --port 0`` (SQLite) and files a customer file with N letters
(default 500) through the API. Then one device (``sync.engine.Engine`` with its own replica,
signed in like the desktop client) measures:

a. **Check-out** of the file (``Engine.checkout``: file, documents, contents).
b. **Check-in** of M local changes (default 200): half index edits, half new versions, made
   offline in the replica and sent with ``Engine.sync`` (push, then pull and the self-check).
c. **Pull** of M changes another client made (index edits and new versions through the API,
   as a colleague's client does online), taken with ``Engine.sync``.
d. **No-change sync**: ``Engine.sync`` with nothing to do on either side.

For each: wall time and the number of HTTP requests the engine sent, with the most frequent
kinds. Requests are counted in this script by wrapping ``httpx.HTTPTransport.handle_request``
(every client of the process, the engine's download threads included; the other client's
changes are made before a measurement starts). Progress goes to stderr, the markdown table to
stdout. The machine may be shared: expect noise in the times, not in the request counts.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import re
import shutil
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server_proc import ROOT, Subprocess, clean_env, init_server, log, start_server

sys.path.insert(0, str(ROOT))
from sync import outbox
from sync.engine import Engine
from sync.remote import RemoteClient
from sync.replica import Replica

API = "/api/v1"
TENANT = "bench"
ADMIN = "bench"
PASSWORD = "bench-password-123"


# Counting requests -----------------------------------------------------------------------

class RequestCounter:
    """Counts the requests every ``httpx.HTTPTransport`` of this process sends."""

    _ID = re.compile(r"/[0-9a-f]{8}-[0-9a-f-]{27}|/[0-9a-f]{64}")

    def __init__(self) -> None:
        self.kinds: collections.Counter[str] = collections.Counter()
        self._lock = threading.Lock()
        self._original: Callable[..., httpx.Response] | None = None

    def install(self) -> None:
        original = httpx.HTTPTransport.handle_request
        self._original = original
        counter = self

        def counted(transport: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
            kind = f"{request.method} {self._ID.sub('/{id}', request.url.path.removeprefix(API))}"
            with counter._lock:
                counter.kinds[kind] += 1
            return original(transport, request)

        httpx.HTTPTransport.handle_request = counted  # type: ignore[method-assign,assignment]

    @contextmanager
    def window(self) -> Iterator[collections.Counter[str]]:
        """The requests sent inside the ``with`` block."""
        with self._lock:
            before = collections.Counter(self.kinds)
        seen: collections.Counter[str] = collections.Counter()
        yield seen
        with self._lock:
            seen.update(self.kinds - before)


@dataclass
class Row:
    name: str
    seconds: float
    requests: collections.Counter[str] = field(default_factory=collections.Counter)

    def cells(self) -> str:
        total = sum(self.requests.values())
        top = ", ".join(f"{kind} ×{n}" for kind, n in self.requests.most_common(4))
        return f"| {self.name} | {self.seconds:.2f} s | {total} | {top} |"


# The server and the other client ---------------------------------------------------------

def _check(response: httpx.Response, *expected: int) -> httpx.Response:
    if response.status_code not in expected:
        raise RuntimeError(f"{response.request.method} {response.request.url} -> "
                           f"{response.status_code}: {response.text[:500]}")
    return response


def colleague(base_url: str) -> httpx.Client:
    """Another user's online client (plain HTTP, not the engine)."""
    token = _check(httpx.post(base_url + API + "/auth/token", timeout=60, data={
        "username": ADMIN, "password": PASSWORD, "tenant": TENANT}), 200).json()["access_token"]
    return httpx.Client(base_url=base_url + API, timeout=120,
                        headers={"Authorization": f"Bearer {token}"})


def _put(http: httpx.Client, content: bytes) -> str:
    sha = hashlib.sha256(content).hexdigest()
    _check(http.put(f"/blobs/{sha}", content=content,
                    headers={"Content-Type": "application/octet-stream"}), 200, 201)
    return sha


def file_letters(http: httpx.Client, key: str, count: int) -> list[str]:
    file_id = _check(http.post("/files", json={
        "file_class": "customer", "key": key, "title": "Sync bench customer",
        "cover": {"name": "Sync bench customer", "city": "Valencia", "country": "ES"}}),
        201).json()["id"]
    ids = []
    for i in range(count):
        content = f"Bench letter {i}\n{'Sehr geehrte Damen und Herren. ' * 20}\n".encode()
        sha = _put(http, content)
        ids.append(_check(http.post(f"/files/{file_id}/documents", json={
            "type": "letter", "title": f"Letter {i}",
            "index": {"date": (date(2024, 1, 1) + timedelta(days=i % 700)).isoformat()},
            "content": {"sha256": sha, "filename": f"letter-{i}.txt",
                        "media_type": "text/plain"}}), 201).json()["id"])
    return ids


def remote_changes(http: httpx.Client, doc_ids: list[str], round_: str) -> None:
    """Half index edits, half new versions, each as a colleague's client sends it."""
    for n, doc_id in enumerate(doc_ids):
        etag = _check(http.get(f"/documents/{doc_id}"), 200).json()["etag"]
        if n % 2 == 0:
            _check(http.patch(f"/documents/{doc_id}", json={"index": {"subject": round_}},
                              headers={"If-Match": etag}), 200)
        else:
            sha = _put(http, f"{round_} {doc_id}".encode())
            _check(http.post(f"/documents/{doc_id}/versions", json={
                "content": {"sha256": sha, "filename": "letter.txt",
                            "media_type": "text/plain"}}, headers={"If-Match": etag}), 201)


# The measurements ------------------------------------------------------------------------

def local_changes(replica: Replica, doc_ids: list[str], work: Path) -> None:
    """Half index edits, half new versions, made offline in the device's replica."""
    for n, doc_id in enumerate(doc_ids):
        if n % 2 == 0:
            outbox.set_index(replica, doc_id, {"subject": f"edited offline {n}"})
        else:
            source = work / f"edit-{n}.txt"
            source.write_bytes(f"edited offline {n} {doc_id}".encode())
            outbox.new_version(replica, doc_id, source, comment="bench")


def run(args: argparse.Namespace, work: Path) -> list[Row]:
    counter = RequestCounter()
    counter.install()
    env = clean_env()
    data_dir = work / "server"
    init_server(data_dir, env=env, tenant=TENANT, admin=ADMIN, password=PASSWORD)
    server: Subprocess | None = start_server(data_dir, env=env, log_path=work / "server.log")
    assert server is not None
    rows: list[Row] = []
    try:
        other = colleague(server.base_url)
        log(f"filing {args.documents} letters")
        doc_ids = file_letters(other, "SYNC-1", args.documents)
        remote = RemoteClient(server.base_url)
        remote.login(ADMIN, PASSWORD, TENANT)
        replica = Replica(work / "device" / "replica.sqlite3")
        engine = Engine(remote, replica, device_id="bench-device",
                        files_dir=work / "device" / "files")
        changed = doc_ids[:args.changes]

        def measure(name: str, action: Callable[[], Any]) -> None:
            with counter.window() as seen:
                t0 = time.perf_counter()
                action()
                seconds = time.perf_counter() - t0
            rows.append(Row(name, seconds, seen))
            log(f"  {rows[-1].cells()}")

        def sync_clean() -> None:
            report = engine.sync()
            if report.offline or report.conflicts or report.rejected:
                raise RuntimeError(f"sync did not go through: {report}")

        measure(f"a. check-out of {args.documents} documents",
                lambda: engine.checkout("SYNC-1"))
        local_changes(replica, changed, work)
        measure(f"b. check-in of {len(changed)} local changes", sync_clean)
        remote_changes(other, changed, "colleague")
        measure(f"c. pull of {len(changed)} remote changes", sync_clean)
        measure("d. sync without changes", sync_clean)
        other.close()
        remote.close()
        replica.close()
    finally:
        server.stop()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=500, help="documents in the file")
    parser.add_argument("--changes", type=int, default=200,
                        help="local changes checked in, and remote changes pulled")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    args.changes = min(args.changes, args.documents)
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-sync-"))
    try:
        rows = run(args, work)
    finally:
        if args.keep:
            log(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("| step | wall time | HTTP requests | most frequent |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print(row.cells())
    return 0


if __name__ == "__main__":
    sys.exit(main())
