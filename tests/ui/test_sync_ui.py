"""Sync through the app against a real bureau on loopback: sign-in, progress, badges, conflicts, revocation."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QComboBox, QFrame, QLabel, QLineEdit, QPushButton
from sqlalchemy import select
from tests.bureau import live
from tests.bureau.live import LiveBureau
from tests.sync.harness import Device, Staff, World, child
from tests.ui.helpers import find, unlock

from fieldvisit.bureau import devices
from fieldvisit.bureau.tables import metadata as bureau_metadata
from fieldvisit.domain.children import ChildFile
from fieldvisit.domain.shared import Role
from fieldvisit.domain.types import utc_now
from fieldvisit.security.keys import FAST_TEST_PARAMS
from fieldvisit.store.changes import write_changes
from fieldvisit.store.workspace import is_workspace
from fieldvisit.sync.protocol import DeviceState
from fieldvisit.ui.app import AppController
from fieldvisit.ui.errors import ErrorReporter
from fieldvisit.ui.prefs import Preferences
from fieldvisit.ui.tasks import TaskRunner


@pytest.fixture(params=["sqlite"])
def bureau(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[LiveBureau]:
    """The bureau the sync tests use, on a real loopback socket (SQLite: the UI is not about the database)."""
    yield from live.running_bureau(request, tmp_path)


@pytest.fixture
def world(bureau: LiveBureau, tmp_path: Path) -> Iterator[World]:
    instance = World(bureau=bureau, tmp=tmp_path / "devices")
    yield instance
    instance.close()


@pytest.fixture
def director(world: World) -> Staff:
    return world.user("dir-ui", Role.CHILD_DIRECTOR)


@pytest.fixture
def office(world: World, director: Staff) -> Device:
    """The supervisor's computer: it puts two children of the director on the bureau."""
    device = world.device(world.user("sup-ui", Role.CHILD_SUPERVISOR))
    device.save(child(director, name="王小明", grade="二年级"), child(director, name="李𠮷华"))
    assert device.sync().status == "OK"
    return device


def _controller(qtbot, path: Path, clock) -> AppController:  # type: ignore[no-untyped-def]
    reporter = ErrorReporter(show_dialogs=False)
    tasks = TaskRunner(inline=True)
    tasks.default_error = lambda exc: (_ for _ in ()).throw(exc)
    controller = AppController(path, tasks=tasks, reporter=reporter, clock=clock, kdf_params=FAST_TEST_PARAMS)
    qtbot.addWidget(controller.start())
    return controller


@pytest.fixture
def app(qtbot, tmp_path: Path, test_clock) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    controller = _controller(qtbot, tmp_path / "laptop", test_clock)
    yield controller
    controller.shutdown()
    assert controller.reporter.count == 0
    for window in (controller.main_window, controller.first_run, controller.unlock_window):
        if window is not None:
            window.close()
            window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def _sign_in(qtbot, app: AppController, bureau: LiveBureau, staff: Staff, password: str = "") -> None:  # type: ignore[no-untyped-def]
    find(app.first_run, QPushButton, "bureauSignInButton").click()
    dialog = app.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(find(dialog, QLineEdit, "bureauAddress"), bureau.url)
    qtbot.keyClicks(find(dialog, QLineEdit, "bureauUsername"), staff.username)
    qtbot.keyClicks(find(dialog, QLineEdit, "bureauPassword"), password or staff.password)
    find(dialog, QPushButton, "signInOk").click()


def _sync_column(children_list) -> list[str]:  # type: ignore[no-untyped-def]
    column = next(i for i, c in enumerate(children_list.model.columns) if c.key == "sync")
    return [children_list.proxy.index(row, column).data() for row in range(children_list.proxy.rowCount())]


def _edit_child(app: AppController, record_id: str, **changes: object) -> None:
    services = app.services
    with write_changes(services.session.workspace.engine, services.session.actor, clock=services.clock) as writer:
        record = writer.session.get(ChildFile, record_id)
        for name, value in changes.items():
            setattr(record, name, value)
        writer.save(record)
    services.bus.changed.emit("child_file")


def _bureau_child(world: World, record_id: str):  # type: ignore[no-untyped-def]
    table = bureau_metadata.tables["child_file"]
    with world.bureau.engine.connect() as connection:
        return connection.execute(select(table).where(table.c.id == record_id)).first()


