"""How synced records and their fields read to a person: form titles, field labels and values from `forms/`."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QCoreApplication

from fieldvisit.formspec import column_fields, forms_for_table
from fieldvisit.ui.i18n import is_chinese

_NUMBER_KEYS = ("name", "case_no", "survey_no", "applicant_name", "notice_no", "patrol_no", "file_no", "caption")


def _short_kinds() -> dict[str, str]:
    return {
        "child_file": QCoreApplication.translate("RecordKind", "Child's file"),
        "child_visit": QCoreApplication.translate("RecordKind", "Child visit"),
        "household_assessment": QCoreApplication.translate("RecordKind", "Household survey"),
        "grave_case": QCoreApplication.translate("RecordKind", "Grave case"),
        "patrol": QCoreApplication.translate("RecordKind", "Patrol"),
        "rectification_notice": QCoreApplication.translate("RecordKind", "Rectification notice"),
        "reinspection": QCoreApplication.translate("RecordKind", "Re-inspection"),
        "attachment": QCoreApplication.translate("RecordKind", "Photo or signature"),
    }


def record_kind(table: str) -> str:
    """A short name for a table's records (儿童档案 …), else the form title, else the table name."""
    short = _short_kinds().get(table)
    if short:
        return short
    forms = forms_for_table(table)
    if not forms:
        return table
    return forms[0].title_zh if is_chinese() else forms[0].title


def record_name(values: dict[str, Any]) -> str:
    """The record's name or number, as a person knows it."""
    return next((str(values[key]) for key in _NUMBER_KEYS if values.get(key)), "")


def record_label(table: str, values: dict[str, Any]) -> str:
    """What names the record for a person: its kind and its name or number."""
    return f"{record_kind(table)} {record_name(values)}".strip()


def field_label(table: str, field: str) -> str:
    """The field's label on the paper form, or its column name."""
    spec = column_fields(table).get(field)
    if spec is None:
        return field
    return spec.label_zh if is_chinese() else spec.label


def value_text(table: str, field: str, value: Any) -> str:
    """A stored value as the form shows it: choice labels instead of codes, "—" for nothing."""
    if value is None or value == "" or value == []:
        return "—"
    spec = column_fields(table).get(field)
    labels = {str(c.value): (c.label_zh if is_chinese() else c.label) for c in spec.choices} if spec else {}
    if isinstance(value, bool):
        return (
            QCoreApplication.translate("FieldText", "yes") if value else QCoreApplication.translate("FieldText", "no")
        )
    if isinstance(value, list):
        return "、".join(labels.get(str(v), str(v)) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return labels.get(str(value), str(value))
