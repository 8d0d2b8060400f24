"""Validation of answers against the shipped forms: bad values get Chinese messages, never exceptions."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.unit.test_formspec_samples import GOOD_VALUES, TODAY

from fieldvisit.formspec import FormSpec, Issue, load_all_forms, relevant_fields, relevant_row_fields, validate

CJK = re.compile(r"[\u4e00-\u9fff]")
RARE_TEXT = "𠮷䶮👨‍👩‍👧 龘"


@pytest.fixture(scope="module")
def forms() -> dict[str, FormSpec]:
    return load_all_forms()


def issues_for(forms: dict[str, FormSpec], form_id: str, final: bool = True, **changes: Any) -> list[Issue]:
    values = GOOD_VALUES[form_id]()
    values.update(changes)
    return validate(forms[form_id], values, today=TODAY, final=final)


def only(issues: list[Issue], key: str) -> list[Issue]:
    return [i for i in issues if i.field_key == key]


def assert_chinese(issues: list[Issue]) -> None:
    assert issues
    for issue in issues:
        assert CJK.search(issue.message_zh), issue
        assert issue.message


# ---------------------------------------------------------------- built-in type checks


@pytest.mark.parametrize("final", [False, True])
def test_wrong_id_checksum(forms: dict[str, FormSpec], final: bool) -> None:
    issues = issues_for(forms, "household_assessment", final, applicant_id_number="360426199101010072")
    assert [i.message_zh for i in issues] == ["公民身份号码：身份证号码校验码不正确，请逐位核对号码"]
    assert issues[0].severity == "error"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [("33028219900101", "应为18位"), ("3302821990010112AB", "最后一位"), ("330282199002301234", "不是有效日期")],
)
def test_other_bad_id_numbers(forms: dict[str, FormSpec], raw: str, fragment: str) -> None:
    issues = issues_for(forms, "child_file", id_number=raw)
    assert_chinese(issues)
    assert fragment in issues[0].message_zh


def test_id_number_with_lower_case_x_is_kept_but_flagged(forms: dict[str, FormSpec]) -> None:
    values = GOOD_VALUES["rectification_notice"]()
    values["party.id_number"] = "33028219550120081x"
    issues = validate(forms["rectification_notice"], values, today=TODAY, final=True)
    assert values["party.id_number"] == "33028219550120081x"
    assert all(i.field_key == "party.id_number" for i in issues)


@pytest.mark.parametrize("amount", ["一千元", "abc", "12元5角", "1.005", "-5", -500, 3.5, True, [1]])
def test_bad_money_gets_a_chinese_message(forms: dict[str, FormSpec], amount: Any) -> None:
    issues = only(issues_for(forms, "household_assessment", utilities_monthly_fen=amount), "utilities_monthly_fen")
    assert len(issues) == 1
    assert "金额" in issues[0].message_zh


def test_negative_money_in_a_repeat_row_points_at_the_row(forms: dict[str, FormSpec]) -> None:
    rows = GOOD_VALUES["household_assessment"]()["income_items"]
    rows[1]["amount_12m_fen"] = "-1,800.00"
    issues = issues_for(forms, "household_assessment", income_items=rows)
    assert [(i.field_key, i.row_index, i.row_field) for i in issues] == [("income_items", 1, "amount_12m_fen")]
    assert "金额必须是不小于0的数字" in issues[0].message_zh


@pytest.mark.parametrize("raw", ["2023-02-30", "2023/2/29", "2023年13月1日", "二〇二三年", "2023-2-3x", "1850-01-01"])
def test_impossible_dates(forms: dict[str, FormSpec], raw: str) -> None:
    issues = only(issues_for(forms, "grave_case", found_on=raw), "found_on")
    assert_chinese(issues)


def test_impossible_date_names_the_day(forms: dict[str, FormSpec]) -> None:
    issues = issues_for(forms, "patrol", patrol_date="2023-02-30")
    assert issues[0].message_zh == "巡查日期：日期不存在：2023年2月没有30日"


def test_impossible_datetime(forms: dict[str, FormSpec]) -> None:
    assert_chinese(issues_for(forms, "child_visit", visit_at="2023-02-30 10:00"))
    assert_chinese(issues_for(forms, "child_visit", visit_at="2023-02-03 25:61"))


@pytest.mark.parametrize("phone", ["12345", "1380574123", "138057412345", "电话号码", "0574-630"])
def test_bad_phone_numbers(forms: dict[str, FormSpec], phone: str) -> None:
    assert_chinese(issues_for(forms, "household_assessment", phone=phone))


@pytest.mark.parametrize("phone", ["13805741234", "138 0574 1234", "+8613805741234", "0574-63012345", "63012345"])
def test_good_phone_numbers(forms: dict[str, FormSpec], phone: str) -> None:
    assert issues_for(forms, "household_assessment", phone=phone) == []


def test_ten_thousand_characters(forms: dict[str, FormSpec]) -> None:
    long_text = "困" * 10_000
    issues = issues_for(forms, "household_assessment", applicant_name=long_text)
    assert [i.message_zh for i in issues] == ["申请人/户主姓名最多64个字，现有10000个字，请精简"]
    assert issues_for(forms, "household_assessment", food_clothing=long_text) == []


@pytest.mark.parametrize("text", ["张𠮷", "王䶮", "李😀", RARE_TEXT, "Zhāng Wěi", "阿依古丽·买买提"])
def test_rare_characters_and_emoji_are_accepted_exactly(forms: dict[str, FormSpec], text: str) -> None:
    values = GOOD_VALUES["household_assessment"]()
    values["applicant_name"] = text
    values["members"][0]["name"] = text
    values["food_clothing"] = text
    assert validate(forms["household_assessment"], values, today=TODAY, final=True) == []
    assert values["applicant_name"] == text
    assert values["members"][0]["name"] == text


def test_length_counts_characters_not_bytes(forms: dict[str, FormSpec]) -> None:
    assert issues_for(forms, "household_assessment", applicant_name="𠮷" * 64) == []
    assert len(issues_for(forms, "household_assessment", applicant_name="𠮷" * 65)) == 1


@pytest.mark.parametrize("text", ["张\x00三", "张\x1b三", "张\ud842三"])
def test_unstorable_characters_are_reported(forms: dict[str, FormSpec], text: str) -> None:
    assert_chinese(issues_for(forms, "household_assessment", applicant_name=text))


@pytest.mark.parametrize(
    ("key", "value"),
    [("assistance_type", "LOW_INCOME"), ("methods", "HOME"), ("methods", ["HOME", "TELEPATHY"]),
     ("is_relative_of_staff", "否"), ("high_consumption_signs", "yes"), ("investigators", "王芳, 李强"),
     ("housing.area_m2", "八十"), ("survey_at", 20250530), ("sig_members", 5)],
)  # fmt: skip
def test_wrong_kinds_of_value(forms: dict[str, FormSpec], key: str, value: Any) -> None:
    issues = issues_for(forms, "household_assessment", **{key: value})
    assert_chinese(issues)


@pytest.mark.parametrize("age", ["七十", "70.5", 70.5, "1e2"])
def test_bad_integers(forms: dict[str, FormSpec], age: Any) -> None:
    issues = issues_for(forms, "child_file", **{"guardian.age": age})
    assert [i.message_zh for i in issues] == ["监护人年龄应填写整数"]


def test_integer_text_is_read_as_a_number_for_rules(forms: dict[str, FormSpec]) -> None:
    assert issues_for(forms, "child_file", **{"guardian.age": "71"}) == []
    issues = issues_for(forms, "child_file", **{"guardian.age": "7"})
    assert [i.message_zh for i in issues] == ["监护人年龄应在16至120岁之间"]


# ---------------------------------------------------------------- required, drafts and relevance


def test_required_only_when_final(forms: dict[str, FormSpec]) -> None:
    values = GOOD_VALUES["child_visit"]()
    del values["visitor"]
    values["guardianship_rating"] = ""
    assert validate(forms["child_visit"], values, today=TODAY, final=False) == []
    issues = validate(forms["child_visit"], values, today=TODAY, final=True)
    assert [(i.field_key, i.message_zh) for i in issues] == [
        ("visitor", "请填写探访人"),
        ("guardianship_rating", "请填写监护情况评估"),
    ]


def test_constraints_apply_to_drafts_too(forms: dict[str, FormSpec]) -> None:
    issues = issues_for(forms, "child_visit", final=False, safety=["NONE", "MISSING"])
    assert any(i.message_zh == "选择“无异常”时不能同时选择其他情况" for i in issues)


def test_two_investigators(forms: dict[str, FormSpec]) -> None:
    one = GOOD_VALUES["household_assessment"]()["investigators"][:1]
    for final in (False, True):
        issues = issues_for(forms, "household_assessment", final, investigators=one)
        assert [i.message_zh for i in issues] == ["调查人员至少两名"]
    issues = issues_for(forms, "household_assessment", investigators=[])
    assert [i.message_zh for i in issues] == ["请至少填写一行调查人员"]


def test_row_required_fields(forms: dict[str, FormSpec]) -> None:
    rows = [{"name": "王芳"}, {"unit": "卫东村"}]
    issues = issues_for(forms, "household_assessment", investigators=rows)
    assert [(i.row_index, i.row_field, i.message_zh) for i in issues] == [(1, "name", "请填写姓名")]


def test_not_seen_reason_is_required_only_when_the_child_was_not_seen(forms: dict[str, FormSpec]) -> None:
    spec = forms["child_visit"]
    values = GOOD_VALUES["child_visit"]()
    assert "not_seen_reason" not in relevant_fields(spec, values, today=TODAY)
    values["saw_child"] = False
    assert "not_seen_reason" in relevant_fields(spec, values, today=TODAY)
    issues = validate(spec, values, today=TODAY, final=True)
    assert [(i.field_key, i.message_zh) for i in issues] == [("not_seen_reason", "请填写未见到儿童的原因")]
    values["not_seen_reason"] = "儿童在外婆家"
    assert validate(spec, values, today=TODAY, final=True) == []


def test_hidden_fields_are_neither_required_nor_checked(forms: dict[str, FormSpec]) -> None:
    issues = issues_for(forms, "child_visit", saw_child=True, not_seen_reason="x" * 10_000)
    assert issues == []
    issues = issues_for(forms, "child_file", primary_category="LEFT_BEHIND", recognized_at="2023-02-30")
    assert issues == []


@pytest.mark.parametrize("trigger", ["ALONE_UNCARED", "MISSING", "SUSPECTED_DOMESTIC_VIOLENCE", "SUSPECTED_INJURY"])
def test_safety_trigger_requires_the_mandatory_report(forms: dict[str, FormSpec], trigger: str) -> None:
    values = GOOD_VALUES["child_visit"]()
    values.update(safety=[trigger], mandatory_report_triggered=None)
    issues = validate(forms["child_visit"], values, today=TODAY, final=True)
    assert {i.field_key for i in issues} == {
        "mandatory_report_triggered",
        "mandatory_report_to",
        "mandatory_report_at",
    }
    values.update(mandatory_report_triggered=False)
    issues = validate(forms["child_visit"], values, today=TODAY, final=False)
    assert [i.message_zh for i in issues] == ["安全状况已触发强制报告，须立即向公安、民政、教育等部门报告"]
    values.update(
        mandatory_report_triggered=True, mandatory_report_to=["POLICE"], mandatory_report_at="2025-05-28 16:00"
    )
    assert validate(forms["child_visit"], values, today=TODAY, final=True) == []


def test_a_hazard_alone_needs_no_mandatory_report(forms: dict[str, FormSpec]) -> None:
    assert issues_for(forms, "child_visit", safety=["HAZARD"], mandatory_report_triggered=None) == []


def test_member_disability_details_follow_the_health_answer(forms: dict[str, FormSpec]) -> None:
    spec = forms["household_assessment"]
    values = GOOD_VALUES["household_assessment"]()
    assert "disability_type" in relevant_row_fields(spec, "members", values, 1, today=TODAY)
    assert "disability_type" not in relevant_row_fields(spec, "members", values, 0, today=TODAY)
    assert "self_care.eat" not in relevant_row_fields(spec, "members", values, 0, today=TODAY)
    values["members"][1]["health"] = "HEALTHY"
    values["members"][0]["health"] = "DISABLED"
    issues = validate(spec, values, today=TODAY, final=True)
    assert {(i.row_index, i.row_field) for i in issues} == {(0, "disability_type"), (0, "disability_level")}
    values["assistance_type"] = "EXTREME_POVERTY"
    assert "self_care.eat" in relevant_row_fields(spec, "members", values, 0, today=TODAY)


def test_form_checks_on_finalising(forms: dict[str, FormSpec]) -> None:
    members = GOOD_VALUES["household_assessment"]()["members"]
    members[0]["relation"] = "SON"
    issues = issues_for(forms, "household_assessment", members=members, sig_investigators=["a"], photo_group=[])
    messages = {i.message_zh: i.severity for i in issues}
    assert messages == {
        "家庭成员中应有且只有一名“本人”（申请人）": "error",
        "调查人员签名至少两名": "error",
        "建议至少拍摄3张照片（住房外观、室内、合影）": "warning",
    }
    assert issues_for(forms, "household_assessment", final=False, members=members, sig_investigators=["a"]) == []


def test_member_id_numbers_are_unique(forms: dict[str, FormSpec]) -> None:
    members = GOOD_VALUES["household_assessment"]()["members"]
    members[1]["id_number"] = members[0]["id_number"]
    for final in (False, True):
        issues = issues_for(forms, "household_assessment", final, members=members)
        assert [(i.field_key, i.message_zh) for i in issues] == [("members", "家庭成员身份证号码重复，请核对")]


def test_computed_values_given_as_text_are_read_for_rules(forms: dict[str, FormSpec]) -> None:
    issues = issues_for(forms, "child_file", birth_date="2007-05-01")
    assert [i.message_zh for i in issues] == ["儿童已年满18周岁，请办理注销"]


def test_future_dates_are_refused(forms: dict[str, FormSpec]) -> None:
    issues = issues_for(forms, "patrol", patrol_date=date(2025, 6, 2))
    assert [i.message_zh for i in issues] == ["巡查日期不能晚于今天"]


def test_closing_a_case_that_is_not_rectified(forms: dict[str, FormSpec]) -> None:
    issues = issues_for(forms, "reinspection", result="FAKED")
    assert [i.message_zh for i in issues] == ["整改未到位，不能同意销号"]
    issues = issues_for(forms, "reinspection", result="PARTIAL", conclusion="CONTINUE")
    assert [i.message_zh for i in issues] == ["请填写新整改期限"]


def test_an_unserved_notice_can_be_finalised(forms: dict[str, FormSpec]) -> None:
    values = GOOD_VALUES["rectification_notice"]()
    for key in ("method", "place", "served_at", "recipient_name", "sig_recipient", "servers", "sig_servers"):
        del values[key]
    assert validate(forms["rectification_notice"], values, today=TODAY, final=True) == []
    values.update(served_at="2025-05-30 10:00", method="LEFT_AT_PREMISES", servers=["赵刚"])
    issues = validate(forms["rectification_notice"], values, today=TODAY, final=True)
    assert {i.field_key for i in issues} == {
        "place",
        "recipient_name",
        "sig_servers",
        "witness",
        "sig_witness",
        "servers",
    }


def test_ageing_out_warning(forms: dict[str, FormSpec]) -> None:
    issues = issues_for(forms, "child_file", birth_date=date(2007, 5, 1))
    assert [(i.severity, i.message_zh) for i in issues] == [("warning", "儿童已年满18周岁，请办理注销")]


# ---------------------------------------------------------------- never an exception


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text() | st.dates() | st.datetimes(),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)


@pytest.mark.parametrize("form_id", sorted(GOOD_VALUES))
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_validate_never_raises(forms: dict[str, FormSpec], form_id: str, data: st.DataObject) -> None:
    values = GOOD_VALUES[form_id]()
    for key in data.draw(st.lists(st.sampled_from(sorted(values)), max_size=6)):
        values[key] = data.draw(JUNK)
    for final in (False, True):
        for issue in validate(forms[form_id], values, today=TODAY, final=final):
            assert CJK.search(issue.message_zh) or issue.message_zh
    relevant_fields(forms[form_id], values, today=TODAY)
