"""Settings precedence: defaults < config file < environment < command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from server_stub.settings import load_settings


def test_precedence(tmp_path: Path) -> None:
    (tmp_path / "server.toml").write_text('port = 9000\nhost = "0.0.0.0"\n'
                                          'access_token_seconds = 60\n')
    env = {"DOSSIER_DATA_DIR": str(tmp_path), "DOSSIER_PORT": "9100",
           "DATABASE_URL": "postgresql://x@h/db"}
    settings = load_settings({"port": 9200}, environ=env)
    assert settings.port == 9200  # command line wins
    assert settings.host == "0.0.0.0"  # from the file
    assert settings.access_token_seconds == 60
    assert settings.database_url == "postgresql://x@h/db"
    assert load_settings(environ=env).port == 9100  # environment over file
    assert load_settings(environ={"DOSSIER_DATA_DIR": str(tmp_path / "none")}).port == 8470


def test_bad_values_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="port"):
        load_settings(environ={"DOSSIER_DATA_DIR": str(tmp_path), "DOSSIER_PORT": "eighty"})
    with pytest.raises(FileNotFoundError):
        load_settings(environ={}, config_file=tmp_path / "missing.toml")


def test_sqlite_default_in_data_dir(tmp_path: Path) -> None:
    settings = load_settings(environ={"DOSSIER_DATA_DIR": str(tmp_path)})
    assert settings.effective_database_url == f"sqlite:///{tmp_path / 'dossier.sqlite3'}"
