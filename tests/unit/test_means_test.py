from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldvisit.domain.assistance import AssistanceType, DisabilityType, LaborCapacity, Sex
from fieldvisit.domain.means_test import (
    MeansTestResult,
    care_standard_fen,
    format_yuan,
    round_half_up,
    run_means_test,
    self_care_rating,
    suggest_labor_capacity,
)
from fieldvisit.domain.parameters import ParameterSet, default_parameter_set, load_default_parameters
from fieldvisit.domain.resident_id import make_id_number

PARAMS = default_parameter_set()
ON = date(2026, 3, 15)
STANDARD = 100500
NEAR = 150750


@dataclass(frozen=True)
class Member:
    position: int = 1
    id_number: str = ""
    co_resident: bool = True
    birth_date: date | None = date(1980, 5, 1)
    disability_type: str = ""
    disability_level: int | None = None
    labor_capacity: str = LaborCapacity.ABLE
    health: str = "HEALTHY"


@dataclass(frozen=True)
class Income:
    amount_12m_fen: int
    category: str = "WAGES"
    countable: bool = True
    member_id_number: str = ""


@dataclass(frozen=True)
class Expense:
    kind: str
    amount_12m_fen: int


@dataclass(frozen=True)
class Asset:
    kind: str
    value_fen: int


@dataclass(frozen=True)
class Row:
    key: str
    value: str
    locality: str = "330282"
    effective_from: date = date(2024, 1, 1)
    effective_to: date | None = None


def _run(
    members: list[Member],
    incomes: list[Income] = (),  # type: ignore[assignment]
    expenses: list[Expense] = (),  # type: ignore[assignment]
    assets: list[Asset] = (),  # type: ignore[assignment]
    *,
    on: date = ON,
    params: ParameterSet = PARAMS,
) -> MeansTestResult:
    return run_means_test(members, incomes, expenses, assets, survey_date=on, params=params)


def _one_adult_with_per_capita(per_capita: int, **kwargs: object) -> MeansTestResult:
    return _run([Member()], [Income(per_capita * 12)], **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("per_capita", "minimum", "near", "suggestion"),
    [
        (STANDARD - 1, True, False, AssistanceType.MINIMUM_LIVING),
        (STANDARD, False, True, AssistanceType.NEAR_MINIMUM_LIVING),
        (STANDARD + 1, False, True, AssistanceType.NEAR_MINIMUM_LIVING),
        (NEAR - 1, False, True, AssistanceType.NEAR_MINIMUM_LIVING),
        (NEAR, False, False, None),
        (NEAR + 1, False, False, None),
    ],
)
def test_thresholds_are_strict(per_capita: int, minimum: bool, near: bool, suggestion: AssistanceType | None) -> None:
    result = _one_adult_with_per_capita(per_capita)
    assert result.per_capita_monthly_income_fen == per_capita
    assert result.minimum_living_standard_fen == STANDARD
    assert result.near_limit_fen == NEAR
    assert result.minimum_living_eligible is minimum
    assert result.near_minimum_living_eligible is near
    assert result.suggestion == suggestion


def test_per_capita_rounds_half_up_to_the_fen() -> None:
    members = [Member(position=i) for i in range(1, 4)]
    assert _run(members, [Income(36 * 100 + 18)]).per_capita_monthly_income_fen == 101  # 100.5 fen
    assert _run(members, [Income(36 * 100 + 17)]).per_capita_monthly_income_fen == 100  # 100.47 fen


def test_near_limit_rounds_half_up() -> None:
    odd = ParameterSet([*load_default_parameters(), Row("minimum_living_standard", "100501")])
    assert _one_adult_with_per_capita(0, params=odd).near_limit_fen == 150752  # 150751.5


