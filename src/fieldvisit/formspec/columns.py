"""Which forms show a table's records, which form field shows each of its columns, and the answers each place allows."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

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


ANY_ROW = "*"
"""In an answer's place (see `answer_choices`): every row of a JSON-list column."""


@dataclass(frozen=True)
class Answers:
    """The stored values a choice answer may hold, and the answer's name on its paper form (Chinese)."""

    label_zh: str
    allowed: frozenset[str | int]
    multiple: bool = False
    """A multiple choice: the answers are a list."""


@cache
def answer_choices(table: str) -> dict[tuple[str, ...], Answers]:
    """The choice answers of `table`'s records over every form that edits them (a repeat group's rows
    included), by their place in a record: a column (`("risk_level",)`), a key of a JSON-object column
    (`("guardian", "health")`, `("extra", "violation_types")`) or a key of each row of a JSON-list column
    (`("benefits", ANY_ROW, "type")`). A place is left out when any of its fields takes open answers (a
    lookup, another group's rows, free text). An enum field allows its whole enum: a form may offer only some
    members where a workflow or a repeat group's `where` sets the others. Blank (unanswered) is the caller's
    to allow."""
    allowed: dict[tuple[str, ...], set[str | int]] = {}
    labels: dict[tuple[str, ...], str] = {}
    multiple: set[tuple[str, ...]] = set()
    open_places: set[tuple[str, ...]] = set()
    preset: dict[tuple[str, ...], set[str | int]] = {}
    for spec in load_all_forms().values():
        for section in spec.sections:
            for item in section.fields:
                if item.repeat_model == table:
                    for column, value in item.where:  # one value, or a list of them
                        values = value if isinstance(value, list | tuple) else [value]
                        preset.setdefault((column,), set()).update(values)
                for field, place, label_zh in _places(item, table):
                    labels.setdefault(place, label_zh)
                    if field.type is FieldType.MULTICHOICE:
                        multiple.add(place)
                    enum = registry.enums().get(field.enum) if field.enum else None
                    if enum is not None:
                        allowed.setdefault(place, set()).update(member.value for member in enum)
                    elif field.type.has_choices and field.choices:
                        allowed.setdefault(place, set()).update(choice.value for choice in field.choices)
                    else:
                        open_places.add(place)
    return {
        place: Answers(labels[place], frozenset(values | preset.get(place, set())), place in multiple)
        for place, values in allowed.items()
        if place not in open_places
    }


def answers_at(document: Any, place: tuple[str, ...]) -> list[Any]:
    """The values stored at `place` (see `answer_choices`) in a record's values (a mapping of its columns to
    their values, JSON already parsed): one, or one per row of a JSON list; none where nothing is there."""
    for index, step in enumerate(place):
        if step == ANY_ROW:
            rest = place[index + 1 :]
            return [value for row in document for value in answers_at(row, rest)] if isinstance(document, list) else []
        if not isinstance(document, Mapping) or step not in document:
            return []
        document = document[step]
    return [document]


def not_offered(value: Any, answers: Answers) -> Any:
    """What in a stored value its form does not offer: the first such answer, or the whole value when it has
    the wrong shape (a list where one answer is asked for, a single answer where a list is); None if all is
    well. Blank answers are allowed (whether one must be given is the form's business)."""
    if value is None or value == "":
        return None
    if answers.multiple != isinstance(value, list):
        return value
    for answer in value if answers.multiple else [value]:
        offered = isinstance(answer, str | int) and not isinstance(answer, bool) and answer in answers.allowed
        if not offered and answer is not None and answer != "":
            return answer
    return None


def _places(item: FieldSpec, table: str) -> Iterator[tuple[FieldSpec, tuple[str, ...], str]]:
    """The stored answers of a form item and of its repeat group's fields that are `table`'s, with their place
    in a record and their name; repeat groups themselves and computed values are not answers."""
    for field in (item, *item.fields):
        binding = field.binding
        if binding.model != table or field.type in (FieldType.COMPUTED, FieldType.REPEAT):
            continue
        if binding.kind in (BindingKind.COLUMN, BindingKind.NESTED, BindingKind.EXTRA):
            yield field, binding.path, field.label_zh
        elif binding.kind == BindingKind.ROW_KEY and item.binding.kind == BindingKind.COLUMN:
            yield field, (*item.binding.path, ANY_ROW, *binding.path), f"{item.label_zh}：{field.label_zh}"
