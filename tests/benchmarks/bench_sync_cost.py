"""What the offline engine costs against what changed (issue 13), measured from outside.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_sync_cost.py [--big 2000] [--small 20000] [--rounds 3]

The script starts the real server (``python -m server_stub serve --port 0``, SQLite, throwaway
data directory) and files two customer files through the API: *big* with ``--big`` documents of
150 KB random content each (2,000 → 300 MB) and *small* with ``--small`` documents of ~1 KB.
Every measure then runs ``dossier`` as a user does — a subprocess with its own profile, signed
in through a test file keyring — next to its baseline, alternating subject and baseline in one
run so that a busy machine slows both:

1. **Check-out of *big*** (``dossier checkout``, a fresh profile each round) against ``curl``
   downloading one blob of the same number of bytes from the same server to disk.
2. **Peak RSS** of the ``dossier checkout`` process (its ``VmHWM``, read while it runs), *big*
   and *small*.
3. **No-change sync** (``dossier sync`` with nothing to do on either side) minus the process
   start of ``dossier --help``, on the replica holding *big* and on the one holding *small*:
   medians of ``--rounds`` × 2 runs.
4. **Sync of 120 remote changes** into the *big* replica: a colleague's online client makes 60
   index edits and 60 new versions, then one ``dossier sync``.

Progress goes to stderr, the markdown table to stdout.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server_proc import ROOT, clean_env, init_server, log, start_server

API = "/api/v1"
TENANT = "bench"
ADMIN = "bench"
PASSWORD = "bench-password-123"
BIG_BYTES = 150 * 1024
KEYRING = "tests.sync.keyring_file_backend.FileKeyring"
DOSSIER = str(Path(sys.executable).with_name("dossier"))


@dataclass
class Run:
    seconds: float
    peak_rss: int  # bytes
    output: str


def high_water_mark(pid: int) -> int:
    """``VmHWM`` of ``pid`` in bytes (0 once it is gone). Not ``wait4``'s ``ru_maxrss``: Linux
    carries the peak of the memory a process had before ``execve`` into it, and ``subprocess``
    starts children with ``vfork``, so a child's ``ru_maxrss`` starts at this script's peak."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def run_process(argv: list[str], *, env: dict[str, str], stdin: str = "") -> Run:
    """Run ``argv`` to its end: wall time and the peak RSS it reached (its high-water mark,
    read every 10 ms while it runs: the figure only grows). Fails loudly."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.01):
            peak = max(peak, high_water_mark(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate(stdin.encode())
    seconds = time.perf_counter() - t0
    done.set()
    sampler.join()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} -> {proc.returncode}: "
                           f"{output.decode(errors='replace')[-2000:]}")
    return Run(seconds, peak, output.decode(errors="replace"))


class Device:
    """One user's ``dossier`` with its own profile and test keyring."""

    def __init__(self, home: Path, base_url: str) -> None:
        self.home = home
        self.env = clean_env({"PYTHON_KEYRING_BACKEND": KEYRING,
                              "DOSSIER_TEST_KEYRING": str(home / "keyring.json"),
                              "PYTHONPATH": str(ROOT)})
        self.run("login", base_url, "--user", ADMIN, "--tenant", TENANT, "--password-stdin",
                 stdin=PASSWORD + "\n")

    def run(self, *args: str, stdin: str = "") -> Run:
        return run_process([DOSSIER, "--profile", str(self.home / "profile"), *args],
                           env=self.env, stdin=stdin)

    def process_start(self) -> Run:
        """``dossier --help``: the interpreter and the entry point, no command's work."""
        return run_process([DOSSIER, "--help"], env=self.env)

    def remove(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)


# Filing through the API -------------------------------------------------------------------

def _check(response: httpx.Response, *expected: int) -> httpx.Response:
    if response.status_code not in expected:
        raise RuntimeError(f"{response.request.method} {response.request.url} -> "
                           f"{response.status_code}: {response.text[:500]}")
    return response


