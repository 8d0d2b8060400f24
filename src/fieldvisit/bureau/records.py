"""Synced records on the bureau side: validating a pushed payload into column values, reading rows back."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel, ValidationError, create_model
from sqlalchemy import JSON, Connection, String, Table, select

from fieldvisit.bureau.db import non_finite, one_of
from fieldvisit.bureau.tables import metadata
from fieldvisit.sync.protocol import BOOKKEEPING_FIELDS, SYNCED_MODELS


class PayloadError(ValueError):
    """A pushed record is invalid; the message is the reason given back in the receipt."""


@dataclass(frozen=True)
class TableInfo:
    """What the bureau needs to know about one synced table's columns."""

    table: Table
    columns: tuple[str, ...]
    lengths: dict[str, int]
    names: tuple[str, ...] = ()
    content: tuple[str, ...] = ()
    """The columns a device edits (not the bookkeeping ones)."""
    moments: tuple[str, ...] = ()
    """Date-time columns: a pushed value must carry its time zone."""
    floats: tuple[str, ...] = ()
    """Floating-point columns: a pushed value must be finite."""
    documents: tuple[str, ...] = ()
    """JSON columns: no number inside may be NaN or infinite either."""


@cache
def table_info(name: str) -> TableInfo:
    """Column facts of a synced table (raises KeyError for a table that does not sync)."""
    if name not in SYNCED_MODELS:
        raise KeyError(name)
    table = metadata.tables[name]
    lengths = {
        column.name: column.type.length
        for column in table.columns
        if isinstance(column.type, String) and column.type.length
    }
    columns = tuple(column.name for column in table.columns)
    # Plain str names: SQLAlchemy's quoted_name keys make every serializer take its slow path.
    names = tuple(str.__str__(name) for name in columns)
    return TableInfo(
        table=table,
        columns=columns,
        lengths=lengths,
        names=names,
        content=tuple(name for name in names if name not in BOOKKEEPING_FIELDS),
        moments=_of_type(name, datetime),
        floats=_of_type(name, float),
        documents=tuple(column.name for column in table.columns if isinstance(column.type, JSON)),
    )


def _of_type(name: str, kind: type) -> tuple[str, ...]:
    fields = SYNCED_MODELS[name].model_fields.items()
    return tuple(field for field, info in fields if info.annotation is kind or kind in get_args(info.annotation))


@cache
def _payload_model(name: str) -> type[BaseModel]:
    # The domain model's fields on a plain pydantic model: validating through the table class itself builds an
    # instrumented ORM object attribute by attribute, several times slower.
    model = SYNCED_MODELS[name]
    fields: dict[str, Any] = {field: (info.annotation, info) for field, info in model.model_fields.items()}
    return create_model(f"{model.__name__}Payload", **fields)


def validate_payload(name: str, payload: Mapping[str, Any]) -> dict[str, Any]:
    """Column values for `payload`, typed and checked as the domain model and the column sizes demand."""
    try:
        record = _payload_model(name).model_validate(dict(payload))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(part) for part in error['loc']) or '?'}: {error['msg']}" for error in exc.errors()[:3]
        )
        raise PayloadError(f"invalid {name}: {problems}") from None
    info = table_info(name)
    values = record.__dict__  # the model's fields are the table's columns
    for column, limit in info.lengths.items():
        value = values[column]
        if isinstance(value, str) and len(value) > limit:
            raise PayloadError(f"invalid {name}: {column} is longer than {limit} characters")
    for column in info.moments:
        value = values[column]
        if value is not None and value.tzinfo is None:
            raise PayloadError(f"invalid {name}: {column} has no time zone")
    for column in info.floats:
        value = values[column]
        if value is not None and not math.isfinite(value):
            raise PayloadError(f"invalid {name}: {column} is not a finite number")
    for column in info.documents:  # text is checked where the mutation's digest is made (it fails on it)
        if values[column] and non_finite(values[column]):
            raise PayloadError(f"invalid {name}: {column} holds a number that is not finite")
    return values


def unstorable(value: Any) -> str:
    """Why `value` (JSON data) cannot be stored as it is, in Chinese for the receipt: a number that is not
    finite, or text holding half of a surrogate pair, which no database encoding can hold ("" when it can be)."""
    if isinstance(value, float):
        return "含有非有限数值（NaN 或无穷大）" if non_finite(value) else ""
    if isinstance(value, str):
        try:
            value.encode()
        except UnicodeEncodeError:
            return "含有无效字符（不成对的代理项）"
        return ""
    if isinstance(value, dict):
        return next((problem for key, item in value.items() if (problem := unstorable(key) or unstorable(item))), "")
    if isinstance(value, list):
        return next((problem for item in value if (problem := unstorable(item))), "")
    return ""


def load_rows(
    connection: Connection, name: str, ids: Iterable[str], *, for_update: bool = False
) -> dict[str, dict[str, Any]]:
    """The current rows of `name` with these ids, as dicts keyed by id (locked for update when asked)."""
    info = table_info(name)
    table = info.table
    rows: dict[str, dict[str, Any]] = {}
    for condition in one_of(connection, table.c.id, ids):
        query = select(table).where(condition)
        if for_update:
            query = query.order_by(table.c.id).with_for_update()  # locks always taken in the same order
        for row in connection.execute(query).all():
            values = dict(zip(info.names, row, strict=True))
            rows[values["id"]] = values
    return rows


def differing_fields(left: Mapping[str, Any], right: Mapping[str, Any], columns: Iterable[str]) -> list[str]:
    """The columns whose values differ between two rows of the same table."""
    return [column for column in columns if left.get(column) != right.get(column)]
