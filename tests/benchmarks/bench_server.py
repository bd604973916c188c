"""Server benchmarks of Dossier (issue 2): the real server as a subprocess, driven over HTTP.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_server.py [--quick] [--postgres-only|--sqlite-only]

For each database (SQLite, then PostgreSQL on 127.0.0.1:5432 as user ``postgres``) the script
creates a fresh data directory (and a fresh PostgreSQL database ``dossier_bench_<pid>``, dropped
at the end), runs ``python -m server_stub init`` and ``python -m server_stub serve --port 0``,
and measures:

1. **Ingest**: 10,000 small documents (blob ``PUT`` of unique ~1 KB content + document ``POST``;
   five customer files of 2,000 filled in order) with 4 concurrent clients (threads, one
   ``httpx.Client`` each, sharing one queue): documents/s over the whole run. Goal ≥ 500/s on
   SQLite. The ingest stops after ``--ingest-cap`` seconds (default 150; ``0`` = never), so
   that a slow server still finishes near 10 minutes; the table then says how many were done.
2. **Blob upload**: ``PUT`` of a 200 MiB file streamed from disk, against a minimal streaming
   endpoint (hash + fsync + rename, ``_server_proc.py``) measured in the same run at the same
   time (4 rounds alternate between the two): MiB/s and the ratio of the best rounds (goal
   ≥ 0.8), plus the growth of the server's RSS during the upload (VmRSS sampled every 10 ms;
   goal < 50 MiB).
3. **Change feed**: read 100,000 entries with ``GET /changes?since=&limit=1000`` until
   ``has_more`` is false: changes/s. The ~10,000 entries the ingest produced are topped up to
   100,000 by a direct bulk insert into ``changes`` (synthetic ``updated`` entries of real
   documents) under the tenant counter's lock, bumping ``tenant_counters.feed_seq`` — producing
   90,000 more through the API would take minutes per database.
4. **List**: a file of 2,000 documents, ``GET /files/{id}/documents?limit=50`` (first page,
   default sort) 200 times, and paging through it with ``limit=1000`` 20 times: p50/p99
   latency (each of the two stops after 40 s). Goal p50 ≤ 100 ms.

``--quick`` scales down (1,000 documents, 20 MiB blob, 10,000 feed entries, fewer requests) to
check the script itself. ``--ingest-only`` runs part 1 alone. ``--server-root DIR`` serves
from another checkout of the repository (e.g. ``git worktree add /tmp/base <commit>``), with
this script as the client: run it alternately with and without to compare two commits in the
same period. Progress goes to stderr; the markdown table (benchmark | database |
result | goal) to stdout, followed by notes (machine, load average: the machine is shared, so
expect noise).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server_proc import (
    ROOT,
    RssSampler,
    Subprocess,
    clean_env,
    init_server,
    log,
    percentile,
    start_baseline,
    start_server,
    verdict,
)

API = "/api/v1"
TENANT = "bench"
ADMIN = "bench"
PASSWORD = "bench-password-123"
PG_ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
MiB = 1024 * 1024
CHUNK = MiB


@dataclass(frozen=True)
class Scale:
    documents: int
    files: int
    clients: int
    blob_mib: int
    blob_rounds: int
    feed_total: int
    list_requests: int
    list_pagings: int
    ingest_cap: float = 0.0  # seconds; 0 = none
    list_cap: float = 40.0  # seconds for each of the two list measurements


FULL = Scale(documents=10_000, files=5, clients=4, blob_mib=200, blob_rounds=4,
             feed_total=100_000, list_requests=200, list_pagings=20, ingest_cap=150)
QUICK = Scale(documents=1_000, files=2, clients=4, blob_mib=20, blob_rounds=2,
              feed_total=10_000, list_requests=50, list_pagings=5, ingest_cap=60,
              list_cap=15)


@dataclass
class Row:
    benchmark: str
    database: str
    result: str
    goal: str = "—"


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    raw: dict[str, Any] = field(default_factory=dict)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of ``pid`` so far (``/proc/<pid>/stat``)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def check(response: httpx.Response, *expected: int) -> httpx.Response:
    if response.status_code not in expected:
        raise RuntimeError(f"{response.request.method} {response.request.url} -> "
                           f"{response.status_code}: {response.text[:500]}")
    return response


def login(base_url: str) -> str:
    response = httpx.post(base_url + API + "/auth/token", timeout=60,
                          data={"username": ADMIN, "password": PASSWORD, "tenant": TENANT})
    token: str = check(response, 200).json()["access_token"]
    return token


def client(base_url: str, token: str) -> httpx.Client:
    return httpx.Client(base_url=base_url + API, timeout=120,
                        headers={"Authorization": f"Bearer {token}"})


# Databases -------------------------------------------------------------------------------

class Target:
    """One database the server runs on: its name, URL, and direct access for the feed top-up."""

    def __init__(self, name: str, work: Path) -> None:
        self.name = name
        self.data_dir = work / f"data-{name.lower()}"
        self.pg_db = f"dossier_bench_{os.getpid()}" if name == "PostgreSQL" else None

    @property
    def database_url(self) -> str | None:
        return f"postgresql://postgres@127.0.0.1:5432/{self.pg_db}" if self.pg_db else None

    def create(self) -> None:
        if self.pg_db:
            import psycopg

            with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_db}"')
                conn.execute(f'CREATE DATABASE "{self.pg_db}"')

    def drop(self) -> None:
        if self.pg_db:
            import psycopg

            with psycopg.connect(PG_ADMIN_DSN, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_db}" WITH (FORCE)')

    def version(self) -> str:
        if self.pg_db:
            import psycopg

            with psycopg.connect(PG_ADMIN_DSN) as conn:
                row = conn.execute("SHOW server_version").fetchone()
                return f"PostgreSQL {row[0] if row else '?'}"
        return f"SQLite {sqlite3.sqlite_version}"

    def top_up_feed(self, total: int) -> int:
        """Bulk-insert synthetic ``updated`` entries until the feed holds ``total``; returns
        how many were inserted. Takes the tenant counter's lock like the server's journal."""
        if self.pg_db:
            return self._top_up_postgres(total)
        return self._top_up_sqlite(total)

    def _top_up_sqlite(self, total: int) -> int:
        conn = sqlite3.connect(self.data_dir / "dossier.sqlite3", timeout=60,
                               isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            tenant_id, seq = conn.execute(
                "SELECT c.tenant_id, c.feed_seq FROM tenant_counters c JOIN tenants t "
                "ON t.id = c.tenant_id WHERE t.name = ?", (TENANT,)).fetchone()
            (at,) = conn.execute("SELECT at FROM changes WHERE tenant_id = ? ORDER BY seq DESC "
                                 "LIMIT 1", (tenant_id,)).fetchone()
            docs = conn.execute("SELECT id, file_id FROM documents WHERE tenant_id = ?",
                                (tenant_id,)).fetchall()
            missing = max(0, total - int(seq))
            rows = [(tenant_id, seq + n + 1, "document", docs[n % len(docs)][0],
                     docs[n % len(docs)][1], docs[n % len(docs)][0], "updated",
                     f"{docs[n % len(docs)][0][:8]}.{2 + n // len(docs)}", at)
                    for n in range(missing)]
            conn.executemany("INSERT INTO changes (tenant_id, seq, object, object_id, file_id, "
                             "document_id, op, etag, at) VALUES (?,?,?,?,?,?,?,?,?)", rows)
            conn.execute("UPDATE tenant_counters SET feed_seq = ? WHERE tenant_id = ?",
                         (seq + missing, tenant_id))
            conn.execute("COMMIT")
            return missing
        finally:
            conn.close()

    def _top_up_postgres(self, total: int) -> int:
        import psycopg

        assert self.pg_db
        with psycopg.connect(f"host=127.0.0.1 port=5432 user=postgres dbname={self.pg_db}") as conn:
            row = conn.execute(
                "SELECT c.tenant_id, c.feed_seq FROM tenant_counters c JOIN tenants t "
                "ON t.id = c.tenant_id WHERE t.name = %s FOR UPDATE OF c", (TENANT,)).fetchone()
            assert row is not None
            tenant_id, seq = row
            docs = conn.execute("SELECT id, file_id FROM documents WHERE tenant_id = %s",
                                (tenant_id,)).fetchall()
            missing = max(0, total - int(seq))
            now = datetime.now(UTC)
            with conn.cursor().copy(
                    "COPY changes (tenant_id, seq, object, object_id, file_id, document_id, op, "
                    "etag, at) FROM STDIN") as copy:
                for n in range(missing):
                    doc_id, file_id = docs[n % len(docs)]
                    copy.write_row((tenant_id, seq + n + 1, "document", doc_id, file_id, doc_id,
                                    "updated", f"{doc_id[:8]}.{2 + n // len(docs)}", now))
            conn.execute("UPDATE tenant_counters SET feed_seq = %s WHERE tenant_id = %s",
                         (seq + missing, tenant_id))
            conn.commit()
            conn.execute("ANALYZE changes")
            conn.commit()
            return missing


# 1. Ingest -------------------------------------------------------------------------------

def create_files(http: httpx.Client, count: int, run: str) -> list[str]:
    ids = []
    for n in range(count):
        key = f"B{run}-{n:03d}"
        body = {"file_class": "customer", "key": key, "title": f"Bench customer {n}",
                "cover": {"name": f"Bench customer {n}", "city": "Valencia", "country": "ES"}}
        ids.append(check(http.post("/files", json=body), 201).json()["id"])
    return ids


def bench_ingest(server: Subprocess, target: Target, scale: Scale, run: str,
                 report: Report) -> list[str]:
    """Documents go to the files in order (the first 2,000 into the first file, ...), taken
    from one shared queue by the clients; the run stops early at the time cap, if any."""
    base_url = server.base_url
    with client(base_url, login(base_url)) as http:
        files = create_files(http, scale.files, run)
    per_file = -(-scale.documents // scale.files)
    filler = ("Sehr geehrte Damen und Herren, wir bestätigen den Eingang Ihres Schreibens. "
              * 12)
    payloads = []
    start_day = date(2023, 1, 1)
    for i in range(scale.documents):
        content = f"Bench letter {run}/{i}\n{filler}\n".encode()
        payloads.append((files[i // per_file], content, hashlib.sha256(content).hexdigest(),
                         (start_day + timedelta(days=i % 900)).isoformat()))
    tokens = [login(base_url) for _ in range(scale.clients)]
    latencies: list[list[float]] = [[] for _ in range(scale.clients)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(scale.clients + 1)
    queue = iter(range(scale.documents))
    queue_lock = threading.Lock()
    deadline = [float("inf")]

    def worker(k: int) -> None:
        try:
            with client(base_url, tokens[k]) as http:
                barrier.wait()
                while not errors and time.perf_counter() < deadline[0]:
                    with queue_lock:
                        i = next(queue, None)
                    if i is None:
                        return
                    file_id, content, sha, day = payloads[i]
                    t0 = time.perf_counter()
                    check(http.put(f"/blobs/{sha}", content=content,
                                   headers={"Content-Type": "application/octet-stream"}),
                          200, 201)
                    check(http.post(f"/files/{file_id}/documents", json={
                        "type": "letter", "title": f"Letter {i}", "index": {"date": day},
                        "content": {"sha256": sha, "filename": f"letter-{i}.txt",
                                    "media_type": "text/plain"}}), 201)
                    latencies[k].append(time.perf_counter() - t0)
        except BaseException as exc:
            errors.append(exc)
            if barrier.n_waiting:
                barrier.abort()

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(scale.clients)]
    for thread in threads:
        thread.start()
    barrier.wait()
    t0, cpu0 = time.perf_counter(), cpu_seconds(server.pid)
    if scale.ingest_cap:
        deadline[0] = t0 + scale.ingest_cap
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - t0
    if errors:
        raise errors[0]
    flat = [x for lat in latencies for x in lat]
    done = len(flat)
    cpu_ms = (cpu_seconds(server.pid) - cpu0) / done * 1000
    rate = done / elapsed
    capped = done < scale.documents
    log(f"  ingest: {done} documents in {elapsed:.1f} s = {rate:.0f}/s "
        f"(per document p50 {percentile(flat, 50) * 1000:.1f} ms, "
        f"p99 {percentile(flat, 99) * 1000:.1f} ms; server CPU {cpu_ms:.1f} ms per document)"
        + (f"; stopped by the {scale.ingest_cap:.0f} s cap" if capped else ""))
    goal = (f"≥ 500/s: {verdict(rate >= 500)}" if target.name == "SQLite"
            else "— (≥ 500/s on SQLite)")
    what = f"{done:,} of {scale.documents:,}" if capped else f"{done:,}"
    report.rows.append(Row(
        f"Ingest small documents (blob PUT + document POST), {scale.clients} concurrent "
        "clients", target.name,
        f"**{rate:.0f} documents/s** ({what} documents in {elapsed:.1f} s"
        + (f", stopped by the {scale.ingest_cap:.0f} s cap" if capped else "")
        + "; per document p50 "
        f"{percentile(flat, 50) * 1000:.0f} ms, p99 {percentile(flat, 99) * 1000:.0f} ms; "
        f"server process CPU {cpu_ms:.1f} ms per document)", goal))
    report.raw.setdefault(target.name, {})["ingest"] = {
        "documents": done, "planned": scale.documents, "seconds": elapsed, "per_second": rate,
        "p50_ms": percentile(flat, 50) * 1000, "p99_ms": percentile(flat, 99) * 1000,
        "server_cpu_ms_per_document": cpu_ms}
    return files


# 2. Blob upload --------------------------------------------------------------------------

def make_blob(path: Path, size: int) -> None:
    block = os.urandom(CHUNK)
    with path.open("wb") as fh:
        for n in range(size // CHUNK):
            fh.write(block[n % 251:] + block[:n % 251])  # no two chunks alike
        fh.write(block[: size % CHUNK])


def retag_blob(path: Path, tag: bytes) -> str:
    """Make the file's content unique (first bytes) and return its sha256."""
    with path.open("r+b") as fh:
        fh.write(tag.ljust(32, b"\0")[:32])
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Upload:
    seconds: float
    cpu_seconds: float
    rss_growth: int


