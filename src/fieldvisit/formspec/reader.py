"""Typed reading of one TOML table of a definition, collecting errors (unknown keys, wrong types) as it goes."""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from typing import Any

from fieldvisit.formspec.expr import Expr, ExprError, parse_expr


class TableReader:
    """Reads the keys of one table; every problem becomes a message prefixed with where the table is."""

    def __init__(self, raw: Any, where: str, errors: list[str], allowed: Sequence[str]) -> None:
        self.where = where
        self.errors = errors
        if not isinstance(raw, Mapping):
            self.error(f"must be a table, not {type(raw).__name__}")
            raw = {}
        self.raw: Mapping[str, Any] = raw
        for key in raw:
            if key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1)
                hint = f" (did you mean {close[0]!r}?)" if close else ""
                self.error(f"unknown key {key!r}{hint}")

    def error(self, message: str) -> None:
        self.errors.append(f"{self.where}: {message}")

    def has(self, key: str) -> bool:
        return key in self.raw

    def get(self, key: str, default: Any = None) -> Any:
        return self.raw.get(key, default)

    def text(self, key: str, *, required: bool = False, default: str = "") -> str:
        value = self.raw.get(key)
        if value is None:
            if required:
                self.error(f"{key!r} is required")
            return default
        if not isinstance(value, str):
            self.error(f"{key!r} must be a string")
            return default
        if required and not value.strip():
            self.error(f"{key!r} must not be empty")
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.raw.get(key, default)
        if not isinstance(value, bool):
            self.error(f"{key!r} must be true or false")
            return default
        return value

    def integer(self, key: str, default: int | None = None, *, minimum: int = 0) -> int | None:
        value = self.raw.get(key)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.error(f"{key!r} must be an integer of at least {minimum}")
            return default
        return value

    def fraction(self, key: str) -> float | None:
        value = self.raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value <= 1:
            self.error(f"{key!r} must be a number greater than 0 and at most 1 (a fraction of the row)")
            return None
        return float(value)

    def one_of(self, key: str, options: Sequence[str], default: str) -> str:
        value = self.text(key, default=default)
        if value not in options:
            self.error(f"{key!r} must be one of {', '.join(options)}, not {value!r}")
            return default
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.error(f"{key!r} must be a list of strings")
            return ()
        return tuple(value)

    def rule(self, key: str) -> Expr | None:
        source = self.raw.get(key)
        if source is None:
            return None
        if not isinstance(source, str):
            self.error(f"{key!r} must be a rule in quotes")
            return None
        try:
            return parse_expr(source)
        except ExprError as exc:
            self.error(f"{key}: {exc}")
            return None

    def tables(self, key: str) -> list[Any]:
        value = self.raw.get(key, [])
        if not isinstance(value, list):
            self.error(f"{key!r} must be an array of tables ([[{key}]])")
            return []
        return value
