"""Choices: one of a list (drop-down), several (tick boxes), and yes/no (two round buttons)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QButtonGroup, QCheckBox, QComboBox, QGridLayout, QRadioButton, QWidget

from fieldvisit.formspec import FieldSpec
from fieldvisit.ui.forms.fields.base import FieldWidget, field_help
from fieldvisit.ui.i18n import is_chinese

Options = list[tuple[Any, str]]


def spec_options(spec: FieldSpec) -> Options:
    """The definition's own choices as (value, label) pairs in its order."""
    return [(c.value, c.label_zh if is_chinese() else c.label) for c in spec.choices]


class ChoiceField(FieldWidget):
    """A drop-down; a stored value that is no longer a choice is kept and marked, never dropped."""

    def __init__(self, spec: FieldSpec, name: str, options: Options, parent: QWidget | None = None) -> None:
        super().__init__(spec, name, parent)
        self.combo = QComboBox(self)
        self.name_input(self.combo)
        self.combo.setMinimumContentsLength(8)
        self.combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMaximumWidth(520)
        self.combo.currentIndexChanged.connect(self._chosen)
        self.layout_.addWidget(self.combo, 1)
        self.layout_.addStretch(0)
        self.combo.setToolTip(field_help(spec))
        self._value: Any = None
        self.options: Options = []
        self.set_options(options)

    def set_options(self, options: Options) -> None:
        """Replace the choices (a village list after the town changed, members renamed), keeping the answer."""
        self.options = list(options)
        blank = self.tr("— none —") if self.spec.choices_from and self.spec.required is False else self.tr("— choose —")
        self._updating = True
        try:
            self.combo.clear()
            self.combo.addItem(blank, None)
            for value, text in options:
                self.combo.addItem(text, value)
            self._select(self._value)
        finally:
            self._updating = False

    def show_value(self, value: Any) -> None:
        self._value = value
        self._select(value)

    def _select(self, value: Any) -> None:
        if value is None or value == "":
            self.combo.setCurrentIndex(0)
            return
        index = self.combo.findData(value)
        if index < 0:
            self.combo.addItem(self.tr("%1 (not a current choice)").replace("%1", str(value)), value)
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def _chosen(self) -> None:
        if self._updating:
            return
        self._value = self.combo.currentData()
        self.emit_edit(self._value)

    def set_readonly(self, readonly: bool) -> None:
        self.combo.setEnabled(not readonly)


class MultiChoiceField(FieldWidget):
    """Tick boxes, three or four to a row; the answer is the list of ticked values in the definition's order."""

    def __init__(self, spec: FieldSpec, name: str, options: Options, parent: QWidget | None = None) -> None:
        super().__init__(spec, name, parent)
        holder = QWidget(self)
        grid = QGridLayout(holder)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        per_row = 4 if len(options) > 6 else 3
        self.boxes: list[tuple[Any, QCheckBox]] = []
        for index, (value, text) in enumerate(options):
            box = QCheckBox(text, holder)
            self.name_input(box, f"_{value}")
            box.toggled.connect(self._toggled)
            grid.addWidget(box, index // per_row, index % per_row)
            self.boxes.append((value, box))
        self.layout_.addWidget(holder, 1)
        self._extra: list[Any] = []

    def show_value(self, value: Any) -> None:
        chosen = list(value) if isinstance(value, list | tuple) else []
        known = {v for v, _ in self.boxes}
        self._extra = [v for v in chosen if v not in known]
        for option, box in self.boxes:
            box.setChecked(option in chosen)

    def _toggled(self) -> None:
        if self._updating:
            return
        self.emit_edit([v for v, box in self.boxes if box.isChecked()] + self._extra)

    def set_readonly(self, readonly: bool) -> None:
        for _, box in self.boxes:
            box.setEnabled(not readonly)


class YesNoField(FieldWidget):
    """是 / 否; neither is chosen until the worker answers."""

    def __init__(self, spec: FieldSpec, name: str, parent: QWidget | None = None) -> None:
        super().__init__(spec, name, parent)
        self.yes = QRadioButton(self.tr("Yes"), self)
        self.no = QRadioButton(self.tr("No"), self)
        self.name_input(self.yes, "_yes")
        self.name_input(self.no, "_no")
        self.group = QButtonGroup(self)
        self.group.setExclusive(False)
        self.group.addButton(self.yes)
        self.group.addButton(self.no)
        self.yes.toggled.connect(lambda on: self._toggled(self.yes, on))
        self.no.toggled.connect(lambda on: self._toggled(self.no, on))
        self.layout_.addWidget(self.yes)
        self.layout_.addWidget(self.no)
        self.layout_.addStretch(1)

    def show_value(self, value: Any) -> None:
        self.yes.setChecked(value is True)
        self.no.setChecked(value is False)

    def _toggled(self, button: QRadioButton, on: bool) -> None:
        if self._updating:
            return
        other = self.no if button is self.yes else self.yes
        if on and other.isChecked():
            self._updating = True
            other.setChecked(False)
            self._updating = False
        if self.yes.isChecked():
            self.emit_edit(True)
        elif self.no.isChecked():
            self.emit_edit(False)
        else:
            self.emit_edit(None)

    def set_readonly(self, readonly: bool) -> None:
        self.yes.setEnabled(not readonly)
        self.no.setEnabled(not readonly)
