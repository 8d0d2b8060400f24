"""Every interactive widget of the main screens has an objectName (tests use it) and an accessible name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from tests.ui.helpers import unlock

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QTextEdit, QAbstractSpinBox)


def _inside_qt_compound(widget: QWidget) -> bool:
    """Parts Qt builds inside its own widgets (calendar buttons, a combo list, a line edit clear button)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QCalendarWidget | QComboBox | QAbstractSpinBox | QAbstractItemView | QLineEdit):
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_")


def _unnamed(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or _inside_qt_compound(widget):
            continue
        if not widget.objectName() or not widget.accessibleName():
            text = getattr(widget, "text", lambda: "")()
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} {text!r}")
    return missing


def test_every_interactive_widget_is_named(qtbot, app_controller) -> None:
    assert _unnamed(app_controller.unlock_window) == []
    main = unlock(qtbot, app_controller)
    admin = next(u for u in app_controller.services.reference.users() if u.role == "BUREAU_ADMIN")
    main.user_changed.emit(admin.id)
    main = app_controller.main_window
    services = app_controller.services
    screens = []
    for section in ("dashboard", "children", "households", "cases", "sync", "settings"):
        main.show_section(section)
        screens.append(main.page(section))
    main.open_child(services.children.list()[0].id)
    main.children.currentWidget().new_visit.emit(services.children.list()[0].id)
    main.households.start_assessment()
    main.open_case(services.cases.list()[0].id)
    main.cases.start_patrol()
    QApplication.processEvents()
    problems = {}
    for section in ("dashboard", "children", "households", "cases", "sync", "settings"):
        page = main.page(section)
        for index in range(page.count()) if hasattr(page, "count") else [None]:
            widget = page.widget(index) if index is not None else page
            missing = _unnamed(widget)
            if missing:
                problems[widget.objectName()] = missing[:10]
    assert problems == {}


def test_print_and_sign_in_dialogs_are_named(qtbot, app_controller) -> None:
    from fieldvisit.ui.shell.reauth import ReauthDialog
    from fieldvisit.ui.sync.sign_in_dialog import SignInDialog

    main = unlock(qtbot, app_controller)
    services = app_controller.services
    opened: list = []
    services.printer.opened.connect(opened.append)
    child = services.children.list()[0]
    services.printer.preview(main, "child_info", [child.id], "儿童信息登记表")
    qtbot.waitUntil(lambda: bool(opened))
    dialogs = [opened[0], SignInDialog(first_time=True), ReauthDialog("", services.check_password, services.tasks)]
    problems = {dialog.objectName(): _unnamed(dialog) for dialog in dialogs}
    for dialog in dialogs:
        dialog.deleteLater()
    assert {name: missing for name, missing in problems.items() if missing} == {}
