"""document ids per tenant: documents keyed by (id, tenant_id); versions and register places
refer to a document with its tenant

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

#: SQLite's foreign keys have no names; batch mode names them with this to drop them.
NAMES = {"fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
         "uq": "uq_%(table_name)s_%(column_0_name)s_%(column_1_name)s",
         "pk": "pk_%(table_name)s"}


def _fill_register_tenants() -> None:
    op.execute("UPDATE document_registers SET tenant_id = (SELECT documents.tenant_id FROM "
               "documents WHERE documents.id = document_registers.document_id)")


def _upgrade_sqlite() -> None:
    with op.batch_alter_table('document_registers', naming_convention=NAMES) as batch_op:
        batch_op.add_column(sa.Column('tenant_id', sa.String(length=36), nullable=True))
    _fill_register_tenants()
    with op.batch_alter_table('versions', naming_convention=NAMES) as batch_op:
        batch_op.drop_constraint('fk_versions_document_id_documents', type_='foreignkey')
        batch_op.drop_constraint('uq_versions_document_id_number', type_='unique')
    with op.batch_alter_table('document_registers', naming_convention=NAMES) as batch_op:
        batch_op.drop_constraint('fk_document_registers_document_id_documents',
                                 type_='foreignkey')
    with op.batch_alter_table('documents', naming_convention=NAMES,
                              recreate='always') as batch_op:
        batch_op.drop_constraint('pk_documents', type_='primary')
        batch_op.create_primary_key('pk_documents', ['id', 'tenant_id'])
    _add_references(sqlite=True)


def _upgrade_postgres() -> None:
    op.add_column('document_registers', sa.Column('tenant_id', sa.String(length=36),
                                                  nullable=True))
    _fill_register_tenants()
    op.drop_constraint('versions_document_id_fkey', 'versions', type_='foreignkey')
    op.drop_constraint('versions_document_id_number_key', 'versions', type_='unique')
    op.drop_constraint('document_registers_document_id_fkey', 'document_registers',
                       type_='foreignkey')
    op.drop_constraint('documents_pkey', 'documents', type_='primary')
    op.create_primary_key('documents_pkey', 'documents', ['id', 'tenant_id'])
    _add_references(sqlite=False)


def _add_references(*, sqlite: bool) -> None:
    def table(name: str):  # type: ignore[no-untyped-def]
        return (op.batch_alter_table(name, naming_convention=NAMES) if sqlite
                else op.batch_alter_table(name))

    with table('document_registers') as batch_op:
        batch_op.alter_column('tenant_id', existing_type=sa.String(length=36), nullable=False)
        batch_op.create_foreign_key('fk_document_registers_tenant', 'tenants', ['tenant_id'],
                                    ['id'])
        batch_op.create_foreign_key('fk_document_registers_document', 'documents',
                                    ['document_id', 'tenant_id'], ['id', 'tenant_id'])
        batch_op.create_index(batch_op.f('ix_document_registers_tenant_id'), ['tenant_id'],
                              unique=False)
    with table('versions') as batch_op:
        batch_op.create_unique_constraint('uq_versions_document_number',
                                          ['tenant_id', 'document_id', 'number'])
        batch_op.create_foreign_key('fk_versions_document', 'documents',
                                    ['document_id', 'tenant_id'], ['id', 'tenant_id'])


def upgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        _upgrade_sqlite()
    else:
        _upgrade_postgres()


def downgrade() -> None:
    raise NotImplementedError("document ids may repeat across tenants now: no way back")
