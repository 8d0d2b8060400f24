"""The pull side of sync: pulled records and the cursor in one transaction, purges of removed scope, digests.

Pulled rows are written through SQLAlchemy Core in bulk (never one ORM object per row). A record with
mutations still waiting in the outbox, or with an open conflict, is never overwritten by a pull.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Engine, and_, delete, func, or_, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from fieldvisit.domain.base import SyncState
from fieldvisit.domain.types import Clock, utc_now
from fieldvisit.store.search import SEARCHABLE_TABLES, name_initials, search_keys
from fieldvisit.store.sync_rows import badge_upsert_sql, column_index, insert_sql, storage_row, upsert_sql
from fieldvisit.store.sync_state import (
    ConflictKind,
    Key,
    SyncConflict,
    among,
    bump_generation,
    get_setting,
    put_setting,
    record_table,
)
from fieldvisit.store.tables import OutboxEntry, RecordSync, SearchEntry
from fieldvisit.store.vault import AttachmentVault

log = logging.getLogger(__name__)
Ref = tuple[str, str]
_OUTBOX = OutboxEntry.__table__  # type: ignore[attr-defined]
_BADGES = RecordSync.__table__  # type: ignore[attr-defined]
_SEARCH = SearchEntry.__table__  # type: ignore[attr-defined]
_CONFLICTS = SyncConflict.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class RecordLinks:
    """How records hang together (from the sync protocol): dependent table -> (parent table, column), and
    tables whose parent is named by a (table column, id column) pair. Purges follow these links."""

    parents: Mapping[str, tuple[str, str]]
    owners: Mapping[str, tuple[str, str]]


@dataclass(frozen=True)
class IncomingRecord:
    """A record as the bureau sent it: its table, id, bureau version and JSON data."""

    table: str
    record_id: str
    version: int
    data: Mapping[str, Any]


@dataclass
class ApplyOutcome:
    """What applying pulled records did."""

    applied: int = 0
    kept_local: int = 0
    removed: int = 0
    attachments: list[str] = field(default_factory=list)


def prepare() -> None:
    """Load what writing pulled records needs once per process (the pinyin tables behind search keys, a few
    hundred milliseconds); call it while waiting for the first page."""
    name_initials("王")


def _held(connection: Connection) -> set[Ref]:
    """Records a pull must not overwrite: with mutations waiting in the outbox, or with an open conflict. Both
    lists are short (what the device has not managed to send), so they are read whole."""
    waiting = connection.execute(select(_OUTBOX.c.table_name, _OUTBOX.c.record_id)).all()
    conflicts = connection.execute(
        select(_CONFLICTS.c.table_name, _CONFLICTS.c.record_id).where(
            _CONFLICTS.c.resolved_at.is_(None), _CONFLICTS.c.kind == ConflictKind.FIELDS
        )
    ).all()
    return {(row[0], row[1]) for row in (*waiting, *conflicts)}


def _seen_versions(connection: Connection, refs: Collection[Ref]) -> dict[Ref, int]:
    by_table: dict[str, list[str]] = {}
    for table_name, record_id in refs:
        by_table.setdefault(table_name, []).append(record_id)
    seen: dict[Ref, int] = {}
    for table_name, ids in by_table.items():
        query = select(_BADGES.c.record_id, _BADGES.c.bureau_version).where(
            _BADGES.c.table_name == table_name, among(_BADGES.c.record_id, ids)
        )
        seen.update(((table_name, row[0]), row[1]) for row in connection.execute(query).all())
    return seen


def apply_records(
    engine: Engine,
    records: list[IncomingRecord],
    removals: Collection[Ref],
    links: RecordLinks,
    *,
    cursor: int | None,
    clock: Clock = utc_now,
) -> ApplyOutcome:
    """Write pulled records, purge removed ones and move the cursor, all in one transaction."""
    outcome = ApplyOutcome()
    now = clock()
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
        if records:
            _write_records(connection, records, outcome, now, links)
        if removals:
            outcome.removed = purge(connection, removals, links)
        if cursor is not None:
            put_setting(connection, Key.CURSOR, cursor)
        if records or removals:
            bump_generation(connection)
    return outcome


def _write_records(
    connection: Connection, records: list[IncomingRecord], outcome: ApplyOutcome, now: Any, links: RecordLinks
) -> None:
    held = _held(connection)
    seen = _seen_versions(connection, {(r.table, r.record_id) for r in records})
    rows: dict[str, dict[str, tuple[Any, ...]]] = {}
    searchable: dict[str, dict[str, Mapping[str, Any]]] = {}  # the data as sent: search keys read nested fields
    badges: list[dict[str, Any]] = []
    for record in records:
        ref = (record.table, record.record_id)
        if ref in held:
            outcome.kept_local += 1
            _refresh_conflict_side(connection, ref, record)
            continue
        if record.version <= seen.get(ref, 0) or ref in rows.get(record.table, {}):
            continue
        rows.setdefault(record.table, {})[record.record_id] = storage_row(record.table, record.data)
        if record.table in SEARCHABLE_TABLES:
            searchable.setdefault(record.table, {})[record.record_id] = record.data
        badges.append(
            {
                "table_name": record.table,
                "record_id": record.record_id,
                "state": SyncState.SYNCED,
                "bureau_version": record.version,
                "synced_at": now,
            }
        )
    _drop_orphans(connection, rows, badges, links)
    for table_name, typed in searchable.items():
        for record_id in [rid for rid in typed if rid not in rows.get(table_name, {})]:
            del typed[record_id]
    for table_name, by_id in rows.items():
        table = record_table(table_name)
        present = _present(connection, table, by_id)
        new = [row for record_id, row in by_id.items() if record_id not in present]
        if new:
            connection.exec_driver_sql(insert_sql(table_name), new)  # a plain insert is a third faster than an upsert
        known = [row for record_id, row in by_id.items() if record_id in present]
        if known:
            connection.exec_driver_sql(upsert_sql(table_name), known)
        outcome.applied += len(by_id)
        if table_name == "attachment":
            sha256, deleted = column_index(table_name, "sha256"), column_index(table_name, "deleted")
            outcome.attachments.extend(row[sha256] for row in by_id.values() if not row[deleted])
    fresh = [badge for badge in badges if (badge["table_name"], badge["record_id"]) not in seen]
    if fresh:
        connection.exec_driver_sql(insert_sql("record_sync"), [storage_row("record_sync", b) for b in fresh])
    updated = [badge for badge in badges if (badge["table_name"], badge["record_id"]) in seen]
    if updated:
        connection.exec_driver_sql(badge_upsert_sql(), [storage_row("record_sync", b) for b in updated])
    _reindex(connection, searchable)


def _drop_orphans(
    connection: Connection,
    rows: dict[str, dict[str, tuple[Any, ...]]],
    badges: list[dict[str, Any]],
    links: RecordLinks,
) -> None:
    """Leave out records whose parent is neither here nor in the page. The bureau always sends a record's tree
    together; if it ever did not, writing the orphan would fail the page on its foreign key at every sync. Left
    out, it is picked up by the next scope check instead."""
    dropped: set[Ref] = set()
    changed = True
    while changed:
        changed = False
        for table_name, (parent_table, column) in links.parents.items():
            by_id = rows.get(table_name)
            if not by_id:
                continue
            index = column_index(table_name, column)
            wanted = {row[index] for row in by_id.values()} - set(rows.get(parent_table, {}))
            missing = wanted - _present(connection, record_table(parent_table), dict.fromkeys(wanted))
            for record_id in [rid for rid, row in by_id.items() if row[index] in missing]:
                log.error(
                    "%s %s arrived without its %s; left for the next scope check", table_name, record_id, parent_table
                )
                del by_id[record_id]
                dropped.add((table_name, record_id))
                changed = True
    if dropped:
        badges[:] = [b for b in badges if (b["table_name"], b["record_id"]) not in dropped]


def _present(connection: Connection, table: Any, rows: Mapping[str, Any]) -> set[str]:
    return set(connection.execute(select(table.c.id).where(among(table.c.id, rows))).scalars())


def _refresh_conflict_side(connection: Connection, ref: Ref, record: IncomingRecord) -> None:
    """Keep an open conflict's bureau side current, so a person compares against the latest version."""
    from sqlalchemy import update

    connection.execute(
        update(_CONFLICTS)
        .where(
            _CONFLICTS.c.table_name == ref[0],
            _CONFLICTS.c.record_id == ref[1],
            _CONFLICTS.c.resolved_at.is_(None),
            _CONFLICTS.c.kind == ConflictKind.FIELDS,
            _CONFLICTS.c.bureau_version < record.version,
        )
        .values(bureau=dict(record.data), bureau_version=record.version)
    )


