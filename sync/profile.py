"""A user's profile: which server and user, the device id, and where the replica lives.

User settings (``profile.json``) stay apart from engine state (the replica database).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

import platformdirs

__all__ = ["Profile", "default_profile_dir"]


def default_profile_dir() -> Path:
    env = os.environ.get("DOSSIER_PROFILE")
    return Path(env) if env else Path(platformdirs.user_data_dir("dossier", appauthor=False))


@dataclass
class Profile:
    directory: Path
    server_url: str = ""
    username: str = ""
    tenant: str = ""
    device_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    sync_interval_seconds: int = 60
    deletion_guard: int = 10
    working_dir: str = ""  # where checked-out files are written; empty: inside the profile

    @classmethod
    def load(cls, directory: Path) -> Profile:
        path = directory / "profile.json"
        if not path.exists():
            return cls(directory=directory)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            raw = {}
        known = {k: v for k, v in raw.items() if k in cls.__dataclass_fields__ and k != "directory"}
        return cls(directory=directory, **known)

    def save(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        body = {k: v for k, v in asdict(self).items() if k != "directory"}
        tmp = self.directory / "profile.json.tmp"
        tmp.write_text(json.dumps(body, indent=2), encoding="utf-8")
        tmp.replace(self.directory / "profile.json")

    @property
    def replica_path(self) -> Path:
        tag = hashlib.sha256(f"{self.server_url}|{self.tenant}|{self.username}".encode())
        return self.directory / "replicas" / tag.hexdigest()[:16] / "replica.sqlite3"

    @property
    def files_dir(self) -> Path:
        return Path(self.working_dir) if self.working_dir else self.directory / "files"
