"""No-change sync benchmark: ``dossier sync`` with nothing to do, timed from outside.

Run from the repository root::

    .venv/bin/python tests/benchmarks/bench_quiet_sync.py [--documents 2000 20000]
        [--code after=. --code before=/tmp/dossier-before] [--runs 7] [--work DIR]

A real ``dossier-server serve`` (SQLite, loopback, its search off, long sessions) gets one
customer file per size, with that many small letters filed through the API (two requests
each, four at a time). For each code tree given with ``--code NAME=DIR`` (default: this one)
and each size, a profile of its own logs in and checks that file out with that tree's
``dossier`` (``python -m app``, run in ``DIR``, tokens in the test file keyring). Then, per
profile, alternately: ``dossier --help`` (the process start) and ``dossier sync`` (nothing
changed on either side), ``--runs`` times each after one warm-up sync. Reported: the median
and the lowest wall time of each, and the difference of the medians — the cost of the sync
beyond the process start.

Filing 20,000 documents takes minutes; ``--work DIR`` keeps the server and the profiles
there, and a later run with the same ``--work`` reuses whatever it finds (the letters filed
so far, check-outs). Another tree to compare with, e.g. the code before a change::

    mkdir /tmp/dossier-before && git archive 5260327 | tar -x -C /tmp/dossier-before

Progress goes to stderr, the markdown table to stdout. Times vary with the machine's load;
the runs alternate so that both commands see the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _server_proc import PYTHON, ROOT, Subprocess, clean_env, init_server, log, start_server
from bench_sync import ADMIN, PASSWORD, TENANT, _check, _put, colleague

KEYRING = "tests.sync.keyring_file_backend.FileKeyring"


def file_small_letters(base_url: str, key: str, count: int, progress: Path) -> None:
    """A customer file ``key`` with ``count`` small letters (four requests at a time);
    resumes where an interrupted run stopped (``progress`` holds how far it got)."""
    state = json.loads(progress.read_text()) if progress.exists() else {}
    http = colleague(base_url)
    if key not in state:
        file_id = _check(http.post("/files", json={
            "file_class": "customer", "key": key, "title": f"Quiet sync {count}",
            "cover": {"name": f"Quiet sync {count}", "city": "Valencia", "country": "ES"}}),
            201).json()["id"]
        state[key] = {"id": file_id, "filed": 0}
        progress.write_text(json.dumps(state))
    file_id, filed = state[key]["id"], state[key]["filed"]

    def one(i: int) -> None:
        sha = _put(http, f"Letter {i} of {key}\n".encode())
        _check(http.post(f"/files/{file_id}/documents", json={
            "type": "letter", "title": f"Letter {i}", "index": {"date": "2024-01-01"},
            "content": {"sha256": sha, "filename": f"letter-{i}.txt",
                        "media_type": "text/plain"}}), 201)

    started, first = time.monotonic(), filed
    with ThreadPoolExecutor(max_workers=4) as pool:
        while filed < count:
            chunk = range(filed, min(count, filed + 500))
            list(pool.map(one, chunk))
            filed = chunk[-1] + 1
            state[key]["filed"] = filed
            progress.write_text(json.dumps(state))
            http.close()
            http = colleague(base_url)  # a fresh token now and then
            log(f"  {key}: {filed}/{count} letters "
                f"({(filed - first) / (time.monotonic() - started):.0f}/s)")
    http.close()


@dataclass
class Tree:
    """One code tree's ``dossier`` with a profile of its own."""

    name: str
    root: Path
    home: Path

    def env(self) -> dict[str, str]:
        return clean_env({"PYTHON_KEYRING_BACKEND": KEYRING,
                          "DOSSIER_TEST_KEYRING": str(self.home / "keyring.json"),
                          "DOSSIER_PROFILE": str(self.home / "profile"),
                          "PYTHONIOENCODING": "utf-8"})

    def run(self, *args: str, stdin: str = "") -> tuple[float, str]:
        t0 = time.perf_counter()
        done = subprocess.run([PYTHON, "-m", "app", *args], cwd=self.root, env=self.env(),
                              input=stdin, capture_output=True, text=True, timeout=3600,
                              check=False)
        seconds = time.perf_counter() - t0
        if done.returncode != 0:
            raise RuntimeError(f"{self.name}: dossier {' '.join(args)} -> {done.returncode}:"
                               f"\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
        return seconds, done.stdout


def prepare(tree: Tree, url: str, keys: list[str]) -> None:
    """Logged in, every file checked out (what an earlier run left is kept)."""
    tree.home.mkdir(parents=True, exist_ok=True)
    if not (tree.home / "keyring.json").exists():
        tree.run("login", url, "--user", ADMIN, "--tenant", TENANT, "--password-stdin",
                 stdin=PASSWORD + "\n")
    held = {row["key"] for row in json.loads(tree.run("checkouts", "--json")[1])}
    for key in keys:
        for attempt in range(3):  # a loaded machine: the check-out's answer may time out
            if key in held:
                break
            try:
                seconds, out = tree.run("checkout", key)
            except RuntimeError as exc:
                log(f"  {tree.name}: check-out attempt {attempt + 1} failed: {exc}")
                held = {row["key"] for row in json.loads(tree.run("checkouts", "--json")[1])}
                continue
            log(f"  {tree.name}: {out.strip()} in {seconds:.1f} s")
            break


def measure(tree: Tree, runs: int) -> tuple[list[float], list[float]]:
    """``runs`` times ``dossier --help`` and ``dossier sync``, alternately."""
    _, out = tree.run("sync")  # warm-up: the first sync after a check-out may do more
    if "synced" not in out:
        raise RuntimeError(f"{tree.name}: the warm-up sync did not sync: {out}")
    helps: list[float] = []
    syncs: list[float] = []
    for _ in range(runs):
        helps.append(tree.run("--help")[0])
        seconds, out = tree.run("sync")
        if ": 0 applied" not in out:
            raise RuntimeError(f"{tree.name}: the sync was not quiet: {out}")
        syncs.append(seconds)
    return helps, syncs


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[2000, 20000],
                        help="one checked-out file of each size, each in a profile of its own")
    parser.add_argument("--code", action="append", default=[], metavar="NAME=DIR",
                        help="a code tree whose dossier is measured (default: after=this one)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", type=Path, help="keep (and reuse) the server and profiles")
    parser.add_argument("--as-filed", action="store_true",
                        help="file no more letters: measure the files as an interrupted "
                             "filing left them in --work")
    args = parser.parse_args(argv)
    trees_given = [spec.partition("=") for spec in args.code] or [("after", "=", str(ROOT))]
    work = args.work or Path(tempfile.mkdtemp(prefix="dossier-bench-quiet-"))
    work.mkdir(parents=True, exist_ok=True)
    # no server-side search (nothing here searches), sessions that outlive a long run
    env = clean_env({"DOSSIER_SEARCH_BACKEND": "off", "DOSSIER_ACCESS_TOKEN_SECONDS": "86400"})
    data_dir = work / "server"
    filed_path = work / "filed.json"
    if not data_dir.exists():
        init_server(data_dir, env=env, tenant=TENANT, admin=ADMIN, password=PASSWORD)
        filed_path.unlink(missing_ok=True)
    port_path = work / "port"  # the same each run: the profiles (and replicas) name the URL
    port = int(port_path.read_text()) if port_path.exists() else _free_port()
    port_path.write_text(str(port))
    server: Subprocess = start_server(data_dir, env=env, log_path=work / "server.log",
                                      extra=("--port", str(port)))
    rows: list[str] = []
    try:
        for count in args.documents:
            key = f"QUIET-{count}"
            filed = json.loads(filed_path.read_text()) if filed_path.exists() else {}
            if filed.get(key, {}).get("filed", 0) < count and not args.as_filed:
                log(f"filing {count} letters in {key}")
                file_small_letters(server.base_url, key, count, filed_path)
        trees = [Tree(f"{name} {count}", Path(root).resolve(),
                      work / "profiles" / f"{name}-{count}") for count in args.documents
                 for name, _, root in trees_given]
        for tree in trees:  # each measured once ready: a long run shows results early
            key = f"QUIET-{tree.name.split()[-1]}"
            log(f"{tree.name} ({tree.root}): logging in and checking out {key}")
            prepare(tree, server.base_url, [key])
            log(f"load average before measuring: {os.getloadavg()}")
            helps, syncs = measure(tree, args.runs)
            help_median, sync_median = statistics.median(helps), statistics.median(syncs)
            name, count = tree.name.split()
            documents = len(json.loads(tree.run("documents", f"QUIET-{count}", "--json")[1]))
            rows.append(f"| {name} | {documents:,} | "
                        f"{help_median:.3f} s (min {min(helps):.3f}) | "
                        f"{sync_median:.3f} s (min {min(syncs):.3f}) | "
                        f"**{(sync_median - help_median) * 1000:+.0f} ms** |")
            log(f"  {rows[-1]}")
            log(f"load average after measuring: {os.getloadavg()}")
    finally:
        server.stop()
        if args.work is None:
            log(f"work directory left for reuse: {work} (pass --work to name it)")
    print("| code | documents checked out | dossier --help (median) | dossier sync, "
          "nothing changed (median) | sync − help |")
    print("| --- | --- | --- | --- | --- |")
    for row in rows:
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
