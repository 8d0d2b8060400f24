"""The outbox side of sync: batches to send, receipts applied, conflicts and quarantine resolved, wipe.

A mutation leaves the outbox only when a receipt says the bureau durably holds it (applied, or kept as a
conflict); rejected ones stay, quarantined with the reason. Everything here runs in one local transaction
per call, so a crash leaves either the old state or the new one.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    String,
    bindparam,
    delete,
    func,
    literal_column,
    select,
    type_coerce,
    update,
)
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col

from fieldvisit.domain.base import SyncState
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.shared import AuditKind
from fieldvisit.domain.types import Clock, utc_now
from fieldvisit.security.secret_store import SecretStore, SecretStoreError
from fieldvisit.store.changes import Actor, write_changes
from fieldvisit.store.sync_rows import badge_upsert_sql, storage_row, version_sql
from fieldvisit.store.sync_state import (
    ConflictKind,
    Key,
    SyncConflict,
    among,
    bump_generation,
    from_wire,
    get_setting,
    put_setting,
    record_model,
    record_table,
    table_columns,
)
from fieldvisit.store.tables import MutationOp, OutboxEntry, OutboxState, RecordSync
from fieldvisit.store.workspace import INFO_FILE, Workspace, _key_secret_name

log = logging.getLogger(__name__)

Ref = tuple[str, str]
BOOKKEEPING = frozenset({"id", "version", "created_at", "created_by", "updated_at", "updated_by"})
MAX_DEFERRALS = 6
_OUTBOX = OutboxEntry.__table__  # type: ignore[attr-defined]
_BADGES = RecordSync.__table__  # type: ignore[attr-defined]
_CONFLICTS = SyncConflict.__table__  # type: ignore[attr-defined]
_CONFLICT_CODES = {"fields": ConflictKind.FIELDS, "out_of_scope": ConflictKind.OUT_OF_SCOPE}
"""Receipt conflict codes a person settles; any other conflict (a reused mutation id) is quarantined."""


@dataclass(frozen=True)
class OutboxItem:
    """A mutation ready to send; `base_version` is the bureau version the device last saw of the record.

    `payload_json` and `changed_json` are the record and the names of its changed fields as the outbox stores
    them, JSON text that goes on the wire as it is; `payload` and `changed` parse them for the few that need to
    look inside (attachments, conflicts)."""

    seq: int
    mutation_id: str
    table_name: str
    record_id: str
    op: str
    base_version: int
    changed_json: str
    payload_json: str
    attempts: int

    @property
    def ref(self) -> Ref:
        """(table, record id)."""
        return (self.table_name, self.record_id)

    @functools.cached_property
    def payload(self) -> dict[str, Any]:
        """The record's fields."""
        return dict(json.loads(self.payload_json))

    @functools.cached_property
    def changed(self) -> list[str]:
        """The fields changed since the bureau's version (empty for a new record)."""
        return list(json.loads(self.changed_json))


@dataclass(frozen=True)
class ReceiptView:
    """What the store needs of one receipt: the outcome that counts (a duplicate's original), and details."""

    mutation_id: str
    outcome: str
    version: int = 0
    code: str = ""
    reason: str = ""
    conflict_fields: list[str] = field(default_factory=list)
    record: dict[str, Any] | None = None
    depends_on: Ref | None = None


@dataclass
class ReceiptOutcome:
    """What a batch of receipts did locally."""

    applied: int = 0
    conflicts: int = 0
    quarantined: int = 0
    deferred: list[Ref] = field(default_factory=list)


def _open_conflict_refs(connection: Connection, kind: ConflictKind | None = ConflictKind.FIELDS) -> set[Ref]:
    query = select(_CONFLICTS.c.table_name, _CONFLICTS.c.record_id).where(_CONFLICTS.c.resolved_at.is_(None))
    if kind is not None:
        query = query.where(_CONFLICTS.c.kind == kind.value)
    return {(row.table_name, row.record_id) for row in connection.execute(query)}


