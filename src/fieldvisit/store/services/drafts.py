"""Drafts: a form record read into answers by its definition's bindings, and answers written back (autosave).

An answer that cannot be stored in its column yet (text in a money field, a wrong ID checksum, 10,000
characters in a name) is kept exactly as typed in `extra["_draft"]`, shown again with its message, and
refused only at finalize. Everything is written through `write_changes`: row, outbox and audit together.
"""

from __future__ import annotations

import json
import logging
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, SQLModel, col, select

from fieldvisit.domain.base import FormRecord, RecordState
from fieldvisit.domain.burial import GraveCase
from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.parameters import ParameterSet
from fieldvisit.domain.shared import Attachment
from fieldvisit.domain.types import Clock, today_local
from fieldvisit.domain.working_days import WorkCalendar, load_work_calendar
from fieldvisit.formspec import BindingKind, FieldSpec, FieldType, FormSpec, Issue, is_blank, load_form, validate
from fieldvisit.formspec.registry import JSON_MODEL, models
from fieldvisit.formspec.values import check_value
from fieldvisit.store.changes import Actor, ChangeWriter, write_changes
from fieldvisit.store.services.computations import Computed, FormContext, compute

log = logging.getLogger(__name__)

RAW_KEY = "_draft"
"""Key in `FormRecord.extra` holding answers kept as typed until they can be stored in their column."""


class RecordLockedError(Exception):
    """A finalized record cannot be changed in place; a correction is an amendment."""

    message_zh = "该记录已定稿，不能直接修改；如需更正，请新建更正记录并说明理由。"


@dataclass
class Draft:
    """A record's answers by field key (repeat groups as lists of row dicts with their `_id`)."""

    form_id: str
    record_id: str
    values: dict[str, Any]
    state: str
    version: int
    context: FormContext
    number: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def final(self) -> bool:
        """Whether the record is finalized (read-only)."""
        return self.state != RecordState.DRAFT


@cache
def form(form_id: str) -> FormSpec:
    """The loaded definition of `form_id` (read once per process)."""
    return load_form(form_id)


def model_of(spec: FormSpec) -> type[SQLModel]:
    """The table class a form binds to."""
    return models()[spec.model]


def _annotation_types(cls: type[SQLModel], name: str) -> tuple[bool, set[type]]:
    annotation = cls.model_fields[name].annotation
    union = typing.get_origin(annotation) in (typing.Union, types.UnionType)
    args = typing.get_args(annotation) if union else (annotation,)
    nullable = type(None) in args
    kinds = {typing.get_origin(a) or a for a in args if a is not type(None)}
    return nullable, {k for k in kinds if isinstance(k, type)}


