"""Renders every main screen in Chinese; with FIELDVISIT_SCREENSHOTS=DIR the PNGs are written there to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from tests.ui.bureau_fixtures import edit_child, sign_in
from tests.ui.helpers import choose, fill, find, tick, unlock

from fieldvisit.domain.children import ChildFile

SIZE = QSize(1366, 820)


def _shoot(widget: QWidget, name: str, size: QSize = SIZE) -> None:
    widget.resize(size)
    QApplication.processEvents()
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() >= size.width() - 1
    target = os.environ.get("FIELDVISIT_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(target) / f"{name}.png"))


def test_screenshots_first_run(qtbot, tmp_path: Path, test_clock) -> None:
    from fieldvisit.ui.app import AppController
    from fieldvisit.ui.errors import ErrorReporter
    from fieldvisit.ui.tasks import TaskRunner

    controller = AppController(
        tmp_path / "empty", tasks=TaskRunner(inline=True), reporter=ErrorReporter(show_dialogs=False), clock=test_clock
    )
    window = controller.start()
    qtbot.addWidget(window)
    _shoot(window, "00-first-run")


def _has_ink(widget: QWidget) -> bool:
    """Whether anything dark is drawn in the widget (a rendered page has text; a page still rendering is white)."""
    image = widget.grab().toImage()
    return any(
        image.pixelColor(x, y).lightness() < 120
        for x in range(40, image.width() - 40, 12)
        for y in range(40, image.height() - 40, 12)
    )


@pytest.fixture
def main(qtbot, app_controller):  # type: ignore[no-untyped-def]
    """The main window as the bureau administrator (who sees every job) on the demo workspace."""
    _shoot(app_controller.unlock_window, "01-unlock")
    first = unlock(qtbot, app_controller)
    admin = next(u for u in app_controller.services.reference.users() if u.role == "BUREAU_ADMIN")
    first.user_changed.emit(admin.id)
    return app_controller.main_window


def test_screenshots_dashboard_and_lists(qtbot, main) -> None:
    _shoot(main, "02-dashboard")
    for number, section in enumerate(("children", "households", "cases"), start=3):
        main.show_section(section)
        qtbot.waitUntil(lambda s=section: main.page(s).list.model.rowCount() > 0)
        _shoot(main, f"0{number}-list-{section}")


def test_screenshots_child_file_and_visit_editor(qtbot, main, app_controller) -> None:
    services = app_controller.services
    child = max(services.children.list(), key=lambda r: len(services.children.get(r.id).visits))
    main.open_child(child.id)
    _shoot(main, "06-child-file")
    main.children.currentWidget().new_visit.emit(child.id)
    _shoot(main, "07-visit-editor")
    editor = main.children.currentWidget()
    tick(editor, "safety", "ALONE_UNCARED")
    choose(editor, "guardianship_rating", "FAIR")
    editor.view.verticalScrollBar().setValue(editor.view.widget().findChild(QWidget, "section_safety").y())
    _shoot(main, "07b-visit-editor-safety")


def test_screenshots_household_editor_and_grave_case(qtbot, main, app_controller) -> None:
    services = app_controller.services
    main.show_section("households")
    main.households.start_assessment()
    editor = main.households.currentWidget()
    fill(editor, "applicant_name", "陈𠮷华")
    fill(editor, "applicant_id_number", "330282197203150013")
    fill(editor, "hukou_address", "浙江省慈溪市观海卫镇卫东村18号")
    choose(editor, "hukou_type", "RURAL")
    fill(editor, "phone", "13805741234")
    for index, (name, relation, id_number) in enumerate(
        (("陈𠮷华", "SELF", "330282197203150013"), ("沈丽娟", "SPOUSE", "330282197405160026"))
    ):
        find(editor, QPushButton, "add_members").click()
        fill(editor, f"members_{index}_name", name)
        choose(editor, f"members_{index}_relation", relation)
        fill(editor, f"members_{index}_id_number", id_number)
        choose(editor, f"members_{index}_health", "HEALTHY")
        choose(editor, f"members_{index}_labor_capacity", "ABLE")
    for index, (category, item, amount) in enumerate((("WAGES", "务工收入", "14,400"), ("TRANSFER", "养老金", "3600"))):
        find(editor, QPushButton, "add_income_items").click()
        choose(editor, f"income_items_{index}_category", category)
        fill(editor, f"income_items_{index}_item", item)
        fill(editor, f"income_items_{index}_amount_12m_fen", amount)
    _shoot(main, "08-household-editor")
    editor.view.verticalScrollBar().setValue(editor.view.widget().findChild(QWidget, "section_income").y())
    _shoot(main, "08b-household-editor-income")
    cases = services.cases.list()
    main.open_case(next(c for c in cases if c.status == "RECTIFYING").id)
    _shoot(main, "09-grave-case")


def test_screenshots_print_preview_and_about(qtbot, main, app_controller) -> None:
    services = app_controller.services
    child = max(services.children.list(), key=lambda r: len(services.children.get(r.id).visits))
    opened: list = []
    services.printer.opened.connect(opened.append)
    main.open_child(child.id)
    menu = find(main.children.currentWidget(), QPushButton, "printButton").menu()
    next(a for a in menu.actions() if a.objectName() == "printChildDossier").trigger()
    qtbot.waitUntil(lambda: bool(opened))
    opened[0].resize(QSize(900, 1000))
    qtbot.waitUntil(lambda: _has_ink(opened[0].view), timeout=10_000)  # QPdfView renders pages asynchronously
    _shoot(opened[0], "10-print-preview", QSize(900, 1000))
    opened[0].close()
    main.show_section("settings")
    main.settings.show_tab(main.about)
    qtbot.waitUntil(lambda: main.about.diagnostics is not None)
    _shoot(main, "11-about")


def test_screenshots_sync_panel_and_conflicts(qtbot, bureau_app, bureau, director, office) -> None:
    sign_in(qtbot, bureau_app, bureau, director)
    main = bureau_app.main_window
    record = next(r for r in office.all(ChildFile) if r.name == "王小明")
    office.edit(ChildFile, record.id, grade="四年级", risk_level="RED")
    office.sync()
    edit_child(bureau_app, record.id, grade="三年级", risk_level="YELLOW", health_note="近期感冒")
    main.show_section("sync")
    shot: list[str] = []

    def during(event: object) -> None:
        if getattr(event, "phase", "") == "push" and not shot:
            shot.append("taken")
            _shoot(main, "12a-sync-progress")

    bureau_app.services.sync.progress.connect(during)
    find(main.sync.panel, QPushButton, "syncNowButton").click()
    assert shot
    _shoot(main, "12-sync-panel")
    main.sync.tabs.setCurrentWidget(main.sync.conflicts)
    _shoot(main, "13-conflicts")
