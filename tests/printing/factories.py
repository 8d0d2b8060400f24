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
from fieldvisit.printing.snapshots import (
    CalculationLine,
    HouseholdSnapshot,
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


def photo(seed: int, caption: str, when: datetime) -> Photo:
    return Photo(
        image=photo_bytes(seed),
        caption=caption,
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
        form_version=2,
        survey_no="CX-330282107-2026-0042",
        assistance_type=AssistanceType.MINIMUM_LIVING,
        survey_kind=SurveyKind.NEW_APPLICATION,
        town_code=TOWN_CODE,
        village_id="330282107201",
        methods=["入户调查", "邻里访问"],
        survey_at=survey_at,
        investigators=[
            {"name": "周建国", "unit": "观海卫镇社会事务办", "role": "社工"},
            {"name": "孙丽萍", "unit": "卫东村社会救助协理员", "role": "协理员"},
        ],
        applicant_name=MEMBER_NAMES[0],
        applicant_id_number=id_number(date(1968, 5, 17), 31, Sex.MALE),
        hukou_address="浙江省慈溪市观海卫镇卫东村卫东路18号",
        residence_address="浙江省慈溪市观海卫镇卫东村卫东路18号",
        hukou_type="农村",
        phone="13957412345",
        is_relative_of_staff=False,
        hardship_reasons=["疾病", "缺乏劳动力"],
        bank={"bankName": "慈溪农村商业银行观海卫支行", "holder": MEMBER_NAMES[0], "account": "6217000010023456789"},
        housing={"structure": "砖混", "areaM2": 86.5, "decoration": "简单", "tenure": "自有"},
        appliances=["电视机", "冰箱", "洗衣机"],
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
            employment=["无业", "灵活就业", "务农", "在校学生"][i % 4],
        )
        if i == 5:
            person.co_resident = False
            person.exclusion_reason = ExclusionReason.IMPRISONED
        people.append(person)
    income = [
        IncomeItem(category=IncomeCategory.WAGES, item="灵活就业收入", member_id_number=people[1].id_number,
                   amount_12m_fen=1_800_000, evidence="本人申报", position=0),
        IncomeItem(category=IncomeCategory.BUSINESS, item="种植(水稻)", amount_12m_fen=420_000, evidence="估算",
                   position=1),
        IncomeItem(category=IncomeCategory.TRANSFER, item="子女赡养费", amount_12m_fen=360_000, evidence="本人申报",
                   position=2),
        IncomeItem(category=IncomeCategory.TRANSFER, item="优待抚恤金", amount_12m_fen=240_000, countable=False,
                   evidence="信息核对", note="不计入", position=3),
    ]  # fmt: skip
    assets = [
        Asset(kind=AssetKind.DEPOSIT, owner=MEMBER_NAMES[0], value_fen=1_250_000, description="银行存款两笔"),
        Asset(kind=AssetKind.VEHICLE, owner=MEMBER_NAMES[1], value_fen=300_000, description="电动自行车，自用"),
        Asset(kind=AssetKind.PROPERTY, owner=MEMBER_NAMES[0], value_fen=0, description="自建房一处，86.5平方米"),
    ]
    rigid = [
        RigidExpense(kind=RigidExpenseKind.MEDICAL, amount_12m_fen=2_360_000, note="透析自付部分，有票据", position=0),
        RigidExpense(kind=RigidExpenseKind.EDUCATION, amount_12m_fen=180_000, note="高中住宿费", position=1),
    ]
    obligors = [
        SupportObligor(name="王建国", relation="兄", id_number=id_number(date(1965, 2, 3), 77, Sex.MALE),
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
    captions = ("住房外观(含门牌)", "室内(厨房)", "调查人员与家庭成员合影", "证件(残疾证)", "票据")
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
            photo(i, captions[i % len(captions)], survey_at + timedelta(minutes=5 * i)) for i in range(photos)
        ),
        signatures=sigs,
        show_full_ids=full_ids,
    )