def _reindex(connection: Connection, rows: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> None:
    """Replace the search keys of the records written (the searchable tables only)."""
    owners: dict[str, Mapping[str, Any]] = dict(rows.get("household_assessment", {}))
    members = rows.get("household_member", {})
    wanted_owners = {row["assessment_id"] for row in members.values()} - set(owners)
    if wanted_owners:
        owner_table = record_table("household_assessment")
        for owner in connection.execute(select(owner_table).where(among(owner_table.c.id, wanted_owners))):
            owners[owner.id] = owner._mapping
    entries: list[dict[str, Any]] = []
    for table_name in SEARCHABLE_TABLES & set(rows):
        for values in rows[table_name].values():
            owner = owners.get(values["assessment_id"]) if table_name == "household_member" else None
            keys = search_keys(table_name, values, owner)
            if keys is not None:
                entries.append(keys)
    for table_name in SEARCHABLE_TABLES & set(rows):
        connection.execute(
            delete(_SEARCH).where(_SEARCH.c.table_name == table_name, among(_SEARCH.c.record_id, rows[table_name]))
        )
    if entries:
        connection.execute(_SEARCH.insert(), entries)


def _descendants(connection: Connection, refs: Collection[Ref], links: RecordLinks) -> dict[str, set[str]]:
    """The records under `refs` (themselves included), by table, following parent and owner links."""
    found: dict[str, set[str]] = {}
    for table_name, record_id in refs:
        found.setdefault(table_name, set()).add(record_id)
    frontier = {table: set(ids) for table, ids in found.items()}
    while frontier:
        reached: dict[str, set[str]] = {}
        for child, (parent, column) in links.parents.items():
            if parent in frontier:
                table = record_table(child)
                ids = connection.execute(select(table.c.id).where(among(table.c[column], frontier[parent])))
                reached.setdefault(child, set()).update(ids.scalars())
        for child, (table_column, id_column) in links.owners.items():
            table = record_table(child)
            for parent, parent_ids in frontier.items():
                query = select(table.c.id).where(table.c[table_column] == parent, among(table.c[id_column], parent_ids))
                reached.setdefault(child, set()).update(connection.execute(query).scalars())
        frontier = {}
        for table_name, ids in reached.items():
            new = ids - found.get(table_name, set())
            if new:
                found.setdefault(table_name, set()).update(new)
                frontier[table_name] = new
    return found


def purge(connection: Connection, refs: Collection[Ref], links: RecordLinks) -> int:
    """Remove records that left the device's scope, with everything under them: rows, badges, search keys;
    their attachment files are queued for deletion from the vault. Outbox entries and conflicts stay (they are
    the user's unsent work, and go to the bureau as conflicts). Returns how many rows went."""
    doomed = _descendants(connection, refs, links)
    removed = 0
    shas: set[str] = set()
    if "attachment" in doomed:
        attachment = record_table("attachment")
        query = select(attachment.c.sha256).where(among(attachment.c.id, doomed["attachment"]))
        shas.update(connection.execute(query).scalars())
    for table_name, ids in doomed.items():
        table = record_table(table_name)
        removed += connection.execute(delete(table).where(among(table.c.id, ids))).rowcount or 0
        connection.execute(delete(_BADGES).where(_BADGES.c.table_name == table_name, among(_BADGES.c.record_id, ids)))
        connection.execute(
            delete(_SEARCH).where(
                or_(
                    and_(_SEARCH.c.table_name == table_name, among(_SEARCH.c.record_id, ids)),
                    and_(_SEARCH.c.owner_table == table_name, among(_SEARCH.c.owner_id, ids)),
                )
            )
        )
    if shas:
        put_setting(connection, Key.VAULT_SWEEP, sorted(set(get_setting(connection, Key.VAULT_SWEEP, [])) | shas))
    return removed


def sweep_vault(engine: Engine, vault: AttachmentVault) -> int:
    """Delete the vault files of purged attachments that no remaining record uses; returns how many went."""
    with engine.begin() as connection:
        candidates = list(get_setting(connection, Key.VAULT_SWEEP, []))
        if not candidates:
            return 0
        attachment = record_table("attachment")
        used = set(connection.execute(select(attachment.c.sha256).where(attachment.c.sha256.in_(candidates))).scalars())
        gone = [sha for sha in candidates if sha not in used]
        for sha in gone:
            vault.delete(sha)
        put_setting(connection, Key.VAULT_SWEEP, [])
    return len(gone)


def mark_for_refetch(connection: Connection, ref: Ref) -> None:
    """Forget which bureau version the device holds of a record, so the next scope check fetches it again
    (or removes it, if the bureau never had it)."""
    row = connection.execute(
        select(_BADGES.c.bureau_version).where(_BADGES.c.table_name == ref[0], _BADGES.c.record_id == ref[1])
    ).first()
    if row is None or not row.bureau_version:
        table = record_table(ref[0])
        connection.execute(delete(table).where(table.c.id == ref[1]))
        connection.execute(delete(_BADGES).where(_BADGES.c.table_name == ref[0], _BADGES.c.record_id == ref[1]))
        connection.execute(delete(_SEARCH).where(_SEARCH.c.table_name == ref[0], _SEARCH.c.record_id == ref[1]))
        return
    connection.execute(
        sqlite_insert(_BADGES)
        .values(table_name=ref[0], record_id=ref[1], state=SyncState.SYNCED, bureau_version=0)
        .on_conflict_do_update(
            index_elements=["table_name", "record_id"], set_={"state": SyncState.SYNCED, "bureau_version": 0}
        )
    )


def synced_versions(engine: Engine) -> dict[Ref, int]:
    """The bureau version of every record the device holds as synced (for the scope digest and re-syncs)."""
    query = select(_BADGES.c.table_name, _BADGES.c.record_id, _BADGES.c.bureau_version).where(
        _BADGES.c.state == SyncState.SYNCED
    )
    with engine.connect() as connection:
        return {(row.table_name, row.record_id): int(row.bureau_version) for row in connection.execute(query)}


def digest_fingerprint(engine: Engine) -> tuple[int, int]:
    """Changes whenever the records counted in the device's scope digest may have changed: sync bumps a
    generation, and a local edit takes a record out of the synced count."""
    with engine.connect() as connection:
        generation = int(get_setting(connection, Key.GENERATION, 0))
        synced = connection.execute(
            select(func.count()).select_from(_BADGES).where(_BADGES.c.state == SyncState.SYNCED)
        ).scalar_one()
    return generation, int(synced)


def held_refs(engine: Engine) -> list[Ref]:
    """Records with unsynced local state (pending, quarantined, in conflict): both sides leave them out of the
    digest, and pulls do not overwrite them."""
    query = select(_BADGES.c.table_name, _BADGES.c.record_id).where(_BADGES.c.state != SyncState.SYNCED)
    with engine.connect() as connection:
        return [(row.table_name, row.record_id) for row in connection.execute(query)]


def attachments_missing(engine: Engine, vault: AttachmentVault) -> list[tuple[str, int]]:
    """(SHA-256, size) of attachments whose record is here but whose content is not in the vault yet."""
    attachment = record_table("attachment")
    query = select(attachment.c.sha256, attachment.c.size_bytes).where(attachment.c.deleted.is_(False)).distinct()
    with engine.connect() as connection:
        rows = list(connection.execute(query))
    return [(row.sha256, int(row.size_bytes)) for row in rows if not vault.has(row.sha256)]
