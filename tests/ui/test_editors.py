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


def _finalized_visit(services, child_id: str) -> str:  # type: ignore[no-untyped-def]
    visit_id = services.visits.start(child_id)
    values = services.drafts.load("child_visit", visit_id).values
    values.update(guardianship_rating="GOOD", safety=["NONE"], risk_level="GREEN", psych=["NORMAL"])
    services.drafts.save("child_visit", visit_id, values)
    from PySide6.QtCore import QPointF
    from PySide6.QtGui import QPolygonF

    from fieldvisit.ui.forms.fields.signature_pad import SignaturePad

    pad = SignaturePad()
    pad.strokes.append(QPolygonF([QPointF(20, 150), QPointF(200, 120), QPointF(380, 160)]))
    services.attachments.add_signature("child_visit", visit_id, "sig_visitor", pad.to_png())
    outcome = services.visits.finalize(visit_id)
    assert outcome.ok, [i.message_zh for i in outcome.issues]
    return visit_id


def test_a_finalized_visit_is_read_only_and_corrected_by_an_amendment(qtbot, app_controller) -> None:
    from PySide6.QtWidgets import QFrame

    from fieldvisit.domain.shared import Amendment

    main = unlock(qtbot, app_controller)
    services = app_controller.services
    child = services.children.list()[0]
    original = _finalized_visit(services, child.id)
    main.open_child(child.id)
    main.children.open_visit(original)
    editor = main.children.currentWidget()
    assert find(editor, QFrame, "readOnlyBanner").isVisibleTo(editor)
    assert (
        not find(editor, QLineEdit, "input_visitor").isEnabled()
        or find(editor, QLineEdit, "input_visitor").isReadOnly()
    )
    assert not find(editor, QPushButton, "finalizeButton").isVisibleTo(editor)
    find(editor, QPushButton, "amendButton").click()
    dialog = editor.amend_dialog
    type_text(find(dialog, QLineEdit, "amendReason"), "探访人姓名录错，更正为陪同的社工")
    find(dialog, QPushButton, "amendOk").click()
    amended = main.children.currentWidget()
    assert amended.objectName() == "editor_child_visit" and amended.draft.record_id != original
    visitor = find(amended, QLineEdit, "input_visitor")
    visitor.clear()
    type_text(visitor, "罗雅琴")
    find(amended, QPushButton, "finalizeButton").click()
    assert find(amended, QFrame, "readOnlyBanner").isVisibleTo(amended)
    from sqlmodel import Session, select

    from fieldvisit.domain.children import ChildVisit

    with Session(services.session.workspace.engine) as session:
        assert session.get(ChildVisit, original).state == "VOID"
        new = session.get(ChildVisit, amended.draft.record_id)
        assert new.state == "FINAL" and new.visitor == "罗雅琴"
        amendment = session.exec(select(Amendment).where(Amendment.original_id == original)).one()
        assert amendment.reason.startswith("探访人姓名录错") and "visitor" in amendment.changed_fields


def test_status_changes_of_a_child_file_are_kept_in_its_history(qtbot, app_controller) -> None:
    from PySide6.QtWidgets import QComboBox, QLabel

    main = unlock(qtbot, app_controller)
    services = app_controller.services
    child = next(r for r in services.children.list() if r.primary_category != "ORPHAN")
    main.open_child(child.id)
    page = main.children.currentWidget()
    find(page, QPushButton, "changeCategoryButton").click()
    dialog = main.children.dialog
    combo = find(dialog, QComboBox, "newCategory")
    combo.setCurrentIndex(combo.findData("ORPHAN"))
    find(dialog, QPushButton, "changeOk").click()
    assert "理由" in find(dialog, QLabel, "changeError").text()
    type_text(find(dialog, QLineEdit, "changeReason"), "父母双亡，经县民政局认定为孤儿")
    find(dialog, QPushButton, "changeOk").click()
    assert not dialog.isVisible()
    history = find(page, QLabel, "changeHistory").text()
    assert "儿童类别" in history and "孤儿" in history and "县民政局认定" in history
    assert services.children.get(child.id).child.primary_category == "ORPHAN"
