"""The local replica: the client's truth while offline (SQLite via SQLAlchemy).

One replica per server and user. Schema changes are numbered migrations tracked in
``PRAGMA user_version``. Every local action writes its replica change and its outbox operation
in the same transaction (see ``outbox.py``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy import JSON, Boolean, Integer, String, Text, create_engine, event, text
from sqlalchemy.engine import Dialect, Engine
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator

from .due import DUE_SCHEMA, FILL_DUE
from .errors import ReplicaDamaged
from .operations import OpKind, OpState
from .search_schema import SEARCH_SCHEMA

__all__ = ["Conflict", "LocalDocument", "LocalFile", "LocalVersion", "Meta", "OutboxOp", "Replica",
           "utcnow"]

log = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


_Word = TypeVar("_Word", bound=StrEnum)


class _Words(TypeDecorator[_Word], Generic[_Word]):
    """A ``StrEnum`` stored as its plain string value (the column stays a ``VARCHAR``)."""

    impl = String
    cache_ok = True

    def __init__(self, words: type[_Word], length: int) -> None:
        super().__init__(length)
        self._words = words

    def process_bind_param(self, value: _Word | str | None, dialect: Dialect) -> str | None:
        return None if value is None else str(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> _Word | None:
        return None if value is None else self._words(value)


class _Base(DeclarativeBase):
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}  # noqa: RUF012


class LocalFile(_Base):
    """A checked-out customer file: its cover, register tree, and server base."""

    __tablename__ = "files"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str] = mapped_column(String(300))
    file_class: Mapped[str] = mapped_column(String(64))
    cover: Mapped[dict[str, Any]] = mapped_column(default=dict)
    registers: Mapped[list[Any]] = mapped_column(default=list)
    etag: Mapped[str] = mapped_column(String(64))
    base: Mapped[dict[str, Any]] = mapped_column(default=dict)
    checkout_id: Mapped[str | None] = mapped_column(String(36))
    mode: Mapped[str] = mapped_column(String(10), default="shared")
    scope: Mapped[list[Any] | None] = mapped_column(default=None)
    cursor: Mapped[str] = mapped_column(String(32), default="0")
    working_dir: Mapped[str | None] = mapped_column(Text)
    checked_out_at: Mapped[str] = mapped_column(String(40), default="")
    last_sync: Mapped[str | None] = mapped_column(String(40))


class LocalDocument(_Base):
    """A document as the user sees it now; ``base`` is the server state it was last synced
    to, kept for three-way merges."""

    __tablename__ = "documents"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    file_id: Mapped[str] = mapped_column(String(36), index=True)
    type: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(300))
    index: Mapped[dict[str, Any]] = mapped_column(default=dict)
    registers: Mapped[list[Any]] = mapped_column(default=list)
    etag: Mapped[str | None] = mapped_column(String(64))
    current_version: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str | None] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255), default="")
    media_type: Mapped[str] = mapped_column(String(200), default="application/octet-stream")
    base: Mapped[dict[str, Any]] = mapped_column(default=dict)
    state: Mapped[str] = mapped_column(String(12), default="synced")  # synced|new|modified|deleted
    server_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[str] = mapped_column(String(40), default="")
    updated_at: Mapped[str] = mapped_column(String(40), default="")
    working_path: Mapped[str | None] = mapped_column(Text)
    working_sha: Mapped[str | None] = mapped_column(String(64))  # what the working copy held
    #: the server changed it while a local change was queued (so the pull skipped it), or a
    #: conflict about it was resolved: fetched again once nothing is queued for it
    stale: Mapped[bool] = mapped_column(Boolean, default=False)


class LocalVersion(_Base):
    __tablename__ = "versions"
    document_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer, default=0)
    media_type: Mapped[str] = mapped_column(String(200), default="")
    filename: Mapped[str] = mapped_column(String(255), default="")
    created_by: Mapped[str] = mapped_column(String(100), default="")
    created_at: Mapped[str] = mapped_column(String(40), default="")
    comment: Mapped[str] = mapped_column(Text, default="")
    pending: Mapped[bool] = mapped_column(Boolean, default=False)


class OutboxOp(_Base):
    """A local action waiting to be checked in. ``seq`` orders them."""

    __tablename__ = "outbox"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    file_id: Mapped[str] = mapped_column(String(36), index=True)
    document_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[OpKind] = mapped_column(_Words(OpKind, 20))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    state: Mapped[OpState] = mapped_column(_Words(OpState, 10), default=OpState.PENDING)
    result: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    created_at: Mapped[str] = mapped_column(String(40), default="")


class Conflict(_Base):
    """Something the user must decide; it stays until resolved."""

    __tablename__ = "conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    file_id: Mapped[str] = mapped_column(String(36), index=True)
    document_id: Mapped[str | None] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(12))  # fields|content|deleted|rejected
    op_seq: Mapped[int | None] = mapped_column(Integer)
    base: Mapped[dict[str, Any]] = mapped_column(default=dict)
    mine: Mapped[dict[str, Any]] = mapped_column(default=dict)
    theirs: Mapped[dict[str, Any]] = mapped_column(default=dict)
    fields: Mapped[list[Any]] = mapped_column(default=list)
    detail: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(10), default="open")  # open|resolved
    resolution: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[str] = mapped_column(String(40), default="")


class Meta(_Base):
    """Small engine state by name: file classes, the device id, ..."""

    __tablename__ = "meta"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(default=dict)


#: Numbered migrations: index i brings a replica from user_version i to i + 1.
MIGRATIONS: list[list[str]] = [
    [],  # 0 → 1: the tables of the models above (created by metadata)
    # 1 → 2: remember what was written into each working copy, to refresh untouched ones
    ["ALTER TABLE documents ADD COLUMN working_sha VARCHAR(64)"],
    # 2 → 3: documents to fetch again once their queued changes are sent
    ["ALTER TABLE documents ADD COLUMN stale BOOLEAN NOT NULL DEFAULT 0"],
    # 3 → 4: the offline search index (search_schema.py); every document is indexed anew
    [*SEARCH_SCHEMA, "INSERT OR IGNORE INTO search_pending SELECT id FROM documents"],
    # 4 → 5: what a sync still owes (due.py): contents to download, working copies to write,
    # kept by triggers instead of looking at every document; when the self-check last ran
    [*DUE_SCHEMA, *FILL_DUE],
]


class Replica:
    """The replica database plus the content cache folder beside it."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.cache_dir = path.parent / "cache"
        path.parent.mkdir(parents=True, exist_ok=True)
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        self.engine = self._open(path)
        self._sessions = sessionmaker(bind=self.engine, expire_on_commit=False)

    @staticmethod
    def _open(path: Path) -> Engine:
        engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": 30})

        @event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection: Any, _record: Any) -> None:
            dbapi_connection.isolation_level = None
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        @event.listens_for(engine, "begin")
        def _on_begin(connection: Any) -> None:
            connection.exec_driver_sql("BEGIN IMMEDIATE")

        try:
            with engine.connect() as connection:
                result = connection.exec_driver_sql("PRAGMA quick_check").scalar()
                if result != "ok":
                    raise ReplicaDamaged(f"the replica {path} failed its integrity check: "
                                         f"{result}")
                version = int(connection.exec_driver_sql("PRAGMA user_version").scalar() or 0)
                if version > len(MIGRATIONS):
                    raise ReplicaDamaged(f"the replica is of schema {version}, made by a newer "
                                         "Dossier; update this one")
                if version == 0:
                    _Base.metadata.create_all(connection)  # the newest schema at once
                    for statement in [*SEARCH_SCHEMA, *DUE_SCHEMA]:  # what models cannot
                        connection.exec_driver_sql(statement)  # say: FTS, triggers
                    version = len(MIGRATIONS)
                for number in range(version, len(MIGRATIONS)):
                    for statement in MIGRATIONS[number]:
                        connection.execute(text(statement))
                    version = number + 1
                connection.exec_driver_sql(f"PRAGMA user_version={max(version, 1)}")
                connection.commit()
        except DatabaseError as exc:
            engine.dispose()
            raise ReplicaDamaged(f"the replica {path} cannot be read: {exc.orig}") from exc
        return engine

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One atomic unit: commits on success, rolls back on any exception."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def cache_path(self, sha256: str) -> Path:
        return self.cache_dir / sha256[:2] / sha256

    def close(self) -> None:
        self.engine.dispose()
