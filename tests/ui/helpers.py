"""Small helpers the UI tests share: finding widgets by objectName, unlocking, reading labels."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from fieldvisit.store.workspace import DEMO_PASSWORD

W = TypeVar("W", bound=QWidget)


def find(parent: QWidget, kind: type[W], name: str) -> W:
    """The one visible-or-not child widget of `kind` named `name` (fails clearly when absent)."""
    found = parent.findChild(kind, name)
    assert found is not None, f"no {kind.__name__} named {name!r} under {parent.objectName()!r}"
    return found


def unlock(qtbot, controller, password: str = DEMO_PASSWORD) -> QWidget:  # type: ignore[no-untyped-def]
    """Type the password on the unlock screen and press Enter; returns the main window."""
    from PySide6.QtWidgets import QLineEdit

    window = controller.unlock_window
    edit = find(window, QLineEdit, "passwordEdit")
    qtbot.keyClicks(edit, password)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None and controller.main_window.isVisible())
    return controller.main_window


def type_text(widget: QWidget, text: str, *, per_character: bool = True) -> None:
    """Type `text` as keystrokes (QTest cannot type non-ASCII: 𠮷, 䶮 and emoji go in as key events with text)."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    chunks = list(text) if per_character else [text]
    for chunk in chunks:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, chunk))
