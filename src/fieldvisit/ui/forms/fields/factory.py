"""Picks and builds the widget for a field of a definition."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QWidget

from fieldvisit.domain.types import Clock
from fieldvisit.formspec import FieldSpec, FieldType
from fieldvisit.formspec.row_choices import row_choices
from fieldvisit.ui.forms.fields.base import FieldWidget
from fieldvisit.ui.forms.fields.choices import ChoiceField, MultiChoiceField, YesNoField, spec_options
from fieldvisit.ui.forms.fields.computed import ComputedField
from fieldvisit.ui.forms.fields.dates import DateField
from fieldvisit.ui.forms.fields.media import MediaField, MediaHost
from fieldvisit.ui.forms.fields.text import (
    DecimalField,
    IdNumberField,
    IntegerField,
    MoneyField,
    MultilineField,
    PhoneField,
    TextField,
)
from fieldvisit.ui.forms.lookups import Lookups


@dataclass
class FieldServices:
    """What widgets may need besides their definition: lookups, the media host, the clock."""

    lookups: Lookups
    media: MediaHost
    clock: Clock


def make_field(
    spec: FieldSpec, name: str, services: FieldServices, values: Mapping[str, Any], parent: QWidget | None = None
) -> FieldWidget:
    """The widget for `spec` (not a repeat group; those are built by the repeat editor)."""
    kind = spec.type
    if kind is FieldType.COMPUTED or (spec.readonly and kind not in (FieldType.PHOTO, FieldType.SIGNATURE)):
        return ComputedField(spec, name, parent)
    if kind in (FieldType.CHOICE, FieldType.MULTICHOICE):
        if spec.choices_from:
            options = row_choices(spec, values)
        else:
            options = services.lookups.options(spec, values) if spec.lookup else spec_options(spec)
        cls = ChoiceField if kind is FieldType.CHOICE else MultiChoiceField
        return cls(spec, name, options, parent)
    if kind is FieldType.YESNO:
        return YesNoField(spec, name, parent)
    if kind in (FieldType.DATE, FieldType.DATETIME):
        return DateField(spec, name, with_time=kind is FieldType.DATETIME, parent=parent)
    if kind in (FieldType.PHOTO, FieldType.SIGNATURE):
        return MediaField(spec, name, services.media, parent)
    if kind is FieldType.ID_NUMBER:
        return IdNumberField(spec, name, services.clock, parent)
    simple: dict[FieldType, type[FieldWidget]] = {
        FieldType.MULTILINE: MultilineField,
        FieldType.INTEGER: IntegerField,
        FieldType.MONEY: MoneyField,
        FieldType.DECIMAL: DecimalField,
        FieldType.PHONE: PhoneField,
    }
    return simple.get(kind, TextField)(spec, name, parent)
