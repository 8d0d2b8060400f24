"""Journey (c): a patrol finds a grave (3 photos), the case gets a notice, is re-inspected and closed."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QPushButton, QTableView, QWidget
from sqlmodel import Session, select
from tests.factories import photo_file, use_role
from tests.ui.conftest import DEMO_TODAY
from tests.ui.helpers import choose, fill, find, open_row, sign, tick, unlock

from fieldvisit.domain.burial import CaseEvent, CaseStatus, GraveCase, Patrol, RectificationNotice
from fieldvisit.domain.burial_rules import allowed_transitions
from fieldvisit.domain.shared import Attachment, Role
from fieldvisit.domain.working_days import load_work_calendar, next_working_day
from fieldvisit.ui.forms.fields import media


@pytest.fixture
def photos(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Photo files made with Pillow; the file dialog hands them out one by one."""
    folder = tmp_path / "camera"
    folder.mkdir()
    made = [
        photo_file(folder, f"IMG_{n}.jpg", colour=(60 + 40 * n, 120, 90), latitude=30.17 + n / 1000) for n in range(5)
    ]
    queue = list(made)
    monkeypatch.setattr(media, "choose_photo_files", lambda parent, title: [str(queue.pop(0))])
    return made


def _steps(page) -> set[str]:  # type: ignore[no-untyped-def]
    """The step buttons the officer can see (new buttons are shown once events are processed)."""
    QApplication.processEvents()
    return {name for name, b in page.step_buttons.items() if b.isVisibleTo(page)}