def _jsonable(value: Any) -> Any:
    """A value fit for a JSON column: dates as ISO text, Decimals as text, everything else as is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def _raw_text(value: Any) -> Any:
    try:
        json.dumps(value)
    except (TypeError, ValueError):
        return str(value)
    return value


class DraftService:
    """Reads and writes drafts of every form; the domain services build on it to finalize."""

    def __init__(self, engine: Engine, actor: Actor, clock: Clock) -> None:
        self.engine = engine
        self.actor = actor
        self.clock = clock
        self._params: ParameterSet | None = None
        self._calendar: WorkCalendar | None = None

    # ------------------------------------------------------------------ context
    def params(self) -> ParameterSet:
        """The effective-dated parameters of this workspace (read once)."""
        if self._params is None:
            from fieldvisit.domain.shared import Parameter

            with Session(self.engine) as session:
                self._params = ParameterSet(list(session.exec(select(Parameter)).all()))
        return self._params

    def calendar(self) -> WorkCalendar:
        """The working-day calendar shipped with the app."""
        if self._calendar is None:
            self._calendar = load_work_calendar()
        return self._calendar

    def context(self, session: Session, record: SQLModel) -> FormContext:
        """What computations need about this record: today, parameters, the linked child or case."""
        child = None
        case_no = ""
        child_id = getattr(record, "child_id", "")
        if child_id:
            child = session.get(ChildFile, child_id)
            if child is not None:
                session.expunge(child)
        case_id = getattr(record, "case_id", "")
        if case_id:
            case = session.get(GraveCase, case_id)
            case_no = case.case_no if case else ""
        return FormContext(
            today=today_local(self.clock), params=self.params(), calendar=self.calendar(), child=child, case_no=case_no
        )

    # ------------------------------------------------------------------ reading
    def load(self, form_id: str, record_id: str) -> Draft:
        """A record's answers in the shape `formspec.validate` and the editor use; raises LookupError."""
        spec = form(form_id)
        with Session(self.engine, expire_on_commit=False) as session:
            record = session.get(model_of(spec), record_id)
            if record is None:
                raise LookupError(f"{spec.model} {record_id} not found")
            values: dict[str, Any] = {}
            for section in spec.sections:
                owner = self._section_owner(session, spec, section.model, section.link, record, create=False)
                for f in section.fields:
                    values[f.key] = self._read(session, f, owner)
            extra = dict(getattr(record, "extra", {}) or {})
            _overlay(values, extra.get(RAW_KEY) or {})
            number_field = spec.print_hints.number_field
            number = str(values.get(number_field) or "") if number_field else ""
            return Draft(
                form_id=form_id,
                record_id=record_id,
                values=values,
                state=str(getattr(record, "state", RecordState.DRAFT)),
                version=int(getattr(record, "version", 1)),
                context=self.context(session, record),
                number=number,
                extra=extra,
            )

    def _section_owner(
        self, session: Session, spec: FormSpec, model: str, link: str, record: SQLModel, *, create: bool
    ) -> SQLModel | None:
        if not model:
            return record
        cls = models()[model]
        found = session.exec(
            select(cls).where(getattr(cls, link) == record.id, col(cls.deleted).is_(False))  # type: ignore[attr-defined]
        ).first()
        if found is None and create:
            found = cls(**{link: record.id})
        return found

    def _read(self, session: Session, f: FieldSpec, owner: SQLModel | None) -> Any:
        if owner is None:
            return [] if f.type in (FieldType.REPEAT, FieldType.PHOTO, FieldType.SIGNATURE) else None
        kind = f.binding.kind
        path = f.binding.path
        if f.type is FieldType.REPEAT:
            return self._read_rows(session, f, owner)
        if kind is BindingKind.ATTACHMENT:
            return self.attachment_ids(session, owner.id, f.key)  # type: ignore[attr-defined]
        if kind is BindingKind.COLUMN:
            return _copy(getattr(owner, path[0], None))
        if kind is BindingKind.NESTED:
            return _copy((getattr(owner, path[0], None) or {}).get(path[1]))
        if kind is BindingKind.EXTRA:
            return _copy((getattr(owner, "extra", None) or {}).get(path[1]))
        return None

    def attachment_ids(self, session: Session, owner_id: str, slot: str) -> list[str]:
        """Ids of the live attachments in one slot of a record, oldest first."""
        return list(
            session.exec(
                select(Attachment.id)
                .where(Attachment.owner_id == owner_id, Attachment.slot == slot, col(Attachment.deleted).is_(False))
                .order_by(Attachment.created_at, Attachment.id)
            ).all()
        )

    def _child_rows(self, session: Session, f: FieldSpec, owner: SQLModel) -> list[SQLModel]:
        cls = models()[f.repeat_model]
        query = select(cls).where(getattr(cls, f.link) == owner.id, col(cls.deleted).is_(False))  # type: ignore[attr-defined]
        for name, value in f.where:
            column = getattr(cls, name)
            query = query.where(col(column).in_(list(value)) if isinstance(value, tuple) else column == value)
        order = getattr(cls, "position", None) or cls.created_at
        return list(session.exec(query.order_by(order, cls.id)).all())  # type: ignore[attr-defined]

    def _read_rows(self, session: Session, f: FieldSpec, owner: SQLModel) -> list[Any]:
        if f.repeat_model == JSON_MODEL:
            stored = getattr(owner, f.key, None) or []
            if f.scalar:
                return [_copy(v) for v in stored]
            return [dict(row) if isinstance(row, Mapping) else {} for row in stored]
        rows = []
        for child in self._child_rows(session, f, owner):
            row: dict[str, Any] = {"_id": child.id}  # type: ignore[attr-defined]
            for sub in f.fields:
                row[sub.key] = self._read(session, sub, child)
            rows.append(row)
        return rows

    def attachment_owner(self, form_id: str, record_id: str, slot: str) -> tuple[str, str]:
        """(table, id) of the record a photo or signature slot belongs to: the form's record, or the record
        of the section holding the slot (created now if the section has none yet, e.g. a 送达回证)."""
        spec = form(form_id)
        section = next((s for s in spec.sections if any(f.key == slot for f in s.fields)), None)
        if section is None or not section.model:
            return spec.model, record_id
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            record = writer.session.get(model_of(spec), record_id)
            owner = self._section_owner(writer.session, spec, section.model, section.link, record, create=True)
            assert owner is not None
            if _is_new(owner):
                writer.save(owner)  # type: ignore[arg-type]
            return section.model, str(owner.id)  # type: ignore[attr-defined]

    # ------------------------------------------------------------------ checking
    def issues(self, draft: Draft, *, final: bool) -> list[Issue]:
        """Every problem of the draft's answers against its form (as the editor shows them)."""
        return validate(form(draft.form_id), draft.values, today=draft.context.today, final=final)

    # ------------------------------------------------------------------ writing
    def save(self, form_id: str, record_id: str, values: Mapping[str, Any]) -> int:
        """Write the answers (autosave); returns the record's version. Raises RecordLockedError once final."""
        spec = form(form_id)
        with write_changes(self.engine, self.actor, clock=self.clock) as writer:
            record = writer.session.get(model_of(spec), record_id)
            if record is None:
                raise LookupError(f"{spec.model} {record_id} not found")
            self.apply(writer, spec, record, values)
            return int(getattr(record, "version", 1))

    def apply(
        self, writer: ChangeWriter, spec: FormSpec, record: SQLModel, values: Mapping[str, Any], *, final: bool = False
    ) -> Computed:
        """Apply answers to `record` (and its rows) inside an open change transaction; returns the computations.

        With `final` (finalizing, after every rule passed) no answer is kept as typed any more: only blanks of
        optional answers could remain, and they stay blank.
        """
        if getattr(record, "state", RecordState.DRAFT) != RecordState.DRAFT:
            raise RecordLockedError(f"{spec.model} {getattr(record, 'id', '')} is {getattr(record, 'state', '')}")
        session = writer.session
        ctx = self.context(session, record)
        computed = compute(spec, values, ctx)
        raw: dict[str, Any] = {}
        touched: list[SQLModel] = []
        for section in spec.sections:
            owner = self._section_owner(session, spec, section.model, section.link, record, create=True)
            assert owner is not None
            before = _snapshot(owner)
            for f in section.fields:
                if f.type is FieldType.REPEAT:
                    self._write_rows(writer, f, owner, values.get(f.key), computed, raw, ctx.today)
                elif f.type is FieldType.COMPUTED:
                    if f.binding.kind is not BindingKind.UNSTORED and f.compute in _STORED_COMPUTATIONS:
                        self._store(owner, f, computed.top.get(f.key), raw, f.key, ctx.today, force=True)
                elif f.binding.kind not in (BindingKind.ATTACHMENT, BindingKind.UNSTORED) and not f.readonly:
                    self._store(owner, f, values.get(f.key), raw, f.key, ctx.today)
            if owner is not record and (_snapshot(owner) != before or _is_new(owner)):
                touched.append(owner)
        if isinstance(record, FormRecord):
            extra = dict(record.extra or {})
            if raw and not final:
                extra[RAW_KEY] = raw
            else:
                extra.pop(RAW_KEY, None)
            if extra != record.extra:
                record.extra = extra
        writer.save(record)  # type: ignore[arg-type]
        for owner in touched:
            writer.save(owner)  # type: ignore[arg-type]
        return computed

    def _store(
        self,
        owner: SQLModel,
        f: FieldSpec,
        value: Any,
        raw: dict[str, Any],
        path: str,
        today: date,
        *,
        force: bool = False,
    ) -> None:
        kind, names = f.binding.kind, f.binding.path
        cls = type(owner)
        column = names[0]
        if kind is BindingKind.EXTRA:
            stored: Any = None
            if not is_blank(value):
                typed, problems = check_value(f, value, today=today)
                if not force and any(p.severity == "error" for p in problems):
                    raw[path] = _raw_text(value)
                    return
                stored = _jsonable(typed)
            extra = dict(getattr(owner, "extra", None) or {})
            if stored is None:
                extra.pop(names[1], None)
            else:
                extra[names[1]] = stored
            if extra != getattr(owner, "extra", None):
                owner.extra = extra  # type: ignore[attr-defined]
            return
        if column not in cls.model_fields:
            return
        nullable, kinds = _annotation_types(cls, column)
        if is_blank(value):
            if kind is BindingKind.NESTED:
                self._set_nested(owner, names, None)
                return
            blank = _blank_for(nullable, kinds)
            if blank is _UNREPRESENTABLE:
                if not force:
                    raw[path] = ""
                return
            _set(owner, column, blank)
            return
        typed, problems = (value, []) if force else check_value(f, value, today=today)
        if any(p.severity == "error" for p in problems):
            raw[path] = _raw_text(value)
            return
        if kind is BindingKind.NESTED:
            self._set_nested(owner, names, _jsonable(typed))
            return
        converted = _convert(typed, kinds)
        if not force and not _exact(typed, converted):
            raw[path] = _raw_text(value)
            return
        _set(owner, column, converted)

    def _set_nested(self, owner: SQLModel, names: tuple[str, ...], value: Any) -> None:
        current = dict(getattr(owner, names[0], None) or {})
        if value is None:
            current.pop(names[1], None)
        else:
            current[names[1]] = value
        if current != getattr(owner, names[0], None):
            setattr(owner, names[0], current)

    def _write_rows(
        self,
        writer: ChangeWriter,
        f: FieldSpec,
        owner: SQLModel,
        value: Any,
        computed: Computed,
        raw: dict[str, Any],
        today: date,
    ) -> None:
        rows = [row for row in value] if isinstance(value, list | tuple) else []
        if f.repeat_model == JSON_MODEL:
            self._write_json_rows(f, owner, rows, raw, today)
            return
        cls = models()[f.repeat_model]
        existing = {child.id: child for child in self._child_rows(writer.session, f, owner)}  # type: ignore[attr-defined]
        seen: set[str] = set()
        computed_rows = computed.rows.get(f.key, [])
        defaults = {name: v for name, v in f.where if not isinstance(v, tuple)}
        for index, row in enumerate(rows):
            if not isinstance(row, Mapping):
                continue
            row_id = str(row.get("_id") or "")
            child = existing.get(row_id)
            is_new = child is None
            if child is None:
                fields = {**_inherited(cls, owner), f.link: owner.id, **defaults}  # type: ignore[attr-defined]
                if row_id:
                    fields["id"] = row_id
                child = cls(**fields)
            seen.add(child.id)  # type: ignore[attr-defined]
            before = _snapshot(child)
            if "position" in cls.model_fields and getattr(child, "position", None) != index + 1:
                child.position = index + 1  # type: ignore[attr-defined]
            row_computed = computed_rows[index] if index < len(computed_rows) else {}
            for sub in f.fields:
                path = f"{f.key}/{child.id}/{sub.key}"  # type: ignore[attr-defined]
                if sub.type is FieldType.COMPUTED:
                    if sub.binding.kind is not BindingKind.UNSTORED:
                        self._store(child, sub, row_computed.get(sub.key), raw, path, today, force=True)
                elif sub.binding.kind not in (BindingKind.ATTACHMENT, BindingKind.UNSTORED) and not sub.readonly:
                    self._store(child, sub, row.get(sub.key), raw, path, today)
            if is_new or _snapshot(child) != before:
                writer.save(child)  # type: ignore[arg-type]
        for row_id, child in existing.items():
            if row_id not in seen:
                writer.delete(child)  # type: ignore[arg-type]

    def _write_json_rows(
        self, f: FieldSpec, owner: SQLModel, rows: list[Any], raw: dict[str, Any], today: date
    ) -> None:
        stored: list[Any] = []
        for index, row in enumerate(rows):
            if f.scalar:
                sub = f.fields[0]
                value = row.get(sub.key) if isinstance(row, Mapping) else row
                typed, problems = check_value(sub, value, today=today) if not is_blank(value) else ("", [])
                if any(p.severity == "error" for p in problems):
                    raw[f"{f.key}/{index}/{sub.key}"] = _raw_text(value)
                    typed = ""
                stored.append(_jsonable(typed))
                continue
            clean: dict[str, Any] = {}
            source = row if isinstance(row, Mapping) else {}
            for sub in f.fields:
                value = source.get(sub.key)
                if is_blank(value):
                    continue
                typed, problems = check_value(sub, value, today=today)
                if any(p.severity == "error" for p in problems):
                    raw[f"{f.key}/{index}/{sub.key}"] = _raw_text(value)
                    continue
                clean[sub.key] = _jsonable(typed)
            stored.append(clean)
        if stored != getattr(owner, f.key, None):
            setattr(owner, f.key, stored)


