"""the PostgreSQL full-text search backend's tables (PostgreSQL only; nothing on SQLite)

Revision ID: 0006
Revises: 0005

Not in the models' metadata: only ``server_stub.search.postgres`` reads and writes them, and
SQLite databases never have them (tests/server/test_migrations.py leaves ``search_*`` out).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_table(
        'search_documents',
        sa.Column('tenant_id', sa.String(length=36), nullable=False),
        sa.Column('doc_id', sa.String(length=36), nullable=False),
        sa.Column('file_id', sa.String(length=36), nullable=False),
        sa.Column('file_class', sa.String(length=64), nullable=False),
        sa.Column('register_ids', postgresql.ARRAY(sa.String(length=36)), nullable=False),
        sa.Column('register_names', postgresql.ARRAY(sa.Text()), nullable=False),
        sa.Column('type', sa.String(length=64), nullable=False),
        sa.Column('file_key', sa.Text(), nullable=False),
        sa.Column('created_day', sa.Float(), nullable=False),
        sa.Column('month', sa.String(length=7), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('numbers', postgresql.JSONB(), nullable=False),
        sa.Column('texts', postgresql.JSONB(), nullable=False),
        sa.Column('words', postgresql.TSVECTOR(), nullable=False),
        sa.PrimaryKeyConstraint('tenant_id', 'doc_id'),
    )
    op.create_index('ix_search_documents_words', 'search_documents', ['words'],
                    postgresql_using='gin')
    op.create_index('ix_search_documents_registers', 'search_documents', ['register_ids'],
                    postgresql_using='gin')
    op.create_index('ix_search_documents_created', 'search_documents',
                    ['tenant_id', 'created_day'])
    op.create_table(
        'search_cursors',
        sa.Column('tenant_id', sa.String(length=36), nullable=False),
        sa.Column('seq', sa.BigInteger(), nullable=False),
        sa.Column('fingerprint', sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint('tenant_id'),
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_table('search_cursors')
    op.drop_table('search_documents')
