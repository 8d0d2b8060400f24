"""Effective-dated parameters by locality (参数): standards, factors, intervals and limits, and their loader."""

from __future__ import annotations

import json
import tomllib
import uuid
from collections.abc import Iterable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from fieldvisit.assets import resource_path
from fieldvisit.domain.shared import Parameter

DEFAULT_LOCALITY = "330282"
_ROW_ID_NAMESPACE = uuid.UUID("6f1d9a52-3c1e-5b8e-9a57-0c2b6f0e4d11")
_STATUSES = frozenset({"V", "P", "U"})


class ParameterLike(Protocol):
    """What a parameter row must offer: a `Parameter` table row or any small dataclass."""

    @property
    def key(self) -> str: ...

    @property
    def value(self) -> str: ...

    @property
    def locality(self) -> str: ...

    @property
    def effective_from(self) -> date: ...

    @property
    def effective_to(self) -> date | None: ...


class MissingParameterError(LookupError):
    """No row for a key is in force on a date at a locality or any locality above it."""

    def __init__(self, key: str, on: date, locality: str) -> None:
        super().__init__(f"缺少参数“{key}”：{on.isoformat()} 在地区 {locality or '全国'} 及其上级均无生效值")
        self.key = key
        self.on = on
        self.locality = locality


class ParameterValueError(ValueError):
    """A parameter row exists but its value is malformed or of the wrong kind."""


def normalize_locality(locality: str) -> str:
    """Shorten six-digit codes ending in "00" to their prefix ("330200" → "3302", "330000" → "33")."""
    if len(locality) == 6:
        while locality.endswith("00"):
            locality = locality[:-2]
    return locality


def locality_chain(locality: str) -> tuple[str, ...]:
    """The localities tried for a lookup, most specific first, ending with "" (national)."""
    own = normalize_locality(locality)
    chain = [own] + [own[:n] for n in (6, 4, 2) if n < len(own)] + [""]
    return tuple(dict.fromkeys(chain))


def parse_value(text: str) -> Any:
    """Parse a JSON value, reading non-integer numbers as Decimal."""
    return json.loads(text, parse_float=Decimal)


def _in_force(row: ParameterLike, on: date) -> bool:
    return row.effective_from <= on and (row.effective_to is None or on < row.effective_to)


class ParameterSet:
    """An in-memory view of parameter rows answering "what is the value of `key` on `on` here?".

    - A row is in force on day `d` when `effective_from <= d < effective_to`: `effective_to` is EXCLUSIVE
      (the first day the row no longer applies) and None means open-ended.
    - A locality is a division-code prefix: "330282" 慈溪市, "3302" 宁波市, "33" 浙江省, "" national. A
      lookup for "330282" tries "330282", "3302", "33", then "" and stops at the first locality with a row
      in force; within it, the row with the latest `effective_from` wins. Six-digit codes ending in "00"
      are shortened ("330200" is "3302"); a 9-digit town code falls back to its county.
    - Values are JSON; non-integer numbers are read as Decimal, never float. Money is integer fen; decimals
      are written as JSON strings ("1.5").
    """

    def __init__(self, rows: Iterable[ParameterLike]) -> None:
        self._rows: dict[str, dict[str, list[tuple[ParameterLike, Any]]]] = {}
        # A set never changes once built, so answers are kept: rules ask the same questions per record.
        self._answers: dict[tuple[str, date, str], tuple[ParameterLike, Any]] = {}
        seen: set[tuple[str, str, date]] = set()
        for row in rows:
            locality = normalize_locality(row.locality)
            marker = (row.key, locality, row.effective_from)
            if marker in seen:
                raise ParameterValueError(
                    f"参数“{row.key}”在地区 {locality or '全国'} 有两条自 {row.effective_from.isoformat()} 起生效的记录"
                )
            seen.add(marker)
            if row.effective_to is not None and row.effective_to <= row.effective_from:
                raise ParameterValueError(f"参数“{row.key}”的失效日期不晚于生效日期")
            try:
                value = parse_value(row.value)
            except json.JSONDecodeError as exc:
                raise ParameterValueError(f"参数“{row.key}”的值不是有效的JSON：{row.value!r}") from exc
            self._rows.setdefault(row.key, {}).setdefault(locality, []).append((row, value))

    def keys(self) -> frozenset[str]:
        """Every key that has at least one row."""
        return frozenset(self._rows)

    def _lookup(self, key: str, on: date, locality: str) -> tuple[ParameterLike, Any]:
        question = (key, on, locality)
        answer = self._answers.get(question)
        if answer is not None:
            return answer
        by_locality = self._rows.get(key, {})
        for candidate in locality_chain(locality):
            in_force = [pair for pair in by_locality.get(candidate, ()) if _in_force(pair[0], on)]
            if in_force:
                answer = max(in_force, key=lambda pair: pair[0].effective_from)
                self._answers[question] = answer
                return answer
        raise MissingParameterError(key, on, locality)

    def find(self, key: str, on: date, locality: str = DEFAULT_LOCALITY) -> ParameterLike:
        """The row in force for `key` on `on`, from the most specific locality that has one."""
        return self._lookup(key, on, locality)[0]

    def get(self, key: str, on: date, locality: str = DEFAULT_LOCALITY) -> Any:
        """The parsed JSON value of the row in force (see `find`)."""
        return self._lookup(key, on, locality)[1]

    def integer(self, key: str, on: date, locality: str = DEFAULT_LOCALITY) -> int:
        """An integer value (an age, a count, a number of months)."""
        value = self.get(key, on, locality)
        if isinstance(value, bool) or not isinstance(value, int):
            raise ParameterValueError(f"参数“{key}”应为整数，实际为 {value!r}")
        return value

    def money_fen(self, key: str, on: date, locality: str = DEFAULT_LOCALITY) -> int:
        """An amount of money in integer fen (分)."""
        value = self.integer(key, on, locality)
        if value < 0:
            raise ParameterValueError(f"参数“{key}”的金额不能为负数：{value}")
        return value

    def days(self, key: str, on: date, locality: str = DEFAULT_LOCALITY) -> int:
        """A number of days (never negative)."""
        value = self.integer(key, on, locality)
        if value < 0:
            raise ParameterValueError(f"参数“{key}”的天数不能为负数：{value}")
        return value

    def optional_days(self, key: str, on: date, locality: str = DEFAULT_LOCALITY) -> int | None:
        """A number of days, or None where the row's value is JSON null ("no interval of its own")."""
        if self.get(key, on, locality) is None:
            return None
        return self.days(key, on, locality)

    def decimal(self, key: str, on: date, locality: str = DEFAULT_LOCALITY) -> Decimal:
        """A decimal factor, ratio or measure, written as a JSON string ("1.5") or an integer."""
        return to_decimal(key, self.get(key, on, locality))


