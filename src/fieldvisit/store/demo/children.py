"""Demo children: files in every category and risk colour, with one to three years of visits, some overdue."""

from __future__ import annotations

from datetime import date, timedelta
from random import Random
from typing import Any

from fieldvisit.domain.assistance import Health, LaborCapacity
from fieldvisit.domain.base import RecordState
from fieldvisit.domain.child_rules import next_visit_due, visit_interval
from fieldvisit.domain.children import (
    ChildCategory,
    ChildChange,
    ChildFile,
    ChildStatus,
    ChildVisit,
    GuardianshipRating,
    ParentStatus,
    PsychSign,
    Referral,
    ReferralTarget,
    RiskLevel,
    SafetyFinding,
    SchoolStatus,
    VisitMode,
)
from fieldvisit.domain.numbering import format_child_file_no
from fieldvisit.domain.parameters import ParameterSet
from fieldvisit.domain.places import Village
from fieldvisit.domain.resident_id import age_on
from fieldvisit.domain.shared import User
from fieldvisit.store.demo.bulk import BulkWriter, Sequences, at_local
from fieldvisit.store.demo.people import PersonFactory

CATEGORY_WEIGHTS = (
    (ChildCategory.LEFT_BEHIND, 40),
    (ChildCategory.IN_DIFFICULTY, 35),
    (ChildCategory.DE_FACTO_UNSUPPORTED, 15),
    (ChildCategory.ORPHAN, 10),
)
RISK_WEIGHTS = ((RiskLevel.GREEN, 50), (RiskLevel.BLUE, 25), (RiskLevel.YELLOW, 18), (RiskLevel.RED, 7))
UNSAFE_FINDINGS = tuple(SafetyFinding)[1:]
RATINGS = tuple(GuardianshipRating)
SCHOOL_BY_AGE = ((3, "PRESCHOOL"), (6, "KINDERGARTEN"), (12, "PRIMARY"), (15, "JUNIOR"), (18, "SENIOR"))
HAN_ETHNICITY = "01"  # GB/T 3304 code of 汉族
GUARDIAN_HEALTH = ((Health.HEALTHY, 70), (Health.CHRONIC, 15), (Health.MAJOR_ILLNESS, 7), (Health.DISABLED, 8))
GUARDIAN_CAPACITY = {
    Health.HEALTHY: LaborCapacity.ABLE,
    Health.CHRONIC: LaborCapacity.PARTIAL,
    Health.MAJOR_ILLNESS: LaborCapacity.NONE,
    Health.DISABLED: LaborCapacity.PARTIAL,
}
BENEFITS = {
    ChildCategory.ORPHAN: ("ORPHAN_ALLOWANCE", "orphan_scattered_standard"),
    ChildCategory.DE_FACTO_UNSUPPORTED: ("UNSUPPORTED_ALLOWANCE", "difficult_child_standard"),
    ChildCategory.IN_DIFFICULTY: ("DIFFICULTY_ALLOWANCE", "difficult_child_standard"),
}
"""The basic living allowance of each category, with the parameter that sets its monthly amount."""


def _schooling(age: int) -> str:
    return next((code for limit, code in SCHOOL_BY_AGE if age < limit), "SENIOR")


