"""Runs a form's rules against a record's answers: type checks, relevance, required, constraints and checks."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from fieldvisit.domain.types import today_local
from fieldvisit.formspec.expr import UNKNOWN, Env, Expr, evaluate, is_blank, truth
from fieldvisit.formspec.row_choices import is_dangling
from fieldvisit.formspec.spec import FieldSpec, FieldType, FormSpec, Section, Severity
from fieldvisit.formspec.values import Problem, check_value


@dataclass(frozen=True)
class Issue:
    """One problem found in a record: where (field, and row and column inside a repeat group) and what."""

    field_key: str
    row_index: int | None
    severity: Severity
    message_zh: str
    message: str
    row_field: str | None = None


@dataclass
class _Row:
    raw: Mapping[str, Any]
    typed: dict[str, Any]
    problems: dict[str, list[Problem]]


@dataclass
class _Answers:
    """The record's answers as rules see them, plus the type problems found while reading them."""

    typed: dict[str, Any]
    problems: dict[str, list[Problem]]
    rows: dict[str, list[_Row | None]]


def field_order(spec: FormSpec) -> list[FieldSpec]:
    """The top-level fields in paper order (Tab order and print order); repeat columns sit in `.fields`."""
    return [f for section in spec.sections for f in section.fields]


def _read_rows(spec: FieldSpec, value: Any, today: date) -> list[_Row | None]:
    if not isinstance(value, list | tuple):
        return []
    rows: list[_Row | None] = []
    for raw in value:
        if spec.scalar and spec.fields:
            raw = {spec.fields[0].key: raw}
        if not isinstance(raw, Mapping):
            rows.append(None)
            continue
        row = _Row(raw, {}, {})
        for sub in spec.fields:
            row.typed[sub.key], row.problems[sub.key] = check_value(sub, raw.get(sub.key), today=today)
        rows.append(row)
    return rows


def _read(spec: FormSpec, values: Mapping[str, Any], today: date) -> _Answers:
    answers = _Answers({}, {}, {})
    for f in field_order(spec):
        raw = values.get(f.key)
        if f.type is FieldType.REPEAT:
            rows = _read_rows(f, raw, today)
            answers.rows[f.key] = rows
            is_list = isinstance(raw, list | tuple)
            answers.typed[f.key] = [row.typed for row in rows if row is not None] if is_list else None
            if raw is not None and not is_list:
                answers.problems[f.key] = [
                    Problem(f"{f.label_zh}的表格数据不正确", f"{f.label} must be a list of rows")
                ]
            continue
        answers.typed[f.key], answers.problems[f.key] = check_value(f, raw, today=today)
    return answers


def _holds(expr: Expr | None, env: Env, *, unknown: bool) -> bool:
    if expr is None:
        return True
    result = truth(evaluate(expr, env))
    return unknown if result is UNKNOWN else bool(result)


def _is_relevant(f: FieldSpec, env: Env) -> bool:
    return _holds(f.relevant, env, unknown=False)


def _is_required(f: FieldSpec, env: Env) -> bool:
    if isinstance(f.required, bool):
        return f.required
    return _holds(f.required, env, unknown=False)


def _section_relevant(section: Section, env: Env) -> bool:
    return _holds(section.relevant, env, unknown=False)


def relevant_fields(spec: FormSpec, values: Mapping[str, Any], *, today: date | None = None) -> list[str]:
    """Keys of the top-level fields that apply to these answers, in paper order (the rest are hidden)."""
    day = today or today_local()
    env = Env(_read(spec, values, day).typed, day)
    return [
        f.key
        for section in spec.sections
        if _section_relevant(section, env)
        for f in section.fields
        if _is_relevant(f, env)
    ]


def relevant_row_fields(
    spec: FormSpec, repeat_key: str, values: Mapping[str, Any], row_index: int, *, today: date | None = None
) -> list[str]:
    """Keys of the columns of one repeat row that apply to it (others are hidden in that row)."""
    day = today or today_local()
    answers = _read(spec, values, day)
    rows = answers.rows.get(repeat_key, [])
    row = rows[row_index] if 0 <= row_index < len(rows) else None
    env = Env(answers.typed, day, row.typed if row is not None else {})
    return [sub.key for sub in spec.field(repeat_key).fields if _is_relevant(sub, env)]


def validate(spec: FormSpec, values: Mapping[str, Any], *, today: date, final: bool) -> list[Issue]:
    """Every problem of a record against its form, in paper order. Never raises on bad answers.

    `values` maps field keys to answers; a repeat group maps to a list of row mappings (a `scalar` group
    to a list of plain values). Hidden fields (not relevant) are not checked. Missing required answers
    are reported only when `final` (drafts may be incomplete); type and constraint problems always are.
    """
    answers = _read(spec, values, today)
    env = Env(answers.typed, today)
    issues: list[Issue] = []
    hidden: set[str] = set()
    for section in spec.sections:
        section_shown = _section_relevant(section, env)
        for f in section.fields:
            if not section_shown or not _is_relevant(f, env):
                hidden.add(f.key)
                continue
            issues += _field_issues(f, values.get(f.key), answers, env, final)
            issues += _dangling_issues(spec, f, values, final)
    for rule in spec.checks:
        if rule.field_key in hidden or (rule.final_only and not final):
            continue
        if not _holds(rule.expr, env, unknown=True):
            issues.append(Issue(rule.field_key, None, rule.severity, rule.message_zh, rule.message))
    return issues


