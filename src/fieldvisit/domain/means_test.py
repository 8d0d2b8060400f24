"""The household means test (家庭经济状况核算): per-capita income, 低保/低边/刚性支出/特困 checks, with a trace."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from fieldvisit.domain.assistance import (
    AssetKind,
    AssistanceType,
    DisabilityType,
    IncomeCategory,
    LaborCapacity,
    RigidExpenseKind,
)
from fieldvisit.domain.parameters import DEFAULT_LOCALITY, MissingParameterError, ParameterSet, ParameterValueError
from fieldvisit.domain.resident_id import age_on

SELF_CARE_ITEMS: Mapping[str, str] = {
    "eat": "吃饭",
    "dress": "穿衣",
    "bed": "上下床",
    "toilet": "如厕",
    "walk": "室内行走",
    "bathe": "洗澡",
}
SELF_CARE_ABLE = "具备"
SELF_CARE_PARTIAL = "部分丧失"
SELF_CARE_LOST = "完全丧失"
_CARE_TIERS = {SELF_CARE_ABLE: "全自理", SELF_CARE_PARTIAL: "半护理", SELF_CARE_LOST: "全护理"}
_ASSET_CAP_KEYS = ("financial_per_capita_fen", "vehicle_total_fen", "max_properties", "max_businesses")


class MemberLike(Protocol):
    """A household member as the means test reads it (a `HouseholdMember` row fits)."""

    @property
    def position(self) -> int: ...

    @property
    def id_number(self) -> str: ...

    @property
    def co_resident(self) -> bool: ...

    @property
    def birth_date(self) -> date | None: ...

    @property
    def disability_type(self) -> str: ...

    @property
    def disability_level(self) -> int | None: ...

    @property
    def labor_capacity(self) -> str: ...


class IncomeLike(Protocol):
    """An income row of the previous 12 months; `member_id_number` is "" for household-level income."""

    @property
    def category(self) -> str: ...

    @property
    def amount_12m_fen(self) -> int: ...

    @property
    def countable(self) -> bool: ...

    @property
    def member_id_number(self) -> str: ...


class ExpenseLike(Protocol):
    """A rigid expense of the previous 12 months, after reimbursement."""

    @property
    def kind(self) -> str: ...

    @property
    def amount_12m_fen(self) -> int: ...


class AssetLike(Protocol):
    """A household asset and its value."""

    @property
    def kind(self) -> str: ...

    @property
    def value_fen(self) -> int: ...


@dataclass(frozen=True)
class TraceLine:
    """One printable step of the calculation: a Chinese label, an amount in fen or a text, and how it was got."""

    label: str
    amount_fen: int | None = None
    text: str = ""
    formula: str = ""

    def display(self) -> str:
        """The line as a person reads it, e.g. "家庭月人均收入：1005.00 元（12060.00 ÷ 12 ÷ 1）"."""
        value = f"{format_yuan(self.amount_fen)} 元" if self.amount_fen is not None else self.text
        return f"{self.label}：{value}" + (f"（{self.formula}）" if self.formula else "")


@dataclass(frozen=True)
class MeansTestResult:
    """The outcome of one means test; every amount is integer fen and every rule fired is in `trace`."""

    survey_date: date
    locality: str
    household_size: int
    countable_income_12m_fen: int
    excluded_income_12m_fen: int
    rigid_expense_12m_fen: int
    deductions_12m_fen: int
    per_capita_monthly_income_fen: int | None
    minimum_living_standard_fen: int
    near_limit_fen: int
    minimum_living_eligible: bool
    near_minimum_living_eligible: bool
    rigid_expense_hardship_eligible: bool
    extreme_poverty_candidates: tuple[int, ...]
    suggestion: AssistanceType | None
    trace: tuple[TraceLine, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class AssetCheck:
    """Whether the household's assets are within one set of caps, and which caps are exceeded."""

    ok: bool
    problems: tuple[str, ...]
    summary: str


