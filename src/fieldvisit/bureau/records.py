"""Synced records on the bureau side: validating a pushed payload into column values, reading rows back."""

from __future__ import annotations

import json
import logging
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
from fieldvisit.formspec import Answers, FormDefinitionError, answer_choices, answers_at, column_fields, not_offered
from fieldvisit.sync.protocol import BOOKKEEPING_FIELDS, SYNCED_MODELS

log = logging.getLogger(__name__)


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
    choices: tuple[tuple[tuple[str, ...], Answers], ...] = ()
    """Choice answers by their place in a record (`formspec.answer_choices`) and the answers their forms allow
    (each item of a multiple-choice list too)."""


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
        choices=_choices(name),
    )


def _choices(name: str) -> tuple[tuple[tuple[str, ...], Answers], ...]:
    try:
        return tuple(answer_choices(name).items())
    except FormDefinitionError as exc:  # the bureau's copy of forms/ is broken: the other checks still hold
        log.error("form definitions unreadable, choice answers of %s are not checked: %s", name, exc)
        return ()


def load_table_facts() -> None:
    """Gather every synced table's facts now (reading the form definitions), rather than on the first push."""
    for name in SYNCED_MODELS:
        table_info(name)


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
        raise PayloadError("；".join(_problem(name, error) for error in exc.errors()[:3])) from None
    info = table_info(name)
    values = record.__dict__  # the model's fields are the table's columns
    for column, limit in info.lengths.items():
        value = values[column]
        if isinstance(value, str) and len(value) > limit:
            raise PayloadError(f"“{field_name(name, column)}”过长（最多 {limit} 个字符）")
    for column in info.moments:
        value = values[column]
        if value is not None and value.tzinfo is None:
            raise PayloadError(f"“{field_name(name, column)}”缺少时区")
    for column in info.floats:
        value = values[column]
        if value is not None and not math.isfinite(value):
            raise PayloadError(f"“{field_name(name, column)}”不是有限数值")
    for place, answers in info.choices:
        stored = values[place[0]]
        if not stored and not isinstance(stored, int):  # blank, an empty list or object: nothing answered there
            continue
        for value in answers_at(values, place):
            wrong = not_offered(value, answers)
            if wrong is not None:
                raise PayloadError(f"“{answers.label_zh}”的答案“{_shown(wrong)}”不是可选项")
    for column in info.documents:  # text is checked where the mutation's digest is made (it fails on it)
        if values[column] and non_finite(values[column]):
            raise PayloadError(f"“{field_name(name, column)}”含有非有限数值（NaN 或无穷大）")
    return values


def _shown(answer: Any) -> str:
    """A refused answer as the reason quotes it: at most 20 characters of its text (JSON, if not text)."""
    text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    return text if len(text) <= 20 else text[:20] + "…"


_PROBLEMS = {
    "missing": "缺少“{field}”",
    "extra_forbidden": "未知字段“{field}”",
    "string_too_long": "“{field}”过长（最多 {max_length} 个字符）",
    "string_too_short": "“{field}”过短（至少 {min_length} 个字符）",
    "string_pattern_mismatch": "“{field}”格式不对",
    "too_long": "“{field}”的项数过多（最多 {max_length} 项）",
    "too_short": "“{field}”的项数过少（至少 {min_length} 项）",
    "greater_than": "“{field}”应大于 {gt}",
    "greater_than_equal": "“{field}”应不小于 {ge}",
    "less_than": "“{field}”应小于 {lt}",
    "less_than_equal": "“{field}”应不大于 {le}",
}
"""Reasons for pydantic's error types, in Chinese for the device's quarantine list; the rest go by `_KINDS`."""

_KINDS = (
    ("string", "应为文字"),
    ("int", "应为整数"),
    ("float", "应为数字"),
    ("decimal", "应为数字"),
    ("bool", "应为“是”或“否”"),
    ("datetime", "应为日期和时间"),
    ("date", "应为日期"),
    ("time", "应为时间"),
    ("enum", "不是可选的值"),
    ("literal", "不是可选的值"),
    ("list", "应为列表"),
    ("dict", "应为键值对"),
)
"""What a value of the wrong kind should have been, by the first word of pydantic's error type."""


def _problem(table: str, error: Any) -> str:
    """One validation error in Chinese, naming the field as its form does."""
    location = [str(part) for part in error.get("loc", ())]
    field = field_name(table, location[0]) if location else table
    if len(location) > 1:
        field += f"（{'.'.join(location[1:])}）"
    return problem_text(error, field)


def problem_text(error: Any, field: str) -> str:
    """One pydantic validation error in Chinese, about `field` as the reader knows it (never the input)."""
    kind = str(error.get("type", ""))
    template = _PROBLEMS.get(kind)
    if template is not None:
        try:
            return template.format_map({**(error.get("ctx") or {}), "field": field})
        except (KeyError, IndexError):  # a pydantic release that names the limits differently
            pass
    should = next((text for prefix, text in _KINDS if kind.split("_")[0] == prefix), "取值无效")
    return f"“{field}”{should}"


def field_name(table: str, column: str) -> str:
    """The column's label on its paper form (姓名), or the column's own name where no form shows it."""
    try:
        spec = column_fields(table).get(column)
    except FormDefinitionError:  # the bureau's copy of forms/ is broken: the reason still gets through
        spec = None
    return spec.label_zh if spec is not None else column


def unstorable(value: Any) -> str:
    """Why `value` (JSON data) cannot be stored as it is, in Chinese for the receipt ("" when it can be): a
    number that is not finite, text holding half of a surrogate pair, which no database encoding can hold, or
    the character U+0000, which PostgreSQL's text cannot. Walked without recursing, however deep it nests."""
    waiting = [value]
    while waiting:
        item = waiting.pop()
        if isinstance(item, float) and non_finite(item):
            return "含有非有限数值（NaN 或无穷大）"
        if isinstance(item, str):
            if "\x00" in item:
                return "含有空字符（U+0000）"
            try:
                item.encode()
            except UnicodeEncodeError:
                return "含有无效字符（不成对的代理项）"
        elif isinstance(item, dict):
            waiting.extend(item)
            waiting.extend(item.values())
        elif isinstance(item, list):
            waiting.extend(item)
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
