"""Check-out benchmark (issue #13): the real engine against a raw download of the same bytes.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_checkout.py [--documents 2000] [--size 150000]
        [--small 20000] [--rounds 3] [--client-root PATH]

The script creates a throwaway data directory, runs ``python -m server_stub init`` and
``python -m server_stub serve --port 0`` (SQLite) and files, through the API:

- customer file ``BIG-1``: ``--documents`` documents of ``--size`` bytes of random content each
  (default 2,000 × ~150 KB = 300 MB);
- customer file ``BLOB-1``: one document holding as many bytes as all of ``BIG-1`` together;
- customer file ``SMALL-1``: ``--small`` documents of a few hundred bytes (default 20,000).

Then ``--rounds`` rounds alternate, on the same server:

a. **check-out** of ``BIG-1`` through ``sync.engine.Engine.checkout`` in a fresh Python process
   (``bench_checkout.py child``) with a fresh replica and working folder, as the desktop client
   does it: wall time (measured inside the child, imports and sign-in excluded), the child's
   CPU seconds (``os.wait4``) and peak RSS (its ``VmHWM``), the bytes it wrote (``write_bytes`` of
   ``/proc/self/io``: what reached or will reach the disk, SQLite and working copies included),
   the server process's CPU seconds (``/proc/<pid>/stat``) and the time to the first byte
   of each check-out request;
b. **raw download**: ``httpx`` streams ``BLOB-1``'s content
   (``GET /documents/{id}/versions/1/content``), once into nothing (as ``curl -o /dev/null``)
   and once into a file (as ``curl -o FILE``, no fsync).

and, once, the check-out of ``SMALL-1`` (peak RSS at 20,000 documents). Goal: check-out ≤ 1.3×
the raw download, peak RSS ≤ 200 MB at both sizes. ``--client-root`` runs the child (the
engine) from another checkout of the repository, e.g. a ``git worktree`` of an older commit,
against this one's server. Progress goes to stderr, the markdown tables to stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server_proc import PYTHON, ROOT, Subprocess, clean_env, init_server, log, start_server

API = "/api/v1"
TENANT = "bench"
ADMIN = "bench"
PASSWORD = "bench-password-123"
MB = 1_000_000
MiB = 1024 * 1024


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# Filing ------------------------------------------------------------------------------------

def _check(response: httpx.Response, *expected: int) -> httpx.Response:
    if response.status_code not in expected:
        raise RuntimeError(f"{response.request.method} {response.request.url} -> "
                           f"{response.status_code}: {response.text[:500]}")
    return response


def sign_in(base_url: str) -> str:
    return str(_check(httpx.post(base_url + API + "/auth/token", timeout=60, data={
        "username": ADMIN, "password": PASSWORD, "tenant": TENANT}), 200).json()["access_token"])


def seed_file(data_dir: Path, key: str, count: int, make: Callable[[int], bytes]) -> str:
    """File ``count`` documents whose contents are ``make(i)`` into a new file ``key``, in this
    process through the server's domain code (``create_document``, as ``POST
    /files/{id}/documents`` does; 500 a transaction), before the server starts: filing 20,000
    documents through HTTP took minutes. Returns the id of the last document."""
    sys.path.insert(0, str(ROOT))
    from sqlalchemy import select

    from server_stub.app import build_context
    from server_stub.domain.documents import create_document
    from server_stub.domain.files import create_file
    from server_stub.orm import Blob, CustomerFile, Tenant, TenantBlob, User
    from server_stub.rights import load_actor
    from server_stub.settings import load_settings

    context = build_context(load_settings({"data_dir": data_dir, "search_backend": "off"},
                                          environ={}))
    customer = context.file_classes.get("customer")
    assert customer is not None
    t0 = time.perf_counter()
    last = ""
    file_id = ""
    try:
        for start in range(0, count, 500):
            with context.database.writing() as session:
                tenant = session.scalars(select(Tenant).where(Tenant.name == TENANT)).one()
                user = session.scalars(select(User).where(User.tenant_id == tenant.id,
                                                          User.username == ADMIN)).one()
                actor = load_actor(session, user)
                if not file_id:
                    file_id = create_file(session, actor, customer, key=key,
                                          title=f"Check-out bench {key}", cover={
                                              "customer_number": key,
                                              "name": f"Check-out bench {key}",
                                              "city": "Valencia", "country": "ES"}).id
                file = session.get_one(CustomerFile, file_id)
                for i in range(start, min(count, start + 500)):
                    data = make(i)
                    sha = context.blobs.put_bytes(data, durable=False)
                    if session.get(Blob, sha) is None:
                        session.add(Blob(sha256=sha, size=len(data)))
                    if session.get(TenantBlob, (tenant.id, sha)) is None:
                        session.add(TenantBlob(tenant_id=tenant.id, sha256=sha))
                    session.flush()
                    document, _ = create_document(
                        session, actor, file, customer, doc_id=None, type="letter",
                        title=f"Letter {i}", registers=[], index={"date": "2026-01-01"},
                        content={"sha256": sha, "filename": f"letter-{i}.pdf",
                                 "media_type": "application/pdf"})
                    last = document.id
            if (start // 500) % 8 == 7:
                log(f"  {key}: {start + 500}/{count} filed ({time.perf_counter() - t0:.0f} s)")
        os.sync()
    finally:
        context.database.dispose()
    log(f"  {key}: {count} documents filed in {time.perf_counter() - t0:.1f} s")
    return last


# The child: one check-out through the engine ------------------------------------------------

def child(args: argparse.Namespace) -> int:
    """Check ``args.key`` out with a fresh replica under ``args.home``; print one JSON line."""
    sys.path.insert(0, str(args.client_root))
    from sync.engine import Engine
    from sync.remote import RemoteClient
    from sync.replica import Replica

    requests: list[tuple[str, float]] = []
    original = httpx.HTTPTransport.handle_request
    pattern = re.compile(r"/[0-9a-f]{8}-[0-9a-f-]{27}")

    def timed(transport: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        t0 = time.perf_counter()
        response = original(transport, request)
        kind = f"{request.method} {pattern.sub('/{id}', request.url.path.removeprefix(API))}"
        requests.append((kind, time.perf_counter() - t0))
        return response

    httpx.HTTPTransport.handle_request = timed  # type: ignore[method-assign]
    remote = RemoteClient(args.url, timeout=600)
    remote.login(ADMIN, PASSWORD, TENANT)
    home = Path(args.home)
    replica = Replica(home / "replica.sqlite3")
    engine = Engine(remote, replica, device_id="bench-device", files_dir=home / "files")
    requests.clear()
    io_before = _proc_io()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    result = engine.checkout(args.key)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF)
    io_after = _proc_io()
    checkout_ttfb = sum(s for kind, s in requests if "checkout" in kind)
    kinds: dict[str, int] = {}
    for kind, _s in requests:
        kinds[kind] = kinds.get(kind, 0) + 1
    print(json.dumps({
        "seconds": seconds, "documents": result["documents"],
        "cpu": (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime),
        "write_bytes": io_after["write_bytes"] - io_before["write_bytes"],
        "wchar": io_after["wchar"] - io_before["wchar"],
        "checkout_request_seconds": checkout_ttfb, "requests": kinds,
        "peak_rss": _peak_rss()}))
    replica.close()
    remote.close()
    return 0


def _peak_rss() -> int:
    """This process's peak RSS (``VmHWM``): ``ru_maxrss`` of a child started by ``fork``
    and ``exec`` keeps the parent's RSS from before the ``exec``."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0


