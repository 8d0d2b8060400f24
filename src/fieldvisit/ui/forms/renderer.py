"""The form renderer: a definition's sections and fields as widgets in paper order, bound to a draft."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QScrollArea, QVBoxLayout, QWidget

from fieldvisit.formspec import FieldSpec, FieldType, Section
from fieldvisit.ui.forms.draft_model import DraftModel
from fieldvisit.ui.forms.field_row import FieldRow
from fieldvisit.ui.forms.fields.base import FieldWidget
from fieldvisit.ui.forms.fields.choices import ChoiceField, MultiChoiceField
from fieldvisit.ui.forms.fields.computed import ComputedField
from fieldvisit.ui.forms.fields.factory import FieldServices, make_field
from fieldvisit.ui.forms.fields.media import MediaField
from fieldvisit.ui.forms.repeat import RepeatEditor
from fieldvisit.ui.i18n import is_chinese

_WIDE_TYPES = frozenset(
    {FieldType.REPEAT, FieldType.MULTILINE, FieldType.MULTICHOICE, FieldType.PHOTO, FieldType.SIGNATURE}
)


def is_wide(spec: FieldSpec) -> bool:
    """A field that takes the whole width of its section (the rest go two to a line, as on paper)."""
    if spec.type in _WIDE_TYPES or spec.value_type is FieldType.MULTILINE:
        return True
    return spec.print_width is None or spec.print_width > 0.5


class FormView(QScrollArea):
    """All sections of the form, one box each; edits go to the draft, the draft's checks come back here."""

    def __init__(self, model: DraftModel, services: FieldServices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"form_{model.spec.id}")
        self.setAccessibleName(model.spec.title_zh)
        self.setWidgetResizable(True)
        self.model = model
        self.services = services
        self.rows: dict[str, FieldRow] = {}
        self.fields: dict[str, FieldWidget] = {}
        self.repeats: dict[str, RepeatEditor] = {}
        self.groups: list[tuple[Section, QGroupBox]] = []
        content = QWidget(self)
        content.setObjectName("formContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(4, 4, 16, 16)
        layout.setSpacing(12)
        for section in model.spec.sections:
            group = self._section(section, content)
            self.groups.append((section, group))
            layout.addWidget(group)
        layout.addStretch(1)
        self.setWidget(content)
        model.refreshed.connect(self.refresh)
        self.refresh()
        self.set_readonly(model.readonly)

    def _section(self, section: Section, parent: QWidget) -> QGroupBox:
        group = QGroupBox(section.title_zh if is_chinese() else section.title, parent)
        group.setObjectName(f"section_{section.key}")
        group.setAccessibleName(group.title())
        grid = QGridLayout(group)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        line, column = 0, 0
        for f in section.fields:
            widget = self._field(f, group)
            if is_wide(f):
                if column:
                    line += 1
                grid.addWidget(widget, line, 0, 1, 2)
                line += 1
                column = 0
            else:
                grid.addWidget(widget, line, column, Qt.AlignmentFlag.AlignTop)
                column += 1
                if column == 2:
                    line += 1
                    column = 0
        statement = section.statement_zh if is_chinese() else section.statement
        if statement:
            note = QLabel(statement.format_map(_Blank()), group)
            note.setProperty("role", "muted")
            note.setWordWrap(True)
            grid.addWidget(note, line + 1, 0, 1, 2)
        return group

    def _field(self, f: FieldSpec, parent: QWidget) -> QWidget:
        if f.type is FieldType.REPEAT:
            editor = RepeatEditor(f, self.model, self.services, parent)
            self.repeats[f.key] = editor
            row = FieldRow(f, editor, f.key, parent)
            self.rows[f.key] = row
            return row
        widget = make_field(f, f.key, self.services, self.model.values, parent)
        widget.set_value(self.model.values.get(f.key))
        widget.edited.connect(lambda value, key=f.key: self.model.set_value(key, value))
        self.fields[f.key] = widget
        row = FieldRow(f, widget, f.key, parent)
        self.rows[f.key] = row
        return row

    def refresh(self) -> None:
        """Show and hide fields by relevance, update computed values, lookups and messages."""
        model = self.model
        for section, group in self.groups:
            group.setVisible(any(f.key in model.relevant for f in section.fields))
        for key, row in self.rows.items():
            row.setVisible(key in model.relevant)
            if key in self.repeats:
                self.repeats[key].refresh()
                row.show_issues(model.issues_for(key))
                continue
            widget = self.fields[key]
            if isinstance(widget, ComputedField | MediaField):
                widget.set_value(model.values.get(key))
            elif widget.spec.lookup_parent and isinstance(widget, ChoiceField | MultiChoiceField):
                self._update_lookup(widget)
            row.show_issues(model.issues_for(key))

    def _update_lookup(self, widget: FieldWidget) -> None:
        options = self.services.lookups.options(widget.spec, self.model.values)
        if isinstance(widget, ChoiceField) and options != getattr(widget, "_options", None):
            widget._options = options  # type: ignore[attr-defined]
            widget.set_options(options)

    def set_readonly(self, readonly: bool) -> None:
        """Lock every input (a finalized record)."""
        for widget in self.fields.values():
            widget.set_readonly(readonly)
        for editor in self.repeats.values():
            editor.set_readonly(readonly)

    def focus_issue(self, key: str, row: int | None = None, column: str | None = None) -> None:
        """Scroll to the field of an issue and put the cursor in it."""
        target: QWidget | None = (
            self.repeats[key].focus_cell(row, column) if key in self.repeats else self.fields.get(key)
        )
        if target is None:
            return
        self.ensureWidgetVisible(target, 40, 80)
        inner = target.findChild(QWidget, f"input_{getattr(target, 'name', '')}")
        (inner or target).setFocus(Qt.FocusReason.OtherFocusReason)


class _Blank(dict[str, str]):
    """Leaves template names of a section statement as blanks on screen ({review_body} → ____)."""

    def __missing__(self, key: str) -> str:
        return "____"
