"""The metadata the local store migrates to: every domain table plus the client-only tables."""

from sqlalchemy import MetaData


def target_metadata() -> MetaData:
    """SQLModel's metadata once every domain and client table module is imported."""
    from fieldvisit.domain import models
    from fieldvisit.store import tables  # noqa: F401  (registers the client tables)

    return models.metadata
