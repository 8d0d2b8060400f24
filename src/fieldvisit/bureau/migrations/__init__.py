"""Alembic migrations of the bureau database."""
