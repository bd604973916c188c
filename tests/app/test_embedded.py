"""``dossier serve-embedded``: the private server with demo data on loopback, no window
(``dossier`` with no command starts the same server behind the main window)."""

from __future__ import annotations

import os
import re
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