def upload(root: str, put_path: str, path: Path, headers: dict[str, str], pid: int) -> Upload:
    """PUT ``path`` streamed from disk in 1 MiB chunks with a Content-Length, sampling the
    receiving process's RSS (both servers alike: the sampling costs them a little)."""
    size = path.stat().st_size

    def body() -> Iterator[bytes]:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                yield chunk

    headers = {**headers, "Content-Type": "application/octet-stream",
               "Content-Length": str(size)}
    with httpx.Client(timeout=600) as http:
        check(http.get(root + "/healthz"), 200)  # connection up before timing
        with RssSampler(pid) as sampler:
            cpu0, t0 = cpu_seconds(pid), time.perf_counter()
            check(http.put(root + put_path, content=body(), headers=headers), 200, 201)
            elapsed, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    return Upload(elapsed, cpu, sampler.growth)


def bench_blob(server: Subprocess, baseline: Subprocess, baseline_dir: Path, target: Target,
               scale: Scale, work: Path, run: str, report: Report) -> None:
    size = scale.blob_mib * MiB
    mib = size / MiB
    path = work / "blob.bin"
    if not path.exists() or path.stat().st_size != size:
        log(f"  generating a {scale.blob_mib} MiB file")
        make_blob(path, size)
    auth = {"Authorization": f"Bearer {login(server.base_url)}"}
    ours: list[Upload] = []
    base: list[Upload] = []
    for n in range(scale.blob_rounds):
        sha = retag_blob(path, f"{run}-{target.name}-{n}".encode())
        order = ["server", "baseline"] if n % 2 == 0 else ["baseline", "server"]
        for which in order:
            if which == "server":
                up = upload(server.base_url, f"{API}/blobs/{sha}", path, auth, server.pid)
                ours.append(up)
                log(f"  blob round {n + 1}: server {mib / up.seconds:.0f} MiB/s "
                    f"(server CPU {up.cpu_seconds:.2f} s), RSS +{up.rss_growth / MiB:.1f} MiB")
            else:
                up = upload(baseline.base_url, f"/blobs/{sha}", path, {}, baseline.pid)
                base.append(up)
                log(f"  blob round {n + 1}: baseline {mib / up.seconds:.0f} MiB/s "
                    f"(baseline CPU {up.cpu_seconds:.2f} s), RSS +{up.rss_growth / MiB:.1f} MiB")
    for stored in baseline_dir.iterdir():  # both stores keep their blobs until the end
        stored.unlink()
    best_ours = mib / min(u.seconds for u in ours)
    best_base = mib / min(u.seconds for u in base)
    med_ours = mib / statistics.median(u.seconds for u in ours)
    med_base = mib / statistics.median(u.seconds for u in base)
    cpu_ours = statistics.median(u.cpu_seconds for u in ours)
    cpu_base = statistics.median(u.cpu_seconds for u in base)
    ratio = best_ours / best_base
    peak = max(u.rss_growth for u in ours)
    report.rows.append(Row(
        f"Blob PUT {scale.blob_mib} MiB streamed from disk vs. minimal streaming endpoint "
        f"(sha256 + fsync), best of {scale.blob_rounds} alternating rounds", target.name,
        f"**{best_ours:.0f} MiB/s** vs. baseline {best_base:.0f} MiB/s = **{ratio:.2f}×** "
        f"(medians {med_ours:.0f} / {med_base:.0f} MiB/s; server process CPU per upload "
        f"{cpu_ours:.2f} s vs. {cpu_base:.2f} s)", f"≥ 0.8×: {verdict(ratio >= 0.8)}"))
    report.rows.append(Row(
        f"Server RSS growth during the {scale.blob_mib} MiB upload (peak − before)",
        target.name, f"**{peak / MiB:.1f} MiB** (worst of {scale.blob_rounds})",
        f"< 50 MiB: {verdict(peak < 50 * MiB)}"))
    report.raw.setdefault(target.name, {})["blob"] = {
        "mib": scale.blob_mib, "server": [u.__dict__ for u in ours],
        "baseline": [u.__dict__ for u in base], "ratio_best": ratio}