def test_standard_in_force_on_each_side_of_its_effective_date() -> None:
    params = ParameterSet([*load_default_parameters(), Row("minimum_living_standard", "110000")])
    before = _one_adult_with_per_capita(105000, on=date(2023, 12, 31), params=params)
    after = _one_adult_with_per_capita(105000, on=date(2024, 1, 1), params=params)
    assert before.minimum_living_standard_fen == 100500 and not before.minimum_living_eligible
    assert after.minimum_living_standard_fen == 110000 and after.minimum_living_eligible
    assert after.near_limit_fen == 165000


def test_excluded_income_is_not_counted() -> None:
    outsider = make_id_number("330282", date(1975, 1, 1), 3, Sex.MALE)
    members = [Member(), Member(position=2, id_number=outsider, co_resident=False)]
    incomes = [
        Income(600000),
        Income(1000000, category="TRANSFER", countable=False),
        Income(5000000, member_id_number=outsider),
    ]
    result = _run(members, incomes)
    assert result.household_size == 1
    assert result.countable_income_12m_fen == 600000
    assert result.excluded_income_12m_fen == 6000000
    assert result.per_capita_monthly_income_fen == 50000
    assert result.minimum_living_eligible


def test_only_configured_kinds_are_deducted_up_to_the_cap() -> None:
    members = [Member(), Member(position=2)]
    small = _run(members, [Income(3000000)], [Expense("MEDICAL", 100000), Expense("REHAB", 50000)])
    assert small.deductions_12m_fen == 150000
    capped = _run(members, [Income(3000000)], [Expense("MEDICAL", 2000000), Expense("EDUCATION", 500000)])
    assert capped.rigid_expense_12m_fen == 2500000
    assert capped.deductions_12m_fen == 1206000
    assert capped.per_capita_monthly_income_fen == 74750  # (3000000 − 1206000) / 12 / 2
    assert capped.minimum_living_eligible
    assert not _run(members, [Income(3000000)], [Expense("EDUCATION", 2000000)]).minimum_living_eligible


def test_deductions_larger_than_income_floor_per_capita_at_zero() -> None:
    result = _run([Member()], [Income(100000)], [Expense("MEDICAL", 900000)])
    assert result.per_capita_monthly_income_fen == 0


@pytest.mark.parametrize("members", [[], [Member(co_resident=False)]])
def test_no_co_resident_members_is_explained_not_a_crash(members: list[Member]) -> None:
    result = _run(members, [Income(100000)])
    assert result.household_size == 0
    assert result.per_capita_monthly_income_fen is None
    assert not (result.minimum_living_eligible or result.near_minimum_living_eligible)
    assert not result.rigid_expense_hardship_eligible
    assert result.suggestion is None
    assert any("没有计入共同生活的家庭成员" in note for note in result.notes)
    assert any(line.text == "无法计算" for line in result.trace)


def test_assets_over_the_cap_block_minimum_living() -> None:
    result = _run([Member()], [Income(0)], assets=[Asset("DEPOSIT", 2412001)])
    assert not result.minimum_living_eligible
    assert result.near_minimum_living_eligible
    assert any("人均金融资产" in line.text for line in result.trace)
    at_cap = _run([Member()], [Income(0)], assets=[Asset("DEPOSIT", 2412000)])
    assert at_cap.minimum_living_eligible


def test_property_and_vehicle_caps() -> None:
    two_homes = [Asset("PROPERTY", 50000000), Asset("PROPERTY", 30000000)]
    assert not _run([Member()], [Income(0)], assets=two_homes).minimum_living_eligible
    car = [Asset("VEHICLE", 6000000)]
    assert not _run([Member()], [Income(0)], assets=car).minimum_living_eligible


def test_rigid_expense_hardship() -> None:
    income = Income(2400000)  # 2000 元/month for one person: above the 低边 limit
    eligible = _run([Member()], [income], [Expense("EDUCATION", 1200001)])
    assert eligible.rigid_expense_hardship_eligible
    assert eligible.suggestion == AssistanceType.RIGID_EXPENSE_HARDSHIP
    at_ratio = _run([Member()], [income], [Expense("EDUCATION", 1200000)])
    assert not at_ratio.rigid_expense_hardship_eligible
    rich = _run([Member()], [Income(7000000)], [Expense("EDUCATION", 7000000)])
    assert not rich.rigid_expense_hardship_eligible


