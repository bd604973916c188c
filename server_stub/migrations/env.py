"""Alembic environment: runs on the connection handed in by ``Database.migrate``."""

from __future__ import annotations

from typing import Any

from alembic import context

from server_stub.orm import Base, UTCDateTime


def render_item(kind: str, obj: Any, autogen_context: Any) -> str | bool:
    """Render the project's column types as plain SQLAlchemy types in migrations."""
    if kind == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=Base.metadata,
                  render_as_batch=connection.dialect.name == "sqlite", render_item=render_item)
with context.begin_transaction():
    context.run_migrations()
