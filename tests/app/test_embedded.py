"""``dossier serve-embedded``: the private server with demo data on loopback, no window
(``dossier`` with no command starts the same server behind the main window)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from ..conftest import ROOT


def test_launch_starts_embedded_server_with_demo_data(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    process = subprocess.Popen(
        [sys.executable, "-m", "app", "serve-embedded", "--data-dir", str(tmp_path),
         "--demo-customers", "3"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        match = re.search(r"(http://127\.0\.0\.1:\d+)", first)
        assert match, first + (process.stderr.read() if process.stderr else "")
        url = match.group(1)
        with httpx.Client(base_url=url, timeout=30) as client:
            token = client.post("/api/v1/auth/token", data={
                "username": "demo", "password": "demo", "tenant": "demo"}).json()
            headers = {"Authorization": f"Bearer {token['access_token']}"}
            files = client.get("/api/v1/files", headers=headers).json()["items"]
            assert len(files) == 3
            docs = client.get(f"/api/v1/files/{files[0]['id']}/documents",
                              headers=headers).json()["items"]
            assert len(docs) == 20
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
    # a second launch reuses the data: no second seeding
    assert (tmp_path / ".demo-seeded").exists()


def test_prestart_launches_a_seeded_server_early(seeded_server_dir: Path,
                                                 tmp_path: Path) -> None:
    from sync.api import prestart, start_embedded_server

    assert prestart(tmp_path / "never seeded") is None  # the first run seeds behind the window
    data_dir = tmp_path / "data"
    shutil.copytree(seeded_server_dir, data_dir, ignore=shutil.ignore_patterns("port"))
    process = prestart(data_dir)
    assert process is not None
    server = start_embedded_server(data_dir, customers=3, started=process)
    try:
        assert server.process is process
        assert httpx.get(f"{server.url}/openapi.json", timeout=30).status_code == 200
    finally:
        server.stop()
