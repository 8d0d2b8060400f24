"""The idle lock counts real input to the app's windows (main window and dialogs), not other events."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from fieldvisit.ui.app import IdleWatcher


@pytest.fixture
def watched(qtbot) -> tuple[QLineEdit, IdleWatcher]:
    """A shown window and a 15-minute idle watcher watching it."""
    window = QLineEdit()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    watcher = IdleWatcher(15)
    watcher.watch(QApplication.instance(), window)
    return window, watcher


def _after_a_while(qtbot, watcher: IdleWatcher) -> int:
    qtbot.wait(300)
    return watcher.remaining_ms


def test_keys_and_clicks_on_a_watched_window_restart_the_count(qtbot, watched) -> None:
    window, watcher = watched
    before = _after_a_while(qtbot, watcher)
    QTest.keyClick(window.windowHandle(), Qt.Key.Key_A)
    assert watcher.remaining_ms > before
    before = _after_a_while(qtbot, watcher)
    QTest.mouseClick(window.windowHandle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))
    assert watcher.remaining_ms > before


def test_other_events_do_not_count_and_a_dialog_taking_the_focus_is_watched(qtbot, watched) -> None:
    window, watcher = watched
    before = _after_a_while(qtbot, watcher)
    window.resize(400, 60)
    window.update()
    qtbot.wait(50)
    assert watcher.remaining_ms < before

    dialog = QDialog(window)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWindow() is dialog.windowHandle())
    before = _after_a_while(qtbot, watcher)
    QTest.keyClick(dialog.windowHandle(), Qt.Key.Key_B)
    assert watcher.remaining_ms > before
    dialog.close()
