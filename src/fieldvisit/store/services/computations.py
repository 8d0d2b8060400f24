"""The computations named by form definitions, run over a draft's answers with the domain rules.

formspec only knows their names and result types (registry.COMPUTATIONS); here each one gets its meaning:
the means test, ID-number facts, the risk suggestion, the next visit date, a notice deadline.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from fieldvisit.domain.child_rules import RiskSuggestion, suggest_risk_level, visit_interval
from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.means_test import MeansTestResult, run_means_test
from fieldvisit.domain.parameters import ParameterSet
from fieldvisit.domain.resident_id import age_on, parse_id_number
from fieldvisit.domain.working_days import WorkCalendar, next_working_day
from fieldvisit.formspec import FieldSpec, FieldType, FormSpec, is_blank
from fieldvisit.formspec.values import check_value

_CST = timezone(timedelta(hours=8))
_ASSET_REPEATS = ("financial_assets", "vehicles", "properties", "businesses")
_NUMBERS = frozenset({"survey_number", "child_file_number", "patrol_number", "grave_case_number", "notice_number"})


@dataclass(frozen=True)
class FormContext:
    """What computations need besides the answers: the day, the parameters, the linked child or case."""

    today: date
    params: ParameterSet
    calendar: WorkCalendar | None = None
    child: ChildFile | None = None
    case_no: str = ""
    locality: str = "330282"


@dataclass
class Computed:
    """Computed answers: top-level by key, repeat rows by repeat key then row index, plus rule results."""

    top: dict[str, Any] = field(default_factory=dict)
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    means_test: MeansTestResult | None = None
    error: str = ""
    risk: RiskSuggestion | None = None


@dataclass(frozen=True)
class _Member:
    position: int
    id_number: str
    co_resident: bool
    birth_date: date | None
    disability_type: str
    disability_level: int | None
    labor_capacity: str


@dataclass(frozen=True)
class _Money:
    category: str = ""
    kind: str = ""
    amount_12m_fen: int = 0
    value_fen: int = 0
    countable: bool = True
    member_id_number: str = ""


@dataclass(frozen=True)
class _Findings:
    safety: Sequence[str]
    guardianship_rating: str
    psych: Sequence[str]
    parent_last_met_months: int | None
    school: str


def typed(spec: FieldSpec, value: Any, today: date) -> Any:
    """The answer as its type (text parsed), or None when blank or unusable."""
    if is_blank(value):
        return None
    result, problems = check_value(spec, value, today=today)
    if any(p.severity == "error" for p in problems):
        return None
    return result


def _day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.astimezone(_CST).date() if value.tzinfo else value.date()
    return value if isinstance(value, date) else None


def _rows(spec: FormSpec, values: Mapping[str, Any], key: str, today: date) -> list[dict[str, Any]]:
    if key not in spec.fields_by_key:
        return []
    group = spec.field(key)
    raw = values.get(key) or []
    rows = []
    for row in raw if isinstance(raw, list | tuple) else []:
        if isinstance(row, Mapping):
            rows.append({sub.key: typed(sub, row.get(sub.key), today) for sub in group.fields})
    return rows


def _top(spec: FormSpec, values: Mapping[str, Any], key: str, today: date) -> Any:
    if key not in spec.fields_by_key:
        return None
    return typed(spec.field(key), values.get(key), today)


def _valid_id(value: Any, today: date) -> str:
    if not isinstance(value, str):
        return ""
    check = parse_id_number(value, today=today)
    return check.normalized if check.valid else ""


def run_household_means_test(spec: FormSpec, values: Mapping[str, Any], ctx: FormContext) -> MeansTestResult:
    """The means test over a household draft's typed answers; raises ValueError or a parameter error."""
    today = ctx.today
    members = []
    for position, row in enumerate(_rows(spec, values, "members", today), start=1):
        id_number = _valid_id(row.get("id_number"), today)
        birth = parse_id_number(id_number, today=today).birth_date if id_number else None
        members.append(
            _Member(
                position,
                id_number,
                row.get("co_resident") is not False,
                birth,
                str(row.get("disability_type") or ""),
                row.get("disability_level") if isinstance(row.get("disability_level"), int) else None,
                str(row.get("labor_capacity") or ""),
            )
        )
    incomes = [
        _Money(
            category=str(row.get("category") or "OTHER"),
            amount_12m_fen=row.get("amount_12m_fen") or 0,
            countable=row.get("countable") is not False,
            member_id_number=_valid_id(row.get("member_id_number"), today),
        )
        for row in _rows(spec, values, "income_items", today)
        if row.get("category")
    ]
    expenses = [
        _Money(kind=str(row["kind"]), amount_12m_fen=row.get("amount_12m_fen") or 0)
        for row in _rows(spec, values, "rigid_expenses", today)
        if row.get("kind")
    ]
    assets = []
    for key in _ASSET_REPEATS:
        if key not in spec.fields_by_key:
            continue
        fixed = dict(spec.field(key).where).get("kind")
        for row in _rows(spec, values, key, today):
            kind = row.get("kind") or (fixed if isinstance(fixed, str) else "")
            if kind:
                assets.append(_Money(kind=str(kind), value_fen=row.get("value_fen") or 0))
    survey_at = _top(spec, values, "survey_at", today)
    survey_day = _day(survey_at) or today
    return run_means_test(
        members, incomes, expenses, assets, survey_date=survey_day, params=ctx.params, locality=ctx.locality
    )