def token(base_url: str) -> str:
    return str(_check(httpx.post(base_url + API + "/auth/token", timeout=60, data={
        "username": ADMIN, "password": PASSWORD, "tenant": TENANT}), 200).json()["access_token"])


def client(base_url: str, access_token: str) -> httpx.Client:
    return httpx.Client(base_url=base_url + API, timeout=600,
                        headers={"Authorization": f"Bearer {access_token}"})


def new_file(http: httpx.Client, key: str) -> str:
    return str(_check(http.post("/files", json={
        "file_class": "customer", "key": key, "title": f"Bench {key}",
        "cover": {"name": f"Bench {key}", "city": "Valencia", "country": "ES"}}),
        201).json()["id"])


def file_documents(base_url: str, access_token: str, file_id: str, count: int,
                   content: Callable[[int], bytes]) -> list[str]:
    """``count`` letters with ``content(i)``, filed by four clients at once."""
    def one(http: httpx.Client, i: int) -> str:
        data = content(i)
        sha = hashlib.sha256(data).hexdigest()
        _check(http.put(f"/blobs/{sha}", content=data,
                        headers={"Content-Type": "application/octet-stream"}), 200, 201)
        return str(_check(http.post(f"/files/{file_id}/documents", json={
            "type": "letter", "title": f"Letter {i}", "index": {"date": "2024-05-01"},
            "content": {"sha256": sha, "filename": f"letter-{i}.bin",
                        "media_type": "application/octet-stream"}}), 201).json()["id"])

    clients = [client(base_url, access_token) for _ in range(4)]
    try:
        with ThreadPoolExecutor(4) as pool:
            return list(pool.map(lambda i: one(clients[i % 4], i), range(count)))
    finally:
        for http in clients:
            http.close()


def one_blob_document(http: httpx.Client, file_id: str, path: Path) -> str:
    """A document whose one version is the content of ``path`` (streamed up)."""
    sha = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            sha.update(chunk)
    digest = sha.hexdigest()
    with path.open("rb") as fh:
        _check(http.put(f"/blobs/{digest}", content=fh,
                        headers={"Content-Type": "application/octet-stream"}), 200, 201)
    return str(_check(http.post(f"/files/{file_id}/documents", json={
        "type": "letter", "title": "One blob", "index": {"date": "2024-05-01"},
        "content": {"sha256": digest, "filename": "blob.bin",
                    "media_type": "application/octet-stream"}}), 201).json()["id"])


def curl_download(base_url: str, access_token: str, doc_id: str, target: Path) -> Run:
    return run_process(["curl", "-sS", "--fail", "-o", str(target),
                        "-H", f"Authorization: Bearer {access_token}",
                        f"{base_url}{API}/documents/{doc_id}/versions/1/content"],
                       env=dict(os.environ))


def remote_changes(http: httpx.Client, doc_ids: list[str]) -> None:
    """Half index edits, half new versions, as a colleague's online client sends them."""
    for n, doc_id in enumerate(doc_ids):
        etag = _check(http.get(f"/documents/{doc_id}"), 200).json()["etag"]
        if n % 2 == 0:
            _check(http.patch(f"/documents/{doc_id}", json={"index": {"subject": "changed"}},
                              headers={"If-Match": etag}), 200)
        else:
            data = f"changed {doc_id}".encode()
            sha = hashlib.sha256(data).hexdigest()
            _check(http.put(f"/blobs/{sha}", content=data), 200, 201)
            _check(http.post(f"/documents/{doc_id}/versions", json={
                "content": {"sha256": sha, "filename": "letter.bin",
                            "media_type": "application/octet-stream"}},
                headers={"If-Match": etag}), 201)


# The measures -----------------------------------------------------------------------------

def mib(n: int) -> str:
    return f"{n / 2**20:.0f} MiB"