# 3. Change feed --------------------------------------------------------------------------

def bench_feed(base_url: str, target: Target, scale: Scale, report: Report) -> None:
    inserted = target.top_up_feed(scale.feed_total)
    log(f"  feed: topped up with {inserted:,} synthetic entries (direct bulk insert)")
    with client(base_url, login(base_url)) as http:
        check(http.get("/changes", params={"limit": 10}), 200)  # warm up
        count, pages, since = 0, 0, "0"
        page_times = []
        t0 = time.perf_counter()
        while True:
            p0 = time.perf_counter()
            body = check(http.get("/changes", params={"since": since, "limit": 1000}),
                         200).json()
            page_times.append(time.perf_counter() - p0)
            count += len(body["changes"])
            pages += 1
            since = body["cursor"]
            if not body["has_more"]:
                break
        elapsed = time.perf_counter() - t0
    if count != scale.feed_total:
        raise RuntimeError(f"the feed returned {count} entries, expected {scale.feed_total}")
    rate = count / elapsed
    log(f"  feed: {count:,} entries in {pages} pages, {elapsed:.1f} s = {rate:,.0f}/s")
    report.rows.append(Row(
        f"Read {count:,} change-feed entries (limit=1000 per page)", target.name,
        f"**{rate:,.0f} changes/s** ({elapsed:.1f} s; page p50 "
        f"{percentile(page_times, 50) * 1000:.0f} ms, p99 {percentile(page_times, 99) * 1000:.0f}"
        f" ms; {inserted:,} of the entries bulk-inserted by SQL)"))
    report.raw.setdefault(target.name, {})["feed"] = {
        "entries": count, "synthetic": inserted, "seconds": elapsed, "per_second": rate,
        "page_ms": [t * 1000 for t in page_times]}


