"""The embedded default: a private server on loopback with SQLite and demo data.

The server runs as a child process (``python -m server_stub``) and the client talks to it over
HTTP exactly as to a remote one. Data lives in the user's data directory.
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import platformdirs

__all__ = ["EmbeddedServer", "default_embedded_dir", "prestart", "start_embedded_server"]

log = logging.getLogger(__name__)

DEMO_USER = "demo"
DEMO_PASSWORD = "demo"
DEMO_TENANT = "demo"


def default_embedded_dir() -> Path:
    return Path(platformdirs.user_data_dir("dossier", appauthor=False)) / "embedded-server"


@dataclass
class EmbeddedServer:
    process: subprocess.Popen[bytes]
    url: str
    data_dir: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()


#: The embedded server is background work on the user's laptop: it yields the CPU to the
#: window (bench_app.py: the window's longest stalls came when both competed for 2 cores).
SERVER_NICENESS = 5


def _server_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "server_stub", *args]


def _run(data_dir: Path, *args: str) -> None:
    env = {**os.environ, "DOSSIER_PASSWORD": DEMO_PASSWORD}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(_server_command(*args, "--data-dir", str(data_dir)), env=env,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr else
                           f"{args[0]} failed")


def start_embedded_server(data_dir: Path | None = None, *, customers: int = 60,
                          timeout: float = 120.0,
                          started: subprocess.Popen[bytes] | None = None) -> EmbeddedServer:
    """Seed on first run, start the server on a free loopback port, wait until it answers.
    ``started`` is a process ``prestart`` launched already for ``data_dir``."""
    data_dir = data_dir or default_embedded_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    marker = data_dir / ".demo-seeded"
    if not marker.exists():
        log.info("seeding demo data into %s", data_dir)
        _run(data_dir, "demo", "--tenant", DEMO_TENANT, "--customers", str(customers))
        marker.write_text("ok")
    process = started or _launch(data_dir)
    port_file = data_dir / "port"
    deadline = time.monotonic() + timeout
    _wait_for(port_file.exists, process, deadline)
    port = int(port_file.read_text().strip())
    # the port file is written when the socket is bound, a moment before it accepts
    _wait_for(lambda: _accepts(port), process, deadline)
    return EmbeddedServer(process=process, url=f"http://127.0.0.1:{port}", data_dir=data_dir)


def prestart(data_dir: Path | None = None) -> subprocess.Popen[bytes] | None:
    """Launch the server process of an already seeded ``data_dir`` at once, so that it
    starts while the window's libraries load (about half of the start time); ``None`` on a
    first run (seeding waits for the window) or when it cannot be launched."""
    data_dir = data_dir or default_embedded_dir()
    if not (data_dir / ".demo-seeded").exists():
        return None
    try:
        return _launch(data_dir)
    except OSError:
        log.warning("could not prestart the embedded server", exc_info=True)
        return None


def _launch(data_dir: Path) -> subprocess.Popen[bytes]:
    port_file = data_dir / "port"
    port_file.unlink(missing_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return subprocess.Popen(
        _server_command("serve", "--data-dir", str(data_dir), "--host", "127.0.0.1",
                        "--port", "0", "--port-file", str(port_file),
                        "--nice", str(SERVER_NICENESS)),
        env=env, stdout=subprocess.DEVNULL)


def _wait_for(ready: Callable[[], bool], process: subprocess.Popen[bytes],
              deadline: float) -> None:
    """Until ``ready()``; ``RuntimeError`` when the server stops or the deadline passes."""
    while not ready():
        if process.poll() is not None:
            raise RuntimeError("the embedded server stopped during start")
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the embedded server did not start in time")
        time.sleep(0.02)


def _accepts(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False
