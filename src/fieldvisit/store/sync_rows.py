"""Pulled rows encoded exactly as SQLAlchemy stores them in SQLite, for bulk Core writes without per-value typing.

A first pull writes tens of thousands of rows; SQLAlchemy's per-value bind processing (JSON, dates, times) was
the largest part of it. Here each value is encoded once, in the same storage format (tests compare the stored
bytes), and the Core statements bind plain strings.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import JSON, Boolean, Date, Insert, String, Table, bindparam
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


def storage_values(table_name: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """A record as the bureau sent it, encoded as SQLite stores it (absent columns are NULL)."""
    values: dict[str, Any] = {}
    for name, encoder in _encoders(table_name):
        value = data.get(name)
        values[name] = encoder(value) if encoder is not None else value
    return values


def _plain(table: Table) -> dict[str, Any]:
    return {column.name: bindparam(column.name, type_=String()) for column in table.columns}


@cache
def insert_statement(table_name: str) -> Insert:
    """INSERT of encoded values (new records)."""
    table = record_table(table_name)
    return table.insert().values(_plain(table))


@cache
def upsert_statement(table_name: str) -> Insert:
    """INSERT … ON CONFLICT (id) DO UPDATE of encoded values (records already here)."""
    table = record_table(table_name)
    statement = sqlite_insert(table).values(_plain(table))
    return statement.on_conflict_do_update(
        index_elements=[table.c.id],
        set_={column.name: statement.excluded[column.name] for column in table.columns if column.name != "id"},
    )
