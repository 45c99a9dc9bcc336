"""document identities and versions: one current version per file path or doc_id

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.add_column(sa.Column('identity', sa.String(length=1024), nullable=True))
        batch_op.add_column(sa.Column('input_hash', sa.String(length=64), nullable=True))
        batch_op.create_index('ix_documents_identity', ['identity'], unique=False)
    op.create_table('document_versions',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('identity', sa.String(length=1024), nullable=True),
    sa.Column('doc_id', sa.String(length=512), nullable=False),
    sa.Column('content_hash', sa.String(length=64), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('outlet', sa.String(length=255), nullable=True),
    sa.Column('published', sa.String(length=10), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('source_path', sa.Text(), nullable=True),
    sa.Column('extractor_version', sa.String(length=32), nullable=False),
    sa.Column('ingested_at', sa.String(length=32), nullable=False),
    sa.Column('replaced_at', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.create_index('ix_document_versions_identity', ['identity'], unique=False)
    # identities of the stored documents (file paths are made absolute from the current directory)
    from rasid.store.identity import document_identity

    conn = op.get_bind()
    rows = conn.execute(sa.text("SELECT id, doc_id, source_path FROM documents")).all()
    updates = [{"i": document_identity(r.doc_id, r.source_path), "k": r.id} for r in rows]
    if updates:
        conn.execute(sa.text("UPDATE documents SET identity = :i WHERE id = :k"), updates)


def downgrade() -> None:
    with op.batch_alter_table('document_versions', schema=None) as batch_op:
        batch_op.drop_index('ix_document_versions_identity')
    op.drop_table('document_versions')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index('ix_documents_identity')
        batch_op.drop_column('input_hash')
        batch_op.drop_column('identity')
