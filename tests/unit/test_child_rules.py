from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldvisit.domain.child_rules import (
    ageing_out,
    category_end_age,
    first_visit_due,
    is_overdue,
    mandatory_report_triggers,
    next_visit_due,
    overdue_days,
    suggest_risk_level,
    visit_interval,
)
from fieldvisit.domain.children import (
    ChildCategory,
    ChildFlag,
    ClosureReason,
    RiskLevel,
    SafetyFinding,
)
from fieldvisit.domain.parameters import ParameterSet, default_parameter_set, load_default_parameters
from fieldvisit.domain.working_days import WorkCalendar, load_work_calendar

PARAMS = default_parameter_set()
TODAY = date(2026, 3, 15)


@dataclass(frozen=True)
class Child:
    birth_date: date | None
    primary_category: str = ChildCategory.ORPHAN


@dataclass(frozen=True)
class Findings:
    safety: Sequence[str] = field(default_factory=list)
    guardianship_rating: str = ""
    psych: Sequence[str] = field(default_factory=list)
    parent_last_met_months: int | None = None
    school: str = ""


@dataclass(frozen=True)
class Row:
    key: str
    value: str
    locality: str = "330282"
    effective_from: date = date(2026, 1, 1)
    effective_to: date | None = None


def test_end_ages_come_from_parameters() -> None:
    assert category_end_age(ChildCategory.LEFT_BEHIND, PARAMS, TODAY) == 16
    for category in (ChildCategory.ORPHAN, ChildCategory.DE_FACTO_UNSUPPORTED, ChildCategory.IN_DIFFICULTY):
        assert category_end_age(category, PARAMS, TODAY) == 18
    changed = ParameterSet([*load_default_parameters(), Row("child_end_age_left_behind", "17")])
    assert category_end_age("LEFT_BEHIND", changed, TODAY) == 17


def test_ageing_out_outside_the_warning_window_is_none() -> None:
    assert ageing_out(Child(date(2008, 6, 15)), date(2026, 3, 16), PARAMS) is None
    assert ageing_out(Child(None), TODAY, PARAMS) is None


def test_ageing_out_warns_90_days_ahead_with_the_birthday_month() -> None:
    warning = ageing_out(Child(date(2008, 6, 15)), date(2026, 3, 17), PARAMS)
    assert warning is not None
    assert warning.days_left == 90
    assert not warning.reached
    assert warning.end_age == 18
    assert warning.end_date == date(2026, 6, 15)
    assert warning.closing_month == date(2026, 6, 1)
    assert warning.closure_reason == ClosureReason.AGE_18
    assert "2026年6月" in warning.message


def test_ageing_out_reached_on_the_birthday() -> None:
    reached = ageing_out(Child(date(2008, 6, 15)), date(2026, 6, 15), PARAMS)
    assert reached is not None and reached.reached and reached.days_left == 0
    before = ageing_out(Child(date(2008, 6, 15)), date(2026, 6, 14), PARAMS)
    assert before is not None and not before.reached


def test_left_behind_ages_out_at_16() -> None:
    warning = ageing_out(Child(date(2010, 5, 20), ChildCategory.LEFT_BEHIND), TODAY, PARAMS)
    assert warning is not None
    assert warning.end_date == date(2026, 5, 20)
    assert warning.closure_reason == ClosureReason.AGE_16_LEFT_BEHIND


def test_leap_day_child_ages_out_on_1_march() -> None:
    warning = ageing_out(Child(date(2008, 2, 29)), TODAY, PARAMS)
    assert warning is not None
    assert warning.end_date == date(2026, 3, 1)
    assert warning.reached
    assert warning.closing_month == date(2026, 3, 1)


def test_mandatory_report_triggers_are_the_first_four_findings() -> None:
    everything = [finding.value for finding in SafetyFinding]
    assert mandatory_report_triggers(everything) == [
        SafetyFinding.ALONE_UNCARED,
        SafetyFinding.MISSING,
        SafetyFinding.SUSPECTED_DOMESTIC_VIOLENCE,
        SafetyFinding.SUSPECTED_INJURY,
    ]
    assert mandatory_report_triggers(["NONE", "HAZARD", "OTHER"]) == []
    assert mandatory_report_triggers(["SUSPECTED_INJURY", "MISSING", "MISSING"]) == [
        SafetyFinding.MISSING,
        SafetyFinding.SUSPECTED_INJURY,
    ]
    with pytest.raises(ValueError):
        mandatory_report_triggers(["疑似家暴"])


def _level(**kwargs: object) -> RiskLevel:
    return suggest_risk_level(Findings(**kwargs), PARAMS, TODAY).level  # type: ignore[arg-type]


def test_no_findings_is_green() -> None:
    suggestion = suggest_risk_level(Findings(safety=["NONE"], psych=["NORMAL"]), PARAMS, TODAY)
    assert suggestion.level == RiskLevel.GREEN
    assert suggestion.mandatory_report == ()


@pytest.mark.parametrize("finding", ["ALONE_UNCARED", "MISSING", "SUSPECTED_DOMESTIC_VIOLENCE", "SUSPECTED_INJURY"])
def test_any_mandatory_trigger_is_red(finding: str) -> None:
    suggestion = suggest_risk_level(Findings(safety=[finding]), PARAMS, TODAY)
    assert suggestion.level == RiskLevel.RED
    assert suggestion.mandatory_report == (SafetyFinding(finding),)
    assert "强制报告" in suggestion.reasons[0]


def test_guardianship_rating() -> None:
    assert _level(guardianship_rating="POOR") == RiskLevel.RED
    assert _level(guardianship_rating="FAIR") == RiskLevel.BLUE
    assert _level(guardianship_rating="GOOD") == RiskLevel.GREEN