def format_yuan(fen: int) -> str:
    """Integer fen as yuan with two decimals: 100500 → "1005.00", -5 → "-0.05"."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def round_half_up(value: Decimal) -> int:
    """Round to a whole number of fen, halves away from zero (四舍五入)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _no_labor_reasons(age: int | None, disability_type: DisabilityType | str | None, level: int | None) -> list[str]:
    reasons = []
    if age is not None and age >= 60:
        reasons.append(f"{age}周岁，60周岁以上")
    if age is not None and age < 16:
        reasons.append(f"{age}周岁，未满16周岁")
    kind = DisabilityType(disability_type) if disability_type else None
    if kind is not None and level is not None:
        serious_enough = {
            DisabilityType.INTELLECTUAL: 3,
            DisabilityType.MENTAL: 3,
            DisabilityType.PHYSICAL: 2,
            DisabilityType.VISUAL: 1,
        }
        worst = serious_enough.get(kind)
        if worst is not None and 1 <= level <= worst:
            reasons.append(f"{kind.zh}残疾{level}级")
    return reasons


def suggest_labor_capacity(
    age: int | None, disability_type: DisabilityType | str | None, disability_level: int | None
) -> LaborCapacity:
    """NONE where 《特困人员认定办法》第5条 says 无劳动能力, otherwise ABLE (staff may still choose PARTIAL).

    第5条: 60周岁以上; 未满16周岁; 智力、精神残疾一至三级; 肢体残疾一、二级; 视力残疾一级. Multiple
    disabilities (多重) and the province's "其他情形" are left to the investigator.
    """
    return LaborCapacity.NONE if _no_labor_reasons(age, disability_type, disability_level) else LaborCapacity.ABLE


def self_care_rating(items: Mapping[str, bool]) -> str:
    """The 特困 self-care rating from the six items (True = can do it alone).

    All six ⇒ 具备; one to three not achieved ⇒ 部分丧失; four or more ⇒ 完全丧失 (特困人员认定办法 第21–22条).
    """
    missing = [label for key, label in SELF_CARE_ITEMS.items() if key not in items]
    unknown = sorted(set(items) - set(SELF_CARE_ITEMS))
    if missing or unknown:
        raise ValueError(f"生活自理能力评估须恰好包含六项；缺少：{'、'.join(missing) or '无'}；多余：{unknown or '无'}")
    not_achieved = sum(1 for key in SELF_CARE_ITEMS if not items[key])
    if not_achieved == 0:
        return SELF_CARE_ABLE
    return SELF_CARE_PARTIAL if not_achieved <= 3 else SELF_CARE_LOST


def care_tier(rating: str) -> str:
    """The 照料护理 tier for a self-care rating: 具备 → 全自理, 部分丧失 → 半护理, 完全丧失 → 全护理."""
    try:
        return _CARE_TIERS[rating]
    except KeyError:
        raise ValueError(f"未知的生活自理能力评估结果：{rating!r}") from None


def care_standard_fen(rating: str, params: ParameterSet, on: date, locality: str = DEFAULT_LOCALITY) -> int:
    """The monthly 照料护理标准 in fen for a self-care rating (parameter `extreme_poverty_care_standard`)."""
    tiers = params.get("extreme_poverty_care_standard", on, locality)
    tier = care_tier(rating)
    amount = tiers.get(tier) if isinstance(tiers, dict) else None
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ParameterValueError(f"参数“extreme_poverty_care_standard”缺少“{tier}”档的金额（整数分）")
    return amount


def _asset_caps(key: str, params: ParameterSet, on: date, locality: str) -> dict[str, int | None]:
    caps = params.get(key, on, locality)
    if not isinstance(caps, dict) or set(caps) != set(_ASSET_CAP_KEYS):
        raise ParameterValueError(f"参数“{key}”应包含 {'、'.join(_ASSET_CAP_KEYS)}（null 表示不设上限）")
    for name, cap in caps.items():
        if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or cap < 0):
            raise ParameterValueError(f"参数“{key}”的 {name} 应为非负整数或 null：{cap!r}")
    return caps


