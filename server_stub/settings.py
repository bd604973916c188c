"""Server settings: defaults < config file < environment < command line.

The config file is ``<data dir>/server.toml`` unless ``DOSSIER_CONFIG`` or ``--config`` names
another one. Environment variables are ``DOSSIER_<FIELD>`` (upper case), plus the conventional
``DATABASE_URL``.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

__all__ = ["Settings", "load_settings"]


def _default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir("dossier-server", appauthor=False))


@dataclass(frozen=True)
class Settings:
    """Everything the server process needs to know, resolved once at start."""

    data_dir: Path = field(default_factory=_default_data_dir)
    database_url: str = ""
    host: str = "127.0.0.1"
    port: int = 8470
    access_token_seconds: int = 300
    refresh_token_days: int = 30
    max_json_bytes: int = 1_048_576
    max_blob_bytes: int = 4 * 1024**3
    login_delay_seconds: float = 0.25
    login_delay_max_seconds: float = 30.0
    login_address_free_failures: int = 20
    login_failure_window_seconds: int = 3600
    file_classes_dir: Path | None = None
    actor_cache_seconds: float = 2.0
    checkout_lease_hours: int = 72
    #: The audit checkpoints' signing key (``DOSSIER_AUDIT_KEY``); empty: ``<data dir>/audit.key``
    audit_key: str = field(default="", repr=False)
    audit_checkpoint_seconds: float = 300.0
    #: ``tantivy`` (an index per tenant under ``<data dir>/search``), ``postgres`` (a table of
    #: the PostgreSQL database: for several server processes or machines) or ``off``
    search_backend: str = "tantivy"
    #: how often the search indexer looks at the feed besides being woken by commits
    search_poll_seconds: float = 1.0

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def search_dir(self) -> Path:
        return self.data_dir / "search"

    @property
    def audit_checkpoint_path(self) -> Path:
        """The append-only file of signed audit-chain checkpoints (outside the database)."""
        return self.data_dir / "audit-checkpoints.jsonl"

    @property
    def effective_database_url(self) -> str:
        """``database_url`` or, when unset, the SQLite database in the data directory."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'dossier.sqlite3'}"


_ENV_PREFIX = "DOSSIER_"


def _coerce(name: str, raw: Any) -> Any:
    kind = {f.name: f.type for f in dataclasses.fields(Settings)}[name]
    if raw is None:
        return None
    if "Path" in str(kind):
        return Path(str(raw)).expanduser()
    if kind == "int":
        return int(raw)
    if kind == "float":
        return float(raw)
    return str(raw)


def load_settings(
    overrides: dict[str, Any] | None = None,
    *,
    environ: dict[str, str] | None = None,
    config_file: Path | None = None,
) -> Settings:
    """Resolve settings with the documented precedence.

    ``overrides`` are command-line values (``None`` entries are ignored). Raises ``ValueError``
    with the offending name when a value has the wrong type, and ``FileNotFoundError`` when an
    explicitly named config file does not exist.
    """
    env = dict(os.environ if environ is None else environ)
    cli = {k: v for k, v in (overrides or {}).items() if v is not None}
    names = {f.name for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}

    data_dir = cli.get("data_dir") or env.get("DOSSIER_DATA_DIR")
    explicit_config = config_file or (Path(env["DOSSIER_CONFIG"]) if env.get("DOSSIER_CONFIG")
                                      else None)
    candidate = explicit_config or (Path(data_dir) if data_dir else _default_data_dir()) / (
        "server.toml")
    if candidate.exists():
        with candidate.open("rb") as fh:
            for key, raw in tomllib.load(fh).items():
                if key in names:
                    values[key] = raw
    elif explicit_config is not None:
        raise FileNotFoundError(str(candidate))

    for name in names:
        raw = env.get(_ENV_PREFIX + name.upper())
        if raw is not None:
            values[name] = raw
    if env.get("DATABASE_URL"):
        values["database_url"] = env["DATABASE_URL"]
    values.update({k: v for k, v in cli.items() if k in names})

    resolved: dict[str, Any] = {}
    for name, raw in values.items():
        try:
            resolved[name] = _coerce(name, raw)
        except (TypeError, ValueError) as exc:
            raise ValueError(f"setting {name}: {raw!r} is not valid") from exc
    return Settings(**resolved)