def no_change_sync(device: Device, rounds: int) -> tuple[float, float]:
    """Medians of ``dossier sync`` (nothing to do) and of ``dossier --help``, alternated."""
    device.run("sync")  # the first one after the check-out may still have work
    syncs, helps = [], []
    for _ in range(rounds * 2):
        syncs.append(device.run("sync").seconds)
        helps.append(device.process_start().seconds)
    return statistics.median(syncs), statistics.median(helps)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", type=int, default=2000)
    parser.add_argument("--small", type=int, default=20000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench-sync-cost-"))
    env = clean_env()
    init_server(work / "server", env=env, tenant=TENANT, admin=ADMIN, password=PASSWORD)
    # filing 20,000 documents on a busy machine outlasts the default 5-minute token
    (work / "server" / "server.toml").write_text("access_token_seconds = 86400\n")
    server = start_server(work / "server", env=env, log_path=work / "server.log")
    rows: list[str] = []
    try:
        access = token(server.base_url)
        http = client(server.base_url, access)
        big_id, small_id = new_file(http, "BIG"), new_file(http, "SMALL")
        log(f"filing {args.big} documents of {BIG_BYTES // 1024} KB")
        big_docs = file_documents(server.base_url, access, big_id, args.big,
                                  lambda i: os.urandom(BIG_BYTES))
        blob = work / "blob.bin"
        with blob.open("wb") as fh:
            for _ in range(args.big):
                fh.write(os.urandom(BIG_BYTES))
        blob_doc = one_blob_document(http, new_file(http, "BLOB"), blob)
        blob.unlink()
        log(f"filing {args.small} small documents")
        file_documents(server.base_url, access, small_id, args.small,
                       lambda i: f"Letter {i}\n{'Sehr geehrte Damen und Herren. ' * 30}".encode())

        checkouts, curls, rss_big = [], [], 0
        for n in range(args.rounds):
            log(f"check-out round {n + 1}")
            target = work / "curl.bin"
            curls.append(curl_download(server.base_url, token(server.base_url), blob_doc,
                                       target).seconds)
            target.unlink()
            device = Device(work / f"big-{n}", server.base_url)
            done = device.run("checkout", "BIG")
            checkouts.append(done.seconds)
            rss_big = max(rss_big, done.peak_rss)
            if n < args.rounds - 1:
                device.remove()
        best, base = min(checkouts), min(curls)
        rows.append(f"| check-out of {args.big} documents / {mib(args.big * BIG_BYTES)} vs "
                    f"`curl` of one blob of the same size (best of {args.rounds}) | "
                    f"{best:.2f} s vs {base:.2f} s = **{best / base:.1f}×** | ≤ 1.3× |")
        log("check-out of the small file")
        small = Device(work / "small", server.base_url)
        rss_small = small.run("checkout", "SMALL").peak_rss
        rows.append(f"| client peak RSS, check-out | {args.big}: {mib(rss_big)}; "
                    f"{args.small}: **{mib(rss_small)}** | ≤ 200 MB at both |")

        log("no-change syncs")
        sync_big, help_big = no_change_sync(device, args.rounds)
        sync_small, help_small = no_change_sync(small, args.rounds)
        rows.append(f"| `dossier sync` with nothing changed, beyond process start "
                    f"(`dossier --help`: {help_big:.2f} s) | {args.big}: "
                    f"**+{(sync_big - help_big) * 1000:.0f} ms**; {args.small}: "
                    f"**+{(sync_small - help_small) * 1000:.0f} ms** | ≤ 50 ms, flat |")

        log("120 remote changes")
        remote_changes(http, big_docs[:120])
        pulled = device.run("sync").seconds
        rows.append(f"| sync of 120 remote changes into the {args.big} replica | "
                    f"{pulled:.2f} s | — |")
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)
    print("| measure | now | goal |")
    print("| --- | --- | --- |")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