def check_assets(
    assets: Iterable[AssetLike],
    household_size: int,
    caps_key: str,
    params: ParameterSet,
    on: date,
    locality: str = DEFAULT_LOCALITY,
) -> AssetCheck:
    """Compare the household's assets with the caps in parameter `caps_key` (financial caps are per capita)."""
    caps = _asset_caps(caps_key, params, on, locality)
    rows = [(AssetKind(a.kind), a.value_fen) for a in assets]
    financial = sum(value for kind, value in rows if kind.is_financial)
    vehicles = sum(value for kind, value in rows if kind == AssetKind.VEHICLE)
    properties = sum(1 for kind, _ in rows if kind == AssetKind.PROPERTY)
    businesses = sum(1 for kind, _ in rows if kind == AssetKind.BUSINESS)
    problems = []
    cap = caps["financial_per_capita_fen"]
    per_capita = round_half_up(Decimal(financial) / household_size) if household_size else financial
    if cap is not None and financial > cap * household_size:
        problems.append(f"人均金融资产{format_yuan(per_capita)}元超过上限{format_yuan(cap)}元")
    cap = caps["vehicle_total_fen"]
    if cap is not None and vehicles > cap:
        problems.append(f"车辆价值合计{format_yuan(vehicles)}元超过上限{format_yuan(cap)}元")
    cap = caps["max_properties"]
    if cap is not None and properties > cap:
        problems.append(f"房产{properties}处，超过{cap}处")
    cap = caps["max_businesses"]
    if cap is not None and businesses > cap:
        problems.append(f"经营实体{businesses}个，超过{cap}个")
    summary = (
        f"金融资产{format_yuan(financial)}元（人均{format_yuan(per_capita)}元）；车辆{format_yuan(vehicles)}元；"
        f"房产{properties}处；经营实体{businesses}个"
    )
    return AssetCheck(not problems, tuple(problems), summary)


def _assets_line(label: str, check: AssetCheck) -> TraceLine:
    verdict = "符合" if check.ok else "不符合：" + "；".join(check.problems)
    return TraceLine(f"{label}财产条件", text=verdict, formula=check.summary)


@dataclass(frozen=True)
class _Context:
    params: ParameterSet
    on: date
    locality: str
    assets: Sequence[AssetLike]
    size: int
    trace: list[TraceLine]

    def assets_ok(self, caps_key: str, label: str) -> AssetCheck:
        check = check_assets(self.assets, self.size, caps_key, self.params, self.on, self.locality)
        self.trace.append(_assets_line(label, check))
        return check


def _non_negative(rows: Sequence[Any], attr: str, what: str) -> None:
    for row in rows:
        if getattr(row, attr) < 0:
            raise ValueError(f"{what}金额不能为负数：{getattr(row, attr)}")


def _deductible_kinds(params: ParameterSet, on: date, locality: str) -> list[RigidExpenseKind]:
    kinds = params.get("minimum_living_deductible_kinds", on, locality)
    if not isinstance(kinds, list):
        raise ParameterValueError("参数“minimum_living_deductible_kinds”应为刚性支出类别列表")
    try:
        return [RigidExpenseKind(kind) for kind in kinds]
    except ValueError as exc:
        raise ParameterValueError(f"参数“minimum_living_deductible_kinds”含未知类别：{kinds!r}") from exc