def _proc_io() -> dict[str, int]:
    out: dict[str, int] = {}
    for line in Path("/proc/self/io").read_text().splitlines():
        name, _, value = line.partition(":")
        out[name] = int(value)
    return out


@dataclass
class Checkout:
    seconds: float
    cpu: float
    peak_rss: int
    write_bytes: int
    server_cpu: float
    request_seconds: float
    requests: dict[str, int]


def run_checkout(args: argparse.Namespace, server: Subprocess, key: str, work: Path,
                 root: Path | None = None) -> Checkout:
    home = work / f"device-{key}"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    root = root or args.client_root
    argv = [PYTHON, str(Path(__file__).resolve()), "child", "--url", server.base_url,
            "--key", key, "--home", str(home), "--client-root", str(root)]
    server_cpu = cpu_seconds(server.pid)
    proc = subprocess.Popen(argv, cwd=root, env=clean_env(),
                            stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    output = proc.stdout.read()
    _pid, status, _usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    server_cpu = cpu_seconds(server.pid) - server_cpu
    if proc.returncode != 0:
        raise RuntimeError(f"the check-out child failed ({proc.returncode})")
    answer = json.loads(output.decode().strip().splitlines()[-1])
    shutil.rmtree(home, ignore_errors=True)
    return Checkout(seconds=answer["seconds"], cpu=answer["cpu"],
                    peak_rss=answer["peak_rss"], write_bytes=answer["write_bytes"],
                    server_cpu=server_cpu, request_seconds=answer["checkout_request_seconds"],
                    requests=answer["requests"])


@dataclass
class Download:
    seconds: float
    cpu: float
    server_cpu: float


def raw_download(server: Subprocess, token: str, doc_id: str, target: Path | None) -> Download:
    """Stream the blob's content into nothing or into ``target`` (this process, timed)."""
    server_cpu = cpu_seconds(server.pid)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    t0 = time.perf_counter()
    received = 0
    with httpx.Client(base_url=server.base_url + API, timeout=600,
                      headers={"Authorization": f"Bearer {token}"}) as http, \
            http.stream("GET", f"/documents/{doc_id}/versions/1/content") as response:
        _check(response, 200)
        if target is None:
            for chunk in response.iter_raw(MiB):
                received += len(chunk)
        else:
            with target.open("wb") as out:
                for chunk in response.iter_raw(MiB):
                    received += len(chunk)
                    out.write(chunk)
    seconds = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_SELF)
    if target is not None:
        target.unlink()
    return Download(seconds, (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime),
                    cpu_seconds(server.pid) - server_cpu)


