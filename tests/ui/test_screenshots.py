"""Renders every main screen in Chinese; with FIELDVISIT_SCREENSHOTS=DIR the PNGs are written there to look at."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget
from tests.ui.helpers import unlock

SIZE = QSize(1366, 820)


def _shoot(widget: QWidget, name: str) -> None:
    widget.resize(SIZE)
    QApplication.processEvents()
    image = widget.grab().toImage()
    assert not image.isNull() and image.width() >= SIZE.width() - 1
    target = os.environ.get("FIELDVISIT_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        assert image.save(str(Path(target) / f"{name}.png"))


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


def test_screenshots_household_editor_and_grave_case(qtbot, main, app_controller) -> None:
    services = app_controller.services
    rows = services.assessments.list()
    main.show_section("households")
    main.households.open_assessment(max(rows, key=lambda r: r.household_size).id)
    _shoot(main, "08-household-editor")
    cases = services.cases.list()
    main.open_case(next(c for c in cases if c.status == "RECTIFYING").id)
    _shoot(main, "09-grave-case")
