"""The immutable shape of a loaded form definition: form, sections, fields, choices, rules, print hints."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from fieldvisit.formspec.expr import Expr

Severity = Literal["error", "warning"]


class FieldType(StrEnum):
    TEXT = "text"
    MULTILINE = "multiline"
    INTEGER = "integer"
    MONEY = "money"
    DECIMAL = "decimal"
    DATE = "date"
    DATETIME = "datetime"
    CHOICE = "choice"
    MULTICHOICE = "multichoice"
    YESNO = "yesno"
    ID_NUMBER = "id_number"
    PHONE = "phone"
    REPEAT = "repeat"
    PHOTO = "photo"
    SIGNATURE = "signature"
    COMPUTED = "computed"

    @property
    def is_attachment(self) -> bool:
        """Photos and signatures live in the attachment vault, keyed by slot, not in a column."""
        return self in (FieldType.PHOTO, FieldType.SIGNATURE)

    @property
    def has_choices(self) -> bool:
        return self in (FieldType.CHOICE, FieldType.MULTICHOICE)


class BindingKind(StrEnum):
    COLUMN = "column"  # a typed column of the bound model
    NESTED = "nested"  # a key inside a JSON-object column: `father.status`
    EXTRA = "extra"  # a key inside FormRecord.extra: `extra.<name>`
    ROW_KEY = "row_key"  # a key of one row of a JSON-list repeat
    CHILD_ROWS = "child_rows"  # the rows of a child table that point at the record (a repeat group)
    ATTACHMENT = "attachment"  # an attachment slot (Attachment.slot) of the record
    UNSTORED = "unstored"  # a computed value shown and printed but never stored


@dataclass(frozen=True)
class Binding:
    """Where a field's value is stored: the model, the kind of place and the path inside it."""

    kind: BindingKind
    model: str
    path: tuple[str, ...]


@dataclass(frozen=True)
class Choice:
    """One answer of a choice or multichoice field; `value` is what is stored."""

    value: str | int
    label: str
    label_zh: str


@dataclass(frozen=True)
class Rule:
    """A form-level check (`[[check]]`): an expression that must hold, shown against one field."""

    field_key: str
    expr: Expr
    message: str
    message_zh: str
    severity: Severity = "error"
    final_only: bool = False


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form (or one column of a repeat group)."""

    key: str
    type: FieldType
    label: str
    label_zh: str
    binding: Binding
    unit: str = ""
    help: str = ""
    help_zh: str = ""
    enum: str = ""
    choice_list: str = ""
    choices: tuple[Choice, ...] = ()
    lookup: str = ""
    lookup_parent: str = ""
    choices_from: str = ""
    choice_value: str = ""
    choice_label: str = ""
    required: bool | Expr = False
    relevant: Expr | None = None
    constraint: Expr | None = None
    message: str = ""
    message_zh: str = ""
    severity: Severity = "error"
    readonly: bool = False
    default: Any = None
    max_length: int | None = None
    compute: str = ""
    args: tuple[str, ...] = ()
    result_type: FieldType | None = None
    max_count: int | None = None
    repeat_model: str = ""
    link: str = ""
    where: tuple[tuple[str, Any], ...] = ()
    scalar: bool = False
    min_rows: int = 0
    max_rows: int | None = None
    layout: Literal["table", "block"] = "table"
    fields: tuple[FieldSpec, ...] = ()
    print: bool = True
    print_width: float | None = None
    print_mask: bool = False
    print_blank_rows: int = 0

    @property
    def value_type(self) -> FieldType:
        """The type the value has: for a computed field, the type of its computation's result."""
        if self.type is FieldType.COMPUTED and self.result_type is not None:
            return self.result_type
        return self.type

    @cached_property
    def choice_values(self) -> frozenset[str | int]:
        return frozenset(c.value for c in self.choices)

    def choice_label_zh(self, value: str | int) -> str:
        """The Chinese label of a stored choice value (the value itself when unknown)."""
        for choice in self.choices:
            if choice.value == value:
                return choice.label_zh
        return str(value)

    def field(self, key: str) -> FieldSpec:
        """The sub-field `key` of this repeat group."""
        for sub in self.fields:
            if sub.key == key:
                return sub
        raise KeyError(key)


@dataclass(frozen=True)
class Section:
    """A block of the paper form, in paper order; `model` binds it to a one-to-one child record."""

    key: str
    title: str
    title_zh: str
    fields: tuple[FieldSpec, ...]
    model: str = ""
    link: str = ""
    relevant: Expr | None = None
    statement: str = ""
    statement_zh: str = ""
    print_break_before: bool = False


@dataclass(frozen=True)
class PrintHints:
    """How the printed twin looks: paper, orientation, title template, copies and markings."""

    paper: str = "A4"
    orientation: Literal["portrait", "landscape"] = "portrait"
    title: str = ""
    title_zh: str = ""
    copies_zh: tuple[str, ...] = ()
    confidential_zh: str = ""
    number_field: str = ""


@dataclass(frozen=True)
class FormSpec:
    """A loaded, checked form definition: the capture form and its printed twin."""

    id: str
    version: int
    title: str
    title_zh: str
    model: str
    sections: tuple[Section, ...]
    checks: tuple[Rule, ...] = ()
    print_hints: PrintHints = field(default_factory=PrintHints)

    @cached_property
    def fields_by_key(self) -> dict[str, FieldSpec]:
        """Top-level fields by key (repeat columns are reached through their repeat)."""
        return {f.key: f for section in self.sections for f in section.fields}

    @cached_property
    def section_of(self) -> dict[str, Section]:
        """The section holding each top-level field key."""
        return {f.key: section for section in self.sections for f in section.fields}

    def field(self, key: str) -> FieldSpec:
        """The top-level field `key`."""
        return self.fields_by_key[key]