def visit_risk(spec: FormSpec, values: Mapping[str, Any], ctx: FormContext) -> RiskSuggestion:
    """The risk colour the domain suggests for a visit draft's findings."""
    today = ctx.today
    visit_day = _day(_top(spec, values, "visit_at", today)) or today
    findings = _Findings(
        safety=list(_top(spec, values, "safety", today) or []),
        guardianship_rating=str(_top(spec, values, "guardianship_rating", today) or ""),
        psych=list(_top(spec, values, "psych", today) or []),
        parent_last_met_months=_top(spec, values, "parent_last_met_months", today),
        school=str(_top(spec, values, "school", today) or ""),
    )
    return suggest_risk_level(findings, ctx.params, visit_day, ctx.locality)


def next_visit_date(risk_level: str, visit_day: date | None, child: ChildFile | None, ctx: FormContext) -> date | None:
    """The visit date plus the shortest interval for the risk level, the child's category and flags."""
    if visit_day is None or child is None or not risk_level:
        return None
    interval = visit_interval(risk_level, child.primary_category, child.flags, ctx.params, visit_day, ctx.locality)
    return visit_day + timedelta(days=interval.days)


def compute(spec: FormSpec, values: Mapping[str, Any], ctx: FormContext) -> Computed:
    """Every computed field of `spec` over `values`; a computation that cannot run gives None, never raises."""
    result = Computed()
    names = {f.compute for s in spec.sections for f in s.fields if f.type is FieldType.COMPUTED}
    names |= {sub.compute for s in spec.sections for f in s.fields for sub in f.fields if sub.compute}
    means_names = {
        "per_capita_monthly_income",
        "minimum_living_standard",
        "near_minimum_living_threshold",
        "eligibility_suggestion",
        "calculation_trace",
        "member_monthly_income",
    }
    if names & means_names:
        try:
            result.means_test = run_household_means_test(spec, values, ctx)
        except (ValueError, TypeError, ArithmeticError, LookupError) as exc:
            result.error = str(exc)
    if "suggested_risk_level" in names or "next_visit_due" in names:
        try:
            result.risk = visit_risk(spec, values, ctx)
        except (ValueError, TypeError, LookupError) as exc:
            result.error = str(exc)
    for section in spec.sections:
        for f in section.fields:
            if f.type is FieldType.COMPUTED:
                result.top[f.key] = _safe(lambda f=f: _one(f, spec, values, None, ctx, result))
            elif f.type is FieldType.REPEAT and any(sub.type is FieldType.COMPUTED for sub in f.fields):
                rows = []
                for row in values.get(f.key) or []:
                    row_map = row if isinstance(row, Mapping) else {}
                    rows.append(
                        {
                            sub.key: _safe(
                                lambda sub=sub, row_map=row_map: _one(sub, spec, values, row_map, ctx, result)
                            )
                            for sub in f.fields
                            if sub.type is FieldType.COMPUTED
                        }
                    )
                result.rows[f.key] = rows
    return result


