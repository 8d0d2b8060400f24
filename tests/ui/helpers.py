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
    """Type the password on the unlock screen and press Enter; returns the main window once its sections can open.

    The dashboard shows first; the workspace is opened fully (the services) once it is painted.
    """
    from PySide6.QtWidgets import QLineEdit

    window = controller.unlock_window
    edit = find(window, QLineEdit, "passwordEdit")
    qtbot.keyClicks(edit, password)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: controller.main_window is not None and controller.main_window.isVisible())
    qtbot.waitUntil(lambda: controller.main_window.services is not None)
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


def choose(parent: QWidget, name: str, value: object) -> None:
    """Pick the option whose value is `value` in the drop-down of field `name`."""
    from PySide6.QtWidgets import QComboBox

    combo = find(parent, QComboBox, f"input_{name}")
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered by {name}"
    combo.setCurrentIndex(index)


def tick(parent: QWidget, name: str, value: object, on: bool = True) -> None:
    """Tick (or untick) one box of a multiple-choice field, or a yes/no answer ("yes"/"no")."""
    from PySide6.QtWidgets import QAbstractButton

    box = find(parent, QAbstractButton, f"input_{name}_{value}")
    if box.isChecked() != on:
        box.click()


def fill(parent: QWidget, name: str, text: str) -> None:
    """Replace the text of a one-line field, typed as keystrokes (rare characters included)."""
    from PySide6.QtWidgets import QLineEdit

    edit = find(parent, QLineEdit, f"input_{name}")
    edit.selectAll()
    edit.del_()
    type_text(edit, text, per_character=len(text) < 40)
    edit.editingFinished.emit()


def sign(qtbot, parent: QWidget, slot: str) -> None:  # type: ignore[no-untyped-def]
    """Open the signature pad of `slot`, draw a stroke with the mouse and confirm."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QPushButton

    find(parent, QPushButton, f"add_{slot}").click()
    field = find(parent, QWidget, f"field_{slot}")
    dialog = field.dialog
    assert dialog is not None and dialog.isVisible()
    pad = dialog.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 150))
    for x in range(50, 400, 25):
        qtbot.mouseMove(pad, QPoint(x, 150 - (x // 25 % 3) * 30))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(400, 120))
    dialog.ok.click()


def open_row(qtbot, table, text: str) -> None:  # type: ignore[no-untyped-def]
    """Double-click the first row of a table view that shows `text` in any column."""
    model = table.model()
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if index.data() == text:
                table.scrollTo(index)
                rect = table.visualRect(index)
                qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
                return
    raise AssertionError(f"no row shows {text!r}")
