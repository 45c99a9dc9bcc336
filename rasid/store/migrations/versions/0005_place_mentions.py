"""place mentions: every place an article names (resolved or not) and the place each event mention sits at

Revision ID: 0005
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('place_mentions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('idx', sa.Integer(), nullable=False),
    sa.Column('start', sa.Integer(), nullable=False),
    sa.Column('end', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=True),
    sa.Column('name_key', sa.String(length=255), nullable=False),
    sa.Column('place_id', sa.String(length=64), nullable=True),
    sa.Column('place_lat', sa.Float(), nullable=True),
    sa.Column('place_lon', sa.Float(), nullable=True),
    sa.Column('latitude', sa.Float(), nullable=True),
    sa.Column('longitude', sa.Float(), nullable=True),
    sa.Column('geo_precision', sa.Integer(), nullable=True),
    sa.Column('unresolved', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('updated_at', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_place_mentions_document_id', 'place_mentions', ['document_id'], unique=False)
    op.create_index('ix_place_mentions_place_id', 'place_mentions', ['place_id'], unique=False)
    op.create_index('ix_place_mentions_unresolved', 'place_mentions', ['unresolved', 'name_key'], unique=False)
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('place_idx', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('mentions', schema=None) as batch_op:
        batch_op.drop_column('place_idx')
    op.drop_index('ix_place_mentions_unresolved', table_name='place_mentions')
    op.drop_index('ix_place_mentions_place_id', table_name='place_mentions')
    op.drop_index('ix_place_mentions_document_id', table_name='place_mentions')
    op.drop_table('place_mentions')
