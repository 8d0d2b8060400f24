"""The draft service the editors autosave through: rows added and removed, answers kept as typed, locks."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select
from tests.factories import open_demo, people
from tests.ui.conftest import DemoClock

from fieldvisit.domain.assistance import HouseholdMember, IncomeItem
from fieldvisit.store.changes import Actor
from fieldvisit.store.services.assessments import AssessmentService
from fieldvisit.store.services.drafts import RAW_KEY, DraftService, RecordLockedError
from fieldvisit.store.tables import OutboxEntry


@pytest.fixture
def opened(demo_dir: Path):  # type: ignore[no-untyped-def]
    clock = DemoClock()
    workspace = open_demo(demo_dir, clock)
    yield workspace, DraftService(workspace.engine, Actor("worker", "device"), clock), clock
    workspace.close()


def test_rows_are_added_removed_and_kept_as_typed(opened) -> None:  # type: ignore[no-untyped-def]
    workspace, drafts, clock = opened
    record = AssessmentService(workspace.engine, Actor("worker"), clock, drafts).start("330282107")
    source = people(5)
    from datetime import date

    from fieldvisit.domain.assistance import Sex

    good = source.id_number(date(1980, 5, 1), Sex.FEMALE)
    values = drafts.load("household_assessment", record).values
    values["members"] = [
        {"_id": "m-1", "name": "王𠮷", "relation": "SELF", "id_number": good, "co_resident": True},
        {"_id": "m-2", "name": "王䶮", "relation": "SON", "id_number": "360426199101010072", "co_resident": True},
    ]
    values["income_items"] = [{"_id": "i-1", "category": "WAGES", "amount_12m_fen": "一千二", "countable": True}]
    drafts.save("household_assessment", record, values)

    loaded = drafts.load("household_assessment", record)
    assert [m["name"] for m in loaded.values["members"]] == ["王𠮷", "王䶮"]
    assert loaded.values["members"][1]["id_number"] == "360426199101010072"  # kept as typed, with its message
    assert loaded.values["income_items"][0]["amount_12m_fen"] == "一千二"
    assert loaded.extra[RAW_KEY]["members/m-2/id_number"] == "360426199101010072"
    assert loaded.values["members"][0]["sex"] == "FEMALE" and loaded.values["members"][0]["birth_date"] == date(
        1980, 5, 1
    )
    issues = drafts.issues(loaded, final=False)
    assert any(i.field_key == "members" and i.row_index == 1 and i.row_field == "id_number" for i in issues)

    loaded.values["members"] = loaded.values["members"][:1]
    loaded.values["income_items"][0]["amount_12m_fen"] = "1,200.50"
    drafts.save("household_assessment", record, loaded.values)
    with Session(workspace.engine) as session:
        members = session.exec(select(HouseholdMember).where(HouseholdMember.assessment_id == record)).all()
        assert sorted((m.name, m.deleted) for m in members) == [("王䶮", True), ("王𠮷", False)]
        assert session.exec(select(IncomeItem).where(IncomeItem.assessment_id == record)).one().amount_12m_fen == 120050
        assert session.exec(select(OutboxEntry).where(OutboxEntry.record_id == record)).first() is not None
    kept = drafts.load("household_assessment", record).extra.get(RAW_KEY, {})
    assert all(text == "" for text in kept.values()), "only unanswered yes/no questions may stay blank"


def test_a_final_record_refuses_changes(opened) -> None:  # type: ignore[no-untyped-def]
    workspace, drafts, _ = opened
    from fieldvisit.domain.assistance import HouseholdAssessment

    with Session(workspace.engine) as session:
        final = session.exec(select(HouseholdAssessment.id).where(HouseholdAssessment.state == "FINAL")).first()
    values = drafts.load("household_assessment", final).values
    values["applicant_name"] = "改名"
    with pytest.raises(RecordLockedError):
        drafts.save("household_assessment", final, values)