def _safe(fn: Any) -> Any:
    try:
        return fn()
    except (ValueError, TypeError, LookupError, ArithmeticError):
        return None


def _arg(name: str, spec: FormSpec, values: Mapping[str, Any], row: Mapping[str, Any] | None, today: date) -> Any:
    if row is not None and name in row:
        return row.get(name)
    if name in spec.fields_by_key:
        return values.get(name)
    return None


def _one(
    f: FieldSpec,
    spec: FormSpec,
    values: Mapping[str, Any],
    row: Mapping[str, Any] | None,
    ctx: FormContext,
    result: Computed,
) -> Any:
    today = ctx.today
    name = f.compute
    means = result.means_test
    if name in _NUMBERS:
        return values.get(f.key)
    if name == "household_size":
        return sum(1 for r in _rows(spec, values, "members", today) if r.get("co_resident") is not False)
    if name == "per_capita_monthly_income":
        return means.per_capita_monthly_income_fen if means else None
    if name == "minimum_living_standard":
        return means.minimum_living_standard_fen if means else None
    if name == "near_minimum_living_threshold":
        return means.near_limit_fen if means else None
    if name == "eligibility_suggestion":
        return means.suggestion.value if means and means.suggestion else None
    if name == "calculation_trace":
        return "\n".join(line.display() for line in means.trace) if means else result.error or None
    if name == "rigid_expense_total":
        return sum(r.get("amount_12m_fen") or 0 for r in _rows(spec, values, "rigid_expenses", today))
    if name == "member_monthly_income":
        id_number = _valid_id(_arg(f.args[0], spec, values, row, today), today)
        if not id_number:
            return None
        own = sum(
            r.get("amount_12m_fen") or 0
            for r in _rows(spec, values, "income_items", today)
            if r.get("countable") is not False and _valid_id(r.get("member_id_number"), today) == id_number
        )
        return round(Decimal(own) / 12)
    if name in ("age_from_id", "sex_from_id", "birth_date_from_id"):
        id_number = _valid_id(_arg(f.args[0], spec, values, row, today), today)
        if not id_number:
            return None
        check = parse_id_number(id_number, today=today)
        if name == "sex_from_id":
            return check.sex.value if check.sex else None
        if name == "birth_date_from_id":
            return check.birth_date
        on = today
        if len(f.args) > 1:
            on_value = _arg(f.args[1], spec, values, None, today)
            on_field = spec.fields_by_key.get(f.args[1])
            on = _day(typed(on_field, on_value, today) if on_field else on_value) or today
        return age_on(check.birth_date, on) if check.birth_date and check.birth_date <= on else None
    if name == "suggested_risk_level":
        return result.risk.level.value if result.risk else None
    if name == "next_visit_due":
        chosen = _top(spec, values, "risk_level", today) or (result.risk.level.value if result.risk else "")
        visit_day = _day(_top(spec, values, "visit_at", today))
        return next_visit_date(str(chosen), visit_day, ctx.child, ctx)
    if name == "linked_child_name":
        return ctx.child.name if ctx.child else None
    if name == "linked_case_no":
        return ctx.case_no or None
    if name == "notice_deadline":
        issued = _top(spec, values, "issued_on", today)
        days = _top(spec, values, "deadline_days", today)
        if not isinstance(issued, date) or not isinstance(days, int) or days < 0 or days > 3650:
            return None
        deadline = issued + timedelta(days=days)
        return next_working_day(deadline, ctx.calendar) if ctx.calendar is not None else deadline
    return None
