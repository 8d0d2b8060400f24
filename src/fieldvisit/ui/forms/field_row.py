"""One field on the page: its label (with * when required), the input, help text and the message beside it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from fieldvisit.formspec import FieldSpec, Issue
from fieldvisit.ui.forms.fields.base import FieldWidget, field_help, field_label


def message_text(issues: list[Issue]) -> tuple[str, bool]:
    """The text shown under a field for its issues, and whether any is an error (red) rather than a warning."""
    if not issues:
        return "", False
    errors = [i for i in issues if i.severity == "error"]
    shown = errors or issues
    return "\n".join(dict.fromkeys(i.message_zh for i in shown)), bool(errors)


class FieldRow(QWidget):
    """Label above the input (long Chinese labels stay whole), help and message below it."""

    def __init__(self, spec: FieldSpec, field: QWidget, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"row_{name}")
        self.spec = spec
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(3)
        required = spec.required is True
        caption = field_label(spec) + (" *" if required else "")
        self.caption = QLabel(caption, self)
        self.caption.setObjectName(f"label_{name}")
        self.caption.setProperty("role", "fieldLabel")
        self.caption.setWordWrap(True)
        self.caption.setBuddy(field)
        layout.addWidget(self.caption)
        layout.addWidget(field)
        help_text = field_help(spec)
        if help_text:
            hint = QLabel(help_text, self)
            hint.setProperty("role", "fieldHelp")
            hint.setWordWrap(True)
            layout.addWidget(hint)
        self.message = QLabel("", self)
        self.message.setObjectName(f"message_{name}")
        self.message.setAccessibleName(f"{field_label(spec)}：提示")
        self.message.setProperty("role", "fieldError")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

    def show_issues(self, issues: list[Issue]) -> None:
        """Show (or clear) the messages for this field; the input turns red on an error."""
        text, error = message_text(issues)
        if text != self.message.text():
            self.message.setText(text)
        role = "fieldError" if error else "fieldWarning"
        if self.message.property("role") != role:
            self.message.setProperty("role", role)
            self.message.style().unpolish(self.message)
            self.message.style().polish(self.message)
        self.message.setVisible(bool(text))
        if isinstance(self.field, FieldWidget):
            self.field.set_invalid(error)