def run_means_test(
    members: Iterable[MemberLike],
    incomes: Iterable[IncomeLike],
    expenses: Iterable[ExpenseLike],
    assets: Iterable[AssetLike],
    *,
    survey_date: date,
    params: ParameterSet,
    locality: str = DEFAULT_LOCALITY,
) -> MeansTestResult:
    """Apply REFERENCE §1.4 to one household on `survey_date`, with the parameters in force that day.

    - Household size counts co-resident members only; income attributed to a member who is not co-resident
      is not counted.
    - Per-capita monthly income = (countable − deductions) ÷ 12 ÷ size, rounded half-up to whole fen, and 0
      when negative. Every comparison uses this rounded figure, so the printed number explains the result.
    - Deductions: rigid expenses of the kinds in `minimum_living_deductible_kinds`, capped at
      `minimum_living_deduction_cap_12m_fen` per household.
    - 低保: per capita < standard (strict) and assets within `minimum_living_asset_caps`. 低边: not 低保,
      per capita < standard × factor (rounded half-up) and assets within `near_minimum_living_asset_caps`.
    - 刚性支出困难: neither of those; per-capita annual countable income (before deductions) < last year's
      disposable income; total rigid expenses > ratio × countable income (so with no income any rigid
      expense qualifies); assets within caps. Skipped, with a note, where its parameters are not in force.
    - 特困 candidates: co-resident members meeting 第5条 无劳动能力 (or recorded as 无劳动能力) whose own
      monthly income — their own rows plus an equal share of household-level rows — is below the 低保
      standard, with assets within `extreme_poverty_asset_caps`. The obligor test (第8条) is left to staff.
    - Suggestion: 特困 when every co-resident member is a candidate, else 低保, 低边, 刚性支出困难, or None.
    """
    members = list(members)
    incomes = list(incomes)
    expenses = list(expenses)
    assets = list(assets)
    _non_negative(incomes, "amount_12m_fen", "收入")
    _non_negative(expenses, "amount_12m_fen", "刚性支出")
    _non_negative(assets, "value_fen", "财产")

    co_resident = [m for m in members if m.co_resident]
    size = len(co_resident)
    resident_ids = {m.id_number for m in co_resident if m.id_number}
    outside_ids = {m.id_number for m in members if not m.co_resident and m.id_number} - resident_ids
    trace = [
        TraceLine(
            "共同生活家庭人口",
            text=f"{size}人",
            formula=f"登记成员{len(members)}人，其中不计入共同生活{len(members) - size}人",
        )
    ]

    by_category = dict.fromkeys(IncomeCategory, 0)
    flagged_excluded = outside_income = household_level = 0
    own_income: dict[str, int] = {}
    for item in incomes:
        category = IncomeCategory(item.category)
        if item.member_id_number in outside_ids:
            outside_income += item.amount_12m_fen
        elif not item.countable:
            flagged_excluded += item.amount_12m_fen
        else:
            by_category[category] += item.amount_12m_fen
            if item.member_id_number in resident_ids:
                own_income[item.member_id_number] = own_income.get(item.member_id_number, 0) + item.amount_12m_fen
            else:
                household_level += item.amount_12m_fen
    countable = sum(by_category.values())
    excluded = flagged_excluded + outside_income
    trace += [TraceLine(f"{c.zh}（12个月）", by_category[c], formula="计入项合计") for c in IncomeCategory]
    trace.append(
        TraceLine("计入收入合计（12个月）", countable, formula=" + ".join(format_yuan(v) for v in by_category.values()))
    )
    trace.append(
        TraceLine(
            "不计入收入（12个月）",
            excluded,
            formula=f"标记为不计入的收入{format_yuan(flagged_excluded)}元 + "
            f"非共同生活成员收入{format_yuan(outside_income)}元",
        )
    )

    deductible_kinds = _deductible_kinds(params, survey_date, locality)
    cap = params.money_fen("minimum_living_deduction_cap_12m_fen", survey_date, locality)
    by_kind = dict.fromkeys(RigidExpenseKind, 0)
    for expense in expenses:
        by_kind[RigidExpenseKind(expense.kind)] += expense.amount_12m_fen
    rigid_total = sum(by_kind.values())
    deductible = sum(by_kind[k] for k in deductible_kinds)
    deductions = min(deductible, cap)
    trace.append(
        TraceLine(
            "刚性支出合计（12个月）",
            rigid_total,
            formula="；".join(f"{k.zh}{format_yuan(v)}元" for k, v in by_kind.items() if v) or "无",
        )
    )
    kinds_text = "、".join(k.zh for k in deductible_kinds) or "无"
    trace.append(
        TraceLine(
            "可扣减刚性支出",
            deductions,
            formula=f"可扣减类别（{kinds_text}）合计{format_yuan(deductible)}元，上限{format_yuan(cap)}元，取较小者",
        )
    )
    net = countable - deductions
    trace.append(TraceLine("扣减后家庭年收入", net, formula=f"{format_yuan(countable)} − {format_yuan(deductions)}"))

    standard_row = params.find("minimum_living_standard", survey_date, locality)
    standard = params.money_fen("minimum_living_standard", survey_date, locality)
    factor = params.decimal("near_minimum_living_factor", survey_date, locality)
    near_limit = round_half_up(standard * factor)
    standard_line = TraceLine(
        "低保标准（月）",
        standard,
        formula=f"{standard_row.locality or '全国'}自{standard_row.effective_from.isoformat()}起执行",
    )
    near_line = TraceLine("低保边缘上限（月）", near_limit, formula=f"{format_yuan(standard)} × {factor}，按分四舍五入")

    def result(**kwargs: Any) -> MeansTestResult:
        return MeansTestResult(
            survey_date=survey_date,
            locality=locality,
            household_size=size,
            countable_income_12m_fen=countable,
            excluded_income_12m_fen=excluded,
            rigid_expense_12m_fen=rigid_total,
            deductions_12m_fen=deductions,
            minimum_living_standard_fen=standard,
            near_limit_fen=near_limit,
            trace=tuple(trace),
            **kwargs,
        )

    if size == 0:
        reason = "没有计入共同生活的家庭成员，无法计算家庭月人均收入，未作资格判断"
        trace += [TraceLine("家庭月人均收入", text="无法计算", formula=reason), standard_line, near_line]
        return result(
            per_capita_monthly_income_fen=None,
            minimum_living_eligible=False,
            near_minimum_living_eligible=False,
            rigid_expense_hardship_eligible=False,
            extreme_poverty_candidates=(),
            suggestion=None,
            notes=(reason,),
        )

    per_capita = max(0, round_half_up(Decimal(net) / (12 * size)))
    trace.append(
        TraceLine(
            "家庭月人均收入",
            per_capita,
            formula=f"（{format_yuan(countable)} − {format_yuan(deductions)}）÷ 12 ÷ {size}，按分四舍五入，负数按0计",
        )
    )
    trace += [standard_line, near_line]
    notes: list[str] = []
    ctx = _Context(params, survey_date, locality, assets, size, trace)

    minimum_assets = ctx.assets_ok("minimum_living_asset_caps", "低保")
    minimum_ok = per_capita < standard and minimum_assets.ok
    relation = "<" if per_capita < standard else "≥"
    trace.append(
        TraceLine(
            "最低生活保障",
            text="符合" if minimum_ok else "不符合",
            formula=f"月人均收入{format_yuan(per_capita)} {relation} 低保标准{format_yuan(standard)}，"
            f"财产{'符合' if minimum_assets.ok else '不符合'}",
        )
    )

    near_ok = False
    if minimum_ok:
        trace.append(TraceLine("低保边缘", text="不适用", formula="已符合低保条件"))
    else:
        near_assets = ctx.assets_ok("near_minimum_living_asset_caps", "低保边缘")
        near_ok = per_capita < near_limit and near_assets.ok
        relation = "<" if per_capita < near_limit else "≥"
        trace.append(
            TraceLine(
                "低保边缘",
                text="符合" if near_ok else "不符合",
                formula=f"月人均收入{format_yuan(per_capita)} {relation} 低边上限{format_yuan(near_limit)}，"
                f"财产{'符合' if near_assets.ok else '不符合'}",
            )
        )

    rigid_ok = False
    if minimum_ok or near_ok:
        trace.append(TraceLine("刚性支出困难", text="不适用", formula="已符合低保或低边条件"))
    else:
        try:
            rigid_ok = _rigid_expense_hardship(ctx, countable, rigid_total)
        except MissingParameterError as exc:
            note = f"刚性支出困难认定参数在{survey_date.isoformat()}未生效，未作判断（{exc}）"
            notes.append(note)
            trace.append(TraceLine("刚性支出困难", text="未判断", formula=note))

    candidates = _extreme_poverty_candidates(ctx, co_resident, own_income, household_level, standard)
    if candidates:
        notes.append(
            "特困人员还须核实：无法定赡养、抚养、扶养义务人，或义务人无履行义务能力（《特困人员认定办法》第8条），"
            "由调查人员判断，本核算未作判断"
        )
        trace.append(TraceLine("特困人员义务人条件", text="待人工核实", formula=notes[-1]))

    if len(candidates) == size:
        suggestion: AssistanceType | None = AssistanceType.EXTREME_POVERTY
    elif minimum_ok:
        suggestion = AssistanceType.MINIMUM_LIVING
    elif near_ok:
        suggestion = AssistanceType.NEAR_MINIMUM_LIVING
    elif rigid_ok:
        suggestion = AssistanceType.RIGID_EXPENSE_HARDSHIP
    else:
        suggestion = None
    trace.append(
        TraceLine(
            "建议救助类别",
            text=suggestion.zh if suggestion else "不符合上述救助条件",
            formula="按特困、低保、低保边缘、刚性支出困难的顺序取第一项符合者；特困须全体共同生活成员均为候选",
        )
    )
    return result(
        per_capita_monthly_income_fen=per_capita,
        minimum_living_eligible=minimum_ok,
        near_minimum_living_eligible=near_ok,
        rigid_expense_hardship_eligible=rigid_ok,
        extreme_poverty_candidates=candidates,
        suggestion=suggestion,
        notes=tuple(notes),
    )


