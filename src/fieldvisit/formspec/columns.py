"""Which forms show a table's records, which form field shows each of its columns, and the answers a column allows."""

from __future__ import annotations

from functools import cache

from fieldvisit.formspec import registry
from fieldvisit.formspec.loader import load_all_forms
from fieldvisit.formspec.spec import BindingKind, FieldSpec, FieldType, FormSpec


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


@cache
def column_choices(table: str) -> dict[str, frozenset[str | int]]:
    """The stored values each choice column of `table` may hold, over every form that edits it (a repeat
    group's rows included). A column is left out when any of its fields takes open answers (a lookup, another
    group's rows, free text). An enum field allows its whole enum: a form may offer only some members where a
    workflow or a repeat group's `where` sets the others. Blank (unanswered) is the caller's to allow."""
    allowed: dict[str, set[str | int]] = {}
    open_columns: set[str] = set()
    preset: dict[str, set[str | int]] = {}
    for spec in load_all_forms().values():
        for section in spec.sections:
            for item in section.fields:
                if item.repeat_model == table:
                    for column, value in item.where:  # one value, or a list of them
                        preset.setdefault(column, set()).update(value if isinstance(value, list | tuple) else [value])
                for field in (item, *item.fields):
                    binding = field.binding
                    if binding.model != table or binding.kind != BindingKind.COLUMN or len(binding.path) != 1:
                        continue
                    if field.type is FieldType.COMPUTED:
                        continue
                    column = binding.path[0]
                    enum = registry.enums().get(field.enum) if field.enum else None
                    if enum is not None:
                        allowed.setdefault(column, set()).update(member.value for member in enum)
                    elif field.type.has_choices and field.choices:
                        allowed.setdefault(column, set()).update(choice.value for choice in field.choices)
                    else:
                        open_columns.add(column)
    return {
        column: frozenset(values | preset.get(column, set()))
        for column, values in allowed.items()
        if column not in open_columns
    }
