"""review and the web app: article texts, undoable reviews, users, settings

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_texts',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('entities', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_table('users',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('password_hash', sa.String(length=255), nullable=False),
    sa.Column('created_at', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name', name='uq_users_name')
    )
    op.create_table('settings',
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('undone_at', sa.String(length=32), nullable=True))
        batch_op.add_column(sa.Column('undone_by', sa.String(length=128), nullable=True))
        batch_op.create_index('ix_reviews_created_at', ['created_at'], unique=False)
    with op.batch_alter_table('resolved_events', schema=None) as batch_op:
        batch_op.create_index('ix_resolved_events_status', ['status'], unique=False)
        batch_op.create_index('ix_resolved_events_day_type', ['event_date', 'event_type'], unique=False)
        batch_op.create_index('ix_resolved_events_admin1_day', ['admin1', 'event_date', 'fatalities'], unique=False)
        batch_op.create_index('ix_resolved_events_place_type', ['latitude', 'longitude', 'event_type'], unique=False)
        batch_op.create_index('ix_resolved_events_actors', ['actor1', 'actor2', 'assoc_actor_1', 'assoc_actor_2'],
                              unique=False)
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index('ix_documents_outlet', ['outlet'], unique=False)
    if op.get_bind().dialect.name == 'postgresql':  # the newest-first list reads it backwards
        op.create_index('ix_resolved_events_newest', 'resolved_events',
                        [sa.text('event_date NULLS FIRST'), 'event_key'], unique=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        op.drop_index('ix_resolved_events_newest', table_name='resolved_events')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_outlet')
    with op.batch_alter_table('resolved_events', schema=None) as batch_op:
        batch_op.drop_index('ix_resolved_events_actors')
        batch_op.drop_index('ix_resolved_events_place_type')
        batch_op.drop_index('ix_resolved_events_admin1_day')
        batch_op.drop_index('ix_resolved_events_day_type')
        batch_op.drop_index('ix_resolved_events_status')
    with op.batch_alter_table('reviews', schema=None) as batch_op:
        batch_op.drop_index('ix_reviews_created_at')
        batch_op.drop_column('undone_by')
        batch_op.drop_column('undone_at')
    op.drop_table('settings')
    op.drop_table('users')
    op.drop_table('document_texts')