# Computations whose result is written to the record (numbers are assigned by the services, never here).
_STORED_COMPUTATIONS = frozenset(
    {
        "household_size",
        "per_capita_monthly_income",
        "eligibility_suggestion",
        "calculation_trace",
        "sex_from_id",
        "birth_date_from_id",
        "suggested_risk_level",
        "next_visit_due",
        "notice_deadline",
    }
)
_UNREPRESENTABLE = object()


def _inherited(row_cls: type[SQLModel], owner: SQLModel) -> dict[str, Any]:
    """References a new row shares with its record (a referral made on a visit belongs to that visit's child)."""
    return {
        name: getattr(owner, name)
        for name in row_cls.model_fields
        if name.endswith("_id") and name != "id" and name in type(owner).model_fields and getattr(owner, name, None)
    }


def _blank_for(nullable: bool, kinds: set[type]) -> Any:
    if nullable:
        return None
    if str in kinds:
        return ""
    if list in kinds:
        return []
    if dict in kinds:
        return {}
    return _UNREPRESENTABLE


def _convert(value: Any, kinds: set[type]) -> Any:
    if isinstance(value, Decimal) and float in kinds:
        return float(value)
    if isinstance(value, float) and float in kinds:
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and float in kinds and int not in kinds:
        return float(value)
    if isinstance(value, list | tuple) and list in kinds:
        return list(value)
    if isinstance(value, datetime) and datetime not in kinds and date in kinds:
        return value.date()
    return value


