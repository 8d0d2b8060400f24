"""Demo households: assessments with members, incomes, assets and rigid expenses, scored by the means test."""

from __future__ import annotations

from datetime import date, timedelta

from fieldvisit.domain.assistance import (
    Asset,
    AssetKind,
    AssistanceType,
    Health,
    HouseholdAssessment,
    HouseholdMember,
    IncomeCategory,
    IncomeItem,
    InvestigatorOpinion,
    LaborCapacity,
    Relation,
    RigidExpense,
    RigidExpenseKind,
    Sex,
    SurveyKind,
)
from fieldvisit.domain.base import RecordState
from fieldvisit.domain.means_test import run_means_test
from fieldvisit.domain.numbering import format_survey_no
from fieldvisit.domain.parameters import ParameterSet
from fieldvisit.domain.places import Village
from fieldvisit.domain.resident_id import age_on
from fieldvisit.domain.shared import User
from fieldvisit.store.demo.bulk import BulkWriter, Sequences, at_local
from fieldvisit.store.demo.people import PersonFactory

SURVEY_KINDS = tuple(SurveyKind)
INCOME_ITEMS = {
    IncomeCategory.WAGES: ("工资", "务工收入", "灵活就业收入"),
    IncomeCategory.BUSINESS: ("种植收入", "养殖收入", "小卖部经营"),
    IncomeCategory.PROPERTY: ("存款利息", "土地流转租金", "集体分红"),
    IncomeCategory.TRANSFER: ("养老金", "赡养费", "失业保险金"),
    IncomeCategory.OTHER: ("其他收入",),
}
INCOME_CATEGORIES = tuple(INCOME_ITEMS)
ASSET_DESCRIPTIONS = {AssetKind.DEPOSIT: "银行存款", AssetKind.VEHICLE: "电动三轮车", AssetKind.PROPERTY: "住宅一处"}
ASSET_DETAILS: dict[str, dict[str, str]] = {
    AssetKind.DEPOSIT: {},
    AssetKind.VEHICLE: {"vehicle_type": "FARM", "use": "PRODUCTION"},
    AssetKind.PROPERTY: {"nature": "SELF_BUILT"},
}
"""The answers of the asset tables of the survey form for each kind of asset the demo owns."""


