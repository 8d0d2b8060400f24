"""Synced rows encoded exactly as SQLAlchemy stores them in SQLite, for bulk Core writes without per-value typing.

A first pull writes tens of thousands of rows, and a push's receipts mark hundreds a batch; SQLAlchemy's per-row
parameter processing (JSON, dates, times) was the largest part of it. Here each value is encoded once, in the same
storage format (tests compare the stored bytes), and the Core statements, compiled once per table, run with plain
tuples.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Insert, Integer, String, Table, bindparam, func, update
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from fieldvisit.domain.types import UTCDateTime
from fieldvisit.store.sync_state import record_table

Encoder = Callable[[Any], Any]


def _json(value: Any) -> str:
    if not value and isinstance(value, list):
        return "[]"
    if not value and isinstance(value, dict):
        return "{}"
    return json.dumps(value)


def _datetime(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str) and len(value) in (20, 27) and value[-1] == "Z" and value[10] == "T":
        # The bureau's usual UTC form ("2026-01-01T08:30:00Z", or with six fraction digits): rearranged, not parsed.
        return f"{value[:10]} {value[11:19]}.{value[20:26] if len(value) == 27 else '000000'}"
    moment = (datetime.fromisoformat(value) if isinstance(value, str) else value).astimezone(UTC)
    return (
        f"{moment.year:04d}-{moment.month:02d}-{moment.day:02d} "
        f"{moment.hour:02d}:{moment.minute:02d}:{moment.second:02d}.{moment.microsecond:06d}"
    )


def _date(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    day: date = value
    return f"{day.year:04d}-{day.month:02d}-{day.day:02d}"


def _boolean(value: Any) -> Any:
    return None if value is None else int(bool(value))


@cache
def _encoders(table_name: str) -> tuple[tuple[str, Encoder | None], ...]:
    encoders: list[tuple[str, Encoder | None]] = []
    for column in record_table(table_name).columns:
        kind = column.type
        encoder: Encoder | None = None
        if isinstance(kind, UTCDateTime):
            encoder = _datetime
        elif isinstance(kind, JSON):
            encoder = _json
        elif isinstance(kind, Date):
            encoder = _date
        elif isinstance(kind, Boolean):
            encoder = _boolean
        encoders.append((column.name, encoder))
    return tuple(encoders)


@cache
def _layout(table_name: str) -> tuple[tuple[str, ...], tuple[tuple[int, Encoder], ...]]:
    encoders = _encoders(table_name)
    names = tuple(name for name, _ in encoders)
    return names, tuple((index, encoder) for index, (_, encoder) in enumerate(encoders) if encoder is not None)


def storage_row(table_name: str, data: Mapping[str, Any]) -> tuple[Any, ...]:
    """A row (a record as the bureau sent it, or a sync badge), encoded as SQLite stores it, in column order;
    absent columns are NULL."""
    names, encoded = _layout(table_name)
    row = list(map(data.get, names))  # most columns are stored as sent; only the typed ones are encoded
    for index, encoder in encoded:
        row[index] = encoder(row[index])
    return tuple(row)


def column_index(table_name: str, column: str) -> int:
    """Where `column` sits in a storage row."""
    return [name for name, _ in _encoders(table_name)].index(column)


def _plain(table: Table) -> dict[str, Any]:
    return {column.name: bindparam(column.name, type_=String()) for column in table.columns}


def _positional(statement: Insert) -> str:
    compiled = statement.compile(dialect=sqlite_dialect.dialect())
    assert list(compiled.positiontup or []) == [column.name for column in statement.table.columns]  # type: ignore[attr-defined]
    return str(compiled)


@cache
def insert_sql(table_name: str) -> str:
    """INSERT of storage rows (records new here), compiled once from the Core statement."""
    table = record_table(table_name)
    return _positional(table.insert().values(_plain(table)))


@cache
def upsert_sql(table_name: str) -> str:
    """INSERT … ON CONFLICT (id) DO UPDATE of storage rows (records already here), compiled once from Core."""
    table = record_table(table_name)
    statement = sqlite_insert(table).values(_plain(table))
    return _positional(
        statement.on_conflict_do_update(
            index_elements=[table.c.id],
            set_={column.name: statement.excluded[column.name] for column in table.columns if column.name != "id"},
        )
    )


@cache
def badge_upsert_sql() -> str:
    """INSERT … ON CONFLICT of sync badges (storage rows), after a pull or applied receipts: the bureau version and
    state are replaced, and the time of the last sync is kept where the new badge has none (the record waits)."""
    badges = record_table("record_sync")
    statement = sqlite_insert(badges).values(_plain(badges))
    return _positional(
        statement.on_conflict_do_update(
            index_elements=[badges.c.table_name, badges.c.record_id],
            set_={
                "bureau_version": statement.excluded.bureau_version,
                "state": statement.excluded.state,
                "synced_at": func.coalesce(statement.excluded.synced_at, badges.c.synced_at),
            },
        )
    )


@cache
def version_sql(table_name: str) -> str:
    """UPDATE of one record's version, compiled once from Core; its parameters are (version, id)."""
    table = record_table(table_name)
    statement = (
        update(table)
        .where(table.c.id == bindparam("id", type_=String()))
        .values(version=bindparam("version", type_=Integer()))
    )
    compiled = statement.compile(dialect=sqlite_dialect.dialect())
    assert list(compiled.positiontup or []) == ["version", "id"]
    return str(compiled)
