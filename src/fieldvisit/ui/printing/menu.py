"""The 打印 button of a record page: a drop-down of the documents that page can print."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, SignalInstance
from PySide6.QtWidgets import QPushButton, QWidget

from fieldvisit.ui.shell.widgets import menu_button

PrintEntry = tuple[str, str, str]
"""(what to print, its title on the menu and the preview, the action's objectName)."""


def print_menu_button(parent: QWidget, entries: Sequence[PrintEntry], requested: SignalInstance) -> QPushButton:
    """A "Print…" button whose menu emits `requested(what, title)`; with no entries it is hidden."""
    text = QCoreApplication.translate("PrintMenu", "Print…")
    result = menu_button(text, "printButton", parent=parent)
    set_print_entries(result, entries, requested)
    return result


def set_print_entries(print_button: QPushButton, entries: Sequence[PrintEntry], requested: SignalInstance) -> None:
    """Replace the documents offered (a case gains notices and re-inspections as it moves on)."""
    menu = print_button.menu()
    menu.clear()
    for what, title, object_name in entries:
        action = menu.addAction(title)
        action.setObjectName(object_name)
        action.triggered.connect(lambda _=False, w=what, t=title: requested.emit(w, t))
    print_button.setVisible(bool(entries))
