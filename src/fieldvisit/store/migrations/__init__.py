"""Alembic migrations of the local store (run programmatically by `fieldvisit.store.migrate`)."""
