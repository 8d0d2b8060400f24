"""The dashboard's counts (工作台) through the engine: the plain-SQL reads of dashboard_reads on a pooled connection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from sqlalchemy import Engine

from fieldvisit.store.repositories.dashboard_reads import (
    ALL_PARTS,
    DashboardCounts,
    DashboardParts,
    DashboardSnapshot,
    dashboard_counts,
    one_read,
    read_dashboard,
)


class DashboardRepository:
    """Counts for the dashboard, optionally for one child director."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        connection = self.engine.raw_connection()
        try:
            yield connection
        finally:
            connection.close()

    def counts(self, today: date, *, director_id: str = "", due_within_days: int = 14) -> DashboardCounts:
        """All dashboard numbers as of `today`."""
        with self._connection() as connection, one_read(connection):
            return dashboard_counts(connection, today, director_id=director_id, due_within_days=due_within_days)

    def snapshot(
        self, today: date, *, director_id: str = "", parts: DashboardParts = ALL_PARTS, limit: int = 8
    ) -> DashboardSnapshot:
        """What the dashboard shows: the counts of `parts`, the most urgent items and the last sync."""
        with self._connection() as connection:
            return read_dashboard(connection, today, director_id=director_id, parts=parts, limit=limit)
