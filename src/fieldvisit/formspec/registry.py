"""Names a definition may use: bound tables, domain enums, reference lookups and domain computations."""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlmodel import SQLModel

from fieldvisit.domain import assistance, base, burial, children, places, shared
from fieldvisit.domain.base import FormRecord, LabelledEnum
from fieldvisit.formspec.spec import FieldType

DOMAIN_MODULES: tuple[types.ModuleType, ...] = (base, shared, places, assistance, children, burial)

JSON_MODEL = "json"
"""The `model` of a repeat group stored as a JSON list column of its parent rather than a child table."""

LOOKUPS: dict[str, str] = {
    "town": "镇(街道), from the town table",
    "village": "村(社区), from the village table; filtered by the town in `lookup_parent`",
    "staff_user": "工作人员账户, from the staff_user table",
    "legal_basis": "法律依据模板, from the legal_basis table, in force on the record's date",
    "patrol": "巡查记录 of the device's scope",
    "grave_case": "违建坟墓台账 of the device's scope",
}
"""Reference tables a choice may draw its answers from at run time (`lookup = "town"`)."""


@dataclass(frozen=True)
class Computation:
    """A computation that the domain provides and the UI runs: formspec only knows its name and shape."""

    name: str
    result: FieldType
    doc: str
    params: tuple[str, ...] = ()
    optional_params: int = 0


_COMPUTATIONS = (
    Computation("survey_number", FieldType.TEXT, "调查表编号 CX-{town}-{yyyy}-{seq}"),
    Computation("child_file_number", FieldType.TEXT, "档案编号 ET-{town}-{seq}"),
    Computation("patrol_number", FieldType.TEXT, "巡查编号 XC-{town}-{yyyyMMdd}-{seq}"),
    Computation("grave_case_number", FieldType.TEXT, "台账编号, unique and immutable"),
    Computation("notice_number", FieldType.TEXT, "通知书文号, sequential per issuer and year"),
    Computation("household_size", FieldType.INTEGER, "共同生活家庭人口: members with co_resident"),
    Computation("per_capita_monthly_income", FieldType.MONEY, "家庭月人均收入 in fen, from the income rows"),
    Computation("minimum_living_standard", FieldType.MONEY, "当地低保标准 in force on the survey date"),
    Computation("near_minimum_living_threshold", FieldType.MONEY, "低保边缘 line: standard × factor"),
    Computation("eligibility_suggestion", FieldType.CHOICE, "the means-test suggestion (an AssistanceType)"),
    Computation("calculation_trace", FieldType.MULTILINE, "the means-test calculation, step by step"),
    Computation("rigid_expense_total", FieldType.MONEY, "刚性支出合计 in fen"),
    Computation("member_monthly_income", FieldType.MONEY, "one member's countable monthly income", ("id_number",)),
    Computation("age_from_id", FieldType.INTEGER, "age in years from an ID number", ("id_number", "on"), 1),
    Computation("sex_from_id", FieldType.CHOICE, "sex from the 17th digit of an ID number", ("id_number",)),
    Computation("birth_date_from_id", FieldType.DATE, "birth date from an ID number", ("id_number",)),
    Computation("suggested_risk_level", FieldType.CHOICE, "risk colour suggested by the domain rules"),
    Computation("next_visit_due", FieldType.DATE, "下次探访日期 from the schedule rules"),
    Computation("linked_child_name", FieldType.TEXT, "the name of the child a visit belongs to"),
    Computation("linked_case_no", FieldType.TEXT, "the 台账编号 of the case a record belongs to"),
    Computation("notice_deadline", FieldType.DATE, "整改期限: issue date plus the deadline days"),
)

COMPUTATIONS: dict[str, Computation] = {c.name: c for c in _COMPUTATIONS}


@cache
def models() -> dict[str, type[SQLModel]]:
    """Every domain table class by its table name."""
    found: dict[str, type[SQLModel]] = {}
    for module in DOMAIN_MODULES:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, SQLModel) and hasattr(value, "__table__"):
                found[str(value.__tablename__)] = value
    return found


@cache
def enums() -> dict[str, type[LabelledEnum]]:
    """Every domain LabelledEnum by its class name."""
    found: dict[str, type[LabelledEnum]] = {}
    for module in DOMAIN_MODULES:
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, LabelledEnum) and value is not LabelledEnum:
                found[value.__name__] = value
    return found


def is_form_record(model: str) -> bool:
    """True when `model` is a table whose rows carry the `extra` JSON dict."""
    cls = models().get(model)
    return cls is not None and issubclass(cls, FormRecord)


@dataclass(frozen=True)
class Column:
    """What formspec needs to know of one model attribute: its Python type and length limit."""

    name: str
    python_types: frozenset[type]
    max_length: int | None
    foreign_table: str


def _python_types(annotation: Any) -> frozenset[type]:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        found: set[type] = set()
        for arg in typing.get_args(annotation):
            found |= _python_types(arg)
        return frozenset(found)
    if origin is not None:
        return frozenset({origin})
    if annotation is type(None):
        return frozenset()
    return frozenset({annotation}) if isinstance(annotation, type) else frozenset()


def column(model: str, name: str) -> Column | None:
    """The attribute `name` of the table `model`, or None when it has no such attribute."""
    cls = models().get(model)
    if cls is None or name not in cls.model_fields:
        return None
    table_column = cls.__table__.c.get(name)  # type: ignore[attr-defined]
    length = getattr(table_column.type, "length", None) if table_column is not None else None
    foreign = ""
    if table_column is not None:
        for key in table_column.foreign_keys:
            foreign = key.column.table.name
    return Column(name, _python_types(cls.model_fields[name].annotation), length, foreign)


def link_column(child_model: str, parent_model: str) -> str:
    """The column of `child_model` that points at `parent_model` through a foreign key ("" if none)."""
    cls = models().get(child_model)
    if cls is None:
        return ""
    for name in cls.model_fields:
        col = column(child_model, name)
        if col is not None and col.foreign_table == parent_model:
            return name
    return ""


COLUMN_TYPES: dict[FieldType, frozenset[type]] = {
    FieldType.TEXT: frozenset({str}),
    FieldType.MULTILINE: frozenset({str}),
    FieldType.ID_NUMBER: frozenset({str}),
    FieldType.PHONE: frozenset({str}),
    FieldType.INTEGER: frozenset({int}),
    FieldType.MONEY: frozenset({int}),
    FieldType.DECIMAL: frozenset({float, Decimal}),
    FieldType.DATE: frozenset({date}),
    FieldType.DATETIME: frozenset({datetime}),
    FieldType.CHOICE: frozenset({str}),
    FieldType.MULTICHOICE: frozenset({list}),
    FieldType.YESNO: frozenset({bool}),
    FieldType.REPEAT: frozenset({list}),
}
"""Column types a field type may bind to (a choice with integer values binds to an int column)."""