def _dangling_issues(spec: FormSpec, f: FieldSpec, values: Mapping[str, Any], final: bool) -> list[Issue]:
    """Answers that name a row of another group no longer there: kept as they are, flagged (blocking finalize)."""
    places: list[tuple[FieldSpec, int | None, Any]] = [(f, None, values.get(f.key))]
    if f.type is FieldType.REPEAT:
        rows = values.get(f.key)
        listed = list(rows) if isinstance(rows, list | tuple) and not f.scalar else []
        places = [
            (sub, index, row.get(sub.key))
            for index, row in enumerate(listed)
            if isinstance(row, Mapping)
            for sub in f.fields
            if sub.choices_from
        ]
    issues = []
    for sub, index, value in places:
        if is_dangling(sub, value, values):
            group = spec.field(sub.choices_from)
            key, column = (f.key, sub.key) if index is not None else (sub.key, None)
            message = f"The chosen {group.label} row was removed or changed (the value is kept); choose again"
            severity: Severity = "error" if final else "warning"
            zh = f"所选{group.label_zh}已删除或已更改（原值已保留），请重新选择"
            issues.append(Issue(key, index, severity, zh, message, column))
    return issues


def _problem_issues(
    key: str, problems: list[Problem], row: int | None = None, column: str | None = None
) -> list[Issue]:
    return [Issue(key, row, p.severity, p.message_zh, p.message, column) for p in problems]


def _field_issues(f: FieldSpec, raw: Any, answers: _Answers, env: Env, final: bool) -> list[Issue]:
    issues = _problem_issues(f.key, answers.problems.get(f.key, []))
    if f.type is FieldType.REPEAT:
        return issues + _repeat_issues(f, raw, answers, env, final)
    if f.type is FieldType.COMPUTED:
        return issues
    if is_blank(raw):
        if final and _is_required(f, env):
            issues.append(_required_issue(f))
        return issues
    if not issues and not _holds(f.constraint, env, unknown=True):
        issues.append(Issue(f.key, None, f.severity, f.message_zh, f.message or f.message_zh))
    return issues


def _required_issue(f: FieldSpec, row: int | None = None, parent: str | None = None) -> Issue:
    verb = "添加" if f.type.is_attachment else "填写"
    key, column = (parent, f.key) if parent else (f.key, None)
    return Issue(key, row, "error", f"请{verb}{f.label_zh}", f"{f.label} is required", column)


def _repeat_issues(f: FieldSpec, raw: Any, answers: _Answers, env: Env, final: bool) -> list[Issue]:
    rows = answers.rows.get(f.key, [])
    issues: list[Issue] = []
    if not rows:
        if final and (_is_required(f, env) or f.min_rows > 0):
            issues.append(Issue(f.key, None, "error", f"请至少填写一行{f.label_zh}", f"{f.label} needs a row"))
        return issues
    if final and len(rows) < f.min_rows:
        issues.append(
            Issue(f.key, None, "error", f"{f.label_zh}至少需要{f.min_rows}行", f"{f.label} needs {f.min_rows} rows")
        )
    if f.max_rows is not None and len(rows) > f.max_rows:
        issues.append(
            Issue(f.key, None, "error", f"{f.label_zh}最多{f.max_rows}行", f"{f.label} takes {f.max_rows} rows")
        )
    for index, row in enumerate(rows):
        if row is None:
            issues.append(Issue(f.key, index, "error", f"{f.label_zh}第{index + 1}行数据格式不正确", "Bad row"))
            continue
        row_env = Env(env.values, env.today, row.typed)
        for sub in f.fields:
            if not _is_relevant(sub, row_env):
                continue
            issues += _row_field_issues(f, sub, index, row, row_env, final)
    if not _holds(f.constraint, env, unknown=True):
        issues.append(Issue(f.key, None, f.severity, f.message_zh, f.message or f.message_zh))
    return issues


def _row_field_issues(f: FieldSpec, sub: FieldSpec, index: int, row: _Row, env: Env, final: bool) -> list[Issue]:
    issues = _problem_issues(f.key, row.problems.get(sub.key, []), index, sub.key)
    if sub.type is FieldType.COMPUTED:
        return issues
    if is_blank(row.raw.get(sub.key)):
        if final and _is_required(sub, env):
            issues.append(_required_issue(sub, index, f.key))
        return issues
    if not issues and not _holds(sub.constraint, env, unknown=True):
        issues.append(Issue(f.key, index, sub.severity, sub.message_zh, sub.message or sub.message_zh, sub.key))
    return issues
