"""Printing from the screens: record pages and lists open the preview; full ID numbers need the password again."""

from __future__ import annotations

import io

from pypdf import PdfReader
from PySide6.QtCore import QItemSelectionModel
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QWidget
from sqlalchemy import select
from sqlmodel import Session
from tests.ui.helpers import find, unlock

from fieldvisit.domain.shared import AuditEvent, AuditKind, Role
from fieldvisit.store.workspace import DEMO_PASSWORD


def _previews(main) -> list:  # type: ignore[no-untyped-def]
    opened: list = []
    main.services.printer.opened.connect(opened.append)
    return opened


def _action(widget: QWidget, name: str) -> QAction:
    button = find(widget, QPushButton, "printButton")
    action = next((a for a in button.menu().actions() if a.objectName() == name), None)
    assert action is not None, f"no print entry {name!r}"
    return action


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf)).pages)


def _switch(app_controller, role: Role):  # type: ignore[no-untyped-def]
    user = next(u for u in app_controller.services.reference.users() if u.role == role)
    app_controller.main_window.user_changed.emit(user.id)
    return app_controller.main_window, user


def test_child_page_prints_the_whole_file_with_the_right_page_count(qtbot, app_controller) -> None:
    main = unlock(qtbot, app_controller)
    services = app_controller.services
    child = max(services.children.list(), key=lambda r: len(services.children.get(r.id).visits))
    expected = services.printing.render("child_dossier", [child.id]).printed.page_count
    assert expected > 1
    opened = _previews(main)
    main.open_child(child.id)
    page = main.children.currentWidget()
    _action(page, "printChildDossier").trigger()
    qtbot.waitUntil(lambda: len(opened) == 1)
    dialog = opened[0]
    assert dialog.isVisible() and dialog.job.document == "child_dossier"
    assert dialog.page_count() == expected
    assert str(expected) in find(dialog, QLabel, "printPreviewPages").text()
    assert child.name in dialog.windowTitle()
    _action(page, "printChildInfo").trigger()
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert opened[1].job.document == "child_info" and opened[1].page_count() == 1


def test_full_id_numbers_need_the_password_again_and_are_audited(qtbot, app_controller) -> None:
    main = unlock(qtbot, app_controller)
    services = app_controller.services
    child = services.children.list()[0]
    full_id = services.children.get(child.id).child.id_number
    opened = _previews(main)
    main.open_child(child.id)
    _action(main.children.currentWidget(), "printChildInfo").trigger()
    qtbot.waitUntil(lambda: bool(opened))
    dialog = opened[0]
    assert full_id not in _text(dialog.job.printed.pdf), "ID numbers are masked by default"
    assert not dialog.full_ids

    find(dialog, QPushButton, "printPreviewFullIds").click()
    reauth = services.printer.reauth
    assert reauth is not None and reauth.isVisible()
    qtbot.keyClicks(find(reauth, QLineEdit, "reauthPassword"), "wrong-password")
    find(reauth, QPushButton, "reauthOk").click()
    assert find(reauth, QLabel, "reauthError").isVisibleTo(reauth)
    assert not dialog.full_ids
    edit = find(reauth, QLineEdit, "reauthPassword")
    edit.clear()
    qtbot.keyClicks(edit, DEMO_PASSWORD)
    find(reauth, QPushButton, "reauthOk").click()
    qtbot.waitUntil(lambda: dialog.full_ids)
    assert full_id in _text(dialog.job.printed.pdf)
    assert not find(dialog, QPushButton, "printPreviewFullIds").isVisible()
    app_controller.tasks.wait()
    with Session(services.session.workspace.engine) as session:
        reveals = session.exec(select(AuditEvent).where(AuditEvent.kind == AuditKind.REVEAL_ID)).scalars().all()
    assert [e.record_id for e in reveals] == [child.id]