# The run -------------------------------------------------------------------------------------

def run(args: argparse.Namespace, work: Path) -> None:
    env = clean_env({"DOSSIER_SEARCH_BACKEND": "off"})  # no indexer taking the CPU
    data_dir = work / "server"
    init_server(data_dir, env=env, tenant=TENANT, admin=ADMIN, password=PASSWORD)
    total = args.documents * args.size
    log(f"filing BIG-1: {args.documents} documents of {args.size} bytes ({total / MB:.0f} MB)")
    seed_file(data_dir, "BIG-1", args.documents, lambda i: os.urandom(args.size))
    log(f"filing BLOB-1: one document of {total / MB:.0f} MB")
    blob_id = seed_file(data_dir, "BLOB-1", 1, lambda i: os.urandom(total))
    if args.small:
        log(f"filing SMALL-1: {args.small} small documents")
        seed_file(data_dir, "SMALL-1", args.small,
                  lambda i: f"small letter {i} ".encode() * 20)
    server = start_server(data_dir, env=env, log_path=work / "server.log")
    try:
        token = sign_in(server.base_url)
        checkouts: list[Checkout] = []
        nothing: list[Download] = []
        to_file: list[Download] = []
        for round_ in range(1, args.rounds + 1):
            if args.compare_root is not None:
                c = run_checkout(args, server, "BIG-1", work, args.compare_root)
                log(f"round {round_}: check-out by {args.compare_root}: {c.seconds:.2f} s, "
                    f"CPU {c.cpu:.2f} s, peak RSS {c.peak_rss / MiB:.0f} MiB, written "
                    f"{c.write_bytes / MB:.0f} MB, server CPU {c.server_cpu:.2f} s, check-out "
                    f"requests {c.request_seconds:.2f} s, {c.requests}")
            checkouts.append(run_checkout(args, server, "BIG-1", work))
            c = checkouts[-1]
            log(f"round {round_}: check-out {c.seconds:.2f} s, CPU {c.cpu:.2f} s, "
                f"peak RSS {c.peak_rss / MiB:.0f} MiB, written {c.write_bytes / MB:.0f} MB, "
                f"server CPU {c.server_cpu:.2f} s, check-out requests {c.request_seconds:.2f} s, "
                f"{c.requests}")
            nothing.append(raw_download(server, token, blob_id, None))
            to_file.append(raw_download(server, token, blob_id, work / "blob.bin"))
            log(f"round {round_}: raw download {nothing[-1].seconds:.2f} s "
                f"(CPU {nothing[-1].cpu:.2f} s, server {nothing[-1].server_cpu:.2f} s), "
                f"into a file {to_file[-1].seconds:.2f} s")
        if args.small and args.compare_root is not None:
            c = run_checkout(args, server, "SMALL-1", work, args.compare_root)
            log(f"SMALL-1 by {args.compare_root}: check-out {c.seconds:.2f} s, peak RSS "
                f"{c.peak_rss / MiB:.0f} MiB, server CPU {c.server_cpu:.2f} s")
        small = run_checkout(args, server, "SMALL-1", work) if args.small else None
        if small is not None:
            log(f"SMALL-1: check-out {small.seconds:.2f} s, peak RSS "
                f"{small.peak_rss / MiB:.0f} MiB, server CPU {small.server_cpu:.2f} s")
    finally:
        server.stop()
    report(args, checkouts, nothing, to_file, small)


