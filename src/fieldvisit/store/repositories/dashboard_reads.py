"""The dashboard's queries (工作台) in plain SQL over one DB-API connection: no SQLAlchemy, so they can run at unlock.

The same functions serve the first paint (on the raw connection that unlocking opened) and every later refresh
(on a pooled connection of the engine, through DashboardRepository), so the numbers cannot differ between them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Protocol

from fieldvisit.domain.enums import CaseStatus, ChildStatus, RecordState, RiskLevel

OPEN_WITH_DEADLINE = (CaseStatus.NOTICE_ISSUED.value, CaseStatus.RECTIFYING.value)
"""Case statuses whose rectification deadline is running (as in repositories.burial)."""

LAST_SYNC_KEY = "sync.last_success_at"
"""The `setting` row sync writes after each successful sync (store.sync_state.Key.LAST_SUCCESS)."""

_DRAFT_TABLES = ("household_assessment", "child_visit", "patrol", "grave_case", "reinspection")


class DbApiConnection(Protocol):
    """A DB-API connection: a raw sqlcipher3 one, or a pooled one of the engine."""

    def cursor(self) -> Any: ...


@dataclass(frozen=True)
class DashboardParts:
    """Which groups of numbers to count: a worker's dashboard shows only the groups of their job."""

    children: bool = True
    households: bool = True
    cases: bool = True


ALL_PARTS = DashboardParts()


@dataclass(frozen=True)
class DashboardCounts:
    """Everything the dashboard shows as a number; a group that was not asked for (DashboardParts) is 0."""

    children_active: int
    visits_due_soon: int
    visits_overdue: int
    red_risk_children: int
    households: int
    household_drafts: int
    cases_open: int
    cases_by_status: dict[str, int]
    notices_past_deadline: int
    reinspections_due: int
    drafts: int
    unsynced: int
    quarantined: int


@dataclass(frozen=True)
class UrgentChild:
    """An active child whose visit is overdue (the first lines of the "needs doing first" table)."""

    id: str
    name: str
    town_name: str
    village_name: str
    next_visit_due: date | None
    risk_level: str


@dataclass(frozen=True)
class UrgentCase:
    """A grave case whose rectification deadline has passed without a re-inspection."""

    id: str
    case_no: str
    party_name: str
    town_name: str
    village_name: str
    place_name: str
    deadline: date | None


@dataclass(frozen=True)
class DashboardSnapshot:
    """One consistent read of everything the dashboard shows."""

    counts: DashboardCounts
    overdue: list[UrgentChild]
    past_deadline: list[UrgentCase]
    last_sync: datetime | None


@contextmanager
def one_read(connection: DbApiConnection) -> Iterator[None]:
    """Run the queries inside in one read transaction, so that they see the same state of the database."""
    cursor = connection.cursor()
    cursor.execute("BEGIN")
    try:
        yield
    finally:
        cursor.execute("ROLLBACK")
        cursor.close()


def read_dashboard(
    connection: DbApiConnection,
    today: date,
    *,
    director_id: str = "",
    parts: DashboardParts = ALL_PARTS,
    limit: int = 8,
) -> DashboardSnapshot:
    """The counts of `parts`, the first `limit` overdue children and past-deadline cases, the last sync: one read."""
    with one_read(connection):
        return DashboardSnapshot(
            counts=dashboard_counts(connection, today, director_id=director_id, parts=parts),
            overdue=overdue_children(connection, today, director_id=director_id, limit=limit) if parts.children else [],
            past_deadline=past_deadline_cases(connection, today, limit=limit) if parts.cases else [],
            last_sync=last_sync_at(connection),
        )


def _one(cursor: Any, sql: str, *parameters: object) -> Any:
    return cursor.execute(sql, parameters).fetchone()


