"""The answers of the draft being edited: every change recomputes, re-checks and asks for an autosave."""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QObject, Signal

from fieldvisit.domain.ids import new_id
from fieldvisit.formspec import FieldSpec, FieldType, FormSpec, Issue, relevant_fields, validate
from fieldvisit.formspec.registry import JSON_MODEL
from fieldvisit.store.services.computations import Computed, FormContext, compute


def default_of(f: FieldSpec) -> Any:
    """The starting answer of a field (its definition's default, an empty list for lists)."""
    if f.default is not None:
        return list(f.default) if isinstance(f.default, tuple) else f.default
    if f.type in (FieldType.MULTICHOICE, FieldType.REPEAT, FieldType.PHOTO, FieldType.SIGNATURE):
        return []
    return None


def new_row(group: FieldSpec) -> Any:
    """A new row of a repeat group with its defaults (and a client-minted id for child-table rows)."""
    if group.scalar:
        return ""
    row: dict[str, Any] = {sub.key: default_of(sub) for sub in group.fields}
    if group.repeat_model != JSON_MODEL:
        row["_id"] = new_id()
    return row


class DraftModel(QObject):
    """Holds `values` (field key → answer, rows as dicts) and the results derived from them.

    `changed` fires after any edit (the autosave listens); `refreshed` after issues and computed values
    are brought up to date (the widgets listen).
    """

    changed = Signal()
    refreshed = Signal()

    def __init__(
        self, spec: FormSpec, values: Mapping[str, Any], context: FormContext, *, readonly: bool = False
    ) -> None:
        super().__init__()
        self.spec = spec
        self.context = context
        self.readonly = readonly
        self.values: dict[str, Any] = copy.deepcopy(dict(values))
        for section in spec.sections:
            for f in section.fields:
                self.values.setdefault(f.key, default_of(f))
        self.issues: list[Issue] = []
        self.relevant: set[str] = set()
        self.computed = Computed()
        self.final_check = False
        self.revision = 0
        self._held = 0
        self._pending = False
        self.refresh()

    # ------------------------------------------------------------------ editing
    def set_value(self, key: str, value: Any) -> None:
        """Change one top-level answer."""
        if self.readonly or self.values.get(key) == value:
            return
        self.values[key] = value
        self._edited()

    def set_cell(self, key: str, row: int, column: str, value: Any) -> None:
        """Change one answer inside row `row` of repeat group `key`."""
        rows = self.values.get(key)
        if self.readonly or not isinstance(rows, list) or not 0 <= row < len(rows):
            return
        group = self.spec.field(key)
        if group.scalar:
            if rows[row] == value:
                return
            rows[row] = value
        else:
            if not isinstance(rows[row], dict) or rows[row].get(column) == value:
                return
            rows[row][column] = value
        self._edited()

    def add_row(self, key: str) -> int:
        """Append a row with its defaults; returns its index."""
        rows = self.values.setdefault(key, [])
        if self.readonly or not isinstance(rows, list):
            return -1
        rows.append(new_row(self.spec.field(key)))
        self._edited()
        return len(rows) - 1

    def remove_row(self, key: str, row: int) -> None:
        """Delete row `row` of a repeat group."""
        rows = self.values.get(key)
        if self.readonly or not isinstance(rows, list) or not 0 <= row < len(rows):
            return
        del rows[row]
        self._edited()

    def set_attachments(self, key: str, ids: list[str]) -> None:
        """The attachment ids now in a photo or signature slot (already saved by the attachment service)."""
        self.values[key] = list(ids)
        self.refresh()

    def snapshot(self) -> dict[str, Any]:
        """A copy of the answers for the writer thread (the GUI keeps editing its own)."""
        return copy.deepcopy(self.values)

    # ------------------------------------------------------------------ checking
    def refresh(self) -> None:
        """Recompute computed answers, relevance and issues."""
        self.computed = compute(self.spec, self.values, self.context)
        for key, value in self.computed.top.items():
            self.values[key] = value
        for key, rows in self.computed.rows.items():
            stored = self.values.get(key)
            if isinstance(stored, list):
                for row, extra in zip(stored, rows, strict=False):
                    if isinstance(row, dict):
                        row.update(extra)
        self.relevant = set(relevant_fields(self.spec, self.values, today=self.context.today))
        self.issues = validate(self.spec, self.values, today=self.context.today, final=self.final_check)
        self.refreshed.emit()

    def check_final(self) -> list[Issue]:
        """Check as finalize will, required answers too; those messages then stay live while the worker fills in."""
        self.final_check = True
        self.refresh()
        return self.issues

    def issues_for(self, key: str, row: int | None = None, column: str | None = None) -> list[Issue]:
        """The issues shown beside one field or cell."""
        return [i for i in self.issues if i.field_key == key and i.row_index == row and i.row_field == column]

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Apply many edits at once (a paste, a test feeding every field): one check and one autosave after."""
        self._held += 1
        try:
            yield
        finally:
            self._held -= 1
            if not self._held and self._pending:
                self._pending = False
                self.refresh()
                self.changed.emit()

    def _edited(self) -> None:
        self.revision += 1
        if self._held:
            self._pending = True
            return
        self.refresh()
        self.changed.emit()