# 4. List a file --------------------------------------------------------------------------

def bench_list(base_url: str, target: Target, file_id: str, scale: Scale,
               report: Report) -> None:
    with client(base_url, login(base_url)) as http:
        first = check(http.get(f"/files/{file_id}/documents", params={"limit": 1000}), 200)
        size = len(first.json()["items"])
        cursor = first.json()["next_cursor"]
        while cursor:
            body = check(http.get(f"/files/{file_id}/documents",
                                  params={"limit": 1000, "cursor": cursor}), 200).json()
            size += len(body["items"])
            cursor = body["next_cursor"]
        for _ in range(5):
            check(http.get(f"/files/{file_id}/documents", params={"limit": 50}), 200)
        small: list[float] = []
        stop = time.perf_counter() + scale.list_cap
        while len(small) < scale.list_requests and (len(small) < 30
                                                     or time.perf_counter() < stop):
            t0 = time.perf_counter()
            response = check(http.get(f"/files/{file_id}/documents", params={"limit": 50}), 200)
            small.append(time.perf_counter() - t0)
            assert len(response.json()["items"]) == 50
        big: list[float] = []
        pagings: list[float] = []
        stop = time.perf_counter() + scale.list_cap
        while len(pagings) < scale.list_pagings and (len(pagings) < 3
                                                      or time.perf_counter() < stop):
            cursor, p0 = None, time.perf_counter()
            while True:
                params: dict[str, Any] = {"limit": 1000}
                if cursor:
                    params["cursor"] = cursor
                t0 = time.perf_counter()
                body = check(http.get(f"/files/{file_id}/documents", params=params), 200).json()
                big.append(time.perf_counter() - t0)
                cursor = body["next_cursor"]
                if not cursor:
                    break
            pagings.append(time.perf_counter() - p0)
    p50, p99 = percentile(small, 50) * 1000, percentile(small, 99) * 1000
    b50, b99 = percentile(big, 50) * 1000, percentile(big, 99) * 1000
    whole = statistics.median(pagings) * 1000
    log(f"  list limit=50: p50 {p50:.1f} ms, p99 {p99:.1f} ms; limit=1000: p50 {b50:.0f} ms, "
        f"p99 {b99:.0f} ms, whole file {whole:.0f} ms")
    report.rows.append(Row(
        f"List a file of {size:,} documents, first page limit=50 ({len(small)} requests)",
        target.name, f"**p50 {p50:.0f} ms**, p99 {p99:.0f} ms",
        f"p50 ≤ 100 ms: {verdict(p50 <= 100)}"))
    report.rows.append(Row(
        f"List the same file with limit=1000 paging ({len(pagings)} × the whole file, "
        f"{len(big)} requests)", target.name,
        f"**p50 {b50:.0f} ms**, p99 {b99:.0f} ms per page; whole file {whole:.0f} ms (median)",
        f"p50 ≤ 100 ms: {verdict(b50 <= 100)}"))
    report.raw.setdefault(target.name, {})["list"] = {
        "documents": size, "limit50_ms": [t * 1000 for t in small],
        "limit1000_ms": [t * 1000 for t in big]}


