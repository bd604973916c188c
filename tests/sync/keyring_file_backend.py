"""A keyring backend for the CLI tests only: a JSON file named by ``DOSSIER_TEST_KEYRING``.

Selected in subprocesses with
``PYTHON_KEYRING_BACKEND=tests.sync.keyring_file_backend.FileKeyring``. It stores secrets in
plain text, which is why it lives under ``tests/`` and nowhere near the product: the product
only talks to the system keyring (``sync/credentials.py``).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

ENV = "DOSSIER_TEST_KEYRING"


class FileKeyring(KeyringBackend):
    priority = 1

    @staticmethod
    def _path() -> Path:
        name = os.environ.get(ENV)
        if not name:
            raise KeyringError(f"{ENV} is not set")
        return Path(name)

    def _load(self) -> dict[str, str]:
        path = self._path()
        if not path.exists():
            return {}
        return dict(json.loads(path.read_text(encoding="utf-8")))

    def _save(self, entries: dict[str, str]) -> None:
        path = self._path()
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(entries, indent=2), encoding="utf-8")
        tmp.replace(path)

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\n{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        entries = self._load()
        entries[f"{service}\n{username}"] = password
        self._save(entries)

    def delete_password(self, service: str, username: str) -> None:
        entries = self._load()
        if entries.pop(f"{service}\n{username}", None) is None:
            raise PasswordDeleteError("no such password")
        self._save(entries)
