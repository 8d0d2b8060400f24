"""The About page: versions and encryption status, a diagnostics text without personal data; start-up failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton
from tests.ui.helpers import find, unlock

from fieldvisit import __version__
from fieldvisit.store.migrate import MigrationError, NewerDatabaseError
from fieldvisit.store.workspace import DEMO_PASSWORD
from fieldvisit.ui.settings.diagnostics import path_shape


def test_copied_diagnostics_have_versions_and_encryption_but_no_personal_data(qtbot, app_controller) -> None:
    main = unlock(qtbot, app_controller)
    main.show_section("settings")
    main.settings.show_tab(main.about)
    about = main.about
    qtbot.waitUntil(lambda: about.diagnostics is not None)
    find(about, QPushButton, "copyDiagnosticsButton").click()
    copied = QGuiApplication.clipboard().text()
    assert copied == about.text()
    assert __version__ in copied and "SQLCipher" in copied and "PySide6 6.11" in copied
    assert about.diagnostics.header_encrypted and about.diagnostics.cipher
    assert "数据库: 已加密（SQLCipher" in copied and "未加密" not in copied
    services = app_controller.services
    personal = set()
    for row in services.children.list():
        dossier = services.children.get(row.id)
        personal |= {
            row.name,
            row.id_number,
            row.file_no,
            dossier.child.guardian.get("name", "") if dossier.child.guardian else "",
        }
    for user in services.reference.users():
        personal |= {user.display_name, user.username}
    personal |= {str(Path.home()), str(services.session.workspace.path)}
    personal |= {part for part in services.session.workspace.path.parts if "pytest-of-" in part}
    personal.discard("")
    leaked = sorted(p for p in personal if p in copied)
    assert leaked == []
    assert find(about, QLabel, "diagnosticsCopied").text()


def test_path_shape_keeps_only_the_data_folders_shape(tmp_path: Path) -> None:
    home = tmp_path / "zhangsan"
    assert path_shape(home / ".local/share/FieldVisit/workspace", home) == "~/.local/share/FieldVisit/workspace"
    assert path_shape(Path("/data/users/zhangsan/FieldVisit/workspace"), home) == "…/FieldVisit/workspace"


@pytest.mark.parametrize(
    "error",
    [
        NewerDatabaseError("newer", "此数据文件由更新版本的民政走访创建，当前版本无法打开。"),
        MigrationError("failed", "数据升级失败，原数据文件未改动。"),
    ],
    ids=["newer-database", "migration-failed"],
)
def test_a_migration_failure_is_shown_in_chinese_on_the_unlock_screen(
    qtbot, app_controller, monkeypatch: pytest.MonkeyPatch, error: MigrationError
) -> None:
    import fieldvisit.store.quick_open as quick_open
    import fieldvisit.store.services.access as access

    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    # A migration runs only for a database at another revision, which unlocking opens the full way at once.
    monkeypatch.setattr(quick_open, "SCHEMA_HEAD", "0001")
    monkeypatch.setattr(access, "open_workspace", refuse)
    window = app_controller.unlock_window
    qtbot.keyClicks(find(window, QLineEdit, "passwordEdit"), DEMO_PASSWORD)
    find(window, QPushButton, "unlockButton").click()
    shown = find(window, QLabel, "unlockError")
    assert shown.isVisibleTo(window) and shown.text() == error.message_zh
    assert app_controller.main_window is None and app_controller.reporter.count == 0
    assert find(window, QPushButton, "unlockButton").isEnabled()


def test_a_failure_to_open_after_the_dashboard_showed_returns_to_the_unlock_screen(
    qtbot, app_controller, monkeypatch: pytest.MonkeyPatch
) -> None:
    import fieldvisit.store.services.access as access

    error = MigrationError("failed", "数据升级失败，原数据文件未改动。")

    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(access, "open_workspace", refuse)
    window = app_controller.unlock_window
    qtbot.keyClicks(find(window, QLineEdit, "passwordEdit"), DEMO_PASSWORD)
    find(window, QPushButton, "unlockButton").click()
    shown = find(window, QLabel, "unlockError")
    qtbot.waitUntil(lambda: shown.isVisibleTo(window))
    assert shown.text() == error.message_zh and window.isVisible()
    assert app_controller.main_window is None and app_controller.reporter.count == 0
