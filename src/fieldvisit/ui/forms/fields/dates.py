"""Dates and date-times: typed as on paper (2026-11-20, 2026年11月20日 09:30) or picked from a calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from fieldvisit.formspec import FieldSpec
from fieldvisit.ui.forms.fields.base import ENTER_MOVES_ON, FieldWidget

_CST = timezone(timedelta(hours=8))


def date_answer_text(value: Any, *, with_time: bool) -> str:
    """How a stored date or datetime is shown for editing (local time); typed text is shown as typed."""
    if isinstance(value, datetime):
        local = value.astimezone(_CST) if value.tzinfo else value
        return local.strftime("%Y-%m-%d %H:%M") if with_time else local.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


class DateField(FieldWidget):
    """A date (or date and time) input with a calendar button; the text is the answer."""

    def __init__(self, spec: FieldSpec, name: str, *, with_time: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(spec, name, parent)
        self.with_time = with_time
        self.edit = QLineEdit(self)
        self.name_input(self.edit)
        self.edit.setPlaceholderText(self.tr("YYYY-MM-DD HH:MM") if with_time else self.tr("YYYY-MM-DD"))
        self.edit.textEdited.connect(lambda text: self.emit_edit(text))
        self.edit.installEventFilter(ENTER_MOVES_ON)
        self.edit.setMaximumWidth(300)
        self.layout_.addWidget(self.edit, 1)
        self.pick = QToolButton(self)
        self.name_input(self.pick, "_calendar")
        self.pick.setText(self.tr("Calendar"))
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName(f"calendar_{name}")
        self.calendar.setAccessibleName(self.tr("Calendar"))
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self.pick)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.pick.setMenu(menu)
        self.layout_.addWidget(self.pick)
        self.layout_.addStretch(1)

    def show_value(self, value: Any) -> None:
        self.edit.setText(date_answer_text(value, with_time=self.with_time))

    def _picked(self, day: QDate) -> None:
        text = day.toString("yyyy-MM-dd")
        if self.with_time:
            current = self.edit.text().strip()
            time_part = current.split(" ", 1)[1] if " " in current else "09:00"
            text = f"{text} {time_part}"
        self.edit.setText(text)
        self.pick.menu().hide()
        self.emit_edit(text)
