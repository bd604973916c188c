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

from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from app.infra.i18n import install_translator
from app.infra.workers import pending_tasks
from app.shell.main_window import MainWindow
from sync.api import (
    DEMO_PASSWORD,
    DEMO_TENANT,
    DEMO_USER,
    EmbeddedServer,
    connect,
    start_embedded_server,
)
from sync.profile import Profile

WAIT = 20_000


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


@pytest.fixture
def window(qtbot: QtBot, server: EmbeddedServer, tmp_path: Path) -> Iterator[MainWindow]:
    install_translator("en")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    main = MainWindow(settings)  # closed here, not by qtbot: its tasks must deliver first
    main.show()
    profile = Profile(directory=tmp_path / "profile")
    main.begin(lambda: connect(profile, server.url, DEMO_USER, DEMO_PASSWORD, DEMO_TENANT,
                               remember=False))
    yield main
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=WAIT)
    main.close()
    if main.session is not None:
        main.session.close()
    main.deleteLater()