def generate_children(
    writer: BulkWriter,
    people: PersonFactory,
    villages: list[Village],
    directors: dict[str, User],
    supervisors: dict[str, User],
    params: ParameterSet,
    today: date,
    count: int,
) -> None:
    """Write `count` child files with their visit history; about one in seven is overdue."""
    rng = writer.rng
    categories = [c for c, _ in CATEGORY_WEIGHTS]
    category_weights = [w for _, w in CATEGORY_WEIGHTS]
    risks = [r for r, _ in RISK_WEIGHTS]
    risk_weights = [w for _, w in RISK_WEIGHTS]
    numbers = Sequences()
    for n in range(count):
        village = villages[n % len(villages)]
        director = directors[village.id]
        category = rng.choices(categories, category_weights)[0]
        max_age = 15 if category == ChildCategory.LEFT_BEHIND else 17
        sex = people.sex()
        birth = people.birth_date(today, 2, max_age)
        age = age_on(birth, today)
        name = people.name(sex)
        id_number = people.id_number(birth, sex)
        history_days = rng.randrange(420, 3 * 365 + 120)
        listed_at = today - timedelta(days=history_days)
        risk = rng.choices(risks, risk_weights)[0]
        father_status = (
            ParentStatus.WORKING_AWAY
            if category == ChildCategory.LEFT_BEHIND
            else rng.choice(
                (ParentStatus.DECEASED, ParentStatus.IMPRISONED, ParentStatus.SEVERELY_DISABLED, ParentStatus.PRESENT)
            )
        )
        mother_status = (
            ParentStatus.WORKING_AWAY
            if category == ChildCategory.LEFT_BEHIND
            else rng.choice(
                (ParentStatus.DECEASED, ParentStatus.LOST_CONTACT, ParentStatus.DIVORCED_AWAY, ParentStatus.PRESENT)
            )
        )
        if category == ChildCategory.ORPHAN:
            father_status = mother_status = ParentStatus.DECEASED
        guardian_name = people.name(people.sex(), surname=name[0])
        values = {
            "created_at": at_local(listed_at),
            "form_id": "child_file",
            "form_version": 1,
            "state": RecordState.FINAL,
            "extra": {},
            "file_no": format_child_file_no(village.town_code, numbers.next(village.town_code)),
            "name": name,
            "id_number": id_number,
            "sex": sex,
            "birth_date": birth,
            "ethnicity": HAN_ETHNICITY,
            "hukou_address": f"浙江省慈溪市{village.name}{rng.randrange(1, 300)}号",
            "residence_address": f"浙江省慈溪市{village.name}{rng.randrange(1, 300)}号",
            "town_code": village.town_code,
            "village_id": village.id,
            "primary_category": category,
            "difficulty_kinds": [rng.choice(("POVERTY", "DISABILITY", "GUARDIANSHIP"))]
            if category == ChildCategory.IN_DIFFICULTY
            else [],
            "flags": ["ASSISTANCE_FAMILY"] if rng.random() < 0.3 else [],
            "listed_at": listed_at,
            "health": "HEALTHY" if rng.random() < 0.8 else "ILL",
            "schooling": _schooling(age),
            "school_name": f"{village.name.rstrip('村社区')}小学" if 6 <= age < 12 else "",
            "father": {"name": people.name(type(sex).MALE, surname=name[0]), "status": father_status},
            "mother": {"name": people.name(type(sex).FEMALE), "status": mother_status},
            "guardian": {
                "name": guardian_name,
                "relation": rng.choice(("祖父", "祖母", "外婆", "叔叔")),
                "phone": people.phone(),
            },
            "guardianship_rating": rng.choice(RATINGS),
            "benefits": [],
            "risk_level": risk,
            "director_id": director.id,
            "supervisor_id": supervisors[village.town_code].id,
            "status": ChildStatus.ACTIVE,
        }
        _add_support(values, Random(n), params, today)
        child = writer.add(ChildFile, values)
        writer.index_person(
            "child_file",
            child["id"],
            ("child_file", child["id"]),
            name,
            id_number=id_number,
            town_code=village.town_code,
            village_id=village.id,
        )
        # Red means weekly contact only until downgraded: the history before it ran at most monthly.
        history_risk = RiskLevel.YELLOW if risk == RiskLevel.RED else risk
        last_visit = _visits(writer, child, director, category, history_risk, listed_at, today, params)
        child["last_visit_on"] = last_visit
        due = next_visit_due(last_visit, risk, category, [], params, on=today) if last_visit else listed_at
        if rng.random() < 0.14:
            due = today - timedelta(days=rng.randrange(1, 60))
        child["next_visit_due"] = due
        if rng.random() < 0.25:
            writer.add(
                ChildChange,
                {
                    "created_at": at_local(listed_at + timedelta(days=120)),
                    "child_id": child["id"],
                    "changed_on": listed_at + timedelta(days=120),
                    "field": "risk_level",
                    "old_value": RiskLevel.GREEN,
                    "new_value": risk,
                    "reason": "探访发现情况变化",
                },
            )
        writer.checkpoint()