def to_decimal(key: str, value: Any) -> Decimal:
    """Read a parameter value (string, integer or Decimal, never float or bool) as a finite Decimal."""
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ParameterValueError(f"参数“{key}”应为小数（字符串形式），实际为 {value!r}")
    try:
        result = Decimal(value)
    except InvalidOperation as exc:
        raise ParameterValueError(f"参数“{key}”不是有效的小数：{value!r}") from exc
    if not result.is_finite():
        raise ParameterValueError(f"参数“{key}”不是有效的小数：{value!r}")
    return result


def _reject_floats(key: str, value: Any) -> None:
    if isinstance(value, float):
        raise ParameterValueError(f"参数“{key}”含浮点数 {value!r}：小数请写成字符串，金额请写成整数分")
    if isinstance(value, list):
        for item in value:
            _reject_floats(key, item)
    if isinstance(value, dict):
        for item in value.values():
            _reject_floats(key, item)


def _row_from_toml(entry: dict[str, Any]) -> Parameter:
    key = entry["key"]
    if ("value" in entry) == ("value_json" in entry):
        raise ParameterValueError(f"参数“{key}”须且只须给出 value 或 value_json 之一")
    if "value_json" in entry:
        text = entry["value_json"]
        parse_value(text)
    else:
        _reject_floats(key, entry["value"])
        text = json.dumps(entry["value"], ensure_ascii=False, separators=(",", ":"))
    if len(text) > 200:
        raise ParameterValueError(f"参数“{key}”的值超过200个字符")
    status = entry["status"]
    if status not in _STATUSES:
        raise ParameterValueError(f"参数“{key}”的核实状态应为 V、P 或 U：{status!r}")
    locality = entry["locality"]
    effective_from: date = entry["effective_from"]
    return Parameter(
        id=str(uuid.uuid5(_ROW_ID_NAMESPACE, f"{key}|{locality}|{effective_from.isoformat()}")),
        key=key,
        value=text,
        locality=locality,
        effective_from=effective_from,
        effective_to=entry.get("effective_to"),
        unit=entry.get("unit", ""),
        status=status,
        source=entry.get("source", ""),
    )


def load_default_parameters() -> list[Parameter]:
    """The shipped defaults from resources/reference/parameters.toml, as unsaved `Parameter` rows.

    Row ids are derived from key, locality and effective date, so seeding twice yields the same ids.
    """
    with resource_path("reference", "parameters.toml").open("rb") as fh:
        data = tomllib.load(fh)
    return [_row_from_toml(entry) for entry in data["parameter"]]


def default_parameter_set() -> ParameterSet:
    """A ParameterSet over the shipped defaults (for tests, the demo and a fresh installation)."""
    return ParameterSet(load_default_parameters())