# Driver ----------------------------------------------------------------------------------

def run_target(target: Target, scale: Scale, work: Path, baseline: Subprocess | None,
               baseline_dir: Path, run: str, report: Report, *, root: Path = ROOT) -> None:
    log(f"{target.name}: init and start the server")
    target.create()
    server: Subprocess | None = None
    try:
        env = clean_env({"DOSSIER_ACCESS_TOKEN_SECONDS": "7200"})
        if target.database_url:
            env["DATABASE_URL"] = target.database_url
        init_server(target.data_dir, env=env, tenant=TENANT, admin=ADMIN, password=PASSWORD,
                    root=root)
        server = start_server(target.data_dir, env=env, root=root,
                              log_path=work / f"server-{target.name.lower()}.log")
        log(f"{target.name}: server pid {server.pid} at {server.base_url}")
        files = bench_ingest(server, target, scale, run, report)
        if baseline is None:  # --ingest-only
            return
        bench_feed(server.base_url, target, scale, report)
        bench_list(server.base_url, target, files[0], scale, report)
        bench_blob(server, baseline, baseline_dir, target, scale, work, run, report)
    except BaseException:
        if server is not None:
            log(f"server log tail:\n{server.log_tail()}")
        raise
    finally:
        if server is not None:
            server.stop()
        target.drop()
        shutil.rmtree(target.data_dir, ignore_errors=True)


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} / {five:.2f}"


