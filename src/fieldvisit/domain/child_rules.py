"""Child-protection rules: end ages and ageing out, mandatory reports, risk suggestion and the visit schedule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from fieldvisit.domain.children import (
    ChildCategory,
    ChildFlag,
    ClosureReason,
    GuardianshipRating,
    PsychSign,
    RiskLevel,
    SafetyFinding,
    SchoolStatus,
)
from fieldvisit.domain.parameters import DEFAULT_LOCALITY, ParameterSet
from fieldvisit.domain.resident_id import date_of_age
from fieldvisit.domain.working_days import WorkCalendar, add_working_days

# The first four 安全状况 findings of REFERENCE §2.4 oblige staff to report at once (未保法 第11条; 国发〔2016〕13号).
MANDATORY_REPORT_FINDINGS: frozenset[SafetyFinding] = frozenset(
    {
        SafetyFinding.ALONE_UNCARED,
        SafetyFinding.MISSING,
        SafetyFinding.SUSPECTED_DOMESTIC_VIOLENCE,
        SafetyFinding.SUSPECTED_INJURY,
    }
)

# Flags that carry a visit interval of their own (parameter keys); 重病重残 covers both illness and disability.
_FLAG_INTERVAL_KEYS: dict[ChildFlag, str] = {
    ChildFlag.SERIOUS_ILLNESS: "child_visit_interval_serious_illness_disability_days",
    ChildFlag.DISABLED: "child_visit_interval_serious_illness_disability_days",
    ChildFlag.RETURNED_RUNAWAY: "child_visit_interval_returned_runaway_days",
}


class ChildLike(Protocol):
    """What the ageing-out rule reads from a child (a `ChildFile` row fits)."""

    @property
    def birth_date(self) -> date | None: ...

    @property
    def primary_category(self) -> str: ...


class VisitFindingsLike(Protocol):
    """What the risk rule reads from a visit (a `ChildVisit` row fits); enum fields hold member values."""

    @property
    def safety(self) -> Sequence[str]: ...

    @property
    def guardianship_rating(self) -> str: ...

    @property
    def psych(self) -> Sequence[str]: ...

    @property
    def parent_last_met_months(self) -> int | None: ...

    @property
    def school(self) -> str: ...


@dataclass(frozen=True)
class AgeingOut:
    """A child close to or past the end age of their category, with the default closing month."""

    category: ChildCategory
    end_age: int
    end_date: date
    days_left: int
    reached: bool
    closing_month: date
    closure_reason: ClosureReason
    message: str


@dataclass(frozen=True)
class RiskSuggestion:
    """The suggested risk level of a visit, with every reason that raised it, most serious first."""

    level: RiskLevel
    reasons: tuple[str, ...]
    mandatory_report: tuple[SafetyFinding, ...] = ()


@dataclass(frozen=True)
class VisitInterval:
    """The interval that decides the next visit, and what it comes from (Chinese, for the screen)."""

    days: int
    basis: str


def category_end_age(
    category: ChildCategory | str, params: ParameterSet, on: date, locality: str = DEFAULT_LOCALITY
) -> int:
    """The age at which a category ends: 留守 at `child_end_age_left_behind` (16), others at the default (18)."""
    left_behind = ChildCategory(category) == ChildCategory.LEFT_BEHIND
    key = "child_end_age_left_behind" if left_behind else "child_end_age_default"
    return params.integer(key, on, locality)


def ageing_out(
    child: ChildLike, today: date, params: ParameterSet, locality: str = DEFAULT_LOCALITY
) -> AgeingOut | None:
    """A warning when the child reaches the category's end age within the warning window, or already has.

    None when the birth date is unknown or the end date is more than `child_ageing_out_warning_days` away.
    The end date is the birthday at the end age (29 February → 1 March); the default closing month is the
    month of that birthday and staff may change it.
    """
    if child.birth_date is None:
        return None
    category = ChildCategory(child.primary_category)
    end_age = category_end_age(category, params, today, locality)
    end_date = date_of_age(child.birth_date, end_age)
    days_left = (end_date - today).days
    if days_left > params.days("child_ageing_out_warning_days", today, locality):
        return None
    reached = days_left <= 0
    closing_month = end_date.replace(day=1)
    month_text = f"{closing_month.year}年{closing_month.month}月"
    if reached:
        message = f"已于{end_date.isoformat()}年满{end_age}周岁，应办理注销（默认注销月份{month_text}）"
    else:
        message = f"将于{end_date.isoformat()}年满{end_age}周岁（还有{days_left}天），默认注销月份{month_text}"
    reason = ClosureReason.AGE_16_LEFT_BEHIND if category == ChildCategory.LEFT_BEHIND else ClosureReason.AGE_18
    return AgeingOut(category, end_age, end_date, days_left, reached, closing_month, reason, message)


def mandatory_report_triggers(safety: Iterable[str]) -> list[SafetyFinding]:
    """The findings among `safety` that trigger a mandatory report (强制报告), in the form's order."""
    given = {SafetyFinding(value) for value in safety}
    return [finding for finding in SafetyFinding if finding in given and finding in MANDATORY_REPORT_FINDINGS]


