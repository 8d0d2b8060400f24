"""Alembic environment of the bureau: runs on the connection that `fieldvisit.bureau.db` hands over."""

from alembic import context

from fieldvisit.bureau.tables import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transactional_ddl=True,
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
