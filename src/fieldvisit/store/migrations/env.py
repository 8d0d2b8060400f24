"""Alembic environment: runs on the connection that `fieldvisit.store.migrate` hands over."""

from alembic import context

from fieldvisit.store.schema import target_metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=target_metadata(),
    render_as_batch=True,
    transactional_ddl=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
