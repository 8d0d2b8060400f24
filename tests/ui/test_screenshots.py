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
    _shoot(app_controller.unlock_window, "01-unlock")
    return unlock(qtbot, app_controller)


def test_screenshots_dashboard_and_lists(qtbot, main) -> None:
    _shoot(main, "02-dashboard")
    for number, section in enumerate(("children", "households", "cases"), start=3):
        main.show_section(section)
        qtbot.waitUntil(lambda s=section: main._page_of[s].list.model.rowCount() > 0)
        _shoot(main, f"0{number}-list-{section}")