def machine() -> str:
    model = "?"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
    return (f"{os.cpu_count()} cores ({model}), {mem:.0f} GiB RAM, Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}")


def git_state(root: Path = ROOT) -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root, text=True,
                              capture_output=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no",
                                "server_stub"], cwd=root, text=True, capture_output=True,
                               check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"
    return f"commit {head}" + (" with uncommitted changes in server_stub/" if dirty else "")


def print_table(report: Report) -> None:
    print("| benchmark | database | result | goal |")
    print("| --- | --- | --- | --- |")
    for row in report.rows:
        print(f"| {row.benchmark} | {row.database} | {row.result} | {row.goal} |")
    print()
    for note in report.notes:
        print(f"- {note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="scaled down: 1,000 documents, 20 MiB blob, 10,000 feed entries")
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--sqlite-only", action="store_true")
    only.add_argument("--postgres-only", action="store_true")
    parser.add_argument("--documents", type=int,
                        help="documents to ingest (default 10,000; --quick 1,000)")
    parser.add_argument("--ingest-cap", type=float, metavar="SECONDS",
                        help="stop the ingest after this long (default 150; --quick 60; 0 = "
                             "never): keeps the whole run near 10 minutes on a slow server")
    parser.add_argument("--ingest-only", action="store_true",
                        help="part 1 (ingest) alone: no feed, list or blob measurements")
    parser.add_argument("--server-root", type=Path, default=ROOT, metavar="DIR",
                        help="run the server_stub of this checkout (default: this one)")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--keep", action="store_true", help="keep the work directory")
    args = parser.parse_args(argv)

    scale = QUICK if args.quick else FULL
    if args.documents:
        scale = dataclasses.replace(scale, documents=args.documents)
    if args.ingest_cap is not None:
        scale = dataclasses.replace(scale, ingest_cap=args.ingest_cap)
    run = f"{int(time.time()) % 100000:05d}"
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    report = Report()
    started = time.perf_counter()
    load_before = load()
    names = (["SQLite"] if args.sqlite_only else ["PostgreSQL"] if args.postgres_only
             else ["SQLite", "PostgreSQL"])
    targets = [Target(name, work) for name in names]
    log(f"work directory {work}; {'quick' if args.quick else 'full'} run on {', '.join(names)}")
    root = args.server_root.resolve()
    if not (root / "server_stub" / "__main__.py").is_file():
        parser.error(f"--server-root: {root} has no server_stub/__main__.py")
    baseline_dir = work / "baseline-store"
    baseline = (None if args.ingest_only
                else start_baseline(baseline_dir, log_path=work / "baseline.log"))
    try:
        versions = []
        for target in targets:
            versions.append(target.version())
            run_target(target, scale, work, baseline, baseline_dir, run, report, root=root)
    finally:
        if baseline is not None:
            baseline.stop()
        if args.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    command = sys.argv[1:] if argv is None else argv
    run_note = (
        f"{'Quick' if args.quick else 'Full'} run of `.venv/bin/python "
        f"{' '.join(['tests/benchmarks/bench_server.py', *command])}` on "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %z}, {elapsed:.0f} s in all, server at "
        f"{git_state(root)}" + (f" ({root})" if root != ROOT else "")
        + f"; {machine()}; {', '.join(versions)}.")
    server_note = (
        "Server: `python -m server_stub serve` (one uvicorn process) on loopback with a fresh "
        "data directory per database, driven over HTTP by httpx from the same machine: client "
        "and server share the 2 cores, and other engineers were running tests at the same time "
        f"(load average 1/5 min {load_before} before, {load()} after), so expect ±20 % noise.")
    ingest_note = (
        f"Ingest: {scale.files} customer files filled in order "
        f"({-(-scale.documents // scale.files):,} documents each) from one queue shared by "
        "the clients; unique ~1 KB text content per document; type `letter`. The rate is "
        "documents done / wall time"
        + (f"; the ingest stops after {scale.ingest_cap:.0f} s (`--ingest-cap 0` for the whole "
           f"{scale.documents:,})" if scale.ingest_cap else "") + ".")
    report.notes += [run_note, server_note, ingest_note]
    if not args.ingest_only:
        report.notes += [
            "Change feed: the entries produced by the ingest (one per document and file) were "
            f"topped up to {scale.feed_total:,} by a direct SQL bulk insert into `changes` "
            "(synthetic `updated` entries of real documents, under the tenant counter's lock, "
            "`tenant_counters.feed_seq` bumped), read as the tenant admin (no rights "
            f"filtering). Lists stop after {scale.list_cap:.0f} s each (at least 30 requests "
            "/ 3 pagings).",
            "Blob baseline: a raw ASGI app under the same uvicorn (same event loop and HTTP "
            "parser) that streams the body to a temporary file while hashing, checks the "
            "sha256, fsyncs, renames and fsyncs the directory (`tests/benchmarks/"
            "_server_proc.py`); rounds alternate between the two servers. RSS is VmRSS of the "
            "receiving process (`/proc/<pid>/statm`) sampled every 10 ms during each upload, "
            "for both servers alike.",
        ]
    print_table(report)
    if args.json:
        args.json.write_text(json.dumps({"rows": [r.__dict__ for r in report.rows],
                                         "notes": report.notes, "raw": report.raw}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
