"""Choices taken from the rows of another repeat group of the same record (the member an income row belongs to)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fieldvisit.formspec.spec import FieldSpec


def row_choices(f: FieldSpec, values: Mapping[str, Any]) -> list[tuple[Any, str]]:
    """(value, label) for each row of `f.choices_from` in `values` with a value, in row order.

    Rows with the same value are offered once; two rows with the same label show their values too.
    """
    rows = values.get(f.choices_from)
    options: dict[Any, str] = {}
    for row in rows if isinstance(rows, list | tuple) else []:
        if not isinstance(row, Mapping):
            continue
        value = row.get(f.choice_value)
        if value in (None, "") or value in options:
            continue
        label = row.get(f.choice_label) if f.choice_label else None
        options[value] = str(label) if label not in (None, "") else str(value)
    labels = list(options.values())
    return [(value, f"{label}（{value}）" if labels.count(label) > 1 else label) for value, label in options.items()]


def is_dangling(f: FieldSpec, value: Any, values: Mapping[str, Any]) -> bool:
    """Whether a stored answer of a `choices_from` field no longer names any row (the row was removed or changed)."""
    if not f.choices_from or value in (None, ""):
        return False
    return all(option != value for option, _ in row_choices(f, values))
