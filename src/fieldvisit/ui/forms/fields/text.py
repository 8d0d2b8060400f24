"""Typed inputs: text, multi-line text, integers, money in 元, decimals, phone numbers and ID numbers.

What the worker types is kept exactly as typed (rare characters, emoji, 10,000 characters): checking and
parsing happen in formspec and the store, never by altering the text here.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from fieldvisit.domain.resident_id import age_on, parse_id_number
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.formspec import FieldSpec, MoneyError, format_money, parse_money
from fieldvisit.ui.forms.fields.base import ENTER_MOVES_ON, FieldWidget, field_label


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value).removesuffix(".0") if value.is_integer() else repr(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


class LineField(FieldWidget):
    """A one-line input whose answer is the text as typed."""

    def __init__(self, spec: FieldSpec, name: str, parent: QWidget | None = None) -> None:
        super().__init__(spec, name, parent)
        self.edit = QLineEdit(self)
        self.name_input(self.edit)
        self.edit.setPlaceholderText(self.placeholder())
        self.edit.textEdited.connect(lambda text: self.emit_edit(text))
        self.edit.editingFinished.connect(self.tidy)
        self.edit.installEventFilter(ENTER_MOVES_ON)
        self.layout_.addWidget(self.edit, 1)
        if spec.unit:
            unit = QLabel(spec.unit, self)
            unit.setProperty("role", "muted")
            self.layout_.addWidget(unit)

    def placeholder(self) -> str:
        """Hint shown in the empty input."""
        return ""

    def show_value(self, value: Any) -> None:
        self.edit.setText(_as_text(value))

    def tidy(self) -> None:
        """Called when the worker leaves the input (money reformats itself)."""


class TextField(LineField):
    """Free text (names, addresses): stored exactly as typed."""


class IntegerField(LineField):
    """A whole number."""

    def placeholder(self) -> str:
        return self.tr("Whole number")


class DecimalField(LineField):
    """A measure such as an area in m²."""

    def placeholder(self) -> str:
        return self.tr("Number, e.g. 4.5")


class PhoneField(LineField):
    """A mobile or landline number."""

    def placeholder(self) -> str:
        return self.tr("11-digit mobile, or 0574-63012345")


class MoneyField(LineField):
    """元 with two decimals on screen; stored as integer fen by the store."""

    def placeholder(self) -> str:
        return "0.00"

    def show_value(self, value: Any) -> None:
        if isinstance(value, int) and not isinstance(value, bool):
            self.edit.setText(format_money(value))
        else:
            self.edit.setText(_as_text(value))

    def tidy(self) -> None:
        text = self.edit.text()
        if not text.strip():
            return
        try:
            formatted = format_money(parse_money(text))
        except MoneyError:
            return
        if formatted != text:
            self.edit.setText(formatted)
            self.emit_edit(formatted)


class IdNumberField(LineField):
    """A resident ID number, checked as it is typed; birth date, sex and age shown under it."""

    def __init__(self, spec: FieldSpec, name: str, clock: Clock, parent: QWidget | None = None) -> None:
        self._clock = clock
        super().__init__(spec, name, parent)
        self.info = QLabel("", self)
        self.info.setObjectName(f"info_{name}")
        self.info.setProperty("role", "muted")
        self.info.hide()
        box = QVBoxLayout()
        box.setSpacing(2)
        self.layout_.removeWidget(self.edit)
        box.addWidget(self.edit)
        box.addWidget(self.info)
        self.layout_.insertLayout(0, box, 1)
        self.edit.textChanged.connect(self._describe)

    def placeholder(self) -> str:
        return self.tr("18 characters")

    def _describe(self, text: str) -> None:
        today = today_local(self._clock)
        check = parse_id_number(text, today=today) if text.strip() else None
        if check is None or not check.valid or check.birth_date is None or check.sex is None:
            self.info.setText("")
            self.info.hide()
            return
        age = age_on(check.birth_date, today)
        self.info.setText(
            self.tr("Born %1 · %2 · %3 years")
            .replace("%1", check.birth_date.isoformat())
            .replace("%2", check.sex.zh)
            .replace("%3", str(age))
        )
        self.info.show()


class MultilineField(FieldWidget):
    """Several lines of text (opinions, notes); Enter makes a new line, Tab moves on."""

    def __init__(self, spec: FieldSpec, name: str, parent: QWidget | None = None) -> None:
        super().__init__(spec, name, parent)
        self.edit = QPlainTextEdit(self)
        self.name_input(self.edit)
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        self.edit.setMaximumHeight(self.fontMetrics().lineSpacing() * 7 + 16)
        self.edit.textChanged.connect(lambda: self.emit_edit(self.edit.toPlainText()))
        self.layout_.addWidget(self.edit, 1)

    def show_value(self, value: Any) -> None:
        text = _as_text(value)
        if self.edit.toPlainText() != text:
            self.edit.setPlainText(text)
        self.edit.setAccessibleDescription(field_label(self.spec))
