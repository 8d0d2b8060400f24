"""Repeat groups (members, income rows, investigators …): an editable table with add and remove.

Narrow groups are a grid, one line per row; wide ones (a household member has twenty answers) show each row
as a numbered block so nothing is squeezed. Every cell is an ordinary field widget with its own message.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldvisit.formspec import FieldSpec, FieldType, relevant_row_fields
from fieldvisit.formspec.row_choices import row_choices
from fieldvisit.ui.forms.draft_model import DraftModel
from fieldvisit.ui.forms.field_row import FieldRow, message_text
from fieldvisit.ui.forms.fields.base import FieldWidget, field_label
from fieldvisit.ui.forms.fields.choices import ChoiceField
from fieldvisit.ui.forms.fields.factory import FieldServices, make_field

GRID_MAX_COLUMNS = 7
BLOCK_COLUMNS = 3


class RepeatEditor(QWidget):
    """Edits the rows of one repeat group of `model`."""

    def __init__(
        self, spec: FieldSpec, model: DraftModel, services: FieldServices, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.model = model
        self.services = services
        self.setObjectName(f"field_{spec.key}")
        self.setAccessibleName(field_label(spec))
        self.columns = [sub for sub in spec.fields if not (sub.type is FieldType.COMPUTED and not sub.print)]
        self.block = len(self.columns) > GRID_MAX_COLUMNS
        self.cells: dict[tuple[int, str], FieldWidget] = {}
        self.cell_rows: dict[tuple[int, str], FieldRow] = {}
        self.row_frames: list[QWidget] = []
        self._built_rows = -1
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(6)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 0, 0)
        self.body_layout.setSpacing(8)
        outer.addWidget(self.body)
        self.empty = QLabel(self.tr("No rows yet."), self)
        self.empty.setProperty("role", "muted")
        outer.addWidget(self.empty)
        self.add = QPushButton(self.tr("Add a row: %1").replace("%1", field_label(spec)), self)
        self.add.setObjectName(f"add_{spec.key}")
        self.add.setAccessibleName(self.add.text())
        self.add.clicked.connect(self._add_row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.rebuild()

    def rows(self) -> list[Any]:
        """The group's rows in the draft."""
        value = self.model.values.get(self.spec.key)
        return value if isinstance(value, list) else []

    def rebuild(self) -> None:
        """Lay the rows out again (after a row was added or removed)."""
        for frame in self.row_frames:
            self.body_layout.removeWidget(frame)
            frame.hide()
            frame.setParent(None)  # out of the widget tree at once: no stale cell can be found or painted
            frame.deleteLater()
        self.row_frames.clear()
        self.cells.clear()
        self.cell_rows.clear()
        rows = self.rows()
        self._built_rows = len(rows)
        if rows and not self.block:
            self.row_frames.append(self._grid(rows))
        else:
            self.row_frames += [self._block(index, row) for index, row in enumerate(rows)]
        for frame in self.row_frames:
            self.body_layout.addWidget(frame)
        self.empty.setVisible(not rows)
        self.set_readonly(self.model.readonly)

    def _cell(self, index: int, sub: FieldSpec, row: Any, parent: QWidget) -> FieldWidget:
        name = f"{self.spec.key}_{index}_{sub.key}"
        widget = make_field(
            sub, name, self.services, {**self.model.values, **(row if isinstance(row, dict) else {})}, parent
        )
        value = row if self.spec.scalar else (row.get(sub.key) if isinstance(row, dict) else None)
        widget.set_value(value)
        widget.edited.connect(lambda v, i=index, k=sub.key: self.model.set_cell(self.spec.key, i, k, v))
        self.cells[(index, sub.key)] = widget
        return widget

    def _remove_button(self, index: int, parent: QWidget) -> QPushButton:
        remove = QPushButton(self.tr("Remove"), parent)
        remove.setObjectName(f"remove_{self.spec.key}_{index}")
        remove.setAccessibleName(self.tr("Remove row %1").replace("%1", str(index + 1)))
        remove.clicked.connect(lambda _=False, i=index: self._remove_row(i))
        return remove

    def _grid(self, rows: list[Any]) -> QWidget:
        frame = QFrame(self.body)
        grid = QGridLayout(frame)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        for column, sub in enumerate(self.columns):
            header = QLabel(field_label(sub) + (" *" if sub.required is True else ""), frame)
            header.setProperty("role", "fieldLabel")
            header.setWordWrap(True)
            grid.addWidget(header, 0, column + 1)
            grid.setColumnStretch(column + 1, 1)
        for index, row in enumerate(rows):
            number = QLabel(str(index + 1), frame)
            number.setProperty("role", "muted")
            grid.addWidget(number, 1 + 2 * index, 0)
            for column, sub in enumerate(self.columns):
                grid.addWidget(self._cell(index, sub, row, frame), 1 + 2 * index, column + 1)
                message = QLabel("", frame)
                message.setObjectName(f"message_{self.spec.key}_{index}_{sub.key}")
                message.setProperty("role", "fieldError")
                message.setWordWrap(True)
                message.hide()
                grid.addWidget(message, 2 + 2 * index, column + 1)
                self.cell_rows[(index, sub.key)] = _MessageOnly(message, self.cells[(index, sub.key)])  # type: ignore[assignment]
            grid.addWidget(self._remove_button(index, frame), 1 + 2 * index, len(self.columns) + 1)
        return frame

    def _block(self, index: int, row: Any) -> QWidget:
        frame = QFrame(self.body)
        frame.setProperty("role", "rowBlock")
        box = QVBoxLayout(frame)
        head = QHBoxLayout()
        title = QLabel(f"{field_label(self.spec)} {index + 1}", frame)
        title.setProperty("role", "sectionTitle")
        head.addWidget(title)
        head.addStretch(1)
        head.addWidget(self._remove_button(index, frame))
        box.addLayout(head)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        for column in range(BLOCK_COLUMNS):
            grid.setColumnStretch(column, 1)
        position = 0
        for sub in self.columns:
            cell = self._cell(index, sub, row, frame)
            field_row = FieldRow(sub, cell, f"{self.spec.key}_{index}_{sub.key}", frame)
            self.cell_rows[(index, sub.key)] = field_row
            wide = sub.type in (FieldType.MULTICHOICE, FieldType.MULTILINE)
            if wide and position % BLOCK_COLUMNS:
                position += BLOCK_COLUMNS - position % BLOCK_COLUMNS
            span = BLOCK_COLUMNS if wide else 1
            grid.addWidget(
                field_row, position // BLOCK_COLUMNS, position % BLOCK_COLUMNS, 1, span, Qt.AlignmentFlag.AlignTop
            )
            position += span
        box.addLayout(grid)
        return frame

    def _add_row(self) -> None:
        index = self.model.add_row(self.spec.key)
        if index < 0:
            return
        if self._built_rows != len(self.rows()):
            self.rebuild()
        first = next((w for (i, _), w in self.cells.items() if i == index), None)
        if first is not None:
            first.setFocus()
            target = first.findChild(QWidget, f"input_{first.name}")
            if target is not None:
                target.setFocus()

    def _remove_row(self, index: int) -> None:
        self.model.remove_row(self.spec.key, index)
        if self._built_rows != len(self.rows()):
            self.rebuild()

    def refresh(self) -> None:
        """Bring relevance, computed cells and messages up to date with the draft."""
        rows = self.rows()
        if len(rows) != self._built_rows:
            self.rebuild()
        values = self.model.values
        today = self.model.context.today
        conditional = any(sub.relevant is not None for sub in self.columns)
        every = {sub.key for sub in self.columns}
        for index, row in enumerate(rows):
            shown = (
                set(relevant_row_fields(self.model.spec, self.spec.key, values, index, today=today))
                if conditional
                else every
            )
            for sub in self.columns:
                cell = self.cells.get((index, sub.key))
                holder = self.cell_rows.get((index, sub.key))
                if cell is None:
                    continue
                visible = sub.key in shown or self.spec.scalar
                if isinstance(holder, FieldRow):
                    holder.setVisible(visible)
                else:
                    cell.setEnabled(visible and not self.model.readonly)
                if sub.type is FieldType.COMPUTED and isinstance(row, dict):
                    cell.set_value(row.get(sub.key))
                if sub.choices_from and isinstance(cell, ChoiceField):
                    options = row_choices(sub, values)
                    if options != cell.options:
                        cell.set_options(options)
                if holder is not None:
                    holder.show_issues(self.model.issues_for(self.spec.key, index, sub.key))

    def set_readonly(self, readonly: bool) -> None:
        """No adding, removing or editing once final."""
        self.add.setVisible(not readonly)
        for button in self.findChildren(QPushButton):
            if button.objectName().startswith("remove_"):
                button.setVisible(not readonly)
        for cell in self.cells.values():
            cell.set_readonly(readonly)

    def focus_cell(self, index: int | None, column: str | None) -> QWidget:
        """The widget to focus for an issue in this group."""
        if index is not None and column is not None and (index, column) in self.cells:
            return self.cells[(index, column)]
        return self.add


class _MessageOnly:
    """A grid cell's message label, with FieldRow's `show_issues`."""

    def __init__(self, message: QLabel, field: FieldWidget) -> None:
        self.message = message
        self.field = field

    def show_issues(self, issues: list[Any]) -> None:
        text, error = message_text(issues)
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.field.set_invalid(error)
