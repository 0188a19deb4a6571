"""Alembic environment: runs on the connection storage/schema.py hands over."""

from __future__ import annotations

from alembic import context

from pmo_desktop.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("PMO Desktop migrations run through pmo_desktop.storage.schema only.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
