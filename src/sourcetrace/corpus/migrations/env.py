"""Alembic's entry point. The corpus hands it an open connection (``config.attributes``), so
migrations run inside the caller's transaction on SQLite and PostgreSQL alike."""

from __future__ import annotations

from alembic import context

from sourcetrace.corpus._schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
