"""`choices_from`: a choice among the rows of another repeat group, checked at load, flagged when it dangles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from tests.unit.test_formspec import HEADER, assert_error, check

from fieldvisit.formspec import load_form, validate
from fieldvisit.formspec.row_choices import row_choices

HOUSEHOLD_HEADER = HEADER.replace('model = "child_visit"', 'model = "household_assessment"')

INCOME = """
[[section.field]]
key = "members"
type = "repeat"
model = "household_member"
label = "Members"
label_zh = "家庭成员"

[[section.field.field]]
key = "name"
type = "text"
label = "Name"
label_zh = "姓名"

[[section.field.field]]
key = "id_number"
type = "id_number"
label = "ID"
label_zh = "身份证号"

[[section.field]]
key = "income_items"
type = "repeat"
model = "income_item"
label = "Income"
label_zh = "收入项"

[[section.field.field]]
key = "member_id_number"
type = "choice"
label = "Member"
label_zh = "所属成员"
"""

A = "330282197203150013"
B = "330282197405160026"


def test_a_sound_choices_from_loads(tmp_path: Path) -> None:
    body = INCOME + 'choices_from = "members"\nchoice_value = "id_number"\nchoice_label = "name"\n'
    assert check(tmp_path, body, HOUSEHOLD_HEADER) == []


def test_bad_choices_from_is_reported(tmp_path: Path) -> None:
    errors = check(tmp_path, INCOME + 'choices_from = "memberz"\nchoice_value = "id_number"\n', HOUSEHOLD_HEADER)
    assert_error(errors, "'choices_from'", "'memberz' is not a repeat group")
    errors = check(tmp_path, INCOME + 'choices_from = "members"\nchoice_value = "idno"\n', HOUSEHOLD_HEADER)
    assert_error(errors, "'members' has no column 'idno'")
    errors = check(tmp_path, INCOME + 'choices_from = "income_items"\nchoice_value = "item"\n', HOUSEHOLD_HEADER)
    assert_error(errors, "its own group")
    assert_error(check(tmp_path, INCOME + 'choices_from = "members"\n', HOUSEHOLD_HEADER), "needs 'choice_value'")
    assert_error(check(tmp_path, INCOME + 'choice_label = "name"\n', HOUSEHOLD_HEADER), "need 'choices_from'")


def test_income_member_choices_follow_the_members_and_a_removed_member_is_flagged_not_dropped() -> None:
    spec = load_form("household_assessment")
    member = spec.field("income_items").field("member_id_number")
    values = {
        "members": [{"name": "陈𠮷华", "id_number": A}, {"name": "沈丽娟", "id_number": B}, {"name": "新成员"}],
        "income_items": [{"category": "WAGES", "member_id_number": B, "amount_12m_fen": 100, "countable": True}],
    }
    assert row_choices(member, values) == [(A, "陈𠮷华"), (B, "沈丽娟")]

    def dangling(final: bool) -> list[str]:
        issues = validate(spec, values, today=date(2026, 11, 20), final=final)
        return [i.severity for i in issues if i.field_key == "income_items" and i.row_field == "member_id_number"]

    assert dangling(False) == []
    values["members"] = values["members"][:1]
    assert dangling(False) == ["warning"] and dangling(True) == ["error"]
    assert values["income_items"][0]["member_id_number"] == B, "the stored answer is kept"
    values["members"].append({"name": "沈丽娟", "id_number": B})
    other = "330282200001010011"
    values["members"].append({"name": "沈丽娟", "id_number": other})
    assert row_choices(member, values)[1:] == [(B, f"沈丽娟（{B}）"), (other, f"沈丽娟（{other}）")]
