"""The real server as a subprocess on a free port, set up and driven like an administrator."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from ..conftest import ROOT


def _cli(data_dir: Path, *args: str, stdin: str | None = None,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "server_stub", *args, "--data-dir",
                           str(data_dir)], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, timeout=300, env={**os.environ, **(env or {})})


@pytest.fixture
def served(tmp_path: Path, database_url: str) -> Iterator[tuple[str, Path, dict[str, str]]]:
    env = {"DATABASE_URL": database_url}
    data_dir = tmp_path / "data"
    init = _cli(data_dir, "init", "--tenant", "acme", "--admin", "alice", "--password-stdin",
                stdin="s3cret pass\n", env=env)
    assert init.returncode == 0, init.stderr
    again = _cli(data_dir, "init", "--tenant", "acme", "--admin", "alice",
                 env={**env, "DOSSIER_PASSWORD": "s3cret pass"})
    assert again.returncode == 0 and "exists already" in again.stdout
    port_file = tmp_path / "port"
    process = subprocess.Popen(
        [sys.executable, "-m", "server_stub", "serve", "--data-dir", str(data_dir), "--port",
         "0", "--port-file", str(port_file)], cwd=ROOT, env={**os.environ, **env},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while not port_file.exists():
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        assert time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port_file.read_text()}", data_dir, env
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_administrator_sets_up_and_uses_a_server(
        served: tuple[str, Path, dict[str, str]]) -> None:
    url, data_dir, env = served
    made = _cli(data_dir, "create-user", "--tenant", "acme", "--username", "bob",
                "--password", "bob pass", "--role", "reader", "--unit", "north", env=env)
    assert made.returncode == 0, made.stderr
    with httpx.Client(base_url=url, timeout=30) as client:
        assert client.get("/openapi.json").json()["info"]["title"] == "Dossier"
        token = client.post("/api/v1/auth/token", data={"username": "alice",
                                                        "password": "s3cret pass"}).json()
        alice = {"Authorization": f"Bearer {token['access_token']}"}
        file = client.post("/api/v1/files", headers=alice, json={
            "file_class": "customer", "key": "K-77", "title": "Müller GmbH",
            "cover": {"name": "Müller GmbH", "city": "München", "country": "DE"}}).json()
        data = b"%PDF-1.4 an invoice"
        sha = hashlib.sha256(data).hexdigest()
        assert client.put(f"/api/v1/blobs/{sha}", content=data, headers=alice).status_code == 201
        doc = client.post(f"/api/v1/files/{file['id']}/documents", headers=alice, json={
            "type": "invoice", "title": "Rechnung 1", "registers": ["invoices"],
            "index": {"number": "R-1", "date": "2026-03-01", "amount": "99.90",
                      "currency": "EUR"},
            "content": {"sha256": sha, "filename": "r1.pdf", "media_type": "application/pdf"}})
        assert doc.status_code == 201, doc.text

        bob_token = client.post("/api/v1/auth/token", data={
            "username": "bob", "password": "bob pass", "tenant": "acme"}).json()
        bob = {"Authorization": f"Bearer {bob_token['access_token']}"}
        assert client.get("/api/v1/files", headers=bob).json()["items"][0]["key"] == "K-77"
        assert client.post("/api/v1/files", headers=bob, json={
            "file_class": "customer", "key": "K-78", "title": "x",
            "cover": {"name": "x"}}).status_code == 403

    granted = _cli(data_dir, "grant", "--tenant", "acme", "--principal", "unit:north",
                   "--permissions", "read,create", "--scope", f"file:{file['id']}", env=env)
    assert granted.returncode == 0, granted.stderr
    verified = _cli(data_dir, "verify-audit", "--tenant", "acme", env=env)
    assert verified.returncode == 0 and "intact" in verified.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["init", "--tenant", "t", "--admin", "a"], "give a password"),
    (["create-user", "--tenant", "missing", "--username", "u", "--password", "p"],
     "no tenant missing"),
    (["verify-audit", "--tenant", "missing"], "no tenant missing"),
    (["grant", "--tenant", "missing", "--principal", "user:x", "--permissions", "read"],
     "no tenant missing"),
])
def test_cli_failures_are_one_readable_line(tmp_path: Path, args: list[str],
                                            message: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DOSSIER_PASSWORD",
                                                            "DATABASE_URL")}
    result = subprocess.run([sys.executable, "-m", "server_stub", *args, "--data-dir",
                             str(tmp_path)], capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=120)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]


def test_cli_bad_usage_and_bad_database(tmp_path: Path) -> None:
    usage = subprocess.run([sys.executable, "-m", "server_stub", "frobnicate"], cwd=ROOT,
                           capture_output=True, text=True, timeout=60)
    assert usage.returncode == 2
    bad = subprocess.run([sys.executable, "-m", "server_stub", "verify-audit", "--tenant", "x",
                          "--data-dir", str(tmp_path)], cwd=ROOT, capture_output=True,
                         text=True, timeout=60,
                         env={**os.environ, "DATABASE_URL": "postgresql://nobody@127.0.0.1:1/x"})
    assert bad.returncode == 1
    assert bad.stderr.strip().splitlines()[0].startswith("dossier-server: cannot open the database")


def test_several_server_processes_share_one_port(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    assert _cli(data_dir, "init", "--tenant", "acme", "--admin", "alice", "--password",
                "pw pw pw", env=env).returncode == 0
    port_file = tmp_path / "port"
    process = subprocess.Popen(
        [sys.executable, "-m", "server_stub", "serve", "--data-dir", str(data_dir), "--port",
         "0", "--port-file", str(port_file), "--workers", "2"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not port_file.exists():
            assert process.poll() is None and time.monotonic() < deadline
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port_file.read_text()}"
        assert len(_children(process.pid)) == 2
        tokens = httpx.post(f"{url}/api/v1/auth/token", timeout=30, data={
            "username": "alice", "password": "pw pw pw"}).json()
        headers = {"Authorization": f"Bearer {tokens['access_token']}"}
        # a token signed by one process is good in the other: the key lives in the database
        for n in range(20):
            response = httpx.post(f"{url}/api/v1/files", headers=headers, timeout=30, json={
                "file_class": "customer", "key": f"K-{n}", "title": "x", "cover": {"name": "x"}})
            assert response.status_code == 201, response.text
    finally:
        process.terminate()
        assert process.wait(timeout=30) == 0
    assert _children(process.pid) == []


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found