def _exact(typed: Any, converted: Any) -> bool:
    """Whether storing `converted` keeps what was typed (a float column cannot hold every decimal)."""
    if isinstance(typed, Decimal) and isinstance(converted, float):
        return Decimal(repr(converted)) == typed
    return True


def _set(owner: SQLModel, name: str, value: Any) -> None:
    if getattr(owner, name, None) != value:
        setattr(owner, name, value)


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def _snapshot(record: SQLModel) -> dict[str, Any]:
    return {name: _copy(getattr(record, name, None)) for name in type(record).model_fields}


def _is_new(record: SQLModel) -> bool:
    from sqlalchemy import inspect

    state = inspect(record)
    return bool(state.transient or state.pending)


def _overlay(values: dict[str, Any], raw: Mapping[str, Any]) -> None:
    """Put answers kept as typed back over the stored ones (rows found by id, or by index for JSON rows)."""
    for path, typed_text in raw.items():
        parts = str(path).split("/")
        if len(parts) == 1:
            values[parts[0]] = typed_text
            continue
        if len(parts) != 3:
            continue
        key, row_ref, sub = parts
        rows = values.get(key)
        if not isinstance(rows, list):
            continue
        for index, row in enumerate(rows):
            if isinstance(row, dict) and (row.get("_id") == row_ref or (not row.get("_id") and str(index) == row_ref)):
                row[sub] = typed_text
                break
            if not isinstance(row, dict) and str(index) == row_ref:
                rows[index] = typed_text
                break
