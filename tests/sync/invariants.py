"""The invariants every sync test ends with, checked after the network is healthy again and everyone synced."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import Session
from tests.sync.harness import Device, World

from fieldvisit.bureau import changelog
from fieldvisit.bureau.records import load_rows
from fieldvisit.bureau.scope import user_keys
from fieldvisit.bureau.tables import metadata as bureau_metadata
from fieldvisit.bureau.tables import receipt
from fieldvisit.store.sync_state import SyncConflict, record_table
from fieldvisit.store.tables import OutboxEntry, OutboxState, RecordSync
from fieldvisit.store.workspace import is_workspace
from fieldvisit.sync.client import SyncStatus
from fieldvisit.sync.protocol import SYNCED_MODELS

Ref = tuple[str, str]


def settle(world: World, rounds: int = 2) -> None:
    """Everyone syncs, twice, over a healthy network (straight to the bureau)."""
    for _ in range(rounds):
        for device in world.devices:
            if device.wiped:
                continue
            device.engine.close()
            device.engine._url_override = None  # the network is healthy again: no fault proxy in the way
            report = device.sync()
            assert report.status in (SyncStatus.OK, SyncStatus.WIPED), (device.name, report)


def _normal(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _bureau_user(world: World, user_id: str) -> dict[str, Any]:
    users = bureau_metadata.tables["staff_user"]
    with world.bureau.engine.connect() as connection:
        return dict(connection.execute(select(users).where(users.c.id == user_id)).one()._mapping)


def _local_state(device: Device) -> tuple[dict[Ref, int], set[Ref], set[str], set[Ref]]:
    with Session(device.workspace.engine) as session:
        badges = list(session.exec(select(RecordSync)).scalars())  # type: ignore[call-overload]
        outbox = list(session.exec(select(OutboxEntry)).scalars())  # type: ignore[call-overload]
        conflicts = list(session.exec(select(SyncConflict)).scalars())  # type: ignore[call-overload]
    synced = {(b.table_name, b.record_id): b.bureau_version for b in badges if b.state == "SYNCED"}
    held = {(b.table_name, b.record_id) for b in badges if b.state != "SYNCED"}
    held |= {(e.table_name, e.record_id) for e in outbox}
    # Only a same-field conflict holds a record back; one about a record that left the scope is a note of edits
    # kept at the bureau, and the record syncs normally if it comes back.
    held |= {(c.table_name, c.record_id) for c in conflicts if c.resolved_at is None and c.kind == "FIELDS"}
    in_outbox = {e.mutation_id for e in outbox}
    stuck = {(e.table_name, e.record_id) for e in outbox if e.state == OutboxState.PENDING}
    open_conflicts = {(c.table_name, c.record_id) for c in conflicts if c.resolved_at is None and c.kind == "FIELDS"}
    return synced, held, in_outbox, stuck - open_conflicts


def check_invariants(world: World, *, settle_first: bool = True) -> None:
    """Nothing lost, nothing applied twice, equal in-scope data, nothing out of scope, no stuck queue."""
    if settle_first:
        settle(world)
    engine = world.bureau.engine
    with engine.connect() as connection:
        receipts = {row.mutation_id: row for row in connection.execute(select(receipt))}
    applied = Counter((r.table_name, r.record_id) for r in receipts.values() if r.status == "APPLIED")
    for table_name in SYNCED_MODELS:
        table = bureau_metadata.tables[table_name]
        with engine.connect() as connection:
            for row in connection.execute(select(table.c.id, table.c.version)):
                assert row.version == applied[(table_name, row.id)], (
                    f"{table_name} {row.id} is at version {row.version} after {applied[(table_name, row.id)]} "
                    "applied mutations: something was applied twice or without a receipt"
                )
    for device in world.devices:
        if device.wiped:
            assert not is_workspace(device.workspace.path), f"{device.name} was told to wipe but kept its store"
            continue
        _check_device(world, device, receipts)


def _check_device(world: World, device: Device, receipts: dict[str, Any]) -> None:
    synced, held, in_outbox, stuck = _local_state(device)
    missing = sorted(m for m in device.queued if m not in in_outbox and m not in receipts)
    assert not missing, f"{device.name}: mutations committed locally are missing on the bureau: {missing[:5]}"
    assert not stuck, f"{device.name}: mutations still queued after a healthy sync: {sorted(stuck)[:5]}"
    user = _bureau_user(world, device.session.user.id)
    with world.bureau.engine.connect() as connection:
        scope = {(t, r): v for t, r, v in changelog.scope_entries(connection, user_keys(user))}
    expected = {ref: version for ref, version in scope.items() if ref not in held}
    assert synced == expected, (
        f"{device.name}: synced records differ from the bureau's scope: "
        f"missing {sorted(set(expected) - set(synced))[:5]}, extra {sorted(set(synced) - set(expected))[:5]}, "
        f"stale {sorted(r for r in set(synced) & set(expected) if synced[r] != expected[r])[:5]}"
    )
    local_rows: set[Ref] = set()
    shas: set[str] = set()
    with device.workspace.engine.connect() as connection:
        for table_name in SYNCED_MODELS:
            table = record_table(table_name)
            rows = {row.id: dict(row._mapping) for row in connection.execute(select(table))}
            local_rows.update((table_name, record_id) for record_id in rows)
            if table_name == "attachment":
                shas = {row["sha256"] for row in rows.values()}
            wanted = [record_id for record_id in rows if (table_name, record_id) in expected]
            with world.bureau.engine.connect() as bureau_connection:
                bureau_rows = load_rows(bureau_connection, table_name, wanted)
            for record_id in wanted:
                local = {k: _normal(v) for k, v in rows[record_id].items()}
                remote = {k: _normal(v) for k, v in bureau_rows[record_id].items()}
                assert local == remote, f"{device.name}: {table_name} {record_id} differs from the bureau's"
    out_of_scope = sorted(ref for ref in local_rows if ref not in scope and ref not in held)
    assert not out_of_scope, f"{device.name} holds records outside its scope: {out_of_scope[:5]}"
    files = set(device.workspace.vault.iter_hashes())
    assert files <= shas, f"{device.name} holds attachment files of no record: {sorted(files - shas)[:3]}"
