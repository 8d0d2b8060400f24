"""Every editor opens on real records and on new drafts, autosaves, and keeps what was typed."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPushButton
from tests.ui.helpers import find, type_text, unlock

from fieldvisit.domain.children import ChildFile
from fieldvisit.store.services.drafts import DraftService


def test_child_file_opens_with_its_visits_and_a_new_visit_is_one_click_away(qtbot, app_controller) -> None:
    main = unlock(qtbot, app_controller)
    services = app_controller.services
    row = services.children.list()[0]
    main.open_child(row.id)
    page = main.children.currentWidget()
    assert page.objectName() == "childPage"
    assert page.name.text() == row.name
    assert page.visits_model.rowCount() == len(services.children.get(row.id).visits)
    find(page, QPushButton, "newVisitButton").click()
    editor = main.children.currentWidget()
    assert editor.objectName() == "editor_child_visit"
    visitor = find(editor, QLineEdit, "input_visitor")
    visitor.clear()
    type_text(visitor, "王𠮷䶮")
    editor.flush()
    draft = DraftService(services.session.workspace.engine, services.session.actor, services.clock).load(
        "child_visit", editor.draft.record_id
    )
    assert draft.values["visitor"] == "王𠮷䶮"


def test_every_form_opens_on_a_demo_record(qtbot, app_controller) -> None:
    from sqlmodel import Session, select

    from fieldvisit.domain.assistance import HouseholdAssessment
    from fieldvisit.domain.burial import GraveCase, Patrol, RectificationNotice, Reinspection
    from fieldvisit.domain.children import ChildVisit

    main = unlock(qtbot, app_controller)
    engine = app_controller.services.session.workspace.engine
    with Session(engine) as session:
        ids = {m: session.exec(select(m.id)).first() for m in (HouseholdAssessment, Patrol, GraveCase, ChildVisit)}
        notice = session.exec(select(RectificationNotice.id)).first()
        reinspection = session.exec(select(Reinspection.id)).first()
        child = session.exec(select(ChildFile.id)).first()
    main.households.open_assessment(ids[HouseholdAssessment])
    assert main.households.currentWidget().objectName() == "editor_household_assessment"
    main.cases.open_patrol(ids[Patrol])
    main.cases.open_case(ids[GraveCase])
    assert main.cases.currentWidget().objectName() == "casePage"
    main.cases.open_case_form(ids[GraveCase])
    main.cases.open_notice(notice)
    main.cases.open_reinspection(reinspection)
    main.open_child(child)
    main.children.open_visit(ids[ChildVisit])
    assert main.children.currentWidget().objectName() == "editor_child_visit"
