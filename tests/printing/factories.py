"""Realistic snapshots for the printing tests: Cixi places, Chinese names with rare characters, valid ID numbers."""

from __future__ import annotations

import io
import math
from datetime import UTC, date, datetime, timedelta

from PIL import Image, ImageDraw

from fieldvisit.domain.assistance import (
    Asset,
    AssetKind,
    AssistanceType,
    DisabilityType,
    ExclusionReason,
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
    SupportObligor,
    SurveyKind,
)
from fieldvisit.domain.children import (
    ChildCategory,
    ChildChange,
    ChildFile,
    ChildService,
    ChildVisit,
    GuardianshipRating,
    PsychSign,
    Referral,
    ReferralTarget,
    RiskLevel,
    SafetyFinding,
    SchoolStatus,
    VisitMode,
)
from fieldvisit.printing.snapshots import (
    CalculationLine,
    ChildFileSnapshot,
    ChildVisitSnapshot,
    DossierSnapshot,
    HouseholdSnapshot,
    OverdueEntry,
    OverdueRosterSnapshot,
    Photo,
    Signature,
    SignerRole,
)

TOWN_CODE = "330282107"
TOWN = "观海卫镇"
RARE_NAMES = ("王𠮷", "李䶮", "张〇", "陈㐂", "龘小宝", "吴𡈽生")
MEMBER_NAMES = (
    "王𠮷", "李䶮", "王建华", "王丽娟", "王子涵", "王子轩", "陈秀英", "王伟", "张〇", "王梓萱", "王浩然", "王雨桐",
    "王思远", "王若溪", "王一诺", "王嘉怡",
)  # fmt: skip
VILLAGES = ("卫东村", "卫西村", "五里村", "方家村", "师东村")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_number(birth: date, seq: int, sex: Sex, region: str = "330282") -> str:
    """A valid 18-character resident ID number (GB 11643 check digit)."""
    order = seq * 2 + (1 if sex is Sex.MALE else 0)
    first17 = f"{region}{birth:%Y%m%d}{order % 1000:03d}"
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True)) % 11]


def at(year: int, month: int, day: int, hour: int = 9, minute: int = 30) -> datetime:
    """A China Standard Time wall-clock moment, stored as aware UTC."""
    return datetime(year, month, day, hour, minute, tzinfo=UTC) - timedelta(hours=8)


