"""A real bureau on loopback for UI tests (started as tests/sync does), its staff, and the app signing in to it.

The fixtures are registered in tests/ui/conftest.py; the helpers are imported by the tests that use them.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QLineEdit, QPushButton
from sqlalchemy import select
from tests.bureau import live
from tests.bureau.live import LiveBureau
from tests.sync.harness import Device, Staff, World, child
from tests.ui.helpers import find

from fieldvisit.bureau.tables import metadata as bureau_metadata
from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.shared import Role
from fieldvisit.security.keys import FAST_TEST_PARAMS
from fieldvisit.store.changes import write_changes
from fieldvisit.ui.app import AppController
from fieldvisit.ui.errors import ErrorReporter
from fieldvisit.ui.tasks import TaskRunner


@pytest.fixture(params=["sqlite"])
def bureau(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveBureau]:
    """The bureau the sync tests use, on a real loopback socket (SQLite: the UI is not about the database)."""
    yield from live.running_bureau(request, tmp_path)


@pytest.fixture
def world(bureau: LiveBureau, tmp_path: Path) -> Iterator[World]:
    """The bureau's staff accounts and the other devices of a test (tests/sync/harness)."""
    instance = World(bureau=bureau, tmp=tmp_path / "devices")
    yield instance
    instance.close()


@pytest.fixture
def director(world: World) -> Staff:
    """The child director who signs in on the app under test."""
    return world.user("dir-ui", Role.CHILD_DIRECTOR)


@pytest.fixture
def office(world: World, director: Staff) -> Device:
    """The supervisor's computer: it puts two children of the director on the bureau."""
    device = world.device(world.user("sup-ui", Role.CHILD_SUPERVISOR))
    device.save(child(director, name="王小明", grade="二年级"), child(director, name="李𠮷华"))
    assert device.sync().status == "OK"
    return device


def make_controller(qtbot, path: Path, clock) -> AppController:  # type: ignore[no-untyped-def]
    """The app on `path` (first run or unlock screen shown), tasks inline, errors raised."""
    reporter = ErrorReporter(show_dialogs=False)
    tasks = TaskRunner(inline=True)
    tasks.default_error = lambda exc: (_ for _ in ()).throw(exc)
    controller = AppController(path, tasks=tasks, reporter=reporter, clock=clock, kdf_params=FAST_TEST_PARAMS)
    qtbot.addWidget(controller.start())
    return controller


@pytest.fixture
def bureau_app(qtbot, tmp_path: Path, test_clock) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    """The app on an empty folder: the first-run screen, ready to sign in to the test's bureau."""
    controller = make_controller(qtbot, tmp_path / "laptop", test_clock)
    yield controller
    controller.shutdown()
    assert controller.reporter.count == 0
    for window in (controller.main_window, controller.first_run, controller.unlock_window):
        if window is not None:
            window.close()
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def sign_in(qtbot, app: AppController, bureau: LiveBureau, staff: Staff, password: str = "") -> None:  # type: ignore[no-untyped-def]
    find(app.first_run, QPushButton, "bureauSignInButton").click()
    dialog = app.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(find(dialog, QLineEdit, "bureauAddress"), bureau.url)
    qtbot.keyClicks(find(dialog, QLineEdit, "bureauUsername"), staff.username)
    qtbot.keyClicks(find(dialog, QLineEdit, "bureauPassword"), password or staff.password)
    find(dialog, QPushButton, "signInOk").click()


def sync_column(children_list) -> list[str]:  # type: ignore[no-untyped-def]
    column = next(i for i, c in enumerate(children_list.model.columns) if c.key == "sync")
    return [children_list.proxy.index(row, column).data() for row in range(children_list.proxy.rowCount())]


def edit_child(app: AppController, record_id: str, **changes: object) -> None:
    services = app.services
    with write_changes(services.session.workspace.engine, services.session.actor, clock=services.clock) as writer:
        record = writer.session.get(ChildFile, record_id)
        for name, value in changes.items():
            setattr(record, name, value)
        writer.save(record)
    services.bus.changed.emit("child_file")


def bureau_child(world: World, record_id: str):  # type: ignore[no-untyped-def]
    table = bureau_metadata.tables["child_file"]
    with world.bureau.engine.connect() as connection:
        return connection.execute(select(table).where(table.c.id == record_id)).first()
