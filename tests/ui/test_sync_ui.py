"""Sync through the app against a real bureau on loopback: sign-in, progress, badges, conflicts, revocation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QFrame, QLabel, QPushButton
from tests.bureau.live import LiveBureau
from tests.sync.harness import Device, Staff, World, visit
from tests.ui.bureau_fixtures import bureau_child, edit_child, make_controller, sign_in, sync_column
from tests.ui.helpers import find, unlock

from fieldvisit.bureau import devices
from fieldvisit.domain.children import ChildFile, ChildVisit
from fieldvisit.domain.types import utc_now
from fieldvisit.store.changes import write_changes
from fieldvisit.store.repositories.sync import QuarantineView
from fieldvisit.store.workspace import is_workspace
from fieldvisit.sync.protocol import DeviceState
from fieldvisit.ui.app import AppController
from fieldvisit.ui.prefs import Preferences


def test_sign_in_downloads_the_records_and_sync_now_shows_progress_to_synced_badges(
    qtbot,
    bureau_app: AppController,
    world: World,
    bureau: LiveBureau,
    director: Staff,
    office: Device,
    tmp_path: Path,
    test_clock,
) -> None:
    sign_in(qtbot, bureau_app, bureau, director)
    main = bureau_app.main_window
    assert main is not None and main.isVisible(), "the first sign-in opens the app"
    assert bureau_app.services.session.user.username == director.username
    assert bureau_app.services.sync.last_report is not None, "with automatic sync on, opening syncs at once"
    assert main.findChild(QPushButton, "navCases") is None, "a child director sees the children's files"
    main.show_section("children")
    children = main.children.list
    assert sorted(r.name for r in children.model.rows()) == ["李𠮷华", "王小明"]
    assert sync_column(children) == ["已同步", "已同步"]

    first = next(r for r in children.model.rows() if r.name == "王小明")
    edit_child(bureau_app, first.id, grade="三年级")
    assert sorted(sync_column(children)) == ["已同步", "待同步"]
    main.open_child(first.id)
    page = main.children.currentWidget()
    assert find(page, QLabel, "syncBadge").text() == "待同步"

    main.show_section("sync")
    panel = main.sync.panel
    seen: list[tuple[str, bool, str]] = []
    bureau_app.services.sync.progress.connect(
        lambda e: seen.append((e.phase, panel.progress.isVisible(), panel.phase.text()))
    )
    find(panel, QPushButton, "syncNowButton").click()
    assert ("push", True, "正在上传更改：1/1") in seen
    assert all(visible for _phase, visible, _text in seen[:-1]), "the progress bar shows while syncing"
    assert not panel.progress.isVisible()
    assert "上传 1 条" in find(panel, QLabel, "syncResult").text()
    assert find(page, QLabel, "syncBadge").text() == "已同步"
    assert bureau_child(world, first.id).grade == "三年级"
    assert find(main, QLabel, "navSyncStatus").text().startswith("已同步")
    assert find(main.dashboard, QLabel, "dashboardLastSync").text() == "上次同步：2026-11-20 10:00"

    # Offline afterwards: the same password opens the data; with automatic sync off nothing is tried.
    find(panel, QCheckBox, "autoSyncCheck").setChecked(False)
    assert not Preferences(tmp_path / "laptop").auto_sync()
    bureau_app.shutdown()
    again = make_controller(qtbot, tmp_path / "laptop", test_clock)
    reopened = unlock(qtbot, again, director.password)
    assert reopened.isVisible() and again.services.session.user.username == director.username
    assert again.services.sync.last_report is None
    again.shutdown()
    reopened.close()


def test_a_conflict_is_listed_field_by_field_and_resolving_it_clears_it(
    qtbot, bureau_app: AppController, world: World, bureau: LiveBureau, director: Staff, office: Device
) -> None:
    sign_in(qtbot, bureau_app, bureau, director)
    main = bureau_app.main_window
    record = next(r for r in office.all(ChildFile) if r.name == "王小明")
    office.edit(ChildFile, record.id, grade="四年级")
    assert office.sync().pushed == 1
    edit_child(bureau_app, record.id, grade="三年级")
    main.show_section("sync")
    page = main.sync
    find(page.panel, QPushButton, "syncNowButton").click()
    assert bureau_app.services.sync.last_report.conflicts == 1
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
    assert "冲突" not in sync_column(main.children.list)
    main.show_section("sync")
    find(page.panel, QPushButton, "syncNowButton").click()
    assert bureau_child(world, record.id).grade == "三年级"
    assert "冲突 (0)" in page.tabs.tabText(1)
    main.show_section("children")
    assert sync_column(main.children.list) == ["已同步", "已同步"]


def test_a_refused_change_is_kept_in_quarantine_with_its_reason(
    qtbot, bureau_app: AppController, bureau: LiveBureau, director: Staff, office: Device
) -> None:
    sign_in(qtbot, bureau_app, bureau, director)
    main = bureau_app.main_window
    services = bureau_app.services
    record = next(r for r in office.all(ChildFile) if r.name == "王小明")
    final = visit(ChildFile(id=record.id, name=record.name), state="FINAL")
    with write_changes(services.session.workspace.engine, services.session.actor, clock=services.clock) as writer:
        writer.save(final)
    main.show_section("sync")
    page = main.sync
    find(page.panel, QPushButton, "syncNowButton").click()
    with write_changes(services.session.workspace.engine, services.session.actor, clock=services.clock) as writer:
        stored = writer.session.get(ChildVisit, final.id)
        stored.notes = "事后修改"
        writer.save(stored)
    find(page.panel, QPushButton, "syncNowButton").click()
    assert services.sync.last_report.quarantined == 1
    assert "隔离 (1)" in page.tabs.tabText(2)
    quarantine = page.quarantine
    assert quarantine.model.rowCount() == 1
    reason_column = next(i for i, c in enumerate(quarantine.model.columns) if c.key == "reason")
    assert "更正" in quarantine.proxy.index(0, reason_column).data()
    assert quarantine.proxy.index(0, 0).data() == "探访记录"
    assert services.sync_states.state("child_visit", final.id) == "QUARANTINED"
    main.show_section("children")
    main.open_child(record.id)
    main.children.open_visit(final.id)
    editor = main.children.currentWidget()
    assert find(editor, QLabel, "syncBadge").text() == "隔离"


def test_a_stolen_device_is_wiped_and_says_so(
    qtbot, bureau_app: AppController, bureau: LiveBureau, director: Staff, office: Device, tmp_path: Path
) -> None:
    sign_in(qtbot, bureau_app, bureau, director)
    device_id = bureau_app.services.session.device_id
    devices.revoke(bureau.engine, device_id, DeviceState.STOLEN, now=utc_now())
    bureau_app.main_window.show_section("sync")
    find(bureau_app.main_window.sync.panel, QPushButton, "syncNowButton").click()
    assert bureau_app.main_window is None and bureau_app.services is None
    first_run = bureau_app.first_run
    assert first_run is not None and first_run.isVisible()
    notice = find(first_run, QFrame, "firstRunNotice")
    assert notice.isVisibleTo(first_run) and "已被民政局停用" in notice.accessibleName()
    assert not is_workspace(tmp_path / "laptop")


def test_a_refused_sign_in_says_why_and_leaves_nothing_behind(
    qtbot, bureau_app: AppController, bureau: LiveBureau, director: Staff, tmp_path: Path
) -> None:
    sign_in(qtbot, bureau_app, bureau, director, password="wrong-password")
    dialog = bureau_app.sign_in_dialog
    error = find(dialog, QLabel, "signInError")
    assert error.isVisibleTo(dialog) and error.text()
    assert bureau_app.main_window is None
    assert not (tmp_path / "laptop" / "workspace.json").exists()
    assert find(dialog, QPushButton, "signInOk").isEnabled()


def test_a_long_record_name_in_quarantine_wraps_and_leaves_the_reason_in_sight(qtbot, app_controller) -> None:  # type: ignore[no-untyped-def]
    main = unlock(qtbot, app_controller)
    main.resize(1366, 768)
    main.show_section("sync")
    page = main.page("sync").quarantine
    name = "𠮷䶮" + "名" * 62
    refused = QuarantineView(
        seq=1,
        table_name="child_file",
        record_id="r1",
        op="UPSERT",
        reason="数据无效：“姓名”过长（最多 64 个字符）",
        created_at=utc_now(),
        attempts=1,
        values={"name": name},
    )
    page.model.set_rows([refused])
    main.page("sync").tabs.setCurrentWidget(page)
    QApplication.processEvents()
    header = page.table.horizontalHeader()
    assert page.proxy.index(0, 0).data() == f"儿童档案 {name}", "the whole name, nothing cut or changed"
    reason = next(i for i, c in enumerate(page.model.columns) if c.key == "reason")
    assert header.sectionViewportPosition(reason) + header.sectionSize(reason) <= page.table.viewport().width()
    assert header.sectionSize(reason) >= page.table.fontMetrics().horizontalAdvance(refused.reason)