def suggest_risk_level(
    findings: VisitFindingsLike, params: ParameterSet, on: date, locality: str = DEFAULT_LOCALITY
) -> RiskSuggestion:
    """Suggest a risk colour from one visit's findings; the highest colour any rule gives wins.

    - RED: any mandatory-report finding; guardianship 差; psych signs ≥ `child_psych_red_min_signs` (3);
      parent not met for more than `child_parent_absence_red_over_months` (12) months.
    - YELLOW: psych signs ≥ `child_psych_yellow_min_signs` (1); parent not met for at least
      `child_parent_absence_yellow_min_months` (6) months; dropped out of school (已辍学).
    - BLUE (our default, [U]): guardianship 一般; a drowning/electricity/traffic hazard; at risk of dropping out.
    - GREEN otherwise. Psych signs count distinct abnormal entries (正常 is not one).
    Staff may override the suggestion with a reason.
    """
    raised: list[tuple[RiskLevel, str]] = []
    triggers = mandatory_report_triggers(findings.safety)
    raised += [(RiskLevel.RED, f"安全状况“{t.zh}”，须立即强制报告") for t in triggers]
    if SafetyFinding.HAZARD in {SafetyFinding(value) for value in findings.safety}:
        raised.append((RiskLevel.BLUE, f"存在{SafetyFinding.HAZARD.zh}"))

    if findings.guardianship_rating:
        rating = GuardianshipRating(findings.guardianship_rating)
        if rating == GuardianshipRating.POOR:
            raised.append((RiskLevel.RED, "监护情况差"))
        elif rating == GuardianshipRating.FAIR:
            raised.append((RiskLevel.BLUE, "监护情况一般，存在潜在风险"))

    abnormal = {PsychSign(value) for value in findings.psych} - {PsychSign.NORMAL}
    red_signs = params.integer("child_psych_red_min_signs", on, locality)
    yellow_signs = params.integer("child_psych_yellow_min_signs", on, locality)
    if abnormal:
        names = "、".join(sign.zh for sign in PsychSign if sign in abnormal)
        if len(abnormal) >= red_signs:
            raised.append((RiskLevel.RED, f"心理行为异常{len(abnormal)}项（{names}），达到{red_signs}项"))
        elif len(abnormal) >= yellow_signs:
            raised.append((RiskLevel.YELLOW, f"心理行为异常{len(abnormal)}项（{names}）"))

    months = findings.parent_last_met_months
    if months is not None:
        red_over = params.integer("child_parent_absence_red_over_months", on, locality)
        yellow_min = params.integer("child_parent_absence_yellow_min_months", on, locality)
        if months > red_over:
            raised.append((RiskLevel.RED, f"已{months}个月未与父母见面，超过{red_over}个月"))
        elif months >= yellow_min:
            raised.append((RiskLevel.YELLOW, f"已{months}个月未与父母见面"))

    if findings.school:
        school = SchoolStatus(findings.school)
        if school == SchoolStatus.DROPPED_OUT:
            raised.append((RiskLevel.YELLOW, "已辍学，须报告教育部门和乡镇"))
        elif school == SchoolStatus.DROPOUT_RISK:
            raised.append((RiskLevel.BLUE, "有辍学风险"))

    if not raised:
        return RiskSuggestion(RiskLevel.GREEN, ("未发现风险因素",))
    raised.sort(key=lambda pair: -pair[0].severity)
    return RiskSuggestion(raised[0][0], tuple(reason for _, reason in raised), tuple(triggers))


def visit_interval(
    risk_level: RiskLevel | str,
    primary_category: ChildCategory | str,
    flags: Iterable[str],
    params: ParameterSet,
    on: date,
    locality: str = DEFAULT_LOCALITY,
) -> VisitInterval:
    """The shortest of the risk level's interval, the category's and those of the child's flags.

    A category or flag whose parameter value is null has no interval of its own; on a tie the risk level
    is named as the basis.
    """
    risk = RiskLevel(risk_level)
    category = ChildCategory(primary_category)
    options = [(params.days(f"child_visit_interval_{risk.value.lower()}_days", on, locality), f"风险等级{risk.zh}")]
    own = params.optional_days(f"child_visit_interval_{category.value.lower()}_days", on, locality)
    if own is not None:
        options.append((own, f"类别{category.zh}"))
    for flag in dict.fromkeys(ChildFlag(value) for value in flags):
        key = _FLAG_INTERVAL_KEYS.get(flag)
        days = params.optional_days(key, on, locality) if key else None
        if days is not None:
            options.append((days, f"标记{flag.zh}"))
    days, basis = min(options, key=lambda option: option[0])
    return VisitInterval(days, f"{basis}：每{days}天至少探访一次")


def next_visit_due(
    last_visit_on: date,
    risk_level: RiskLevel | str,
    primary_category: ChildCategory | str,
    flags: Iterable[str],
    params: ParameterSet,
    on: date,
    locality: str = DEFAULT_LOCALITY,
) -> date:
    """`last_visit_on` plus the shortest applicable interval (see `visit_interval`), parameters as of `on`."""
    interval = visit_interval(risk_level, primary_category, flags, params, on, locality)
    return last_visit_on + timedelta(days=interval.days)


def first_visit_due(
    listed_at: date, calendar: WorkCalendar, params: ParameterSet, locality: str = DEFAULT_LOCALITY
) -> date:
    """The last day for the first visit: `child_first_visit_working_days` (5) working days after listing."""
    return add_working_days(listed_at, params.days("child_first_visit_working_days", listed_at, locality), calendar)


def is_overdue(due: date, today: date) -> bool:
    """True once `today` is past the due date (a visit on the due date itself is on time)."""
    return today > due


def overdue_days(due: date, today: date) -> int:
    """How many days past due, 0 when not overdue."""
    return max(0, (today - due).days)
