"""Dialogs for status changes of a child's file: category, guardian, closure; each asks for the reason."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QFormLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from fieldvisit.domain.children import ChildCategory, ClosureReason
from fieldvisit.ui.format import enum_text
from fieldvisit.ui.shell.widgets import button, label, named


class ChangeDialog(QDialog):
    """A small form with a reason; `confirmed` carries the answers when the worker presses OK."""

    confirmed = Signal(dict)

    def __init__(self, kind: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        titles = {
            "category": self.tr("Change the category"),
            "guardian": self.tr("Change the guardian"),
            "close": self.tr("Close the file"),
        }
        named(self, f"{kind}Dialog", titles[kind])
        self.setWindowTitle(titles[kind])
        self.kind = kind
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.inputs: dict[str, QWidget] = {}
        if kind == "category":
            combo = named(QComboBox(self), "newCategory", self.tr("New category"))
            for member in ChildCategory:
                combo.addItem(enum_text(ChildCategory, member.value), member.value)
            self.inputs["category"] = combo
            form.addRow(self.tr("New category"), combo)
        elif kind == "guardian":
            for key, caption in (
                ("name", self.tr("Name")),
                ("relation", self.tr("Relation to the child")),
                ("phone", self.tr("Phone")),
            ):
                edit = named(QLineEdit(self), f"guardian{key.capitalize()}", caption)
                self.inputs[key] = edit
                form.addRow(caption, edit)
        else:
            combo = named(QComboBox(self), "closureReason", self.tr("Reason for closing"))
            for member in ClosureReason:
                combo.addItem(enum_text(ClosureReason, member.value), member.value)
            self.inputs["closure"] = combo
            form.addRow(self.tr("Reason for closing"), combo)
        self.reason = named(QLineEdit(self), "changeReason", self.tr("Why"))
        form.addRow(self.tr("Why (kept in the change history)"), self.reason)
        layout.addLayout(form)
        self.error = named(label("", "fieldError"), "changeError", self.tr("Problem"))
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addStretch(1)
        cancel = button(self.tr("Cancel"), "changeCancel", parent=self)
        cancel.clicked.connect(self.reject)
        ok = button(self.tr("Save the change"), "changeOk", primary=True, parent=self)
        ok.clicked.connect(self._ok)
        row.addWidget(cancel)
        row.addWidget(ok)
        layout.addLayout(row)

    def answers(self) -> dict[str, Any]:
        """What was chosen or typed, with the reason."""
        result: dict[str, Any] = {"reason": self.reason.text()}
        for key, widget in self.inputs.items():
            result[key] = widget.currentData() if isinstance(widget, QComboBox) else widget.text()  # type: ignore[attr-defined]
        return result

    def show_error(self, message: str) -> None:
        """Keep the dialog open and say what is wrong."""
        self.error.setText(message)

    def _ok(self) -> None:
        if not self.reason.text().strip():
            self.show_error(self.tr("Please say why."))
            return
        self.confirmed.emit(self.answers())