def test_rigid_expense_hardship_with_no_income() -> None:
    loose = ParameterSet(
        [
            *load_default_parameters(),
            Row(
                "rigid_expense_hardship_asset_caps",
                '{"financial_per_capita_fen":null,"vehicle_total_fen":null,"max_properties":null,"max_businesses":null}',
                effective_from=date(2026, 1, 1),
            ),
        ]
    )
    rich_in_savings = [Asset("DEPOSIT", 5000000)]
    some = _run([Member()], [], [Expense("MEDICAL", 1)], rich_in_savings, params=loose)
    none = _run([Member()], [], [], rich_in_savings, params=loose)
    assert not some.minimum_living_eligible and not some.near_minimum_living_eligible
    assert some.rigid_expense_hardship_eligible
    assert not none.rigid_expense_hardship_eligible


def test_rigid_expense_test_is_skipped_before_its_parameters_exist() -> None:
    result = _one_adult_with_per_capita(200000, on=date(2024, 6, 1))
    assert not result.rigid_expense_hardship_eligible
    assert any("未生效" in note for note in result.notes)


def test_lone_elderly_person_without_income_is_an_extreme_poverty_candidate() -> None:
    result = _run([Member(birth_date=date(1950, 1, 1))], [Income(0)])
    assert result.extreme_poverty_candidates == (1,)
    assert result.suggestion == AssistanceType.EXTREME_POVERTY
    assert result.minimum_living_eligible
    assert any("义务人" in note and "第8条" in note for note in result.notes)


def test_extreme_poverty_uses_the_members_own_income() -> None:
    son = make_id_number("330282", date(1980, 5, 1), 1, Sex.MALE)
    elder = make_id_number("330282", date(1950, 1, 1), 1, Sex.FEMALE)
    members = [Member(position=1, id_number=son), Member(position=2, id_number=elder, birth_date=date(1950, 1, 1))]
    poor_elder = _run(members, [Income(3000000, member_id_number=son)])
    assert poor_elder.extreme_poverty_candidates == (2,)
    assert poor_elder.suggestion == AssistanceType.NEAR_MINIMUM_LIVING  # not every member is a candidate
    pensioner = _run(members, [Income(3000000, member_id_number=son), Income(1206000, member_id_number=elder)])
    assert pensioner.extreme_poverty_candidates == ()


def test_extreme_poverty_disability_rules() -> None:
    assert _run([Member(disability_type="INTELLECTUAL", disability_level=3)]).extreme_poverty_candidates == (1,)
    assert _run([Member(disability_type="PHYSICAL", disability_level=3)]).extreme_poverty_candidates == ()
    recorded = _run([Member(labor_capacity=LaborCapacity.NONE)])
    assert recorded.extreme_poverty_candidates == (1,)
    assert any("调查记录为无劳动能力" in line.formula for line in recorded.trace)


def test_trace_is_printable_and_explains_the_result() -> None:
    result = _run(
        [Member(), Member(position=2)],
        [Income(1200000), Income(300000, category="TRANSFER"), Income(50000, category="OTHER", countable=False)],
        [Expense("MEDICAL", 120000)],
    )
    lines = [line.display() for line in result.trace]
    assert all(lines)
    text = "\n".join(lines)
    labels = ("工资性收入", "转移净收入", "不计入收入", "可扣减刚性支出", "家庭月人均收入", "低保标准", "低保边缘上限")
    for label in labels:
        assert label in text
    per_capita = next(line for line in result.trace if line.label == "家庭月人均收入")
    assert per_capita.amount_fen == result.per_capita_monthly_income_fen == 57500
    assert "家庭月人均收入：575.00 元" in text
    assert "× 1.5" in text
    assert result.trace[-1].label == "建议救助类别"
    assert result.trace[-1].text == AssistanceType.MINIMUM_LIVING.zh


