"""Alembic environment: always called programmatically by `rasid.store.db.migrate` with a connection."""

from __future__ import annotations

from alembic import context

from rasid.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # `alembic` CLI use (development): build an engine from the configured URL
    import sqlalchemy as sa

    engine = sa.create_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///rasid-dev.db")
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