def take_batch(engine: Engine, *, limit: int, skip: Collection[Ref] = ()) -> list[OutboxItem]:
    """The next mutations to send, in outbox order: one per record (its earliest), none for a record that
    waits on a conflict or was held back this round (`skip`).

    They are marked sent before their payloads are read: from the mark on, an autosave goes into a new entry,
    so what is read here is exactly what the bureau will hold once the entry is gone (an autosave absorbed
    between choosing and marking is read with the rest, never sent stale and then dropped)."""
    with engine.connect() as connection:
        chosen = _choose(connection, limit, set(skip))
    if not chosen:
        return []
    mark_sent(engine, chosen)
    with engine.connect() as connection:
        # The JSON columns as their text, and the columns in OutboxItem's order: a batch is hundreds of rows.
        rows = connection.execute(
            select(
                _OUTBOX.c.seq,
                _OUTBOX.c.mutation_id,
                _OUTBOX.c.table_name,
                _OUTBOX.c.record_id,
                _OUTBOX.c.op,
                func.coalesce(_BADGES.c.bureau_version, 0),
                func.coalesce(type_coerce(_OUTBOX.c.changed, String), "[]"),
                func.coalesce(type_coerce(_OUTBOX.c.payload, String), "{}"),
                _OUTBOX.c.attempts,
            )
            .outerjoin(
                _BADGES,
                (_BADGES.c.table_name == _OUTBOX.c.table_name) & (_BADGES.c.record_id == _OUTBOX.c.record_id),
            )
            .where(_OUTBOX.c.seq.in_(chosen), _OUTBOX.c.state == OutboxState.PENDING)
            .order_by(_OUTBOX.c.seq)
        ).all()
        return [OutboxItem(*row) for row in rows]


def _choose(connection: Connection, limit: int, skip: set[Ref]) -> list[int]:
    # By the narrow columns only: the outbox may hold thousands, and payloads are read for those that go out.
    held = _open_conflict_refs(connection) | skip
    chosen: list[int] = []
    taken: set[Ref] = set()
    waiting = select(_OUTBOX.c.seq, _OUTBOX.c.table_name, _OUTBOX.c.record_id).where(
        _OUTBOX.c.state == OutboxState.PENDING
    )
    for seq, table_name, record_id in connection.execute(waiting.order_by(_OUTBOX.c.seq)):
        ref = (table_name, record_id)
        if ref not in taken and ref not in held:
            chosen.append(seq)
            if len(chosen) == limit:
                break
        taken.add(ref)
    return chosen


def mark_sent(engine: Engine, seqs: Iterable[int]) -> None:
    """Count an attempt for these entries, committed before they go out: from now on their payload is frozen."""
    wanted = list(seqs)
    if wanted:
        with engine.begin() as connection:
            connection.execute(update(_OUTBOX).where(_OUTBOX.c.seq.in_(wanted)).values(attempts=_OUTBOX.c.attempts + 1))


def outbox_count(engine: Engine, *, state: OutboxState | None = OutboxState.PENDING) -> int:
    """How many mutations wait (in one state, or all when `state` is None)."""
    query = select(func.count()).select_from(_OUTBOX)
    if state is not None:
        query = query.where(_OUTBOX.c.state == state)
    with engine.connect() as connection:
        return int(connection.execute(query).scalar_one())


def _remaining(connection: Connection, ref: Ref) -> list[Any]:
    return list(
        connection.execute(
            select(_OUTBOX).where(_OUTBOX.c.table_name == ref[0], _OUTBOX.c.record_id == ref[1]).order_by(_OUTBOX.c.seq)
        )
    )


def _local_row(connection: Connection, ref: Ref) -> dict[str, Any] | None:
    table = record_table(ref[0])
    row = connection.execute(select(table).where(table.c.id == ref[1])).first()
    return dict(row._mapping) if row is not None else None


def _jsonable(values: Mapping[str, Any]) -> dict[str, Any]:
    return {key: value.isoformat() if hasattr(value, "isoformat") else value for key, value in values.items()}


def _set_seen(connection: Connection, ref: Ref, version: int) -> None:
    connection.execute(
        sqlite_insert(_BADGES)
        .values(table_name=ref[0], record_id=ref[1], state=SyncState.PENDING, bureau_version=version)
        .on_conflict_do_update(index_elements=["table_name", "record_id"], set_={"bureau_version": version})
    )


def _seen_version(connection: Connection, ref: Ref) -> int:
    version = connection.execute(
        select(_BADGES.c.bureau_version).where(_BADGES.c.table_name == ref[0], _BADGES.c.record_id == ref[1])
    ).scalar_one_or_none()
    return int(version or 0)


