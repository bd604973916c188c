"""App tests: a real embedded server with 3 demo customers, seeded once per run and copied
for each test module, plus a main window signed in to it."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DOSSIER_LANG", "en")

from app.embedded import EmbeddedServer, start_embedded_server


@pytest.fixture(scope="session")
def seeded_server_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Demo data for 3 customers, seeded once (seeding is the slow part)."""
    template = tmp_path_factory.mktemp("seeded-server")
    start_embedded_server(template, customers=3).stop()
    return template


@pytest.fixture(scope="module")
def server(seeded_server_dir: Path,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedServer]:
    data_dir = tmp_path_factory.mktemp("server") / "data"
    shutil.copytree(seeded_server_dir, data_dir, ignore=shutil.ignore_patterns("port"))
    running = start_embedded_server(data_dir, customers=3)
    yield running
    running.stop()
