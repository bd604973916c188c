"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from server_stub.db import open_database
from server_stub.orm import Base


def test_models_match_migrations(database_url: str) -> None:
    database = open_database(database_url)
    try:
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "include_name": lambda name, kind, _parent: not (
                    kind == "table" and str(name).startswith("search_"))})
            diff = compare_metadata(context, Base.metadata)
        assert diff == []
        database.migrate()  # running again is a no-op
    finally:
        database.dispose()


def test_document_ids_per_tenant_upgrade_keeps_documents(tmp_path: Path) -> None:
    """0004 rebuilds the documents key under existing versions and register places."""
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from server_stub.db import MIGRATIONS

    database = open_database(f"sqlite:///{tmp_path / 'old.sqlite3'}", migrate=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with database.engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.commit()
    now = "2026-01-01 00:00:00.000000"
    rows = [
        "INSERT INTO tenants VALUES ('t1', 'one', '{now}')",
        "INSERT INTO files (id, tenant_id, file_class, key, title, cover, search_text, "
        "row_version, created_by, created_at, updated_at) VALUES ('f1', 't1', 'customer', 'K', "
        "'T', '{{}}', '', 1, 'a', '{now}', '{now}')",
        "INSERT INTO registers VALUES ('r1', 't1', 'f1', NULL, 'letters', 'Letters', 0)",
        "INSERT INTO documents (id, tenant_id, file_id, type, title, \"index\", search_text, "
        "current_version, row_version, legal_hold, created_by, created_at, updated_at) VALUES "
        "('d1', 't1', 'f1', 'letter', 'L', '{{}}', '', 1, 1, 0, 'a', '{now}', '{now}')",
        "INSERT INTO document_registers VALUES ('d1', 'r1')",
        "INSERT INTO blobs VALUES ('{sha}', 1, '{now}')",
        "INSERT INTO versions VALUES ('v1', 't1', 'd1', 1, '{sha}', 1, 'text/plain', 'l.txt', "
        "'', 'a', '{now}')",
    ]
    with database.writing() as session:
        for row in rows:
            session.execute(text(row.format(now=now, sha="a" * 64)))
    database.migrate()
    with database.reader() as session:
        assert session.execute(text("SELECT document_id, tenant_id FROM document_registers")
                               ).all() == [("d1", "t1")]
        assert session.execute(text("SELECT document_id FROM versions")).all() == [("d1",)]
    database.dispose()
