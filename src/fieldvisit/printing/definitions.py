"""What the printed twin takes from a form definition (`forms/*.toml`): title, labels, choice lists."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache

from fieldvisit.formspec import FieldSpec, FormSpec, load_form

_PLACEHOLDER = re.compile(r"\{(\w+)\}")


@cache
def form_definition(form_id: str) -> FormSpec:
    """The current definition of `form_id` (loaded once per process)."""
    return load_form(form_id)


def find_field(form: FormSpec, key: str) -> FieldSpec | None:
    """A field by key; `repeat.sub` reaches a column of a repeat group (`benefits.type`)."""
    if key in form.fields_by_key:
        return form.fields_by_key[key]
    group, _, sub = key.partition(".")
    parent = form.fields_by_key.get(group)
    if parent is None or not parent.fields:
        return None
    return next((f for f in parent.fields if f.key == sub), None)


def options(form: FormSpec, key: str, selected: Iterable[object] | object) -> list[tuple[str, bool]]:
    """Every choice of a field as (Chinese label, ticked); a stored value not in the list is appended, ticked."""
    field = find_field(form, key)
    if field is None:
        raise KeyError(f"{form.id} has no field {key!r}")
    if isinstance(selected, str | int):
        chosen = [selected] if selected != "" else []
    elif selected is None:
        chosen = []
    else:
        chosen = [v for v in selected if v not in (None, "")]  # type: ignore[attr-defined]
    values = {str(c.value) for c in field.choices}
    listed = [(c.label_zh, str(c.value) in {str(v) for v in chosen}) for c in field.choices]
    return listed + [(str(v), True) for v in dict.fromkeys(chosen) if str(v) not in values]


def choice_label(form: FormSpec, key: str, value: object) -> str:
    """The Chinese label of one stored choice value (as stored when unknown); empty for no value."""
    if value in (None, ""):
        return ""
    field = find_field(form, key)
    return field.choice_label_zh(value) if field is not None else str(value)  # type: ignore[arg-type]


def label(form: FormSpec, key: str) -> str:
    """The Chinese label of a field."""
    field = find_field(form, key)
    if field is None:
        raise KeyError(f"{form.id} has no field {key!r}")
    return field.label_zh


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """A print title or statement with `{name}` filled in (blanks for unknown names), spaces removed."""
    filled = _PLACEHOLDER.sub(lambda m: values.get(m.group(1), "") or "________", template)
    return "".join(filled.split())
