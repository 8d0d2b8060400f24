"""Imports every table module so that `SQLModel.metadata` is complete (for migrations and the bureau)."""

from sqlmodel import SQLModel

from fieldvisit.domain import assistance, burial, children, places, shared

TABLE_MODULES = (places, shared, assistance, children, burial)

metadata = SQLModel.metadata
