"""UI test fixtures: a small demo workspace (real, encrypted, migrated) copied per test, and the app on it."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from tests.ui.bureau_fixtures import bureau, bureau_app, director, office, world  # noqa: F401 - fixtures

from fieldvisit.security.keys import FAST_TEST_PARAMS
from fieldvisit.store.demo import generate_demo
from fieldvisit.store.workspace import DEMO_PASSWORD, create_workspace

DEMO_TODAY = date(2026, 11, 20)
DEMO_SCALE = 0.2


class DemoClock:
    """A clock fixed at the demo's day (10:00 in Cixi); tests move it by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="session", autouse=True)
def chinese_ui(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """The app's zh_CN catalogue and Qt's, as the app installs them (the UI runs in Chinese by default)."""
    from fieldvisit.ui.i18n import install_translators

    translators = install_translators(qapp)
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo workspace for the whole run (each test works on its own copy)."""
    path = tmp_path_factory.mktemp("demo-template") / "workspace"
    clock = DemoClock()
    workspace = create_workspace(
        path, DEMO_PASSWORD, demo=True, label="演示数据", kdf_params=FAST_TEST_PARAMS, clock=clock
    )
    generate_demo(workspace.engine, today=DEMO_TODAY, scale=DEMO_SCALE)
    workspace.close()
    return path


@pytest.fixture
def demo_dir(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo workspace for one test."""
    target = tmp_path / "workspace"
    shutil.copytree(demo_template, target)
    return target


@pytest.fixture
def test_clock() -> DemoClock:
    return DemoClock()


@pytest.fixture
def app_controller(qtbot, demo_dir: Path, test_clock: DemoClock) -> Iterator[object]:
    """The app controller on a copy of the demo workspace, tasks inline, started (unlock window shown)."""
    from fieldvisit.ui.app import AppController
    from fieldvisit.ui.errors import ErrorReporter
    from fieldvisit.ui.tasks import TaskRunner

    reporter = ErrorReporter(show_dialogs=False)
    tasks = TaskRunner(inline=True)
    tasks.default_error = lambda exc: (_ for _ in ()).throw(exc)
    controller = AppController(demo_dir, tasks=tasks, reporter=reporter, clock=test_clock, kdf_params=FAST_TEST_PARAMS)
    window = controller.start()
    qtbot.addWidget(window)
    yield controller
    controller.shutdown()
    assert reporter.count == 0, "an error reached the exception reporter"
    for widget in (controller.main_window, controller.unlock_window, controller.first_run):
        if widget is not None:
            widget.close()
            widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
