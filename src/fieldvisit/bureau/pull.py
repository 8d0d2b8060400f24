"""Serving a device its scope: pages after a cursor (parents first), the scope digest, the manifest, fetches."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import Connection, Engine

from fieldvisit.bureau import changelog
from fieldvisit.bureau.db import read_transaction
from fieldvisit.bureau.records import load_rows
from fieldvisit.sync.protocol import (
    PROTOCOL_VERSION,
    Change,
    FetchReply,
    Manifest,
    ManifestEntry,
    PullPage,
    RecordRef,
    parent_of,
    scope_digest,
)

Ref = tuple[str, str]


def _changes(connection: Connection, refs: Iterable[Ref]) -> list[Change]:
    by_table: dict[str, list[str]] = {}
    ordered = list(refs)
    for table, record_id in ordered:
        by_table.setdefault(table, []).append(record_id)
    rows: dict[Ref, dict[str, Any]] = {}
    for table, ids in by_table.items():
        for record_id, row in load_rows(connection, table, ids).items():
            rows[(table, record_id)] = row
    return [
        Change.model_construct(table=ref[0], record_id=ref[1], version=int(row["version"]), data=row)
        for ref in ordered
        if (row := rows.get(ref)) is not None
    ]


def _parents_after(connection: Connection, changes: list[Change], last_seq: int, have: set[Ref]) -> list[Change]:
    """Parents of `changes` that the device would only get in a later page: sent now, ahead of their children."""
    pulled: list[Change] = []
    current = changes
    while current:
        wanted = {ref for change in current if (ref := parent_of(change.table, change.data)) and ref not in have}
        entries = changelog.load_entries(connection, wanted)
        later = sorted((entry.seq, ref) for ref, entry in entries.items() if entry.seq > last_seq)
        current = _changes(connection, [ref for _, ref in later])
        have.update((change.table, change.record_id) for change in current)
        pulled = current + pulled
    return pulled


def _digest(connection: Connection, keys: Collection[str], exclude: set[Ref]) -> tuple[str, int]:
    entries = changelog.scope_entries(connection, keys)
    return scope_digest(entry for entry in entries if (entry[0], entry[1]) not in exclude)


def pull_page(engine: Engine, keys: Collection[str], *, cursor: int, limit: int, exclude: set[Ref]) -> PullPage:
    """The device's next page: changes it sees and removals, with the digest on the last page."""
    with read_transaction(engine) as connection:
        rows = changelog.page(connection, keys, cursor, limit)
        has_more = len(rows) == limit
        next_cursor = rows[-1].seq if has_more else max(changelog.head(connection), cursor)
        refs = [(row.table, row.record_id) for row in rows if row.visible]
        changes = _changes(connection, refs)
        if has_more:
            changes = _parents_after(connection, changes, rows[-1].seq, set(refs)) + changes
        removals = [RecordRef(table=row.table, record_id=row.record_id) for row in rows if not row.visible]
        digest, count = _digest(connection, keys, exclude) if not has_more else (None, None)
    return PullPage.model_construct(
        protocol=PROTOCOL_VERSION,
        cursor=next_cursor,
        has_more=has_more,
        changes=changes,
        removals=removals,
        scope_digest=digest,
        scope_count=count,
    )


def manifest(engine: Engine, keys: Collection[str], *, exclude: set[Ref]) -> Manifest:
    """Every record the device should hold (minus those it has unsynced edits of), at the current cursor."""
    with read_transaction(engine) as connection:
        cursor = changelog.head(connection)
        entries = [entry for entry in changelog.scope_entries(connection, keys) if (entry[0], entry[1]) not in exclude]
    digest, count = scope_digest(entries)
    return Manifest.model_construct(
        protocol=PROTOCOL_VERSION,
        cursor=cursor,
        entries=[ManifestEntry.model_construct(table=t, record_id=r, version=v) for t, r, v in entries],
        scope_digest=digest,
        scope_count=count,
    )


def fetch(engine: Engine, keys: Collection[str], refs: list[Ref]) -> FetchReply:
    """The asked-for records that the device may see; the others are silently left out."""
    with read_transaction(engine) as connection:
        visible = changelog.visible_refs(connection, keys, refs)
        ordered = sorted(visible, key=lambda ref: visible[ref].seq)
        changes = _changes(connection, ordered)
    return FetchReply.model_construct(protocol=PROTOCOL_VERSION, changes=changes)