def _add_support(values: dict[str, Any], rng: Random, params: ParameterSet, today: date) -> None:
    """The guardian's health and capacity to work, the family's assistance and the child's allowance (drawn
    from their own generator, so the rest of the demo stays as it was)."""
    health = rng.choices([h for h, _ in GUARDIAN_HEALTH], [w for _, w in GUARDIAN_HEALTH])[0]
    values["guardian"] = {**values["guardian"], "health": health, "labor_capacity": GUARDIAN_CAPACITY[health]}
    values["family_assistance"] = ["MINIMUM_LIVING"] if "ASSISTANCE_FAMILY" in values["flags"] else ["NONE"]
    benefit = BENEFITS.get(values["primary_category"])
    if benefit is not None:
        kind, standard = benefit
        start = values["listed_at"].replace(day=1)
        values["benefits"] = [
            {"type": kind, "monthly_amount_fen": params.integer(standard, today), "start_month": start.isoformat()}
        ]


def _visits(
    writer: BulkWriter,
    child: dict[str, object],
    director: User,
    category: ChildCategory,
    risk: RiskLevel,
    listed_at: date,
    today: date,
    params: ParameterSet,
) -> date | None:
    """Visits from listing until about now, at the interval the schedule asks for; returns the last date."""
    rng = writer.rng
    interval_days = visit_interval(risk, category, [], params, today).days
    day = listed_at + timedelta(days=rng.randrange(1, 6))
    last: date | None = None
    while day < today:
        visit_at = at_local(day, rng.randrange(8, 18), rng.choice((0, 20, 40)))
        findings = [SafetyFinding.NONE] if rng.random() < 0.93 else [rng.choice(UNSAFE_FINDINGS)]
        triggered = bool(
            set(findings) & {"ALONE_UNCARED", "MISSING", "SUSPECTED_DOMESTIC_VIOLENCE", "SUSPECTED_INJURY"}
        )
        visit = writer.add(
            ChildVisit,
            {
                "created_at": visit_at,
                "form_id": "child_visit",
                "form_version": 1,
                "state": RecordState.FINAL,
                "extra": {},
                "child_id": child["id"],
                "visit_at": visit_at,
                "mode": rng.choice((VisitMode.HOME,) * 6 + (VisitMode.PHONE, VisitMode.SCHOOL)),
                "visitor": director.display_name,
                "visitor_id": director.id,
                "companions": [],
                "saw_child": True,
                "guardian_present": rng.random() < 0.9,
                "guardianship_rating": rng.choice(RATINGS),
                "living": {"food": "GOOD", "clothing": "GOOD", "housing_safety": "FAIR", "hygiene": "GOOD"},
                "safety": list(findings),
                "school": SchoolStatus.NORMAL,
                "psych": [PsychSign.NORMAL] if rng.random() < 0.85 else [PsychSign.LOW_MOOD],
                "needs": ["EDUCATION"] if rng.random() < 0.2 else [],
                "services_given": "了解近况，叮嘱监护人注意安全。",
                "mandatory_report_triggered": triggered,
                "mandatory_report_to": ["POLICE", "CIVIL_AFFAIRS"] if triggered else [],
                "mandatory_report_at": visit_at if triggered else None,
                "risk_level": risk,
                "suggested_risk_level": risk,
            },
        )
        if triggered:
            writer.add(
                Referral,
                {
                    "created_at": visit_at,
                    "child_id": child["id"],
                    "visit_id": visit["id"],
                    "target": ReferralTarget.POLICE,
                    "reason": "探访发现安全隐患，按强制报告要求报告。",
                    "referred_on": day,
                },
            )
        last = day
        day += timedelta(days=max(7, interval_days + rng.randrange(-5, 6)))
    return last
