"""What the sync panel shows: counts and last sync, the conflict list field by field, and the quarantine list."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlmodel import col

from fieldvisit.store.repositories.base import Repository
from fieldvisit.store.sync_local import BOOKKEEPING
from fieldvisit.store.sync_state import ConflictKind, Key, SyncConflict, get_setting, record_model
from fieldvisit.store.tables import OutboxEntry, OutboxState


@dataclass(frozen=True)
class FieldDifference:
    """One field that differs between this device and the bureau; `conflicting` when both changed it."""

    field: str
    local: Any
    bureau: Any
    conflicting: bool


@dataclass(frozen=True)
class ConflictView:
    """A conflict as the conflict list shows it: which record, why, this device's version of it (`local`, also
    what was kept of a record that left the scope) and the fields that differ from the bureau's, side by side."""

    id: str
    table_name: str
    record_id: str
    kind: str
    reason: str
    created_at: datetime
    bureau_version: int
    local: dict[str, Any] = field(default_factory=dict)
    differences: list[FieldDifference] = field(default_factory=list)


@dataclass(frozen=True)
class QuarantineView:
    """A change the bureau refused, with its reason."""

    seq: int
    table_name: str
    record_id: str
    op: str
    reason: str
    created_at: datetime
    attempts: int
    values: dict[str, Any]
    """The record's fields as they were sent (to name it: 儿童档案 王小明)."""


@dataclass(frozen=True)
class SyncSummary:
    """Counts for the sync badge and the dashboard."""

    pending: int
    quarantined: int
    conflicts: int
    last_success_at: datetime | None
    bureau_url: str
    username: str


class SyncRepository(Repository):
    """Read-only views of the sync state; changes go through `store.sync_local`."""

    def summary(self) -> SyncSummary:
        """Pending and quarantined changes, open conflicts, the last successful sync and the signed-in user."""
        with self._session() as session:
            states = dict(
                session.execute(select(OutboxEntry.state, func.count()).group_by(col(OutboxEntry.state))).all()
            )
            conflicts = session.execute(
                select(func.count()).select_from(SyncConflict).where(col(SyncConflict.resolved_at).is_(None))
            ).scalar_one()
            connection = session.connection()
            last = get_setting(connection, Key.LAST_SUCCESS)
            facts = get_setting(connection, Key.SESSION) or {}
        return SyncSummary(
            pending=int(states.get(OutboxState.PENDING, 0)),
            quarantined=int(states.get(OutboxState.QUARANTINED, 0)),
            conflicts=int(conflicts),
            last_success_at=datetime.fromisoformat(last) if last else None,
            bureau_url=str(facts.get("bureau_url", "")),
            username=str(facts.get("user", {}).get("username", "")),
        )

    def conflicts(self) -> list[ConflictView]:
        """Open conflicts, oldest first, each with the fields where this device and the bureau differ."""
        with self._session() as session:
            rows = list(
                session.execute(
                    select(SyncConflict)
                    .where(col(SyncConflict.resolved_at).is_(None))
                    .order_by(col(SyncConflict.created_at))
                ).scalars()
            )
            views = []
            for conflict in rows:
                # A same-field conflict compares the record as it is here now; one about a record that left the
                # scope shows the edits that were refused (the record may have come back since, unchanged).
                current = None
                if conflict.kind == ConflictKind.FIELDS:
                    current = session.get(record_model(conflict.table_name), conflict.record_id)
                local = current.model_dump(mode="json") if current is not None else conflict.local
                views.append(_view(conflict, local))
        return views

    def quarantine(self) -> list[QuarantineView]:
        """Refused changes with their reasons, oldest first."""
        with self._session() as session:
            entries = session.execute(
                select(OutboxEntry).where(OutboxEntry.state == OutboxState.QUARANTINED).order_by(col(OutboxEntry.seq))
            ).scalars()
            return [
                QuarantineView(
                    seq=entry.seq or 0,
                    table_name=entry.table_name,
                    record_id=entry.record_id,
                    op=entry.op,
                    reason=entry.last_error,
                    created_at=entry.created_at,
                    attempts=entry.attempts,
                    values=dict(entry.payload or {}),
                )
                for entry in entries
            ]


def _view(conflict: SyncConflict, local: dict[str, Any]) -> ConflictView:
    bureau = conflict.bureau or {}
    names = sorted((set(local) | set(bureau)) - BOOKKEEPING)
    differences = [
        FieldDifference(name, local.get(name), bureau.get(name), name in conflict.fields)
        for name in names
        if bureau and local.get(name) != bureau.get(name)
    ]
    return ConflictView(
        id=conflict.id,
        table_name=conflict.table_name,
        record_id=conflict.record_id,
        kind=conflict.kind,
        reason=conflict.reason,
        created_at=conflict.created_at,
        bureau_version=conflict.bureau_version,
        local=local,
        differences=differences,
    )
