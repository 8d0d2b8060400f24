"""What every repository shares: short-lived sessions and detached results."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlmodel import Session


class Repository:
    """Base of the repositories: each call opens a short session; results are detached, safe to keep."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            yield session
            session.expunge_all()

    def sync_enrolled(self) -> bool:
        """Whether the workspace is enrolled with a bureau; lists show sync badges only then."""
        from fieldvisit.store.repositories.badges import sync_enrolled

        with self.engine.connect() as connection:
            return sync_enrolled(connection)
