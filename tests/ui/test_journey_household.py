"""Journey (b): a social worker records a home visit (4 members, 6 income rows, 2 assets) and finalizes it."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QFrame, QLabel, QPushButton
from sqlmodel import Session, col, select
from tests.factories import people, use_role
from tests.ui.conftest import DEMO_TODAY
from tests.ui.helpers import choose, fill, find, sign, tick, unlock

from fieldvisit.domain.assistance import Asset, HouseholdAssessment, HouseholdMember, IncomeItem, RigidExpense, Sex
from fieldvisit.domain.means_test import run_means_test
from fieldvisit.domain.shared import Role
from fieldvisit.formspec import format_money

MEMBERS = [
    # name, relation, sex, age, health, labour capacity
    ("陈建华", "SELF", Sex.MALE, 52, "CHRONIC", "PARTIAL"),
    ("沈丽娟", "SPOUSE", Sex.FEMALE, 50, "DISABLED", "NONE"),
    ("陈浩然", "SON", Sex.MALE, 15, "HEALTHY", "NONE"),
    ("陈𠮷", "DAUGHTER", Sex.FEMALE, 11, "HEALTHY", "NONE"),
]
INCOME = [
    # category, item, member index (None: household), amount typed as on paper
    ("WAGES", "务工收入", 0, "18,000.00"),
    ("WAGES", "灵活就业收入", 1, "2400"),
    ("BUSINESS", "种植收入", None, "3,600.50"),
    ("PROPERTY", "土地流转租金", None, "1200"),
    ("TRANSFER", "赡养费", None, "2400.00"),
    ("OTHER", "临时帮扶", None, "600"),
]


def _stored_result(engine, assessment_id: str):  # type: ignore[no-untyped-def]
    with Session(engine) as session:
        assessment = session.get(HouseholdAssessment, assessment_id)

        def rows(model: type) -> list:
            return list(
                session.exec(
                    select(model).where(model.assessment_id == assessment_id, col(model.deleted).is_(False))
                ).all()
            )

        members = sorted(rows(HouseholdMember), key=lambda m: m.position)
        assert len(members) == 4 and len(rows(IncomeItem)) == 6 and len(rows(Asset)) == 2
        return assessment, members, rows(IncomeItem), rows(RigidExpense), rows(Asset)


def test_household_assessment_means_test_and_two_investigators(qtbot, app_controller, demo_dir, test_clock) -> None:
    use_role(demo_dir, Role.SOCIAL_WORKER, test_clock)
    main = unlock(qtbot, app_controller)
    find(main, QPushButton, "navHouseholds").click()
    find(main, QPushButton, "newHouseholdButton").click()
    editor = main.households.currentWidget()
    assert editor.objectName() == "editor_household_assessment"
    record_id = editor.draft.record_id

    choose(editor, "village_id", editor.view.fields["village_id"].combo.itemData(1))
    source = people(3)
    ids = []
    for _name, _relation, sex, age, *_ in MEMBERS:
        ids.append(source.id_number(date(DEMO_TODAY.year - age, 3, 15), sex))
    fill(editor, "applicant_name", MEMBERS[0][0])
    fill(editor, "applicant_id_number", ids[0])
    assert "男" in find(editor, QLabel, "info_applicant_id_number").text()
    fill(editor, "hukou_address", "浙江省慈溪市观海卫镇卫东村18号")
    fill(editor, "residence_address", "浙江省慈溪市观海卫镇卫东村18号")
    choose(editor, "hukou_type", "RURAL")
    fill(editor, "phone", "13805741234")

    for index, (name, relation, _sex, _age, health, labour) in enumerate(MEMBERS):
        find(editor, QPushButton, "add_members").click()
        fill(editor, f"members_{index}_name", name)
        choose(editor, f"members_{index}_relation", relation)
        fill(editor, f"members_{index}_id_number", ids[index])
        choose(editor, f"members_{index}_health", health)
        if health == "DISABLED":
            choose(editor, f"members_{index}_disability_type", "PHYSICAL")
            choose(editor, f"members_{index}_disability_level", 2)
        choose(editor, f"members_{index}_labor_capacity", labour)
    for index, (category, item, member, amount) in enumerate(INCOME):
        find(editor, QPushButton, "add_income_items").click()
        choose(editor, f"income_items_{index}_category", category)
        fill(editor, f"income_items_{index}_item", item)
        if member is not None:
            choose(editor, f"income_items_{index}_member_id_number", ids[member])
        fill(editor, f"income_items_{index}_amount_12m_fen", amount)
    find(editor, QPushButton, "add_financial_assets").click()
    choose(editor, "financial_assets_0_kind", "DEPOSIT")
    fill(editor, "financial_assets_0_value_fen", "8,000")
    find(editor, QPushButton, "add_vehicles").click()
    choose(editor, "vehicles_0_details.vehicle_type", "MOTORCYCLE")
    fill(editor, "vehicles_0_value_fen", "1500")
    choose(editor, "investigator_opinion", "ELIGIBLE")
    tick(editor, "consent_signed", "yes")
    sign(qtbot, editor, "sig_investigators")
    sign(qtbot, editor, "sig_investigators")
    sign(qtbot, editor, "sig_members")
    editor.flush()

    # What the screen shows equals the domain rule run over what was stored.
    engine = app_controller.services.session.workspace.engine
    _, members, incomes, expenses, assets = _stored_result(engine, record_id)
    survey_day = DEMO_TODAY
    expected = run_means_test(
        members, incomes, expenses, assets, survey_date=survey_day, params=app_controller.services.drafts.params()
    )
    assert expected.household_size == 4
    shown_income = find(editor, QLabel, "value_per_capita_monthly_income_fen").text()
    assert shown_income == f"{format_money(expected.per_capita_monthly_income_fen)} 元"
    assert expected.suggestion is not None
    assert find(editor, QLabel, "value_suggestion").text() == expected.suggestion.zh
    assert "家庭月人均收入" in find(editor, QLabel, "value_extra.calculation_trace").text()

    # One investigator only: finalize is refused and says why, next to the field and in the list.
    finalize = find(editor, QPushButton, "finalizeButton")
    finalize.click()
    assert "调查人员至少两名" in find(editor, QLabel, "issuesList").text()
    assert "调查人员至少两名" in find(editor, QLabel, "message_investigators").text()
    assert not find(editor, QFrame, "readOnlyBanner").isVisibleTo(editor)
    with Session(engine) as session:
        assert session.get(HouseholdAssessment, record_id).state == "DRAFT"

    find(editor, QPushButton, "add_investigators").click()
    fill(editor, "investigators_1_name", "罗雅琴")
    fill(editor, "investigators_1_unit", "观海卫镇社会事务办")
    finalize.click()
    assert find(editor, QFrame, "readOnlyBanner").isVisibleTo(editor), find(editor, QLabel, "issuesList").text()
    with Session(engine) as session:
        final = session.get(HouseholdAssessment, record_id)
        assert final.state == "FINAL"
        assert final.per_capita_monthly_income_fen == expected.per_capita_monthly_income_fen
        assert final.suggestion == expected.suggestion.value
        assert final.household_size == 4 and len(final.investigators) == 2
