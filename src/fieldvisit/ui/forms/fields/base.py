"""What every field widget shares: a value in, `edited` out, read-only mode, and Enter moving to the next field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QWidget

from fieldvisit.formspec import FieldSpec
from fieldvisit.ui.i18n import is_chinese


def field_label(spec: FieldSpec) -> str:
    """The label the worker reads (Chinese from the definition, English source with FIELDVISIT_LANG=en)."""
    return spec.label_zh if is_chinese() else spec.label


def field_help(spec: FieldSpec) -> str:
    """The help text under a field."""
    return spec.help_zh if is_chinese() else spec.help


class EnterMovesOn(QObject):
    """Enter in a one-line input moves to the next field in paper order, as Tab does."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            and isinstance(watched, QWidget)
        ):
            watched.focusNextChild()
            return True
        return False


ENTER_MOVES_ON = EnterMovesOn()


class FieldWidget(QWidget):
    """One answer's input. `name` makes the objectNames: the container `field_<name>`, the input `input_<name>`."""

    edited = Signal(object)

    def __init__(self, spec: FieldSpec, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.name = name
        self.setObjectName(f"field_{name}")
        self.setAccessibleName(field_label(spec))
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(6)
        self._updating = False

    def name_input(self, widget: QWidget, suffix: str = "") -> QWidget:
        """Give an inner input its objectName and accessible name."""
        widget.setObjectName(f"input_{self.name}{suffix}")
        widget.setAccessibleName(field_label(self.spec) + (f" {suffix.strip('_')}" if suffix else ""))
        return widget

    def set_value(self, value: Any) -> None:
        """Show `value` without reporting it as an edit."""
        self._updating = True
        try:
            self.show_value(value)
        finally:
            self._updating = False

    def show_value(self, value: Any) -> None:
        """Display a stored or typed answer (subclasses)."""
        raise NotImplementedError

    def emit_edit(self, value: Any) -> None:
        """Report the user's change (not while a value is being shown)."""
        if not self._updating:
            self.edited.emit(value)

    def set_readonly(self, readonly: bool) -> None:
        """Forbid changes (a finalized record)."""
        for child in self.findChildren(QWidget):
            if hasattr(child, "setReadOnly"):
                child.setReadOnly(readonly)
            else:
                child.setEnabled(not readonly)

    def set_invalid(self, invalid: bool) -> None:
        """Mark the input red when its answer has an error."""
        if getattr(self, "_invalid", None) == invalid:
            return
        self._invalid = invalid
        for child in self.findChildren(QWidget):
            if child.objectName().startswith("input_") and child.property("invalid") != invalid:
                child.setProperty("invalid", invalid)
                child.style().unpolish(child)
                child.style().polish(child)
