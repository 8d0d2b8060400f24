"""The gap-free change log that pulls follow: numbering under the head row's lock, scope keys, pages, digests.

The log holds one entry per record, at the position of its latest change: a record that changes again moves
to a new, higher cursor. An entry lists the scope keys that see the record and those that used to and must
now remove it. Positions are numbered by incrementing the single head row inside the writing transaction;
its row lock makes writers commit in cursor order, so a reader never sees position n+1 before position n.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, case, delete, false, func, select, update

from fieldvisit.bureau.db import insert_rows, one_of
from fieldvisit.bureau.tables import change_audience, change_log, log_head


@dataclass(frozen=True)
class LogEntry:
    """The log entry of one record as stored."""

    seq: int
    table: str
    record_id: str
    version: int
    root_table: str
    root_id: str
    audience: frozenset[str]
    removed: frozenset[str]
    field_versions: dict[str, int]


@dataclass
class LogWrite:
    """A record's new log entry: its version, root, audience and field versions; `previous` is replaced."""

    table: str
    record_id: str
    version: int
    root_table: str
    root_id: str
    audience: frozenset[str]
    field_versions: dict[str, int] = field(default_factory=dict)
    previous: LogEntry | None = None


@dataclass(frozen=True)
class PageRow:
    """One log position in a device's page: a change it sees, or a removal (it no longer sees the record)."""

    seq: int
    table: str
    record_id: str
    version: int
    visible: bool


def _entry(row: Any) -> LogEntry:
    return LogEntry(
        seq=int(row.seq),
        table=row.table_name,
        record_id=row.record_id,
        version=int(row.version),
        root_table=row.root_table,
        root_id=row.root_id,
        audience=frozenset(row.audience or ()),
        removed=frozenset(row.removed or ()),
        field_versions={str(k): int(v) for k, v in (row.field_versions or {}).items()},
    )


def load_entries(connection: Connection, refs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], LogEntry]:
    """The log entries of these (table, record id) pairs that exist."""
    by_table: dict[str, set[str]] = {}
    for table, record_id in refs:
        by_table.setdefault(table, set()).add(record_id)
    found: dict[tuple[str, str], LogEntry] = {}
    for table, ids in sorted(by_table.items()):
        for condition in one_of(connection, change_log.c.record_id, ids):
            query = select(change_log).where(change_log.c.table_name == table, condition)
            for row in connection.execute(query).all():
                entry = _entry(row)
                found[(entry.table, entry.record_id)] = entry
    return found


def dependents(connection: Connection, root_table: str, root_id: str) -> list[LogEntry]:
    """Every entry in the tree under a root record (the root itself excluded), in log order."""
    query = (
        select(change_log)
        .where(change_log.c.root_table == root_table, change_log.c.root_id == root_id)
        .order_by(change_log.c.seq)
    )
    return [
        entry
        for entry in (_entry(row) for row in connection.execute(query).all())
        if (entry.table, entry.record_id) != (root_table, root_id)
    ]


def head(connection: Connection) -> int:
    """The last assigned log position."""
    return int(connection.execute(select(log_head.c.seq).where(log_head.c.id == 1)).scalar_one())


def append(connection: Connection, writes: list[LogWrite]) -> int:
    """Give each write the next log position (in order), replacing the records' previous entries.

    Must run last in the writing transaction: taking the head row's lock here, and holding it to commit,
    is what keeps positions visible in order.
    """
    if not writes:
        return head(connection)
    last = int(
        connection.execute(
            update(log_head)
            .where(log_head.c.id == 1)
            .values(seq=log_head.c.seq + len(writes))
            .returning(log_head.c.seq)
        ).scalar_one()
    )
    first = last - len(writes) + 1
    old = {w.previous.seq for w in writes if w.previous is not None}
    for condition in one_of(connection, change_audience.c.seq, old):
        connection.execute(delete(change_audience).where(condition))
    for condition in one_of(connection, change_log.c.seq, old):
        connection.execute(delete(change_log).where(condition))
    log_rows: list[dict[str, Any]] = []
    audience_rows: list[dict[str, Any]] = []
    for offset, write in enumerate(writes):
        seq = first + offset
        previous = write.previous
        removed = (previous.audience | previous.removed) - write.audience if previous else frozenset()
        log_rows.append(
            {
                "seq": seq,
                "table_name": write.table,
                "record_id": write.record_id,
                "version": write.version,
                "root_table": write.root_table,
                "root_id": write.root_id,
                "audience": sorted(write.audience),
                "removed": sorted(removed),
                "field_versions": write.field_versions,
            }
        )
        audience_rows.extend({"key": key, "seq": seq, "removal": False} for key in write.audience)
        audience_rows.extend({"key": key, "seq": seq, "removal": True} for key in removed)
    insert_rows(connection, change_log, log_rows)
    insert_rows(connection, change_audience, audience_rows)
    return last


def page(connection: Connection, keys: Collection[str], cursor: int, limit: int) -> list[PageRow]:
    """The next `limit` log positions after `cursor` that concern a holder of `keys`."""
    if not keys:
        return []
    visible = func.max(case((change_audience.c.removal, 0), else_=1)).label("visible")
    hits = (
        select(change_audience.c.seq, visible)
        .where(change_audience.c.key.in_(sorted(keys)), change_audience.c.seq > cursor)
        .group_by(change_audience.c.seq)
        .order_by(change_audience.c.seq)
        .limit(limit)
        .subquery()
    )
    query = (
        select(hits.c.seq, hits.c.visible, change_log.c.table_name, change_log.c.record_id, change_log.c.version)
        .join(change_log, change_log.c.seq == hits.c.seq)
        .order_by(hits.c.seq)
    )
    return [
        PageRow(int(row.seq), row.table_name, row.record_id, int(row.version), bool(row.visible))
        for row in connection.execute(query).all()
    ]


def scope_entries(connection: Connection, keys: Collection[str]) -> list[tuple[str, str, int]]:
    """(table, record id, version) of every record a holder of `keys` sees."""
    if not keys:
        return []
    seen = select(change_audience.c.seq).where(
        change_audience.c.key.in_(sorted(keys)), change_audience.c.removal == false()
    )
    query = select(change_log.c.table_name, change_log.c.record_id, change_log.c.version).where(
        change_log.c.seq.in_(seen)
    )
    return [(row.table_name, row.record_id, int(row.version)) for row in connection.execute(query).all()]


def visible_refs(
    connection: Connection, keys: Collection[str], refs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], LogEntry]:
    """Those of `refs` that a holder of `keys` sees, with their entries."""
    return {ref: entry for ref, entry in load_entries(connection, refs).items() if entry.audience & set(keys)}
