"""The preferences as typed values: settings saved by earlier versions load, bad ones give the
defaults instead of an error."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings

from app.infra.settings import DEFAULT_DELETION_GUARD, DEFAULT_SYNC_INTERVAL, UserSettings


def _ini(tmp_path: Path, text: str) -> UserSettings:
    path = tmp_path / "settings.ini"
    path.write_text(text, encoding="utf-8")
    return UserSettings(QSettings(str(path), QSettings.Format.IniFormat))


def test_settings_of_an_earlier_version_load(tmp_path: Path) -> None:
    settings = _ini(tmp_path, "[General]\nlanguage=de\n\n[sync]\ninterval=300\n"
                              "deletion_guard=25\n\n[files]\nworking_dir=/home/me/Akten\n")
    assert settings.sync_interval == 300.0
    assert settings.deletion_guard == 25
    assert settings.language == "de"
    assert settings.working_dir == "/home/me/Akten"


def test_nothing_stored_gives_the_defaults(tmp_path: Path) -> None:
    settings = _ini(tmp_path, "")
    assert settings.sync_interval == DEFAULT_SYNC_INTERVAL
    assert settings.deletion_guard == DEFAULT_DELETION_GUARD
    assert settings.language == "" and settings.working_dir == ""
    assert settings.recent_files == [] and settings.favourite_files("me@server") == []
    assert settings.favourites_cursor("me@server") == "latest"
    assert settings.column_layout("documents/me@server") is None


@pytest.mark.parametrize("stored", ["abc", "0", "-5", "", "nan"])
def test_a_bad_interval_gives_the_default(tmp_path: Path, stored: str) -> None:
    settings = _ini(tmp_path, f"[sync]\ninterval={stored}\n")
    assert settings.sync_interval == DEFAULT_SYNC_INTERVAL


@pytest.mark.parametrize("stored", ["abc", "0", "-1", "nan", "inf", "@Invalid()"])
def test_a_bad_deletion_guard_gives_the_default(tmp_path: Path, stored: str) -> None:
    settings = _ini(tmp_path, f"[sync]\ndeletion_guard={stored}\n")
    assert settings.deletion_guard == DEFAULT_DELETION_GUARD


def test_lists_that_are_not_lists_are_empty(tmp_path: Path) -> None:
    settings = _ini(tmp_path, "[navigator]\nrecent=oops\n\n[favourites]\nme\\files=7\n")
    assert settings.recent_files == []
    assert settings.favourite_files("me") == []


def test_values_written_are_read_back(tmp_path: Path) -> None:
    settings = _ini(tmp_path, "")
    settings.sync_interval = 45
    settings.deletion_guard = 3
    settings.language = "es"
    settings.working_dir = str(tmp_path)
    file = {"id": "f1", "key": "K-1", "title": "Peña", "cover": {"city": "Madrid"}}
    settings.recent_files = [file]
    settings.set_favourite_files("me", [file, {"no": "id"}])
    settings.set_favourites_cursor("me", "c-42")
    settings.set_column_layout("documents/me", QByteArray(b"\x00\xffstate"))
    settings.sync()
    again = UserSettings(QSettings(str(tmp_path / "settings.ini"),
                                   QSettings.Format.IniFormat))
    assert again.sync_interval == 45.0 and again.deletion_guard == 3
    assert again.language == "es" and again.working_dir == str(tmp_path)
    assert again.recent_files == [file]
    assert again.favourite_files("me") == [file]
    assert again.favourites_cursor("me") == "c-42"
    assert again.column_layout("documents/me") == QByteArray(b"\x00\xffstate")
    assert again.has_column_layout("documents/me")
    again.forget_column_layout("documents/me")
    assert not again.has_column_layout("documents/me")