def _quarantine(connection: Connection, seq: int, reason: str) -> None:
    connection.execute(
        update(_OUTBOX).where(_OUTBOX.c.seq == seq).values(state=OutboxState.QUARANTINED, last_error=reason[:500])
    )


def _record_conflict(
    connection: Connection,
    item: OutboxItem,
    kind: ConflictKind,
    *,
    reason: str,
    bureau: dict[str, Any] | None,
    bureau_version: int,
    fields: Iterable[str],
    now: Any,
) -> None:
    """Open a conflict for the record, or widen the open one (more fields, newer bureau side)."""
    local = _local_row(connection, item.ref)
    local_json = _jsonable(local) if local is not None else dict(item.payload)
    existing = connection.execute(
        select(_CONFLICTS).where(
            _CONFLICTS.c.table_name == item.table_name,
            _CONFLICTS.c.record_id == item.record_id,
            _CONFLICTS.c.kind == kind.value,
            _CONFLICTS.c.resolved_at.is_(None),
        )
    ).first()
    if existing is None:
        connection.execute(
            _CONFLICTS.insert().values(
                id=new_id(),
                table_name=item.table_name,
                record_id=item.record_id,
                kind=kind.value,
                mutation_id=item.mutation_id,
                local=local_json,
                local_changed=sorted(item.changed),
                bureau=bureau,
                bureau_version=bureau_version,
                fields=sorted(set(fields)),
                reason=reason[:500],
                created_at=now,
                resolved_at=None,
                resolution="",
            )
        )
        return
    newer = bureau_version >= existing.bureau_version and bureau is not None
    connection.execute(
        update(_CONFLICTS)
        .where(_CONFLICTS.c.id == existing.id)
        .values(
            local=local_json,
            local_changed=sorted(set(existing.local_changed or []) | set(item.changed)),
            bureau=bureau if newer else existing.bureau,
            bureau_version=bureau_version if newer else existing.bureau_version,
            fields=sorted(set(existing.fields or []) | set(fields)),
            mutation_id=item.mutation_id,
        )
    )


def _outbox_states(connection: Connection, refs: Collection[Ref]) -> dict[Ref, set[str]]:
    # By record id (indexed; one statement text, where a list of (table, id) pairs is rendered anew each time).
    states: dict[Ref, set[str]] = {}
    wanted = set(refs)
    query = select(_OUTBOX.c.table_name, _OUTBOX.c.record_id, _OUTBOX.c.state).where(
        among(_OUTBOX.c.record_id, {record_id for _, record_id in wanted})
    )
    for table_name, record_id, state in connection.execute(query):
        if (table_name, record_id) in wanted:
            states.setdefault((table_name, record_id), set()).add(state)
    return states


def _badge_state(in_conflict: bool, outbox_states: set[str]) -> SyncState:
    if in_conflict:
        return SyncState.CONFLICT
    if OutboxState.QUARANTINED in outbox_states:
        return SyncState.QUARANTINED
    return SyncState.PENDING if outbox_states else SyncState.SYNCED


def refresh_badges(connection: Connection, refs: Iterable[Ref], *, now: Any = None) -> None:
    """Recompute each record's badge: conflict, else quarantined, else pending, else synced."""
    wanted = set(refs)
    if not wanted:
        return
    conflicts = _open_conflict_refs(connection)
    outbox = _outbox_states(connection, wanted)
    rows = []
    for ref in sorted(wanted):
        state = _badge_state(ref in conflicts, outbox.get(ref, set()))
        synced_at = now if state == SyncState.SYNCED else None
        rows.append({"key_table": ref[0], "key_id": ref[1], "new_state": state, "new_synced_at": synced_at})
    # Records gone from here (a discarded new record, a purge) have no badge left to recompute.
    connection.execute(
        update(_BADGES)
        .where(_BADGES.c.table_name == bindparam("key_table"), _BADGES.c.record_id == bindparam("key_id"))
        .values(state=bindparam("new_state"), synced_at=func.coalesce(bindparam("new_synced_at"), _BADGES.c.synced_at)),
        rows,
    )


