"""Bad input never crashes a screen: every field of every form, fed wrong values, shows a message or keeps them.

Each value is typed into every input of a form (or, for drop-downs and yes/no, put into the draft as if it
came from damaged data); then the draft is saved and read back from the encrypted store. A value must come
back exactly as typed (or as its exact parsed meaning), and a wrong one must show its message beside the field.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton
from tests.ui.conftest import DEMO_TODAY
from tests.ui.helpers import type_text, unlock

from fieldvisit.formspec import FieldSpec, FieldType
from fieldvisit.formspec.values import check_value
from fieldvisit.ui.forms.editor_page import EditorActions, EditorPage
from fieldvisit.ui.shell.services import editor_services


def form_files_ids() -> list[str]:
    """Every form definition in forms/ (a new one is covered as soon as it exists)."""
    from fieldvisit.formspec import form_files

    return [path.stem for path in form_files()]


BAD_VALUES = [
    "360426199101010072",  # wrong ID checksum
    "一千二百元",  # text in a money field
    "-5",  # negative amount
    "2026-02-30",  # impossible date
    "长" * 10_000,  # 10,000 characters
    "𠮷䶮",  # rare characters (CJK Extension B, GB 18030)
    "🙂👨‍👩‍👧 ok",  # emoji, with a zero-width joiner sequence
]
TYPED_KINDS = frozenset(
    {
        FieldType.TEXT,
        FieldType.MULTILINE,
        FieldType.INTEGER,
        FieldType.MONEY,
        FieldType.DECIMAL,
        FieldType.DATE,
        FieldType.DATETIME,
        FieldType.ID_NUMBER,
        FieldType.PHONE,
    }
)
CHOSEN_KINDS = frozenset({FieldType.CHOICE, FieldType.MULTICHOICE, FieldType.YESNO})


def _start(services: Any, form_id: str) -> str:
    child = services.children.list()[0]
    case = next(c for c in services.cases.list() if c.status == "VERIFIED")
    starters = {
        "child_visit": lambda: services.visits.start(child.id),
        "household_assessment": lambda: services.households.start("330282107"),
        "patrol": lambda: services.burial.start_patrol("330282107"),
        "grave_case": lambda: services.burial.new_case("330282107"),
        "rectification_notice": lambda: services.burial.start_notice(case.id),
        "reinspection": lambda: services.burial.start_reinspection(case.id),
        "child_file": lambda: services.child_files.start_file("330282107"),
    }
    return starters[form_id]()


def _same(spec: FieldSpec, stored: Any, typed: str) -> bool:
    if stored == typed:
        return True
    parsed, problems = check_value(spec, typed, today=DEMO_TODAY)
    if any(p.severity == "error" for p in problems):
        return False
    if isinstance(parsed, Decimal | float) and isinstance(stored, Decimal | float | int):
        return Decimal(str(parsed)) == Decimal(str(stored))
    if isinstance(parsed, datetime) and isinstance(stored, datetime):
        return parsed == stored
    if isinstance(parsed, date) and isinstance(stored, str):
        return parsed.isoformat() == stored
    return parsed == stored


def _inputs(editor: EditorPage) -> list[tuple[str, FieldSpec, str, int | None, str | None]]:
    """(widget name, spec, key, row, column) of every typed or chosen input, repeat cells included."""
    found = []
    for key, widget in editor.view.fields.items():
        if widget.spec.type in TYPED_KINDS | CHOSEN_KINDS and not widget.spec.readonly:
            found.append((key, widget.spec, key, None, None))
    for key, repeat in editor.view.repeats.items():
        if not repeat.rows():
            repeat.findChild(QPushButton, f"add_{key}").click()
        for (row, column), cell in repeat.cells.items():
            if row == 0 and cell.spec.type in TYPED_KINDS | CHOSEN_KINDS and not cell.spec.readonly:
                found.append((cell.name, cell.spec, key, row, column))
    return found


def _feed(
    editor: EditorPage, name: str, spec: FieldSpec, key: str, row: int | None, column: str | None, value: str
) -> None:
    widget = editor.findChild(QLineEdit, f"input_{name}") or editor.findChild(QPlainTextEdit, f"input_{name}")
    if spec.type in TYPED_KINDS and widget is not None:
        if isinstance(widget, QLineEdit):
            widget.selectAll()
            widget.del_()
        else:
            widget.clear()
        type_text(widget, value, per_character=False)
        return
    if row is None:
        editor.model.set_value(key, [value] if spec.type is FieldType.MULTICHOICE else value)
    else:
        editor.model.set_cell(key, row, column or "", [value] if spec.type is FieldType.MULTICHOICE else value)


def _stored(values: dict[str, Any], key: str, row: int | None, column: str | None) -> Any:
    if row is None:
        return values.get(key)
    rows = values.get(key) or []
    cell = rows[row] if row < len(rows) else None
    return cell.get(column) if isinstance(cell, dict) else cell


@pytest.mark.parametrize(
    "form_id",
    sorted(form_files_ids()),
)
def test_every_field_takes_bad_values_without_crashing(qtbot, app_controller, form_id: str) -> None:
    main = unlock(qtbot, app_controller)
    services = app_controller.services
    record_id = _start(services, form_id)
    failures: list[str] = []
    for value in BAD_VALUES:
        draft = services.drafts.load(form_id, record_id)
        editor = EditorPage("bad input", draft, editor_services(services), EditorActions())
        qtbot.addWidget(editor)
        inputs = _inputs(editor)
        assert inputs, "no inputs found"
        with editor.model.hold():
            for name, spec, key, row, column in inputs:
                _feed(editor, name, spec, key, row, column, value)
        shown = {}
        for name, spec, key, row, _column in inputs:
            message = editor.findChild(QLabel, f"message_{name}")
            shown[name] = bool(message is not None and message.isVisibleTo(editor) and message.text())
            relevant = key in editor.model.relevant
            _, problems = check_value(
                spec, value if spec.type is not FieldType.MULTICHOICE else [value], today=DEMO_TODAY
            )
            if relevant and row is None and any(p.severity == "error" for p in problems) and not shown[name]:
                failures.append(f"{form_id}.{name} {value[:12]!r}: no message for a wrong value")
        editor.flush()
        stored = services.drafts.load(form_id, record_id).values
        for name, spec, key, row, column in inputs:
            if spec.type in CHOSEN_KINDS:
                continue
            if not _same(spec, _stored(stored, key, row, column), value) and not shown[name]:
                failures.append(f"{form_id}.{name} {value[:12]!r}: neither kept nor explained")
            elif (
                not _same(spec, _stored(stored, key, row, column), value) and _stored(stored, key, row, column) != value
            ):
                failures.append(
                    f"{form_id}.{name} {value[:12]!r}: typed text lost ({_stored(stored, key, row, column)!r:.40})"
                )
        editor.leave()
        editor.deleteLater()
    assert failures == []
    assert main.isVisible()
