"""Serving a device its scope: pages after a cursor (parents first), the scope digest, the manifest, fetches.

Answers are built as plain data in the shape of the protocol models and serialized directly: a page holds
thousands of rows, and building a model object per row cost more than the rest of the request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Collection, Iterable
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import Connection, Engine

from fieldvisit.bureau import changelog
from fieldvisit.bureau.db import read_transaction
from fieldvisit.bureau.records import load_rows
from fieldvisit.sync.protocol import PROTOCOL_VERSION, parent_of, scope_digest

Ref = tuple[str, str]
_WIRE: TypeAdapter[Any] = TypeAdapter(Any)


def _changes(connection: Connection, refs: Iterable[Ref]) -> list[dict[str, Any]]:
    by_table: dict[str, list[str]] = {}
    ordered = list(refs)
    for table, record_id in ordered:
        by_table.setdefault(table, []).append(record_id)
    rows: dict[Ref, dict[str, Any]] = {}
    for table, ids in by_table.items():
        for record_id, row in load_rows(connection, table, ids).items():
            rows[(table, record_id)] = row
    return [
        {"table": ref[0], "record_id": ref[1], "version": int(row["version"]), "data": row}
        for ref in ordered
        if (row := rows.get(ref)) is not None
    ]


def _parents_after(
    connection: Connection, changes: list[dict[str, Any]], last_seq: int, have: set[Ref]
) -> list[dict[str, Any]]:
    """Parents of `changes` that the device would only get in a later page: sent now, ahead of their children."""
    pulled: list[dict[str, Any]] = []
    current = changes
    while current:
        wanted = {ref for change in current if (ref := parent_of(change["table"], change["data"])) and ref not in have}
        entries = changelog.load_entries(connection, wanted)
        later = sorted((entry.seq, ref) for ref, entry in entries.items() if entry.seq > last_seq)
        current = _changes(connection, [ref for _, ref in later])
        have.update((change["table"], change["record_id"]) for change in current)
        pulled = current + pulled
    return pulled


def wire_json(answer: dict[str, Any]) -> bytes:
    """JSON of an answer built as plain data (rows as read, dates included), without model objects."""
    return _WIRE.dump_json(answer)


class DigestCache:
    """Scope digests by (scope keys, excluded records, log head): exact for that head, so a sync with nothing to
    do (the head has not moved) costs no scan of the scope. A few hundred entries, least recently used dropped."""

    def __init__(self, size: int = 256) -> None:
        self._size = size
        self._entries: OrderedDict[tuple[Any, ...], tuple[str, int]] = OrderedDict()
        self._lock = threading.Lock()

    def digest(self, connection: Connection, keys: Collection[str], exclude: set[Ref], head: int) -> tuple[str, int]:
        """The digest of what a holder of `keys` sees at `head` (read in `connection`'s snapshot)."""
        key = (frozenset(keys), frozenset(exclude), head)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key]
        entries = changelog.scope_entries(connection, keys)
        value = scope_digest(entry for entry in entries if (entry[0], entry[1]) not in exclude)
        with self._lock:
            self._entries[key] = value
            while len(self._entries) > self._size:
                self._entries.popitem(last=False)
        return value


def pull_page(
    engine: Engine,
    keys: Collection[str],
    *,
    cursor: int,
    limit: int,
    exclude: set[Ref],
    digests: DigestCache | None = None,
) -> dict[str, Any]:
    """The device's next page (a `PullPage` as plain data): changes it sees and removals, with the digest on the
    last page."""
    with read_transaction(engine) as connection:
        rows = changelog.page(connection, keys, cursor, limit)
        has_more = len(rows) == limit
        head = changelog.head(connection)
        next_cursor = rows[-1].seq if has_more else max(head, cursor)
        refs = [(row.table, row.record_id) for row in rows if row.visible]
        changes = _changes(connection, refs)
        if has_more:
            changes = _parents_after(connection, changes, rows[-1].seq, set(refs)) + changes
        removals = [{"table": row.table, "record_id": row.record_id} for row in rows if not row.visible]
        digest, count = (None, None)
        if not has_more:
            digest, count = (digests or DigestCache()).digest(connection, keys, exclude, head)
    return {
        "protocol": PROTOCOL_VERSION,
        "cursor": next_cursor,
        "has_more": has_more,
        "changes": changes,
        "removals": removals,
        "scope_digest": digest,
        "scope_count": count,
    }


def manifest(engine: Engine, keys: Collection[str], *, exclude: set[Ref]) -> dict[str, Any]:
    """Every record the device should hold (minus those it has unsynced edits of), at the current cursor (a
    `Manifest` as plain data)."""
    with read_transaction(engine) as connection:
        cursor = changelog.head(connection)
        entries = [entry for entry in changelog.scope_entries(connection, keys) if (entry[0], entry[1]) not in exclude]
    digest, count = scope_digest(entries)
    return {
        "protocol": PROTOCOL_VERSION,
        "cursor": cursor,
        "entries": [{"table": t, "record_id": r, "version": v} for t, r, v in entries],
        "scope_digest": digest,
        "scope_count": count,
    }


def fetch(engine: Engine, keys: Collection[str], refs: list[Ref]) -> dict[str, Any]:
    """The asked-for records that the device may see (a `FetchReply` as plain data); others are left out."""
    with read_transaction(engine) as connection:
        visible = changelog.visible_refs(connection, keys, refs)
        ordered = sorted(visible, key=lambda ref: visible[ref].seq)
        changes = _changes(connection, ordered)
    return {"protocol": PROTOCOL_VERSION, "changes": changes}
