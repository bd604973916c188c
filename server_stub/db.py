"""Database engines, sessions and migrations (SQLite by default, PostgreSQL by URL).

SQLite runs in WAL mode with foreign keys on. Writing transactions start with
``BEGIN IMMEDIATE`` so that two writers queue on the busy timeout instead of failing when a
read lock would have to be upgraded; reading transactions use a plain ``BEGIN``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["Database", "normalise_url", "open_database"]

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
_READONLY = "dossier_readonly"


def normalise_url(url: str) -> str:
    """Accept ``postgresql://`` and ``postgres://`` and use the psycopg 3 driver for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _sqlite_engine(url: str) -> Engine:
    path = make_url(url).database
    if path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(
        url, connect_args={"check_same_thread": False, "timeout": 60}, pool_size=8,
        max_overflow=16)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        readonly = connection.get_execution_options().get(_READONLY, False)
        connection.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")

    return engine


@dataclass
class Database:
    """The engine plus factories for writing and reading sessions."""

    engine: Engine
    url: str

    def __post_init__(self) -> None:
        self._writer = sessionmaker(bind=self.engine, expire_on_commit=False)
        self._reader = sessionmaker(
            bind=self.engine.execution_options(**{_READONLY: True}), expire_on_commit=False)

    @property
    def is_postgres(self) -> bool:
        return self.engine.dialect.name == "postgresql"

    def writer(self) -> Session:
        return self._writer()

    def reader(self) -> Session:
        return self._reader()

    @contextmanager
    def writing(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on any exception."""
        with self.writer() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def migrate(self) -> None:
        """Bring the schema to the newest migration; safe when several processes start."""
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.connect() as connection:
            if self.is_postgres:
                connection.execute(text("SELECT pg_advisory_lock(74201)"))
                connection.commit()
            else:
                # batch migrations rebuild tables that others refer to: SQLite's advice is
                # foreign keys off around the rebuild (outside any transaction), checked after
                connection.connection.driver_connection.execute(  # type: ignore[union-attr]
                    "PRAGMA foreign_keys=OFF")
            try:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                connection.commit()
                if not self.is_postgres:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").first()
                    connection.commit()
                    if broken is not None:
                        raise RuntimeError(f"migration left a broken reference: {broken}")
            finally:
                if self.is_postgres:
                    connection.execute(text("SELECT pg_advisory_unlock(74201)"))
                    connection.commit()
                else:
                    connection.connection.driver_connection.execute(  # type: ignore[union-attr]
                        "PRAGMA foreign_keys=ON")

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Connect to ``url`` and, unless told otherwise, apply pending migrations."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = _sqlite_engine(url)
    else:
        engine = create_engine(url, pool_size=10, max_overflow=20, pool_pre_ping=True)
    database = Database(engine=engine, url=url)
    if migrate:
        database.migrate()
    return database
