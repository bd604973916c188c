"""Helpers for the server benchmarks: server subprocesses, RSS sampling, the baseline server.

Not a test module (pytest collects only ``test_*.py``). Run as a script it is the *baseline*
upload server of ``bench_server.py``::

    python tests/benchmarks/_server_proc.py baseline --dir DIR --port-file FILE

The baseline is the least a streaming upload endpoint can do: a raw ASGI app under the same
uvicorn (same event loop and HTTP parser as ``dossier-server serve``) that streams
``PUT /blobs/<sha256>`` to a temporary file while hashing it, compares the hash, fsyncs, renames
the file into place and fsyncs the directory. No routing framework, no database, no auth.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable

__all__ = [
    "PYTHON",
    "ROOT",
    "RssSampler",
    "Subprocess",
    "clean_env",
    "init_server",
    "log",
    "percentile",
    "rss_bytes",
    "start_baseline",
    "start_server",
    "verdict",
]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.4999)))
    return ordered[rank - 1]


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def clean_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment without the caller's Dossier settings, plus ``extra``."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith("DOSSIER_") and k != "DATABASE_URL"}
    env.update(extra or {})
    return env


def rss_bytes(pid: int) -> int:
    """Resident set size of ``pid`` in bytes: VmRSS of ``/proc/<pid>/status``, read from
    ``/proc/<pid>/statm`` (the same counter, cheaper to read)."""
    with open(f"/proc/{pid}/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * _PAGE


_PAGE = os.sysconf("SC_PAGE_SIZE")


class RssSampler:
    """Samples a process's RSS in a background thread; ``peak`` is the highest value seen."""

    def __init__(self, pid: int, interval: float = 0.01) -> None:
        self.pid = pid
        self.interval = interval
        self.before = rss_bytes(pid)
        self.peak = self.before
        self.samples = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, rss_bytes(self.pid))
            self.samples += 1
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes(self.pid))

    @property
    def growth(self) -> int:
        return self.peak - self.before


class Subprocess:
    """A server subprocess that wrote its port to a file; stopped with SIGTERM (then SIGKILL)."""

    def __init__(self, name: str, argv: list[str], *, env: dict[str, str], port_file: Path,
                 log_path: Path, health: str, cwd: Path = ROOT) -> None:
        self.name = name
        self.log_path = log_path
        self._log = log_path.open("wb")
        port_file.unlink(missing_ok=True)
        self.proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                     stdout=self._log, stderr=subprocess.STDOUT)
        self.pid = self.proc.pid
        deadline = time.monotonic() + 120
        while not port_file.exists():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{name} did not start:\n{self.log_tail()}")
            time.sleep(0.05)
        self.base_url = f"http://127.0.0.1:{int(port_file.read_text())}"
        while True:
            try:
                if httpx.get(self.base_url + health, timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{name} does not answer:\n{self.log_tail()}")
            time.sleep(0.05)

    def log_tail(self, lines: int = 30) -> str:
        self._log.flush()
        text = self.log_path.read_text(errors="replace").splitlines()
        return "\n".join(text[-lines:])

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()


def init_server(data_dir: Path, *, env: dict[str, str], tenant: str, admin: str,
                password: str, root: Path = ROOT) -> None:
    """``python -m server_stub init`` (creates the database, the tenant and its admin), with
    the ``server_stub`` of the checkout ``root`` (this one unless told otherwise)."""
    result = subprocess.run(
        [PYTHON, "-m", "server_stub", "init", "--data-dir", str(data_dir), "--tenant", tenant,
         "--admin", admin, "--password", password],
        cwd=root, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
        timeout=300, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"init failed ({result.returncode}): {result.stderr.strip()}")


def start_server(data_dir: Path, *, env: dict[str, str], log_path: Path,
                 extra: tuple[str, ...] = (), root: Path = ROOT) -> Subprocess:
    """``python -m server_stub serve --port 0 [extra]`` on a fresh data directory, with the
    ``server_stub`` of the checkout ``root`` (``python -m`` finds it first in its cwd)."""
    port_file = data_dir.parent / f"{data_dir.name}.port"
    argv = [PYTHON, "-m", "server_stub", "serve", "--data-dir", str(data_dir), "--host",
            "127.0.0.1", "--port", "0", "--port-file", str(port_file), *extra]
    return Subprocess("dossier server", argv, env=env, port_file=port_file, log_path=log_path,
                      health="/healthz", cwd=root)


def start_baseline(store_dir: Path, *, log_path: Path) -> Subprocess:
    port_file = store_dir.parent / f"{store_dir.name}.port"
    argv = [PYTHON, str(Path(__file__).resolve()), "baseline", "--dir", str(store_dir),
            "--port-file", str(port_file)]
    return Subprocess("baseline server", argv, env=clean_env(), port_file=port_file,
                      log_path=log_path, health="/healthz")


# The baseline server ---------------------------------------------------------------------

Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]


def baseline_app_factory(store_dir: Path) -> Callable[..., Any]:
    store_dir.mkdir(parents=True, exist_ok=True)

    async def respond(send: Send, status: int, body: bytes = b"") -> None:
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-length", str(len(body)).encode()),
                                (b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": body})

    async def app(scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            while True:
                message = await receive()
                if message["type"] == "lifespan.startup":
                    await send({"type": "lifespan.startup.complete"})
                elif message["type"] == "lifespan.shutdown":
                    await send({"type": "lifespan.shutdown.complete"})
                    return
        path: str = scope["path"]
        if path == "/healthz":
            await respond(send, 200, b"ok")
            return
        if scope["method"] != "PUT" or not path.startswith("/blobs/"):
            await respond(send, 404)
            return
        expected = path.rsplit("/", 1)[1]
        digest = hashlib.sha256()
        fd, name = tempfile.mkstemp(dir=store_dir, prefix="put-")
        with os.fdopen(fd, "wb") as fh:
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    os.unlink(name)
                    return
                chunk = message.get("body", b"")
                if chunk:
                    digest.update(chunk)
                    fh.write(chunk)
                more = message.get("more_body", False)
            if digest.hexdigest() != expected:
                os.unlink(name)
                await respond(send, 422, b"hash mismatch")
                return
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(name, store_dir / expected)
        dir_fd = os.open(store_dir, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        await respond(send, 201)

    return app


def _serve_baseline(store_dir: Path, port_file: Path) -> None:
    import uvicorn

    from server_stub.cli import listening_socket

    sock = listening_socket("127.0.0.1", 0)  # as ``dossier-server serve`` listens
    tmp = port_file.with_suffix(".tmp")
    tmp.write_text(str(sock.getsockname()[1]))
    tmp.replace(port_file)
    # Same uvicorn configuration as ``dossier-server serve`` (cli.py): auto loop and parser.
    config = uvicorn.Config(baseline_app_factory(store_dir), log_level="warning",
                            access_log=False)
    uvicorn.Server(config).run(sockets=[sock])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the baseline upload server of bench_server")
    sub = parser.add_subparsers(dest="command", required=True)
    baseline = sub.add_parser("baseline")
    baseline.add_argument("--dir", type=Path, required=True)
    baseline.add_argument("--port-file", type=Path, required=True)
    args = parser.parse_args(argv)
    _serve_baseline(args.dir, args.port_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
