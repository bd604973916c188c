"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from server_stub.db import open_database
from server_stub.models import Base


def test_models_match_migrations(database_url: str) -> None:
    database = open_database(database_url)
    try:
        with database.engine.connect() as connection:
            diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
        assert diff == []
        database.migrate()  # running again is a no-op
    finally:
        database.dispose()
