"""``dossier`` as a user runs it, for the command-line tests: one user's CLI on one machine
(``Cli``: real subprocesses, a profile directory and a test keyring) and the way to the server
(``Tunnel``: a TCP forwarder the test closes to go offline).

Tokens go to a test-only file keyring (``keyring_file_backend.py``, selected by
``PYTHON_KEYRING_BACKEND``); offline is a TCP tunnel in front of the server that the test
closes — the profile and its replica stay the same, only the network goes away.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .conftest import PASSWORD, TENANT

__all__ = ["FILE_KEYRING", "NO_KEYRING", "Cli", "Tunnel"]

ROOT = Path(__file__).resolve().parents[2]
FILE_KEYRING = "tests.sync.keyring_file_backend.FileKeyring"
NO_KEYRING = "keyring.backends.fail.Keyring"


class Cli:
    """One user's ``dossier`` on one machine: a profile directory and a keyring."""

    def __init__(self, home: Path, *, keyring_backend: str = FILE_KEYRING) -> None:
        self.profile = home / "profile"
        self.keyring_file = home / "keyring.json"
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("DOSSIER_PASSWORD", "DOSSIER_PROFILE")}
        self.env.update(PYTHON_KEYRING_BACKEND=keyring_backend,
                        DOSSIER_TEST_KEYRING=str(self.keyring_file), PYTHONIOENCODING="utf-8")

    def run(self, *args: str, stdin: str | None = None,
            env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "app", "--profile", str(self.profile), *args],
            cwd=ROOT, env={**self.env, **(env or {})}, input=stdin if stdin is not None else "",
            capture_output=True, text=True, encoding="utf-8", timeout=120, check=False)

    def ok(self, *args: str, **kwargs: Any) -> str:
        done = self.run(*args, **kwargs)
        assert done.returncode == 0, (args, done.stdout, done.stderr)
        return done.stdout

    def json(self, *args: str, **kwargs: Any) -> Any:
        return json.loads(self.ok(*args, "--json", **kwargs))

    def fails(self, *args: str, **kwargs: Any) -> str:
        """Exit code 1 and exactly one readable line on stderr; returns that line."""
        done = self.run(*args, **kwargs)
        assert done.returncode == 1, (args, done.stdout, done.stderr)
        lines = done.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("dossier: "), (args, done.stderr)
        assert "Traceback" not in done.stderr
        return lines[0]

    def bad_usage(self, *args: str) -> None:
        done = self.run(*args)
        assert done.returncode == 2, (args, done.stdout, done.stderr)
        assert "usage" in done.stderr

    def login(self, url: str, user: str = "alice") -> str:
        return self.ok("login", url, "--user", user, "--tenant", TENANT, "--password-stdin",
                       stdin=PASSWORD + "\n")

    def keyring(self) -> dict[str, str]:
        if not self.keyring_file.exists():
            return {}
        return dict(json.loads(self.keyring_file.read_text(encoding="utf-8")))


class Tunnel:
    """A TCP forwarder in front of the server: ``close()`` is the train entering a tunnel
    (connections cut, the port refuses), ``open()`` again on the same port is the way out."""

    def __init__(self, target_url: str) -> None:
        parts = urlsplit(target_url)
        self.target = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.port = 0
        self._listener: socket.socket | None = None
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def open(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        listener.settimeout(0.05)
        self.port = listener.getsockname()[1]
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=10)
            except OSError:
                client.close()
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                self._sockets += [client, upstream]
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (src, dst):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