def _rigid_expense_hardship(ctx: _Context, countable: int, rigid_total: int) -> bool:
    disposable = ctx.params.money_fen("last_year_disposable_income", ctx.on, ctx.locality)
    ratio = ctx.params.decimal("rigid_expense_ratio", ctx.on, ctx.locality)
    size, trace = ctx.size, ctx.trace
    per_capita_annual = round_half_up(Decimal(countable) / size)
    income_ok = countable < disposable * size
    ratio_ok = rigid_total > ratio * countable
    if countable:
        share = (Decimal(rigid_total) / countable).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        ratio_text = f"刚性支出{format_yuan(rigid_total)} ÷ 家庭总收入{format_yuan(countable)} = {share}"
    else:
        verdict = "大于0即视为超过比例" if rigid_total else "为0"
        ratio_text = f"家庭总收入为0，刚性支出{format_yuan(rigid_total)}{verdict}"
    trace.append(
        TraceLine(
            "家庭人均年收入",
            per_capita_annual,
            formula=f"{format_yuan(countable)} ÷ {size}（未扣减刚性支出），"
            f"{'<' if income_ok else '≥'} 上年度人均可支配收入{format_yuan(disposable)}",
        )
    )
    trace.append(TraceLine("刚性支出占比", text=f"{'>' if ratio_ok else '≤'} {ratio}", formula=ratio_text))
    rigid_assets = ctx.assets_ok("rigid_expense_hardship_asset_caps", "刚性支出困难")
    eligible = income_ok and ratio_ok and rigid_assets.ok
    trace.append(
        TraceLine(
            "刚性支出困难",
            text="符合" if eligible else "不符合",
            formula="人均年收入低于上年度人均可支配收入、刚性支出占比超过规定比例、财产符合，三项同时满足",
        )
    )
    return eligible