@pytest.mark.parametrize(
    ("psych", "level"),
    [
        ([], RiskLevel.GREEN),
        (["NORMAL"], RiskLevel.GREEN),
        (["LOW_MOOD"], RiskLevel.YELLOW),
        (["LOW_MOOD", "LOW_MOOD", "NORMAL"], RiskLevel.YELLOW),
        (["LOW_MOOD", "BEHAVIOUR"], RiskLevel.YELLOW),
        (["LOW_MOOD", "BEHAVIOUR", "INTERNET_ADDICTION"], RiskLevel.RED),
    ],
)
def test_psych_sign_count(psych: list[str], level: RiskLevel) -> None:
    assert _level(psych=psych) == level


@pytest.mark.parametrize(
    ("months", "level"),
    [(None, RiskLevel.GREEN), (5, RiskLevel.GREEN), (6, RiskLevel.YELLOW), (12, RiskLevel.YELLOW), (13, RiskLevel.RED)],
)
def test_parent_absence(months: int | None, level: RiskLevel) -> None:
    assert _level(parent_last_met_months=months) == level


def test_dropout_is_at_least_yellow() -> None:
    assert _level(school="DROPPED_OUT") == RiskLevel.YELLOW
    assert _level(school="DROPPED_OUT", guardianship_rating="POOR") == RiskLevel.RED
    assert _level(school="DROPOUT_RISK") == RiskLevel.BLUE
    assert _level(school="NORMAL") == RiskLevel.GREEN


def test_reasons_are_listed_most_serious_first() -> None:
    suggestion = suggest_risk_level(
        Findings(guardianship_rating="FAIR", school="DROPPED_OUT", safety=["MISSING"]), PARAMS, TODAY
    )
    assert suggestion.level == RiskLevel.RED
    assert len(suggestion.reasons) == 3
    assert "失踪" in suggestion.reasons[0]
    assert "辍学" in suggestion.reasons[1]
    assert "一般" in suggestion.reasons[2]


def test_thresholds_are_parameters() -> None:
    stricter = ParameterSet([*load_default_parameters(), Row("child_psych_red_min_signs", "2")])
    findings = Findings(psych=["LOW_MOOD", "BEHAVIOUR"])
    assert suggest_risk_level(findings, stricter, TODAY).level == RiskLevel.RED
    assert suggest_risk_level(findings, PARAMS, TODAY).level == RiskLevel.YELLOW


@pytest.mark.parametrize(
    ("risk", "category", "flags", "days"),
    [
        (RiskLevel.GREEN, ChildCategory.LEFT_BEHIND, [], 90),
        (RiskLevel.GREEN, ChildCategory.ORPHAN, [], 30),
        (RiskLevel.RED, ChildCategory.ORPHAN, [], 7),
        (RiskLevel.YELLOW, ChildCategory.IN_DIFFICULTY, [], 30),
        (RiskLevel.BLUE, ChildCategory.IN_DIFFICULTY, [], 90),
        (RiskLevel.BLUE, ChildCategory.IN_DIFFICULTY, [ChildFlag.SERIOUS_ILLNESS], 30),
        (RiskLevel.GREEN, ChildCategory.DE_FACTO_UNSUPPORTED, [ChildFlag.MIGRANT], 30),
    ],
)
def test_visit_interval_is_the_shortest(
    risk: RiskLevel, category: ChildCategory, flags: list[ChildFlag], days: int
) -> None:
    last = date(2026, 1, 10)
    assert visit_interval(risk, category, flags, PARAMS, TODAY).days == days
    assert next_visit_due(last, risk, category, flags, PARAMS, TODAY) == last + timedelta(days=days)


def test_interval_basis_names_the_deciding_rule() -> None:
    assert "孤儿" in visit_interval("GREEN", "ORPHAN", [], PARAMS, TODAY).basis
    assert "红" in visit_interval("RED", "ORPHAN", [], PARAMS, TODAY).basis


def test_first_visit_within_five_working_days() -> None:
    assert first_visit_due(date(2025, 3, 3), WorkCalendar(), PARAMS) == date(2025, 3, 10)
    # Listed Fri 26 Sep 2025: Sun 28 (调休上班), Mon 29, Tue 30, holiday 1–8 Oct, Thu 9, Fri 10.
    assert first_visit_due(date(2025, 9, 26), load_work_calendar(), PARAMS) == date(2025, 10, 10)


def test_overdue() -> None:
    due = date(2026, 3, 10)
    assert not is_overdue(due, due)
    assert is_overdue(due, due + timedelta(days=1))
    assert overdue_days(due, due) == 0
    assert overdue_days(due, date(2026, 3, 1)) == 0
    assert overdue_days(due, date(2026, 3, 13)) == 3


@given(
    last=st.dates(min_value=date(2021, 1, 1), max_value=date(2030, 12, 31)),
    risk=st.sampled_from(list(RiskLevel)),
    category=st.sampled_from(list(ChildCategory)),
    flags=st.lists(st.sampled_from(list(ChildFlag)), max_size=4),
)
def test_next_due_is_never_later_than_any_single_interval(
    last: date, risk: RiskLevel, category: ChildCategory, flags: list[ChildFlag]
) -> None:
    due = next_visit_due(last, risk, category, flags, PARAMS, TODAY)
    assert due > last
    assert due <= last + timedelta(days=PARAMS.days(f"child_visit_interval_{risk.value.lower()}_days", TODAY))
    own = PARAMS.optional_days(f"child_visit_interval_{category.value.lower()}_days", TODAY)
    if own is not None:
        assert due <= last + timedelta(days=own)
    if ChildFlag.SERIOUS_ILLNESS in flags or ChildFlag.DISABLED in flags:
        assert due <= last + timedelta(days=30)