def test_negative_or_unknown_inputs_are_refused() -> None:
    with pytest.raises(ValueError):
        _run([Member()], [Income(-1)])
    with pytest.raises(ValueError):
        _run([Member()], [Income(1, category="LOTTERY")])
    with pytest.raises(ValueError):
        _run([Member()], [], [Expense("MEDICAL", -5)])


@pytest.mark.parametrize(
    ("age", "kind", "level", "expected"),
    [
        (60, None, None, LaborCapacity.NONE),
        (59, None, None, LaborCapacity.ABLE),
        (15, None, None, LaborCapacity.NONE),
        (16, None, None, LaborCapacity.ABLE),
        (None, None, None, LaborCapacity.ABLE),
        (40, DisabilityType.INTELLECTUAL, 3, LaborCapacity.NONE),
        (40, DisabilityType.INTELLECTUAL, 4, LaborCapacity.ABLE),
        (40, DisabilityType.MENTAL, 1, LaborCapacity.NONE),
        (40, DisabilityType.PHYSICAL, 2, LaborCapacity.NONE),
        (40, DisabilityType.PHYSICAL, 3, LaborCapacity.ABLE),
        (40, DisabilityType.VISUAL, 1, LaborCapacity.NONE),
        (40, DisabilityType.VISUAL, 2, LaborCapacity.ABLE),
        (40, DisabilityType.HEARING, 1, LaborCapacity.ABLE),
        (40, DisabilityType.MULTIPLE, 1, LaborCapacity.ABLE),
        (40, "PHYSICAL", 1, LaborCapacity.NONE),
    ],
)
def test_suggest_labor_capacity(
    age: int | None, kind: DisabilityType | str | None, level: int | None, expected: LaborCapacity
) -> None:
    assert suggest_labor_capacity(age, kind, level) == expected


ALL_ABLE = {"eat": True, "dress": True, "bed": True, "toilet": True, "walk": True, "bathe": True}


@pytest.mark.parametrize(
    ("not_achieved", "rating"),
    [(0, "具备"), (1, "部分丧失"), (3, "部分丧失"), (4, "完全丧失"), (6, "完全丧失")],
)
def test_self_care_rating(not_achieved: int, rating: str) -> None:
    items = dict(ALL_ABLE)
    for key in list(items)[:not_achieved]:
        items[key] = False
    assert self_care_rating(items) == rating


def test_self_care_rating_needs_exactly_the_six_items() -> None:
    with pytest.raises(ValueError):
        self_care_rating({k: v for k, v in ALL_ABLE.items() if k != "bathe"})
    with pytest.raises(ValueError):
        self_care_rating(ALL_ABLE | {"cook": True})


def test_care_standard_follows_the_rating() -> None:
    assert care_standard_fen("具备", PARAMS, ON) == 10050
    assert care_standard_fen("部分丧失", PARAMS, ON) == 50250
    assert care_standard_fen("完全丧失", PARAMS, ON) == 100500
    with pytest.raises(ValueError):
        care_standard_fen("良好", PARAMS, ON)


def test_money_helpers() -> None:
    assert format_yuan(100500) == "1005.00"
    assert format_yuan(7) == "0.07"
    assert format_yuan(-5) == "-0.05"
    assert round_half_up(Decimal("2.5")) == 3
    assert round_half_up(Decimal("-2.5")) == -3
    assert round_half_up(Decimal("2.4999")) == 2


@given(
    low=st.integers(0, 10**9),
    extra=st.integers(0, 10**9),
    size=st.integers(1, 6),
    medical=st.integers(0, 3 * 10**6),
)
def test_per_capita_is_monotonic_in_income(low: int, extra: int, size: int, medical: int) -> None:
    members = [Member(position=i) for i in range(1, size + 1)]
    expenses = [Expense("MEDICAL", medical)]
    poorer = _run(members, [Income(low)], expenses).per_capita_monthly_income_fen
    richer = _run(members, [Income(low + extra)], expenses).per_capita_monthly_income_fen
    assert poorer is not None and richer is not None
    assert 0 <= poorer <= richer
