"""copies of one story: document sketches, LSH bands, copy links

Revision ID: 0004
Revises: 0001
Create Date: 2026-11-30 10:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('doc_sketches',
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('n_shingles', sa.Integer(), nullable=False),
    sa.Column('shingles', sa.LargeBinary(), nullable=False),
    sa.Column('story_key', sa.String(length=32), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('document_id')
    )
    op.create_index('ix_doc_sketches_story_key', 'doc_sketches', ['story_key'], unique=False)
    op.create_table('sketch_bands',
    sa.Column('band_key', sa.BigInteger(), nullable=False),
    sa.Column('day', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('band_key', 'day', 'document_id'),
    sqlite_with_rowid=False
    )
    op.create_index('ix_sketch_bands_document_id', 'sketch_bands', ['document_id'], unique=False)
    op.create_table('copy_links',
    sa.Column('document_a', sa.Integer(), nullable=False),
    sa.Column('document_b', sa.Integer(), nullable=False),
    sa.Column('jaccard', sa.Float(), nullable=False),
    sa.Column('containment', sa.Float(), nullable=False),
    sa.ForeignKeyConstraint(['document_a'], ['documents.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['document_b'], ['documents.id'], ondelete='CASCADE'),
    sa.UniqueConstraint('document_a', 'document_b', name='uq_copy_links_pair')
    )
    op.create_index('ix_copy_links_document_b', 'copy_links', ['document_b'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_copy_links_document_b', table_name='copy_links')
    op.drop_table('copy_links')
    op.drop_index('ix_sketch_bands_document_id', table_name='sketch_bands')
    op.drop_table('sketch_bands')
    op.drop_index('ix_doc_sketches_story_key', table_name='doc_sketches')
    op.drop_table('doc_sketches')
