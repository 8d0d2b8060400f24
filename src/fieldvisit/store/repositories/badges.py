"""The sync badge lists show per record: none unless the workspace is enrolled with a bureau, 已同步 only once
the bureau has acknowledged the record (it holds a version of it)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Connection, and_, case, exists, func, literal, select

from fieldvisit.domain.base import SyncState
from fieldvisit.store.repositories.base import Repository
from fieldvisit.store.sync_state import Key
from fieldvisit.store.tables import RecordSync, Setting

_BADGES = RecordSync.__table__  # type: ignore[attr-defined]


def _enrolled_clause() -> ColumnElement[bool]:
    """True when the workspace holds a bureau session (written by the first sign-in, never by demo data)."""
    return exists(
        select(literal(1)).where(
            Setting.key == Key.SESSION.value,  # type: ignore[arg-type]
            func.coalesce(func.json_extract(Setting.value, "$.bureau_url"), "") != "",
        )
    )


def sync_badge(badges: Any = _BADGES) -> ColumnElement[str]:
    """The badge of the record joined to `badges` (an outer-joined `record_sync`): "" when the workspace is not
    enrolled or nothing is known; SYNCED only with a bureau version; otherwise the stored state."""
    return case(
        (~_enrolled_clause(), ""),
        (badges.c.state.is_(None), ""),
        (and_(badges.c.state == SyncState.SYNCED.value, badges.c.bureau_version <= 0), ""),
        else_=badges.c.state,
    )


def sync_enrolled(connection: Connection) -> bool:
    """Whether the workspace is enrolled with a bureau (its records sync and carry badges)."""
    return bool(connection.execute(select(_enrolled_clause())).scalar())


class BadgeRepository(Repository):
    """One record's badge for record pages and editors, by the same rule as the lists."""

    def state(self, table_name: str, record_id: str) -> str:
        """The badge of one record ("" when there is none to show)."""
        query = (
            select(sync_badge())
            .select_from(select(literal(1).label("one")).subquery())
            .outerjoin(_BADGES, and_(_BADGES.c.table_name == table_name, _BADGES.c.record_id == record_id))
        )
        with self.engine.connect() as connection:
            return str(connection.execute(query).scalar() or "")