def _extreme_poverty_candidates(
    ctx: _Context, co_resident: Sequence[MemberLike], own_income: Mapping[str, int], household_level: int, standard: int
) -> tuple[int, ...]:
    candidates: list[int] = []
    extreme_assets: AssetCheck | None = None
    size = ctx.size
    for member in co_resident:
        age = age_on(member.birth_date, ctx.on) if member.birth_date else None
        reasons = _no_labor_reasons(age, member.disability_type, member.disability_level)
        if not reasons and member.labor_capacity == LaborCapacity.NONE:
            reasons = ["调查记录为无劳动能力（须属省定其他情形）"]
        if not reasons:
            continue
        if extreme_assets is None:
            extreme_assets = ctx.assets_ok("extreme_poverty_asset_caps", "特困人员")
        own = own_income.get(member.id_number, 0) if member.id_number else 0
        monthly = round_half_up((own + Decimal(household_level) / size) / 12)
        qualifies = monthly < standard and extreme_assets.ok
        if qualifies:
            candidates.append(member.position)
        ctx.trace.append(
            TraceLine(
                f"第{member.position}位成员特困条件",
                text="候选" if qualifies else "不符合",
                formula=f"无劳动能力：{'；'.join(reasons)}；个人月收入{format_yuan(monthly)}"
                f"（本人{format_yuan(own)} + 户内共有收入{format_yuan(household_level)} ÷ {size}，再 ÷ 12）"
                f"{'<' if monthly < standard else '≥'} 低保标准{format_yuan(standard)}",
            )
        )
    return tuple(candidates)
