"""Journey (a): a child director visits an overdue child, finds a safety concern, reports it and finalizes."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QTableView
from tests.factories import add_child, open_demo, use_role
from tests.ui.conftest import DEMO_TODAY
from tests.ui.helpers import choose, fill, find, open_row, sign, tick, unlock

from fieldvisit.domain.child_rules import next_visit_due
from fieldvisit.domain.children import ChildCategory, ChildChange, ChildVisit, RiskLevel
from fieldvisit.domain.shared import Role
from fieldvisit.store.changes import Actor
from fieldvisit.store.repositories.dashboard import DashboardRepository


def test_overdue_child_visit_with_mandatory_report(qtbot, app_controller, demo_dir, test_clock) -> None:
    director = use_role(demo_dir, Role.CHILD_DIRECTOR, test_clock)
    workspace = open_demo(demo_dir, test_clock)
    child = add_child(
        workspace.engine,
        Actor("tester"),
        test_clock,
        director=director,
        today=DEMO_TODAY,
        overdue_days=12,
        risk=RiskLevel.YELLOW,
        category=ChildCategory.LEFT_BEHIND,
        name="叶𠮷",
    )
    workspace.close()

    main = unlock(qtbot, app_controller)
    engine = app_controller.services.session.workspace.engine
    overdue_before = DashboardRepository(engine).counts(DEMO_TODAY, director_id=director.id).visits_overdue
    assert overdue_before >= 1
    assert find(main, QLabel, "cardOverdueValue").text() == str(overdue_before)

    # The dashboard's overdue card opens the list of overdue children; the child opens from it.
    find(main, QPushButton, "cardOverdue").click()
    children = main.children.list
    assert child.id in children.visible_ids()
    open_row(qtbot, find(children, QTableView, "childTable"), "叶𠮷")
    page = main.children.currentWidget()
    assert page.objectName() == "childPage"
    assert "逾期 12 天" in find(page, QLabel, "nextVisitDue").text()

    find(page, QPushButton, "newVisitButton").click()
    visit = main.children.currentWidget()
    assert visit.objectName() == "editor_child_visit"
    choose(visit, "guardianship_rating", "FAIR")
    tick(visit, "safety", "SUSPECTED_DOMESTIC_VIOLENCE")
    # The finding obliges a report: the message sits beside the field until it is made.
    message = find(visit, QLabel, "message_mandatory_report_triggered")
    assert message.isVisibleTo(visit) and "强制报告" in message.text()
    assert find(visit, QLabel, "value_suggested_risk_level").text() == RiskLevel.RED.zh
    tick(visit, "mandatory_report_triggered", "yes")
    tick(visit, "mandatory_report_to", "POLICE")
    tick(visit, "mandatory_report_to", "CIVIL_AFFAIRS")
    fill(visit, "mandatory_report_at", "2026-11-20 10:30")
    choose(visit, "risk_level", "RED")
    sign(qtbot, visit, "sig_visitor")
    find(visit, QPushButton, "finalizeButton").click()
    assert find(visit, QFrame, "readOnlyBanner").isVisibleTo(visit), find(visit, QLabel, "issuesList").text()

    # What the director sees afterwards: the file's risk and next visit date changed, history kept.
    find(visit, QPushButton, "backButton").click()
    page = main.children.currentWidget()
    assert page.objectName() == "childPage"
    assert find(page, QLabel, "childRisk").text() == RiskLevel.RED.zh
    params = app_controller.services.drafts.params()
    expected_due = next_visit_due(DEMO_TODAY, RiskLevel.RED, ChildCategory.LEFT_BEHIND, [], params, DEMO_TODAY)
    assert expected_due == DEMO_TODAY + timedelta(days=7)
    assert expected_due.isoformat() in find(page, QLabel, "nextVisitDue").text()
    assert "风险等级" in find(page, QLabel, "changeHistory").text()

    from sqlmodel import Session, select

    with Session(engine) as session:
        stored = session.exec(select(ChildVisit).where(ChildVisit.child_id == child.id)).one()
        assert stored.state == "FINAL" and stored.mandatory_report_triggered
        assert stored.mandatory_report_to == ["POLICE", "CIVIL_AFFAIRS"]
        assert stored.next_visit_due == expected_due
        assert session.exec(select(ChildChange).where(ChildChange.child_id == child.id)).one().new_value == "RED"

    # Back on the dashboard the overdue count has dropped.
    find(main, QPushButton, "navDashboard").click()
    assert find(main, QLabel, "cardOverdueValue").text() == str(overdue_before - 1)