def dashboard_counts(
    connection: DbApiConnection,
    today: date,
    *,
    director_id: str = "",
    due_within_days: int = 14,
    parts: DashboardParts = ALL_PARTS,
) -> DashboardCounts:
    """All dashboard numbers as of `today` (a child director's own children when `director_id` is given)."""
    cursor = connection.cursor()
    try:
        children = (0, 0, 0, 0)
        if parts.children:
            director = " AND director_id = ?" if director_id else ""
            children = _one(
                cursor,
                "SELECT count(*), count(*) FILTER (WHERE next_visit_due <= ?),"
                " count(*) FILTER (WHERE next_visit_due < ?), count(*) FILTER (WHERE risk_level = ?)"
                f" FROM child_file WHERE deleted IS 0 AND status = ?{director}",
                (today + timedelta(days=due_within_days)).isoformat(),
                today.isoformat(),
                RiskLevel.RED.value,
                ChildStatus.ACTIVE.value,
                *([director_id] if director_id else []),
            )
        households = (0, None)
        if parts.households:
            households = _one(
                cursor,
                "SELECT count(*), count(*) FILTER (WHERE state = ?) FROM household_assessment WHERE deleted IS 0",
                RecordState.DRAFT.value,
            )
        by_status: dict[str, int] = {}
        deadlines = (0, 0)
        if parts.cases:
            by_status = dict(
                cursor.execute("SELECT status, count(*) FROM grave_case WHERE deleted IS 0 GROUP BY status").fetchall()
            )
            reinspection = (*OPEN_WITH_DEADLINE, CaseStatus.REINSPECTION.value)
            deadlines = _one(
                cursor,
                "SELECT count(*) FILTER (WHERE status IN (?, ?) AND deadline < ?),"
                " count(*) FILTER (WHERE status IN (?, ?, ?) AND deadline <= ?)"
                " FROM grave_case WHERE deleted IS 0",
                *OPEN_WITH_DEADLINE,
                today.isoformat(),
                *reinspection,
                (today + timedelta(days=3)).isoformat(),
            )
        drafts = 0
        for table in _DRAFT_TABLES:
            if table == "household_assessment" and households[1] is not None:
                drafts += households[1]
                continue
            drafts += _one(
                cursor, f"SELECT count(*) FROM {table} WHERE state = ? AND deleted IS 0", RecordState.DRAFT.value
            )[0]
        unsynced, quarantined = _one(
            cursor, "SELECT count(*), count(*) FILTER (WHERE state = ?) FROM outbox", "QUARANTINED"
        )
    finally:
        cursor.close()
    return DashboardCounts(
        children_active=children[0],
        visits_due_soon=children[1],
        visits_overdue=children[2],
        red_risk_children=children[3],
        households=households[0],
        household_drafts=households[1] or 0,
        cases_open=sum(n for status, n in by_status.items() if status != CaseStatus.CLOSED),
        cases_by_status=by_status,
        notices_past_deadline=deadlines[0],
        reinspections_due=deadlines[1],
        drafts=drafts,
        unsynced=unsynced,
        quarantined=quarantined,
    )


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def overdue_children(
    connection: DbApiConnection, today: date, *, director_id: str = "", limit: int = 8
) -> list[UrgentChild]:
    """The first `limit` active children whose next visit date has passed, most overdue first."""
    director = " AND c.director_id = ?" if director_id else ""
    cursor = connection.cursor()
    try:
        rows = cursor.execute(
            "SELECT c.id, c.name, coalesce(t.name, ''), coalesce(v.name, ''), c.next_visit_due, c.risk_level"
            " FROM child_file AS c LEFT JOIN town AS t ON t.division_code = c.town_code"
            " LEFT JOIN village AS v ON v.id = c.village_id"
            f" WHERE c.deleted IS 0 AND c.status = ?{director} AND c.next_visit_due <= ?"
            " ORDER BY c.next_visit_due IS NULL, c.next_visit_due, c.name LIMIT ?",
            (
                ChildStatus.ACTIVE.value,
                *([director_id] if director_id else []),
                (today - timedelta(days=1)).isoformat(),
                limit,
            ),
        ).fetchall()
    finally:
        cursor.close()
    return [UrgentChild(id, name, town, village, _date(due), risk) for id, name, town, village, due, risk in rows]


def past_deadline_cases(connection: DbApiConnection, today: date, *, limit: int = 8) -> list[UrgentCase]:
    """The first `limit` open cases whose rectification deadline has passed, earliest deadline first."""
    cursor = connection.cursor()
    try:
        rows = cursor.execute(
            "SELECT g.id, g.case_no, coalesce(json_extract(g.party, '$.name'), ''), coalesce(t.name, ''),"
            " coalesce(v.name, ''), g.place_name, g.deadline"
            " FROM grave_case AS g LEFT JOIN town AS t ON t.division_code = g.town_code"
            " LEFT JOIN village AS v ON v.id = g.village_id"
            " WHERE g.deleted IS 0 AND g.deadline <= ? AND g.status IN (?, ?)"
            " ORDER BY g.deadline IS NULL, g.deadline, g.found_on DESC LIMIT ?",
            ((today - timedelta(days=1)).isoformat(), *OPEN_WITH_DEADLINE, limit),
        ).fetchall()
    finally:
        cursor.close()
    return [UrgentCase(*row[:6], _date(row[6])) for row in rows]


def last_sync_at(connection: DbApiConnection) -> datetime | None:
    """When this device last synchronised successfully, or None."""
    cursor = connection.cursor()
    try:
        row = cursor.execute("SELECT value FROM setting WHERE key = ?", (LAST_SYNC_KEY,)).fetchone()
    finally:
        cursor.close()
    value = json.loads(row[0]) if row and row[0] else None
    return datetime.fromisoformat(value) if value else None