def generate_households(
    writer: BulkWriter,
    people: PersonFactory,
    villages: list[Village],
    social_workers: dict[str, list[User]],
    params: ParameterSet,
    today: date,
    count: int,
) -> None:
    """Write `count` assessments spread over `villages`, most final, some drafts, over the last two years."""
    rng = writer.rng
    numbers = Sequences()
    for n in range(count):
        village = villages[n % len(villages)]
        workers = social_workers[village.town_code]
        survey_day = today - timedelta(days=rng.randrange(3, 730))
        survey_at = at_local(survey_day, rng.randrange(8, 17), rng.choice((0, 15, 30, 45)))
        state = RecordState.DRAFT if rng.random() < 0.08 else RecordState.FINAL
        surname = people.rng.choice("陈王张李胡孙徐沈周叶岑罗")
        applicant_sex = people.sex()
        applicant_birth = people.birth_date(survey_day, 28, 88)
        applicant_name = people.name(applicant_sex, surname=surname)
        applicant_id = people.id_number(applicant_birth, applicant_sex)
        assessment = writer.add(
            HouseholdAssessment,
            {
                "created_at": survey_at,
                "form_id": "household_assessment",
                "form_version": 1,
                "state": state,
                "extra": {},
                "survey_no": format_survey_no(
                    village.town_code, survey_day.year, numbers.next(village.town_code, survey_day.year)
                ),
                "assistance_type": rng.choice(
                    (AssistanceType.MINIMUM_LIVING,) * 5
                    + (AssistanceType.NEAR_MINIMUM_LIVING,) * 2
                    + (AssistanceType.EXTREME_POVERTY, AssistanceType.PERIODIC_REVIEW)
                ),
                "survey_kind": rng.choice(SURVEY_KINDS),
                "town_code": village.town_code,
                "village_id": village.id,
                "methods": ["HOME", "NEIGHBOURS"] if rng.random() < 0.6 else ["HOME"],
                "survey_at": survey_at,
                "investigators": [
                    {"name": w.display_name, "unit": w.unit, "role": "调查人员"} for w in rng.sample(workers, 2)
                ],
                "assistants": [],
                "applicant_name": applicant_name,
                "applicant_id_number": applicant_id,
                "hukou_address": f"浙江省慈溪市{village.name}{rng.randrange(1, 300)}号",
                "residence_address": f"浙江省慈溪市{village.name}{rng.randrange(1, 300)}号",
                "hukou_type": "RURAL" if village.kind == "VILLAGE" else "URBAN",
                "phone": people.phone(),
                "hardship_reasons": rng.sample(["ILLNESS", "DISABILITY", "NO_LABOUR", "NO_INCOME", "EDUCATION"], 2),
                "housing": {
                    "structure": rng.choice(["BRICK_CONCRETE", "BRICK_WOOD", "REINFORCED_CONCRETE"]),
                    "area_m2": rng.randrange(40, 160),
                },
                "food_clothing": "饮食简单，衣着朴素。",
                "neighbour_findings": "邻居反映家庭生活困难，情况属实。",
                "investigator_opinion": InvestigatorOpinion.ELIGIBLE if state == RecordState.FINAL else "",
                "consent_signed": state == RecordState.FINAL,
            },
        )
        owner = ("household_assessment", assessment["id"])
        writer.index_person(
            "household_assessment",
            assessment["id"],
            owner,
            applicant_name,
            id_number=applicant_id,
            town_code=village.town_code,
            village_id=village.id,
        )
        members = [
            _member(
                writer,
                assessment,
                0,
                Relation.SELF,
                applicant_name,
                applicant_sex,
                applicant_birth,
                applicant_id,
                today,
            )
        ]
        for position in range(1, rng.choice((1, 1, 2, 2, 3, 3, 4, 5))):
            relation, sex, min_age, max_age = rng.choice(
                (
                    (Relation.SPOUSE, Sex.FEMALE if applicant_sex == Sex.MALE else Sex.MALE, 28, 85),
                    (Relation.SON, Sex.MALE, 1, 40),
                    (Relation.DAUGHTER, Sex.FEMALE, 1, 40),
                    (Relation.MOTHER, Sex.FEMALE, 60, 95),
                    (Relation.GRANDCHILD, people.sex(), 1, 15),
                )
            )
            birth = people.birth_date(survey_day, min_age, max_age)
            name = people.name(sex, surname=surname if relation != Relation.SPOUSE else None)
            id_number = people.id_number(birth, sex)
            members.append(_member(writer, assessment, position, relation, name, sex, birth, id_number, survey_day))
            writer.index_person(
                "household_member",
                members[-1]["id"],
                owner,
                name,
                id_number=id_number,
                town_code=village.town_code,
                village_id=village.id,
            )
        incomes = [
            writer.add(
                IncomeItem,
                {
                    "created_at": survey_at,
                    "assessment_id": assessment["id"],
                    "position": position,
                    "category": (category := rng.choice(INCOME_CATEGORIES)),
                    "item": rng.choice(INCOME_ITEMS[category]),
                    "member_id_number": rng.choice(members)["id_number"],
                    "amount_12m_fen": rng.randrange(1_000, 60_000) * 100,
                    "countable": rng.random() > 0.1,
                    "evidence": rng.choice(["SELF_DECLARED", "EMPLOYER_CERT", "BANK_STATEMENT", "DATA_CHECK"]),
                },
            )
            for position in range(rng.randrange(1, 6))
        ]
        assets = [
            writer.add(
                Asset,
                {
                    "created_at": survey_at,
                    "assessment_id": assessment["id"],
                    "position": position,
                    "kind": (
                        kind := rng.choice(
                            (AssetKind.DEPOSIT, AssetKind.DEPOSIT, AssetKind.VEHICLE, AssetKind.PROPERTY)
                        )
                    ),
                    "owner": applicant_name,
                    "value_fen": rng.randrange(500, 80_000) * 100,
                    "description": ASSET_DESCRIPTIONS[kind],
                    "details": dict(ASSET_DETAILS[kind]),
                },
            )
            for position in range(rng.randrange(0, 3))
        ]
        expenses = [
            writer.add(
                RigidExpense,
                {
                    "created_at": survey_at,
                    "assessment_id": assessment["id"],
                    "position": position,
                    "kind": rng.choice((RigidExpenseKind.MEDICAL, RigidExpenseKind.EDUCATION, RigidExpenseKind.REHAB)),
                    "amount_12m_fen": rng.randrange(500, 30_000) * 100,
                },
            )
            for position in range(rng.choice((0, 0, 1, 2)))
        ]
        result = run_means_test(
            [_Row(m) for m in members],
            [_Row(i) for i in incomes],
            [_Row(e) for e in expenses],
            [_Row(a) for a in assets],
            survey_date=survey_day,
            params=params,
            locality=village.town_code[:6],
        )
        assessment["household_size"] = result.household_size
        assessment["per_capita_monthly_income_fen"] = result.per_capita_monthly_income_fen
        assessment["suggestion"] = result.suggestion or ""
        writer.checkpoint()


class _Row:
    """Attribute access over a generated row, so the domain rules read it like a table object."""

    def __init__(self, row: dict[str, object]) -> None:
        self.__dict__.update(row)


def _member(
    writer: BulkWriter,
    assessment: dict[str, object],
    position: int,
    relation: Relation,
    name: str,
    sex: Sex,
    birth: date,
    id_number: str,
    today: date,
) -> dict[str, object]:
    rng = writer.rng
    age = age_on(birth, today)
    health = rng.choice((Health.HEALTHY,) * 4 + (Health.CHRONIC, Health.MAJOR_ILLNESS, Health.DISABLED))
    disabled = health == Health.DISABLED
    capacity = (
        LaborCapacity.NONE
        if age >= 60 or age < 16 or disabled
        else rng.choice((LaborCapacity.ABLE, LaborCapacity.ABLE, LaborCapacity.PARTIAL))
    )
    return writer.add(
        HouseholdMember,
        {
            "created_at": assessment["created_at"],
            "assessment_id": assessment["id"],
            "position": position,
            "name": name,
            "relation": relation,
            "id_number": id_number,
            "sex": sex,
            "birth_date": birth,
            "co_resident": rng.random() > 0.05,
            "health": health,
            "major_illness": "尿毒症" if health == Health.MAJOR_ILLNESS else "",
            "disability_type": rng.choice(("PHYSICAL", "INTELLECTUAL", "VISUAL")) if disabled else "",
            "disability_level": rng.randrange(1, 5) if disabled else None,
            "labor_capacity": capacity,
            "employment": "NONE" if capacity == LaborCapacity.NONE else rng.choice(("FARMING", "FLEXIBLE", "EMPLOYED")),
            "self_care": {},
            "special_flags": [],
        },
    )