def apply_receipts(
    engine: Engine, items: list[OutboxItem], receipts: list[ReceiptView], *, clock: Clock = utc_now
) -> ReceiptOutcome:
    """Act on the bureau's receipts for `items` (same order), in one transaction.

    Plain applied receipts (the bulk of any push) are handled together; the others one by one.
    """
    if [item.mutation_id for item in items] != [receipt.mutation_id for receipt in receipts]:
        raise ValueError("receipts do not match the mutations sent")
    outcome = ReceiptOutcome()
    now = clock()
    pairs = list(zip(items, receipts, strict=True))
    plain = [(i, r) for i, r in pairs if r.outcome == "APPLIED" and r.record is None]
    others = [(i, r) for i, r in pairs if r.outcome != "APPLIED" or r.record is not None]
    with engine.begin() as connection:
        _apply_plain(connection, plain, now)
        outcome.applied += len(plain)
        for item, receipt in others:
            _apply_receipt(connection, item, receipt, outcome, now)
        refresh_badges(connection, (item.ref for item, _ in others), now=now)
        bump_generation(connection)
    return outcome


def _apply_plain(connection: Connection, applied: list[tuple[OutboxItem, ReceiptView]], now: Any) -> None:
    """Applied receipts the bureau had nothing to add to: drop the entries, note the bureau versions and the
    badges, and align the local version of records with nothing else waiting (rows written as stored, see
    `sync_rows`: a batch is hundreds)."""
    if not applied:
        return
    connection.execute(delete(_OUTBOX).where(among(_OUTBOX.c.seq, [item.seq for item, _ in applied])))
    waiting = _outbox_states(connection, {item.ref for item, _ in applied})
    conflicts = _open_conflict_refs(connection)
    badges = []
    for item, receipt in applied:
        state = _badge_state(item.ref in conflicts, waiting.get(item.ref, set()))
        synced_at = now if state == SyncState.SYNCED else None
        badge = {
            "table_name": item.table_name,
            "record_id": item.record_id,
            "bureau_version": receipt.version,
            "state": state,
            "synced_at": synced_at,
        }
        badges.append(storage_row("record_sync", badge))
    connection.exec_driver_sql(badge_upsert_sql(), badges)
    by_table: dict[str, list[tuple[int, str]]] = {}
    for item, receipt in applied:
        if item.ref not in waiting:
            by_table.setdefault(item.table_name, []).append((receipt.version, item.record_id))
    for table_name, rows in by_table.items():
        connection.exec_driver_sql(version_sql(table_name), rows)


def _apply_receipt(
    connection: Connection, item: OutboxItem, receipt: ReceiptView, outcome: ReceiptOutcome, now: Any
) -> None:
    if receipt.outcome == "APPLIED":
        connection.execute(delete(_OUTBOX).where(_OUTBOX.c.seq == item.seq))
        _set_seen(connection, item.ref, receipt.version)
        _adopt_bureau_result(connection, item, receipt, now)
        outcome.applied += 1
    elif receipt.outcome == "CONFLICT" and receipt.code in _CONFLICT_CODES:
        connection.execute(delete(_OUTBOX).where(_OUTBOX.c.seq == item.seq))
        _record_conflict(
            connection,
            item,
            _CONFLICT_CODES[receipt.code],
            reason=receipt.reason,
            bureau=receipt.record,
            bureau_version=receipt.version,
            fields=receipt.conflict_fields,
            now=now,
        )
        outcome.conflicts += 1
    elif receipt.outcome in ("CONFLICT", "REJECTED"):
        _quarantine(connection, item.seq, receipt.reason or receipt.code)
        outcome.quarantined += 1
    elif receipt.outcome == "DEFERRED":
        dependency = receipt.depends_on
        # The record it hangs on is still on its way (queued here), or has just reached the bureau.
        coming = dependency is not None and (
            any(row.state == OutboxState.PENDING for row in _remaining(connection, dependency))
            or _seen_version(connection, dependency) > 0
        )
        if dependency is not None and not coming:
            _quarantine(connection, item.seq, f"所属记录未能同步到局端（{receipt.reason}）")
            outcome.quarantined += 1
        elif item.attempts >= MAX_DEFERRALS:
            _quarantine(connection, item.seq, f"多次尝试仍未能同步：{receipt.reason}")
            outcome.quarantined += 1
        else:
            outcome.deferred.append(item.ref)
    else:
        raise ValueError(f"unknown receipt outcome {receipt.outcome!r}")