def test_children_list_prints_visit_forms_for_the_children_shown_or_selected(qtbot, app_controller) -> None:
    unlock(qtbot, app_controller)
    main, _ = _switch(app_controller, Role.CHILD_SUPERVISOR)
    main.show_section("children")
    children = main.children.list
    qtbot.waitUntil(lambda: children.model.rowCount() > 0)
    villages = [r.village_name for r in children.model.rows()]
    children.choose("village", max(set(villages), key=villages.count))
    shown = children.visible_ids()
    assert 0 < len(shown) < children.model.rowCount()
    opened = _previews(main)
    find(children, QPushButton, "printVisitFormsButton").click()
    qtbot.waitUntil(lambda: bool(opened))
    assert opened[0].job.document == "child_visit" and list(opened[0].job.record_ids) == shown
    assert opened[0].page_count() >= len(shown)

    children.choose("village", "")
    children.table.selectRow(0)
    children.table.selectionModel().select(
        children.proxy.index(2, 0), QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    )
    find(children, QPushButton, "printVisitFormsButton").click()
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert list(opened[1].job.record_ids) == [children.proxy.record_id(0), children.proxy.record_id(2)]


def test_a_finalized_visit_prints_and_a_draft_does_not(qtbot, app_controller) -> None:
    main = unlock(qtbot, app_controller)
    services = app_controller.services
    dossier = next(d for d in map(services.children.get, (r.id for r in services.children.list())) if d.visits)
    final = next(v for v in dossier.visits if v.state == "FINAL")
    main.open_child(dossier.child.id)
    main.children.open_visit(final.id)
    editor = main.children.currentWidget()
    assert find(editor, QPushButton, "printButton").isVisibleTo(editor)
    opened = _previews(main)
    find(editor, QPushButton, "printButton").click()
    qtbot.waitUntil(lambda: bool(opened))
    assert opened[0].job.document == "child_visit" and opened[0].job.record_ids == (final.id,)
    main.children.pop()
    main.children.currentWidget().new_visit.emit(dossier.child.id)
    draft = main.children.currentWidget()
    assert not find(draft, QPushButton, "printButton").isVisibleTo(draft)


def test_cases_list_prints_a_towns_ledger_and_the_case_page_its_notice(qtbot, app_controller) -> None:
    unlock(qtbot, app_controller)
    main, _ = _switch(app_controller, Role.PATROL_OFFICER)
    main.show_section("cases")
    section = main.cases
    qtbot.waitUntil(lambda: section.list.model.rowCount() > 0 and bool(section.towns))
    opened = _previews(main)
    section.fill_ledger_menu()
    action = next(a for a in section.ledger_button.menu().actions() if a.objectName().startswith("printLedger_"))
    action.trigger()
    qtbot.waitUntil(lambda: bool(opened))
    assert opened[0].job.document == "grave_ledger"
    assert opened[0].job.record_ids == (action.objectName().removeprefix("printLedger_"),)

    services = app_controller.services
    case = next(c for c in services.cases.list() if any(n.state == "FINAL" for n in services.cases.get(c.id).notices))
    notice = next(n for n in services.cases.get(case.id).notices if n.state == "FINAL")
    main.open_case(case.id)
    _action(section.currentWidget(), f"printNotice_{notice.id}").trigger()
    qtbot.waitUntil(lambda: len(opened) == 2)
    assert opened[1].job.document == "rectification_notice" and opened[1].job.record_ids == (notice.id,)


def test_a_supervisor_prints_the_overdue_roster(qtbot, app_controller) -> None:
    unlock(qtbot, app_controller)
    main, supervisor = _switch(app_controller, Role.CHILD_SUPERVISOR)
    main.show_section("children")
    opened = _previews(main)
    find(main.children.list, QPushButton, "printOverdueRosterButton").click()
    qtbot.waitUntil(lambda: bool(opened))
    assert opened[0].job.document == "overdue_roster" and opened[0].job.record_ids == (supervisor.id,)