def test_sign_in_downloads_the_records_and_sync_now_shows_progress_to_synced_badges(
    qtbot,
    app: AppController,
    world: World,
    bureau: LiveBureau,
    director: Staff,
    office: Device,
    tmp_path: Path,
    test_clock,
) -> None:
    _sign_in(qtbot, app, bureau, director)
    main = app.main_window
    assert main is not None and main.isVisible(), "the first sign-in opens the app"
    assert app.services.session.user.username == director.username
    assert main.findChild(QPushButton, "navCases") is None, "a child director sees the children's files"
    main.show_section("children")
    children = main.children.list
    assert sorted(r.name for r in children.model.rows()) == ["李𠮷华", "王小明"]
    assert _sync_column(children) == ["已同步", "已同步"]

    first = next(r for r in children.model.rows() if r.name == "王小明")
    _edit_child(app, first.id, grade="三年级")
    assert sorted(_sync_column(children)) == ["已同步", "待同步"]
    main.open_child(first.id)
    page = main.children.currentWidget()
    assert find(page, QLabel, "syncBadge").text() == "待同步"

    main.show_section("sync")
    panel = main.sync.panel
    seen: list[tuple[str, bool, str]] = []
    app.services.sync.progress.connect(lambda e: seen.append((e.phase, panel.progress.isVisible(), panel.phase.text())))
    find(panel, QPushButton, "syncNowButton").click()
    assert ("push", True, "正在上传更改：1/1") in seen
    assert all(visible for _phase, visible, _text in seen[:-1]), "the progress bar shows while syncing"
    assert not panel.progress.isVisible()
    assert "上传 1 条" in find(panel, QLabel, "syncResult").text()
    assert find(page, QLabel, "syncBadge").text() == "已同步"
    assert _bureau_child(world, first.id).grade == "三年级"
    assert find(main, QLabel, "navSyncStatus").text().startswith("已同步")
    assert "尚未" not in find(main.dashboard, QLabel, "dashboardLastSync").text()

    # Offline afterwards: the same password opens the data without the bureau.
    Preferences(tmp_path / "laptop").set_auto_sync(False)
    app.shutdown()
    again = _controller(qtbot, tmp_path / "laptop", test_clock)
    reopened = unlock(qtbot, again, director.password)
    assert reopened.isVisible() and again.services.session.user.username == director.username
    again.shutdown()
    reopened.close()


def test_a_conflict_is_listed_field_by_field_and_resolving_it_clears_it(
    qtbot, app: AppController, world: World, bureau: LiveBureau, director: Staff, office: Device
) -> None:
    _sign_in(qtbot, app, bureau, director)
    main = app.main_window
    record = next(r for r in office.all(ChildFile) if r.name == "王小明")
    office.edit(ChildFile, record.id, grade="四年级")
    assert office.sync().pushed == 1
    _edit_child(app, record.id, grade="三年级")
    main.show_section("sync")
    page = main.sync
    find(page.panel, QPushButton, "syncNowButton").click()
    assert app.services.sync.last_report.conflicts == 1
    assert "待处理的冲突：1" in find(page.panel, QLabel, "syncResult").text()
    conflicts = page.conflicts
    assert conflicts.model.rowCount() == 1 and "冲突 (1)" in page.tabs.tabText(1)
    assert "王小明" in find(conflicts, QLabel, "conflictHeading").text()
    compare = conflicts.compare
    row = next(r for r in range(compare.rowCount()) if compare.item(r, 0).text() == "年级")
    assert (compare.item(row, 1).text(), compare.item(row, 2).text()) == ("三年级", "四年级")
    find(conflicts, QPushButton, "resolveConflictButton").click()
    assert find(conflicts, QLabel, "conflictMessage").isVisibleTo(conflicts), "a choice is needed first"
    find(conflicts, QComboBox, "choice_grade").setCurrentIndex(1)  # this computer's value
    find(conflicts, QPushButton, "resolveConflictButton").click()
    assert conflicts.model.rowCount() == 0, find(conflicts, QLabel, "conflictMessage").text()
    assert find(conflicts, QLabel, "conflictsEmpty").isVisibleTo(conflicts)
    main.show_section("children")
    assert "冲突" not in _sync_column(main.children.list)
    main.show_section("sync")
    find(page.panel, QPushButton, "syncNowButton").click()
    assert _bureau_child(world, record.id).grade == "三年级"
    assert "冲突 (0)" in page.tabs.tabText(1)
    main.show_section("children")
    assert _sync_column(main.children.list) == ["已同步", "已同步"]


def test_a_stolen_device_is_wiped_and_says_so(
    qtbot, app: AppController, bureau: LiveBureau, director: Staff, office: Device, tmp_path: Path
) -> None:
    _sign_in(qtbot, app, bureau, director)
    device_id = app.services.session.device_id
    devices.revoke(bureau.engine, device_id, DeviceState.STOLEN, now=utc_now())
    app.main_window.show_section("sync")
    find(app.main_window.sync.panel, QPushButton, "syncNowButton").click()
    assert app.main_window is None and app.services is None
    first_run = app.first_run
    assert first_run is not None and first_run.isVisible()
    notice = find(first_run, QFrame, "firstRunNotice")
    assert notice.isVisibleTo(first_run) and "已被民政局停用" in notice.accessibleName()
    assert not is_workspace(tmp_path / "laptop")


def test_a_refused_sign_in_says_why_and_leaves_nothing_behind(
    qtbot, app: AppController, bureau: LiveBureau, director: Staff, tmp_path: Path
) -> None:
    _sign_in(qtbot, app, bureau, director, password="wrong-password")
    dialog = app.sign_in_dialog
    error = find(dialog, QLabel, "signInError")
    assert error.isVisibleTo(dialog) and error.text()
    assert app.main_window is None
    assert not (tmp_path / "laptop" / "workspace.json").exists()
    assert find(dialog, QPushButton, "signInOk").isEnabled()