def test_patrol_finding_to_closed_case(qtbot, app_controller, demo_dir, test_clock, photos) -> None:
    use_role(demo_dir, Role.PATROL_OFFICER, test_clock)
    main = unlock(qtbot, app_controller)
    engine = app_controller.services.session.workspace.engine
    find(main, QPushButton, "navCases").click()
    find(main, QPushButton, "newPatrolButton").click()
    patrol = main.cases.currentWidget()
    assert patrol.objectName() == "editor_patrol"
    fill(patrol, "end_at", "2026-11-20 11:30")
    fill(patrol, "area", "卫东村后山至塘角头")
    tick(patrol, "zone_types", "FARMLAND")
    find(patrol, QPushButton, "add_inspectors").click()
    fill(patrol, "inspectors_1_name", "柴志强")

    # A grave is found: its ledger record opens, with three photos taken on the spot.
    find(patrol, QPushButton, "registerGraveButton").click()
    case_form = main.cases.currentWidget()
    assert case_form.objectName() == "editor_grave_case"
    case_id = case_form.draft.record_id
    choose(case_form, "village_id", case_form.view.fields["village_id"].combo.itemData(1))
    fill(case_form, "place_name", "后山岙")
    fill(case_form, "latitude", "30.1693")
    fill(case_form, "longitude", "121.2669")
    choose(case_form, "zone_type", "FARMLAND")
    tick(case_form, "violation_types", "HARDENED_LARGE")
    choose(case_form, "build_state", "OCCUPIED")
    fill(case_form, "area_m2", "12.5")
    fill(case_form, "party.name", "胡𠮷")
    for slot in ("photo_wide", "photo_mid", "photo_closeup"):
        find(case_form, QPushButton, f"add_{slot}").click()
        assert find(case_form, QLabel, f"thumb_{slot}_0").pixmap() is not None
    caption = find(case_form, QWidget, "field_photo_wide").findChildren(QLabel)[-1].text()
    assert "2026-11-20 09:30" in caption and "30.17" in caption
    find(case_form, QPushButton, "backButton").click()

    patrol = main.cases.currentWidget()
    assert patrol.objectName() == "editor_patrol"
    sign(qtbot, patrol, "sig_inspectors")
    find(patrol, QPushButton, "finalizeButton").click()
    assert find(patrol, QFrame, "readOnlyBanner").isVisibleTo(patrol), find(patrol, QLabel, "issuesList").text()
    with Session(engine) as session:
        stored_patrol = session.exec(
            select(Patrol).where(Patrol.state == "FINAL").order_by(Patrol.created_at.desc())
        ).first()
        assert stored_patrol.found_issue and stored_patrol.case_ids == [case_id]
        assert len(session.exec(select(Attachment).where(Attachment.owner_id == case_id)).all()) == 3
    find(patrol, QPushButton, "backButton").click()

    # The case, from the ledger: only the steps the state machine allows are offered.
    case_no = app_controller.services.cases.get(case_id).case.case_no
    open_row(qtbot, find(main.cases.list, QTableView, "caseTable"), case_no)
    page = main.cases.currentWidget()
    assert page.objectName() == "casePage"
    assert find(page, QLabel, "caseStatus").text() == CaseStatus.DISCOVERED.zh
    assert _steps(page) == {f"step_{s.value}" for s in allowed_transitions(CaseStatus.DISCOVERED)}
    assert "step_CLOSED" not in _steps(page)
    find(page, QPushButton, "step_REGISTERED").click()
    find(page, QPushButton, "step_VERIFIED").click()
    assert find(page, QLabel, "caseStatus").text() == CaseStatus.VERIFIED.zh

    find(page, QPushButton, "step_NOTICE_ISSUED").click()
    notice = main.cases.currentWidget()
    assert notice.objectName() == "editor_rectification_notice"
    tick(notice, "remedies", "REMOVE_HARDENING")
    tick(notice, "remedies", "RESTORE_LAND")
    find(notice, QPushButton, "finalizeButton").click()
    assert find(notice, QFrame, "readOnlyBanner").isVisibleTo(notice), find(notice, QLabel, "issuesList").text()
    find(notice, QPushButton, "backButton").click()

    page = main.cases.currentWidget()
    deadline = next_working_day(DEMO_TODAY + timedelta(days=15), load_work_calendar())
    assert find(page, QLabel, "caseStatus").text() == CaseStatus.NOTICE_ISSUED.zh
    assert deadline.isoformat() in find(page, QLabel, "caseDeadline").text()
    with Session(engine) as session:
        issued = session.exec(select(RectificationNotice).where(RectificationNotice.case_id == case_id)).one()
        assert (
            issued.state == "FINAL" and issued.notice_no.startswith("慈民殡〔2026〕第") and issued.deadline == deadline
        )

    find(page, QPushButton, "step_RECTIFYING").click()
    assert "step_CLOSED" not in _steps(page) and "step_RECTIFIED" not in _steps(page)
    find(page, QPushButton, "step_REINSPECTION").click()
    find(page, QPushButton, "step_reinspection").click()
    check = main.cases.currentWidget()
    assert check.objectName() == "editor_reinspection"
    choose(check, "result", "REMOVED")
    fill(check, "area_m2_after", "0")
    for slot in ("photo_after_wide", "photo_after_mid"):
        find(check, QPushButton, f"add_{slot}").click()
    choose(check, "conclusion", "CLOSE")
    sign(qtbot, check, "sig_inspectors")
    find(check, QPushButton, "finalizeButton").click()
    assert find(check, QFrame, "readOnlyBanner").isVisibleTo(check), find(check, QLabel, "issuesList").text()
    find(check, QPushButton, "backButton").click()

    page = main.cases.currentWidget()
    assert find(page, QLabel, "caseStatus").text() == CaseStatus.RECTIFIED.zh
    assert _steps(page) == {"step_CLOSED"}
    find(page, QPushButton, "step_CLOSED").click()
    assert find(page, QLabel, "caseStatus").text() == CaseStatus.CLOSED.zh
    assert _steps(page) == set()
    with Session(engine) as session:
        case = session.get(GraveCase, case_id)
        assert case.status == CaseStatus.CLOSED and case.closed_on == DEMO_TODAY and case.closed_by
        timeline = [
            e.to_status
            for e in session.exec(
                select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.at, CaseEvent.id)
            )
        ]
    assert timeline == [
        "DISCOVERED",
        "REGISTERED",
        "VERIFIED",
        "NOTICE_ISSUED",
        "RECTIFYING",
        "REINSPECTION",
        "RECTIFIED",
        "CLOSED",
    ]