def report(args: argparse.Namespace, checkouts: list[Checkout], nothing: list[Download],
           to_file: list[Download], small: Checkout | None) -> None:
    def med(values: list[float]) -> float:
        return statistics.median(values)

    total = args.documents * args.size
    ours, raw, raw_file = (med([c.seconds for c in checkouts]), med([d.seconds for d in nothing]),
                           med([d.seconds for d in to_file]))
    print(f"Check-out of {args.documents} documents × {args.size} bytes "
          f"({total / MB:.0f} MB), medians of {args.rounds} alternating rounds:\n")
    print("| measure | check-out (engine) | raw download → nothing | raw download → file |")
    print("| --- | --- | --- | --- |")
    print(f"| wall time | {ours:.2f} s ({' / '.join(f'{c.seconds:.2f}' for c in checkouts)}) "
          f"| {raw:.2f} s | {raw_file:.2f} s |")
    print(f"| ratio to the raw download | 1 | {ours / raw:.2f}× | {ours / raw_file:.2f}× |")
    print(f"| client CPU | {med([c.cpu for c in checkouts]):.2f} s "
          f"| {med([d.cpu for d in nothing]):.2f} s | {med([d.cpu for d in to_file]):.2f} s |")
    print(f"| server CPU | {med([c.server_cpu for c in checkouts]):.2f} s "
          f"| {med([d.server_cpu for d in nothing]):.2f} s "
          f"| {med([d.server_cpu for d in to_file]):.2f} s |")
    print(f"| client peak RSS | {max(c.peak_rss for c in checkouts) / MiB:.0f} MiB | | |")
    print(f"| bytes written by the client | {med([c.write_bytes for c in checkouts]) / MB:.0f} MB"
          f" | 0 | {total / MB:.0f} MB |")
    print(f"| check-out requests (to first byte) "
          f"| {med([c.request_seconds for c in checkouts]):.2f} s | | |")
    print(f"| requests | {checkouts[-1].requests} | 1 | 1 |")
    if small is not None:
        print(f"\nCheck-out of {args.small} small documents: {small.seconds:.2f} s, peak RSS "
              f"{small.peak_rss / MiB:.0f} MiB, client CPU {small.cpu:.2f} s, server CPU "
              f"{small.server_cpu:.2f} s, check-out requests {small.request_seconds:.2f} s, "
              f"{small.requests}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command")
    kid = sub.add_parser("child")
    kid.add_argument("--url", required=True)
    kid.add_argument("--key", required=True)
    kid.add_argument("--home", required=True)
    kid.add_argument("--client-root", type=Path, default=ROOT)
    parser.add_argument("--documents", type=int, default=2000)
    parser.add_argument("--size", type=int, default=150_000)
    parser.add_argument("--small", type=int, default=20_000,
                        help="small documents for the RSS check-out (0: none)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--client-root", type=Path, default=ROOT,
                        help="run the engine from this checkout of the repository")
    parser.add_argument("--compare-root", type=Path, default=None,
                        help="each round also checks out with the engine of this checkout")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)
    if args.command == "child":
        return child(args)
    args.client_root = args.client_root.resolve()
    if args.compare_root is not None:
        args.compare_root = args.compare_root.resolve()
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-checkout-"))
    try:
        run(args, work)
    finally:
        if args.keep:
            log(f"work directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