def _adopt_bureau_result(connection: Connection, item: OutboxItem, receipt: ReceiptView, now: Any) -> None:
    """Take what the bureau merged in from other devices, unless it touches fields still waiting to be sent
    (then a conflict, never a silent loss); align the local version when nothing else waits."""
    table = record_table(item.table_name)
    remaining = _remaining(connection, item.ref)
    if receipt.record is not None:
        local = _local_row(connection, item.ref)
        if local is not None:
            bureau = from_wire(item.table_name, receipt.record)
            waiting = {name for row in remaining for name in (row.changed or [])}
            differing = [c for c in table_columns(item.table_name) if c not in BOOKKEEPING and local[c] != bureau[c]]
            taken = {c: bureau[c] for c in differing if c not in waiting}
            if taken:
                connection.execute(update(table).where(table.c.id == item.record_id).values(**taken))
            overlap = [c for c in differing if c in waiting]
            if overlap:
                _record_conflict(
                    connection,
                    item,
                    ConflictKind.FIELDS,
                    reason="另一设备的修改与您尚未上传的修改涉及相同字段，请比较后选择",
                    bureau=receipt.record,
                    bureau_version=receipt.version,
                    fields=overlap,
                    now=now,
                )
    if not remaining:
        connection.execute(update(table).where(table.c.id == item.record_id).values(version=receipt.version))


def resolve_conflict(
    engine: Engine, actor: Actor, conflict_id: str, choices: Mapping[str, str], *, clock: Clock = utc_now
) -> None:
    """Settle a conflict. For same-field conflicts, `choices` names "local" or "bureau" for every conflicting
    field; the result (bureau version plus the device's other changes plus the choices) is queued as one new
    mutation based on the bureau's version. A conflict about a record that left the device's scope can only
    be acknowledged (its change is kept at the bureau)."""
    now = clock()
    with write_changes(engine, actor, clock=clock) as writer:
        session = writer.session
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None or conflict.resolved_at is not None:
            raise KeyError(conflict_id)
        if conflict.kind == ConflictKind.OUT_OF_SCOPE or conflict.bureau is None:
            conflict.resolved_at, conflict.resolution = now, "ACKNOWLEDGED"
            session.add(conflict)
            return
        missing = sorted(set(conflict.fields) - {f for f, c in choices.items() if c in ("local", "bureau")})
        if missing:
            raise ValueError(f"choose local or bureau for: {', '.join(missing)}")
        _rebase_record(session, writer, conflict, choices)
        conflict.resolved_at = now
        conflict.resolution = "LOCAL" if all(choices[f] == "local" for f in conflict.fields) else "CHOSEN"
        session.add(conflict)
        session.flush()
        refresh_badges(session.connection(), [(conflict.table_name, conflict.record_id)])
        bump_generation(session.connection())


def _rebase_record(session: Session, writer: Any, conflict: SyncConflict, choices: Mapping[str, str]) -> None:
    record = session.get(record_model(conflict.table_name), conflict.record_id)
    if record is None:
        return
    connection = session.connection()
    ref = (conflict.table_name, conflict.record_id)
    held = _remaining(connection, ref)
    local_fields = set(conflict.local_changed) | {name for row in held for name in (row.changed or [])}
    bureau = from_wire(conflict.table_name, conflict.bureau or {})
    columns = [c for c in table_columns(conflict.table_name) if c not in BOOKKEEPING]
    final = {c: getattr(record, c) if c in local_fields else bureau[c] for c in columns}
    for name in conflict.fields:
        final[name] = getattr(record, name) if choices[name] == "local" else bureau[name]
    waiting = [row for row in held if row.state == OutboxState.PENDING]
    # An unsent mutation keeps its id for the rebased change: the bureau never saw it, and nothing queued is lost.
    reused = next((row.mutation_id for row in waiting if row.attempts == 0), None)
    connection.execute(delete(_OUTBOX).where(_OUTBOX.c.seq.in_([row.seq for row in waiting])))
    _set_seen(connection, ref, conflict.bureau_version)
    for name, value in final.items():
        setattr(record, name, value)
    record.version = conflict.bureau_version
    writer.save(record, detail={"conflict": conflict.id})
    differing = sorted(c for c in columns if final[c] != bureau[c])
    entry = session.execute(
        select(OutboxEntry).where(
            OutboxEntry.table_name == ref[0],
            OutboxEntry.record_id == ref[1],
            OutboxEntry.state == OutboxState.PENDING,
        )
    ).scalar_one_or_none()
    if entry is None:
        record.version = conflict.bureau_version + 1
        session.add(record)
        entry = OutboxEntry(
            mutation_id=new_id(),
            table_name=ref[0],
            record_id=ref[1],
            op=MutationOp.UPSERT,
            base_version=conflict.bureau_version,
            payload=record.model_dump(mode="json"),
        )
        writer.audit(AuditKind.UPDATE, record, {"conflict": conflict.id, "fields": differing})
    entry.changed = differing
    if reused is not None:
        entry.mutation_id = reused
    session.add(entry)
    session.flush()