def photo_bytes(seed: int, size: tuple[int, int] = (1600, 1200)) -> bytes:
    """A JPEG that looks like a photo: a sky-to-ground gradient, a house and a door plate."""
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    w, h = size
    for y in range(h):
        t = y / h
        draw.line([(0, y), (w, y)], fill=(int(120 + 100 * t), int(170 - 40 * t), int(220 - 150 * t)))
    x0 = 200 + (seed * 97) % 400
    draw.rectangle([x0, h // 3, x0 + 700, h - 150], fill=(190, 180, 160), outline=(60, 50, 40), width=6)
    draw.polygon([(x0 - 60, h // 3), (x0 + 350, h // 8), (x0 + 760, h // 3)], fill=(140, 60, 50))
    draw.rectangle([x0 + 300, h // 2, x0 + 420, h - 150], fill=(90, 60, 40))
    draw.rectangle([x0 + 470, h // 2, x0 + 600, h // 2 + 60], fill=(30, 80, 160))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def signature_bytes(seed: int) -> bytes:
    """A PNG scribble standing in for a captured signature."""
    image = Image.new("RGB", (600, 200), "white")
    draw = ImageDraw.Draw(image)
    points = [(40 + i * 5, 100 + 45 * math.sin(i / (4 + seed % 3)) + 20 * math.cos(i / 2.5)) for i in range(105)]
    draw.line(points, fill="black", width=6)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def photo(seed: int, caption: str, when: datetime, *, kind: str = "") -> Photo:
    return Photo(
        image=photo_bytes(seed),
        caption=caption,
        kind=kind,
        taken_at=when,
        latitude=30.2141 + seed / 1000,
        longitude=121.4268 + seed / 1000,
        sha256=f"{seed:02x}" * 32,
        photographer="周建国",
    )


# 社会救助


def household(members: int = 4, *, photos: int = 3, full_ids: bool = False) -> HouseholdSnapshot:
    """A 低保 household visit in 卫东村 with `members` people (the first two have rare-character names)."""
    survey_at = at(2026, 3, 12, 9, 40)
    assessment = HouseholdAssessment(
        form_id="household_assessment",
        form_version=1,
        survey_no="CX-330282107-2026-0042",
        assistance_type=AssistanceType.MINIMUM_LIVING,
        survey_kind=SurveyKind.NEW_APPLICATION,
        town_code=TOWN_CODE,
        village_id="330282107201",
        methods=["HOME", "NEIGHBOURS"],
        survey_at=survey_at,
        investigators=[
            {"name": "周建国", "unit": "观海卫镇社会事务办", "role": "社工"},
            {"name": "孙丽萍", "unit": "卫东村社会救助协理员", "role": "协理员"},
        ],
        applicant_name=MEMBER_NAMES[0],
        applicant_id_number=id_number(date(1968, 5, 17), 31, Sex.MALE),
        hukou_address="浙江省慈溪市观海卫镇卫东村卫东路18号",
        residence_address="浙江省慈溪市观海卫镇卫东村卫东路18号",
        hukou_type="RURAL",
        phone="13957412345",
        is_relative_of_staff=False,
        hardship_reasons=["ILLNESS", "NO_LABOUR"],
        bank={"bank_name": "慈溪农村商业银行观海卫支行", "holder": MEMBER_NAMES[0], "account": "6217000010023456789"},
        housing={"structure": "BRICK_CONCRETE", "area_m2": 86.5, "decoration": "SIMPLE", "tenure": "OWNED"},
        appliances=["TV", "FRIDGE", "WASHER"],
        utilities_monthly_fen=18600,
        food_clothing="一日三餐正常，衣着朴素，无高档服饰。",
        neighbour_findings="走访邻居陈秀英、王伟，反映申请人患尿毒症多年，长期透析，家庭生活困难，情况属实。",
        investigator_opinion=InvestigatorOpinion.ELIGIBLE,
        opinion_text="经入户调查，该户家庭人均月收入低于当地低保标准，财产状况符合规定，建议纳入最低生活保障。",
        consent_signed=True,
        household_size=members,
        per_capita_monthly_income_fen=71250,
        suggestion=AssistanceType.MINIMUM_LIVING,
    )
    people = []
    relations = [Relation.SELF, Relation.SPOUSE, Relation.SON, Relation.DAUGHTER, Relation.GRANDCHILD]
    for i in range(members):
        sex = Sex.MALE if i % 2 == 0 else Sex.FEMALE
        birth = date(1968 - (i == 1) * 2 + i * 7 % 40, 1 + i % 12, 1 + (i * 5) % 28)
        person = HouseholdMember(
            assessment_id=assessment.id,
            position=i,
            name=MEMBER_NAMES[i % len(MEMBER_NAMES)],
            relation=relations[min(i, 4)],
            id_number=id_number(birth, 100 + i, sex),
            sex=sex,
            birth_date=birth,
            health=[Health.MAJOR_ILLNESS, Health.CHRONIC, Health.HEALTHY, Health.DISABLED][i % 4],
            major_illness="尿毒症" if i == 0 else "",
            disability_type=DisabilityType.PHYSICAL if i % 4 == 3 else "",
            disability_level=2 if i % 4 == 3 else None,
            labor_capacity=[LaborCapacity.NONE, LaborCapacity.PARTIAL, LaborCapacity.ABLE][i % 3],
            employment=["NONE", "FLEXIBLE", "FARMING", "STUDENT"][i % 4],
        )
        if i == 5:
            person.co_resident = False
            person.exclusion_reason = ExclusionReason.IMPRISONED
        people.append(person)
    income = [
        IncomeItem(category=IncomeCategory.WAGES, item="灵活就业收入", member_id_number=people[1].id_number,
                   amount_12m_fen=1_800_000, evidence="SELF_DECLARED", position=0),
        IncomeItem(category=IncomeCategory.BUSINESS, item="种植(水稻)", amount_12m_fen=420_000, evidence="ESTIMATE",
                   position=1),
        IncomeItem(category=IncomeCategory.TRANSFER, item="子女赡养费", amount_12m_fen=360_000,
                   evidence="SELF_DECLARED", position=2),
        IncomeItem(category=IncomeCategory.TRANSFER, item="优待抚恤金", amount_12m_fen=240_000, countable=False,
                   evidence="DATA_CHECK", note="不计入", position=3),
    ]  # fmt: skip
    assets = [
        Asset(kind=AssetKind.DEPOSIT, owner=MEMBER_NAMES[0], value_fen=1_250_000, description="银行存款两笔"),
        Asset(
            kind=AssetKind.VEHICLE,
            owner=MEMBER_NAMES[1],
            value_fen=300_000,
            description="二手",
            details={
                "vehicle_type": "MOTORCYCLE",
                "plate": "浙B·D1234",
                "use": "PRIVATE",
                "purchase_date": "2019-06-01",
            },
        ),
        Asset(
            kind=AssetKind.PROPERTY,
            owner=MEMBER_NAMES[0],
            value_fen=0,
            details={"nature": "SELF_BUILT", "address": "卫东村卫东路18号", "area_m2": 86.5},
        ),
    ]
    rigid = [
        RigidExpense(kind=RigidExpenseKind.MEDICAL, amount_12m_fen=2_360_000, note="透析自付部分，有票据", position=0),
        RigidExpense(kind=RigidExpenseKind.EDUCATION, amount_12m_fen=180_000, note="高中住宿费", position=1),
    ]
    obligors = [
        SupportObligor(name="王建国", relation=Relation.SIBLING, id_number=id_number(date(1965, 2, 3), 77, Sex.MALE),
                       health=Health.HEALTHY, labor_capacity=LaborCapacity.ABLE, obligor_household_size=3,
                       obligor_per_capita_income_fen=210_000, assets_note="商品房一套", support_paid_monthly_fen=30_000)
    ]  # fmt: skip
    calculation = (
        CalculationLine(label="工资性收入（12个月）", amount_fen=1_800_000, formula="计入项合计"),
        CalculationLine(label="经营净收入（12个月）", amount_fen=420_000, formula="计入项合计"),
        CalculationLine(label="转移净收入（12个月）", amount_fen=360_000, formula="计入项合计"),
        CalculationLine(label="不计入收入", amount_fen=240_000, formula="优待抚恤金等"),
        CalculationLine(label="扣减刚性支出", amount_fen=0, formula="本地规定不扣减"),
        CalculationLine(label="家庭月人均收入", amount_fen=71_250, formula=f"2580000 ÷ 12 ÷ {members}"),
        CalculationLine(label="当地低保标准", amount_fen=118_500, formula="2026年慈溪市标准"),
        CalculationLine(label="低保边缘标准", amount_fen=177_750, formula="1.5 × 低保标准"),
        CalculationLine(label="结论", text="符合最低生活保障条件", formula="月人均收入低于低保标准且财产符合规定"),
    )
    sigs = (
        Signature(role=SignerRole.INVESTIGATOR, name="周建国", image=signature_bytes(1), signed_at=survey_at),
        Signature(role=SignerRole.INVESTIGATOR, name="孙丽萍", image=signature_bytes(2), signed_at=survey_at),
        Signature(role=SignerRole.MEMBER, name=MEMBER_NAMES[0], image=signature_bytes(3), fingerprint=True,
                  signed_at=survey_at),
        Signature(role=SignerRole.MEMBER, name=MEMBER_NAMES[1], image=signature_bytes(4), signed_at=survey_at),
    )  # fmt: skip
    slots = ("photo_exterior", "photo_interior", "photo_group", "photo_documents", "photo_other")
    return HouseholdSnapshot(
        assessment=assessment,
        town_name=TOWN,
        village_name="卫东村",
        members=tuple(people),
        obligors=tuple(obligors),
        income=tuple(income),
        assets=tuple(assets),
        rigid_expenses=tuple(rigid),
        calculation=calculation,
        minimum_living_standard_fen=118_500,
        near_limit_fen=177_750,
        photos=tuple(
            photo(i, "", survey_at + timedelta(minutes=5 * i), kind=slots[i % len(slots)]) for i in range(photos)
        ),
        signatures=sigs,
        show_full_ids=full_ids,
    )


# 未成年人保护


def child_file(*, name: str = "王𠮷", photo_seed: int | None = None, full_ids: bool = False) -> ChildFileSnapshot:
    """A 事实无人抚养 child in 卫东村 whose father is in prison and mother lost contact."""
    birth = date(2014, 9, 3)
    child = ChildFile(
        form_id="child_file",
        form_version=1,
        file_no="ET-330282107-0007",
        name=name,
        id_number=id_number(birth, 418, Sex.MALE),
        sex=Sex.MALE,
        birth_date=birth,
        ethnicity="01",
        hukou_address="浙江省慈溪市观海卫镇卫东村卫东路26号",
        residence_address="浙江省慈溪市观海卫镇卫东村卫东路26号",
        town_code=TOWN_CODE,
        village_id="330282107201",
        primary_category=ChildCategory.DE_FACTO_UNSUPPORTED,
        difficulty_kinds=["GUARDIANSHIP"],
        flags=["ASSISTANCE_FAMILY", "PRISONER_CHILD"],
        recognized_at=date(2023, 5, 10),
        recognition_ref="慈民〔2023〕37号",
        listed_at=date(2023, 5, 12),
        health="HEALTHY",
        schooling="PRIMARY",
        school_name="慈溪市观海卫镇卫东小学",
        grade="六年级",
        father={"name": "王建军", "id_number": id_number(date(1986, 4, 2), 52, Sex.MALE), "status": "IMPRISONED",
                "work_place": "浙江省第一监狱", "since": "2021-11-01"},
        mother={"name": "李䶮", "id_number": id_number(date(1989, 12, 24), 61, Sex.FEMALE), "status": "LOST_CONTACT",
                "since": "2022-02-01"},
        guardian={"name": "陈秀英", "relation": "祖母", "age": 67, "health": "CHRONIC", "phone": "13858012345",
                  "labor_capacity": "PARTIAL", "lives_with_child": True},
        guardianship_rating=GuardianshipRating.FAIR,
        family_assistance=["MINIMUM_LIVING"],
        benefits=[{"type": "UNSUPPORTED_ALLOWANCE", "monthly_amount_fen": 241900, "start_month": "2023-06-01"},
                  {"type": "MINIMUM_LIVING", "monthly_amount_fen": 118500, "start_month": "2023-01-01",
                   "end_month": "2023-05-31"}],
        risk_level=RiskLevel.YELLOW,
        director_id="director-1",
        supervisor_id="supervisor-1",
        last_visit_on=date(2026, 2, 20),
        next_visit_due=date(2026, 3, 20),
        extra={"filled_on": "2023-05-12"},
        created_at=at(2023, 5, 12),
        updated_at=at(2026, 3, 1),
    )  # fmt: skip
    photo_ = photo(photo_seed, "", at(2023, 5, 12)) if photo_seed is not None else None
    return ChildFileSnapshot(
        child=child,
        town_name=TOWN,
        village_name="卫东村",
        director_name="孙丽萍",
        supervisor_name="周建国",
        photo=photo_,
        as_of=date(2026, 3, 12),
        show_full_ids=full_ids,
    )


def visits(child: ChildFile, count: int) -> tuple[ChildVisit, ...]:
    """`count` visits, one every 30 days from 2023-06-01, given in shuffled order."""
    modes = [VisitMode.HOME, VisitMode.PHONE, VisitMode.SCHOOL, VisitMode.HOME]
    out = []
    for i in range(count):
        when = at(2023, 6, 1, 14, 0) + timedelta(days=30 * i)
        worrying = i % 7 == 3
        out.append(
            ChildVisit(
                form_id="child_visit",
                form_version=1,
                child_id=child.id,
                visit_at=when,
                mode=modes[i % len(modes)],
                visitor="孙丽萍",
                companions=["周建国"] if i % 3 == 0 else [],
                saw_child=i % 5 != 4,
                not_seen_reason="儿童在校住宿" if i % 5 == 4 else "",
                guardian_present=True,
                guardianship_rating=GuardianshipRating.FAIR if worrying else GuardianshipRating.GOOD,
                living={"food": "GOOD", "clothing": "GOOD", "housing_safety": "FAIR" if worrying else "GOOD",
                        "hygiene": "GOOD", "note": "屋内电线老化，已提醒祖母请电工检修。" if worrying else ""},
                safety=[SafetyFinding.HAZARD] if worrying else [SafetyFinding.NONE],
                health="身体健康，已参加城乡居民医保。",
                school=SchoolStatus.NORMAL,
                psych=[PsychSign.LOW_MOOD] if worrying else [PsychSign.NORMAL],
                parent_last_met_months=12 + i,
                parent_call_frequency="RARELY",
                benefits_ok=True,
                needs=["EDUCATION", "PSYCHOLOGICAL"] if worrying else ["EDUCATION"],
                needs_note="希望安排课后辅导。",
                services_given=f"第{i + 1}次探访：了解学习生活情况，送去学习用品。",
                suggested_risk_level=RiskLevel.YELLOW,
                risk_level=RiskLevel.YELLOW,
                next_visit_due=(when + timedelta(days=30)).date(),
                notes="",
            )
        )  # fmt: skip
    return tuple(reversed(out))


def referrals(child: ChildFile, visit: ChildVisit) -> tuple[Referral, ...]:
    return (
        Referral(child_id=child.id, visit_id=visit.id, target=ReferralTarget.EDUCATION, reason="安排课后辅导",
                 referred_on=date(2023, 9, 5), result="学校已安排志愿者每周辅导两次"),
        Referral(child_id=child.id, visit_id=visit.id, target=ReferralTarget.SOCIAL_WORK_AGENCY,
                 reason="情绪低落，需心理疏导", referred_on=date(2024, 1, 8), result="社工机构已介入"),
    )  # fmt: skip


def child_visit(*, full_ids: bool = False) -> ChildVisitSnapshot:
    file = child_file(full_ids=full_ids)
    visit = visits(file.child, 4)[0]
    sigs = (
        Signature(role=SignerRole.VISITOR, name="孙丽萍", image=signature_bytes(5)),
        Signature(role=SignerRole.GUARDIAN, name="陈秀英", image=signature_bytes(6), fingerprint=True),
    )
    return ChildVisitSnapshot(
        child=file.child,
        visit=visit,
        referrals=referrals(file.child, visit),
        town_name=TOWN,
        village_name="卫东村",
        signatures=sigs,
        show_full_ids=full_ids,
    )


def dossier(visit_count: int = 40) -> DossierSnapshot:
    file = child_file(photo_seed=9)
    child = file.child
    visit_rows = visits(child, visit_count)
    changes = (
        ChildChange(child_id=child.id, changed_on=date(2023, 5, 12), field="status", old_value="排查发现/待核实",
                    new_value="在册", reason="县级确认为事实无人抚养儿童"),
        ChildChange(child_id=child.id, changed_on=date(2024, 3, 2), field="guardian", old_value="王建国(伯父)",
                    new_value="陈秀英(祖母)", reason="伯父外出务工，改由祖母照料"),
        ChildChange(child_id=child.id, changed_on=date(2025, 9, 1), field="risk_level", old_value="蓝(低)",
                    new_value="黄(中)", reason="探访发现情绪低落、居住安全隐患"),
    )  # fmt: skip
    services = (
        ChildService(child_id=child.id, served_on=date(2023, 7, 1), service_type="学业辅导", provider="卫东村儿童之家",
                     result="暑期每周两次"),
        ChildService(child_id=child.id, served_on=date(2024, 2, 1), service_type="心理疏导", provider="慈溪市阳光社工",
                     result="完成6次个案辅导"),
    )  # fmt: skip
    return DossierSnapshot(
        file=file, visits=visit_rows, referrals=referrals(child, visit_rows[-1]), services=services, changes=changes
    )


def roster(entries: int = 14) -> OverdueRosterSnapshot:
    directors = ("孙丽萍", "吴𡈽生", "陈国强")
    rows = []
    for i in range(entries):
        due = date(2026, 3, 1) - timedelta(days=7 * i)
        rows.append(
            OverdueEntry(
                child_id=f"child-{i}",
                child_name=RARE_NAMES[i % len(RARE_NAMES)] if i < len(RARE_NAMES) else f"{MEMBER_NAMES[i]}",
                file_no=f"ET-330282107-{i + 1:04d}",
                village_name=VILLAGES[i % 3],
                director_name=directors[i % 3],
                category=list(ChildCategory)[i % 4].value,
                risk_level=list(RiskLevel)[i % 4].value,
                last_visit_on=due - timedelta(days=30),
                next_visit_due=due,
            )
        )
    return OverdueRosterSnapshot(
        supervisor_id="supervisor-1", supervisor_name="周建国", town_name=TOWN, as_of=date(2026, 3, 12),
        entries=tuple(rows),
    )  # fmt: skip
