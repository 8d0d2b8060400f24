"""Client sync state: the conflict table, the sync settings (cursor, session facts) and wire-to-column conversion."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from typing import Any

from sqlalchemy import JSON, ColumnElement, Connection, Date, Table, bindparam, func, literal_column, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import configure_mappers
from sqlmodel import Field, SQLModel

from fieldvisit.domain import models
from fieldvisit.domain.ids import new_id
from fieldvisit.domain.types import UTCDateTime, utc_now
from fieldvisit.store.tables import Setting


class ConflictKind(StrEnum):
    """Why a change waits for a person: both sides changed the same fields; the record left the device's scope;
    the bureau refused a reused mutation id."""

    FIELDS = "FIELDS"
    OUT_OF_SCOPE = "OUT_OF_SCOPE"


class SyncConflict(SQLModel, table=True):
    """A local change the bureau could not apply without a person's choice (冲突), kept until resolved.

    `local` is the device's version of the record, `bureau` the bureau's (None when the record left the
    device's scope), `fields` the fields both sides changed differently.
    """

    __tablename__ = "sync_conflict"

    id: str = Field(default_factory=new_id, primary_key=True, max_length=36)
    table_name: str = Field(max_length=40)
    record_id: str = Field(index=True, max_length=36)
    kind: str = Field(max_length=20)
    mutation_id: str = Field(default="", max_length=36)
    local: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    local_changed: list[str] = Field(default_factory=list, sa_type=JSON)
    bureau: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    bureau_version: int = Field(default=0)
    fields: list[str] = Field(default_factory=list, sa_type=JSON)
    reason: str = Field(default="", max_length=500)
    created_at: datetime = Field(default_factory=utc_now, sa_type=UTCDateTime)
    resolved_at: datetime | None = Field(default=None, sa_type=UTCDateTime, index=True)
    resolution: str = Field(default="", max_length=20)


class Key(StrEnum):
    """Keys of the `setting` table that sync owns."""

    SESSION = "sync.session"
    CURSOR = "sync.cursor"
    LAST_SUCCESS = "sync.last_success_at"
    AUDIT_ROWID = "sync.audit_rowid"
    STATUS = "sync.status"
    DOWNLOADS_PENDING = "sync.downloads_pending"
    VAULT_SWEEP = "sync.vault_sweep"
    GENERATION = "sync.generation"


def get_setting(connection: Connection, key: Key, default: Any = None) -> Any:
    """A sync setting's value, or `default`."""
    value = connection.execute(select(Setting.value).where(Setting.key == key.value)).scalar_one_or_none()
    return default if value is None else value


def put_setting(connection: Connection, key: Key, value: Any) -> None:
    """Store a sync setting (inside the caller's transaction)."""
    table: Table = Setting.__table__  # type: ignore[attr-defined]
    connection.execute(
        sqlite_insert(table)
        .values(key=key.value, value=value)
        .on_conflict_do_update(index_elements=["key"], set_={"value": value})
    )


def record_table(table_name: str) -> Table:
    """The table of a synced record type, by name."""
    return models.metadata.tables[table_name]


@cache
def _models() -> dict[str, type[SQLModel]]:
    configure_mappers()
    return {
        str(mapper.class_.__tablename__): mapper.class_
        for mapper in SQLModel._sa_registry.mappers  # type: ignore[attr-defined]
    }


def record_model(table_name: str) -> type[SQLModel]:
    """The model class of a synced record type, by table name."""
    return _models()[table_name]


def bump_generation(connection: Connection) -> None:
    """Note that sync changed which bureau versions the device holds (invalidates a cached scope digest)."""
    put_setting(connection, Key.GENERATION, int(get_setting(connection, Key.GENERATION, 0)) + 1)


@cache
def _converters(table_name: str) -> dict[str, Any]:
    table = record_table(table_name)
    found: dict[str, Any] = {}
    for column in table.columns:
        if isinstance(column.type, UTCDateTime):
            found[column.name] = datetime.fromisoformat
        elif isinstance(column.type, Date):
            found[column.name] = date.fromisoformat
    return found


@cache
def table_columns(table_name: str) -> tuple[str, ...]:
    """The column names of a synced table."""
    return tuple(column.name for column in record_table(table_name).columns)


def from_wire(table_name: str, data: Mapping[str, Any]) -> dict[str, Any]:
    """Column values of a record as the bureau sent it (ISO dates and times parsed; absent columns None)."""
    converters = _converters(table_name)
    values = {column: data.get(column) for column in table_columns(table_name)}
    for column, convert in converters.items():
        value = values[column]
        if isinstance(value, str):
            values[column] = convert(value)
    return values


def among(column: ColumnElement[Any], values: Iterable[Any]) -> ColumnElement[bool]:
    """`column IN (values)` with the values as one JSON array parameter: one statement text however many there
    are (IN lists of thousands cost more to render and bind than to run), and no parameter limit."""
    listed = select(literal_column("value")).select_from(func.json_each(bindparam(None, json.dumps(sorted(values)))))
    return column.in_(listed)
