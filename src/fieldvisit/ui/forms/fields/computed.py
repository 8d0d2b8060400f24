"""Computed, read-only answers: per-capita income, the eligibility suggestion and its trace, risk, next visit."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from fieldvisit.formspec import FieldSpec, FieldType, format_money
from fieldvisit.ui.forms.fields.base import FieldWidget
from fieldvisit.ui.forms.fields.choices import spec_options
from fieldvisit.ui.forms.fields.dates import date_answer_text


def computed_text(spec: FieldSpec, value: Any) -> str:
    """A computed value as the worker reads it: 元 with two decimals, a choice's label, a date."""
    if value is None or value == "":
        return "—"
    kind = spec.value_type
    if kind is FieldType.MONEY and isinstance(value, int):
        return f"{format_money(value)} 元"
    if kind is FieldType.CHOICE:
        labels = dict(spec_options(spec))
        return str(labels.get(value, value))
    if isinstance(value, date):
        return date_answer_text(value, with_time=False)
    text = str(value)
    return f"{text} {spec.unit}" if spec.unit and kind is FieldType.INTEGER else text


class ComputedField(FieldWidget):
    """Shows a value the domain rules compute; the trace of a calculation reads as numbered lines."""

    def __init__(self, spec: FieldSpec, name: str, parent: QWidget | None = None) -> None:
        super().__init__(spec, name, parent)
        self.multiline = spec.value_type is FieldType.MULTILINE
        self.value_label = QLabel("—", self)
        self.value_label.setObjectName(f"value_{name}")
        self.value_label.setAccessibleName(self.accessibleName())
        self.value_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.value_label.setWordWrap(True)
        if self.multiline:
            frame = QFrame(self)
            frame.setProperty("role", "trace")
            box = QVBoxLayout(frame)
            box.addWidget(self.value_label)
            self.layout_.addWidget(frame, 1)
        else:
            self.value_label.setProperty("role", "computed")
            self.layout_.addWidget(self.value_label, 1)

    def show_value(self, value: Any) -> None:
        self.value_label.setText(computed_text(self.spec, value))

    def set_readonly(self, readonly: bool) -> None:
        """Always read-only."""
