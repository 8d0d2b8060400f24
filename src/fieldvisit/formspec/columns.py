"""Which forms show a table's records, and which form field shows each of its columns (for labels)."""

from __future__ import annotations

from functools import cache

from fieldvisit.formspec.loader import load_all_forms
from fieldvisit.formspec.spec import BindingKind, FieldSpec, FormSpec


@cache
def _forms_by_table() -> dict[str, tuple[FormSpec, ...]]:
    found: dict[str, list[FormSpec]] = {}
    for spec in load_all_forms().values():
        found.setdefault(spec.model, []).append(spec)
    return {table: tuple(specs) for table, specs in found.items()}


def forms_for_table(table: str) -> tuple[FormSpec, ...]:
    """The forms (in `forms/`) whose records are rows of `table`."""
    return _forms_by_table().get(table, ())


@cache
def column_fields(table: str) -> dict[str, FieldSpec]:
    """The field that shows each column of `table` on its form (the first form's, where several do)."""
    fields: dict[str, FieldSpec] = {}
    for spec in forms_for_table(table):
        for section in spec.sections:
            for item in section.fields:
                binding = item.binding
                if binding.kind == BindingKind.COLUMN and len(binding.path) == 1:
                    fields.setdefault(binding.path[0], item)
    return fields
