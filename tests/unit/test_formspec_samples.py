"""Complete, valid answers for every form, as a worker would finalise them; each passes its form cleanly."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from fieldvisit.domain.assistance import Sex
from fieldvisit.domain.resident_id import make_id_number
from fieldvisit.formspec import FormSpec, load_all_forms, relevant_fields, validate

TODAY = date(2025, 6, 1)
APPLICANT_ID = make_id_number("330282", date(1968, 3, 5), 12, Sex.MALE)
SPOUSE_ID = make_id_number("330282", date(1970, 7, 9), 3, Sex.FEMALE)
CHILD_ID = make_id_number("330282", date(2014, 9, 1), 7, Sex.FEMALE)
PARTY_ID = make_id_number("330282", date(1955, 1, 20), 40, Sex.MALE)


def household_assessment() -> dict[str, Any]:
    return {
        "survey_no": "CX-330282107-2025-0001",
        "assistance_type": "MINIMUM_LIVING",
        "survey_kind": "NEW_APPLICATION",
        "town_code": "330282107",
        "village_id": "330282107201",
        "survey_at": datetime(2025, 5, 30, 1, 30, tzinfo=UTC),
        "methods": ["HOME", "NEIGHBOURS"],
        "investigators": [
            {"name": "王芳", "unit": "观海卫镇社会事务办", "role": "救助协理员"},
            {"name": "李强", "unit": "卫东村村委会", "role": "村干部"},
        ],
        "assistants": [{"name": "陈小红", "role": "网格员"}],
        "applicant_name": "张建国",
        "applicant_id_number": APPLICANT_ID,
        "hukou_address": "慈溪市观海卫镇卫东村12号",
        "residence_address": "慈溪市观海卫镇卫东村12号",
        "hukou_type": "RURAL",
        "phone": "13805741234",
        "household_size": 2,
        "is_relative_of_staff": False,
        "hardship_reasons": ["ILLNESS", "DISABILITY"],
        "bank.bank_name": "慈溪农商银行",
        "bank.holder": "张建国",
        "bank.account": "6230911234567890123",
        "members": [
            {
                "name": "张建国",
                "relation": "SELF",
                "id_number": APPLICANT_ID,
                "co_resident": True,
                "health": "MAJOR_ILLNESS",
                "major_illness": "尿毒症",
                "labor_capacity": "PARTIAL",
                "employment": "NONE",
            },
            {
                "name": "刘秀英",
                "relation": "SPOUSE",
                "id_number": SPOUSE_ID,
                "co_resident": True,
                "health": "DISABLED",
                "disability_type": "PHYSICAL",
                "disability_level": 2,
                "labor_capacity": "NONE",
            },
        ],
        "obligors": [
            {"name": "张伟", "relation": "SON", "obligor_household_size": 3, "support_paid_monthly_fen": 50000}
        ],
        "income_items": [
            {"category": "TRANSFER", "item": "赡养费", "amount_12m_fen": 600000, "countable": True},
            {"category": "OTHER", "item": "残疾人两项补贴", "amount_12m_fen": "1,800.00", "countable": False},
        ],
        "per_capita_monthly_income_fen": 25000,
        "suggestion": "MINIMUM_LIVING",
        "financial_assets": [{"kind": "DEPOSIT", "owner": "张建国", "value_fen": 1200000}],
        "vehicles": [{"details.vehicle_type": "MOBILITY", "value_fen": 300000, "details.use": "PRIVATE"}],
        "properties": [{"details.address": "卫东村12号", "details.nature": "SELF_BUILT", "details.area_m2": 86.5}],
        "rigid_expenses": [{"kind": "MEDICAL", "amount_12m_fen": 4200000, "note": "透析自付"}],
        "housing.structure": "BRICK_WOOD",
        "housing.area_m2": "86.5",
        "housing.decoration": "SIMPLE",
        "housing.tenure": "OWNED",
        "appliances": ["TV", "FRIDGE"],
        "utilities_monthly_fen": "180",
        "high_consumption_signs": False,
        "food_clothing": "饮食简单，衣着朴素",
        "neighbour_findings": "邻居反映夫妻二人长期看病，生活困难，情况属实",
        "investigator_opinion": "ELIGIBLE",
        "sig_investigators": ["att-1", "att-2"],
        "sig_members": ["att-3"],
        "consent_signed": True,
        "photo_consent": ["att-4"],
        "photo_exterior": ["att-5"],
        "photo_interior": ["att-6"],
        "photo_group": ["att-7"],
    }


def child_file() -> dict[str, Any]:
    return {
        "town_code": "330282107",
        "village_id": "330282107201",
        "file_no": "ET-330282107-0001",
        "primary_category": "DE_FACTO_UNSUPPORTED",
        "flags": ["PRISONER_CHILD"],
        "recognized_at": date(2023, 4, 10),
        "recognition_ref": "慈民〔2023〕12号",
        "name": "陈思䶮",
        "id_number": CHILD_ID,
        "sex": "FEMALE",
        "birth_date": date(2014, 9, 1),
        "ethnicity": "01",
        "hukou_address": "慈溪市观海卫镇卫东村3号",
        "residence_address": "慈溪市观海卫镇卫东村3号",
        "father.name": "陈某",
        "father.status": "IMPRISONED",
        "father.work_place": "浙江省某监狱",
        "father.since": date(2021, 11, 1),
        "mother.status": "LOST_CONTACT",
        "mother.since": "2020-06-01",
        "guardian.name": "陈阿婆",
        "guardian.relation": "祖母",
        "guardian.age": 71,
        "guardian.health": "CHRONIC",
        "guardian.phone": "0574-63012345",
        "guardian.lives_with_child": True,
        "guardianship_rating": "FAIR",
        "schooling": "PRIMARY",
        "school_name": "观海卫镇卫东小学",
        "grade": "五年级",
        "health": "HEALTHY",
        "family_assistance": ["MINIMUM_LIVING"],
        "benefits": [{"type": "UNSUPPORTED_ALLOWANCE", "monthly_amount_fen": 241900, "start_month": date(2023, 5, 1)}],
        "risk_level": "YELLOW",
        "suggested_risk_level": "YELLOW",
        "next_visit_due": date(2025, 6, 30),
        "director_id": "user-director",
        "supervisor_id": "user-supervisor",
        "status": "ACTIVE",
        "sig_director": ["att-1"],
        "extra.filled_on": date(2025, 5, 20),
    }


def child_visit() -> dict[str, Any]:
    return {
        "child_name": "陈思䶮",
        "visit_at": "2025-05-28 15:30",
        "mode": "HOME",
        "visitor": "王芳",
        "companions": ["李强"],
        "saw_child": True,
        "guardian_present": True,
        "guardian_changed": False,
        "guardianship_rating": "FAIR",
        "living.food": "GOOD",
        "living.hygiene": "FAIR",
        "safety": ["NONE"],
        "school": "NORMAL",
        "psych": ["LOW_MOOD"],
        "extra.psych_note": "想念妈妈 😢",
        "parent_last_met_months": 18,
        "benefits_ok": True,
        "needs": ["PSYCHOLOGICAL"],
        "referrals": [{"target": "SOCIAL_WORK_AGENCY", "reason": "心理疏导", "referred_on": date(2025, 5, 28)}],
        "mandatory_report_triggered": False,
        "suggested_risk_level": "YELLOW",
        "risk_level": "YELLOW",
        "sig_visitor": ["att-1"],
        "sig_guardian": ["att-2"],
    }


def patrol() -> dict[str, Any]:
    return {
        "patrol_no": "XC-330282107-20250528-01",
        "town_code": "330282107",
        "patrol_date": date(2025, 5, 28),
        "start_at": datetime(2025, 5, 28, 0, 30, tzinfo=UTC),
        "end_at": datetime(2025, 5, 28, 3, 0, tzinfo=UTC),
        "inspectors": [{"name": "赵刚", "unit": "观海卫镇"}, {"name": "孙丽", "unit": "观海卫镇"}],
        "area": "五磊山东麓",
        "zone_types": ["FOREST"],
        "mode": "ON_FOOT",
        "found_issue": True,
        "case_ids": ["case-1"],
        "on_site_action": "REGISTER",
        "on_site_note": "已登记台账，拍照取证",
        "sig_inspectors": ["att-1", "att-2"],
    }


def grave_case() -> dict[str, Any]:
    return {
        "case_no": "FM-330282107-2025-001",
        "source": "PATROL",
        "found_on": date(2025, 5, 28),
        "patrol_id": "patrol-1",
        "town_code": "330282107",
        "village_id": "330282107201",
        "place_name": "大岐山脚",
        "latitude": 30.19,
        "longitude": 121.33,
        "zone_type": "FOREST",
        "violation_types": ["HARDENED_LARGE", "IN_PROHIBITED_ZONE"],
        "build_state": "OCCUPIED",
        "grave_kind": "REMAINS",
        "capacity": "DOUBLE",
        "area_m2": "12.5",
        "stone_height_m": 1.2,
        "materials": ["STONE", "CEMENT"],
        "unknown_owner": False,
        "party.name": "周某",
        "party.id_number": PARTY_ID,
        "party.phone": "13905748888",
        "deceased_name": "周某某",
        "buried_on": date(2024, 12, 1),
        "photo_wide": ["att-1"],
        "photo_mid": ["att-2"],
        "photo_closeup": ["att-3"],
        "status": "REGISTERED",
    }


def reinspection() -> dict[str, Any]:
    return {
        "case_no": "FM-330282107-2025-001",
        "inspected_on": date(2025, 6, 1),
        "inspectors": [{"name": "赵刚"}, {"name": "孙丽"}],
        "result": "REDUCED",
        "area_m2_after": 5.5,
        "photo_after_wide": ["att-1"],
        "photo_after_mid": ["att-2"],
        "conclusion": "CLOSE",
        "sig_inspectors": ["att-3", "att-4"],
    }


def rectification_notice() -> dict[str, Any]:
    return {
        "notice_no": "慈民殡〔2025〕第001号",
        "issuer_name": "慈溪市民政局",
        "issued_on": date(2025, 5, 29),
        "party.name": "周某",
        "party.id_number": PARTY_ID,
        "party.address": "慈溪市观海卫镇某村",
        "party.phone": "13905748888",
        "extra.violation_types": ["HARDENED_LARGE"],
        "facts": "经查，你于2024年12月起在观海卫镇某村大岐山脚建造坟墓一座，占地约12.5平方米，使用石材、水泥。",
        "legal_basis_id": "lb-1997",
        "legal_basis_text": "上述行为违反了《殡葬管理条例》第十条的规定。根据《殡葬管理条例》第二十条之规定……",
        "remedies": ["REMOVE_HARDENING", "RESTORE_LAND"],
        "deadline_days": 15,
        "deadline": date(2025, 6, 13),
        "review_body": "慈溪市人民政府",
        "court": "慈溪市人民法院",
        "contact_name": "赵刚",
        "contact_phone": "0574-63012345",
        "method": "DIRECT",
        "place": "当事人住所",
        "served_at": datetime(2025, 5, 29, 2, 0, tzinfo=UTC),
        "recipient_name": "周某",
        "sig_recipient": ["att-1"],
        "servers": ["赵刚", "孙丽"],
        "sig_servers": ["att-2", "att-3"],
    }


GOOD_VALUES = {
    "household_assessment": household_assessment,
    "child_file": child_file,
    "child_visit": child_visit,
    "patrol": patrol,
    "grave_case": grave_case,
    "reinspection": reinspection,
    "rectification_notice": rectification_notice,
}


@pytest.fixture(scope="module")
def forms() -> dict[str, FormSpec]:
    return load_all_forms()


def test_every_form_has_a_sample(forms: dict[str, FormSpec]) -> None:
    assert set(GOOD_VALUES) == set(forms)


@pytest.mark.parametrize("form_id", sorted(GOOD_VALUES))
@pytest.mark.parametrize("final", [False, True])
def test_complete_answers_pass(forms: dict[str, FormSpec], form_id: str, final: bool) -> None:
    values = GOOD_VALUES[form_id]()
    assert validate(forms[form_id], values, today=TODAY, final=final) == []


@pytest.mark.parametrize("form_id", sorted(GOOD_VALUES))
def test_validation_leaves_the_answers_untouched(forms: dict[str, FormSpec], form_id: str) -> None:
    values = GOOD_VALUES[form_id]()
    validate(forms[form_id], values, today=TODAY, final=True)
    relevant_fields(forms[form_id], values, today=TODAY)
    assert values == GOOD_VALUES[form_id]()


@pytest.mark.parametrize("form_id", sorted(GOOD_VALUES))
def test_an_empty_draft_has_no_errors(forms: dict[str, FormSpec], form_id: str) -> None:
    assert validate(forms[form_id], {}, today=TODAY, final=False) == []