def list_quarantined(engine: Engine) -> list[OutboxEntry]:
    """Mutations the bureau refused, with the reason (oldest first)."""
    with Session(engine, expire_on_commit=False) as session:
        query = select(OutboxEntry).where(OutboxEntry.state == OutboxState.QUARANTINED).order_by(col(OutboxEntry.seq))
        entries = list(session.execute(query).scalars())
        session.expunge_all()
        return entries


def requeue_quarantined(engine: Engine, seq: int) -> str:
    """Send a quarantined mutation again (after the cause was fixed at the bureau), under a new mutation id."""
    mutation_id = new_id()
    with engine.begin() as connection:
        row = connection.execute(select(_OUTBOX).where(_OUTBOX.c.seq == seq)).first()
        if row is None or row.state != OutboxState.QUARANTINED:
            raise KeyError(seq)
        connection.execute(
            update(_OUTBOX)
            .where(_OUTBOX.c.seq == seq)
            .values(state=OutboxState.PENDING, attempts=0, last_error="", mutation_id=mutation_id)
        )
        refresh_badges(connection, [(row.table_name, row.record_id)])
        bump_generation(connection)
    return mutation_id


def discard_quarantined(engine: Engine, seq: int) -> None:
    """Give up a quarantined mutation (the bureau keeps what was refused). The record is fetched again from
    the bureau at the next sync; one the bureau never had is removed."""
    from fieldvisit.store.sync_apply import mark_for_refetch

    with engine.begin() as connection:
        row = connection.execute(select(_OUTBOX).where(_OUTBOX.c.seq == seq)).first()
        if row is None or row.state != OutboxState.QUARANTINED:
            raise KeyError(seq)
        connection.execute(delete(_OUTBOX).where(_OUTBOX.c.seq == seq))
        ref = (row.table_name, row.record_id)
        if not _remaining(connection, ref):
            mark_for_refetch(connection, ref)
        refresh_badges(connection, [ref])
        bump_generation(connection)


def wipe_workspace(workspace: Workspace, secret_store: SecretStore | None, secret_names: Iterable[str] = ()) -> None:
    """Destroy the local store: the wrapped key is overwritten first (the encrypted data is then unreadable),
    then every file goes, and cached secrets are forgotten."""
    path: Path = workspace.path
    workspace.engine.dispose()
    info = path / INFO_FILE
    if info.exists():
        with info.open("r+b") as f:
            size = max(f.seek(0, os.SEEK_END), 1)
            f.seek(0)
            f.write(os.urandom(size))
            f.flush()
            os.fsync(f.fileno())
    shutil.rmtree(path, ignore_errors=True)
    if secret_store is not None:
        for name in (_key_secret_name(workspace.info.workspace_id), *secret_names):
            try:
                secret_store.delete(name)
            except SecretStoreError:
                log.warning("could not forget a secret in %s", secret_store.backend_name)


def unsent_audit(engine: Engine, *, limit: int) -> tuple[int, list[dict[str, Any]]]:
    """The next audit events not yet uploaded (in the order they were written) and the position after them.

    Events are found by SQLite row order, not by time: the device clock may be wrong.
    """
    audit = record_table("audit_event")
    with engine.connect() as connection:
        after = int(get_setting(connection, Key.AUDIT_ROWID, 0))
        rowid = literal_column("rowid")
        rows = list(connection.execute(select(rowid, audit).where(rowid > after).order_by(rowid).limit(limit)))
    events = [_jsonable({k: v for k, v in row._mapping.items() if k != "rowid"}) for row in rows]
    return (int(rows[-1][0]) if rows else after), events


def mark_audit_sent(engine: Engine, position: int) -> None:
    """Remember that the bureau holds every audit event up to `position`."""
    with engine.begin() as connection:
        put_setting(connection, Key.AUDIT_ROWID, position)
