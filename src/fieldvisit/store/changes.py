"""Every local change in one transaction: the row, its outbox mutation, sync badge, search keys and audit event."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import inspect
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, SQLModel, select

from fieldvisit.domain.assistance import HouseholdAssessment, HouseholdMember
from fieldvisit.domain.base import Syncable, SyncState
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import AuditEvent, AuditKind
from fieldvisit.domain.types import Clock, utc_now
from fieldvisit.store.search import search_entries_for
from fieldvisit.store.tables import MutationOp, OutboxEntry, OutboxState, RecordSync, SearchEntry

_BOOKKEEPING = frozenset({"version", "updated_at", "updated_by"})


@dataclass(frozen=True)
class Actor:
    """Who is making changes on this device: a user id and the device id (both recorded, never trusted for order)."""

    user_id: str
    device_id: str = ""


class ChangeWriter:
    """Writes changes inside one open session transaction; see `write_changes`."""

    def __init__(self, session: Session, actor: Actor, clock: Clock) -> None:
        self.session = session
        self.actor = actor
        self.clock = clock

    def save(self, record: Syncable, *, audit: AuditKind | None = None, detail: dict[str, Any] | None = None) -> None:
        """Insert or update `record`, queue its mutation, mark it pending and audit it.

        A record that is new to the database gets version 1; an existing one is bumped by one and its
        mutation names the fields that changed, with the version it was based on.
        """
        state = inspect(record)
        is_new = state.transient or state.pending
        if is_new:
            existing = self.session.get(type(record), record.id)
            if existing is not None:
                raise ValueError(f"{type(record).__name__} {record.id} exists; load it to change it")
            changed = [name for name in type(record).model_fields if name not in _BOOKKEEPING]
            base_version = 0
            record.version = 1
            record.created_by = record.created_by or self.actor.user_id
        else:
            changed = [attr.key for attr in state.attrs if attr.key not in _BOOKKEEPING and attr.history.has_changes()]
            if not changed:
                return
            base_version = record.version
            record.version = base_version + 1
        now = self.clock()
        record.updated_at = now
        record.updated_by = self.actor.user_id
        if is_new:
            record.created_at = now
        self.session.add(record)
        self.session.flush()
        self._queue(record, MutationOp.UPSERT, base_version, changed)
        self._index(record)
        kind = audit or (AuditKind.CREATE if is_new else AuditKind.UPDATE)
        self.audit(kind, record, {"fields": changed, **(detail or {})})

    def delete(self, record: Syncable, *, reason: str = "") -> None:
        """Tombstone `record` (it stays until the bureau acknowledges the deletion) and queue the mutation."""
        base_version = record.version
        record.deleted = True
        record.version = base_version + 1
        record.updated_at = self.clock()
        record.updated_by = self.actor.user_id
        self.session.add(record)
        self.session.flush()
        self._queue(record, MutationOp.DELETE, base_version, ["deleted"])
        self._drop_index(record)
        self.audit(AuditKind.DELETE, record, {"reason": reason} if reason else {})

    def audit(self, kind: AuditKind, record: SQLModel | None = None, detail: dict[str, Any] | None = None) -> None:
        """Append an audit event about `record` (or about the session when None)."""
        table_name = str(type(record).__tablename__) if record is not None else ""
        record_id = str(getattr(record, "id", "")) if record is not None else ""
        self.audit_id(kind, table_name, record_id, detail)

    def audit_id(self, kind: AuditKind, table_name: str, record_id: str, detail: dict[str, Any] | None = None) -> None:
        """Append an audit event about a record known by its table and id (a print, an export, an opening)."""
        self.session.add(
            AuditEvent(
                at=self.clock(),
                user_id=self.actor.user_id,
                device_id=self.actor.device_id,
                kind=kind,
                table_name=table_name,
                record_id=record_id,
                detail=detail or {},
            )
        )

    def _queue(self, record: Syncable, op: MutationOp, base_version: int, changed: list[str]) -> None:
        table_name = str(type(record).__tablename__)
        payload = record.model_dump(mode="json")
        now = self.clock()
        pending = self.session.exec(
            select(OutboxEntry).where(
                OutboxEntry.table_name == table_name,
                OutboxEntry.record_id == record.id,
                OutboxEntry.attempts == 0,
                OutboxEntry.state == OutboxState.PENDING,
            )
        ).first()
        if pending is not None and op == MutationOp.UPSERT and pending.op == MutationOp.UPSERT:
            pending.payload = payload
            pending.changed = sorted(set(pending.changed) | set(changed))
            pending.updated_at = now
            self.session.add(pending)
        else:
            self.session.add(
                OutboxEntry(
                    mutation_id=new_id(),
                    table_name=table_name,
                    record_id=record.id,
                    op=op,
                    base_version=base_version,
                    changed=changed,
                    payload=payload,
                    created_at=now,
                    updated_at=now,
                )
            )
        self.session.execute(
            sqlite_insert(RecordSync)
            .values(table_name=table_name, record_id=record.id, state=SyncState.PENDING)
            .on_conflict_do_update(index_elements=["table_name", "record_id"], set_={"state": SyncState.PENDING})
        )

    def _index(self, record: Syncable) -> None:
        self._drop_index(record)
        owner = None
        if isinstance(record, HouseholdMember):
            owner = self.session.get(HouseholdAssessment, record.assessment_id)
        for entry in search_entries_for(record, owner):
            self.session.add(entry)

    def _drop_index(self, record: Syncable) -> None:
        table_name = str(type(record).__tablename__)
        for entry in self.session.exec(
            select(SearchEntry).where(SearchEntry.table_name == table_name, SearchEntry.record_id == record.id)
        ):
            self.session.delete(entry)
        self.session.flush()


@contextmanager
def write_changes(engine: Any, actor: Actor, *, clock: Clock = utc_now) -> Iterator[ChangeWriter]:
    """A transaction for changes: everything written through the writer commits together or not at all."""
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield ChangeWriter(session, actor, clock)


def pending_count(session: Session) -> int:
    """How many mutations wait for the bureau (quarantined ones included: they are not lost)."""
    from sqlalchemy import func

    return int(session.exec(select(func.count()).select_from(OutboxEntry)).one())


def save_all(engine: Any, actor: Actor, records: Iterable[Syncable], *, clock: Clock = utc_now) -> None:
    """Save several records in one transaction (e.g. a form and its repeat rows)."""
    with write_changes(engine, actor, clock=clock) as writer:
        for record in records:
            writer.save(record)
