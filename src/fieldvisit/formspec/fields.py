"""Builds one field of a definition: its binding to a model attribute, its choices, rules and print hints."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from fieldvisit.formspec import registry
from fieldvisit.formspec.reader import TableReader
from fieldvisit.formspec.spec import Binding, BindingKind, Choice, FieldSpec, FieldType

_IDENTIFIER = re.compile(r"[a-z][a-z0-9_]*")
RESERVED_KEYS = frozenset({"true", "false", "null", "extra"})
SLOT_MAX_LENGTH = 40  # Attachment.slot

_COMMON = (
    "key", "type", "label", "label_zh", "unit", "help", "help_zh", "required", "relevant",
    "constraint", "message", "message_zh", "severity", "readonly", "default", "print",
    "print_width", "print_mask",
)  # fmt: skip
_CHOICE = (
    "enum",
    "only",
    "choices",
    "choice_list",
    "lookup",
    "lookup_parent",
    "choices_from",
    "choice_value",
    "choice_label",
)
_TYPE_KEYS: dict[FieldType, tuple[str, ...]] = {
    FieldType.TEXT: ("max_length",),
    FieldType.MULTILINE: ("max_length",),
    FieldType.CHOICE: _CHOICE,
    FieldType.MULTICHOICE: _CHOICE,
    FieldType.REPEAT: (
        "model",
        "link",
        "where",
        "scalar",
        "min_rows",
        "max_rows",
        "layout",
        "field",
        "print_blank_rows",
    ),
    FieldType.PHOTO: ("max_count",),
    FieldType.SIGNATURE: ("max_count",),
    FieldType.COMPUTED: ("compute", "args", "enum", "stored"),
}
_CHOICE_KEYS = ("value", "label", "label_zh")


def humanise(value: str | int) -> str:
    """An English label made from a code: "MAJOR_ILLNESS" -> "Major illness"."""
    return str(value).replace("_", " ").capitalize()


def read_choices(raw: Any, where: str, errors: list[str]) -> tuple[Choice, ...]:
    """Inline choices `[{value=..., label=..., label_zh=...}]`, checked for blanks, duplicates and mixed types."""
    if not isinstance(raw, list) or not raw:
        errors.append(f"{where}: 'choices' must be a non-empty list of {{value, label, label_zh}} tables")
        return ()
    choices: list[Choice] = []
    for index, item in enumerate(raw):
        reader = TableReader(item, f"{where} choice {index + 1}", errors, _CHOICE_KEYS)
        value = reader.get("value")
        if isinstance(value, bool) or not isinstance(value, str | int) or value == "":
            reader.error("'value' must be a non-empty string or an integer")
            continue
        label_zh = reader.text("label_zh", required=True)
        choices.append(Choice(value, reader.text("label", default=humanise(value)), label_zh))
    values = [c.value for c in choices]
    if len(set(values)) != len(values):
        errors.append(f"{where}: duplicate choice values {sorted({str(v) for v in values if values.count(v) > 1})}")
    if len({type(v) for v in values}) > 1:
        errors.append(f"{where}: choice values must be all strings or all integers")
    return tuple(choices)


@dataclass(frozen=True)
class Place:
    """Where a field sits: the table it binds to, and the repeat group around it if any."""

    model: str
    where: str
    repeat_model: str = ""

    @property
    def in_repeat(self) -> bool:
        return bool(self.repeat_model)


class FieldBuilder:
    """Builds FieldSpecs for one definition, appending every problem to `errors`."""

    def __init__(self, lists: Mapping[str, tuple[Choice, ...]], errors: list[str]) -> None:
        self.lists = lists
        self.errors = errors

    def build(self, raw: Any, place: Place) -> FieldSpec | None:
        key = raw.get("key") if isinstance(raw, Mapping) else None
        where = f"{place.where} field {key!r}" if isinstance(key, str) else f"{place.where} field"
        type_name = raw.get("type") if isinstance(raw, Mapping) else None
        try:
            field_type = FieldType(type_name)
        except ValueError:
            names = ", ".join(t.value for t in FieldType)
            self.errors.append(f"{where}: 'type' must be one of {names}, not {type_name!r}")
            return None
        reader = TableReader(raw, where, self.errors, _COMMON + _TYPE_KEYS.get(field_type, ()))
        key = reader.text("key", required=True)
        if not key:
            return None
        if field_type is FieldType.REPEAT and place.in_repeat:
            reader.error("a repeat group cannot hold another repeat group")
            return None
        binding, column = self._binding(reader, key, field_type, place)
        fields: tuple[FieldSpec, ...] = ()
        repeat_model = link = ""
        if field_type is FieldType.REPEAT:
            repeat_model, link, fields = self._repeat(reader, key, place)
        compute, args, result_type = self._compute(reader, field_type)
        spec = FieldSpec(
            key=key,
            type=field_type,
            label=reader.text("label", required=True),
            label_zh=reader.text("label_zh", required=True),
            binding=binding,
            unit=reader.text("unit"),
            help=reader.text("help"),
            help_zh=reader.text("help_zh"),
            enum=reader.text("enum"),
            choice_list=reader.text("choice_list"),
            choices=self._choices(reader, field_type, result_type, column),
            lookup=reader.text("lookup"),
            lookup_parent=reader.text("lookup_parent"),
            choices_from=reader.text("choices_from"),
            choice_value=reader.text("choice_value"),
            choice_label=reader.text("choice_label"),
            required=self._required(reader),
            relevant=reader.rule("relevant"),
            constraint=reader.rule("constraint"),
            message=reader.text("message"),
            message_zh=reader.text("message_zh"),
            severity=reader.one_of("severity", ("error", "warning"), "error"),  # type: ignore[arg-type]
            readonly=reader.flag("readonly", field_type is FieldType.COMPUTED),
            default=_frozen(reader.get("default")),
            max_length=self._max_length(reader, column),
            compute=compute,
            args=args,
            result_type=result_type,
            max_count=reader.integer("max_count", 1 if field_type is FieldType.SIGNATURE else None, minimum=1),
            repeat_model=repeat_model,
            link=link,
            where=self._where(reader, repeat_model),
            scalar=reader.flag("scalar"),
            min_rows=reader.integer("min_rows", 0) or 0,
            max_rows=reader.integer("max_rows", None, minimum=1),
            layout=reader.one_of("layout", ("table", "block"), "table"),  # type: ignore[arg-type]
            fields=fields,
            print=reader.flag("print", True),
            print_width=reader.fraction("print_width"),
            print_mask=reader.flag("print_mask", field_type is FieldType.ID_NUMBER),
            print_blank_rows=reader.integer("print_blank_rows", 0) or 0,
        )
        self._check_spec(reader, spec, column)
        return spec

    def _binding(
        self, reader: TableReader, key: str, field_type: FieldType, place: Place
    ) -> tuple[Binding, registry.Column | None]:
        model = place.model
        parts = tuple(key.split("."))
        if not all(_IDENTIFIER.fullmatch(part) for part in parts):
            reader.error(f"key {key!r} must be lower_snake_case names joined by dots")
            return Binding(BindingKind.UNSTORED, model, parts), None
        if parts[0] in RESERVED_KEYS and parts[0] != "extra":
            reader.error(f"key {key!r} is reserved in rules")
        if field_type.is_attachment:
            if len(parts) > 1 or len(key) > SLOT_MAX_LENGTH:
                reader.error(f"a {field_type} key names an attachment slot: one name of at most 40 characters")
            return Binding(BindingKind.ATTACHMENT, model, parts), None
        if field_type is FieldType.COMPUTED and not reader.flag("stored", True):
            return Binding(BindingKind.UNSTORED, model, parts), None
        if place.repeat_model == registry.JSON_MODEL:
            if len(parts) > 1:
                reader.error("a column of a JSON repeat group is one plain name")
            return Binding(BindingKind.ROW_KEY, model, parts), None
        if field_type is FieldType.REPEAT and reader.get("model") != registry.JSON_MODEL:
            return Binding(BindingKind.CHILD_ROWS, model, parts), None
        if parts[0] == "extra":
            if len(parts) != 2:
                reader.error(f"key {key!r}: an extra field is `extra.<name>`")
            elif not registry.is_form_record(model):
                reader.error(f"{model!r} has no `extra`; bind to one of its columns or a JSON-object column")
            return Binding(BindingKind.EXTRA, model, parts), None
        column = registry.column(model, parts[0])
        if column is None:
            reader.error(f"{model!r} has no attribute {parts[0]!r}")
            return Binding(BindingKind.COLUMN, model, parts), None
        if len(parts) > 1:
            if dict not in column.python_types or len(parts) != 2:
                reader.error(f"{key!r}: {model}.{parts[0]} is not a JSON-object column to hold {parts[1]!r}")
            return Binding(BindingKind.NESTED, model, parts), None
        return Binding(BindingKind.COLUMN, model, parts), column

    def _repeat(self, reader: TableReader, key: str, place: Place) -> tuple[str, str, tuple[FieldSpec, ...]]:
        repeat_model = reader.text("model", required=True)
        if not repeat_model:
            return "", "", ()
        row_model = place.model
        link = ""
        if repeat_model == registry.JSON_MODEL:
            column = registry.column(place.model, key)
            if column is None or list not in column.python_types:
                reader.error(f"a JSON repeat group binds to a JSON-list column; {place.model!r} has no list {key!r}")
        elif repeat_model not in registry.models():
            reader.error(f"unknown model {repeat_model!r}")
            return repeat_model, "", ()
        else:
            row_model = repeat_model
            link = reader.text("link") or registry.link_column(repeat_model, place.model)
            if not link or registry.column(repeat_model, link) is None:
                reader.error(f"{repeat_model!r} has no column linking it to {place.model!r}; set 'link'")
        raw_fields = reader.tables("field")
        if not raw_fields:
            reader.error("a repeat group needs its own [[...field]] columns")
        inner = Place(row_model, f"{reader.where} >", repeat_model)
        built = [self.build(raw, inner) for raw in raw_fields]
        fields = tuple(f for f in built if f is not None)
        keys = [f.key for f in fields]
        for duplicate in sorted({k for k in keys if keys.count(k) > 1}):
            reader.error(f"duplicate column key {duplicate!r}")
        if reader.flag("scalar") and (repeat_model != registry.JSON_MODEL or len(fields) != 1):
            reader.error("'scalar' is for a JSON repeat group with exactly one column (a list of plain values)")
        return repeat_model, link, fields

    def _where(self, reader: TableReader, repeat_model: str) -> tuple[tuple[str, Any], ...]:
        raw = reader.get("where")
        if raw is None:
            return ()
        if not isinstance(raw, Mapping) or repeat_model in ("", registry.JSON_MODEL):
            reader.error("'where' is a table of child-table columns, for a repeat over a child table")
            return ()
        for name, value in raw.items():
            if registry.column(repeat_model, name) is None:
                reader.error(f"'where': {repeat_model!r} has no column {name!r}")
            if not isinstance(value, str | int | list) or isinstance(value, bool):
                reader.error(f"'where': {name!r} must be a value or a list of values")
        return tuple((name, _frozen(value)) for name, value in raw.items())

    def _compute(self, reader: TableReader, field_type: FieldType) -> tuple[str, tuple[str, ...], FieldType | None]:
        if field_type is not FieldType.COMPUTED:
            return "", (), None
        name = reader.text("compute", required=True)
        args = reader.strings("args")
        computation = registry.COMPUTATIONS.get(name)
        if computation is None:
            if name:
                known = ", ".join(sorted(registry.COMPUTATIONS))
                reader.error(f"unknown computation {name!r}; known: {known}")
            return name, args, None
        low = len(computation.params) - computation.optional_params
        if not low <= len(args) <= len(computation.params):
            reader.error(f"{name} takes arguments {list(computation.params)} ({low} required)")
        return name, args, computation.result

    def _choices(
        self,
        reader: TableReader,
        field_type: FieldType,
        result_type: FieldType | None,
        column: registry.Column | None,
    ) -> tuple[Choice, ...]:
        value_type = result_type or field_type
        sources = [k for k in ("enum", "choices", "choice_list", "lookup", "choices_from") if reader.has(k)]
        if not value_type.has_choices:
            if field_type is FieldType.COMPUTED and reader.has("enum"):
                reader.error(f"computation {reader.get('compute')!r} does not give a choice; drop 'enum'")
            return ()
        if len(sources) != 1:
            reader.error(
                "a choice field needs exactly one of 'enum', 'choices', 'choice_list', 'lookup', 'choices_from'"
            )
            return ()
        source = sources[0]
        if source == "choices_from":
            return ()  # the rows of another repeat group, checked once the whole form is read
        if source == "lookup":
            if reader.get("lookup") not in registry.LOOKUPS:
                reader.error(f"unknown lookup {reader.get('lookup')!r}; known: {', '.join(registry.LOOKUPS)}")
            return ()
        if source == "choices":
            choices = read_choices(reader.get("choices"), reader.where, self.errors)
        elif source == "choice_list":
            choices = self.lists.get(reader.text("choice_list"), ())
            if not choices:
                reader.error(f"unknown choice list {reader.get('choice_list')!r}")
        else:
            enum = registry.enums().get(reader.text("enum"))
            if enum is None:
                reader.error(f"unknown enum {reader.get('enum')!r}")
                return ()
            choices = tuple(Choice(m.value, humanise(m.value), m.zh) for m in enum)
        only = reader.strings("only")
        if only:
            known = {c.value for c in choices}
            for value in only:
                if value not in known:
                    reader.error(f"'only': {value!r} is not one of the choices")
            choices = tuple(c for c in choices if c.value in only)
        if column is not None:
            self._check_choice_column(reader, choices, column)
        return choices

    def _check_choice_column(self, reader: TableReader, choices: tuple[Choice, ...], column: registry.Column) -> None:
        if any(isinstance(c.value, int) for c in choices):
            if int not in column.python_types:
                reader.error(f"integer choice values need an integer column; {column.name!r} is not one")
            return
        if column.max_length is not None:
            for choice in choices:
                if len(str(choice.value)) > column.max_length:
                    reader.error(f"choice {choice.value!r} is longer than {column.name}'s {column.max_length}")

    def _required(self, reader: TableReader) -> Any:
        value = reader.get("required", False)
        if isinstance(value, bool):
            return value
        return reader.rule("required") or False

    def _max_length(self, reader: TableReader, column: registry.Column | None) -> int | None:
        given = reader.integer("max_length", None, minimum=1)
        limit = column.max_length if column is not None else None
        if given is None or limit is None:
            return limit if given is None else given
        if given > limit:
            reader.error(f"'max_length' {given} exceeds the column's {limit}")
            return limit
        return given

    def _check_spec(self, reader: TableReader, spec: FieldSpec, column: registry.Column | None) -> None:
        value_type = spec.value_type
        if column is not None and value_type in registry.COLUMN_TYPES:
            wanted = registry.COLUMN_TYPES[value_type]
            if any(isinstance(c.value, int) for c in spec.choices):
                wanted = frozenset({int})
            usable = set(column.python_types)
            if bool in usable and value_type is not FieldType.YESNO:
                usable.discard(bool)
            if not usable & wanted:
                shown = sorted(t.__name__ for t in column.python_types)
                reader.error(f"a {value_type} field cannot bind to {spec.binding.model}.{column.name} ({shown})")
        stored = spec.binding.kind is not BindingKind.UNSTORED
        if value_type is FieldType.MONEY and stored and not spec.key.endswith("_fen"):
            reader.error("a money field stores integer fen: its key must end with '_fen'")
        if spec.constraint is not None and not spec.message_zh:
            reader.error("a constraint needs 'message_zh' (and 'message')")
        if spec.type is FieldType.COMPUTED and value_type is FieldType.CHOICE and not spec.choices:
            reader.error(f"computation {spec.compute!r} gives a choice: name its 'enum'")
        if spec.max_rows is not None and spec.min_rows > spec.max_rows:
            reader.error("'min_rows' is larger than 'max_rows'")
        if spec.lookup_parent and not spec.lookup:
            reader.error("'lookup_parent' needs 'lookup'")
        if (spec.choice_value or spec.choice_label) and not spec.choices_from:
            reader.error("'choice_value' and 'choice_label' need 'choices_from'")
        if spec.choices_from and not spec.choice_value:
            reader.error("'choices_from' needs 'choice_value' (the column whose value is stored)")
        if spec.type is FieldType.COMPUTED and spec.required is not False:
            reader.error("a computed field cannot be required; check its inputs instead")


def _frozen(value: Any) -> Any:
    """A TOML value made immutable (lists become tuples) so that specs stay hashable and shareable."""
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    return value
