"""The shell: first run offers the demo, the unlock screen, navigation by role, dashboard numbers, idle lock."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QLineEdit, QPushButton
from tests.ui.conftest import DEMO_TODAY
from tests.ui.helpers import find, unlock

from fieldvisit.security.keys import FAST_TEST_PARAMS
from fieldvisit.store.repositories.dashboard import DashboardRepository
from fieldvisit.ui.app import AppController
from fieldvisit.ui.errors import ErrorReporter
from fieldvisit.ui.tasks import TaskRunner


def test_unlock_screen_marks_demo_data_and_refuses_a_wrong_password(qtbot, app_controller) -> None:
    window = app_controller.unlock_window
    assert window.isVisible()
    assert "demo2026" in window.demo_text.text() and window.demo_banner.isVisibleTo(window)
    qtbot.keyClicks(find(window, QLineEdit, "passwordEdit"), "wrong")
    find(window, QPushButton, "unlockButton").click()
    error = find(window, QLabel, "unlockError")
    assert error.isVisibleTo(window)
    assert "密码不正确" in error.text()
    assert app_controller.main_window is None


def test_unlock_shows_the_dashboard_with_the_stores_numbers(qtbot, app_controller) -> None:
    main = unlock(qtbot, app_controller)
    engine = app_controller.services.session.workspace.engine
    user = app_controller.services.session.user
    counts = DashboardRepository(engine).counts(DEMO_TODAY, director_id=user.id)
    assert find(main, QLabel, "cardOverdueValue").text() == str(counts.visits_overdue)
    assert find(main, QLabel, "cardDraftsValue").text() == str(counts.drafts)
    # A child director sees the children, not the other jobs.
    assert main.findChild(QPushButton, "navChildren") is not None
    assert main.findChild(QPushButton, "navCases") is None
    assert find(main, QFrame, "demoBanner").isVisibleTo(main)


def test_the_dashboard_shows_before_the_workspace_opens_fully_and_takes_clicks(qtbot, app_controller) -> None:
    window = app_controller.unlock_window
    qtbot.keyClicks(find(window, QLineEdit, "passwordEdit"), "demo2026")
    with qtbot.waitSignal(app_controller.ready):
        find(window, QPushButton, "unlockButton").click()
        main = app_controller.main_window
        assert main.isVisible() and main.services is None, "numbers first, database layers after"
        assert find(main, QLabel, "cardOverdueValue").text() != "–"
        find(main, QPushButton, "navChildren").click()
        assert main.pages.currentWidget() is find(main, QLabel, "sectionLoading")
    qtbot.waitUntil(lambda: main.services is not None)
    assert main.pages.currentWidget() is main.children
    assert find(main, QPushButton, "navChildren").isChecked()


def test_first_run_offers_the_demo_and_creates_it(qtbot, tmp_path: Path, test_clock) -> None:
    reporter = ErrorReporter(show_dialogs=False)
    controller = AppController(
        tmp_path / "fresh",
        tasks=TaskRunner(inline=True),
        reporter=reporter,
        clock=test_clock,
        demo_scale=0.05,
        kdf_params=FAST_TEST_PARAMS,
    )
    window = controller.start()
    qtbot.addWidget(window)
    assert window.objectName() == "firstRunWindow"
    assert find(window, QPushButton, "bureauSignInButton").isEnabled()
    find(window, QPushButton, "useDemoButton").click()
    qtbot.waitUntil(lambda: controller.main_window is not None and controller.main_window.isVisible())
    assert controller.services.session.demo
    controller.shutdown()
    controller.main_window.close()
    assert reporter.count == 0


def test_idle_lock_hides_the_data_until_the_password_is_given(qtbot, app_controller) -> None:
    main = unlock(qtbot, app_controller)
    app_controller.lock()
    assert not main.isVisible() and app_controller.unlock_window.isVisible()
    unlock(qtbot, app_controller)
    assert main.isVisible() and not app_controller.locked


def test_settings_font_size_applies_to_the_whole_app(qtbot, app_controller) -> None:
    from PySide6.QtWidgets import QApplication

    main = unlock(qtbot, app_controller)
    find(main, QPushButton, "navSettings").click()
    before = QApplication.font().pointSizeF()
    combo = find(main, QComboBox, "fontScaleCombo")
    combo.setCurrentIndex(combo.findData(150))
    assert QApplication.font().pointSizeF() == before * 1.5
    assert app_controller.prefs.font_scale() == 150
    combo.setCurrentIndex(combo.findData(100))
